"""Foreign Markdown (MkDocs, VuePress, Docusaurus, GitHub wiki, Obsidian, Adobe Experience League) -> kbgen
articles.

Pure text work: what a file's title, summary and body become, and what could not be converted.
Reading and writing files is kbgen.adopt.folder's job.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from kbgen.checks.links import heading_id
from kbgen.content.summaries import shorten

# Navigation files of other generators: they list pages, they are not articles.
NAVIGATION_FILES = {"toc.md", "summary.md", "_sidebar.md", "_navbar.md", "_footer.md", "_header.md"}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ANCHOR_ATTR = re.compile(r"\s*\{#[^}\s]+\}\s*$")
# VuePress `::: tip Title`, Docusaurus `:::tip[Title]`; closed by a line of the same colons.
_CONTAINER_OPEN = re.compile(r"^(\s*)(:{3,})\s*([A-Za-z][\w-]*)\s*(?:\[(.*)\]|(.*))$")
_CONTAINER_CLOSE = re.compile(r"^\s*(:{3,})\s*$")
# GitHub `> [!NOTE]`, Adobe `>[!NOTE]` (no space), with the kinds Adobe adds; Obsidian `> [!tip]- Title`
# (its title on the same line, `-` folded, `+` open).
_ALERT = re.compile(r"^(\s*)>\s*\[!([A-Za-z]+)\]([+-]?)\s*(.*)$")
_ADOBE_INLINE = re.compile(r"\[!(?:DNL|UICONTROL|BADGE)\s+([^\]]+)\]")
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?)\s*\)")
# GitHub wiki: [[Page Name]] or [[Link text|Page Name]]; the page's file is Page-Name.md.
_WIKI_LINK = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
# Obsidian: [[Page]], [[Page|text]], [[Page#Heading|text]], [[#Heading]], [[Page#^block]] (`\|` in a
# table); `![[…]]` embeds an image, a file or a note. kbgen.adopt.obsidian says which file a name is.
_OBSIDIAN_LINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|bmp)$", re.I)
_IMAGE_SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")  # ![[image.png|300]], ![[image.png|300x200]]
_BLOCK_ID = re.compile(r"(?:^|\s+)\^[A-Za-z0-9-]+\s*$")  # `text ^b15695`: the target of [[Page#^b15695]]
_OBSIDIAN_COMMENT = re.compile(r"%%(.+?)%%")
# MkDocs Material's icons (`:material-heart-outline:`), drawn by its emoji extension, which kbgen has not.
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:[ \t]?")
EMBEDDED_NOTE = "embedded note or file (now a link to it; copy its text here if it must be read here)"
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")
# A bookmarklet, `<a href="javascript:…">Name</a>`: kbgen shows no script link (KB306).
_BOOKMARKLET = re.compile(r"""<a\b[^<>]*?\bhref\s*=\s*(["'])\s*(javascript:.*?)\1[^<>]*>(.*?)</a>""", re.I)

# What each foreign admonition kind becomes among GitHub's five alerts (markdown-callouts renders them);
# the second line, the kinds Obsidian and MkDocs Material add, by the alert nearest in meaning.
ALERT_KINDS = {
    "note": "NOTE", "info": "NOTE", "tip": "TIP", "hint": "TIP", "important": "IMPORTANT",
    "warning": "WARNING", "caution": "CAUTION", "danger": "CAUTION", "error": "CAUTION",
    "success": "TIP", "details": "NOTE", "admin": "NOTE", "availability": "NOTE", "prerequisites": "NOTE",
    "abstract": "NOTE", "summary": "NOTE", "tldr": "NOTE", "todo": "NOTE", "question": "NOTE", "help": "NOTE",
    "faq": "NOTE", "example": "NOTE", "quote": "NOTE", "cite": "NOTE", "check": "TIP", "done": "TIP",
    "attention": "WARNING", "failure": "CAUTION", "fail": "CAUTION", "missing": "CAUTION", "bug": "CAUTION",
}


REMOTE_IMAGE = "remote image (kept: loaded from another host)"
MISSING_IMAGE = "missing image (left as a comment)"
UNRESOLVED_LINK = "unresolvable link (left as text and a comment)"
ANCHOR_LOST = "anchor not found (link now goes to the page)"


@dataclass(frozen=True)
class Unconverted:
    line: int
    kind: str  # short label used to group the summary, e.g. "Liquid/Jekyll tag"
    text: str


class OneFolderOff(str):
    """A link's new target when the link, as written, names no file but names a page from a folder above
    (the writer counted one `../` too few): the reader gets the page, the report asks to check it."""

    kind = "link one folder off (now goes to the page it names; check)"


@dataclass
class Conversion:
    body: str
    converted: dict[str, int] = field(default_factory=dict)  # what was rewritten, by kind
    unconverted: list[Unconverted] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.converted[kind] = self.converted.get(kind, 0) + 1


def title_from(front_matter: dict, body: str, fallback: str) -> str:
    """The front matter's title, else the opening `# heading`, else the file name (``fallback``): as written
    when it is words (`Apple Journal`), made a sentence when it is a slug (`getting-started`). Icon
    shortcodes are dropped: the title is also what search results and the browser tab show."""
    if isinstance(front_matter.get("title"), str) and without_icons(front_matter["title"]).strip():
        return without_icons(front_matter["title"]).strip()
    heading = _first_heading(body)
    if heading and without_icons(heading[1]).strip():
        return without_icons(heading[1]).strip()
    if " " in fallback.strip():
        return fallback.strip()
    return fallback.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"


def without_icons(text: str) -> str:
    return _ICON.sub("", text)


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
    """The description, else the first paragraph, as plain text cut by shorten()."""
    for key in ("description", "summary", "excerpt"):
        text = plain_text(front_matter[key]) if isinstance(front_matter.get(key), str) else ""
        if text:
            return shorten(text)
    paragraph = _first_paragraph(body)
    return shorten(plain_text(paragraph)) or shorten(title)  # a paragraph of markup only says nothing


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
        starts_block = stripped.startswith(("#", ">", "!", "<", "|", ":::", "-", "*", "+", "{%", "===", "???"))
        if starts_block or re.match(r"\d+\.", stripped):
            if lines:
                break
            continue
        lines.append(stripped)
    return " ".join(lines)


def plain_text(markdown: str) -> str:
    text = without_icons(_ADOBE_INLINE.sub(r"\1", markdown))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\^[^\]\s]+\]", "", text)  # a footnote's mark: the note is not in the summary
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = html.unescape(text).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Dialect:
    """What a generator's pages may hold beyond Markdown: admonition kinds the project declares, the
    name of its template language (for the warning on a tag kbgen cannot run), the page's front matter
    (VitePress `{{ $frontmatter.x }}`)."""

    admonitions: frozenset[str] = frozenset()
    templates: str = "Template"
    components: bool = False  # Vue/MDX: a capitalised tag is a component, not HTML
    front_matter: dict = field(default_factory=dict)
    # An Obsidian vault's: the path, from the page's folder, of the file an [[Obsidian link]] names (None
    # when none does). Unset, [[Page]] is a GitHub wiki link.
    vault_path: Callable[[str], str | None] | None = None


