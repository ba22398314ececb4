"""Long builds show progress on a terminal, and stay quiet in CI and in pipes."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tests.conftest import TODAY, article


def build_with_stderr_on_a_terminal(root, env_extra: dict[str, str], *options: str) -> str:
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | env_extra
    process = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--root", str(root), "--today", TODAY.isoformat(), *options],
        stdout=subprocess.PIPE, stderr=follower, env=env, timeout=300, check=False)
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 65536):
            seen += chunk
    except OSError:  # the terminal is closed once everything is read
        pass
    os.close(leader)
    assert process.returncode == 0, process.stdout
    return seen.decode("utf-8", "replace")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_terminal_sees_pages_counted(write_kb, jobs):
    """With two processes rendering, one count goes up through both processes' pages."""
    root = write_kb({"content/account/a.md": article(), "content/account/b.md": article(title="退会するには？"),
                     "content/account/a.en.md": article(title="Forgot?")})
    shown = build_with_stderr_on_a_terminal(root, {}, "--jobs", jobs)
    for lang in ("ja", "en"):
        counts = [int(done) for done in re.findall(rf"rendering {lang}: (\d+)/\d+ pages", shown)]
        total = int(re.findall(rf"rendering {lang}: \d+/(\d+) pages", shown)[0])
        assert counts == sorted(counts) and counts[-1] == total, shown  # counted up to the last page


def test_ci_sees_no_progress(write_kb):
    root = write_kb({"content/account/a.md": article()})
    assert "rendering" not in build_with_stderr_on_a_terminal(root, {"CI": "true"})
