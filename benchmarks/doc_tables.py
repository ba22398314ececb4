"""Benchmark figures into the docs: a run replaces its own table, nothing is typed by hand.

A table lives in a docs page between two markers that name the script:

    <!-- benchmarks.run: begin -->
    ...generated...
    <!-- benchmarks.run: end -->

and says which command made it, when, and on what machine, so that a reader can make it again.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({model}), {mem_kb / 1024 / 1024:.0f} GB RAM, Python {sys.version.split()[0]}"


def write_table(page: str, script: str, markdown: str, argv: list[str] | None = None) -> Path:
    """Replaces ``script``'s block in ``docs/<page>`` with ``markdown`` and a line saying how it was made."""
    path = DOCS / page
    begin, end = f"<!-- {script}: begin -->", f"<!-- {script}: end -->"
    command = shlex.join(["python", "-m", script, *(sys.argv[1:] if argv is None else argv)])
    made = (f"Made by `{command}` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}, "
            f"load average {os.getloadavg()[0]:.1f} at the end.")
    block = f"{begin}\n{made}\n\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no '{begin}' ... '{end}' block to replace")
    path.write_text(pattern.sub(lambda _: block, text, count=1), encoding="utf-8")
    print(f"table written to {path}")
    return path
