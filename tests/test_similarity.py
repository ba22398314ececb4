"""Near-duplicate questions: Japanese-aware normalisation, and a fast search for each question's closest match."""

from __future__ import annotations

import random
from datetime import date

import pytest

from kbgen.checks.similarity import bigram_weights, bigrams, closest_matches, normalise_question, weighted_jaccard
from kbgen.content.model import Article, FrontMatter


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


def test_matches_are_found_within_a_language_only():
    articles = [make("請求書を再発行できますか？", 1), make("請求書を再発行できるでしょうか", 2),
                make("請求書を再発行できますか？", 3, lang="en")]
    assert [(a.id, b.id, score) for a, b, score in closest_matches(articles, 0.6)] == [
        ("a1", "a2", 0.851), ("a2", "a1", 0.851)]


def test_titles_of_no_words_match_nothing():
    articles = [make("？", 1), make("!!", 2), make("…", 3), make("請求書を再発行できますか？", 4)]
    assert closest_matches(articles, 0.6) == []


def random_titles(count: int) -> list[Article]:
    rng = random.Random(7)
    words = ["請求書", "パスワード", "ログイン", "を", "は", "の", "再発行", "変更", "できますか", "したい", "CSV",
             "注文"]
    return [make("".join(rng.choices(words, k=rng.randint(2, 5))), n) for n in range(count)]


def brute_force_closest(articles: list[Article], threshold: float) -> dict[str, tuple[str, float]]:
    shingles = {a.id: bigrams(a.title) for a in articles}
    weight = bigram_weights(list(shingles.values()))
    closest = {}
    for a in articles:
        scored = [(weighted_jaccard(shingles[a.id], shingles[b.id], weight), b) for b in articles if b is not a]
        matches = [(-round(score, 9), b.path, b.id, score) for score, b in scored if score >= threshold - 1e-9]
        if matches:
            closest[a.id] = min(matches)[2:]
    return closest


def test_with_no_limit_on_comparisons_each_title_gets_the_closest_match_a_brute_force_search_finds():
    articles = random_titles(300)
    for threshold in (0.5, 0.7, 0.9):
        found = {a.id: (b.id, score) for a, b, score in closest_matches(articles, threshold, compare_at_most=300)}
        expected = {i: (j, round(score, 3)) for i, (j, score) in brute_force_closest(articles, threshold).items()}
        assert found == expected


def test_a_large_cluster_of_similar_titles_still_reports_real_matches_only():
    articles = random_titles(300)  # 12 words: most titles have far more than 32 candidates
    expected = brute_force_closest(articles, 0.7)
    found = closest_matches(articles, 0.7, compare_at_most=32)
    assert len(found) >= len(expected) // 2
    shingles = {a.id: bigrams(a.title) for a in articles}
    weight = bigram_weights(list(shingles.values()))
    for a, b, score in found:
        assert a.id in expected
        assert score == round(weighted_jaccard(shingles[a.id], shingles[b.id], weight), 3) >= 0.7
