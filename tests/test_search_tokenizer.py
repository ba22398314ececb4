"""The search tokenizer: a customer's spelling of a word gives the terms the article's spelling gave."""

from __future__ import annotations

import json

import pytest

from kbgen.content.config import ConfigError, load_config
from kbgen.search.index import SearchDocument, title_terms, write_index
from kbgen.search.tokenizer import tokenize


@pytest.mark.parametrize("typed, written", [
    ("ＬＤＡＰ", "LDAP"),
    ("ﾊﾟｽﾜｰﾄﾞ", "パスワード"),
    ("ぱすわーど", "パスワード"),
    ("サーバ", "サーバー"),
    ("１０ＧＢ", "10 GB"),
])
def test_variants_of_a_word_share_their_terms(typed, written):
    assert set(tokenize(typed)) <= set(tokenize(written))


@pytest.mark.parametrize("short, long, pair", [("問合せ", "問い合わせ", "問合"), ("申込", "申し込み", "申込")])
def test_okurigana_variants_share_their_kanji_pair(short, long, pair):
    assert pair in tokenize(short) and pair in tokenize(long)


def test_a_natural_phrase_shares_most_terms_with_the_question():
    query = set(tokenize("パスワードを忘れた"))
    title = set(tokenize("パスワードを忘れた場合はどうすればよいですか？"))
    assert query <= title


def test_english_words_are_stemmed_and_stop_words_dropped():
    assert tokenize("How do I reset my passwords?") == ["reset", "password"]
    assert tokenize("resetting") == tokenize("reset")


def test_a_katakana_or_kanji_word_is_also_a_term_of_its_own():
    terms = tokenize("管理画面にログインできない")
    assert {"ログイン", "管理画面", "イン"} <= set(terms)
    assert "インストール" in tokenize("インストール") and "ログイン" not in tokenize("インストール")
    assert tokenize("ｻｰﾊﾞｰ") == ["サー", "ーバ", "サーバ"]  # the word without its final long vowel


def test_what_is_left_of_an_english_contraction_is_no_term():
    assert tokenize("I can't log in, it doesn't work") == ["log", "work"]


def test_a_particle_between_kanji_is_not_okurigana():
    assert "員登" not in tokenize("会員の登録")


def test_emoji_urls_and_symbols_separate_words():
    assert tokenize("👍 https://example.com/a-b") == ["http", "exampl", "com", "b"]


def _index(tmp_path, documents, synonyms=()):
    out = tmp_path / "index"
    write_index(documents, [list(g) for g in synonyms], out)
    meta = json.loads((out / "meta.json").read_text())
    terms = {}
    for _first, name in meta["chunks"]:
        terms.update(json.loads((out / name).read_text()))
    return out, terms


def test_synonyms_index_a_document_under_every_word_of_its_group(tmp_path):
    doc = SearchDocument("account/delete/", "退会するには？", "設定から手続きできます。", "アカウント")
    _, terms = _index(tmp_path, [doc], [["解約", "退会", "キャンセル"]])
    assert "解約" in terms and "キャンセ" not in terms and "ャン" in terms


@pytest.mark.parametrize("article, customer", [
    ("アカウントを削除する", "アカウントを消したい"),
    ("メールを受信できない場合", "メールが届かない"),
    ("How to delete a vault item", "remove an item"),
])
def test_an_article_is_found_by_the_everyday_word_for_its_formal_one(tmp_path, article, customer):
    _, terms = _index(tmp_path, [SearchDocument("a/", article, "", "")])
    everyday = set(tokenize(customer)) - set(tokenize(article))
    assert everyday and everyday & set(terms)


def test_an_everyday_word_does_not_index_an_article_under_the_formal_one(tmp_path):
    _, terms = _index(tmp_path, [SearchDocument("a/", "予約の取り消し", "", "")])
    assert "消シ" in terms and "削除" not in terms


def test_a_latin_word_is_mentioned_only_at_the_start_of_a_word(tmp_path):
    _, terms = _index(tmp_path, [SearchDocument("a/", "Add a credit card", "", "")], [["edit", "modify"]])
    assert "modifi" not in terms and "chang" not in terms


def test_the_index_is_the_same_bytes_for_the_same_input(tmp_path):
    docs = [SearchDocument(f"a/{n}/", f"質問 {n} のパスワード", "回答", "カテゴリー", ("tag",), "本文 " * n)
            for n in range(40)]
    first, _ = _index(tmp_path / "1", docs)
    second, _ = _index(tmp_path / "2", docs)
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}


def test_a_synonym_group_of_one_word_is_a_config_error(write_kb):
    from tests.conftest import MINIMAL_CONFIG

    root = write_kb({}, {**MINIMAL_CONFIG, "search": {"synonyms": [["解約"]]}})
    with pytest.raises(ConfigError, match="synonym group"):
        load_config(root)


