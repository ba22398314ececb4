"""One tokenizer, two runtimes: the browser's kbgen-search.js gives exactly the terms kbgen/search gives."""

from __future__ import annotations

import unicodedata

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.search.index import plain_text
from kbgen.search.tokenizer import tokenize
from tests.conftest import REPO

pytestmark = pytest.mark.browser

HARD_STRINGS = [
    "ＡＢＣ ａｂｃ １２３ ｶﾀｶﾅ ﾊﾟｽﾜｰﾄﾞ ｻｰﾊﾞｰ", "㍿ ㌔ ① ⅱ ﬁle Ⅻ", "サーバ サーバー ユーザー キー ー",
    "問合せ 問い合わせ 申込 申し込み 取り消し",
    "会員の登録 引き落とし 受け付け", "10GB 3.5インチ 100円 ¥1,000 25% 2026年11月26日 12:30",
    "👍🏻 ログイン🔑できない 😀", "https://example.com/help?q=パスワード&x=1 user@example.com",
    "Mixed 日本語 and English テキスト with カタカナ", "İstanbul ΣΊΣΥΦΟΣ Straße naïve café", "ゝゞヽヾ々〆ヶ",
    "<script>alert(1)</script> &amp; \"quotes\"", "2FA 二要素認証 2段階認証", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ",
    "running runs ran authentication authenticated generalizations", "\u3099\u309a か\u3099 ﾃﾞｰﾀ",
]


def _sample_texts() -> list[str]:
    config = load_config(REPO)
    kb, _ = load_knowledge_base(REPO, config)
    return [f"{a.title}\n{a.summary}\n{' '.join(a.meta.tags)}\n{plain_text(a.body)}" for a in kb.articles]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    page.evaluate("base => kbgenSearch.load(base)", site_url + "search-index/")
    yield page
    page.close()


def test_nfkc_in_chromium_matches_python(search_page):
    browser = search_page.evaluate("texts => texts.map(t => t.normalize('NFKC'))", HARD_STRINGS)
    assert browser == [unicodedata.normalize("NFKC", text) for text in HARD_STRINGS]


def test_hard_strings_give_identical_terms(search_page):
    browser = search_page.evaluate("texts => texts.map(t => kbgenSearch.tokenize(t))", HARD_STRINGS)
    assert browser == [tokenize(text) for text in HARD_STRINGS]


def test_every_sample_article_gives_identical_terms(search_page):
    texts = _sample_texts()
    browser = search_page.evaluate("texts => texts.map(t => kbgenSearch.tokenize(t))", texts)
    mismatched = [text[:40] for text, terms in zip(texts, browser, strict=True) if terms != tokenize(text)]
    assert len(texts) >= 30 and mismatched == []
