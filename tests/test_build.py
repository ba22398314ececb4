"""`kbgen build` end to end: the sample KB renders; failures leave the previous site alone."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.conftest import REPO, TODAY, article


def build(root: Path, out: Path, *extra: str):
    args = ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat(), *extra]
    return CliRunner().invoke(cli, args)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_sample_site_has_a_page_per_published_article(sample_site):
    config = load_config(REPO)
    kb, findings = load_knowledge_base(REPO, config)
    assert findings == []
    assert (sample_site / "index.html").is_file()
    for category in config.categories:
        assert (sample_site / category / "index.html").is_file(), category
    published = kb.published()
    assert len(published) >= 30
    for a in kb.articles:
        prefix = "" if a.lang == "ja" else f"{a.lang}/"
        page = sample_site / prefix / a.category / a.id / "index.html"
        assert page.is_file() == a.published, a.path
        if a.published:
            assert a.title.replace("&", "&amp;") in page.read_text(encoding="utf-8")
    assert len(kb.published("en")) >= 10
    assert (sample_site / "en" / "index.html").is_file()


def test_sample_site_is_japanese_with_no_web_fonts(sample_site):
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    en_home = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en_home


def test_japanese_headings_keep_their_text_as_anchors(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article(body="## 再設定の手順\n\n本文です。\n\n## 再設定の手順\n")})
    assert build(root, tmp_path / "site").exit_code == 0
    html = (tmp_path / "site" / "account" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'id="再設定の手順"' in html and 'id="再設定の手順_1"' in html  # a repeated heading still needs a unique id


def test_line_break_inside_japanese_text_is_not_a_space(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article(body="日本語の文章が\n続きます。\n\nEnglish words\ncontinue.\n")})
    assert build(root, tmp_path / "site").exit_code == 0
    html = (tmp_path / "site" / "account" / "a" / "index.html").read_text(encoding="utf-8")
    assert "日本語の文章が続きます。" in html
    assert "English words\ncontinue." in html


def test_drafts_and_archived_articles_are_not_published(write_kb, tmp_path):
    root = write_kb({
        "content/account/live.md": article(),
        "content/account/draft.md": article(title="下書きですか？", status="draft"),
        "content/account/old.md": article(title="古い記事ですか？", status="archived"),
    })
    assert build(root, tmp_path / "site").exit_code == 0
    assert (tmp_path / "site" / "account" / "live" / "index.html").is_file()
    assert not (tmp_path / "site" / "account" / "draft").exists()
    assert not (tmp_path / "site" / "account" / "old").exists()


def test_two_builds_are_byte_identical(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article(), "content/account/a.en.md": article(title="Forgot?")})
    assert build(root, tmp_path / "one").exit_code == 0
    assert build(root, tmp_path / "two").exit_code == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_failed_build_names_the_file_and_line_and_keeps_the_previous_site(write_kb, tmp_path):
    root = write_kb({"content/account/a.md": article()})
    out = tmp_path / "site"
    assert build(root, out).exit_code == 0
    before = tree_digest(out)
    (root / "content/account/a.md").write_text("---\ntitle: [broken\n---\n本文\n", encoding="utf-8")
    result = build(root, out)
    assert result.exit_code == 1
    assert "content/account/a.md" in result.output and "KB102" in result.output
    assert "  2:" in result.output  # the line of the broken YAML
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_bad_config_exits_2_without_traceback(write_kb, tmp_path):
    root = write_kb({}, config="site: [\n")
    result = build(root, tmp_path / "site")
    assert result.exit_code == 2
    assert "site_config.yml:" in result.output and "Traceback" not in result.output


def test_only_the_render_package_imports_mkdocs():
    offenders = []
    for path in (REPO / "kbgen").rglob("*.py"):
        if "render" in path.relative_to(REPO / "kbgen").parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in {"mkdocs", "material"} for n in names):
                offenders.append(path.name)
    assert offenders == []


def test_snippets_are_included_without_their_front_matter(write_kb, tmp_path):
    root = write_kb({
        "content/_snippets/open-settings.md":
            "---\nowner: '@docs'\nlast_reviewed: 2026-09-01\n---\n1. **設定** を開きます。\n",
        "content/account/a.md": article(body='## 手順\n\n--8<-- "open-settings.md"\n'),
    })
    assert build(root, tmp_path / "site").exit_code == 0
    html = (tmp_path / "site" / "account" / "a" / "index.html").read_text(encoding="utf-8")
    assert "<strong>設定</strong> を開きます" in html
    assert "last_reviewed" not in html and "@docs" not in html
