"""The answer feed for support bots and assistants: llms.txt, Markdown copies and articles.json (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.render import build_site
from tests.conftest import REPO, TODAY, article

SCHEMA = json.loads((REPO / "docs" / "articles.schema.json").read_text(encoding="utf-8"))
SITE_URL = "https://example.github.io/help/"
LLMS_LINK = re.compile(r"^- \[(?:[^\]\\]|\\.)+\]\((\S+)\): \S", re.MULTILINE)


def feed(site: Path, prefix: str = "") -> dict:
    return json.loads((site / prefix / "articles.json").read_text(encoding="utf-8"))


def llms_links(site: Path, prefix: str = "") -> list[str]:
    return LLMS_LINK.findall((site / prefix / "llms.txt").read_text(encoding="utf-8"))


def build_kb(root: Path, out: Path) -> Path:
    """The renderer alone, as a build with its checks turned off would run it (an expired article is an error)."""
    kb, findings = load_knowledge_base(root, load_config(root))
    assert findings == []
    build_site(kb, out, TODAY)
    return out


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_sample_feed_validates_against_its_schema(sample_site, prefix):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = feed(sample_site, prefix)
    assert [error.message for error in validator.iter_errors(data)] == []
    assert data["url"] == SITE_URL + prefix and data["as_of"] == TODAY.isoformat()


def test_llms_txt_lists_every_published_article_of_each_language(sample_site):
    kb, _findings = load_knowledge_base(REPO, load_config(REPO))
    for lang, prefix in (("ja", ""), ("en", "en/")):
        listed = [link for link in llms_links(sample_site, prefix) if not link.endswith("llms.txt")]
        expected = {f"{SITE_URL}{prefix}{a.category}/{a.id}/index.md" for a in kb.published(lang)}
        assert len(expected) >= 10
        assert sorted(listed) == sorted(expected), lang
        assert [a["markdown_url"] for a in feed(sample_site, prefix)["articles"]] == listed
        for link in listed:  # each copy lies beside its page
            copy = sample_site / link[len(SITE_URL):]
            assert copy.is_file() and (copy.parent / "index.html").is_file(), link
    text = (sample_site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# Sorami ヘルプセンター\n\n> クラウド在庫・受注管理サービス")
    assert "## アカウント\n" in text
    assert "## Optional\n\n- [English](https://example.github.io/help/en/llms.txt)" in text
    assert "- [日本語](https://example.github.io/help/llms.txt)" in (sample_site / "en/llms.txt").read_text("utf-8")


def test_the_copies_are_neither_in_the_sitemap_nor_in_the_search_index(sample_site):
    kb, _findings = load_knowledge_base(REPO, load_config(REPO))
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "index.md" not in sitemap and "llms.txt" not in sitemap and "articles.json" not in sitemap
    for lang, prefix in (("ja", ""), ("en", "en/")):
        index = sample_site / prefix / "search-index"
        assert json.loads((index / "meta.json").read_text(encoding="utf-8"))["documents"] == len(kb.published(lang))
        assert not any("index.md" in path.read_text(encoding="utf-8") for path in index.glob("d*.json"))


def test_only_published_unexpired_articles_are_in_the_feed_and_overdue_ones_say_so(write_kb, tmp_path):
    root = write_kb({
        "content/account/live.md": article(),
        "content/account/stale.md": article(title="古いままの記事ですか？", last_reviewed="2026-01-05"),
        "content/account/last-day.md": article(title="今日までの記事ですか？", expires=TODAY.isoformat()),
        "content/account/expired.md": article(title="期限切れの記事ですか？", expires="2026-11-25"),
        "content/account/draft.md": article(title="下書きですか？", status="draft"),
        "content/account/old.md": article(title="古い記事ですか？", status="archived"),
        "content/account/live.en.md": article(title="Forgot your password?", summary="Reset it from the sign-in page."),
    })
    site = build_kb(root, tmp_path / "site")

    articles = {a["id"]: a for a in feed(site)["articles"]}
    assert sorted(articles) == ["last-day", "live", "stale"]
    assert {key: a["overdue"] for key, a in articles.items()} == {"last-day": False, "live": False, "stale": True}
    assert articles["stale"]["review_due"] == "2026-07-04" and articles["last-day"]["expires"] == "2026-11-26"
    assert [a["id"] for a in feed(site, "en/")["articles"]] == ["live"]
    assert sorted(llms_links(site)) == sorted(f"{SITE_URL}account/{key}/index.md" for key in articles) + [
        f"{SITE_URL}en/llms.txt"]
    for missing in ("expired", "draft", "old"):
        assert not (site / "account" / missing / "index.md").exists()
    assert (site / "account" / "expired" / "index.html").is_file()  # the page is the linter's business (KB204)
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert "account/stale/index.md): ログイン画面から再設定メールを送れます。（確認期限を過ぎています）" in llms
    assert "account/live/index.md): ログイン画面から再設定メールを送れます。\n" in llms
    assert "> [!WARNING]\n> この記事は確認期限を過ぎています。" in (site / "account/stale/index.md").read_text("utf-8")
    assert "[!WARNING]" not in (site / "account/live/index.md").read_text("utf-8")


def test_a_copy_holds_the_answer_with_its_shared_blocks_and_absolute_links(write_kb, tmp_path):
    body_ja = '## 手順\n\n--8<-- "open-settings.md"\n\n[別の記事](other.md#手順)、[一覧](./)と[画像](assets/a.png)。\n'
    body_en = ("See [the other one](other.md#steps), [this one][self] and [the web](https://example.com/x.md).\n\n"
               "[self]: ../account/live.md\n")
    root = write_kb({
        "content/_snippets/open-settings.md":
            '---\nowner: "@support"\nlast_reviewed: 2026-10-01\n---\n右上の **設定** を開きます。\n',
        "content/account/assets/a.png": b"\x89PNG\r\n",
        "content/account/live.md": article(body=body_ja),
        "content/account/other.md": article(title="別の質問ですか？"),
        "content/account/live.en.md": article(title="Forgot your password?", summary="Reset it.", body=body_en),
    })
    site = build_kb(root, tmp_path / "site")

    assert (site / "account/live/index.md").read_text(encoding="utf-8") == (
        "# パスワードを忘れた場合はどうすればよいですか？\n\n> ログイン画面から再設定メールを送れます。\n\n"
        "## 手順\n\n右上の **設定** を開きます。\n\n\n"
        f"[別の記事]({SITE_URL}account/other/#手順)、[一覧]({SITE_URL}account/)と[画像]({SITE_URL}account/assets/a.png)。\n")
    english = feed(site, "en/")["articles"][0]
    # other.md has no English version: the link leads to the Japanese page, as the English page's does.
    assert english["body_markdown"] == (f"See [the other one]({SITE_URL}account/other/#steps), [this one][self] "
                                        "and [the web](https://example.com/x.md).\n\n"
                                        f"[self]: {SITE_URL}en/account/live/\n")
    assert english["url"] == f"{SITE_URL}en/account/live/" and english["markdown_url"] == english["url"] + "index.md"
