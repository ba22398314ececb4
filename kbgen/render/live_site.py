"""The preview's site, kept up to date in place: a rebuild renders only the pages whose inputs changed.

A save changes one article, and the few pages that show its title (home, its category, articles that
list it as related); `kbgen build` renders every page of every language, a second and more per save
that grows with the KB. Here each page's own inputs (Markdown, template context) are fingerprinted, and
so is what all pages of a language share (engine settings, navigation, theme, the set of pages,
redirects, assets); a rebuild renders only the pages whose fingerprint changed, through
MkDocs' partial ("dirty") build into the served folder. When a shared input changed, files could go
stale, so the rebuild is a full one: `kbgen build`'s, staged and then swapped in.

A partial rebuild leaves the search index to ``LiveUpdate.write_search_index``, to be called once the
browser has been told to reload. It brings the answer feed up to date itself, writing only the feed's
files that changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kbgen.content.model import KnowledgeBase
from kbgen.render import (
    SEARCH_INDEX_DIR,
    article_documents,
    build_language,
    build_site,
    engine_logging,
    fallback_urls,
    mkdocs_settings,
    output,
    plan_pages,
    prepare_work_dir,
    reproducible,
    search_documents,
    shared_context,
    write_snippets,
)
from kbgen.render.answer_feed import write_answer_feed
from kbgen.render.site_plan import LanguagePlan
from kbgen.search.index import write_index

_SNIPPET_MARK = "-8<-"  # in every form of pymdownx.snippets' include line (-{1,}8<-{1,})


@dataclass(frozen=True)
class _LanguageInputs:
    shared: str  # what every page of the language depends on
    pages: dict[str, str]  # docs path -> the page's own inputs
    sitemap: str  # 404.html and sitemap.xml render on every build; the root sitemap lists every language
    search: str


@dataclass
class LiveUpdate:
    pages: int  # in the whole site
    rendered: int  # by this update
    full: bool
    site_dir: Path
    kb: KnowledgeBase
    stale_search: list[tuple[LanguagePlan, str]] = field(default_factory=list)  # and the documents' fingerprint
    indexed: dict[str, str] = field(default_factory=dict)  # the LiveSite's: language -> fingerprint written

    def write_search_index(self, superseded: Callable[[], bool] = lambda: False) -> None:
        """The search index of each language whose articles changed, swapped in whole; none once
        ``superseded()`` (a newer update writes what is still out of date)."""
        if not self.stale_search:
            return
        with output.work_dir(self.site_dir) as work:  # an FAQ page's sections are rendered with its blocks
            snippets_dir = write_snippets(self.kb, Path(work) / "snippets")
            for plan, documents in self.stale_search:
                if superseded():
                    return
                target = self.site_dir / plan.prefix / SEARCH_INDEX_DIR
                staged = output.staging_dir(target)
                try:
                    write_index(search_documents(plan, snippets_dir), self.kb.config.search.synonyms, staged)
                    output.publish(staged, target)
                except BaseException:
                    output.discard(staged)
                    raise
                self.indexed[plan.lang] = documents


class LiveSite:
    """The site in ``site_dir``, and the fingerprints of the inputs it was last built from."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        self._built: dict[str, _LanguageInputs] | None = None
        self._indexed: dict[str, str] = {}  # language -> fingerprint of the documents its index holds
        self._feed: dict[str, str] = {}  # the answer feed's files in the site, and their digests

    def update(self, kb: KnowledgeBase, today: date) -> LiveUpdate:
        """Bring the site up to date with ``kb``; raises KbgenError as build_site does.

        A failed full update leaves the site as it was; a failed partial one may have written some of
        its pages (MkDocs fails mostly before writing any), and the next update is a full one.
        """
        plans = plan_pages(kb, today)
        previous, self._built = self._built, None  # a failed update leaves pages of unknown age: next is full
        pages = sum(len(p.pages) for p in plans)
        rendered = 0
        with output.work_dir(self.site_dir) as work_name, engine_logging(False), reproducible(kb):
            work = Path(work_name)
            theme_dir, snippets_dir = prepare_work_dir(kb, work)
            inputs = {plan.lang: _language_inputs(kb, plan, plans, theme_dir) for plan in plans}
            partial = previous is not None and _same_shape(previous, inputs)
            for plan in plans if partial else ():
                before, now = previous[plan.lang], inputs[plan.lang]
                changed = {src for src, key in now.pages.items() if before.pages[src] != key}
                if changed or before.sitemap != now.sitemap:
                    build_language(kb, plan, plans, work, theme_dir, snippets_dir, self.site_dir,
                                   changed=changed, search=False)
                    rendered += len(changed)
            if partial:
                self._feed = write_answer_feed(kb, plans, self.site_dir, snippets_dir, today, self._feed)
        if not partial:  # outside the work folder: build_site clears every leftover staging folder
            self._feed = build_site(kb, self.site_dir, today).feed
            self._built = inputs
            self._indexed = {lang: now.search for lang, now in inputs.items()}
            return LiveUpdate(pages, pages, True, self.site_dir, kb)
        self._built = inputs
        stale = [(plan, inputs[plan.lang].search) for plan in plans
                 if self._indexed.get(plan.lang) != inputs[plan.lang].search]
        return LiveUpdate(pages, rendered, False, self.site_dir, kb, stale, self._indexed)


def _same_shape(before: dict[str, _LanguageInputs], now: dict[str, _LanguageInputs]) -> bool:
    """Same languages, same pages, same shared inputs: a partial build leaves nothing stale."""
    return list(before) == list(now) and all(
        before[lang].shared == now[lang].shared and before[lang].pages.keys() == now[lang].pages.keys()
        for lang in now)


def _language_inputs(kb: KnowledgeBase, plan: LanguagePlan, plans: list[LanguagePlan],
                     theme_dir: Path) -> _LanguageInputs:
    # The work folder is new on every update: its paths are not inputs, the files in it are.
    settings = mkdocs_settings(kb, plan, Path("docs"), theme_dir, Path("snippets"), Path("site"))
    settings["theme"]["custom_dir"] = "theme"
    shared = dict(shared_context(kb, plan, plans))
    sitemap = shared.pop("sitemap")
    assets = [(target, (kb.root / source).stat()) for source, target in plan.assets]
    files = (sorted(page.src for page in plan.pages), _folder_contents(theme_dir),
             [(target, stat.st_size, stat.st_mtime_ns) for target, stat in assets])
    # Shared blocks are inputs of the pages that include one (a block can include another only from there).
    snippets = _fingerprint(sorted((name, snippet.body) for name, snippet in kb.snippets.items()))
    return _LanguageInputs(
        shared=_fingerprint(settings, shared, fallback_urls(plan, plans[0]), plan.redirects, files),
        pages={page.src: _fingerprint(page.kind, page.title, page.markdown, page.context, page.lastmod,
                                      snippets if _SNIPPET_MARK in page.markdown else None)
               for page in plan.pages},
        sitemap=_fingerprint(sitemap),
        # An FAQ page's sections follow from its Markdown and the blocks it includes.
        search=_fingerprint(article_documents(plan), kb.config.search.synonyms, snippets),
    )


def _folder_contents(folder: Path) -> list[tuple[str, int, int]]:
    """Name, size and time stamp of each file: the merged theme is copied with its files' time stamps."""
    return [(path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file() for stat in [path.stat()]]


def _fingerprint(*parts) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode("utf-8")).hexdigest()
