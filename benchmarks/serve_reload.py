"""Seconds from saving an article to the open page showing the change under `kbgen serve`.

    python -m benchmarks.serve_reload [--kb DIR] [--runs 5]

Copies the KB (default: this repository's sample help center) to a temporary folder, serves it,
opens an article in headless chromium and appends a sentence to the file `--runs` times, each
once the server is idle again (a writer saves every few seconds at most, and the findings and the
search index of the previous save are written after its reload).

Prints, for each save: the seconds until the page shows the sentence, the server's own report of
its rebuild, and the CPU seconds (user+sys) the server spent on the save, reload and all; then the
median, the maximum and the machine's load average. Wall-clock times on a shared machine vary with
its load; the CPU seconds do not, so compare those between versions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tests.chromium import chromium_browser
from tests.live_server import kbgen_serve, seconds_until_reloaded

REPO = Path(__file__).resolve().parent.parent


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, quiet: float = 1.0) -> None:
    """Until the process has used no CPU for ``quiet`` seconds."""
    before = cpu_seconds(pid)
    while True:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=Path, default=REPO)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "kb"
        root.mkdir()
        for name in ("content", "theme"):
            if (args.kb / name).is_dir():
                shutil.copytree(args.kb / name, root / name)
        shutil.copy(args.kb / "site_config.yml", root)
        article = sorted(p for p in (root / "content").glob("[!_]*/*.md") if p.name.count(".") == 1)[0]
        url = f"{article.parent.name}/{article.name[:-3]}/"
        times, cpu = [], []
        load_before = os.getloadavg()[0]
        with kbgen_serve(root, startup_timeout=600) as server, chromium_browser() as browser:
            page = browser.new_page()
            page.goto(server.url + url)
            for run in range(args.runs):
                wait_until_idle(server.process.pid)
                lines, started_cpu = len(server.output), cpu_seconds(server.process.pid)
                times.append(seconds_until_reloaded(page, article, f"計測のための追記 {run} です。"))
                page.wait_for_load_state("load")  # the reloaded page's poll starts the findings and search index
                wait_until_idle(server.process.pid)
                cpu.append(cpu_seconds(server.process.pid) - started_cpu)
                rebuilt = next((line.strip() for line in server.output[lines:] if line.startswith("rebuilt")), "")
                print(f"run {run + 1}: {times[-1]:.2f}s  ({rebuilt}; server CPU {cpu[-1]:.2f}s)", flush=True)
        print(f"median {statistics.median(times):.2f}s, max {max(times):.2f}s over {args.runs} saves of "
              f"{article.relative_to(root)} ({sum(1 for _ in root.glob('content/*/*.md'))} article files); "
              f"server CPU per save: median {statistics.median(cpu):.2f}s; "
              f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
