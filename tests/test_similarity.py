"""Near-duplicate questions: Japanese-aware normalisation, and a fast join that misses no pair."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from kbgen.model import Article, FrontMatter
from kbgen.similarity import bigram_weights, bigrams, near_duplicate_pairs, normalise_question, weighted_jaccard


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
    titles = [bigrams(t) for t in ("請求書を再発行できますか？", "請求書を再発行できるでしょうか",
                                   "パスワードを忘れた場合は？")]
    weight = bigram_weights(titles)
    assert weighted_jaccard(titles[0], titles[1], weight) >= 0.8
    assert weighted_jaccard(titles[0], titles[2], weight) == 0


def test_a_phrase_every_title_shares_weighs_little():
    topics = ("check host CPU configuration", "CPU allocation calculation", "reset environment", "database dump",
              "enable maintenance mode", "deployment fails", "disk space is full", "cron jobs are stuck")
    titles = [bigrams(f"Adobe Commerce on cloud infrastructure: {topic}") for topic in topics]
    first, second = titles[:2]
    assert len(first & second) / len(first | second) >= 0.6  # unweighted, the shared phrase dominates
    assert weighted_jaccard(first, second, bigram_weights(titles)) < 0.6


def test_pairs_are_found_within_a_language_only():
    articles = [make("請求書を再発行できますか？", 1), make("請求書を再発行できるでしょうか", 2),
                make("請求書を再発行できますか？", 3, lang="en")]
    assert [(a.id, b.id, score) for a, b, score in near_duplicate_pairs(articles, 0.6)] == [("a1", "a2", 0.851)]


def test_the_join_finds_exactly_the_pairs_a_brute_force_comparison_finds():
    rng = random.Random(7)
    words = ["請求書", "パスワード", "ログイン", "を", "は", "の", "再発行", "変更", "できますか", "したい", "CSV",
             "注文"]
    articles = [make("".join(rng.choices(words, k=rng.randint(2, 5))), n) for n in range(300)]
    shingles = {a.id: bigrams(a.title) for a in articles}
    weight = bigram_weights(list(shingles.values()))
    for threshold in (0.5, 0.7, 0.9):
        expected = {(a.id, b.id) for a, b in itertools.combinations(articles, 2)
                    if weighted_jaccard(shingles[a.id], shingles[b.id], weight) >= threshold - 1e-9}
        found = {(a.id, b.id) for a, b, _ in near_duplicate_pairs(articles, threshold)}
        assert found == expected
