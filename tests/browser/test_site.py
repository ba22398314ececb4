"""What a customer sees in the sample help center, in a real browser, served under /help/."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.browser.conftest import open_tab
from tests.conftest import REPO

pytestmark = pytest.mark.browser

PUBLIC_URL = "https://example.github.io/help/"


@pytest.fixture(scope="module")
def kb():
    kb, _findings = load_knowledge_base(REPO, load_config(REPO))
    return kb


def texts(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def href(page, selector: str) -> str:
    """The link's absolute target, as the browser resolves it."""
    return page.locator(selector).first.evaluate("a => a.href")


def json_ld(page) -> dict:
    return json.loads(page.locator('script[type="application/ld+json"]').text_content())


def test_home_puts_categories_in_config_order_with_counts_and_recent_reviews(tab, site_url, kb):
    page = tab.page
    page.goto(site_url)
    assert page.locator("html").get_attribute("lang") == "ja"
    per_category = Counter(a.category for a in kb.published("ja"))
    assert list(per_category) != list(kb.config.categories)  # so the order below comes from the config
    assert texts(page, "[data-kbgen-categories] .kb-card__link") == \
        [c.title["ja"] for c in kb.config.categories.values()]
    assert texts(page, "[data-kbgen-categories] .kb-card__count") == \
        [f"{per_category[key]}件の記事" for key in kb.config.categories]
    recent = page.locator("[data-kbgen-recent] time").evaluate_all("els => els.map(e => e.dateTime)")
    assert len(recent) == 8 and recent == sorted(recent, reverse=True)
    assert recent[0] == max(a.meta.last_reviewed for a in kb.published("ja")).isoformat()
    page.locator("[data-kbgen-categories] .kb-card").first.click()
    assert page.url == site_url + "getting-started/"
    assert tab.foreign_requests() == []


def test_category_lists_every_published_question_with_its_summary_and_faq_data(tab, site_url, kb):
    page = tab.page
    page.goto(site_url + "account/")
    published = sorted((a for a in kb.published("ja") if a.category == "account"), key=lambda a: (a.title, a.id))
    assert texts(page, "[data-kbgen-questions] li a") == [a.title for a in published]
    assert texts(page, "[data-kbgen-questions] li p") == [a.summary for a in published]
    faq = json_ld(page)
    assert faq["@type"] == "FAQPage" and faq["inLanguage"] == "ja"
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]] == \
        [(a.title, a.summary) for a in published]
    assert texts(page, ".kb-breadcrumbs li") == ["ホーム", "アカウント"]
    assert tab.foreign_requests() == []


def test_japanese_article_shows_the_answer_and_everything_around_it(tab, site_url, kb):
    page = tab.page
    page.goto(site_url + "account/reset-password/")
    article = kb.get("reset-password", "ja")
    assert page.locator("h1").inner_text() == article.title
    assert page.locator(".kb-summary__text").inner_text() == article.summary
    assert page.locator(".kb-reviewed").inner_text() == "最終確認日: 2026年10月1日"
    assert page.locator("[data-kbgen-overdue]").count() == 0
    assert texts(page, ".kb-breadcrumbs li") == ["ホーム", "アカウント", article.title]
    assert page.locator(".kb-breadcrumbs a").evaluate_all("els => els.map(e => e.href)") == \
        [site_url, site_url + "account/"]
    assert page.locator(".kb-feedback h2").inner_text() == "役に立ちましたか？"
    assert texts(page, ".kb-tag") == ["ログイン", "パスワード", "再設定"]
    assert page.locator(".admonition-title").first.inner_text() == "メモ"
    related = texts(page, ".kb-related li a")
    assert related == [kb.get(r, "ja").title for r in article.meta.related]
    assert texts(page, ".kb-related__summary") == [kb.get(r, "ja").summary for r in article.meta.related]
    assert page.locator("[data-kbgen-contact]").get_attribute("href") == "https://example.com/contact"
    assert href(page, "[data-kbgen-translation]") == site_url + "en/account/reset-password/"
    switcher = page.locator("[data-kbgen-language=en]")
    assert switcher.inner_text() == "English"
    switcher.click()
    assert page.url == site_url + "en/account/reset-password/"
    assert tab.foreign_requests() == []


