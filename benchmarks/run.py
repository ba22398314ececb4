"""kbgen's speed and memory against a plain MkDocs + Material build of the same articles.

    python -m benchmarks.run [--sizes 100 1000 10000] [--repeat 3] [--work DIR] [--markdown]

--markdown replaces the table in docs/performance.md with this run's.

For each N: a synthetic KB (benchmarks/synthetic_kb.py, 30% translated), then `kbgen check`,
`kbgen build` and `mkdocs build` of a plain configuration, each in a fresh child process.
Wall time is the best of --repeat runs (the machine is shared; the best run is the one least
disturbed); CPU time (user + system) is reported too, and the ratios use it: on a machine shared
with other work, wall time measures the neighbours as much as the build. Peak memory is the larger
of the biggest single process's maximum resident set size (getrusage RUSAGE_CHILDREN, read by a
fresh wrapper process per run) and the peak of the whole process tree's proportional set size
(PSS, sampled every 100 ms): `kbgen check` and `build` fork workers for the checks from 2,000
articles, `build` for rendering from 200, and RUSAGE_CHILDREN reports only the largest process, not
what the tree uses at once (its CPU time does cover every process: each worker is waited for).
PSS shares each copy-on-write page among the processes that map it, so the forked workers'
inherited memory is counted once, as it is in RAM. A fixed pure-Python loop is timed before and
after: on a shared virtual machine it is the yardstick for figures measured at different times.

The plain build is the fastest fair MkDocs setup: every article file copied as it is (front matter
left in: MkDocs reads it as page meta, as kbgen reads it for its own pages), the same Markdown
extensions as kbgen, Material with its search plugin, articles out of the nav (nav: home page only).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.doc_tables import machine, write_table
from benchmarks.synthetic_kb import generate_kb

TODAY = "2026-11-26"
BIN = Path(sys.executable).parent
# Runs a command and prints its peak memory in kB: RUSAGE_CHILDREN of a fresh process covers that
# command only; the sampled PSS of its process tree adds up the forked workers.
_MEASURE = """
import os, resource, subprocess, sys, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        pids.append(todo.pop())
        try:
            for task in os.listdir(f"/proc/{pids[-1]}/task"):
                with open(f"/proc/{pids[-1]}/task/{task}/children") as f:
                    todo += [int(child) for child in f.read().split()]
        except OSError:  # gone meanwhile
            pass
    return pids

def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0

started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
tree_peak = 0
while child.poll() is None:
    tree_peak = max(tree_peak, sum(pss(pid) for pid in tree(child.pid)))
    time.sleep(0.1)  # reading smaps_rollup walks the page tables: not too often
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(child.returncode, wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss, tree_peak))
"""


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def measure(command: list[str], repeat: int, cwd: Path, accepted: tuple[int, ...] = (0,)) -> Run:
    best: Run | None = None
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                             check=True).stdout.split()
        code, wall, cpu, peak_kb = int(out[0]), float(out[1]), float(out[2]), int(out[3])
        if code not in accepted:
            raise SystemExit(f"{' '.join(command)} failed with exit code {code} (rerun it by hand to see why)")
        run = Run(wall, cpu, peak_kb / 1024)
        best = run if best is None or run.seconds < best.seconds else best
        best = Run(best.seconds, min(best.cpu_seconds, run.cpu_seconds), max(best.peak_mb, run.peak_mb))
    assert best is not None
    return best


def plain_mkdocs_project(kb: Path, target: Path) -> Path:
    """The KB's articles as a plain MkDocs + Material project; returns its mkdocs.yml."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    shutil.copytree(kb / "content", docs, ignore=shutil.ignore_patterns("_snippets"))
    (docs / "index.md").write_text("# Help center\n", encoding="utf-8")
    snippets = kb / "content" / "_snippets"
    config = {
        "site_name": "Plain help center",
        "site_url": "https://example.github.io/help/",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "nav": ["index.md"],
        "theme": {"name": "material", "language": "ja", "font": False},
        "plugins": [{"search": {"lang": ["ja", "en"]}}],
        "markdown_extensions": [
            {"toc": {"permalink": True}},
            "admonition", "attr_list", "md_in_html", "tables", "def_list", "footnotes",
            "pymdownx.details", "pymdownx.superfences", "pymdownx.inlinehilite", "pymdownx.mark",
            {"pymdownx.highlight": {"anchor_linenums": False}},
            {"pymdownx.tasklist": {"custom_checkbox": True}},
            {"pymdownx.snippets": {"base_path": [str(snippets)], "check_paths": False}},
            "github-callouts",
        ],
        "validation": {"links": {"absolute_links": "ignore", "unrecognized_links": "ignore",
                                 "anchors": "ignore", "not_found": "ignore"},
                       "nav": {"omitted_files": "ignore"}},
    }
    path = target / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def search_index_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*.json") if "search" in p.relative_to(site).as_posix())


