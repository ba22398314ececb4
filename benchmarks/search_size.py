"""Search size and speed on synthetic KBs: bytes fetched before the first result, index build
time, total index size, and keystroke-to-results time with the CPU throttled 4×.

    python -m benchmarks.search_size [--sizes 100 1000 10000] [--out benchmarks/out/search-size] [--markdown]

--markdown replaces the size and speed table in docs/search.md with this run's.

KBs come from benchmarks.synthetic_kb and are built with kbgen, then served by a local HTTP server
without compression, so bytes are uncompressed sizes (a CDN's gzip would shrink them further).
Chromium (Debian's, via Playwright) reports every response's size through CDP network events.
Every query runs on a fresh page (empty cache): "committed" puts the whole query into the box in one
input event, as an IME commit or a paste does, so none of its index chunks are fetched before; "typed"
types it a character at a time (the chunks of the first characters come while typing); "warm" types
it again on the same page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from benchmarks.search_site import REPO, TODAY, Server, kbgen_build, measure_and_report

# (query, page): Japanese on the Japanese home page, English on the English one. Phrases as people
# type them (「パスワードを忘れた」 has no answer in the synthetic KB, so it also falls back to English),
# single words, a width variant and a half-typed English word.
QUERIES = [("パスワードを忘れた", ""), ("在庫台帳を削除", ""), ("CSV テンプレート エクスポート", ""),
           ("請求書 印刷", ""), ("スマートフォンで出荷指示を確認", ""), ("退会したい", ""),
           ("棚卸しを自動化するには", ""), ("ﾊﾞｰｺｰﾄﾞ", ""), ("仕入先 一括編集", ""), ("配送ラベルを再送", ""),
           ("forgot password", "en/"), ("export csv template", "en/"), ("delete a stock ledger", "en/"),
           ("print invoice", "en/"), ("webhook sched", "en/")]
BOX = "#kb-search-header"
# Records the time of every input event (Japanese arrives as text input, without keydown) and of every
# result rendering, so the latency is the page's own clock from the last input to the results in the DOM.
# Waiting on a promise rather than polling keeps the waiting out of the throttled page's way.
CLOCK = """
window.__kbInput = 0; window.__kbTimes = [];
document.addEventListener('input', (e) => { window.__kbInput = e.timeStamp; }, true);
document.addEventListener('kbgen:results', (e) => {
  if (e.detail.query === e.target.querySelector('input[type=search]').value)
    window.__kbTimes.push([e.detail.query, performance.now() - window.__kbInput,
      // index files requested between the last input and the results: the round trips on the path
      performance.getEntriesByType('resource').filter((r) => r.name.includes('search-index/')
        && r.startTime >= window.__kbInput && r.startTime <= performance.now()).length]);
}, true);
window.__kbResults = (q) => new Promise((resolve) => {
  const done = () => window.__kbTimes.some((t) => t[0] === q);
  if (done()) return resolve();
  document.addEventListener('kbgen:results', function on() {
    if (done()) { document.removeEventListener('kbgen:results', on, true); resolve(); }
  }, true);
});
"""
# Bytes of every response so far, from the page's Resource Timing (headers and body as sent).
BYTES = """() => performance.getEntries()
  .filter((e) => e.entryType === 'navigation' || e.entryType === 'resource')
  .map((e) => [e.name, e.transferSize])"""


def _page(browser, url: str):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CLOCK)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return context, page


def _results(page, query: str) -> tuple[float, int]:
    """Milliseconds from the last input to the results of ``query``, and index files fetched meanwhile."""
    page.evaluate("q => window.__kbResults(q)", query)
    ms, files = [t[1:] for t in page.evaluate("window.__kbTimes") if t[0] == query][-1]
    page.evaluate("window.__kbTimes = []")
    return round(ms, 1), files


def measure_committed(browser, url: str, query: str) -> dict:
    """A fresh page, the box focused, then the whole query in one input event (an IME commit or a paste):
    the coldest case, no chunk of the query fetched before. Bytes of every response from navigation to
    the first result, and milliseconds from that input event to the results, CPU throttled 4×."""
    context, page = _page(browser, url)
    page.focus(BOX)
    page.wait_for_timeout(300)  # a person's pause between focusing the box and typing
    page.fill(BOX, query)
    ms, _ = _results(page, query)
    sizes = page.evaluate(BYTES)
    count = page.locator(f"{BOX}-results a").count()
    context.close()
    search = sum(n for name, n in sizes if "search-index/" in name or "kbgen-search" in name)
    return {"query": query, "ms": ms, "all_bytes": sum(n for _, n in sizes), "search_bytes": search,
            "results": count}


def measure_typed(browser, url: str, query: str) -> dict:
    """A fresh page, the query typed a character every 120 ms: milliseconds from the last character to
    its results ("cold": the last character's chunks may not be fetched yet), then the same query typed
    again on the same page ("warm"), CPU throttled 4×."""
    context, page = _page(browser, url)
    out = {"query": query}
    for key in ("cold", "warm"):
        page.fill(BOX, "")
        page.locator(BOX).press_sequentially(query, delay=120)
        out[key], out[key + "_files"] = _results(page, query)
    context.close()
    return out


def index_build_seconds(kb: Path) -> float:
    """Seconds to write the search index of every language of an already loaded KB (best of 3)."""
    import tempfile

    from kbgen.content.config import load_config
    from kbgen.content.loader import load_knowledge_base
    from kbgen.render import write_search_index, write_snippets
    from kbgen.render.site_plan import plan_site

    config = load_config(kb)
    knowledge_base, _ = load_knowledge_base(kb, config)
    plans = plan_site(knowledge_base, TODAY)
    best = float("inf")
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            snippets = write_snippets(knowledge_base, Path(out) / "snippets")  # an FAQ answer may include them
            for plan in plans:
                write_search_index(knowledge_base, plan, Path(out) / plan.lang, snippets)
            best = min(best, time.perf_counter() - started)
    return best


def synthetic(browser, out: Path, sizes: list[int]) -> dict:
    figures = {}
    for articles in sizes:
        kb = out / f"kb-{articles}"
        site = out / f"site-{articles}"
        if not kb.is_dir():
            subprocess.run([sys.executable, "-m", "benchmarks.synthetic_kb", str(kb), "--articles", str(articles)],
                           check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        kbgen_build(kb, site)  # every run: a site an older kbgen built would lend this code its figures
        index_bytes = sum(p.stat().st_size for p in site.rglob("search-index/*"))
        index_files = sum(1 for _ in site.rglob("search-index/*"))
        server = Server(site)
        try:
            load = os.getloadavg()[0]
            committed = [measure_committed(browser, server.url + page, q) for q, page in QUERIES]
            typed = [measure_typed(browser, server.url + page, q) for q, page in QUERIES]
            load = round(max(load, os.getloadavg()[0]), 1)
        finally:
            server.close()
        figures[articles] = {"index_bytes": index_bytes, "index_files": index_files, "load_average": load,
                             "committed": committed, "typed": typed, "index_build_seconds": index_build_seconds(kb)}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search-size")
    parser.add_argument("--markdown", action="store_true", help="Replace the table in docs/search.md.")
    args = parser.parse_args(argv)
    return measure_and_report(args.out, lambda browser, out: synthetic(browser, out, args.sizes), print_report,
                              ("benchmarks.search_size", markdown_table) if args.markdown else None)


def markdown_table(figures: dict) -> str:
    sizes = list(figures)

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(figures[n]) for n in sizes) + " |"

    def ms(f: dict, key: str) -> str:
        values = [c[key] for c in f["committed"]] if key == "ms" else [t[key] for t in f["typed"]]
        return f"{statistics.median(values):.0f} ms, {max(values):.0f} ms"

    return "\n".join([
        "| synthetic KB (`benchmarks.synthetic_kb`) | " + " | ".join(f"{int(n):,} articles" for n in sizes) + " |",
        "| --- |" + " --- |" * len(sizes),
        row("index files, ja + en (uncompressed)",
            lambda f: f"{f['index_bytes'] / 1e6:.2f} MB in {f['index_files']:,} files"),
        row("index build time (both languages)", lambda f: f"{f['index_build_seconds']:.1f} s"),
        row("search bytes before the first result, worst query",
            lambda f: f"{max(c['search_bytes'] for c in f['committed']) / 1000:.0f} KB"),
        row("last keystroke to results, typed, cold (median, max)", lambda f: ms(f, "cold")),
        row("whole query in one input on a fresh page (median, max)", lambda f: ms(f, "ms")),
        row("the same query again, warm (median, max)", lambda f: ms(f, "warm")),
        row("load average during the run", lambda f: f"{f['load_average']}"),
    ])


def print_report(figures: dict) -> None:
    for articles, f in figures.items():
        worst = max(f["committed"], key=lambda x: x["search_bytes"])
        print(f"{articles} articles: index {f['index_bytes'] / 1e6:.2f} MB in {f['index_files']} files (ja + en), "
              f"built in {f['index_build_seconds']:.2f} s")
        print(f"  search bytes before first result (index + kbgen-search.js), worst of {len(f['committed'])} "
              f"queries: {worst['search_bytes'] / 1000:.0f} KB ({worst['query']}); whole page incl. HTML/CSS/JS: "
              f"{worst['all_bytes'] / 1000:.0f} KB")
        print("  ms from the last input to results, 4x CPU throttling (committed: whole query in one input on a "
              "fresh page; typed: 120 ms a character, cold then warm; files: index files fetched after the last "
              "character); the machine's load average "
              f"{f['load_average']} on {os.cpu_count()} CPUs:")
        print(f"    {'query':<32} {'results':>7} {'KB':>5} {'committed':>9} {'typed':>6} {'files':>5} {'warm':>6}")
        for c, t in zip(f["committed"], f["typed"], strict=True):
            print(f"    {c['query']:<{32 - _wide(c['query'])}} {c['results']:>7} {c['search_bytes'] / 1000:>5.0f} "
                  f"{c['ms']:>9.0f} {t['cold']:>6.0f} {t['cold_files']:>5} {t['warm']:>6.0f}")
        for name, ms in (("committed", [c["ms"] for c in f["committed"]]), ("typed", [t["cold"] for t in f["typed"]]),
                         ("warm", [t["warm"] for t in f["typed"]])):
            print(f"    {name}: median {statistics.median(ms):.0f} ms, max {max(ms):.0f} ms")


def _wide(text: str) -> int:
    """Characters that take two columns in a terminal, to keep the table aligned."""
    return sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


if __name__ == "__main__":
    sys.exit(main())
