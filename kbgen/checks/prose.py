"""The text of an article as rules read it: Markdown lines with what is not prose blanked out.

Code spans, fenced code, HTML comments and tags, attribute lists and shared-block includes are
replaced by spaces, so columns still match the file; URLs too unless a rule asks for them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from markdown.util import BLOCK_LEVEL_ELEMENTS

from kbgen.content.model import Article

PARAGRAPH, LIST, HEADING, TABLE, FRONT_MATTER = "paragraph", "list", "heading", "table", "front matter"

_FENCE_OPEN = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^{}]*\}")
_LINK_DESTINATION = re.compile(r"(?<=\])\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(\"[^\"]*\"|'[^']*'))?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]*>")
_BARE_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\)\]」』）]*|\bwww\.[^\s<>\)\]」』）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")  # not `[^1]:`, a footnote's prose
_SNIPPET_LINE = re.compile(r"^\s*-{1,}8<-{1,}\s")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+inline(?:\s+end)?)?")
_CALLOUT = re.compile(r"^(\s*>\s*)\[![A-Za-z]+\][+-]?")
LIST_MARKER = r"(?:[-*+]|\d{1,9}[.)])"  # a list item's bullet or number, as written
LIST_ITEM = re.compile(rf"^\s*{LIST_MARKER}\s+")
_QUOTE = re.compile(r"^(\s*>\s?)+")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_LETTER = re.compile(r"[^\W\d_]")


class TextLine(NamedTuple):  # a tuple: rules read a million of them at 10,000 articles
    line: int  # the line in the Markdown file
    text: str  # blanked where not prose; same length as the file's line
    block: str  # paragraph, list, heading, table or front matter


# new_tuple(TextLine, (...)) makes the tuples the rules read by the hundred thousand (lines, links,
# headings): TextLine(...) runs NamedTuple's __new__, Python code, at three times the cost.
new_tuple = tuple.__new__


def blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def body_lines(article: Article, keep_urls: bool = False) -> tuple[TextLine, ...]:
    """The body's lines outside code; ``keep_urls`` keeps link targets, HTML tags and references."""
    return text_lines(article.body, article.body_line, keep_urls)


def text_lines(body: str, first_line: int, keep_urls: bool) -> tuple[TextLine, ...]:
    """body_lines of a body whose first line is line ``first_line`` of its file."""
    prose, with_urls = lines_of_body(body, first_line)
    return with_urls if keep_urls else prose


# The engine runs every rule over one article before the next: a few entries serve them all.
AT_HAND = 8


@lru_cache(maxsize=AT_HAND)
def lines_of_body(body: str, first_line: int) -> tuple[tuple[TextLine, ...], tuple[TextLine, ...]]:
    """(prose lines, lines with URLs kept) of a body: one pass makes both, as the rules read both."""
    prose: list[TextLine] = []
    with_urls: list[TextLine] = []
    fence: str | None = None
    in_comment = False
    prose_in_list = in_list = False
    # Indented code: a line indented four spaces after a blank line, unless a list item, an admonition,
    # a tab, a footnote or a definition before it takes indented lines as its own.
    after_blank, in_code, takes_indented = True, False, False
    raw_html: str | None = None  # the block-level tag of a raw HTML block being read, and its depth
    html_depth = 0
    # Each pattern runs only on lines holding the characters it needs, in bodies that hold them at all:
    # most lines are plain prose, and most bodies have no comment, include, reference or admonition.
    fences, comments, includes = "```" in body or "~~~" in body, "<!--" in body, "8<" in body
    references, admonitions, callouts = "]:" in body, "!!!" in body or "???" in body, "[!" in body
    code, urls = "`" in body or "{" in body, any(mark in body for mark in _URL_MARKS)
    html, indents = "<" in body, "\n    " in body or "\n\t" in body or body.startswith(("    ", "\t"))
    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        if raw_html:  # Markdown does not read inside raw HTML: only its tags link anywhere
            html_depth += _tag_depth(raw, raw_html)
            raw_html = raw_html if html_depth > 0 else None
            with_urls.append(new_tuple(TextLine, (number, _tags_only(raw), PARAGRAPH)))
            prose.append(new_tuple(TextLine, (number, _blank_urls(raw), PARAGRAPH)))
            continue
        if indents:
            indented = raw.startswith(("    ", "\t"))
            if fence is None and indented and not takes_indented and (in_code or after_blank):
                in_code = True
                continue
            if raw and not raw.isspace():
                in_code, after_blank = False, False
                if not indented:
                    # A callout's quoted lines go on taking indented lines, as its first did.
                    takes_indented = (raw[0] in _MAY_TAKE_INDENTED and bool(_TAKES_INDENTED.match(raw))
                                      or (takes_indented and raw[0] == ">"))
            else:
                after_blank = True
        if fence:
            if raw.strip().lstrip(">").strip().startswith(fence):
                fence = None
            continue
        if fences and ("```" in raw or "~~~" in raw) and (opened := _FENCE_OPEN.match(raw)):
            fence = opened.group(1)
            continue
        if comments and (in_comment or "<!--" in raw):
            text, in_comment = _blank_comments(raw, in_comment)
        else:
            text = raw
        if not text or text.isspace():
            in_list = in_list and raw.startswith((" ", "\t"))  # a blank line inside a list item
            prose_in_list = prose_in_list and raw.startswith((" ", "\t"))
            continue
        if includes and "8<" in text and _SNIPPET_LINE.match(text):
            continue
        if html and text.lstrip(" ").startswith("<") and (opened := _HTML_BLOCK.match(text)):
            html_depth = _tag_depth(text, opened.group(1))
            raw_html = opened.group(1) if html_depth > 0 else None
            with_urls.append(new_tuple(TextLine, (number, _tags_only(text), PARAGRAPH)))
            prose.append(new_tuple(TextLine, (number, _blank_urls(text), PARAGRAPH)))
            continue
        is_reference = references and "]:" in text and _REFERENCE.match(text)  # prose has no link reference definitions
        if admonitions and ("!!!" in text or "???" in text):
            text = _ADMONITION.sub(blank, text)
        if callouts and "[!" in text:
            text = _CALLOUT.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)
        if code:
            text = _blank_code(text)
        was_in_list = in_list
        block, in_list = _block(text, in_list)
        with_urls.append(new_tuple(TextLine, (number, text, block)))
        if is_reference:
            continue
        prose_text = _blank_urls(text) if urls else text
        if prose_text == text and prose_in_list == was_in_list:
            prose.append(with_urls[-1])  # nothing to blank: the same line, classified the same
            prose_in_list = in_list
        else:
            prose_block, prose_in_list = _block(prose_text, prose_in_list)
            if prose_block == HEADING and block != HEADING:  # `<a href="…">#タグ</a>`: a tag blanked, no heading
                prose_block = block
            prose.append(new_tuple(TextLine, (number, prose_text, prose_block)))
    return tuple(prose), tuple(with_urls)


