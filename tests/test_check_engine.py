"""The engine around the rules: severity overrides, suppressions, order, and the commands that use it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kbgen.checks import CheckOptions
from kbgen.cli import cli
from kbgen.commands.check import check_knowledge_base
from kbgen.commands.rules import rules_markdown
from tests.conftest import MINIMAL_CONFIG, REPO, TODAY, article

A = "content/account/a.md"
MIXED = "画面を開きます。\n8文字以上である。\nＣＳＶを選びます。\n"


def findings(root):
    return check_knowledge_base(root, CheckOptions(TODAY)).findings


def test_findings_are_sorted_by_path_line_and_code(write_kb):
    root = write_kb({A: article(body=MIXED, last_reviewed="2024-01-01"), "content/account/0.md": "# x\n"})
    assert [(f.path, f.line, f.code) for f in findings(root)] == [
        ("content/account/0.md", 1, "KB101"),
        (A, 6, "KB201"),
        (A, 9, "KB501"),
        (A, 10, "KB503"),
    ]


def test_one_article_can_silence_codes_and_prefixes(write_kb):
    body = MIXED + "<!-- kbgen-disable KB501, KB50 -->\n"
    root = write_kb({A: article(body=body, last_reviewed="2024-01-01"),
                     "content/account/b.md": article(title="B？", body=MIXED)})
    assert [(f.path, f.code) for f in findings(root)] == [
        (A, "KB201"), ("content/account/b.md", "KB501"), ("content/account/b.md", "KB503")]


def test_site_config_changes_severities_by_code_or_prefix(write_kb):
    config = {**MINIMAL_CONFIG, "rules": {"KB5": "info", "KB503": "off", "KB201": "error"}}
    root = write_kb({A: article(body=MIXED, last_reviewed="2024-01-01")}, config)
    assert [(f.code, f.severity.value) for f in findings(root)] == [("KB201", "error"), ("KB501", "info")]


def test_a_wrong_optional_field_hides_neither_the_body_nor_the_article(write_kb):
    """One typo in the tags: its error, the body's problems too, and no broken reference to the article."""
    root = write_kb({A: article(tags="12", body=MIXED),
                     "content/account/b.md": article(title="B？", related="[a]", body="[A](a.md)\n")})
    assert [(f.path, f.line, f.code) for f in findings(root)] == [
        (A, 7, "KB106"),
        (A, 10, "KB501"),
        (A, 11, "KB503"),
    ]


def test_a_missing_shared_block_stops_the_build(write_kb, tmp_path):
    root = write_kb({A: article(body='--8<-- "nowhere.md"\n')})
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert "KB308  shared block nowhere.md not found" in result.output
    assert not out.exists()


def test_check_exit_codes(write_kb):
    clean = write_kb({A: article()})
    run = CliRunner().invoke
    assert run(cli, ["check", "--root", str(clean), "--today", TODAY.isoformat()]).exit_code == 0
    (clean / A).write_text(article(body=MIXED))
    warned = run(cli, ["check", "--root", str(clean), "--today", TODAY.isoformat()])
    assert warned.exit_code == 0 and "2 warnings" in warned.output
    assert run(cli, ["check", "--root", str(clean), "--strict", "--today", TODAY.isoformat()]).exit_code == 1
    (clean / A).write_text(article(related="[nope]"))
    assert run(cli, ["check", "--root", str(clean), "--today", TODAY.isoformat()]).exit_code == 1
    assert run(cli, ["check", "--root", str(clean), "--today", "someday"]).exit_code == 2
    (clean / "site_config.yml").write_text("site: 42\n")
    assert run(cli, ["check", "--root", str(clean)]).exit_code == 2


def test_json_output_follows_the_documented_schema(write_kb):
    root = write_kb({A: article(related="[nope]")})
    result = CliRunner().invoke(cli, ["check", "--root", str(root), "--format", "json", "--today", TODAY.isoformat()])
    assert json.loads(result.output) == {
        "version": 1, "files_checked": 1, "summary": {"error": 1, "warning": 0, "info": 0},
        "findings": [{"code": "KB303", "severity": "error", "path": A, "line": 7, "column": None,
                      "message": "related: no article with id 'nope'",
                      "hint": "use the id (file name without .md) of an existing article"}]}
    documented = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")
    for key in json.loads(result.output)["findings"][0]:
        assert f"`findings[].{key}`" in documented


