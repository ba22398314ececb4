"""KB310–KB312: the outline of an article, as customers, screen readers and links see it.

The page's only level-1 heading is the question (the `title:`), so the body's outline starts at `##`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from kbgen.checks.prose import AT_HAND, HEADING, new_tuple, text_lines
from kbgen.checks.registry import CheckContext, Problem, rule
from kbgen.content.model import Article
from kbgen.findings import Severity

_MARKS = re.compile(r"^[ \t>]*(#{1,6})[ \t]*")
_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")


class Heading(NamedTuple):  # made with prose.new_tuple: 50,000 at 10,000 articles
    line: int
    column: int
    level: int
    text: str  # as the reader sees it: inline code and tags blanked, spaces collapsed


def headings_of(article: Article) -> tuple[Heading, ...]:
    return headings_in(article.body, article.body_line)


@lru_cache(maxsize=AT_HAND)  # three rules read an article's headings
def headings_in(body: str, first_line: int) -> tuple[Heading, ...]:
    """The headings of a body whose first line is line ``first_line`` of its file."""
    result = []
    for text_line in text_lines(body, first_line, keep_urls=False):
        if text_line.block != HEADING:
            continue
        marks = _MARKS.match(text_line.text)
        if marks is None:
            continue
        text = " ".join(_CLOSING.sub("", text_line.text[marks.end():]).split())
        result.append(new_tuple(Heading, (text_line.line, marks.start(1) + 1, len(marks.group(1)), text)))
    return tuple(result)


@rule("KB310", "body-title", Severity.WARNING, "the body has a level-1 heading; the title is the page's only one")
def body_title(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A `# heading` in the body of an article.

    ## Why
    The page already shows the question (`title:`) as its level-1 heading. A second one makes
    two page titles for screen readers and search engines, and usually repeats the question
    (a leftover of an imported document).

    ## Example
    ```markdown
    # パスワードを忘れた場合

    ログイン画面の「パスワードをお忘れですか？」を押します。
    ```

    ## Fix
    Delete the heading if it repeats the title; otherwise make it a section (`## …`).
    """
    for heading in headings_of(article):
        if heading.level == 1:
            yield Problem(heading.line, f"level-1 heading '{heading.text}' in the body",
                          "the title is the page's heading: delete this one or make it '## '", heading.column)


@rule("KB311", "heading-skip", Severity.WARNING, "a heading skips a level (e.g. ## then ####)")
def heading_skip(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A heading more than one level below the heading before it (the title counts as level 1).

    ## Why
    Screen-reader users move through a page by its outline; a jump from `##` to `####` hides
    where the section belongs, and the table of contents nests it under nothing.

    ## Example
    ```markdown
    ## 手順
    #### 管理画面から変更する
    ```

    ## Fix
    Use the next level down (`###`), or add the missing section heading.
    """
    previous = 1
    for heading in headings_of(article):
        if heading.level > previous + 1:
            yield Problem(heading.line, f"heading level {heading.level} follows level {previous}",
                          f"use {'#' * (previous + 1)} for '{heading.text}'", heading.column)
        previous = heading.level


@rule("KB312", "duplicate-heading", Severity.WARNING, "two headings under the same parent have the same text")
def duplicate_heading(article: Article, context: CheckContext) -> Iterator[Problem]:
    """Two headings of one section (the same parent heading, or both at the top) read the same.
    A heading repeated under different parents is normal (`### 手順` under each `## 方法`), as
    with markdownlint's MD024 `siblings_only`; so is one repeated in different admonition,
    details or tab blocks (`#### 新機能` in each `??? "v1.2"` of a release history). Inline code
    counts: `## .env ファイル` and `## .yml ファイル` differ.

    ## Why
    The table of contents shows two identical entries side by side, and nothing tells a reader
    (or a screen reader's list of headings) which one to open.

    ## Example
    ```markdown
    ## 管理画面から変更する
    ### 手順
    ### 手順
    ```

    ## Fix
    Say what differs: 「管理画面での手順」, 「アプリでの手順」; or merge the two sections.
    """
    headings = headings_of(article)
    if len(headings) < 2:
        return
    parents: list[Heading] = []  # the open sections, outermost first
    seen: dict[tuple[int, str], int] = {}  # (line of the parent heading or 0, text) -> line of the first
    written: list[str] | None = None
    for heading in headings:
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        key = (parents[-1].line if parents else 0, heading.text.casefold())
        parents.append(heading)
        first = seen.setdefault(key, heading.line)
        if first == heading.line:
            continue
        # The text compared so far has its inline code blanked: compare the lines as written.
        written = written or article.body.split("\n")
        if (_as_written(written, article, first) != _as_written(written, article, heading.line)
                or _container_between(written, article, first, heading)):
            continue
        yield Problem(heading.line, f"heading '{heading.text}' repeats the heading on line {first}",
                      "give each section a heading that says what differs", heading.column)


def _container_between(body_lines: list[str], article: Article, first: int, heading: Heading) -> bool:
    """Whether an admonition, details or tab block that holds ``heading`` opens after line ``first``:
    the two headings are then in different boxes of the page (`??? "v0.6.15"` / `#### 新機能`)."""
    indent = heading.column - 1
    for line in body_lines[first + 1 - article.body_line:heading.line - article.body_line]:
        opener = _CONTAINER.match(line)
        if opener and len(opener.group(1)) < indent:
            return True
    return False


_CONTAINER = re.compile(r"([ \t]*)(?:!!!|\?\?\?\+?|===)[ \t]")


def _as_written(body_lines: list[str], article: Article, line: int) -> str:
    """A heading's text as written (inline code kept), for comparing two of them."""
    text = body_lines[line - article.body_line]
    return " ".join(_CLOSING.sub("", _MARKS.sub("", text, count=1)).split()).casefold()
