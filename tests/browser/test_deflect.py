"""The contact-form widget on a support team's own contact page, served from a second origin."""

from __future__ import annotations

import shutil
import socket
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import open_tab
from tests.browser.server import serve

pytestmark = pytest.mark.browser

MESSAGE = "パスワードを忘れてログインできません"
CONTACT_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>お問い合わせ</title></head>
<body><main><h1>お問い合わせ</h1>
<form action="sent.html" method="get">
  <label for="message">お問い合わせ内容</label>
  <textarea id="message" name="message" rows="5"></textarea>
  <button type="submit">送信する</button>
</form></main>
<script src="{help}assets/kbgen-deflect.js" data-kbgen-for="#message" defer></script>
</body></html>
"""
SENT_PAGE = "<!doctype html><html lang='ja'><meta charset='utf-8'><title>送信しました</title><p>送信しました</p>"


def _contact_site(folder, help_url: str):
    folder.mkdir(exist_ok=True)
    (folder / "contact.html").write_text(CONTACT_PAGE.format(help=help_url), encoding="utf-8")
    (folder / "sent.html").write_text(SENT_PAGE, encoding="utf-8")
    return serve(folder)


@pytest.fixture(scope="module")
def contact_url(tmp_path_factory, site_url):
    with _contact_site(tmp_path_factory.mktemp("contact"), site_url) as url:
        yield url + "contact.html"


def _type(page, text: str) -> list[str]:
    """Types ``text`` into the message field and returns the suggested links, in rank order."""
    page.locator("#message").press_sequentially(text)
    page.wait_for_function("m => document.querySelector('[data-kbgen-suggestions]')"
                           "?.getAttribute('data-kbgen-suggested') === m", arg=text)
    return page.eval_on_selector_all("[data-kbgen-suggestions] a[href]", "as => as.map(a => a.href)")


def test_a_forgotten_password_suggests_the_reset_article_first_from_the_help_center_only(browser, site_url,
                                                                                         contact_url):
    visit = open_tab(browser)
    visit.page.goto(contact_url)
    visit.page.evaluate("""() => { window.seen = [];
        for (const name of ['kbgen:suggested', 'kbgen:opened'])
          document.addEventListener(name, e => window.seen.push([name, e.detail])); }""")
    links = _type(visit.page, MESSAGE)
    assert links[0] == site_url + "account/reset-password/"
    assert 1 <= len(links) <= 3
    with visit.page.context.expect_page() as opened:
        visit.page.click("[data-kbgen-suggestions] a")
    opened.value.close()
    seen = visit.page.evaluate("window.seen")
    assert [name for name, _ in seen] == ["kbgen:suggested", "kbgen:opened"]
    assert seen[0][1]["articles"][0]["url"] == links[0] and seen[1][1]["rank"] == 1
    assert visit.page.context.cookies() == []
    origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in visit.requests}
    assert origins == {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in (site_url, contact_url)}
    visit.page.context.close()


def test_a_message_no_article_answers_shows_nothing(browser, contact_url):
    visit = open_tab(browser)
    visit.page.goto(contact_url)
    assert _type(visit.page, "誕生日にギフトカードをもらったのですが、残高を確認する方法を教えてください") == []
    assert visit.page.locator("[data-kbgen-suggestions]").is_hidden()
    visit.page.context.close()


def test_the_contact_page_with_suggestions_is_accessible(browser, contact_url):
    from axe_playwright_python.sync_playwright import Axe

    visit = open_tab(browser)
    visit.page.goto(contact_url)
    assert _type(visit.page, MESSAGE)
    assert visit.page.get_attribute("[role=status]", "aria-live") is None  # role=status is polite already
    assert visit.page.text_content("[role=status]")
    violations = Axe().run(visit.page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations if v["impact"] in {"serious", "critical"}] == []
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.closest('[data-kbgen-suggestions]') !== null")
    visit.page.context.close()


@contextmanager
def _help_center(state: str, sample_site, folder):
    """The help center's URL: nothing listening there, or only its assets (the widget loads, its index not)."""
    if state == "unreachable":
        with socket.socket() as unused:
            unused.bind(("127.0.0.1", 0))
            yield f"http://127.0.0.1:{unused.getsockname()[1]}/help/"
    else:
        shutil.copytree(sample_site / "assets", folder / "assets")
        with serve(folder) as url:
            yield url


@pytest.mark.parametrize("state", ["unreachable", "without its index"])
def test_the_form_still_submits_when_the_help_center_is_down(browser, sample_site, tmp_path, state):
    with _help_center(state, sample_site, tmp_path / "help") as down, \
            _contact_site(tmp_path / "contact", down) as url:
        visit = open_tab(browser)
        visit.page.goto(url + "contact.html")
        visit.page.locator("#message").press_sequentially(MESSAGE)
        visit.page.wait_for_timeout(1000)  # past the widget's debounce and its failed requests
        assert visit.page.locator("[data-kbgen-suggestions] a").count() == 0
        with visit.page.expect_navigation():
            visit.page.click("button[type=submit]")
        assert parse_qs(urlsplit(visit.page.url).query) == {"message": [MESSAGE]}
        assert visit.page.text_content("p") == "送信しました"
        visit.page.context.close()


def test_every_language_of_the_build_ships_the_widget(sample_site):
    assert (sample_site / "assets" / "kbgen-deflect.js").is_file()
    assert (sample_site / "en" / "assets" / "kbgen-deflect.js").is_file()


def test_a_character_pair_inside_another_word_is_no_answer(browser, site_url):
    """ダウンロード shares ウン with アカウント: the list must not grow with every page that says アカウント
    (it listed 35 of the sample's 39 articles)."""
    page = browser.new_page()
    page.goto(site_url)
    urls = page.evaluate("""async base => {
        const found = await kbgenSearch.search([base], '請求書 ダウンロード', 100);
        return found.results.map(d => d.url); }""", site_url + "search-index/")
    page.close()
    assert urls[0] == "billing/invoices/"
    assert len(urls) <= 10