def test_affected_lists_the_articles_a_shared_block_touches(write_kb):
    block = "---\nowner: '@billing'\nlast_reviewed: 2026-11-01\n---\n| プラン | 月額 |\n"
    root = write_kb({
        "content/_snippets/prices.md": block,
        A: article(body='--8<-- "prices.md"\n'),
        "content/account/b.md": article(title="B？", last_reviewed="2026-11-20", body='料金：\n\n--8<-- "prices.md"\n'),
        "content/account/c.md": article(title="C？"),
    })
    result = CliRunner().invoke(cli, ["check", "--root", str(root), "--affected", "content/_snippets/prices.md"])
    assert result.exit_code == 0
    assert result.output == (
        "content/_snippets/prices.md (reviewed 2026-11-01, owner @billing) is included by 2 articles:\n"
        "  content/account/a.md:8  @support  last_reviewed 2026-10-01  needs review\n"
        "  content/account/b.md:10  @support  last_reviewed 2026-11-20  reviewed since\n")
    unknown = CliRunner().invoke(cli, ["check", "--root", str(root), "--affected", "price.md"])
    assert unknown.exit_code == 2 and "known: prices.md" in unknown.output


def test_rules_command_lists_and_explains():
    listing = CliRunner().invoke(cli, ["rules"])
    assert listing.exit_code == 0
    assert "KB301  error    broken-link" in listing.output
    page = CliRunner().invoke(cli, ["rules", "kb302"])
    assert page.output.startswith("# KB302 broken-anchor\n") and "## Fix" in page.output
    assert CliRunner().invoke(cli, ["rules", "KB999"]).exit_code == 2


def test_docs_rules_md_is_generated_from_the_registry():
    # Regenerate with: kbgen rules --markdown > docs/rules.md
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_the_sample_kb_checks_clean_under_strict():
    result = CliRunner().invoke(cli, ["check", "--root", str(REPO), "--strict", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output


def test_every_finding_points_into_the_markdown_file(write_kb):
    body = "はじめに。\n\n```\n[x](nowhere.md)\n```\n\n<!--\n[y](nowhere.md)\n-->\n> [!NOTE]\n> [z](gone.md#x)\n"
    root = write_kb({A: article(body=body)})
    (found,) = findings(root)
    line = Path(root / A).read_text(encoding="utf-8").split("\n")[found.line - 1]
    assert found.code == "KB301" and line[found.column - 1:].startswith("[z](gone.md")


def test_anchors_are_the_ids_the_rendered_pages_have():
    import markdown
    from pymdownx.slugs import slugify

    from kbgen.checks.links import anchors_of
    from kbgen.content.config import load_config
    from kbgen.content.loader import load_knowledge_base

    kb, _ = load_knowledge_base(REPO, load_config(REPO))
    body = ("## 手順\n\n```\n## not a heading\n```\n\n## 手順\n\n> ## Step **1**: `ls` [a](b.md) {#custom}\n\n"
            "## 手順_1\n")
    plain = "## 手順\n\n## 手順\n\n### Step 1: set up  the  app (iOS)\n\n## 手順_1\n\n# 「注意」 ？\n"
    for text in [body, plain] + [a.body for a in kb.articles if "--8<--" not in a.body]:
        md = markdown.Markdown(extensions=["toc", "attr_list", "pymdownx.superfences"],
                               extension_configs={"toc": {"slugify": slugify(case="lower")}})
        md.convert(text)
        rendered = {token["id"] for token in _flatten(md.toc_tokens)}
        assert anchors_of(_article(text), kb) == rendered


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token["children"])


def _article(body):
    from kbgen.content.model import Article, FrontMatter

    meta = FrontMatter.model_validate({"title": "t", "summary": "s", "category": "account", "owner": "@o",
                                       "last_reviewed": "2026-01-01"})
    return Article("x", "ja", "content/account/x.md", meta, body, 8)


def test_large_kbs_are_loaded_and_checked_in_processes_with_the_same_findings(write_kb, monkeypatch):
    import kbgen.workers

    body = MIXED + "[手順](b5.md#手順) [x](gone.md) [y](#nowhere)\n"
    files = {f"content/account/b{n}.md": article(title=f"請求書を{n}回再発行できますか？", body=body,
                                                 last_reviewed="2024-01-01") for n in range(30)}
    files["content/account/b7.md"] = "---\ntitle: [unclosed\n---\n"
    files["content/billing/b3.md"] = files["content/account/b3.md"].replace("account", "billing")
    files["content/account/deep/b9.md"] = files["content/account/b9.md"]
    # The numbered titles above name different counts (KB402 keeps them apart): a rewording is a near-duplicate.
    files["content/account/c1.md"] = article(title="領収書を再発行できますか？")
    files["content/account/c2.md"] = article(title="領収書を再発行できるでしょうか")
    root = write_kb(files, {**MINIMAL_CONFIG, "categories": {"account": {"title": "A"}, "billing": {"title": "B"}}})
    in_one = findings(root)
    monkeypatch.setattr(kbgen.workers, "PARALLEL_FROM", 1)
    for processes in (2, 3):
        assert check_knowledge_base(root, CheckOptions(TODAY, processes=processes)).findings == in_one
    assert {f.code for f in in_one} >= {"KB102", "KB107", "KB111", "KB201", "KB301", "KB302", "KB402", "KB501",
                                        "KB503"}
