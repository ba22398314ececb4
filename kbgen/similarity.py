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

import itertools
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
# Enough for every title of a KB of distinct questions; a cluster of thousands of near-identical
# titles would otherwise cost each of them thousands of comparisons.
COMPARE_AT_MOST = 32
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_question(text: str) -> str:
    """'パスワードを忘れた場合はどうすればよいですか？' -> 'パスワードを忘れた場合はどうすればよい'."""
    text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())
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
    frequency = Counter(token for tokens in titles for token in tokens)
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
    shingles = [frozenset(number[t] for t in tokens) for tokens in titles]
    totals = [sum(weight[t] for t in tokens) for tokens in shingles]
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
    result = []
    weight_of_token = weight.__getitem__
    for i, prefix in enumerate(prefixes):
        # Ordered: the rarest shared bigram's titles first; compare_at_most besides i itself are all
        # that get compared, so a bigram thousands of titles share is not read to its end.
        candidates: dict[int, None] = {}
        for j in itertools.chain.from_iterable(index[token] for token in prefix):
            candidates[j] = None
            if len(candidates) > compare_at_most:
                break
        candidates.pop(i, None)
        best, best_score = None, threshold - 1e-9
        tokens, total = shingles[i], totals[i]
        for j in itertools.islice(candidates, compare_at_most):
            shared = sum(map(weight_of_token, tokens & shingles[j]))
            # The weighted Jaccard index, to 9 digits: summed in another order (set order varies
            # from run to run) it differs in the last bits, and equal scores must tie.
            score = shared / (total + totals[j] - shared)
            if score < best_score - 1e-8:
                continue  # rounded, it would still be below
            score = round(score, 9)
            if score < best_score:
                continue
            if best is None or score > best_score or articles[j].path < articles[best].path:
                best, best_score = j, score
        if best is not None:
            result.append((articles[i], articles[best], round(best_score, 3)))
    return result
