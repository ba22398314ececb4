"""Near-duplicate questions: which article titles ask the same thing.

Titles are normalised (NFKC, lower case, punctuation and Japanese polite endings dropped) and
compared as sets of character bigrams with a weighted Jaccard index: each bigram weighs its
smoothed inverse document frequency, so a phrase most titles share ("Adobe Commerce on cloud infrastructure",
"するにはどうすればよい") counts little and the words that make a question distinct count most.
An all-pairs similarity join with weighted prefix filtering keeps it fast on large KBs: only
titles that share one of their rarest bigrams are compared, which provably misses no pair at
or above the threshold.
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


def weighted_jaccard(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    union = sum(weight[t] for t in a | b)
    return sum(weight[t] for t in a & b) / union if union else 0.0


def bigram_weights(titles: Sequence[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency, 1 + ln((1 + N) / (1 + df)): rare bigrams weigh more, none zero."""
    frequency = Counter(token for tokens in titles for token in tokens)
    return {token: math.log((1 + len(titles)) / (1 + count)) + 1 for token, count in frequency.items()}


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
    weight = bigram_weights(shingles)
    totals = [sum(weight[t] for t in tokens) for tokens in shingles]
    # Rarest (heaviest) bigrams first: a pair at or above the threshold shares its first common
    # bigram within both prefixes, the part of each title outside which less than threshold*total remains.
    ordered = [sorted(tokens, key=lambda t: (-weight[t], t)) for tokens in shingles]
    index: dict[str, list[int]] = defaultdict(list)
    result = []
    for i in sorted(range(len(articles)), key=lambda k: (totals[k], articles[k].path)):
        if not ordered[i]:
            continue
        prefix, remaining = [], totals[i]
        for token in ordered[i]:
            if remaining < threshold * totals[i] - 1e-9:
                break
            prefix.append(token)
            remaining -= weight[token]
        candidates = {j for token in prefix for j in index[token]}
        for j in candidates:
            if totals[j] < threshold * totals[i] - 1e-9:
                continue  # too light to reach the threshold
            shared = sum(weight[t] for t in shingles[i] & shingles[j])
            score = shared / (totals[i] + totals[j] - shared)  # the weighted Jaccard index
            if score >= threshold - 1e-9:
                first, second = sorted((articles[i], articles[j]), key=lambda a: a.path)
                result.append((first, second, round(score, 3)))
        for token in prefix:
            index[token].append(i)
    return result
