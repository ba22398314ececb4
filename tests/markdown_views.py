"""Two readings of one article: what the checks' fast reader sees, and what the renderer makes of it.

The renderer's reading is Python-Markdown as a page's build makes it (kbgen.render.page_markdown),
its HTML parsed for link targets, image sources and ids. MkDocs' later rewriting of `.md` links into page URLs
is left out on purpose: both readings name targets as the writer wrote them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from kbgen.checks.links import anchors_of, links_in, links_of_body
from kbgen.checks.prose import included_snippets
from kbgen.content.model import Article, FrontMatter, KnowledgeBase, Snippet, SnippetFrontMatter
from kbgen.content.safe_html import unsafe_url
from kbgen.render import page_markdown

# Links the renderer makes itself: footnote references and back-references, heading permalinks.
_OWN_LINKS = ("footnote-ref", "footnote-backref", "headerlink")
# Ids the renderer gives its own machinery, which no writer links to: footnotes' and tab switches'.
_OWN_ID = re.compile(r"fn(?:ref\d*)?:|__tabbed_\d")


@dataclass(frozen=True)
class View:
    links: frozenset[str]
    images: frozenset[str]
    ids: frozenset[str]

    def differences(self, other: View) -> list[str]:
        """'links: only the checks see [...]; only the page has [...]' per construct that differs."""
        found = []
        for construct in ("links", "images", "ids"):
            mine, theirs = getattr(self, construct), getattr(other, construct)
            if mine != theirs:
                found.append(f"{construct}: only the checks see {sorted(mine - theirs)}, "
                             f"only the page has {sorted(theirs - mine)}")
        return found


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: set[str] = set()
        self.images: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "a" and "href" in attributes and not any(own in classes for own in _OWN_LINKS):
            self.links.add(attributes["href"] or "")
        if tag == "img" and "src" in attributes:
            self.images.add(attributes["src"] or "")
        for name in ("id", "name") if tag == "a" else ("id",):
            value = attributes.get(name)
            if value and not _OWN_ID.match(value):  # as KB302 skips them
                self.ids.add(value)


class Renderer:
    """Python-Markdown configured as the site renders articles, shared blocks read from ``snippets``."""

    def __init__(self, snippets: dict[str, str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kbgen-snippets-"))
        for name, text in snippets.items():
            (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / name).write_text(text, encoding="utf-8")
        self.md = page_markdown(self.folder)

    def view(self, body: str) -> View:
        scan = _PageScan()
        scan.feed(self.md.reset().convert(body))
        scan.close()
        return View(frozenset(scan.links), frozenset(scan.images), frozenset(scan.ids))

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def checks_view(article: Article, kb: KnowledgeBase) -> View:
    """What the rules read: the body's links and those of the shared blocks it includes, and its anchors.

    A URL the renderer refuses to link (javascript:, ...) is KB306's finding, not a link of the page.
    """
    links = list(links_in(article))
    for _, name in included_snippets(article):
        if (snippet := kb.snippets.get(name)) is not None:
            links += links_of_body(snippet.body, snippet.body_line)
    shown = [link for link in links if not unsafe_url(link.target, "src" if link.is_image else "href")]
    return View(frozenset(link.target for link in shown if not link.is_image),
                frozenset(link.target for link in shown if link.is_image), anchors_of(article, kb))


_META = FrontMatter(title="t", summary="s", category="c", owner="@o", last_reviewed=date(2026, 1, 1))
_SNIPPET_META = SnippetFrontMatter(owner="@o", last_reviewed=date(2026, 1, 1))


def article_of(body: str, snippets: dict[str, str]) -> tuple[Article, KnowledgeBase]:
    """An article with ``body`` in a knowledge base holding ``snippets`` (name -> body), built in memory."""
    kb = KnowledgeBase(Path("."), None, (), {name: Snippet(name, f"content/_snippets/{name}", _SNIPPET_META, text, 1)
                                             for name, text in snippets.items()}, frozenset())
    return Article("generated", "ja", "content/c/generated.md", _META, body, 1), kb
