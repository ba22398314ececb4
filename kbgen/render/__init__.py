"""Rendering a KnowledgeBase into a static site with MkDocs + Material for MkDocs.

This package is the only place that knows about the engine (Material reaches end of
life in May 2027; swapping engines should touch nothing outside kbgen/render).

May import: `kbgen.content`, `kbgen.search`, `kbgen.reports` (the KB report page), `kbgen.errors`,
mkdocs and material. Never checks: a build's findings come from the command that calls it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from kbgen.content.config import text_in
from kbgen.content.markdown_dialect import markdown_extensions
from kbgen.content.model import KnowledgeBase
from kbgen.errors import KbgenError
from kbgen.render import output
from kbgen.render.answer_feed import write_answer_feed
from kbgen.render.kb_report_page import kb_report_page
from kbgen.render.site_plan import LanguagePlan, plan_site
from kbgen.render.strings import ui_strings
from kbgen.search.index import SearchDocument, write_index
from kbgen.search.sections import faq_sections, is_faq_page
from kbgen.workers import Claims, map_in_processes

if TYPE_CHECKING:
    import markdown

    from kbgen.render.plugin import Part

TEMPLATES = Path(__file__).parent / "templates"
THEME_DIR = "theme"
SEARCH_INDEX_DIR = "search-index"


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    languages: tuple[str, ...]
    feed: dict[str, str] = field(default_factory=dict)  # the answer feed's files and their digests


def build_site(kb: KnowledgeBase, out_dir: Path, today: date, verbose: bool = False,
               progress: Callable[[str, int, int], None] | None = None, processes: int = 1) -> BuildResult:
    """Render ``kb`` into ``out_dir``; on any failure the previous ``out_dir`` is left untouched.

    ``progress(label, pages_done, pages_total)`` is called as pages are written, when given. With
    ``processes`` > 1, that many processes render each language's articles (see build_language).
    """
    plans = plan_pages(kb, today)
    out_dir = out_dir.resolve()
    staged = output.staging_dir(out_dir)
    try:
        with output.work_dir(out_dir) as work, engine_logging(verbose), reproducible(kb):
            theme_dir, snippets_dir = prepare_work_dir(kb, Path(work))
            feed: dict[str, str] = {}

            def write_feed() -> None:
                feed.update(write_answer_feed(kb, plans, staged, snippets_dir, today))

            for plan in plans:  # default language first: MkDocs cleans its site_dir
                build_language(kb, plan, plans, Path(work), theme_dir, snippets_dir, staged, progress,
                               processes=processes, alongside=write_feed if plan is plans[-1] else None)
        output.publish(staged, out_dir)
    except BaseException:
        output.discard(staged)
        raise
    return BuildResult(out_dir, sum(len(p.pages) for p in plans), tuple(p.lang for p in plans), feed)


def plan_pages(kb: KnowledgeBase, today: date) -> list[LanguagePlan]:
    """The site plan, with the team's report page (default language only) when the config asks for it."""
    plans = plan_site(kb, today)
    if kb.config.report.page:
        plans[0].pages.append(kb_report_page(kb, today))
    return plans


def prepare_work_dir(kb: KnowledgeBase, work: Path) -> tuple[Path, Path]:
    """The merged theme and the shared blocks every language's build reads."""
    return _merge_theme(kb, work / "theme"), write_snippets(kb, work / "snippets")


