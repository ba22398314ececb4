"""`kbgen import` of a Zendesk Guide export: Help Center API responses become articles that check and build.

The fixture (tests/fixtures/zendesk) follows the API's documented responses: two pages of
GET /api/v2/help_center/ja/articles.json, the en-us list, an article's and a section's translations,
sections in two locales, categories, users, and one attachment saved beside the export.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.conftest import TODAY
from tests.conftest import run_kbgen as run

FIXTURE = Path(__file__).parent / "fixtures" / "zendesk"
PASSWORD = "account/what-should-i-do-if-i-forgot-my"
PLANS = "billing-and-plans/how-do-the-plans-differ"
TOKEN, INVOICE = "account/360012345603", "billing-and-plans/360012345604"  # Japanese titles: the Zendesk id


def import_into(root: Path, source: Path, *extra: str):
    return run("import", "--root", str(root), str(source), *extra)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def read(root: Path, page: str, lang: str = "") -> str:
    return (root / "content" / f"{page}{'.' + lang if lang else ''}.md").read_text(encoding="utf-8")


def test_articles_sections_and_translations_become_a_bilingual_kb(new_kb):
    result = import_into(new_kb, FIXTURE)
    assert result.exit_code == 0, result.output
    assert "4 articles in en-us 2, ja 4; 2 sections, 1 categories, 1 users" in result.output
    assert "imported 4 articles and 2 translations into 2 categories (account 2, billing-and-plans 2)" in result.output

    config = load_config(new_kb)
    assert config.categories["account"].title == {"ja": "アカウント", "en": "Account"}
    assert config.categories["billing-and-plans"].title == {"ja": "請求とプラン", "en": "Billing and plans"}
    kb, findings = load_knowledge_base(new_kb, config)
    assert findings == []
    source, english = kb.get("what-should-i-do-if-i-forgot-my"), kb.get("what-should-i-do-if-i-forgot-my", "en")
    assert source.lang == "ja" and source.meta.title == "パスワードを忘れた場合はどうすればよいですか？"
    assert english.is_translation and english.meta.title == "What should I do if I forgot my password?"
    assert source.meta.summary == ("ログイン画面の「パスワードをお忘れですか？」から、再設定用のメールを送れます。"
                                   "メールは数分で届きます。")
    assert source.meta.tags == ["パスワード", "ログイン"]
    assert source.meta.owner == "hanako@example.com"  # from users.json
    assert str(source.meta.last_reviewed) == "2026-09-01" and str(english.meta.last_reviewed) == "2026-09-15"
    assert kb.get("360012345604").meta.owner == "@zendesk-9100000002"  # an author the export does not list
    assert kb.get("360012345603").meta.status == "draft"
    # The translation from translations.json pairs with its source from articles.json.
    assert kb.get("how-do-the-plans-differ", "en").meta.title == "How do the plans differ?"


def test_html_becomes_markdown_with_tables_code_images_and_links(new_kb):
    result = import_into(new_kb, FIXTURE)
    plans = read(new_kb, PLANS)
    assert "| **プラン** | **ユーザー数** | **料金** |\n| --- | --- | --- |" in plans  # first row as the header
    assert "| Pro | 無制限 \\| 追加料金なし | 月額 1,000円 |" in plans  # a | stays in its cell
    assert "3\\. 年額払いは" in plans  # a sentence starting with a number is no list
    token = read(new_kb, TOKEN)
    assert ('```bash\ncurl -H "Authorization: Bearer $TOKEN" \\\n'
            '  https://api.example.com/v1/items?per_page=10\n```') in token
    assert "&lt;token> の部分" in token  # text the HTML showed as text is not a tag
    password = read(new_kb, PASSWORD)
    assert "1. ログイン画面を開きます。\n2. 「パスワードをお忘れですか？」を押します。" in password
    assert "![ログイン画面](assets/360020000001-login.png)" in password
    assert (new_kb / "content/account/assets/360020000001-login.png").read_bytes() == \
        (FIXTURE / "article_attachments/360020000001/login.png").read_bytes()
    # A link to another article of the help center follows the import; its Zendesk anchor does not exist.
    assert "[料金プランの違い](../billing-and-plans/how-do-the-plans-differ.md)" in password
    assert "<!-- kbgen import: image not downloaded: https://example.zendesk.com/hc/article_attachments/" \
           "360020000002/token.png -->" in token
    assert ("  1 image only on the old help center (left as a comment; save it beside the export) "
            "in 1 files\n    content/account/360012345603.md:19: https://example.zendesk.com/hc/article_attachments/"
            "360020000002/token.png") in result.output
    assert "content/billing-and-plans/360012345604.md:15: https://www.youtube.com/embed/abc123XYZ" in result.output
    assert "# 請求書の宛名" not in read(new_kb, INVOICE)  # the body's own h1: the page shows the title


def test_imported_export_checks_with_no_errors_and_builds_with_redirects(new_kb, tmp_path):
    assert import_into(new_kb, FIXTURE).exit_code == 0
    checked = run("check", "--root", str(new_kb), "--today", TODAY.isoformat())
    assert checked.exit_code == 0, checked.output
    assert "error" not in checked.output.split("files checked:")[-1]
    out = tmp_path / "site"
    built = run("build", "--root", str(new_kb), "--out", str(out), "--today", TODAY.isoformat())
    assert built.exit_code == 0, built.output
    page = (out / PLANS / "index.html").read_text(encoding="utf-8")
    assert "<table>" in page and "無制限 | 追加料金なし" in page
    assert (out / "en" / PLANS / "index.html").is_file()
    # The old Zendesk address, with and without the title's slug, sends readers to the article.
    slug = "360012345601-パスワードを忘れた場合はどうすればよいですか？"
    for old in ("hc/ja/articles/360012345601", f"hc/ja/articles/{slug}"):
        redirect = (out / old / "index.html").read_text(encoding="utf-8")
        assert 'url=../../../../account/what-should-i-do-if-i-forgot-my/"' in redirect
    assert (out / "en/hc/en-us/articles/360012345601/index.html").is_file()
    assert not (out / TOKEN).exists()  # a draft is not published


def test_one_merged_json_file_imports_like_the_folder(new_kb, tmp_path):
    responses = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURE.glob("*.json"))]
    merged = {kind: [item for r in responses for item in r.get(kind, [])]
              for kind in ("articles", "sections", "categories", "translations", "users")}
    export = tmp_path / "export.json"
    export.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    result = import_into(new_kb, export)
    assert result.exit_code == 0, result.output
    assert "imported 4 articles and 2 translations into 2 categories" in result.output
    assert "how-do-the-plans-differ.en.md" in {p.name for p in (new_kb / "content/billing-and-plans").iterdir()}
    # No attachment beside this file: the image stays a comment.
    assert "<!-- kbgen import: image not downloaded:" in read(new_kb, PASSWORD)


def test_import_never_overwrites_without_force_and_a_refusal_changes_nothing(new_kb):
    assert import_into(new_kb, FIXTURE).exit_code == 0
    (new_kb / "content" / f"{PASSWORD}.md").write_text(read(new_kb, PASSWORD) + "\n追記。\n", encoding="utf-8")
    before = snapshot(new_kb)
    again = import_into(new_kb, FIXTURE)
    assert again.exit_code == 2
    assert "would overwrite 6 files" in again.output and "--force" in again.output  # not the same image
    assert snapshot(new_kb) == before
    assert import_into(new_kb, FIXTURE, "--force").exit_code == 0
    assert "追記。" not in read(new_kb, PASSWORD)


def test_an_import_that_fails_while_writing_puts_everything_back(new_kb):
    (new_kb / "content" / "billing-and-plans").write_text("a file where the category's folder goes\n")
    before = snapshot(new_kb)
    result = import_into(new_kb, FIXTURE)
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot write content/billing-and-plans/") and "as it was" in result.output
    assert snapshot(new_kb) == before  # the account articles written before it are gone again
    assert sorted(p.name for p in (new_kb / "content").iterdir()) == ["billing-and-plans", "getting-started"]
    assert not list(new_kb.glob(".kbgen-import-*"))


def test_malformed_json_is_one_clear_line_and_leaves_the_kb_untouched(new_kb, tmp_path):
    source = tmp_path / "export"
    shutil.copytree(FIXTURE, source)
    page = source / "articles-ja-2.json"
    page.write_text(page.read_text(encoding="utf-8").replace('"count": 4,', '"count": 4', 1), encoding="utf-8")
    before = snapshot(new_kb)
    result = CliRunner().invoke(cli, ["import", "--root", str(new_kb), str(source)], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.output.strip().split("\n")
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("Error: articles-ja-2.json:") and "not valid JSON: Expecting ',' delimiter" in lines[0]
    assert snapshot(new_kb) == before


def test_a_response_of_the_wrong_shape_is_named(new_kb, tmp_path):
    export = tmp_path / "export.json"
    export.write_text('{"articles": {"id": 1}}', encoding="utf-8")
    result = import_into(new_kb, export)
    assert result.exit_code == 2
    assert 'export.json: "articles" is not a list of objects' in result.output


def test_a_docs_folder_with_package_json_is_not_taken_for_an_export(new_kb, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "package.json").write_text('{"name": "docs"}', encoding="utf-8")
    (docs / "faq.md").write_text("# よくある質問\n\n答えです。\n", encoding="utf-8")
    result = import_into(new_kb, docs, "--owner", "@docs", "--reviewed-from", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "imported 1 articles" in result.output