_TOC = re.compile(r"^\s*\[\[_?toc_?\]\]\s*$", re.I)
_TAB_ITEM = re.compile(r"^(\s*)<TabItem\b([^>]*)>\s*$")
_TAB_LABEL = re.compile(r"""\blabel=(?:"([^"]*)"|'([^']*)'|\{['"]([^'"]*)['"]\})|\bvalue=["']([^"']*)["']""")
_GITBOOK_HINT = re.compile(r"""^(\s*)\{%\s*hint\s+style=["'](\w+)["']\s*%\}\s*(.*)$""")
_GITBOOK_TAB = re.compile(r"""^(\s*)\{%\s*tab\s+title=["']([^"']*)["']\s*%\}\s*$""")
_CALLOUT_TAGS = "callout|alert|notice|admonition"  # what sites name their note shortcodes and tags
_HUGO_NOTICE = re.compile(rf"""^(\s*)\{{\{{[<%]\s*(?:hint|{_CALLOUT_TAGS})\s+["']?(\w+)["']?"""
                          r"""(?:\s+(?:title=)?["']([^"']*)["'])?\s*[>%]\}\}\s*$""")
# Jekyll sites' own callout tags: `{% callout warning %}…{% endcallout %}`, on one line or around a block.
_LIQUID_CALLOUT = re.compile(rf"""^(\s*)\{{%-?\s*(?:{_CALLOUT_TAGS})\s+["']?(\w+)["']?\s*-?%\}}\s*(.*)$""")
_LIQUID_CALLOUT_END = re.compile(rf"""\s*\{{%-?\s*end(?:{_CALLOUT_TAGS})\s*-?%\}}\s*$""")
_CLOSE_TAG = re.compile(rf"""^\s*(?:</TabItem>|\{{%-?\s*end(?:tab|hint|{_CALLOUT_TAGS})\s*-?%\}}"""
                        rf"""|\{{\{{[<%]\s*/\s*(?:hint|{_CALLOUT_TAGS})\s*[>%]\}}\}})\s*$""")