def build_language(kb: KnowledgeBase, plan: LanguagePlan, plans: list[LanguagePlan], work: Path, theme_dir: Path,
                   snippets_dir: Path, site_root: Path, progress: Callable[[str, int, int], None] | None = None,
                   changed: set[str] | None = None, search: bool = True, processes: int = 1,
                   alongside: Callable[[], None] | None = None) -> None:
    """One language's MkDocs build into ``site_root``/its prefix.

    With ``changed`` (docs paths), a partial build over the previous output: only those pages and
    sitemap.xml render. ``search=False`` leaves the search index to the caller. With ``processes`` > 1
    (a whole build from the command line: forking a process that runs threads can deadlock), that many
    processes, this one and forked ones, render the articles, each with its own MkDocs build of all the
    pages that renders only the articles it claims as it reaches them; this one writes the search index
    first and renders the rest too. An article page depends on no other, so each is the same whoever
    renders it. ``alongside()``, work for the whole site, runs after the build, or in this process while
    the forked ones start rendering (a build shared out never empties the site folder).
    """
    from kbgen.render.plugin import Part  # imports MkDocs

    docs = work / f"docs-{plan.lang}"
    _write_docs(kb, plan, docs)

    parallel = changed is None and processes > 1 and any(page.kind == "article" for page in plan.pages)
    progress = shared_progress(progress) if parallel else progress

    def render(part: Part) -> None:
        _render(kb, plan, plans, work / f"mkdocs-{plan.lang}.yml", docs, theme_dir, snippets_dir,
                site_root / plan.prefix, progress, part)

    def render_and_index(part: Part) -> None:
        render(part)
        if search:
            # MkDocs' pages, files and navigation point at each other, so only the cycle collector frees
            # them, and after a build that made millions of objects it would not run for a long while:
            # the search index and the next language would be built on top of the finished build's pages.
            gc.collect()
            write_search_index(kb, plan, site_root / plan.prefix, snippets_dir)

    if parallel:
        claims = Claims()

        def index_and_render() -> None:
            # The index first: meanwhile the forked processes claim articles, and this one claims what
            # they have not reached when it is done, so that all of them finish together. The
            # redirects written with the rest never meet an article: KB307 refuses an alias that is a
            # page's URL.
            if search:
                write_search_index(kb, plan, site_root / plan.prefix, snippets_dir)
            if alongside:
                alongside()
            render(Part(claims=claims))
            gc.collect()  # see render_and_index

        map_in_processes(lambda _: render(Part(claims=claims, rest=False)), range(processes - 1), processes,
                         meanwhile=index_and_render)
    else:
        render_and_index(Part(changed=None if changed is None else frozenset(changed)))
        if alongside:
            alongside()


def _render(kb: KnowledgeBase, plan: LanguagePlan, plans: list[LanguagePlan], config_file: Path, docs: Path,
            theme_dir: Path, snippets_dir: Path, site_dir: Path, progress: Callable[[str, int, int], None] | None,
            part: Part) -> None:
    """One MkDocs build of ``part`` of a language."""
    from mkdocs.commands.build import build
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig(config_file_path=str(config_file))
    config.load_dict(mkdocs_settings(kb, plan, docs, theme_dir, snippets_dir, site_dir))
    errors, _warnings = config.validate()
    if errors:
        raise KbgenError("render: invalid engine configuration: " + "; ".join(f"{k}: {e}" for k, e in errors))
    plugin = config.plugins["kbgen"]
    plugin.configure(plan, shared_context(kb, plan, plans), fallback_urls(plan, plans[0]), progress, part)
    with engine_errors(plan.lang):
        build(config, dirty=part.dirty)


@contextmanager
def engine_errors(lang: str):
    """What rendering raises on a KB's content, as a KbgenError naming the language."""
    from mkdocs.exceptions import MkDocsException
    from pymdownx.snippets import SnippetMissingError

    try:
        yield
    except MkDocsException as exc:
        raise KbgenError(f"render ({lang}): {exc}") from None
    except OSError as exc:  # e.g. a snippet that vanished between check and build
        raise KbgenError(f"render ({lang}): {exc}") from None
    except SnippetMissingError as exc:  # outside content/_snippets counts as missing (restrict_base_path)
        raise KbgenError(f"render ({lang}): {exc}: include only files from content/_snippets/") from None


