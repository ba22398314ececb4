"""`kbgen init` and `kbgen new`: what a team and a writer start from checks and builds clean at once."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from tests.conftest import TODAY


def run(*args: str):
    return CliRunner().invoke(cli, [*args])


@pytest.fixture
def new_kb(tmp_path: Path) -> Path:
    root = tmp_path / "help"
    result = run("init", str(root), "--url", "https://acme.github.io/help/", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    return root


def test_init_writes_a_kb_that_checks_strictly_and_builds(new_kb, tmp_path):
    assert sorted(p.relative_to(new_kb).as_posix() for p in new_kb.rglob("*") if p.is_file()) == [
        ".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitignore", "README.md",
        "content/getting-started/about-this-help-center.en.md", "content/getting-started/about-this-help-center.md",
        "content/getting-started/add-an-article.en.md", "content/getting-started/add-an-article.md", "site_config.yml",
    ]
    assert load_config(new_kb).site.url == "https://acme.github.io/help/"
    check = run("check", "--root", str(new_kb), "--strict", "--today", TODAY.isoformat())
    assert check.exit_code == 0, check.output
    build = run("build", "--root", str(new_kb), "--out", str(tmp_path / "site"), "--today", TODAY.isoformat())
    assert build.exit_code == 0, build.output
    assert (tmp_path / "site" / "getting-started" / "add-an-article" / "index.html").is_file()


def test_init_in_english_makes_english_the_default_language(tmp_path):
    root = tmp_path / "help"
    assert run("init", str(root), "--language", "en", "--today", TODAY.isoformat()).exit_code == 0
    config = load_config(root)
    assert (config.site.language, config.site.languages, config.site.name) == ("en", ["en", "ja"], "help Help Center")
    kb, findings = load_knowledge_base(root, config)
    assert findings == []
    assert kb.get("add-an-article").title == "How do I add an article?"  # <id>.md is the English one
    assert kb.get("add-an-article", "ja").title == "記事を追加するにはどうすればよいですか？"
    check = run("check", "--root", str(root), "--strict", "--today", TODAY.isoformat())
    assert check.exit_code == 0, check.output


def test_init_says_how_kbgen_is_installed_in_the_workflows(tmp_path):
    root = tmp_path / "kb"
    spec = "kbgen @ git+https://github.com/acme/kbgen@v0.1.0"
    assert run("init", str(root), "--kbgen-spec", spec).exit_code == 0
    for workflow in ("check.yml", "publish.yml"):
        assert f'KBGEN_PIP_SPEC: "{spec}"' in (root / ".github/workflows" / workflow).read_text(encoding="utf-8")
    assert "YOUR-ORG" in (tmp_path / "kb" / "README.md").read_text(encoding="utf-8")  # the default, explained


def test_init_never_overwrites(new_kb):
    result = run("init", str(new_kb))
    assert result.exit_code == 2
    assert "would overwrite" in result.output and "site_config.yml" in result.output


def test_new_writes_an_article_that_checks_clean(new_kb):
    result = run("new", "--root", str(new_kb), "How do I export orders as CSV?", "--category", "getting-started",
                 "--owner", "@orders", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    path = new_kb / "content/getting-started/how-do-i-export-orders-as-csv.md"
    assert path.is_file()
    kb, findings = load_knowledge_base(new_kb, load_config(new_kb))
    article = kb.get("how-do-i-export-orders-as-csv")
    assert findings == []
    assert article.meta.title == "How do I export orders as CSV?"
    assert article.meta.owner == "@orders" and article.meta.last_reviewed == TODAY
    assert "ここに" in article.summary  # the placeholders say they are to be replaced
    assert run("check", "--root", str(new_kb), "--strict", "--today", TODAY.isoformat()).exit_code == 0


def test_new_takes_the_id_from_ascii_words_or_asks_for_one(new_kb):
    base = ["new", "--root", str(new_kb), "--category", "getting-started", "--owner", "@a"]
    assert run(*base, "注文を CSV で出力するには？").exit_code == 0
    assert (new_kb / "content/getting-started/csv.md").is_file()
    no_ascii = run(*base, "注文を出力するには？")
    assert no_ascii.exit_code == 2
    assert no_ascii.output.count("\n") == 1 and "--id" in no_ascii.output
    assert run(*base, "注文を出力するには？", "--id", "export-orders").exit_code == 0
    assert (new_kb / "content/getting-started/export-orders.md").is_file()


def test_new_asks_a_writer_at_a_terminal_for_the_id_of_a_japanese_question(new_kb):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kbgen", "new", "--root", str(new_kb), "注文を出力するには？",
         "--category", "getting-started", "--owner", "@a"],
        stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while b"Id, e.g." not in shown:
        assert select.select([controller], [], [], 30)[0], f"no prompt for the id, only {shown!r}"
        shown += os.read(controller, 1024)
    os.write(controller, b"export-orders\n")
    assert process.wait(timeout=60) == 0
    os.close(controller)
    text = (new_kb / "content/getting-started/export-orders.md").read_text(encoding="utf-8")
    assert 'title: "注文を出力するには？"' in text


def test_new_writes_a_translation_next_to_its_source(new_kb):
    source = run("new", "--root", str(new_kb), "ログインできない場合は？", "--category", "getting-started",
                 "--id", "cannot-log-in", "--owner", "@a")
    assert source.exit_code == 0, source.output
    result = run("new", "--root", str(new_kb), "What if I cannot log in?", "--category", "getting-started",
                 "--lang", "en", "--id", "cannot-log-in", "--owner", "@a")
    assert result.exit_code == 0, result.output
    text = (new_kb / "content/getting-started/cannot-log-in.en.md").read_text(encoding="utf-8")
    assert "Write the short answer" in text


@pytest.mark.parametrize(("args", "message"), [
    (["Q?", "--category", "nope"], "unknown category 'nope'"),
    (["What can I find in this help center?", "--category", "getting-started", "--id", "about-this-help-center"],
     "already exists"),
    (["Q?", "--category", "getting-started", "--id", "bad id"], "--id bad id"),
    (["Q?", "--category", "getting-started", "--lang", "fr"], "--lang fr"),
])
def test_new_refuses_with_one_clear_line(new_kb, args, message):
    before = sorted(new_kb.rglob("*.md"))
    result = run("new", "--root", str(new_kb), *args, "--owner", "@a")
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(new_kb.rglob("*.md")) == before