# What takes the indented lines after it (even after a blank line) as its own content, not as code.
_MAY_TAKE_INDENTED = frozenset("-*+0123456789!?[:>=")  # the first characters of what _TAKES_INDENTED matches
_TAKES_INDENTED = re.compile(rf"(?:{LIST_MARKER}\s|!!!|\?\?\?|===\+?\s|\[\^[^\]]+\]:|:\s|>\s*\[![A-Za-z]+\])")
# A raw HTML block: a block-level element at the start of a line, without md_in_html's `markdown`.
_HTML_BLOCK = re.compile(r" {0,3}<(" + "|".join(sorted(BLOCK_LEVEL_ELEMENTS, key=len, reverse=True))
                         + r")(?=[\s/>])(?![^>]*\bmarkdown\b)", re.IGNORECASE)
_ELEMENT_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")  # not <https://…>: in raw HTML, that is no link


def _tags_only(line: str) -> str:
    """The line with all but its HTML tags blanked."""
    kept, end = [], 0
    for tag in _ELEMENT_TAG.finditer(line):
        kept += (" " * (tag.start() - end), tag.group(0))
        end = tag.end()
    kept.append(" " * (len(line) - end))
    return "".join(kept)


def _tag_depth(line: str, tag: str) -> int:
    """How many ``tag`` elements the line opens and does not close (`<video … />` closes itself)."""
    lower = line.lower()
    self_closed = len(re.findall(rf"<{tag}\b[^<>]*/>", lower)) if "/>" in lower else 0
    return lower.count(f"<{tag}") - lower.count(f"</{tag}") - self_closed


# What a line starts with, after its indentation: a heading's #, a table's | or a list item's marker.
_BLOCK_START = re.compile(rf"\s*(?:(#)|(\|)|{LIST_MARKER}\s+)")


def _block(text: str, in_list: bool) -> tuple[str, bool]:
    """The kind of block a line of text is in, and whether a list goes on after it."""
    content = _QUOTE.sub(blank, text) if ">" in text else text
    start = _BLOCK_START.match(content)  # one pattern: a line is read once, not stripped and matched
    if start is None:
        return (LIST, True) if in_list and content.startswith((" ", "\t")) else (PARAGRAPH, False)
    if start.group(1):
        return HEADING, in_list
    if start.group(2):
        return TABLE, in_list
    return LIST, True


_ATX_HEADING = re.compile(r"^[ \t>]*(#{1,6}(?:[ \t].*)?)$")
_SETEXT_UNDERLINE = re.compile(r"(?:    )*[=-]+ *")  # under a paragraph's line, makes it a heading