def shared_progress(progress: Callable[[str, int, int], None] | None) -> Callable[[str, int, int], None] | None:
    """``progress`` counting the pages of every process that shares this language's rendering, and
    drawing under a lock, so that the last count drawn is the finished one."""
    if progress is None:
        return None
    done = multiprocessing.get_context("fork").Value("q", 0)

    def report(label: str, _done_here: int, total: int) -> None:
        with done.get_lock():
            done.value += 1
            progress(label, done.value, total)

    return report


def article_documents(plan: LanguagePlan) -> list[SearchDocument]:
    """Each article's own search document (an FAQ page's sections, which follow from it, are not among them)."""
    return [SearchDocument(url=plan.prefix + page.src[: -len(".md")] + "/", title=page.title,
                           summary=page.context["summary"], category=page.context["category"]["title"],
                           tags=tuple(page.context["tags"]), body=page.markdown)
            for page in plan.pages if page.kind == "article"]


def search_documents(plan: LanguagePlan, snippets_dir: Path) -> list[SearchDocument]:
    """The articles' documents, each FAQ page's followed by its sections': those are read from the page
    rendered as its build renders it (page_markdown, shared blocks from ``snippets_dir``), for the ids of
    its headings. Only FAQ pages are rendered: the index is written before or while the build renders
    the articles (build_language), so it cannot wait for their pages."""
    documents: list[SearchDocument] = []
    md = None
    articles = [page for page in plan.pages if page.kind == "article"]
    for document, page in zip(article_documents(plan), articles, strict=True):
        documents.append(document)
        if is_faq_page(page.markdown):
            md = md or page_markdown(snippets_dir)
            with engine_errors(plan.lang):
                documents += faq_sections(document, md.reset().convert(page.markdown))
    return documents


def page_markdown(snippets_dir: Path) -> markdown.Markdown:
    """Python-Markdown as MkDocs makes it for a page of the site (see _PlanPage): MkDocs' own extensions,
    then mkdocs_settings' (the dialect's), with their settings."""
    import markdown
    from mkdocs.config.defaults import MkDocsConfig

    names, configs = [], {}
    for entry in markdown_extensions(str(snippets_dir)):
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config
    builtins = MkDocsConfig.markdown_extensions.builtins  # first, once each, as MkDocs' option joins them
    return markdown.Markdown(extensions=list(dict.fromkeys(builtins + names)), extension_configs=configs)


def write_search_index(kb: KnowledgeBase, plan: LanguagePlan, site_dir: Path, snippets_dir: Path):
    """kbgen's own search index (Material's search plugin is not used), plus its OpenSearch description."""
    stats = write_index(search_documents(plan, snippets_dir), kb.config.search.synonyms, site_dir / SEARCH_INDEX_DIR)
    (site_dir / "opensearch.xml").write_text(_opensearch(kb, plan), encoding="utf-8")
    return stats


def _opensearch(kb: KnowledgeBase, plan: LanguagePlan) -> str:
    from xml.sax.saxutils import escape, quoteattr

    config = kb.config
    name = text_in(config.site.name, plan.lang, config.site.language)
    template = config.site.url + plan.prefix + "search/?q={searchTerms}"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">\n'
            f"  <ShortName>{escape(name[:16])}</ShortName>\n"
            f"  <Description>{escape(name)}</Description>\n"
            "  <InputEncoding>UTF-8</InputEncoding>\n"
            f"  <Language>{plan.lang}</Language>\n"
            f'  <Url type="text/html" method="get" template={quoteattr(template)}/>\n'
            "</OpenSearchDescription>\n")


def _write_docs(kb: KnowledgeBase, plan: LanguagePlan, docs: Path) -> None:
    """The docs folder holds the assets; the plugin hands MkDocs the pages from memory."""
    docs.mkdir(parents=True)
    for source, target in plan.assets:
        path = docs / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(kb.root / source, path)  # its time stamp tells a partial build the file is unchanged


def write_snippets(kb: KnowledgeBase, target: Path) -> Path:
    """Shared answer blocks without their front matter (owner and review date are not content)."""
    target.mkdir(parents=True)
    for snippet in kb.snippets.values():
        path = target / snippet.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(snippet.body, encoding="utf-8")
    return target


