"""Seconds from saving an article to the open page showing the change under `kbgen serve`.

    python -m benchmarks.serve_reload [--kb DIR] [--runs 5]

Copies the KB (default: this repository's sample help center) to a temporary folder, serves it,
opens an article in headless chromium and appends a sentence to the file `--runs` times.
Prints each time and the median; the machine's load average goes with the figure.
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
        times = []
        with kbgen_serve(root) as server, chromium_browser() as browser:
            page = browser.new_page()
            page.goto(server.url + url)
            for run in range(args.runs):
                times.append(seconds_until_reloaded(page, article, f"計測のための追記 {run} です。"))
                print(f"run {run + 1}: {times[-1]:.2f}s")
                time.sleep(1)
        print(f"median {statistics.median(times):.2f}s over {args.runs} saves of {article.relative_to(root)} "
              f"({sum(1 for _ in root.glob('content/*/*.md'))} articles); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
