"""Search in the browser on the sample help center, served under /help/: what a customer types finds the article."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from tests.browser.server import serve
from tests.conftest import TODAY, article

pytestmark = pytest.mark.browser
HEADER = "#kb-search-header"


@pytest.fixture
def page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    yield page
    page.close()


def type_query(page, query: str, box: str = HEADER) -> list[str]:
    """Types ``query`` as a person does and returns the result links in rank order, from the site root."""
    page.fill(box, "")
    page.locator(box).press_sequentially(query)
    page.wait_for_function("([box, q]) => document.querySelector(box).form.getAttribute('data-kbgen-searched') === q",
                           arg=[box, query])
    return page.locator(box).evaluate(
        "input => [...input.form.querySelectorAll('[data-kbgen-search-results] a')]"
        ".map(a => '/' + new URL(a.href).pathname.split('/').slice(2).join('/'))")  # without /help/


@pytest.mark.parametrize("query, expected", [
    ("パスワードを忘れた", "/account/reset-password/"),
    ("退会したい", "/account/delete-account/"),
    ("ﾊﾟｽﾜｰﾄﾞ", "/account/reset-password/"),
    ("ＣＳＶ", "/getting-started/import-products-csv/"),
    ("サーバ", "/security/data-protection/"),
    ("二要素認証", "/security/enable-two-factor/"),
    ("ぱすわーど わすれた", "/account/reset-password/"),
])
def test_what_customers_type_finds_the_article_in_the_top_three(page, query, expected):
    assert expected in type_query(page, query)[:3]


def test_a_question_with_polite_endings_and_particles_finds_the_article_first(page):
    assert type_query(page, "すみません、パスワードを忘れてしまったのですがどうすればいいですか")[0] == \
        "/account/reset-password/"


def test_a_word_the_help_center_does_not_have_does_not_empty_the_results(page):
    assert type_query(page, "パスワード ぴよぴよ")[0] == "/account/reset-password/"


def test_a_search_that_cannot_reach_the_index_says_so_and_offers_support(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    context.set_offline(True)  # a phone that lost its connection after the page loaded
    assert type_query(page, "パスワード") == []
    popup = page.locator(f"form:has({HEADER}) [data-kbgen-search-popup]")
    assert popup.is_visible()
    assert popup.locator("[data-kbgen-search-status] p").first.inner_text() == \
        "検索できませんでした。接続を確かめて、もう一度お試しください。"
    assert popup.locator("[data-kbgen-contact-link]").get_attribute("href") == "https://example.com/contact"
    context.set_offline(False)
    assert type_query(page, "パスワードを忘れた")[0] == "/account/reset-password/"  # and works once back online
    context.close()


@pytest.mark.parametrize("query, expected", [
    ("pasword", "/en/account/reset-password/"),
    ("invoise", "/en/billing/invoices/"),
    ("cancle", "/en/billing/cancel-subscription/"),  # two letters swapped
])
def test_an_english_typo_still_finds_the_article(browser, site_url, query, expected):
    page = browser.new_page()
    page.goto(site_url + "en/")
    assert expected in type_query(page, query)[:3]
    page.close()


def test_english_pages_search_english_articles_first(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "en/")
    assert type_query(page, "forgot passw")[0] == "/en/account/reset-password/"
    page.close()


def test_results_come_with_question_summary_category_and_highlight(page):
    type_query(page, "パスワード")
    first = page.locator(f"#{HEADER[1:]}-results a").first
    assert first.locator(".kb-search__title mark").first.inner_text() == "パスワード"
    assert first.locator(".kb-search__summary").inner_text() and first.locator(".kb-search__category").inner_text()


def test_keyboard_moves_through_results_and_enter_opens_one(page):
    links = type_query(page, "パスワード")
    box = page.locator(HEADER)
    box.press("ArrowDown")
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowUp")
    box.press("Enter")
    page.wait_for_url(f"**{links[0]}")


def test_escape_closes_the_results(page):
    type_query(page, "CSV")
    page.locator(HEADER).press("Escape")
    assert page.locator("[data-kbgen-search-popup]").first.is_hidden()
    assert page.locator(HEADER).get_attribute("aria-expanded") == "false"


def test_focusing_the_box_fetches_the_index_map_of_every_language_before_a_keystroke(browser, site_url):
    page = browser.new_page()
    page.goto(site_url)
    with page.expect_request(site_url + "search-index/meta.json"), \
            page.expect_request(site_url + "en/search-index/meta.json"):
        page.focus(HEADER)
    page.close()


def test_typing_japanese_fetches_the_next_bigrams_chunk_before_the_next_keystroke(browser, site_url):
    """After 請求 the chunk of the terms that begin with 求 (求書 comes next) is fetched, though 請 and 請求 live
    in another chunk: only the look-ahead asks for it."""
    page = browser.new_page()
    page.goto(site_url)
    chunks = page.evaluate("url => fetch(url).then(r => r.json()).then(m => m.chunks)",
                           site_url + "search-index/meta.json")

    def chunk_of(term):
        return [name for first, name in chunks if first <= term][-1]

    ahead = chunk_of("求")
    assert ahead not in {chunk_of("請"), chunk_of("請求")}, "the sample's chunks moved: pick another query"
    requested = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    type_query(page, "請求")
    page.wait_for_timeout(300)
    assert ahead in requested
    page.close()


def test_no_results_offers_contact_and_a_missing_link_carrying_only_the_query(page):
    assert type_query(page, "xyzzy plugh") == []
    assert page.locator("[data-kbgen-contact-link]").first.get_attribute("href") == "https://example.com/contact"
    missing = urlparse(page.locator("[data-kbgen-missing-link]").first.get_attribute("href"))
    query = parse_qs(missing.query)
    assert query["title"] == ["[feedback] xyzzy plugh"]
    assert query["body"] == ["article: \nvote: \nreviewed: \nurl: "]


def test_a_japanese_question_that_shares_only_particles_with_the_articles_has_no_results(page):
    # ない and こと are in most articles; listing them all would hide the contact link below.
    assert type_query(page, "存在しないことば") == []
    contact = page.locator("[data-kbgen-contact-link]").first
    assert contact.is_visible()
    # In the header's popup, outside Material's typeset, a link must still look like one.
    assert contact.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"


def test_the_search_page_is_linkable(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "search/?q=" + "請求書 ダウンロード")
    page.wait_for_selector("[data-kbgen-searched='請求書 ダウンロード']", state="attached")
    links = page.eval_on_selector_all("ol[data-kbgen-search-results] a", "as => as.map(a => a.href)")
    assert links[0] == site_url + "billing/invoices/"
    page.close()


@pytest.mark.parametrize("path, query", [("search/", "請求書"), ("en/search/", "invoice")])
def test_the_search_page_fetches_each_index_map_once_as_it_starts(browser, site_url, path, query):
    page = browser.new_page()
    page.goto(site_url + path + "?q=" + query)
    page.wait_for_selector(f"[data-kbgen-searched='{query}']", state="attached")
    maps = page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.endsWith('/meta.json'))"
                         ".map(e => [new URL(e.name).pathname, e.initiatorType])")
    assert sorted(maps) == [["/help/en/search-index/meta.json", "link"], ["/help/search-index/meta.json", "link"]]
    page.close()


def test_pages_declare_the_opensearch_description(page, sample_site):
    href = page.locator("link[rel=search]").get_attribute("href")
    assert href.endswith("opensearch.xml")
    assert "search/?q={searchTerms}" in (sample_site / "opensearch.xml").read_text()


def test_search_box_and_results_are_axe_clean(page):
    from axe_playwright_python.sync_playwright import Axe

    type_query(page, "パスワード")
    page.locator(HEADER).press("ArrowDown")
    results = Axe().run(page, context={"include": [[".kb-search"]]})
    assert results.violations_count == 0, results.generate_report()


def test_the_404_page_offers_the_search_box(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "no/such/page/")
    assert type_query(page, "パスワード", "#kb-search-notfound")[0] == "/account/reset-password/"
    page.close()


def search_page_results(page, url: str, query: str) -> list[str]:
    """The result links of the search page for ``query``, in rank order."""
    page.goto(url + "search/?q=" + query)
    page.wait_for_selector(f"[data-kbgen-searched='{query}']", state="attached")
    return page.eval_on_selector_all("ol[data-kbgen-search-results] a", "as => as.map(a => a.href)")


def built(root, tmp_path):
    """The site of the KB at ``root``, built by ``kbgen build``."""
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


def test_titles_are_escaped_in_results(browser, write_kb, tmp_path):
    root = write_kb({"content/account/html.md": article(title="<img src=x onerror=alert(1)> パスワードの変更は？")})
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url + "account/html/")
        assert type_query(page, "パスワード") == ["/account/html/"]
        assert "<img src=x onerror=alert(1)>" in page.locator(".kb-search__title").first.inner_text()
        page.close()


def test_the_question_and_summary_weigh_more_than_the_body(browser, write_kb, tmp_path):
    root = write_kb({
        "content/account/in-body.md": article(title="領収書の宛名を変えるには？", summary="宛名の変更方法です。",
                                              body="請求書と領収書は別です。請求書は毎月、請求書番号つきで届きます。\n"),
        "content/account/in-summary.md": article(title="支払い方法を変えるには？",
                                                 summary="請求書の送付先もここで変えられます。",
                                                 body="設定画面から変更します。\n"),
        "content/account/in-title.md": article(title="請求書を再発行するには？", summary="経理担当者向けの手順です。",
                                               body="設定画面から操作します。\n"),
    })
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        assert type_query(page, "請求書") == ["/account/in-title/", "/account/in-summary/", "/account/in-body/"]
        page.close()


def test_the_dropdown_shows_five_results_and_links_to_all_of_them_on_the_search_page(browser, write_kb, tmp_path):
    root = write_kb({f"content/account/invoice-{n}.md": article(title=f"請求書の項目{n}を変えるには？")
                     for n in range(7)})
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        assert len(type_query(page, "請求書")) == 5
        assert "7" in page.locator("[data-kbgen-search-status]").first.inner_text()
        page.locator("[data-kbgen-search-all]").click()
        page.wait_for_selector("[data-kbgen-searched='請求書']", state="attached")
        assert page.locator("ol[data-kbgen-search-results] a").count() == 7
        page.close()


def test_a_page_open_across_a_new_deploy_still_finds_what_it_added(browser, write_kb, tmp_path):
    root = write_kb({"content/account/invoice.md": article(title="請求書を再発行するには？")})
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        with page.expect_response(url + "search-index/meta.json"):
            page.focus(HEADER)  # the page reads the index map, and keeps it
        (root / "content/account/pelican.md").write_text(article(title="ペリカン便で送るには？"), encoding="utf-8")
        built(root, tmp_path)  # deployed over it: the index files the page's map names are gone
        assert type_query(page, "ペリカン") == ["/account/pelican/"]
        page.close()


def test_a_message_lists_only_articles_that_answer_more_than_one_of_its_words(browser, write_kb, tmp_path):
    root = write_kb({
        "content/account/address.md": article(title="配送先の住所を変更するには？",
                                              body="注文の配送先住所は、発送前なら変更できます。\n"),
        "content/account/points.md": article(title="ポイントの有効期限は？", body="ポイントは1年間有効です。\n"),
        "content/account/email.md": article(title="メールアドレスを変更するには？", body="設定画面から変更します。\n"),
    })
    message = "昨日注文した商品の配送先の住所を変更したいです。ポイントは使えますか。"
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        listed = search_page_results(page, url, message)
        # ポイント alone, or 変更 alone, does not answer the message; a search of one word still finds them.
        assert listed == [url + "account/address/"]
        assert type_query(page, "ポイント", box="[data-kbgen-search='page'] input") == ["/account/points/"]
        page.close()


def searched(page, base: str, query: str) -> list[str]:
    return page.evaluate("async ([base, q]) => (await kbgenSearch.search([base], q, 50)).results.map(d => d.url)",
                         [base, query])


def test_a_message_is_judged_as_one_even_when_the_help_center_lacks_most_of_its_words(browser, write_kb, tmp_path):
    """The help center has one word of the message (ポイント); the message's other words are still what it says,
    so an article with that one word alone does not answer it. The same word alone still finds it."""
    root = write_kb({"content/account/points.md": article(title="ポイントの有効期限は？",
                                                          body="ポイントは1年間有効です。\n")})
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        message = "誕生日にギフトカードをもらいました。残高とポイントを確認する方法を知りたいです。"
        assert searched(page, url + "search-index/", message) == []
        assert searched(page, url + "search-index/", "ポイント 確認") == ["account/points/"]
        page.close()


def test_courtesy_in_a_message_finds_nothing(browser, write_kb, tmp_path):
    """「教えてください」 is how a message asks, not what it asks about: an article on teaching is no answer."""
    root = write_kb({"content/account/teach.md": article(title="新人スタッフへの教え方は？",
                                                         body="教え方のコツです。\n")})
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        assert searched(page, url + "search-index/", "ギフトカードの残高を教えてください。") == []
        assert searched(page, url + "search-index/", "教え方") == ["account/teach/"]
        page.close()


FAQ = [("Can I change the name on my invoices?", "Yes, in Billing settings, under Invoice details."),
       ("How do I turn off two-step login?", "Open Security settings and choose Turn off."),
       ("How do I change my email address?", "Open Account settings, choose Email, and confirm the new one."),
       ("Can I get a receipt?", "Every payment has a receipt in Billing history."),
       ("How do I invite my team?", "Open Members and choose Invite.")]
SETTINGS = ["notification emails", "shipping addresses", "stock levels", "product images", "login history",
            "API tokens", "shop name", "shipping fees", "tax rates", "coupons", "loyalty points", "time zone"]


def faq_kb(write_kb, answer_paragraphs: int = 1):
    """A KB with a General FAQs page (FAQ, each answer ``answer_paragraphs`` long) among SETTINGS articles."""
    return write_kb({
        "content/account/faq.md": article(title="General FAQs", body="".join(
            f"### Q: {q}\n\n" + f"{a}\n\n" * answer_paragraphs for q, a in FAQ)),
        **{f"content/account/setting-{n}.md": article(title=f"Where do I set up {what}?",
                                                      body=f"You set up {what} in the settings.\n")
           for n, what in enumerate(SETTINGS)},
    })


def test_a_message_asking_one_of_an_faq_page_s_questions_is_answered_by_that_question(browser, write_kb, tmp_path):
    """An FAQ page's title asks nothing a customer writes; the question the message asks is one of its
    headings, and the contact-form widget suggests its answer, on the page, at its heading."""
    with serve(built(faq_kb(write_kb), tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        message = ("Hi, I switched jobs recently and would like to change the email address I sign in with. "
                   "Where can I do that?")
        suggested = page.evaluate("async ([base, q]) => (await kbgenSearch.suggest([base], q, 3))"
                                  ".results.map(d => d.url)", [url + "search-index/", message])
        assert suggested == ["account/faq/#q-how-do-i-change-my-email-address"]
        # A message that asks two of its questions is answered by the page, which has both.
        message = "I need to change my email address, and can I get a receipt for the payment too?"
        suggested = page.evaluate("async ([base, q]) => (await kbgenSearch.suggest([base], q, 3))"
                                  ".results.map(d => d.url)", [url + "search-index/", message])
        assert suggested == ["account/faq/"]
        page.close()


def test_a_search_for_one_question_of_a_long_faq_page_opens_the_page_at_its_answer(browser, write_kb, tmp_path):
    with serve(built(faq_kb(write_kb, answer_paragraphs=12), tmp_path)) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        type_query(page, "turn off two-step login")
        results = page.locator(f"#{HEADER[1:]}-results a")
        first = results.first
        assert first.get_attribute("href") == url + "account/faq/#q-how-do-i-turn-off-two-step-login"
        # the page itself, which has the same words, is not a second result
        assert [href for href in results.evaluate_all("as => as.map(a => a.href)") if "/faq/" in href] == \
            [first.get_attribute("href")]
        assert first.locator(".kb-search__title").inner_text() == "How do I turn off two-step login?"
        assert first.locator(".kb-search__summary").inner_text().startswith(FAQ[1][1])
        first.click()
        page.wait_for_url("**/account/faq/#q-how-do-i-turn-off-two-step-login")
        heading = page.locator("#q-how-do-i-turn-off-two-step-login")
        top = heading.evaluate("h => h.getBoundingClientRect().top")
        assert page.evaluate("window.scrollY") > 0 and 0 <= top < 200  # in view, below the sticky header
        page.close()


def test_a_title_of_a_common_word_is_not_a_question_every_message_with_the_word_asks(browser, write_kb, tmp_path):
    """An article titled 紹介 (referrals), a word every article of the KB uses: a message asking to be
    introduced to a partner has all of the title, but a title whose words weigh less than one rare word
    asks less than a question does, and the widget stays silent (without the rule it suggests 紹介)."""
    root = write_kb({
        "content/account/referral.md": article(title="紹介", summary="友だちを紹介すると特典があります。",
                                               body="紹介コードを送ると、紹介した方に特典があります。\n"),
        **{f"content/account/setting-{n}.md": article(title=f"{what}を設定するには？", summary=f"{what}の設定です。",
                                                      body=f"設定画面で{what}を設定します。紹介の特典にも使えます。\n")
           for n, what in enumerate(["通知", "住所", "在庫", "画像", "履歴", "店舗名", "送料", "税率", "クーポン"])},
    })
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        asked = {"パートナー企業を紹介してください": [], "送料を設定したいです": ["account/setting-6/"]}
        for message, expected in asked.items():
            suggested = page.evaluate("async ([base, q]) => (await kbgenSearch.suggest([base], q, 3))"
                                      ".results.map(d => d.url)", [url + "search-index/", message])
            assert suggested == expected, message
        page.close()


def test_the_word_a_message_repeats_ranks_its_article_first(browser, write_kb, tmp_path):
    """Two articles alike but for their word; the message names both, one of them twice: that one is what
    it is about (BM25's query term frequency). Without it they tie, and the tie goes to site order."""
    root = write_kb({
        f"content/account/{name}.md": article(title=f"{word}で注文を確認するには？",
                                              body=f"{word}の設定から確認できます。\n")
        for name, word in (("a-driver", "ドライバ"), ("b-printer", "プリンタ"))
    })
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        page.goto(url)
        for repeated, other, expected in (("プリンタ", "ドライバ", "account/b-printer/"),
                                          ("ドライバ", "プリンタ", "account/a-driver/")):
            message = f"{repeated}と{other}を使っています。{repeated}が動きません。"
            urls = page.evaluate("async ([base, q]) => (await kbgenSearch.search([base], q, 10))"
                                 ".results.map(d => d.url)", [url + "search-index/", message])
            assert urls[0] == expected, message
        page.close()


def test_a_kanji_and_a_particle_after_it_are_grammar_not_a_verb(browser, write_kb, tmp_path):
    """方の in 「英語の方の投稿」 is a noun and the particle の, not a verb and its okurigana as 忘れ is:
    an article that shares only 方の with the message (使い方の説明) does not outrank the one it asks for."""
    root = write_kb({
        "content/account/translate.md": article(title="多言語の対応", summary="ボタンで日本語にします。",
                                                body="長い本文です。" * 120 + "投稿を翻訳できます。\n"),
        "content/account/howto.md": article(title="使い方の説明", summary="使い方の説明です。",
                                            body="使い方の説明。使い方の例。使い方の一覧。\n"),
    })
    message = "英語の方の投稿を訳したい"
    with serve(built(root, tmp_path)) as url:
        page = browser.new_page()
        listed = search_page_results(page, url, message)
        assert listed[0] == url + "account/translate/"
        page.close()
