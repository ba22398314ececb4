"""`kbgen serve`: the open page reloads on save, and a broken article never stops the preview."""

from __future__ import annotations

import time

import pytest

from tests.conftest import article
from tests.live_server import kbgen_serve, seconds_until_reloaded

pytestmark = pytest.mark.browser
ARTICLE = "content/account/reset-password.md"


def test_saving_an_article_reloads_the_open_page(write_kb, browser):
    root = write_kb({ARTICLE: article()})
    with kbgen_serve(root) as server:
        page = browser.new_page()
        page.goto(server.url + "account/reset-password/")
        assert page.title().startswith("パスワードを忘れた場合")
        seconds = seconds_until_reloaded(page, root / ARTICLE, "保存した直後の新しい手順です。")
        print(f"reload after save: {seconds:.2f}s")  # the figure goes to benchmarks/, not an assertion


def test_a_broken_article_prints_its_finding_and_the_preview_keeps_serving(write_kb, browser):
    root = write_kb({ARTICLE: article(), "content/account/change-email.md": article(title="メールを変えるには？")})
    with kbgen_serve(root) as server:
        page = browser.new_page()
        page.goto(server.url + "account/reset-password/")
        (root / "content/account/change-email.md").write_text("---\ntitle: [unclosed\n---\n本文\n", encoding="utf-8")
        server.wait_for_output("KB102")
        server.wait_for_output("rebuilt")
        assert any("content/account/change-email.md" in line for line in server.output)
        assert server.status("account/reset-password/") == 200  # the rest of the KB still renders

        # and the server still picks up the next save
        seconds_until_reloaded(page, root / ARTICLE, "壊れた記事の後でも更新されます。")
        (root / "site_config.yml").write_text("site: [broken\n", encoding="utf-8")
        server.wait_for_output("preview not updated")
        assert server.status("account/reset-password/") == 200  # the last good build stays up


def test_search_finds_words_just_saved_once_the_index_follows_the_reload(write_kb, browser):
    root = write_kb({ARTICLE: article(), "content/account/change-email.md": article(title="メールを変えるには？")})
    with kbgen_serve(root) as server:
        page = browser.new_page()
        page.goto(server.url + "account/reset-password/")
        seconds_until_reloaded(page, root / ARTICLE, "合言葉はペリカンです。")
        deadline = time.monotonic() + 30  # the index is written after the reload, not before it
        while True:
            page.goto(server.url + "search/?q=ペリカン")
            page.wait_for_selector("[data-kbgen-searched='ペリカン']", state="attached")
            links = page.eval_on_selector_all("ol[data-kbgen-search-results] a", "as => as.map(a => a.href)")
            if links or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert links == [server.url + "account/reset-password/"]


def test_a_contact_page_on_another_origin_may_read_the_widget_files_but_not_the_pages(write_kb):
    root = write_kb({ARTICLE: article()})
    with kbgen_serve(root) as server:
        for path in ("assets/kbgen-deflect.js", "assets/kbgen-search.js", "search-index/meta.json"):
            assert server.header(path, "Access-Control-Allow-Origin") == "*", path
        assert server.header("account/reset-password/", "Access-Control-Allow-Origin") is None
