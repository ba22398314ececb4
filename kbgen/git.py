"""What git knows about the KB: the writer's e-mail and when a file was last committed."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def user_email(cwd: Path) -> str | None:
    return _git(["config", "user.email"], cwd) or None


def last_commit_date(path: Path) -> date | None:
    """The committer date of the last commit touching ``path``; None outside git or when untracked."""
    stamp = _git(["log", "-1", "--format=%cs", "--", path.name], path.parent)
    try:
        return date.fromisoformat(stamp) if stamp else None
    except ValueError:
        return None
