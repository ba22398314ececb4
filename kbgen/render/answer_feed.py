"""The answer feed: what a support bot or an AI assistant reads instead of crawling the pages.

Each built language gets, beside its home page (the site root for the default language, ``en/`` …):

- ``llms.txt`` (llmstxt.org): the help center's name and description, a section per category listing
  each article's Markdown copy with its short answer, and the other languages' ``llms.txt``;
- ``<category>/<id>/index.md`` beside each article's page: the question, the short answer, the overdue
  notice where the page shows one, and the body with its shared blocks included and its links absolute;
- ``articles.json`` (docs/articles.schema.json): every article with its review dates and ``overdue``,
  so that a bot can refuse to quote an answer nobody has checked in time.

Only published articles that have not expired are in it. The files are written once MkDocs has built
every language, or while it builds the last one when processes share out its articles: the default
language's whole build (one process) empties the site folder. Neither the search index nor the
sitemap lists them.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from kbgen.content.config import text_in
from kbgen.content.freshness import is_expired, is_overdue, review_due
from kbgen.content.model import Article, KnowledgeBase
from kbgen.render.shared_blocks import BlockIncluder
from kbgen.render.site_plan import LanguagePlan, article_src, page_path
from kbgen.render.strings import ui_strings

FEED_VERSION = 1
LLMS_TXT = "llms.txt"
ARTICLES_JSON = "articles.json"
MARKDOWN_COPY = "index.md"

# The target of an inline link or image, and of a reference definition: the ones a body's relative
# links are written in (the linter, KB301, holds them to existing files).
_INLINE_TARGET = re.compile(r"(\]\(\s*<?)([^()\s<>]+)")
_REFERENCE_TARGET = re.compile(r"^( {0,3}\[[^\]\n]+\]:\s*<?)([^\s<>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class _Entry:
    article: Article
    url: str  # the page's absolute URL; its Markdown copy is url + MARKDOWN_COPY
    category_title: str
    review_due: date
    overdue: bool
    body: str  # shared blocks included, links absolute


def write_answer_feed(kb: KnowledgeBase, plans: list[LanguagePlan], site_root: Path, snippets_dir: Path,
                      today: date, written: dict[str, str] | None = None) -> dict[str, str]:
    """Write every language's feed into ``site_root``; returns each file's digest, by site path.

    Given the digests of the feed already there (``written``), only changed files are written and
    files no longer in the feed are removed: `kbgen serve` calls this on every save.
    """
    files = feed_files(kb, plans, snippets_dir, today)
    digests = {path: hashlib.blake2b(body).hexdigest() for path, body in files.items()}
    previous = written or {}
    for path, body in files.items():
        if previous.get(path) != digests[path]:
            target = site_root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
    for path in sorted(previous.keys() - files.keys()):
        (site_root / path).unlink(missing_ok=True)
    return digests


def feed_files(kb: KnowledgeBase, plans: list[LanguagePlan], snippets_dir: Path, today: date) -> dict[str, bytes]:
    """The contents of every file of the feed, by path relative to the site root."""
    includer = BlockIncluder(snippets_dir)
    files: dict[str, bytes] = {}
    for plan in plans:
        pages = {page.src for page in plan.pages}
        entries = [_entry(kb, plan, article, includer, pages, today)
                   for article in _feed_articles(kb, plan.lang, today)]
        for entry in entries:
            files[entry.url[len(kb.config.site.url):] + MARKDOWN_COPY] = _markdown_copy(entry).encode("utf-8")
        files[plan.prefix + LLMS_TXT] = _llms_txt(kb, plan, plans, entries).encode("utf-8")
        files[plan.prefix + ARTICLES_JSON] = _articles_json(kb, plan, entries, today)
    return files


def _feed_articles(kb: KnowledgeBase, lang: str, today: date) -> list[Article]:
    """Published, unexpired articles in ``lang``, in the site's order: categories as configured, then title."""
    order = {key: number for number, key in enumerate(kb.config.categories)}
    return sorted((a for a in kb.published(lang) if not is_expired(a, today)),
                  key=lambda a: (order[a.category], a.title, a.id))


def _entry(kb: KnowledgeBase, plan: LanguagePlan, article: Article, includer: BlockIncluder,
           pages: set[str], today: date) -> _Entry:
    config = kb.config
    url = config.site.url + plan.prefix + page_path(article_src(article))
    body = _absolute_links(includer.include(article.body), article.category, plan, pages, kb)
    return _Entry(article, url, text_in(config.categories[article.category].title, plan.lang, config.site.language),
                  review_due(article, config), is_overdue(article, config, today), body)