def mkdocs_settings(kb: KnowledgeBase, plan: LanguagePlan, docs: Path, theme_dir: Path, snippets_dir: Path,
                     site_dir: Path) -> dict:
    config = kb.config
    extra_css = ["assets/kbgen.css", "assets/kbgen-search.css"]
    if (theme_dir / "assets" / "extra.css").is_file():
        extra_css.append("assets/extra.css")
    return {
        "site_name": text_in(config.site.name, plan.lang, config.site.language),
        "site_url": config.site.url + plan.prefix,
        "site_description": text_in(config.site.description, plan.lang, config.site.language) or None,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "nav": [{title: src} for title, src in plan.nav],
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir),
            "language": plan.lang,
            "font": False,  # no Google Fonts: the site makes no third-party requests
            "features": ["navigation.top", "navigation.footer", "toc.follow", "content.code.copy"],
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        },
        "extra_css": extra_css,
        "extra_javascript": [{"path": "assets/kbgen-search.js", "defer": True}],
        "plugins": {"kbgen": {}},
        "markdown_extensions": markdown_extensions(str(snippets_dir)),
        "validation": {"links": {"absolute_links": "ignore", "unrecognized_links": "ignore",
                                 "anchors": "ignore", "not_found": "ignore"},
                       "nav": {"omitted_files": "ignore"}},
        "strict": False,
    }


def shared_context(kb: KnowledgeBase, plan: LanguagePlan, plans: list[LanguagePlan]) -> dict:
    config = kb.config
    languages = [{"lang": p.lang, "name": ui_strings(p.lang)["language_name"], "url": p.prefix} for p in plans]
    return {
        "lang": plan.lang,
        "up": "../" * plan.prefix.count("/"),  # from this language's root to the site root
        "home_url": plan.prefix,
        "strings": ui_strings(plan.lang),
        "site_name": text_in(config.site.name, plan.lang, config.site.language),
        "languages": languages,
        "homes": [home for home in languages if home["lang"] != plan.lang],  # the switcher on 404.html
        "contact_url": config.feedback.contact_url,
        "feedback_url": config.feedback.url,
        # The site root's sitemap lists every language; a language folder's own lists only that language.
        "sitemap": [entry for p in (plans if plan is plans[0] else [plan])
                    for entry in p.sitemap(config.site.url, config.site.language)],
    }


def fallback_urls(plan: LanguagePlan, default_plan: LanguagePlan) -> dict[str, str]:
    """Articles this language lacks, by docs path, pointing at the default language's page."""
    if plan is default_plan:
        return {}
    present = {page.src for page in plan.pages}
    return {page.src: page.src[: -len(".md")] + "/" for page in default_plan.pages
            if page.kind == "article" and page.src not in present}


def _merge_theme(kb: KnowledgeBase, target: Path) -> Path:
    """kbgen's own templates, with the KB's theme/ overrides copied on top."""
    shutil.copytree(TEMPLATES, target)
    overrides = kb.root / THEME_DIR
    if overrides.is_dir():
        shutil.copytree(overrides, target, dirs_exist_ok=True)
    return target


@contextmanager
def engine_logging(verbose: bool):
    """MkDocs' and Material's log lines only with --verbose; kbgen prints its own summary."""
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.handlers = [handler] if verbose else [logging.NullHandler()]
    logger.setLevel(logging.INFO if verbose else logging.CRITICAL)
    logger.propagate = False
    try:
        yield
    finally:
        logger.level, logger.propagate, logger.handlers = saved[0], saved[1], saved[2]


@contextmanager
def reproducible(kb: KnowledgeBase):
    """MkDocs stamps the sitemap and its gzip with the build time; pin it to the newest review date."""
    newest = max((a.meta.last_reviewed for a in kb.articles), default=date(2000, 1, 1))
    stamp = int(datetime.combine(newest, time(0), tzinfo=timezone.utc).timestamp())
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