_DROPPED_LINE = re.compile(r"""^\s*(?:</?Tabs\b[^>]*>|\{%\s*(?:end)?tabs\s*%\}|export\s+(?:const|default)\b.*)\s*$""")
_HUGO_FIGURE = re.compile(r"""\{\{[<%]\s*figure\s+([^}]*?)[>%]\}\}""")
_HUGO_REF = re.compile(r"""\{\{[<%]\s*(?:rel)?ref\s+["']([^"']+)["']\s*[>%]\}\}""")
_ATTRIBUTE = re.compile(r"""(\w+)=(?:"([^"]*)"|'([^']*)')""")
# Site-root helpers written with spaces, which no link pattern would take: Jekyll's base URL and URL
# filters, Hugo's relURL, a JSX useBaseUrl() call. They become the site-root path they stand for.
_SITE_ROOT_HELPER = re.compile(r"""\{\{\s*(?:site\.baseurl|site\.url|\.Site\.BaseURL)\s*\}\}(?=/)"""
                               r"""|\{\{\s*['"]([^'"]+)['"]\s*\|\s*(?:relative_url|absolute_url|relURL|absURL)\s*\}\}"""
                               r"""|(?<=src=)\{\s*useBaseUrl\(\s*['"]([^'"]+)['"]\s*\)\s*\}"""
                               r"""|\{%-?\s*link\s+([^\s%]+)\s*-?%\}""")  # Jekyll's {% link _articles/x.md %}
_FRONT_MATTER_VALUE = re.compile(r"\{\{\s*\$frontmatter\.(\w+)\s*\}\}")
# A Vue binding (:src="$withBase('/a.png')") becomes a plain attribute once the helper is resolved.
_HTML_FILE_ATTR = re.compile(r"""(<(?:img|a|video|source|audio)\b[^<>]*?\s)(?::|v-bind:)?((?:src|href)\s*=\s*)"""
                             r"""(["'])(.*?)\3""", re.I)
_REFERENCE_DEF = re.compile(r"^( {0,3}\[(?!\^)[^\]]+\]:\s*)<?(\S+?)>?((?:\s.*)?)$")  # not a footnote: [^1]: …
# ![alt][label], ![label][] and ![label]: the labels whose definitions are images.
_IMAGE_REFERENCE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\](?!\()(?:\[([^\]]*)\])?")
_COMPONENT = re.compile(r"<([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)\b[^<>]*?/?>|</([A-Z][A-Za-z0-9]*)>")