def _absolute_links(body: str, folder: str, plan: LanguagePlan, pages: set[str], kb: KnowledgeBase) -> str:
    """Relative links made absolute, the way the page resolves them: an article link (``x.md``) to its
    page, in the default language when this one lacks it; anything else to the file the site copied."""
    site_url = kb.config.site.url

    def absolute(target: str) -> str:
        if not target or _SCHEME.match(target) or target.startswith(("/", "#")):
            return target
        path, hash_mark, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved == ".." or resolved.startswith("../"):
            return target  # outside the site; the linter reports it
        if not path.endswith(".md"):  # normpath drops a folder's closing slash
            return site_url + plan.prefix + resolved + "/" * path.endswith("/") + hash_mark + anchor
        src = unquote(resolved)
        prefix = plan.prefix if src in pages else ""  # else the default language's, at the site root
        return site_url + prefix + page_path(src) + hash_mark + anchor

    def replace(match: re.Match) -> str:
        return match.group(1) + absolute(match.group(2))

    if "](" in body:
        body = _INLINE_TARGET.sub(replace, body)
    if "]:" in body:
        body = _REFERENCE_TARGET.sub(replace, body)
    return body


def _markdown_copy(entry: _Entry) -> str:
    article = entry.article
    parts = [f"# {article.title}", f"> {_one_line(article.summary)}"]
    if entry.overdue:  # the notice the page shows, as a GitHub alert
        parts.append(f"> [!WARNING]\n> {ui_strings(article.lang)['overdue']}")
    if entry.body.strip():
        parts.append(entry.body.strip())
    return "\n\n".join(parts) + "\n"


def _llms_txt(kb: KnowledgeBase, plan: LanguagePlan, plans: list[LanguagePlan], entries: list[_Entry]) -> str:
    config = kb.config
    default = config.site.language
    strings = ui_strings(plan.lang)
    lines = [f"# {_one_line(text_in(config.site.name, plan.lang, default))}", ""]
    description = text_in(config.site.description, plan.lang, default)
    if description:
        lines += [f"> {_one_line(description)}", ""]
    lines += [strings["feed_about"].format(articles_json=config.site.url + plan.prefix + ARTICLES_JSON), ""]
    by_category: dict[str, list[_Entry]] = {}
    for entry in entries:  # already in category order
        by_category.setdefault(entry.article.category, []).append(entry)
    for members in by_category.values():
        lines += [f"## {_one_line(members[0].category_title)}", ""]
        for entry in members:
            note = strings["feed_overdue"] if entry.overdue else ""
            lines.append(f"- [{_link_text(entry.article.title)}]({entry.url}{MARKDOWN_COPY}): "
                         f"{_one_line(entry.article.summary)}{note}")
        lines.append("")
    others = [other for other in plans if other is not plan]
    if others:  # "Optional" is the spec's name for links a reader with little room may skip
        lines += ["## Optional", ""]
        lines += [f"- [{ui_strings(other.lang)['language_name']}]({config.site.url}{other.prefix}{LLMS_TXT}): "
                  f"{ui_strings(other.lang)['feed_language']}" for other in others]
        lines.append("")
    return "\n".join(lines)


def _articles_json(kb: KnowledgeBase, plan: LanguagePlan, entries: list[_Entry], today: date) -> bytes:
    config = kb.config
    feed = {
        "version": FEED_VERSION,
        "lang": plan.lang,
        "name": text_in(config.site.name, plan.lang, config.site.language),
        "url": config.site.url + plan.prefix,
        "as_of": today.isoformat(),
        "articles": [{
            "id": entry.article.id,
            "lang": entry.article.lang,
            "url": entry.url,
            "markdown_url": entry.url + MARKDOWN_COPY,
            "title": entry.article.title,
            "summary": entry.article.summary,
            "category": entry.article.category,
            "category_title": entry.category_title,
            "tags": list(entry.article.meta.tags),
            "last_reviewed": entry.article.meta.last_reviewed.isoformat(),
            "review_due": entry.review_due.isoformat(),
            "expires": entry.article.meta.expires.isoformat() if entry.article.meta.expires else None,
            "overdue": entry.overdue,
            "body_markdown": entry.body,
        } for entry in entries],
    }
    # Compact: at 10,000 articles indenting took the slow pure-Python encoder, for seconds per save in kbgen serve.
    return (json.dumps(feed, ensure_ascii=False) + "\n").encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _link_text(text: str) -> str:
    """Brackets would end the link text early."""
    return _one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
