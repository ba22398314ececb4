"""An FAQ page's questions as search documents of their own, each linking to its heading's anchor.

An FAQ page, an article FAQ_QUESTIONS or more of whose headings ask a question (``### Q: How do I
change my email?``, see index.question_headings), answers many questions under a title that asks none
("Billing FAQs"). Each question heading becomes a *section document*, so that a search or a contact-form
message that asks it lands on its answer rather than at the top of a long page: title the question
(without its ``Q:``), summary the start of its answer (the text up to the next heading of the same or a
higher level, as plain text, cut as summaries are), body the whole answer, the page's category and tags,
URL the page's with ``#`` and the heading's id. The page keeps its own document.

Sections are read from the page as the renderer renders it, so that the ids are the ones its headings
have, and the answer is what the reader sees (shared blocks included, no Markdown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from kbgen.content.summaries import shorten
from kbgen.search.index import SearchDocument, question, question_headings

FAQ_QUESTIONS = 2  # question headings that make an article an FAQ page

_HEADING = re.compile(r"h[1-6]")
# Elements inside a line of text: no word ends at their tags (**重要**な is one phrase, not two).
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"})
# An answer's own marker, as a question's is "Q:" ("**A:** Log in to …", "Ａ：…", "回答：…").
_ANSWER_MARK = re.compile(r"^(?:[AＡ][0-9０-９]*\s*[:：.．]|回答[0-9０-９]*\s*[:：])\s*", re.IGNORECASE)


def is_faq_page(markdown: str) -> bool:
    return len(question_headings(markdown)) >= FAQ_QUESTIONS


def faq_sections(page: SearchDocument, html: str) -> list[SearchDocument]:
    """The section documents of ``page``, an article whose rendered body is ``html``; none when fewer
    than FAQ_QUESTIONS of its headings ask a question."""
    outline = _Outline()
    outline.feed(html)
    outline.close()
    blocks, sections = outline.blocks, []
    for k, block in enumerate(blocks):
        asked = question(_text(block.heading)) if block.level > 1 and block.id else None
        if not asked:
            continue
        answer = list(block.text)
        for after in blocks[k + 1:]:
            if after.level <= block.level:
                break
            answer += [" ", *after.heading, " ", *after.text]
        text = _text(answer)
        sections.append(SearchDocument(url=f"{page.url}#{block.id}", title=asked,
                                       summary=shorten(_ANSWER_MARK.sub("", text, count=1)),
                                       category=page.category, tags=page.tags, body=text))
    return sections if len(sections) >= FAQ_QUESTIONS else []


def _text(pieces: list[str]) -> str:
    return " ".join("".join(pieces).split())


@dataclass
class _Block:
    """A heading (level 0: the text before the first one) and the text after it, up to the next heading."""

    level: int
    id: str = ""
    heading: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Outline(HTMLParser):
    """Rendered HTML cut at its headings, as text; a heading's permalink (¶) is not its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks = [_Block(0)]
        self._in_heading = False
        self._in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if _HEADING.fullmatch(tag):
            self.blocks.append(_Block(int(tag[1]), attributes.get("id") or ""))
            self._in_heading = True
        elif tag == "a" and self._in_heading and "headerlink" in (attributes.get("class") or "").split():
            self._in_permalink = True
        elif tag not in _INLINE:
            self._pieces().append(" ")

    def handle_endtag(self, tag: str) -> None:
        if _HEADING.fullmatch(tag):
            self._in_heading = False
        elif tag == "a":
            self._in_permalink = False
        elif tag not in _INLINE:
            self._pieces().append(" ")

    def handle_data(self, data: str) -> None:
        if not self._in_permalink:
            self._pieces().append(data)

    def _pieces(self) -> list[str]:
        block = self.blocks[-1]
        return block.heading if self._in_heading else block.text
