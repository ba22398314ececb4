"""Lighthouse's scores for the sample help center's page types, in both languages, as phones see them.

    python -m benchmarks.lighthouse [--out benchmarks/out/lighthouse]

Builds the repository's sample KB, serves it under /help/ gzipped with GitHub Pages' cache header
(max-age=600), and runs a pinned Lighthouse (npm, installed on first use into benchmarks/out/, which
git ignores) with its defaults: mobile, simulated throttling. Chrome is Debian's chromium
(CHROME_PATH, /usr/bin/chromium unless set). Prints the four category scores and FCP, LCP and TBT of
the home, category, article, search results and 404 pages. The 404 page is audited at its own URL:
answered with status 404, as for a missing page, SEO's status-code audit fails by definition.
Performance scores move with the machine's load: the 1-minute load average is printed with them.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import mimetypes
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.search_site import REPO, kbgen_build

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"))
# (page type, path under the site root) per language root; the queries have results in the sample.
PAGES = {
    "ja": [("home", ""), ("category", "account/"), ("article", "account/reset-password/"),
           ("search", "search/?q=%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89"), ("404", "404.html")],
    "en": [("home", "en/"), ("category", "en/account/"), ("article", "en/account/reset-password/"),
           ("search", "en/search/?q=password"), ("404", "en/404.html")],
}
COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "application/xml", "text/xml", "image/svg+xml", "application/opensearchdescription+xml"}


def gzip_server(site: Path):
    """The browser tests' server for a site under /help/, answering gzipped as GitHub Pages does."""
    sys.path.insert(0, str(REPO))
    from tests.browser import server

    class Gzipped(server.SubPathHandler):
        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            kind = mimetypes.guess_type(path.name)[0] or ""
            if not path.is_file() or kind not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    return server.serve(site, Gzipped)


def lighthouse_bin(out: Path) -> Path:
    """The pinned Lighthouse, installed with npm into ``out``/node on first use."""
    prefix = out / "node"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    installed = prefix / "node_modules" / "lighthouse" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != LIGHTHOUSE.split("@")[1]:
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), LIGHTHOUSE],
                       check=True, stdout=subprocess.DEVNULL)
    return binary


def audit(binary: Path, url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run([str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
                             f"--only-categories={','.join(CATEGORIES)}",
                             "--chrome-flags=--headless=new --no-sandbox"],
                            env=env, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise SystemExit(f"{url}: {report['runtimeError']}")
    figures = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    figures |= {short: report["audits"][audit_id]["numericValue"] for short, audit_id in METRICS}
    return figures


def load() -> float:
    return os.getloadavg()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "lighthouse")
    args = parser.parse_args()
    out = args.out.resolve()
    binary = lighthouse_bin(out)
    site = out / "site"
    kbgen_build(REPO, site)
    rows = []
    print(f"{'lang':4} {'page':8} {'perf':>4} {'a11y':>4} {'b-p':>4} {'seo':>4} {'FCP ms':>7} {'LCP ms':>7} "
          f"{'TBT ms':>6}  load")
    with gzip_server(site) as base:
        for lang, pages in PAGES.items():
            for kind, path in pages:
                started_load = load()
                figures = audit(binary, base + path)
                rows.append({"lang": lang, "page": kind, "url": path, **figures, "load": started_load})
                print(f"{lang:4} {kind:8} {figures['performance']:4} {figures['accessibility']:4} "
                      f"{figures['best-practices']:4} {figures['seo']:4} {figures['FCP']:7.0f} "
                      f"{figures['LCP']:7.0f} {figures['TBT']:6.0f}  {started_load:.1f}", flush=True)
    (out / "figures.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    below = [f"{r['lang']} {r['page']}" for r in rows
             if r["performance"] < 95 or any(r[name] < 100 for name in CATEGORIES[1:])]
    print("targets (performance >= 95, the others 100):", "met" if not below else "missed by " + ", ".join(below))
    return 0


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"({time.monotonic() - started:.0f}s)")
    sys.exit(code)
