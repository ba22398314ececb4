"""The README is the front door: short, and its quick start works exactly as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from tests.conftest import REPO

README = REPO / "README.md"
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "site", "out", "node_modules", "__pycache__", "*.egg-info",
                                     ".pytest_cache", "build", ".corpora")


def quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- quick-start: begin -->\n```sh\n(.*?)```\n<!-- quick-start: end -->", text, re.S)
    assert block, "README.md has no quick-start block"
    return block.group(1)


def test_the_readme_is_short_enough_to_read_in_two_minutes():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 120


def test_the_quick_start_installs_kbgen_in_a_fresh_environment_and_makes_a_help_center(tmp_path):
    """pip install . into a new virtual environment, then init, new, check and build, as a team does."""
    checkout = tmp_path / "kbgen"
    shutil.copytree(REPO, checkout, ignore=_NOT_SOURCE)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if ".venv" not in p)
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", quick_start()], cwd=checkout, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    help_center = tmp_path / "my-help"
    assert (help_center / "content" / "getting-started" / "reissue-invoice.md").is_file()
    assert (help_center / "site" / "getting-started" / "reissue-invoice" / "index.html").is_file()
    assert "請求書を再発行するには？" in (help_center / "site" / "getting-started" / "index.html").read_text("utf-8")