def convert_body(body: str, resolve_link: Callable[[str], str | None], dialect: Dialect = Dialect()) -> Conversion:
    """Rewrite containers, alerts, tabs, shortcodes, Adobe inline markers and links; list what stays
    unconverted.

    ``resolve_link(target)`` gives the new relative link for a local target (another imported file, or an
    image it copied), or None when there is nothing to link to.
    """
    result = Conversion("")
    image_labels = {_label(m.group(2) or m.group(1)) for m in _IMAGE_REFERENCE.finditer(body)}
    out: list[str] = []
    containers: list[tuple[str, str]] = []  # (closing mark, prefix its lines get) of the open ones
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
        if close and containers and close.group(1) == containers[-1][0]:
            containers.pop()
            out.append("")
            continue
        if _CLOSE_TAG.match(line) and containers and containers[-1][0] == "tag":
            containers.pop()
            out.append("")
            continue
        liquid = _LIQUID_CALLOUT.match(line)
        if liquid:  # the text after the tag, if any, is the callout's first line, converted as any other
            indent, kind, line = liquid.group(1), liquid.group(2).lower(), liquid.group(3)
            out.extend(prefix + text for text in _alert(indent, kind, "", number, dialect, result, "callout tag"))
            containers.append(("tag", indent + "> "))
            prefix = "".join(p for _, p in containers)
            if not line.strip():
                continue
        ends = containers and containers[-1][0] == "tag" and _LIQUID_CALLOUT_END.search(line)
        if ends:  # `…text{% endcallout %}`: the callout's last line
            line = line[:ends.start()]
            containers.pop()
        opened = _open_block(line, number, dialect, result)
        if opened is not None:
            lines, mark, block_prefix = opened
            out.extend(prefix + text for text in lines)
            containers.append((mark, block_prefix))
            continue
        if _TOC.match(line) or _DROPPED_LINE.match(line):
            result.count("[[toc]] dropped" if _TOC.match(line) else "tabs wrapper or export dropped")
            continue
        alert = _ALERT.match(line)
        if alert:
            indent, kind, folded, rest = alert.groups()
            if folded or dialect.vault_path:  # Obsidian's: the rest of the line is the callout's title
                title = _outside_code(rest.strip(), lambda text, number=number: _obsidian_inline(
                    text, number, resolve_link, dialect, result))
                out.extend(prefix + text for text in _alert(indent, kind.lower(), title, number, dialect, result,
                                                            "alert (>[!KIND])"))
                continue
            out.append(f"{prefix}{indent}> [!{_alert_kind(kind.lower(), number, result, dialect)}]")
            if rest.strip():
                out.append(f"{prefix}{indent}> {rest.strip()}")
            result.count("alert (>[!KIND])")
            continue
        line = _normalise_quote(line)
        line = _FRONT_MATTER_VALUE.sub(lambda m: _front_matter_value(m, dialect, result), line)
        line = _SITE_ROOT_HELPER.sub(lambda m: _counted(result, "site base URL helper", _site_root(m)), line)
        line = _HUGO_FIGURE.sub(lambda m: _counted(result, "shortcode figure", _figure(m.group(1))), line)
        line = _HUGO_REF.sub(lambda m: _counted(result, "shortcode ref/relref", m.group(1)), line)
        line = _ADOBE_INLINE.sub(lambda m: _counted(result, "Adobe [!DNL]/[!UICONTROL] marker", m.group(1)), line)
        line = _links(line, number, resolve_link, result)
        reference = _REFERENCE_DEF.match(line)
        remote_image = bool(reference) and _is_external(reference.group(2)) and \
            _label(reference.group(1).strip().removesuffix(":").strip()[1:-1]) in image_labels
        if reference and (remote_image or not _is_external(reference.group(2))):
            line = _rewrite_reference(reference, number, resolve_link, result, remote_image)
        line = _outside_code(line, lambda text, number=number: _wiki_and_templates(text, number, resolve_link,
                                                                                 dialect, result))
        anchor = _ANCHOR_ATTR.search(line) if _HEADING.match(line) else None
        if anchor:
            result.unconverted.append(Unconverted(number, "{#anchor} heading id (kept: rendered by attr_list)",
                                                  anchor.group(0).strip()))
        out.append(prefix + line if line.strip() else prefix.rstrip())
        if ends:
            out.append("")  # a line after the callout must not continue it
    for _ in containers:
        result.unconverted.append(Unconverted(number, "unclosed container or tab", "end of file"))
    result.body = "\n".join(out)
    return result


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the text of ``line`` outside `inline code`, which is shown as written."""
    parts = _CODE_SPAN.split(line)
    return "".join(part if index % 2 else change(part) for index, part in enumerate(parts))


def _links(line: str, number: int, resolve_link: Callable[[str], str | None], result: Conversion) -> str:
    """Markdown links and images, and HTML src/href, pointed at the imported files. One that starts in
    `code` is an example, shown as written (a link's text may hold code: [`router.push`](api.md))."""
    rewrites = ((_LINK, _rewrite_link), (_BOOKMARKLET, _bookmarklet), (_HTML_FILE_ATTR, _rewrite_attribute))
    for pattern, rewrite in rewrites:
        code = [m.span() for m in _CODE_SPAN.finditer(line)] if "`" in line else []
        line = pattern.sub(lambda m, code=code, rewrite=rewrite: m.group(0) if any(
            start <= m.start() < end for start, end in code) else rewrite(m, number, resolve_link, result), line)
    return line


def _bookmarklet(match: re.Match, line: int, resolve_link: Callable[[str], str | None], result: Conversion) -> str:
    """A bookmarklet as its name and its code, which a reader can paste into a new bookmark's address."""
    _quote, script, name = match.groups()
    result.unconverted.append(Unconverted(line, "bookmarklet javascript: link (now its code, to copy into a bookmark)",
                                          f"{name}: {shorten(script, 60)}"))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", script)), default=0) + 1)  # longer than any inside
    return f"{name}: {fence} {script} {fence}"


def _wiki_and_templates(text: str, number: int, resolve_link: Callable[[str], str | None], dialect: Dialect,
                        result: Conversion) -> str:
    if dialect.vault_path:
        text = _obsidian_inline(text, number, resolve_link, dialect, result)
    else:
        text = _WIKI_LINK.sub(lambda m: _wiki_link(m, number, resolve_link, result), text)
    if _ICON.search(text):
        text = _ICON.sub(lambda m: _counted(result, "Material icon shortcode dropped", ""), text)
    if dialect.components:
        text = _visible_components(text, number, result)
    for match in _LIQUID.finditer(text):
        result.unconverted.append(Unconverted(number, f"{dialect.templates} tag (kept as text)", match.group(0)))
    return text


def _open_block(line: str, number: int, dialect: Dialect, result: Conversion
                ) -> tuple[list[str], str, str] | None:
    """(lines to write, closing mark, prefix of the block's lines) when ``line`` opens a container, a
    collapsible, a tab or a shortcode callout."""
    opening = _CONTAINER_OPEN.match(line)
    if opening:
        indent, colons, kind = opening.group(1), opening.group(2), opening.group(3).lower()
        title = (opening.group(4) or opening.group(5) or "").strip()
        if kind in {"v-pre", "raw", "code-group"}:  # only change how the generator renders what is inside
            result.count(f"::: {kind} unwrapped")
            return [], colons, indent
        if kind == "details":
            result.count("::: details -> collapsible")
            return [f'{indent}??? note "{_quoted(title or "Details")}"'], colons, indent + "    "
        return _alert(indent, kind, title, number, dialect, result, "container (::: kind)"), colons, indent + "> "
    tab = _TAB_ITEM.match(line) or _GITBOOK_TAB.match(line)
    if tab:
        label = tab.group(2)
        if tab.re is _TAB_ITEM:  # the label, else the value: the label may come second
            found = sorted(_TAB_LABEL.finditer(label), key=lambda m: m.group(4) is not None)
            label = next((g for g in found[0].groups() if g), "Tab") if found else "Tab"
        result.count("tab")
        return [f'{tab.group(1)}=== "{_quoted(label)}"'], "tag", tab.group(1) + "    "
    callout = _GITBOOK_HINT.match(line) or _HUGO_NOTICE.match(line)
    if callout:
        indent, kind, title = callout.group(1), callout.group(2).lower(), (callout.group(3) or "").strip()
        return _alert(indent, kind, title, number, dialect, result, "callout or shortcode"), "tag", indent + "> "
    return None


def _alert(indent: str, kind: str, title: str, number: int, dialect: Dialect, result: Conversion,
           counted_as: str) -> list[str]:
    result.count(counted_as)
    if kind in dialect.admonitions and kind not in ALERT_KINDS:
        title = title or kind.replace("-", " ").capitalize()
    alert = _alert_kind(kind, number, result, dialect)
    lines = [f"{indent}> [!{alert}]"]
    if title and title.casefold() != alert.casefold():  # `> [!note] Note`: the alert says Note itself
        lines += [f"{indent}> **{title}**", f"{indent}>"]
    return lines


def _quoted(text: str) -> str:
    return text.replace('"', "'")


def _front_matter_value(match: re.Match, dialect: Dialect, result: Conversion) -> str:
    value = dialect.front_matter.get(match.group(1))
    if isinstance(value, (str, int, float)):
        result.count("{{ $frontmatter.x }} filled in")
        return str(value)
    return match.group(0)


def _site_root(match: re.Match) -> str:
    if match.group(3):  # a file of the project, named from its root
        return "/" + match.group(3).lstrip("/")
    path = match.group(1) or match.group(2)
    return "" if path is None else (f'"{path}"' if match.group(2) else path)


def _figure(attributes: str) -> str:
    values = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTRIBUTE.finditer(attributes)}
    return f"![{values.get('alt') or values.get('caption') or values.get('title') or ''}]({values.get('src', '')})"


