"""Foreign Markdown (MkDocs, VuePress, Docusaurus, GitHub wiki, Adobe Experience League) -> kbgen articles.

Pure text work: what a file's title, summary and body become, and what could not be converted.
Reading and writing files is kbgen.adopt.folder's job.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

SUMMARY_LIMIT = 200
# Navigation files of other generators: they list pages, they are not articles.
NAVIGATION_FILES = {"toc.md", "summary.md", "_sidebar.md", "_navbar.md", "_footer.md", "_header.md"}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ANCHOR_ATTR = re.compile(r"\s*\{#[^}\s]+\}\s*$")
# VuePress `::: tip Title`, Docusaurus `:::tip[Title]`; closed by a line of the same colons.
_CONTAINER_OPEN = re.compile(r"^(\s*)(:{3,})\s*([A-Za-z]+)\s*(?:\[(.*)\]|(.*))$")
_CONTAINER_CLOSE = re.compile(r"^\s*(:{3,})\s*$")
# GitHub `> [!NOTE]`, Adobe `>[!NOTE]` (no space), with the kinds Adobe adds.
_ALERT = re.compile(r"^(\s*)>\s*\[!([A-Za-z]+)\]\s*(.*)$")
_ADOBE_INLINE = re.compile(r"\[!(?:DNL|UICONTROL|BADGE)\s+([^\]]+)\]")
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?)\s*\)")
# GitHub wiki: [[Page Name]] or [[Link text|Page Name]]; the page's file is Page-Name.md.
_WIKI_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
_SENTENCE_END = re.compile(r"[。．！？!?]|\.(?=\s|$)")

# What each foreign admonition kind becomes among GitHub's five alerts (markdown-callouts renders them).
ALERT_KINDS = {
    "note": "NOTE", "info": "NOTE", "tip": "TIP", "hint": "TIP", "important": "IMPORTANT",
    "warning": "WARNING", "caution": "CAUTION", "danger": "CAUTION", "error": "CAUTION",
    "success": "TIP", "details": "NOTE", "admin": "NOTE", "availability": "NOTE", "prerequisites": "NOTE",
}


@dataclass(frozen=True)
class Unconverted:
    line: int
    kind: str  # short label used to group the summary, e.g. "Liquid/Jekyll tag"
    text: str


@dataclass
class Conversion:
    body: str
    converted: dict[str, int] = field(default_factory=dict)  # what was rewritten, by kind
    unconverted: list[Unconverted] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.converted[kind] = self.converted.get(kind, 0) + 1


def title_from(front_matter: dict, body: str, fallback: str) -> str:
    if isinstance(front_matter.get("title"), str) and front_matter["title"].strip():
        return front_matter["title"].strip()
    heading = _first_heading(body)
    if heading:
        return heading[1]
    return fallback.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"


def drop_title_heading(body: str) -> str:
    """The body without its opening `# heading`: that is the document's own title (worded like the
    front matter's or not), and the article page already shows the title as its only level-1 heading."""
    heading = _first_heading(body)
    if heading is None:
        return body
    lines = body.split("\n")
    del lines[heading[0]]
    return "\n".join(lines).lstrip("\n")


def _first_heading(body: str) -> tuple[int, str] | None:
    """(line index, text) of the first level-1 heading before any paragraph text."""
    for index, line in enumerate(body.split("\n")):
        match = _HEADING.match(line)
        if match and len(match.group(1)) == 1:
            return index, _ANCHOR_ATTR.sub("", match.group(2)).strip()
        if line.strip() and not line.lstrip().startswith(("<!--", "[")):
            return None
    return None


def summary_from(front_matter: dict, body: str, title: str) -> str:
    """The description, else the first paragraph, as plain text of at most SUMMARY_LIMIT characters."""
    for key in ("description", "summary", "excerpt"):
        text = plain_text(front_matter[key]) if isinstance(front_matter.get(key), str) else ""
        if text:
            return shorten(text)
    paragraph = _first_paragraph(body)
    return shorten(plain_text(paragraph)) if paragraph else shorten(title)


def _first_paragraph(body: str) -> str:
    lines: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        stripped = line.strip()
        if in_fence:
            continue
        if not stripped:
            if lines:
                break
            continue
        if stripped.startswith(("#", ">", "!", "<", "|", ":::", "-", "*", "+", "{%")) or re.match(r"\d+\.", stripped):
            if lines:
                break
            continue
        lines.append(stripped)
    return " ".join(lines)