def test_the_run_regex_draws_the_same_classes_as_char_class():
    """tokenize() scans with a regex for speed; it must agree with char_class on every BMP character."""
    from kbgen.search.tokenizer import _RUN, DIGIT, HIRAGANA, KANJI, KATAKANA, OTHER, WORD, char_class

    group_of = {DIGIT: "digits", WORD: "word", KANJI: "japanese", HIRAGANA: "japanese", KATAKANA: "japanese"}
    for code in range(0x10000):
        ch = chr(code)
        match = _RUN.fullmatch(ch)
        expected = None if char_class(ch) == OTHER else group_of[char_class(ch)]
        assert (match.lastgroup if match else None) == expected, hex(code)


def test_the_script_regexes_draw_the_same_classes_as_char_class():
    """japanese_terms() finds one-script words and okurigana by regex; the scripts must be char_class's."""
    import re

    from kbgen.search.tokenizer import _HIRAGANA, _KANJI, _KATAKANA, HIRAGANA, KANJI, KATAKANA, char_class

    scripts = {KANJI: re.compile(f"[{_KANJI}]"), HIRAGANA: re.compile(f"[{_HIRAGANA}]"),
               KATAKANA: re.compile(f"[{_KATAKANA}]")}
    for code in range(0x10000):
        ch = chr(code)
        for script, pattern in scripts.items():
            assert bool(pattern.fullmatch(ch)) == (char_class(ch) == script), hex(code)


def _rows(out):
    return [row for path in sorted(out.glob("d*.json"), key=lambda p: int(p.name[1:].split("-")[0]))
            for row in json.loads(path.read_text())]


def test_each_document_carries_the_weight_of_its_titles_words(tmp_path):
    """The widget tells how much of an article's question a message asks from this weight: the impacts of
    the title's terms on the article, without the hiragana-only bigrams (particles) no message term matches."""
    docs = [SearchDocument("a/reset/", "パスワードを忘れたときは", "再設定します。", "アカウント"),
            SearchDocument("a/invoice/", "請求書の宛名", "変更できます。", "お支払い")]
    out, terms = _index(tmp_path, docs)
    # two documents: each delta is a document number
    impacts = {term: dict(zip(flat[::2], flat[1::2], strict=True)) for term, flat in terms.items()}
    for number, row in enumerate(_rows(out)):
        title_terms = set(tokenize(row[1])) - {"レタ", "タト", "トキ", "キハ"}  # れた, たと, とき, きは
        assert row[4] == sum(impacts[term].get(number, 0) for term in title_terms)


def test_an_faq_page_carries_each_question_its_headings_ask_with_its_weight(tmp_path):
    """An FAQ page's title asks nothing a customer writes ("General FAQs"); its headings ask the questions.
    Headings that are no question, and headings inside code, are not carried; an article without
    question headings has no sixth column."""
    body = ("## Most asked\n\n### Q: How do I change my email address?\n\nIn Settings.\n\n"
            "## 退会できますか？ {#leave}\n\nできます。\n\n```\n## Not a heading?\n```\n"
            "### Q1. 領収書の宛名\n\n変えられます。\n\n### Ｑ：請求書はどこ\n\n設定画面です。\n")
    docs = [SearchDocument("a/faq/", "General FAQs", "Answers.", "Account", (), body),
            SearchDocument("a/plain/", "Plans", "Prices.", "Billing", (), "## Prices\n\nThree plans.\n")]
    out, terms = _index(tmp_path, docs)
    impacts = {term: dict(zip(flat[::2], flat[1::2], strict=True)) for term, flat in terms.items()}
    faq, plain = _rows(out)
    assert [question for question, _ in faq[5]] == ["How do I change my email address?", "退会できますか？",
                                                    "領収書の宛名", "請求書はどこ"]
    for question, weight in faq[5]:
        assert weight == sum(impacts[term].get(0, 0) for term in title_terms(question)) > 0
    assert len(plain) == 5


def test_impact_max_is_the_most_one_term_gives_and_grows_with_the_kb(tmp_path):
    """Scores grow with the number of articles (a word's IDF does); impact_max lets the browser measure a
    score in a unit that grows with them."""
    docs = [SearchDocument(f"a/{n}/", f"質問{n}", "回答", "カテゴリー", (), "本文") for n in range(30)]
    docs.append(SearchDocument("a/unique/", "ペリカン便 ペリカン便 ペリカン便", "ペリカン便", "カテゴリー"))
    small, terms = _index(tmp_path / "small", docs)
    meta = json.loads((small / "meta.json").read_text())
    highest = max(impact for flat in terms.values() for impact in flat[1::2])
    assert 0.8 * meta["impact_max"] <= highest <= meta["impact_max"]
    large, _ = _index(tmp_path / "large", docs * 10)
    assert json.loads((large / "meta.json").read_text())["impact_max"] > meta["impact_max"]
