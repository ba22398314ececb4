"""KB5xx: Japanese writing, after textlint's preset-ja-technical-writing (no Node.js needed).

Only Japanese text is judged: an article of lang ja that holds kana, or of another lang that is
mostly kana (an English page imported into a Japanese-first KB is lang ja, and is not judged).
Code, URLs, HTML comments and front matter other than the title and summary are never read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from kbgen.checks.prose import (
    AT_HAND,
    FRONT_MATTER,
    HEADING,
    LIST,
    LIST_ITEM,
    LIST_MARKER,
    PARAGRAPH,
    TABLE,
    TextLine,
    has_kana,
    is_japanese,
    prose_lines,
)
from kbgen.checks.registry import CheckContext, Problem, rule
from kbgen.content.model import Article
from kbgen.findings import Severity

_SENTENCE_END = r"(?=[。．！？!?」』）)]*(?:[。．！？!?]|\s*$))"
# Sentence-final forms only, as textlint's no-mix-dearu-desumasu does by default (strict: false).
_DESUMASU = re.compile(r"(?:です|ます|でした|ました|ません|ましょう|ください|でしょう)" + _SENTENCE_END)
# だ after ん/い is the past tense of a verb (読んだ, 急いだ), not the copula. (Every alternative
# starts with a character, not the look-behind, so the regex engine skips ahead to で or だ.)
_DEARU = re.compile(r"(?:である|であった|であろう|ではない|だ(?<![んい]だ)(?:った|ろう)?)" + _SENTENCE_END)
# One search of the lines joined finds whether a line has a match: the pattern matches no line
# break, and with MULTILINE its $ ends each line.
_DEARU_IN_LINES = re.compile(_DEARU.pattern, re.MULTILINE)
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")
_FULL_WIDTH_ALNUM = re.compile(r"[Ａ-Ｚａ-ｚ０-９]+")
_JA_PUNCTUATION = re.compile(r"[、。]")
_WESTERN_PUNCTUATION = re.compile(r"[，．]")
# ASCII ! and ? end a sentence only before a space: [!NOTE] and "?q=" do not.
_SENTENCE = re.compile(r".*?(?:[。！？]+|[.!?]+(?=\s|$)|$)")


def _column(text_line: TextLine, article: Article, start: int) -> int | None:
    return start + 1 if text_line.line >= article.body_line else None


def _japanese_lines(article: Article) -> tuple[TextLine, ...]:
    return prose_lines(article) if is_japanese(article) else ()


def _written(article: Article, *words: str | re.Pattern) -> bool:
    """Whether one of ``words`` (strings, or patterns of one character class) is in the title,
    summary or body as written. Japanese lines only blank what is not prose, in place, so a rule
    that looks for words none of which is written has nothing to report: most articles skip it."""
    text = _as_written(article.title, article.summary, article.body)
    return any(word.search(text) if isinstance(word, re.Pattern) else word in text for word in words)


@lru_cache(maxsize=AT_HAND)  # four rules ask, one after the other
def _as_written(title: str, summary: str, body: str) -> str:
    return "\n".join((title, summary, body))  # no word looked for holds a line break


@rule("KB501", "mixed-style", Severity.WARNING, "です・ます and だ・である mixed in one article")
def mixed_style(article: Article, context: CheckContext) -> Iterator[Problem]:
    """Sentences end in the polite です・ます style and in the plain だ・である style in the same
    article. Body text, lists and headings are judged separately (a list of plain notes under
    polite paragraphs is fine); the minority style is reported. After textlint's
    `no-mix-dearu-desumasu`.

    ## Why
    Switching register mid-answer reads as careless, and customers notice.

    ## Example
    ```markdown
    ログイン画面を開きます。パスワードは8文字以上である。
    ```

    ## Fix
    Write the whole answer in です・ます: パスワードは8文字以上です。
    """
    if not _written(article, "だ", "であ", "ではない"):  # every _DEARU match holds one: nothing mixes
        return
    lines = [text_line for text_line in _japanese_lines(article) if text_line.block != TABLE]
    if not _DEARU_IN_LINES.search("\n".join([text_line.text for text_line in lines])):
        return  # ください holds a だ: most articles get this far, and have no だ・である sentence
    groups: dict[str, list[tuple[TextLine, re.Match, str]]] = {}
    for text_line in lines:
        group = {HEADING: "heading", LIST: "list"}.get(text_line.block, PARAGRAPH)
        for pattern, style in ((_DESUMASU, "desumasu"), (_DEARU, "dearu")):
            for match in pattern.finditer(text_line.text):
                groups.setdefault(group, []).append((text_line, match, style))
    for found in groups.values():
        polite = sum(1 for _, _, style in found if style == "desumasu")
        if polite and polite < len(found):
            minority = "desumasu" if polite * 2 < len(found) else "dearu"
            for text_line, match, style in found:
                if style == minority:
                    other = "です・ます" if minority == "dearu" else "だ・である"
                    yield Problem(text_line.line, f"「{match.group(0)}」 mixes styles: the article mostly uses {other}",
                                  f"end the sentence in {other} style", _column(text_line, article, match.start()))


@rule("KB502", "half-width-kana", Severity.WARNING, "half-width katakana")
def half_width_kana(article: Article, context: CheckContext) -> Iterator[Problem]:
    """Half-width katakana (ｶﾀｶﾅ, ｰ, ｡, ｢). After textlint's `no-hankaku-kana`.

    ## Why
    Half-width kana are a legacy encoding artefact: they look broken, and screen readers and
    search may treat them differently from the full-width words customers type.

    ## Example
    ```markdown
    ﾊﾟｽﾜｰﾄﾞを入力します。
    ```

    ## Fix
    Use full-width katakana: パスワードを入力します。
    """
    yield from _each_match(article, _HALF_WIDTH_KANA, "half-width katakana", "use full-width katakana")


@rule("KB503", "full-width-alphanumeric", Severity.WARNING, "full-width ASCII letters or digits")
def full_width_alphanumeric(article: Article, context: CheckContext) -> Iterator[Problem]:
    """Full-width Latin letters or digits (ＡＢＣ, １２３). After JTF style 2.1.8/2.1.9 as used
    with textlint.

    ## Why
    Mixed widths look untidy, and a customer searching for 「API」 may not find 「ＡＰＩ」.

    ## Example
    ```markdown
    ＣＳＶファイルは１０ＭＢまでです。
    ```

    ## Fix
    Use half-width letters and digits: CSVファイルは10MBまでです。
    """
    yield from _each_match(article, _FULL_WIDTH_ALNUM, "full-width letters or digits",
                           "use half-width letters and digits")


@rule("KB504", "mixed-punctuation", Severity.WARNING, "、。 and ，． mixed in one article")
def mixed_punctuation(article: Article, context: CheckContext) -> Iterator[Problem]:
    """The article uses both 、。 and ，． as Japanese commas and periods; the minority ones are
    reported. Only lines with kana count: Chinese, quoted in an article, writes ， and 。 together.
    After textlint's `ja-no-mixed-period` and JTF style 1.2.1.

    ## Why
    One article, one punctuation style; mixing them looks like text pasted from elsewhere.

    ## Example
    ```markdown
    設定を開きます。次に，保存をクリックします．
    ```

    ## Fix
    Use 、。 throughout: 次に、保存をクリックします。
    """
    if not (_written(article, "、", "。") and _written(article, "，", "．")):
        return
    lines = [text_line for text_line in _japanese_lines(article) if has_kana(text_line.text)]  # not Chinese
    counts = {pattern: sum(len(pattern.findall(t.text)) for t in lines)
              for pattern in (_JA_PUNCTUATION, _WESTERN_PUNCTUATION)}
    if not all(counts.values()):
        return
    minority = _WESTERN_PUNCTUATION if counts[_WESTERN_PUNCTUATION] <= counts[_JA_PUNCTUATION] else _JA_PUNCTUATION
    preferred = "、。" if minority is _WESTERN_PUNCTUATION else "，．"
    for text_line in lines:
        match = minority.search(text_line.text)
        if match:
            yield Problem(text_line.line, f"「{match.group(0)}」: the article mostly uses {preferred}",
                          f"use {preferred} throughout", _column(text_line, article, match.start()))


_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
                   r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# A list marker or heading hashes at the start, then emphasis, code and tags anywhere: two patterns,
# as one the regex engine could not skip ahead to the characters the second needs.
_MARKUP_START = re.compile(LIST_ITEM.pattern + r"|^\s*#+\s*")
_MARKUP = re.compile(r"\*\*|__|~~|==|`|</?[A-Za-z][^<>]*>|<!--.*?(?:-->|$)")
_ATTR_LIST = re.compile(r"\{:[^{}]*\}|\{\s*[#.][^{}]*\}")  # {: target="_blank"}, {#id}: attributes, not text
_BLANKS = re.compile(r"\s{2,}")
_SENTENCE_ENDS = ("。", "！", "？", "!", "?")


def _plain(text: str) -> str:
    """What a reader reads: link text, no emphasis, list markers, tags, comments or attribute lists,
    entities decoded; runs of blanks (where URLs were) count as one space."""
    # Each pattern runs only on lines holding what it needs: most lines are plain sentences.
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    first = text.lstrip()[:1]
    if first and (first in "-*+#" or first.isdecimal()):
        text = _MARKUP_START.sub("", text, count=1)
    if "*" in text or "_" in text or "~" in text or "=" in text or "`" in text or "<" in text:
        text = _MARKUP.sub("", text)
    if "{" in text:
        text = _ATTR_LIST.sub("", text)
    text = html.unescape(text).replace("\u200b", "")
    return _BLANKS.sub(" ", text).strip()


@rule("KB505", "sentence-length", Severity.WARNING, "a sentence is longer than lint.max_sentence_length")
def sentence_length(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A sentence of more than `lint.max_sentence_length` characters (100 by default), counting
    what the reader reads (link text, not URLs or comments). Paragraph lines that do not end a
    sentence are joined with the next, as in the rendered page. Only Japanese sentences are held
    to this limit: one without kana (English quoted in a Japanese article, or an English page) is
    not judged, as a 100-character limit fits Japanese, not English. After textlint's
    `sentence-length`.

    ## Why
    Long sentences are hard to follow on a phone, and harder still for customers reading in a
    second language.

    ## Example
    A 120-character sentence chaining three conditions with 「が」 and 「ので」.

    ## Fix
    Split it into two or three sentences; turn steps into a numbered list.
    """
    limit = context.config.lint.max_sentence_length
    if may_hold_long_sentence(article, limit):  # most articles: nothing to read line by line
        yield from long_sentences(article, limit)