def plain_text(markdown: str) -> str:
    text = _ADOBE_INLINE.sub(r"\1", markdown)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = html.unescape(text).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """At most ``limit`` characters, cut after the last sentence end that fits (else at a word, with …)."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit) if m.end() <= limit]
    if ends:
        return text[: ends[-1]].strip()
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


def convert_body(body: str, resolve_link: Callable[[str], str | None]) -> Conversion:
    """Rewrite containers, alerts, Adobe inline markers and links; list what stays unconverted.

    ``resolve_link(target)`` gives the new relative link for a local target (another imported file, or an
    image it copied), or None when there is nothing to link to.
    """
    result = Conversion("")
    out: list[str] = []
    containers: list[tuple[str, str]] = []  # (colons, indent + '> ') of the open ones
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=1):
        prefix = "".join(p for _, p in containers)
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(prefix + line if line.strip() else prefix.rstrip())
            continue
        if in_fence:
            out.append(prefix + line)
            continue
        close = _CONTAINER_CLOSE.match(line)
        if close and containers and len(close.group(1)) == len(containers[-1][0]):
            containers.pop()
            out.append("")
            continue
        opening = _CONTAINER_OPEN.match(line)
        if opening:
            indent, colons, kind = opening.group(1), opening.group(2), opening.group(3).lower()
            title = (opening.group(4) or opening.group(5) or "").strip()
            out.append(f"{prefix}{indent}> [!{_alert_kind(kind, number, result)}]")
            if title:
                out.append(f"{prefix}{indent}> **{title}**")
                out.append(f"{prefix}{indent}>")
            containers.append((colons, f"{indent}> "))
            result.count("container (::: kind)")
            continue
        alert = _ALERT.match(line)
        if alert:
            indent, kind, rest = alert.groups()
            out.append(f"{prefix}{indent}> [!{_alert_kind(kind.lower(), number, result)}]")
            if rest.strip():
                out.append(f"{prefix}{indent}> {rest.strip()}")
            result.count("alert (>[!KIND])")
            continue
        line = _normalise_quote(line)
        line = _ADOBE_INLINE.sub(lambda m: _counted(result, "Adobe [!DNL]/[!UICONTROL] marker", m.group(1)), line)
        line = _LINK.sub(lambda m, number=number: _rewrite_link(m, number, resolve_link, result), line)
        line = _WIKI_LINK.sub(lambda m, number=number: _wiki_link(m, number, resolve_link, result), line)
        for match in _LIQUID.finditer(line):
            result.unconverted.append(Unconverted(number, "Liquid/Jekyll tag", match.group(0)))
        anchor = _ANCHOR_ATTR.search(line) if _HEADING.match(line) else None
        if anchor:
            result.unconverted.append(Unconverted(number, "{#anchor} heading id (kept: rendered by attr_list)",
                                                  anchor.group(0).strip()))
        out.append(prefix + line if line.strip() else prefix.rstrip())
    for _ in containers:
        result.unconverted.append(Unconverted(number, "unclosed ::: container", ":::"))
    result.body = "\n".join(out)
    return result


def _wiki_link(match: re.Match, line: int, resolve_link: Callable[[str], str | None], result: Conversion) -> str:
    text, page = match.group(1).strip(), (match.group(2) or match.group(1)).strip()  # [[Link text|Page]]
    resolved = resolve_link(page.replace(" ", "-") + ".md")
    if resolved is None:
        result.unconverted.append(Unconverted(line, "unresolvable link (left as text and a comment)",
                                              match.group(0)))
        return f"{text}<!-- kbgen import: link target not found: {page} -->"
    result.count("wiki link [[Page]]")
    return f"[{text}]({resolved})"


def _alert_kind(kind: str, line: int, result: Conversion) -> str:
    if kind in ALERT_KINDS:
        return ALERT_KINDS[kind]
    result.unconverted.append(Unconverted(line, "unknown admonition kind (shown as NOTE)", kind))
    return "NOTE"


def _normalise_quote(line: str) -> str:
    """Adobe writes `>text`; Python-Markdown reads it, but `> text` is the form kbgen's own articles use."""
    match = re.match(r"^(\s*)>(?=\S)(?!>)(.*)$", line)
    return f"{match.group(1)}> {match.group(2)}" if match else line


def _counted(result: Conversion, kind: str, replacement: str) -> str:
    result.count(kind)
    return replacement


def _rewrite_link(match: re.Match, line: int, resolve_link: Callable[[str], str | None],
                  result: Conversion) -> str:
    bang, text, target, title = match.groups()
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
        return match.group(0)
    path, _, fragment = target.partition("#")
    resolved = resolve_link(path) if path else None
    if resolved is None:
        # Keep the page buildable: the link (or image) becomes its text, the target stays in a comment.
        if bang:
            result.unconverted.append(Unconverted(line, "missing image (left as a comment)", target))
            return f"<!-- kbgen import: image not found: {match.group(0)} -->"
        result.unconverted.append(Unconverted(line, "unresolvable link (left as text and a comment)", target))
        return f"{text}<!-- kbgen import: link target not found: {target} -->"
    result.count("image copied" if bang else "link between imported files")
    return f"{bang}[{text}]({resolved}{'#' + fragment if fragment else ''}{title})"


def drop_missing_anchors(body: str, ids_of: Callable[[str], frozenset[str] | None]) -> tuple[str, list[Unconverted]]:
    """Links to an anchor the target does not have now go to the top of the page (they would be KB302).

    ``ids_of(path)`` gives the ids of the article a relative link points at ('' for this one), or None when
    it is not an imported article.
    """
    problems: list[Unconverted] = []

    def fix(match: re.Match, number: int) -> str:
        bang, text, target, title = match.groups()
        path, _, fragment = target.partition("#")
        if bang or not fragment or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            return match.group(0)
        ids = ids_of(path)
        if ids is None or fragment in ids:
            return match.group(0)
        problems.append(Unconverted(number, "anchor not found (link now goes to the page)", target))
        return f"[{text}]({path}{title})" if path else text

    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        lines[number - 1] = _LINK.sub(lambda m, number=number: fix(m, number), line)
    return "\n".join(lines), problems
