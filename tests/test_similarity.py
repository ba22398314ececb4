"""Near-duplicate questions: Japanese-aware normalisation, and a fast join that misses no pair."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date

import pytest

from kbgen.model import Article, FrontMatter
from kbgen.similarity import bigrams, jaccard, near_duplicate_pairs, normalise_question


def make(title: str, number: int = 0, lang: str = "ja") -> Article:
    meta = FrontMatter.model_validate({"title": title, "summary": "s", "category": "c", "owner": "@o",
                                       "last_reviewed": date(2026, 1, 1)})
    return Article(f"a{number}", lang, f"content/c/a{number:05}.md", meta, "", 8)


@pytest.mark.parametrize("question, normalised", [
    ("パスワードを忘れた場合はどうすればよいですか？", "パスワードを忘れた場合はどうすればよい"),
    ("請求書を再発行できますか。", "請求書を再発行でき"),
    ("ＣＳＶで登録できるでしょうか", "csvで登録できる"),
    ("How do I reset my password?", "howdoiresetmypassword"),
])
def test_questions_are_normalised_for_comparison(question, normalised):
    assert normalise_question(question) == normalised


def test_polite_variants_of_one_question_score_high_and_different_questions_low():
    same = jaccard(bigrams("請求書を再発行できますか？"), bigrams("請求書を再発行できるでしょうか"))
    different = jaccard(bigrams("パスワードを忘れた場合は？"), bigrams("請求書を再発行できますか？"))
    assert same >= 0.8 and different == 0


def test_pairs_are_found_within_a_language_only():
    articles = [make("請求書を再発行できますか？", 1), make("請求書は再発行できますか", 2),
                make("請求書を再発行できますか？", 3, lang="en")]
    assert [(a.id, b.id, score) for a, b, score in near_duplicate_pairs(articles, 0.6)] == [("a1", "a2", 0.6)]


def test_the_join_finds_exactly_the_pairs_a_brute_force_comparison_finds():
    rng = random.Random(7)
    words = ["請求書", "パスワード", "ログイン", "を", "は", "の", "再発行", "変更", "できますか", "したい", "CSV",
             "注文"]
    articles = [make("".join(rng.choices(words, k=rng.randint(2, 5))), n) for n in range(300)]
    shingles = _shingles(articles)
    for threshold in (0.5, 0.7, 0.9):
        expected = {(a.id, b.id) for a, b in itertools.combinations(articles, 2)
                    if jaccard(shingles[a.id], shingles[b.id]) >= threshold}
        found = {(a.id, b.id) for a, b, _ in near_duplicate_pairs(articles, threshold)}
        assert found == {tuple(sorted(pair, key=lambda i: int(i[1:]))) for pair in expected}


def _shingles(articles):
    """Each title's bigrams as the join compares them: without those shared by over a tenth of the titles."""
    frequency = Counter(t for a in articles for t in bigrams(a.title))
    result = {}
    for article in articles:
        tokens = bigrams(article.title)
        kept = frozenset(t for t in tokens if frequency[t] <= max(5, len(articles) // 10))
        result[article.id] = kept if len(kept) >= 2 else tokens
    return result
