"""Near-duplicate questions: which article titles ask the same thing.

Titles are normalised (NFKC, lower case, punctuation and Japanese polite endings dropped) and
compared as sets of character bigrams with the Jaccard index. An all-pairs similarity join with
prefix filtering keeps it fast on large KBs: only titles that share one of their rarest bigrams
are ever compared, and that provably finds every pair at or above the threshold.
Bigrams shared by a large part of the KB (a product name in every title) are ignored.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TypeVar

from kbgen.model import Article

A = TypeVar("A", bound=Article)

# Longest first: ですか must go before か would be left dangling.
_POLITE_ENDINGS = ("ますでしょうか", "のでしょうか", "でしょうか", "ませんか", "ですか", "ますか", "ください",
                   "でしょう", "です", "ます", "か")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_question(text: str) -> str:
    """'パスワードを忘れた場合はどうすればよいですか？' -> 'パスワードを忘れた場合はどうすればよい'."""
    text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())
    for ending in _POLITE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def bigrams(text: str) -> frozenset[str]:
    normalised = normalise_question(text)
    if len(normalised) < 2:
        return frozenset([normalised]) if normalised else frozenset()
    return frozenset(normalised[i : i + 2] for i in range(len(normalised) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicate_pairs(articles: Sequence[A], threshold: float) -> list[tuple[A, A, float]]:
    """Every pair of same-language articles whose titles score at least ``threshold`` (0-1],
    highest score first; within a pair, the article with the smaller path comes first."""
    by_lang: dict[str, list[A]] = defaultdict(list)
    for article in articles:
        by_lang[article.lang].append(article)
    pairs = [pair for group in by_lang.values() for pair in _join(group, threshold)]
    return sorted(pairs, key=lambda p: (-p[2], p[0].path, p[1].path))


def _join(articles: list[A], threshold: float) -> list[tuple[A, A, float]]:
    shingles = [bigrams(a.title) for a in articles]
    frequency = Counter(token for tokens in shingles for token in tokens)
    # Bigrams of a phrase most titles share ("Adobe Commerce on cloud infrastructure") say nothing
    # about the question: drop those found in more than a tenth of the titles (and more than 5).
    common = {token for token, count in frequency.items() if count > max(5, len(articles) // 10)}
    shingles = [tokens - common if len(tokens - common) >= 2 else tokens for tokens in shingles]
    # Rarest bigrams first: the prefix of each title is its most distinctive part.
    ordered = [sorted(tokens, key=lambda t: (frequency[t], t)) for tokens in shingles]
    index: dict[str, list[int]] = defaultdict(list)
    result = []
    for i in sorted(range(len(articles)), key=lambda k: (len(ordered[k]), articles[k].path)):
        tokens = ordered[i]
        if not tokens:
            continue
        prefix = tokens[: len(tokens) - math.ceil(threshold * len(tokens) - 1e-9) + 1]
        candidates = {j for token in prefix for j in index[token]}
        for j in candidates:
            if len(ordered[j]) < threshold * len(tokens) - 1e-9:
                continue  # too short to reach the threshold
            score = jaccard(shingles[i], shingles[j])
            if score >= threshold:
                first, second = sorted((articles[i], articles[j]), key=lambda a: a.path)
                result.append((first, second, round(score, 3)))
        for token in prefix:
            index[token].append(i)
    return result
