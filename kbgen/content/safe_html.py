"""A Python-Markdown extension: nothing an article's Markdown says can run script on the help center.

Articles are written by many people and reviewed as Markdown diffs, where a `<script>` or an
`onerror=` attribute is easy to miss. Two places can carry it:

- the element tree (Markdown links and images, ``{: onclick=… }`` attribute lists, ``<div markdown>``
  blocks): an unsafe URL (``javascript:``, ``vbscript:``, ``data:`` other than an image) or an
  event-handler attribute is dropped, so the link stays as inert text;
- raw HTML, which Python-Markdown keeps aside and pastes back at the end: a fragment holding a
  script-capable element (script, iframe, object, form, svg, …), an event handler or an unsafe URL is
  shown escaped, as text. Escaping rather than stripping keeps the writer's text visible on the page
  (the preview shows exactly what was refused) and loses nothing silently; `kbgen check` reports
  the same constructs as findings. Harmless raw HTML (``<kbd>``, ``<br>``, ``<details>``) stays.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

UNSAFE_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style",
    "form", "svg", "math", "template", "noscript",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                            "cite", "srcdoc"})
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")  # browsers skip these inside "java\tscript:"


def unsafe_url(value: str, attribute: str = "href") -> bool:
    """True for URLs a browser would run as script (or render as a document) when followed."""
    url = _IGNORED_IN_SCHEME.sub("", html.unescape(value)).lower()
    if attribute == "srcdoc":
        return True
    if url.startswith(("javascript:", "vbscript:")):
        return True
    return url.startswith("data:") and not (attribute in ("src", "poster") and url.startswith("data:image/"))


def unsafe_attribute(name: str, value: str | None) -> bool:
    name = name.lower()
    return name.startswith("on") or (name in URL_ATTRIBUTES and value is not None and unsafe_url(value, name))


class _FragmentScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag in UNSAFE_ELEMENTS or any(unsafe_attribute(name, value) for name, value in attrs):
            self.unsafe = True

    def handle_endtag(self, tag) -> None:
        if tag in UNSAFE_ELEMENTS:
            self.unsafe = True


# The toc extension runs every postprocessor once per heading, so each raw HTML block of a page is judged
# again for each of its headings; and a KB repeats the same small fragments (<br>, <kbd>) across pages.
@functools.lru_cache(maxsize=1024)
def unsafe_fragment(fragment: str) -> bool:
    scan = _FragmentScan()
    scan.feed(fragment)
    scan.close()
    return scan.unsafe


def neutralise_tree(root: etree.Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        for name in [n for n, v in element.attrib.items() if unsafe_attribute(n, v)]:
            del element.attrib[name]
        if (element.tag == "a" and "href" not in element.attrib) or (
                element.tag == "img" and "src" not in element.attrib):
            # Inert text (MkDocs expects every link to have a target; an image without one shows nothing).
            element.text = element.attrib.pop("alt", None) if element.tag == "img" else element.text
            element.tag = "span"
        elif element.tag.lower() in UNSAFE_ELEMENTS:
            element.tag = "div"
            element.attrib.clear()


class _NeutraliseTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        neutralise_tree(root)


class _EscapeUnsafeRawHtml(Postprocessor):
    """Runs just before the raw HTML is pasted back (priority above raw_html's 30)."""

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for i, block in enumerate(blocks):
            if isinstance(block, etree.Element):  # md_in_html keeps parsed blocks as elements
                neutralise_tree(block)
            elif unsafe_fragment(str(block)):
                blocks[i] = html.escape(str(block), quote=False)
        return text


class SafeHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        # Late among treeprocessors (inline is 20, attr_list 8), so every attribute is in place.
        md.treeprocessors.register(_NeutraliseTree(md), "kbgen_safe_html", 1)
        md.postprocessors.register(_EscapeUnsafeRawHtml(md), "kbgen_safe_raw_html", 35)


def makeExtension(**kwargs) -> SafeHtmlExtension:  # noqa: N802
    return SafeHtmlExtension(**kwargs)