def long_sentences(article: Article, limit: int) -> Iterator[Problem]:
    """KB505's problems: the article's sentences longer than ``limit``, read line by line."""
    raw_lines = article.body.split("\n")
    # (line, text) of the sentence so far, each line as written: read (_plain) only when they may be too
    # long together, which a line never is more as read than as written.
    pending: list[tuple[int, str]] = []
    length = 0  # of the text pending, at most as written

    def flush() -> list[Problem]:
        """The problems of the text pending, which is then cleared."""
        nonlocal length
        if length <= limit:  # no sentence in it can be longer
            pending.clear()
            length = 0
            return []
        parts = [(line, _plain(raw)) for line, raw in pending]
        pending.clear()
        length = 0
        text = "".join([part for _, part in parts])
        if len(text) <= limit:
            return []
        problems, offset = [], 0
        for sentence in _SENTENCE.findall(text):
            if len(sentence.strip()) > limit and has_kana(sentence):
                line = next(ln for ln, start in _starts(parts) if start <= offset)
                problems.append(Problem(line, f"sentence of {len(sentence.strip())} characters (at most {limit}): "
                                        f"「{sentence.strip()[:20]}…」", "split it into shorter sentences"))
            offset += len(sentence)
        return problems

    for text_line in _japanese_lines(article):
        is_body = text_line.line >= article.body_line
        raw = raw_lines[text_line.line - article.body_line] if is_body else text_line.text
        if text_line.block in (HEADING, TABLE) or raw.lstrip().startswith((">", "<")):
            yield from flush()  # blockquotes and raw HTML blocks are not linted, as in textlint
            continue
        starts_item = text_line.block == LIST and LIST_ITEM.match(text_line.text)
        after_gap = pending and pending[-1][0] + 1 != text_line.line  # a blank line or code ends a paragraph
        if starts_item or after_gap or text_line.block == FRONT_MATTER:
            yield from flush()
        # Readers read code spans too: count body lines as written (link URLs are dropped by _plain).
        pending.append((text_line.line, raw))
        if raw.endswith(_SENTENCE_ENDS):  # so does the line as read: _plain drops nothing after it
            length += len(raw)
            yield from flush()
            continue
        plain = _plain(raw)
        length += len(plain)
        if plain.endswith(_SENTENCE_ENDS) or not plain:
            yield from flush()
    yield from flush()


