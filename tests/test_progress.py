"""Long builds show progress on a terminal, and stay quiet in CI and in pipes."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from tests.conftest import TODAY, article


def build_with_stderr_on_a_terminal(root, env_extra: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | env_extra
    process = subprocess.run(
        [sys.executable, "-m", "kbgen", "build", "--root", str(root), "--today", TODAY.isoformat()],
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


def test_a_terminal_sees_pages_counted(write_kb):
    root = write_kb({"content/account/a.md": article(), "content/account/a.en.md": article(title="Forgot?")})
    shown = build_with_stderr_on_a_terminal(root, {})
    for lang in ("ja", "en"):
        counts = re.findall(rf"rendering {lang}: (\d+)/(\d+) pages", shown)
        assert counts and counts[-1][0] == counts[-1][1], shown  # counted up to the last page


def test_ci_sees_no_progress(write_kb):
    root = write_kb({"content/account/a.md": article()})
    assert "rendering" not in build_with_stderr_on_a_terminal(root, {"CI": "true"})