def heading_lines(body: str) -> list[str]:
    """The heading lines of a Markdown text, read as the renderer reads them (not in code, comments or
    raw HTML), as written (quote markers and indentation removed; a setext heading as `#`/`##`): to
    compute their anchors without rendering the whole text."""
    written = body.split("\n")
    if not _NEEDS_READER.search(body):  # most bodies: only fences can hide a heading
        return _atx_lines(written)
    result = []
    previous = None
    for text_line in text_lines(body, 1, keep_urls=True):
        line = written[text_line.line - 1]
        if text_line.block == HEADING and (match := _ATX_HEADING.match(line)):
            result.append(match.group(1))
        elif (previous and previous.line == text_line.line - 1 and previous.block == PARAGRAPH
              and line[-1:] in "=- " and _SETEXT_UNDERLINE.fullmatch(line)):
            result.append(("# " if line.strip()[0] == "=" else "## ") + written[previous.line - 1].strip())
        previous = text_line
    return result


# What only the whole reader gets right: raw HTML and comments, indented code, setext underlines.
_NEEDS_READER = re.compile(r"<|^(?: {4}|\t)|^[=-]+ *$", re.MULTILINE)


def _atx_lines(written: list[str]) -> list[str]:
    result = []
    fence: str | None = None
    for raw in written:
        if fence:
            fence = None if raw.strip().lstrip(">").strip().startswith(fence) else fence
            continue
        if ("```" in raw or "~~~" in raw) and (opened := _FENCE_OPEN.match(raw)):
            fence = opened.group(1)
        elif "#" in raw and (match := _ATX_HEADING.match(raw)):
            result.append(match.group(1))
    return result


def _blank_inline(text: str) -> str:
    return _blank_urls(_blank_code(text))


def _blank_code(text: str) -> str:
    if "`" in text:
        text = _CODE_SPAN.sub(blank, text)
    if "{" in text:
        text = _ATTR_LIST.sub(blank, text)
    return text


_URL_MARKS = ("<", "](", "://", "www.", "@")  # what _blank_urls looks for


def _blank_urls(text: str) -> str:
    """Links are read from URLs and HTML attributes; prose rules see neither."""
    if "<" in text:
        text = _HTML_TAG.sub(blank, text)
    if "](" in text:
        text = _LINK_DESTINATION.sub(blank, text)
    if "<" in text:
        text = _AUTOLINK.sub(blank, text)
    if "://" in text or "www." in text or "@" in text:
        text = _BARE_URL.sub(blank, text)
    return text


def _blank_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    out, i = [], 0
    while i < len(line):
        if in_comment:
            end = line.find("-->", i)
            stop = len(line) if end < 0 else end + 3
            out.append(" " * (stop - i))
            i, in_comment = stop, end < 0
        else:
            start = line.find("<!--", i)
            if start < 0:
                out.append(line[i:])
                break
            out.append(line[i:start])
            i, in_comment = start, True
    return "".join(out), in_comment


def front_matter_lines(article: Article) -> tuple[TextLine, ...]:
    """The title and summary, which customers read as much as the body."""
    return (TextLine(article.line_of("title"), _blank_inline(article.title), HEADING),
            TextLine(article.line_of("summary"), _blank_inline(article.summary), FRONT_MATTER))


def prose_lines(article: Article) -> tuple[TextLine, ...]:
    return front_matter_lines(article) + body_lines(article)


def is_japanese(article: Article) -> bool:
    """Japanese text: lang ja and some kana, or mostly kana whatever the lang (an English article quoting
    a Japanese label is not). An English page imported into a Japanese-first KB is lang ja, and has no kana."""
    text = article.title + article.summary + article.body
    if article.lang == "ja":
        return has_kana(text)
    kana = len(_KANA.findall(text))
    return kana > 0 and kana * 4 >= len(_LETTER.findall(text))


def has_kana(text: str) -> bool:
    """Whether ``text`` holds hiragana or katakana: Japanese, where kanji alone may be Chinese."""
    return _KANA.search(text) is not None


_DISABLE = re.compile(r"<!--\s*kbgen-disable\s+([^>]*?)\s*-->")


def disabled_codes(article: Article) -> tuple[str, ...]:
    """Codes and prefixes silenced by ``<!-- kbgen-disable KB301 KB5 -->`` anywhere in the body."""
    return tuple(code for match in _DISABLE.finditer(article.body)
                 for code in re.split(r"[\s,]+", match.group(1)) if re.fullmatch(r"KB\d{1,3}", code))


_INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])([^"']+)\1\s*$""")


def included_snippets(article: Article) -> list[tuple[int, str]]:
    """(line, name) of each shared block the article includes with ``--8<-- "name.md"``.

    Inside code fences too: pymdownx.snippets runs before anything else parses the Markdown.
    """
    if "8<" not in article.body:  # most articles include none: skip splitting the body
        return []
    return [(article.body_line + offset, match.group(2))
            for offset, raw in enumerate(article.body.split("\n")) if (match := _INCLUDE.match(raw))]
