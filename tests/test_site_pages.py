"""Facts about the built pages that need no browser: freshness notice, redirects, sitemap, structured data."""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.render import build_site
from kbgen.render.site_plan import json_ld
from tests.browser.server import serve
from tests.conftest import TODAY, article
from tests.test_build import build


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"name": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & -->"}


def test_an_overdue_article_says_so_and_a_fresh_one_does_not(write_kb, tmp_path):
    root = write_kb({"content/account/old.md": article(last_reviewed="2026-01-05"),
                     "content/account/new.md": article(title="新しい記事ですか？")})
    assert build(root, tmp_path / "site").exit_code == 0  # overdue is a warning, not an error
    assert "data-kbgen-overdue" in page(tmp_path / "site", "account/old")
    assert "data-kbgen-overdue" not in page(tmp_path / "site", "account/new")


def test_aliases_become_relative_redirect_pages(write_kb, tmp_path):
    root = write_kb({
        "content/account/a.md": article(aliases="[faq/password, /old/deep/path/]"),
        "content/account/a.en.md": article(title="Forgot?", aliases="[faq/password]"),
    })
    assert build(root, tmp_path / "site").exit_code == 0
    redirect = page(tmp_path / "site", "faq/password")
    assert '<meta http-equiv="refresh" content="0; url=../../account/a/">' in redirect
    assert '<link rel="canonical" href="https://example.github.io/help/account/a/">' in redirect
    assert '<a href="../../account/a/">' in redirect and '<html lang="ja">' in redirect
    assert 'url=../../../account/a/"' in page(tmp_path / "site", "old/deep/path")
    assert 'url=../../../en/account/a/"' in page(tmp_path / "site", "en/faq/password")


def test_an_alias_copied_percent_encoded_is_served_where_a_host_looks_for_it(write_kb, tmp_path):
    """Copied from an address bar, faq/パスワード reads faq/%E3%83%91…; a host decodes the request alike."""
    root = write_kb({"content/account/a.md": article(aliases=f"['{quote('faq/パスワード')}']")})
    assert build(root, tmp_path / "site").exit_code == 0
    with serve(tmp_path / "site") as url, urllib.request.urlopen(url + quote("faq/パスワード/")) as response:
        assert 'content="0; url=../../account/a/"' in response.read().decode()


def test_an_alias_never_replaces_a_page_even_when_unlinted(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article(),
                     "content/account/b.md": article(title="別の記事ですか？", aliases="[account/a]")})
    kb, _findings = load_knowledge_base(root, load_config(root))  # KB307 would refuse this build
    build_site(kb, tmp_path / "site", TODAY)
    assert "http-equiv" not in page(tmp_path / "site", "account/a")


def test_sitemap_dates_pages_by_review_and_the_root_one_lists_both_languages(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article(last_reviewed="2026-09-01"),
                     "content/account/a.en.md": article(title="Forgot?", last_reviewed="2026-09-03"),
                     "content/account/b.md": article(title="別の記事ですか？", last_reviewed="2026-10-20")})
    assert build(root, tmp_path / "site").exit_code == 0

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(tmp_path / "site" / "sitemap.xml").getroot().findall("s:url", ns)

    def entries(path: str) -> dict[str, str]:
        tree = ElementTree.parse(tmp_path / "site" / path)
        return {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
                for u in tree.getroot().findall("s:url", ns)}

    site = "https://example.github.io/help/"
    assert entries("sitemap.xml") == {
        site: "2026-10-20", site + "account/": "2026-10-20", site + "account/a/": "2026-09-01",
        site + "account/b/": "2026-10-20",
        site + "en/": "2026-09-03", site + "en/account/": "2026-09-03", site + "en/account/a/": "2026-09-03",
    }
    assert set(entries("en/sitemap.xml")) == {site + "en/", site + "en/account/", site + "en/account/a/"}
    # Each page names its versions in every language, for search engines; b has no translation.
    versions = {u.findtext("s:loc", namespaces=ns): [(link.get("hreflang"), link.get("href"))
                                                    for link in u.findall("x:link", ns)] for u in urls}
    both = {site + "en/account/a/": [("en", site + "en/account/a/"), ("ja", site + "account/a/"),
                                     ("x-default", site + "account/a/")]}
    both[site + "account/a/"] = both[site + "en/account/a/"]
    assert {loc: v for loc, v in versions.items() if "/a/" in loc} == both
    assert versions[site + "account/b/"] == []
    assert versions[site + "en/"] == [("en", site + "en/"), ("ja", site), ("x-default", site)]


def test_github_alert_titles_follow_the_page_language(write_kb, tmp_path):
    body = "> [!NOTE]\n> 補足です。\n\n> [!WARNING]\n> 注意です。\n"
    root = write_kb({"content/account/a.md": article(body=body),
                     "content/account/a.en.md": article(title="Forgot?", body="> [!NOTE]\n> An aside.\n")})
    assert build(root, tmp_path / "site").exit_code == 0
    titles = re.findall(r'<p class="admonition-title">(.*?)</p>', page(tmp_path / "site", "account/a"))
    assert titles == ["メモ", "注意"]
    assert re.findall(r'<p class="admonition-title">(.*?)</p>', page(tmp_path / "site", "en/account/a")) == ["Note"]
