"""Near-duplicate questions: which article titles ask the same thing.

Titles are normalised (NFKC, lower case, punctuation and Japanese polite endings dropped) and
compared as sets of character bigrams with a weighted Jaccard index: each bigram weighs its
smoothed inverse document frequency, so a phrase most titles share ("Adobe Commerce on cloud infrastructure",
"するにはどうすればよい") counts little and the words that make a question distinct count most.
An all-pairs similarity join with weighted prefix filtering keeps it fast on large KBs: only
titles that share one of their rarest bigrams are compared, which provably misses no pair at
or above the threshold. In a cluster of similar questions, where many titles have the same
candidates, each title's overlaps with all of them are summed in one pass over its bigrams.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from kbgen.content.model import Article

A = TypeVar("A", bound=Article)

# Longest first: ですか must go before か would be left dangling.
_POLITE_ENDINGS = ("ますでしょうか", "のでしょうか", "でしょうか", "ませんか", "ですか", "ますか", "ください",
                   "でしょう", "です", "ます", "か")
# Enough for every title of a KB of distinct questions; a cluster of thousands of near-identical
# titles would otherwise cost each of them thousands of comparisons.
COMPARE_AT_MOST = 32
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 15)  # KB401 and KB402 fold every title of a KB
def folded(text: str) -> str:
    """Width and case folded: NFKC, lower case ('ＣＳＶで？' -> 'csvで?')."""
    return unicodedata.normalize("NFKC", text).lower()


def normalise_question(text: str) -> str:
    """'パスワードを忘れた場合はどうすればよいですか？' -> 'パスワードを忘れた場合はどうすればよい'."""
    text = _NOT_WORD.sub("", folded(text))
    if not text.endswith(_POLITE_ENDINGS):
        return text
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
    frequency = Counter(itertools.chain.from_iterable(titles))
    return {token: math.log((1 + len(titles)) / (1 + count)) + 1 for token, count in frequency.items()}


def closest_matches(articles: Sequence[A], threshold: float,
                    compare_at_most: int = COMPARE_AT_MOST) -> list[tuple[A, A, float]]:
    """Each article's closest same-language match scoring at least ``threshold`` (0-1]: (article,
    match, score) for every article that has one, highest score first, then by path; of equally
    close matches, the one with the smallest path. Each title is compared with at most
    ``compare_at_most`` others, those sharing its rarest bigrams first: exact whenever no title
    has more candidates than that, as in a KB of distinct questions."""
    by_lang: dict[str, list[A]] = defaultdict(list)
    for article in articles:
        by_lang[article.lang].append(article)
    matches = [match for group in by_lang.values() for match in _closest(group, threshold, compare_at_most)]
    return sorted(matches, key=lambda m: (-m[2], m[0].path))


def _closest(articles: list[A], threshold: float, compare_at_most: int) -> list[tuple[A, A, float]]:
    titles = [bigrams(a.title) for a in articles]
    weight_of = bigram_weights(titles)
    # Bigrams as numbers, rarest (heaviest) first: set operations on small ints are the inner loop.
    vocabulary = sorted(weight_of, key=lambda t: (-weight_of[t], t))
    number = {token: n for n, token in enumerate(vocabulary)}
    weight = [weight_of[t] for t in vocabulary]
    shingles = [frozenset(map(number.__getitem__, tokens)) for tokens in titles]
    totals = [sum(map(weight.__getitem__, tokens)) for tokens in shingles]
    # Two titles scoring the threshold or more share a bigram within both prefixes: the part of
    # each title outside which less than threshold*total remains.
    prefixes = []
    index: dict[int, list[int]] = defaultdict(list)
    for i, tokens in enumerate(shingles):
        prefix, remaining = [], totals[i]
        for token in sorted(tokens):
            if remaining < threshold * totals[i] - 1e-9:
                break
            prefix.append(token)
            index[token].append(i)
            remaining -= weight[token]
        prefixes.append(prefix)
    # Each title's candidates: those sharing its rarest bigrams first, compare_at_most besides itself,
    # so that a bigram thousands of titles share is not read to its end.
    gathered = [_first_distinct(itertools.chain.from_iterable(index[token] for token in prefix), compare_at_most + 1)
                for prefix in prefixes]
    # In a cluster of similar questions many titles get the same candidates: their overlaps with
    # them are then summed in one pass over each title's bigrams instead of a set per comparison.
    clusters = {candidates: None for candidates, count in Counter(gathered).items() if count > 1}
    weight_of_token = weight.__getitem__
    result = []
    for i, candidates in enumerate(gathered):
        if len(candidates) < 2:
            continue  # none but itself (or a title of no bigrams, with none at all)
        tokens, total = shingles[i], totals[i]
        if candidates in clusters:
            overlaps = clusters[candidates]
            if overlaps is None:
                overlaps = clusters[candidates] = _Overlaps(candidates, shingles)
            shared = overlaps.with_title(tokens, weight)
        else:
            shared = [sum(map(weight_of_token, tokens & shingles[j])) for j in candidates]
        scores = [s / (total + totals[j] - s) for j, s in zip(candidates, shared, strict=True)]  # weighted Jaccard
        # Compared are the others, compare_at_most at most: all but itself, or all but the last when
        # the title is not among its candidates (they are compare_at_most + 1 at most).
        ignored = candidates.index(i) if i in candidates else compare_at_most
        if ignored < len(scores):
            scores[ignored] = -1.0
        # To 9 digits: summed in another order a score differs in the last bits, and equal scores must tie.
        best_score = round(max(scores), 9)
        if best_score < threshold - 1e-9:
            continue
        best = min((j for j, score in zip(candidates, scores, strict=True)
                    if score > best_score - 1e-8 and round(score, 9) == best_score), key=lambda j: articles[j].path)
        result.append((articles[i], articles[best], round(best_score, 3)))
    return result


def _first_distinct(items: Iterable[int], count: int) -> tuple[int, ...]:
    """The first ``count`` distinct items, in order; the rest of ``items`` is not read."""
    distinct: dict[int, None] = {}
    for item in items:
        distinct[item] = None
        if len(distinct) == count:
            break
    return tuple(distinct)


class _Overlaps:
    """The weighted overlap of any title with each of a list of titles, in one pass over its bigrams."""

    def __init__(self, titles: tuple[int, ...], shingles: list[frozenset[int]]):
        self.size = len(titles)
        # Bigrams all of them have (a cluster's shared words) are summed once, not once per title.
        self.common = frozenset.intersection(*(shingles[j] for j in titles))
        self.holders: dict[int, list[int]] = defaultdict(list)
        for position, j in enumerate(titles):
            for token in shingles[j] - self.common:
                self.holders[token].append(position)

    def with_title(self, tokens: frozenset[int], weight: list[float]) -> list[float]:
        shared = [sum(weight[t] for t in tokens & self.common)] * self.size
        for token in tokens - self.common:
            token_weight = weight[token]
            for position in self.holders.get(token, ()):
                shared[position] += token_weight
        return shared