def _visible_components(line: str, number: int, result: Conversion) -> str:
    """A component of the generator's (Vue, MDX) renders nothing in kbgen: show it as code, and say so."""
    if "<" not in line or not _COMPONENT.search(line):
        return line
    result.unconverted.extend(Unconverted(number, "component without an equivalent (kept as text)", m.group(0))
                              for m in _COMPONENT.finditer(line))
    return _COMPONENT.sub(lambda m: f"`{m.group(0)}`", line)


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I)) or target.startswith(("#", "//"))


def _rewrite_attribute(match: re.Match, line: int, resolve_link: Callable[[str], str | None],
                       result: Conversion) -> str:
    tag, attribute, quote, target = match.groups()
    start = tag + attribute
    is_image = not tag.lower().startswith("<a")
    new = _resolved(target, line, is_image, resolve_link, result)
    if new is None:
        return match.group(0) if _is_external(target) else f"{start}{quote}#{quote}"
    return f"{start}{quote}{new}{quote}"


def _rewrite_reference(match: re.Match, line: int, resolve_link: Callable[[str], str | None],
                       result: Conversion, remote_image: bool) -> str:
    new = _resolved(match.group(2), line, remote_image, resolve_link, result)
    return f"{match.group(1)}{new}{match.group(3)}" if new else f"<!-- kbgen import: {match.group(0).strip()} -->"