# Each line of a wrapped element's first text node, as laid out.
LINES = """el => {
  const text = el.firstChild, range = document.createRange(), lines = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const y = Math.round(range.getClientRects()[0].top);
    if (y !== top) { lines.push(""); top = y; }
    lines[lines.length - 1] += text.data[i];
  }
  return lines;
}"""


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_japanese_question_wraps_between_phrases(browser, site_url, width):
    """Without phrase breaking the phone splits 場合 and the desktop leaves か？ alone on a line."""
    visit = open_tab(browser, {"width": width, "height": 800})
    visit.page.goto(site_url + "account/reset-password/")
    lines = visit.page.locator("h1").evaluate(LINES)
    phrases = ["パスワードを", "忘れた", "場合は", "どう", "すれば", "よいですか？"]
    assert "".join(lines) == "".join(phrases) and len(lines) > 1
    phrase_ends = {len("".join(phrases[:n])) for n in range(1, len(phrases) + 1)}
    line_ends = {len("".join(lines[:n])) for n in range(1, len(lines) + 1)}
    assert line_ends <= phrase_ends, lines
    visit.page.context.close()


def test_english_article_follows_the_page_language(tab, site_url, kb):
    page = tab.page
    page.goto(site_url + "en/account/reset-password/")
    article = kb.get("reset-password", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == article.title
    reviewed = article.meta.last_reviewed
    assert page.locator(".kb-reviewed").inner_text() == f"Last reviewed: {reviewed:%B} {reviewed.day}, {reviewed.year}"
    assert page.locator(".kb-feedback h2").inner_text() == "Was this helpful?"
    assert page.locator("[data-kbgen-copy]").inner_text() == "Copy answer"
    assert texts(page, ".kb-breadcrumbs li")[:2] == ["Home", "Account"]
    assert href(page, ".kb-breadcrumbs a") == site_url + "en/"
    assert href(page, "[data-kbgen-language=ja]") == site_url + "account/reset-password/"
    assert tab.foreign_requests() == []


def test_an_untranslated_article_switches_to_the_other_languages_home(tab, site_url):
    page = tab.page
    page.goto(site_url + "account/login-locked/")
    page.locator("[data-kbgen-language=en]").click()
    assert page.url == site_url + "en/"
    assert href(page, "[data-kbgen-language=ja]") == site_url


@pytest.mark.parametrize("vote", ["yes", "no"])
def test_feedback_links_carry_the_article_and_the_review_date_url_encoded(tab, site_url, kb, vote):
    page = tab.page
    page.goto(site_url + "account/reset-password/")
    article = kb.get("reset-password", "ja")
    link = urlsplit(page.locator(f"[data-kbgen-vote={vote}]").get_attribute("href"))
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com", "/example/help/issues/new")
    query = parse_qs(link.query, strict_parsing=True)
    assert query["title"] == [f"[feedback] {article.title}"]
    assert query["body"] == [f"article: reset-password\nvote: {vote}\nreviewed: 2026-10-01\n"
                             f"url: {PUBLIC_URL}account/reset-password/"]
    assert query["labels"] == ["feedback"]


def test_copy_answer_puts_clean_plain_text_and_the_url_on_the_clipboard(tab, site_url, kb):
    page = tab.page
    page.goto(site_url + "account/reset-password/")
    article = kb.get("reset-password", "ja")
    page.locator("[data-kbgen-copy]").click()
    page.locator(".kb-copy__status").filter(has_text="コピーしました").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    first_paragraph = "パスワードは、ログイン画面からいつでも再設定できます。"
    assert copied.startswith(f"{article.title}\n\n{article.summary}\n\n{first_paragraph}\n\n")
    assert "再設定の手順\n\n1. Sorami のログイン画面を開きます。\n" in copied  # heading, then the numbered steps
    assert "\n2. パスワードをお忘れですか？ をクリックします。\n" in copied
    assert "- 迷惑メールフォルダーを確認してください。\n- " in copied
    assert "メモ\n\n2段階認証を設定している場合は" in copied
    assert "¶" not in copied and "回答をコピー" not in copied and "役に立ちましたか" not in copied
    assert copied.endswith(f"\n\n{PUBLIC_URL}account/reset-password/\n")


def test_print_shows_the_answer_without_the_site_chrome(tab, site_url):
    page = tab.page
    page.goto(site_url + "account/reset-password/")
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".kb-breadcrumbs", ".kb-feedback",
                   "[data-kbgen-copy]"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("h1").is_visible() and page.locator(".kb-summary").is_visible()
    assert page.locator("[data-kbgen-body] ol").first.is_visible()


def test_article_structured_data_names_the_review_date_and_language(tab, site_url, kb):
    page = tab.page
    page.goto(site_url + "en/account/reset-password/")
    data = json_ld(page)
    article = kb.get("reset-password", "en")
    assert data["@type"] == "Article" and data["headline"] == article.title
    assert data["dateModified"] == article.meta.last_reviewed.isoformat() and data["inLanguage"] == "en"
    assert data["url"] == PUBLIC_URL + "en/account/reset-password/"


def test_an_alias_redirects_to_its_article_under_the_sub_path(tab, site_url):
    page = tab.page
    page.goto(site_url + "faq/password/", wait_until="commit")  # the redirect interrupts its own load
    page.wait_for_url(site_url + "account/reset-password/")
    assert tab.foreign_requests() == []


def test_the_404_page_offers_search_and_the_home_page(tab, site_url):
    page = tab.page
    response = page.goto(site_url + "no/such/reset_password.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "ページが見つかりません"
    assert href(page, "[data-kbgen-search-link]") == site_url + "search/?q=reset%20password"
    page.locator("[data-kbgen-home-link]").click()
    assert page.url == site_url
    assert tab.foreign_requests() == []


def sitemap_urls(site_url: str, page) -> list[str]:
    xml = page.request.get(site_url + "sitemap.xml").text()
    locs = [part.split("</loc>")[0] for part in xml.split("<loc>")[1:]]
    return [urljoin(site_url, loc[len(PUBLIC_URL):]) for loc in locs]


def test_a_request_to_another_host_is_recorded_and_never_reaches_it(browser, site_url):
    """What the next test relies on: the tab records every request, and other hosts do not resolve."""
    visit = open_tab(browser)
    page = visit.page
    page.goto(site_url)
    elsewhere = site_url.replace("127.0.0.1", "localhost")  # the same server, by a name this time
    with page.expect_event("requestfailed") as failed:
        page.evaluate("url => { new Image().src = url }", elsewhere + "assets/kbgen.css")
    assert failed.value.failure == "net::ERR_NAME_NOT_RESOLVED"
    assert visit.foreign_requests() == [elsewhere + "assets/kbgen.css"]
    visit.page.context.close()


def test_no_page_of_the_site_requests_another_host_or_sets_a_cookie(browser, site_url, sample_site):
    visit = open_tab(browser)
    page = visit.page
    pages = sitemap_urls(site_url, page)
    redirects = [site_url + p.parent.relative_to(sample_site).as_posix() + "/"
                 for p in sample_site.rglob("index.html") if "http-equiv=\"refresh\"" in p.read_text("utf-8")]
    assert len(pages) >= 60 and redirects
    for url in [*pages, site_url + "missing/"]:
        page.goto(url)
    for url in redirects:
        page.goto(url, wait_until="commit")
        page.wait_for_url(lambda now, left=url: now != left)
    assert len(visit.requests) > len(pages) * 3  # pages, styles, scripts, images were all recorded
    assert visit.foreign_requests() == []
    assert visit.page.context.cookies() == []
    print(f"\n{len(pages) + len(redirects) + 1} pages loaded, {len(visit.requests)} requests checked, "
          f"{len(visit.foreign_requests())} to other hosts")
    visit.page.context.close()
