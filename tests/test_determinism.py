"""The same KB gives the same site, byte for byte, whatever the machine's time zone and locale.

Reproducible output keeps deploy diffs to what writers changed and lets CI cache the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, TODAY
from tests.test_build import tree_digest


def build_in(out: Path, *options: str, **env: str) -> None:
    subprocess.run([sys.executable, "-m", "kbgen", "build", "--root", str(REPO), "--out", str(out),
                    "--today", TODAY.isoformat(), *options], env={**os.environ, **env}, check=True,
                   capture_output=True)


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_builds_are_byte_identical_across_time_zones_and_locales(sample_site, tmp_path):
    """Kiritimati is UTC+14 and Adak UTC-10: a day apart for most of the day."""
    build_in(tmp_path / "kiritimati" / "site", TZ="Pacific/Kiritimati", LANG="C", LC_ALL="C")
    build_in(tmp_path / "adak" / "site", TZ="America/Adak", LANG="ja_JP.UTF-8", LC_ALL="ja_JP.UTF-8",
             PYTHONUTF8="1")
    expected = tree_digest(sample_site)
    assert differing(tree_digest(tmp_path / "kiritimati" / "site"), expected) == []
    assert differing(tree_digest(tmp_path / "adak" / "site"), expected) == []


def test_articles_rendered_in_two_processes_give_the_one_process_site(tmp_path):
    build_in(tmp_path / "one" / "site", "--jobs", "1")
    build_in(tmp_path / "two" / "site", "--jobs", "2")
    assert differing(tree_digest(tmp_path / "two" / "site"), tree_digest(tmp_path / "one" / "site")) == []