def _resolved(target: str, line: int, is_image: bool, resolve_link: Callable[[str], str | None],
              result: Conversion) -> str | None:
    """The new link for a target (counted), the target itself when external, None when not found (listed)."""
    if target.startswith("#"):
        return target
    path, _, fragment = target.partition("#")
    resolved = resolve_link(path) if path else None
    if resolved is None and _windows_relative(path):
        resolved = resolve_link(path.replace("\\", "/"))
    if resolved is not None:
        result.count("image copied" if is_image else "link between imported files")
        if isinstance(resolved, OneFolderOff):
            result.unconverted.append(Unconverted(line, OneFolderOff.kind, target))
        return resolved + ("#" + fragment if fragment and not is_image else "")
    if _is_external(target):
        if is_image:
            result.unconverted.append(Unconverted(line, REMOTE_IMAGE, target))
        return target
    if is_image:
        result.unconverted.append(Unconverted(line, MISSING_IMAGE, target))
    else:
        result.unconverted.append(Unconverted(line, UNRESOLVED_LINK, target))
    return None


def _label(text: str) -> str:
    """A reference label as Markdown matches it: case and runs of white space do not count."""
    return " ".join(text.split()).casefold()


def remote_images(body: str, dialect: Dialect = Dialect()) -> list[str]:
    """The targets of the images ``body`` loads from another host, as convert_body finds them (inline,
    reference-style, <img>, shortcode figures; not in code)."""
    return [u.text for u in convert_body(body, lambda _: None, dialect).unconverted if u.kind == REMOTE_IMAGE]