# Where sentence_length always ends the text it joins into sentences: after a line that ends a
# sentence, before a blank line or a list item (each written more strictly here than there). Every
# alternative starts with the line break, which the regex engine then skips ahead to.
_NEVER_JOINED_ACROSS = re.compile(rf"\n(?:(?<=[。！？!?]\n)|[ \t]*\n|(?=[ \t]*{LIST_MARKER}[ \t]))")


def may_hold_long_sentence(article: Article, limit: int) -> bool:
    """False when no sentence of the article can be longer than ``limit``: the summary is read alone
    and the body's sentences lie within the pieces it is cut into where lines are never joined."""
    return len(article.summary) > limit or max(map(len, _NEVER_JOINED_ACROSS.split(article.body))) > limit


def _starts(parts: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(line, offset in the joined text) of each part, last first, to find where a sentence starts."""
    result, offset = [], 0
    for line, text in parts:
        result.append((line, offset))
        offset += len(text)
    return list(reversed(result))


@cache
def _one_of(run: re.Pattern) -> re.Pattern:
    # One character of the class: the regex engine skips ahead to it, where `[...]+` tries every
    # position (5 against 12 microseconds an article).
    return re.compile(run.pattern.removesuffix("+"))


def _each_match(article: Article, pattern: re.Pattern, what: str, hint: str) -> Iterator[Problem]:
    """A problem at every match of ``pattern`` (a run of a character class, `[...]+`) in the article's
    Japanese text."""
    if not _written(article, _one_of(pattern)):
        return
    for text_line in _japanese_lines(article):
        for match in pattern.finditer(text_line.text):
            yield Problem(text_line.line, f"{what} 「{match.group(0)}」", hint,
                          _column(text_line, article, match.start()))