def bench(n: int, repeat: int, work: Path) -> dict:
    kb = work / f"kb-{n}"
    if not (kb / "site_config.yml").exists():
        generate_kb(kb, n)
    kbgen = str(BIN / "kbgen")
    # Exit 1 from check means findings, which a synthetic KB has: timing them is the point. From a build it
    # means a refusal, whose time and 0 MB site would pass for figures.
    check = measure([kbgen, "check", "--root", str(kb), "--today", TODAY, "--format", "text"], repeat, work,
                    accepted=(0, 1))
    build = measure([kbgen, "build", "--root", str(kb), "--today", TODAY], repeat, work)
    plain_yml = plain_mkdocs_project(kb, work / f"plain-{n}")
    plain = measure([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_yml)], repeat, work)
    site, plain_site = kb / "site", plain_yml.parent / "site"
    return {
        "articles": n,
        "files": sum(1 for _ in (kb / "content").rglob("*.md")),
        "check_s": check.seconds, "check_cpu": check.cpu_seconds, "check_mb": check.peak_mb,
        "build_s": build.seconds, "build_cpu": build.cpu_seconds, "build_mb": build.peak_mb,
        "plain_s": plain.seconds, "plain_cpu": plain.cpu_seconds, "plain_mb": plain.peak_mb,
        "time_ratio": build.cpu_seconds / plain.cpu_seconds, "memory_ratio": build.peak_mb / plain.peak_mb,
        "wall_ratio": build.seconds / plain.seconds,
        "check_share": check.cpu_seconds / build.cpu_seconds,
        "site_mb": tree_bytes(site) / 1e6, "plain_site_mb": tree_bytes(plain_site) / 1e6,
        "search_kb": search_index_bytes(site) / 1e3, "plain_search_kb": search_index_bytes(plain_site) / 1e3,
    }


_REFERENCE = "import time\nstarted = time.process_time()\nx = 0\nfor i in range(20_000_000):\n    x += i\n" \
             "print(time.process_time() - started)"


def reference_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop in a fresh process. A shared virtual machine's speed drifts
    (by 40% within an hour here): figures measured at different times compare only next to this."""
    return float(subprocess.run([sys.executable, "-c", _REFERENCE], capture_output=True, text=True,
                                check=True).stdout)


def table(rows: list[dict]) -> str:
    head = ("| articles (files) | check: wall s, CPU s (peak MB) | build: wall s, CPU s (MB) "
            "| plain MkDocs: wall s, CPU s (MB) | build/plain CPU, memory, wall | check/build CPU "
            "| site MB (plain) | search index kB (plain) |")
    lines = [head, "|" + " --- |" * 8]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} ({r['files']:,}) | {r['check_s']:.1f}, {r['check_cpu']:.1f} ({r['check_mb']:.0f}) "
            f"| {r['build_s']:.1f}, {r['build_cpu']:.1f} ({r['build_mb']:.0f}) "
            f"| {r['plain_s']:.1f}, {r['plain_cpu']:.1f} ({r['plain_mb']:.0f}) "
            f"| {r['time_ratio']:.2f}×, {r['memory_ratio']:.2f}×, {r['wall_ratio']:.2f}× | {r['check_share']:.1%} "
            f"| {r['site_mb']:.1f} ({r['plain_site_mb']:.1f}) | {r['search_kb']:,.0f} ({r['plain_search_kb']:,.0f}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kbgen-bench"))
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    parser.add_argument("--markdown", action="store_true", help="Replace the table in docs/performance.md.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(machine(), flush=True)
    reference_before = reference_seconds()
    rows = []
    for n in args.sizes:
        rows.append(bench(n, args.repeat, args.work.resolve()))
        print(json.dumps(rows[-1]), flush=True)
    report = table(rows)
    by_size = {r["articles"]: r for r in rows}
    if 1000 in by_size and 10000 in by_size:
        growth = by_size[10000]["build_cpu"] / by_size[1000]["build_cpu"]
        report += f"\n\nGrowth from 1,000 to 10,000 articles: build CPU time ×{growth:.1f}."
    report += (f"\n\nReference loop (the machine's speed): {reference_before:.2f} s before, "
               f"{reference_seconds():.2f} s after.")
    print(report)
    if args.markdown:
        write_table("performance.md", "benchmarks.run", f"Best of {args.repeat} runs per figure.\n\n{report}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