def _windows_relative(path: str) -> bool:
    r"""A relative path written with Windows separators (`..\Robot\Settings.md`). Browsers take the `\` as
    part of a file name, so the link is broken on the original site too, but the writer meant folders."""
    return "\\" in path and not path.startswith(("\\", "/")) and not _is_external(path)


def _wiki_link(match: re.Match, line: int, resolve_link: Callable[[str], str | None], result: Conversion) -> str:
    text, page = match.group(1).strip(), (match.group(2) or match.group(1)).strip()  # [[Link text|Page]]
    resolved = resolve_link(page.replace(" ", "-") + ".md")
    if resolved is None:
        result.unconverted.append(Unconverted(line, UNRESOLVED_LINK, match.group(0)))
        return f"{text}<!-- kbgen import: link target not found: {page} -->"
    result.count("wiki link [[Page]]")
    return f"[{text}]({resolved})"


def _obsidian_inline(text: str, line: int, resolve_link: Callable[[str], str | None], dialect: Dialect,
                     result: Conversion) -> str:
    """Obsidian's marks in ``text`` (outside code): links and embeds, comments, a trailing block id."""
    text = _OBSIDIAN_LINK.sub(lambda m: _obsidian_link(m, line, resolve_link, dialect, result), text)
    text = _OBSIDIAN_COMMENT.sub(lambda m: _counted(result, "Obsidian %%comment%% hidden", f"<!--{m.group(1)}-->"),
                                 text)
    return _BLOCK_ID.sub(lambda m: _counted(result, "Obsidian block id ^id dropped", ""), text)


