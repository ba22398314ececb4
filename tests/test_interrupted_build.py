"""`kbgen build` killed at any moment leaves the published site whole, and the next build cleans up.

A real `kbgen build` process gets SIGKILL at seeded random moments while it rebuilds a small KB
that alternates between two versions; after each kill the site must be exactly one complete
build (the old one, or the new one if the swap had happened), never a mix or a half-written tree.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import TODAY, article
from tests.test_build import tree_digest

KILLS = 20


def kb_version(root: Path, version: str) -> None:
    for n in range(4):
        path = root / "content" / "account" / f"q{n}.md"
        path.write_text(article(title=f"質問 {n} の答えはどこにありますか（版 {version}）？",
                                body=f"## 手順\n\n版 {version} の本文です。\n"), encoding="utf-8")


def start_build(root: Path, out: Path, tmp: Path) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp)}  # anything a killed build leaves in the temp folder shows up there
    # Two processes render (the articles are shared out): a killed build's workers must die with it.
    return subprocess.Popen([sys.executable, "-m", "kbgen", "build", "--root", str(root), "--out", str(out),
                             "--today", TODAY.isoformat(), "--jobs", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def finished_build(root: Path, out: Path, tmp: Path) -> float:
    started = time.monotonic()
    process = start_build(root, out, tmp)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


def leftovers(out: Path, tmp: Path) -> list[str]:
    return sorted([p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]
                  + [p.name for p in tmp.iterdir()])


def test_killed_builds_never_damage_the_published_site(write_kb, tmp_path):
    root = write_kb({"content/account/.keep": ""})
    out = tmp_path / "out" / "site"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    digests = {}
    duration = 0.0
    for version in ("B", "A"):  # ends on A, published
        kb_version(root, version)
        duration = max(duration, finished_build(root, out, scratch))
        digests[version] = tree_digest(out)
    assert digests["A"] != digests["B"]
    published = "A"
    rng = random.Random(8)
    for kill in range(KILLS):
        building = "B" if published == "A" else "A"
        kb_version(root, building)
        process = start_build(root, out, scratch)
        time.sleep(rng.uniform(0, duration * 1.1))
        process.kill()
        process.communicate()
        site = tree_digest(out)
        assert site in (digests[published], digests[building]), f"kill {kill}: the site is a mix of two builds"
        if site == digests[building]:  # the build got to publish before the kill
            published = building
    finished_build(root, out, scratch)
    assert tree_digest(out) == digests[building]
    assert leftovers(out, scratch) == []
