"""Titles, summaries and tags are text, never markup: hostile ones render inert in every context."""

from __future__ import annotations

import json

import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.render import build_site
from tests.browser.conftest import open_tab
from tests.browser.server import serve
from tests.conftest import TODAY, article

pytestmark = pytest.mark.browser

SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = "\"><img src=x onerror=alert(1)><img src=x onerror='window.kbgenPwned=1'>"
HOSTILE_TITLE = f"{SCRIPT_BREAKOUT}{ATTRIBUTE_BREAKOUT} ですか？"
HOSTILE_SUMMARY = f"<!-- {ATTRIBUTE_BREAKOUT} {SCRIPT_BREAKOUT} & more"
HOSTILE_TAGS = [SCRIPT_BREAKOUT, ATTRIBUTE_BREAKOUT]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    files = {
        "content/account/evil.md": article(title=json.dumps(HOSTILE_TITLE), summary=json.dumps(HOSTILE_SUMMARY),
                                           tags=json.dumps(HOSTILE_TAGS)),
        "content/account/evil.en.md": article(title=json.dumps(HOSTILE_TITLE), summary=json.dumps(HOSTILE_SUMMARY),
                                              tags=json.dumps(HOSTILE_TAGS)),
        "content/account/neighbour.md": article(title="普通の質問ですか？", related="[evil]"),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "site_config.yml").write_text(
        "site: {name: テスト, url: 'https://example.github.io/help/', language: ja, languages: [ja, en]}\n"
        "categories: {account: {title: {ja: アカウント, en: Account}}}\n"
        "feedback: {url: 'https://example.com/f?t={title}&id={id}', contact_url: 'https://example.com/c'}\n",
        encoding="utf-8")
    kb, _findings = load_knowledge_base(root, load_config(root))  # the renderer must be safe even unlinted
    build_site(kb, root / "site", TODAY)
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["", "account/", "account/evil/", "account/neighbour/",
                                  "en/", "en/account/", "en/account/evil/"])
def test_hostile_title_summary_and_tags_run_no_script(browser, hostile_site, path):
    visit = open_tab(browser)
    page = visit.page
    page.goto(hostile_site + path)
    page.wait_for_load_state("networkidle")
    assert visit.dialogs == []
    assert page.evaluate("window.kbgenPwned") is None
    assert page.locator("img[src=x]").count() == 0
    assert HOSTILE_TITLE in page.locator("body").inner_text()  # shown as the text it is
    structured = [json.loads(s) for s in page.locator('script[type="application/ld+json"]').all_text_contents()]
    if path.endswith("account/"):
        assert [q["name"] for q in structured[0]["mainEntity"]][0] == HOSTILE_TITLE
    if path.endswith("evil/"):
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert page.locator(".kb-summary__text").inner_text() == HOSTILE_SUMMARY
        assert page.locator('meta[name="description"]').get_attribute("content") == HOSTILE_SUMMARY
        assert page.title().startswith(HOSTILE_TITLE)
        assert page.locator(".kb-tag").all_inner_texts() == HOSTILE_TAGS
        assert structured[0]["headline"] == HOSTILE_TITLE and structured[0]["keywords"] == HOSTILE_TAGS
    visit.page.context.close()