def _obsidian_link(match: re.Match, line: int, resolve_link: Callable[[str], str | None], dialect: Dialect,
                   result: Conversion) -> str:
    """`[[Page#Heading|text]]` as a Markdown link to the page's article and the heading's anchor there;
    `![[image.png|300]]` as an image; an embedded note or file as a link to it (listed)."""
    embed, inner = match.groups()
    target, _, label = inner.partition("\\|" if "\\|" in inner else "|")
    name, _, subpath = target.strip().partition("#")
    heading = subpath.split("#")[-1].strip()  # [[Page#Section#Subsection]]: the last one
    block = heading.startswith("^")  # a block has no anchor in kbgen: the link goes to the page
    label = label.strip()
    is_image = bool(embed) and bool(_IMAGE_FILE.search(name))
    path = dialect.vault_path(name) if name and dialect.vault_path else None
    resolved = resolve_link(path) if path else None
    if is_image:
        if resolved is None:
            result.unconverted.append(Unconverted(line, MISSING_IMAGE, match.group(0)))
            return f"<!-- kbgen import: image not found: {match.group(0)} -->"
        result.count("image copied")
        result.count("Obsidian embed ![[image]]")
        size = _IMAGE_SIZE.match(label)
        alt = posixpath.splitext(posixpath.basename(name))[0] if size or not label else label
        height = f' height="{size.group(2)}"' if size and size.group(2) else ""
        return f"![{alt}]({resolved})" + (f'{{ width="{size.group(1)}"{height} }}' if size else "")
    text = label or (f"{name.removesuffix('.md')} > {heading}" if name and heading and not block
                     else name.removesuffix(".md") or heading)
    if name and resolved is None:
        result.unconverted.append(Unconverted(line, UNRESOLVED_LINK, match.group(0)))
        return f"{text}<!-- kbgen import: link target not found: {name} -->"
    if block and not embed:  # an embedded block is listed as embedded
        result.unconverted.append(Unconverted(line, "link to a block ^id (now goes to the page)", match.group(0)))
        if not name:  # [[#^block|text]]: this very page
            return text
    if embed:
        result.unconverted.append(Unconverted(line, EMBEDDED_NOTE, match.group(0)))
    result.count("Obsidian embed ![[note]] -> link" if embed else "Obsidian wikilink [[…]]")
    fragment = f"#{heading_id(heading)}" if heading and not block else ""
    return f"[{text}]({resolved or ''}{fragment})"


def _alert_kind(kind: str, line: int, result: Conversion, dialect: Dialect = Dialect()) -> str:
    if kind in ALERT_KINDS:
        return ALERT_KINDS[kind]
    if kind in dialect.admonitions:  # declared by the project itself: a note with its own title
        return "NOTE"
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
    new = _resolved(target, line, bool(bang), resolve_link, result)
    if new is None:  # keep the page buildable: the link (or image) becomes its text, the target a comment
        if bang:
            return f"<!-- kbgen import: image not found: {match.group(0)} -->"
        return f"{text}<!-- kbgen import: link target not found: {target} -->"
    return f"{bang}[{text}]({new}{title})"


def drop_missing_anchors(body: str, ids_of: Callable[[str], frozenset[str] | None]) -> tuple[str, list[Unconverted]]:
    """Links to an anchor the target does not have are mended (matching_id()) or now go to the top of the
    page (they would be KB302).

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
        mended = matching_id(fragment, ids)
        if mended is not None:
            found, exact = mended
            if not exact:
                problems.append(Unconverted(number, "anchor one typo from a heading (now links to it; check)",
                                            f"#{fragment} -> #{found}"))
            return f"{bang}[{text}]({path}#{found}{title})"
        problems.append(Unconverted(number, ANCHOR_LOST, target))
        return f"[{text}]({path}{title})" if path else text

    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        lines[number - 1] = _LINK.sub(lambda m, number=number: fix(m, number), line)
    return "\n".join(lines), problems


def matching_id(fragment: str, ids: frozenset[str]) -> tuple[str, bool] | None:
    """The heading id a link's anchor means, and whether it is the same heading for certain: another
    generator slugified it otherwise (`compare-the-plans-1` for kbgen's `compare-the-plans_1`,
    `role--based`, `onboard-users/`), so they are equal in their letters and digits; else the one id a
    single typo away (`configured-sync-options`), for anchors long enough that one typo cannot make
    another heading's. None when neither."""
    key = _letters(fragment)
    same = sorted(found for found in ids if _letters(found) == key)
    if key and len(same) == 1:
        return same[0], True
    near = sorted(found for found in ids if _one_edit_apart(_letters(found), key)) if len(key) >= 10 else []
    return (near[0], False) if len(near) == 1 else None


def _letters(anchor: str) -> str:
    return re.sub(r"[\W_]+", "", unquote(anchor).lower())


def _one_edit_apart(a: str, b: str) -> bool:
    """One character inserted, deleted or replaced (not zero)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[start + (len(a) == len(b)):] == b[start + 1:]
