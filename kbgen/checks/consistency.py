"""KB4xx: consistency across the knowledge base: duplicate and near-duplicate questions, terminology."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from kbgen.checks.prose import prose_lines
from kbgen.checks.registry import KB, CheckContext, Problem, rule
from kbgen.checks.similarity import closest_matches, folded
from kbgen.content.config import SiteConfig
from kbgen.content.model import Article, KnowledgeBase
from kbgen.findings import Severity


def _title_key(article: Article) -> tuple[str, str]:
    return article.lang, " ".join(folded(article.title).split())


@rule("KB401", "duplicate-title", Severity.ERROR, "two articles ask the same question", scope=KB)
def duplicate_title(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """Two articles in the same language have the same title (ignoring case and width).

    ## Why
    Search shows two identical questions; customers cannot tell which answer is current, and
    the two answers drift apart.

    ## Example
    `account/reset-password.md` and `security/forgot-password.md` both titled
    「パスワードを忘れた場合はどうすればよいですか？」.

    ## Fix
    Merge the two answers into one article and add the other's URL to its `aliases:`.
    """
    first: dict[tuple[str, str], Article] = {}
    for article in kb.articles:
        key = _title_key(article)
        if key in first:
            yield Problem(article.line_of("title"), f"same title as {first[key].path}",
                          "merge the two answers; keep the old URL as an alias", path=article.path)
        else:
            first[key] = article


@rule("KB402", "near-duplicate", Severity.WARNING, "two articles ask nearly the same question", scope=KB)
def near_duplicate(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    """An article whose question is nearly the same as another's in the same language, with the
    closest such article and their similarity score (0-1); each article is reported at most once,
    and a pair that are each other's closest match once, on the article with the larger path.
    Titles are compared after normalisation: width (ＡＢＣ/ABC),
    punctuation and polite endings (ですか, ますか, でしょうか) are ignored, and words most
    titles share (a product name, 「するにはどうすればよいですか」) count little.
    The threshold is `lint.near_duplicate_threshold` (0.6 by default).
    Two titles that each name something the other does not are different questions: a version
    or number (`v6.3` / `v7.3`, 2023 / 2025, 2D / 3D), a name (`Windows` / `macOS`, `QR` /
    `Immersal`: a capitalised word after the first, or any in a Japanese title) or a
    qualifier in brackets (`(World Edition)` / `(Avatar Edition)`). So are two titles that differ
    by one word swapped for another (「タイムラインを表示」 / 「タイムラインを追加」, `Editing` /
    `Adding`), unless the KB declares the two words the same (`search.synonyms`, `terms`):
    a rewording changes endings and particles (「場合」 / 「とき」, ですか / でしょうか).

    ## Why
    The same question answered twice is how answers drift apart: one gets updated, the
    other keeps the old price.

    ## Example
    「請求書を再発行できますか？」 and 「請求書を再発行できるでしょうか」 (score 0.85).

    ## Fix
    Merge them (keep the old URL in `aliases:`), or make the questions say how they differ.
    If they really are different questions, silence the pair with
    `<!-- kbgen-disable KB402 -->` in one of them.
    """
    matches = closest_matches(kb.articles, context.config.lint.near_duplicate_threshold)
    synonyms = _synonyms(context.config)
    closest = {article.path: match.path for article, match, _score in matches}
    for article, match, score in matches:
        if score == 1 and _title_key(article) == _title_key(match):
            continue  # KB401 reports it (the same title scores 1; only then is the key worth computing)
        if closest.get(match.path) == article.path and article.path < match.path:
            continue  # each other's closest: reported once, on the other one
        if names_apart(article.title, match.title) or word_swapped(article.title, match.title, synonyms):
            continue
        yield Problem(article.line_of("title"), f"question is {score:.0%} similar to {match.path} "
                      f"(「{match.title}」, score {score:.2f})",
                      "merge the two answers, or reword the questions so they differ", path=article.path)


# A title's words: runs of Latin letters and digits (with the dots and marks of a version), or of
# anything else but spaces and brackets; brackets are words of their own, to know what they hold.
_TITLE_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.*+_'-]*[A-Za-z0-9*+])?|[()\[\]{}]|[^\sA-Za-z0-9()\[\]{}]+")
_OPENING, _CLOSING = "([{", ")]}"
_MAY_NAME = re.compile(r"[a-z0-9()\[\]{}]")
_NAME = re.compile(r"\d|^[A-Za-z0-9].*[A-Z]")  # a digit, or a capital after the first letter (macOS, QR)


def names_apart(title: str, other: str) -> bool:
    """Whether each title names something the other does not: a version or number, a name, or a
    qualifier in brackets. 「RIP AFK v1.1」 and 「RIP AFK v2.0」 ask about different releases."""
    words, other_words = _naming_words(title), _naming_words(other)
    return bool(words - other_words) and bool(other_words - words)


@lru_cache(maxsize=1 << 15)  # an article is in many pairs of a cluster of similar titles
def _naming_words(title: str) -> frozenset[tuple[str, int]]:
    """The words of a title that name something (case folded, each with how many times it came
    before, so that a word written twice is two): see names_apart."""
    if not _MAY_NAME.search(folded(title)):
        return frozenset()  # most Japanese titles: no Latin letter, digit or bracket
    words = _TITLE_WORD.findall(unicodedata.normalize("NFKC", title))
    japanese = not title.isascii()
    naming: dict[str, int] = {}
    depth = 0
    for position, word in enumerate(words):
        if word in _OPENING or word in _CLOSING:
            depth = max(depth + (1 if word in _OPENING else -1), 0)
            continue
        latin = word[0].isascii() and word[0].isalnum()
        if depth or _NAME.search(word) or latin and (japanese or position > 0 and word[0].isupper()):
            key = word.casefold()
            naming[key] = naming.get(key, 0) + 1
    return frozenset((word, n) for word, count in naming.items() for n in range(count))


# Words of a title for word_swapped: Latin words, and runs of one Japanese script (Japanese has no spaces).
_SWAP_TOKEN = re.compile(r"[a-z0-9](?:[a-z0-9.*+_'-]*[a-z0-9*+])?"
                         r"|[\u3041-\u309f]+|[\u30a0-\u30ff]+|[\u3400-\u9fff々]+|[^\W_]")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
# English words that reword a question rather than change it.
_FUNCTION_WORDS = frozenset("a an the to of in on at for with from by and or do does did can could how what why when "
                            "where which i my me we our you your is are be it its this that not no".split())


def word_swapped(title: str, other: str, synonyms: tuple[tuple[str, str], ...]) -> bool:
    """Whether the two titles differ in one place only, where each has a word the other lacks (not
    a function word, an ending or a particle, and not a declared synonym of the other's)."""
    words, other_words = _swap_words(title, synonyms), _swap_words(other, synonyms)
    start = 0
    while start < min(len(words), len(other_words)) and words[start] == other_words[start]:
        start += 1
    end = 0  # words in common at the end, after the common start
    while end < min(len(words), len(other_words)) - start and words[-1 - end] == other_words[-1 - end]:
        end += 1
    swapped, other_swapped = words[start:len(words) - end], other_words[start:len(other_words) - end]
    # A word both differing parts hold would make two places, around it.
    return (bool(swapped) and bool(other_swapped) and not set(swapped) & set(other_swapped)
            and _content(swapped) and _content(other_swapped))


def _content(words: tuple[str, ...]) -> bool:
    """Whether a run of title words holds a word of content: a Latin word other than a function word,
    or two characters or more of Japanese without hiragana (a kanji or katakana word)."""
    if any(word.isascii() and word not in _FUNCTION_WORDS for word in words if len(word) > 1 or word.isdigit()):
        return True
    japanese = "".join(word for word in words if not word.isascii())
    return len(japanese) >= 2 and not _HIRAGANA.search(japanese)


@lru_cache(maxsize=1 << 15)
def _swap_words(title: str, synonyms: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    text = folded(title)
    for word, same in synonyms:
        if word in text:
            text = text.replace(word, same)
    return tuple(_SWAP_TOKEN.findall(text))


def _synonyms(config: SiteConfig) -> tuple[tuple[str, str], ...]:
    """Each word the KB declares the same as another (search.synonyms, terms) -> that other, folded;
    longest first, so that one word inside another is replaced after it."""
    groups = list(config.search.synonyms) + [[term.use, *term.instead_of] for term in config.terms]
    same = {folded(word): folded(group[0]) for group in groups for word in group[1:]}
    return tuple(sorted(same.items(), key=lambda item: -len(item[0])))


def _word_pattern(word: str) -> re.Pattern:
    # ASCII words match whole words only: 'app' must not match 'apple'.
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile(re.escape(word))


@rule("KB403", "terminology", Severity.WARNING, "a word that `terms` in site_config.yml asks to replace")
def terminology(article: Article, context: CheckContext) -> Iterator[Problem]:
    """A word listed under `instead_of` of a `terms` entry, in the title, summary or body
    (code, URLs and HTML comments are skipped).

    ## Why
    Customers search with the words the help center uses; one product, one word.

    ## Example
    ```yaml
    # site_config.yml
    terms:
      - use: ログイン
        instead_of: [ログオン, サインイン]
    ```
    ```markdown
    管理画面にサインインします。
    ```

    ## Fix
    Use the preferred word: 管理画面にログインします。
    """
    for term in context.config.terms:
        for text_line in prose_lines(article):
            preferred = [(m.start(), m.end()) for m in _word_pattern(term.use).finditer(text_line.text)]
            for word in term.instead_of:
                for match in _word_pattern(word).finditer(text_line.text):
                    if any(start <= match.start() and match.end() <= end for start, end in preferred):
                        continue  # サーバ inside サーバー is the preferred word
                    column = match.start() + 1 if text_line.line >= article.body_line else None
                    yield Problem(text_line.line, f"「{match.group(0)}」: use 「{term.use}」",
                                  f"the KB writes 「{term.use}」 (terms in site_config.yml)", column)
