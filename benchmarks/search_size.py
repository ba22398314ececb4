"""Search size and speed on synthetic KBs: bytes fetched before the first result, index build
time, total index size, and keystroke-to-results time with the CPU throttled 4×.

    python -m benchmarks.search_size [--sizes 100 1000 10000] [--out benchmarks/out/search-size]

KBs come from benchmarks.synthetic_kb and are built with kbgen, then served by a local HTTP server
without compression, so bytes are uncompressed sizes (a CDN's gzip would shrink them further).
Chromium (Debian's, via Playwright) reports every response's size through CDP network events.
"Cold" latency is a query whose index chunks the page has not fetched yet; "warm" repeats it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.search_site import REPO, TODAY, Server, kbgen_build

QUERIES = ["パスワードを忘れた", "在庫台帳を削除", "CSV テンプレート エクスポート", "請求書 印刷",
           "スマートフォンで出荷指示を確認"]


def measure_bytes(browser, url: str, query: str) -> dict:
    """Bytes of every response from navigation to the first result of ``query``, on a cold cache."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    before_query = dict(sizes)
    box = page.locator("#kb-search-header")
    box.fill(query)
    page.wait_for_function("q => document.querySelector('#kb-search-header').form"
                           ".getAttribute('data-kbgen-searched') === q", arg=query)
    page.wait_for_timeout(200)
    total = sum(sizes.values())
    search = sum(n for rid, n in sizes.items() if "search-index/" in urls.get(rid, "")
                 or "kbgen-search" in urls.get(rid, ""))
    after_page = sum(n for rid, n in sizes.items() if rid not in before_query)
    count = page.locator("#kb-search-header-results a").count()
    context.close()
    return {"query": query, "all_bytes": total, "search_bytes": search, "bytes_after_page_load": after_page,
            "results": count}


def measure_latency(browser, url: str, queries: list[str]) -> list[dict]:
    """Milliseconds from the query's last keystroke to its results in the DOM, CPU throttled 4×."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(url, wait_until="load")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.evaluate("""() => {
      const input = document.querySelector('#kb-search-header');
      window.__kbTimes = [];
      // The input event of the last character typed (Japanese arrives as text input, without keydown).
      document.addEventListener('input', (e) => { window.__kbKey = e.timeStamp; }, true);
      input.form.addEventListener('kbgen:results', (e) => {
        if (e.detail.query === input.value) window.__kbTimes.push([e.detail.query, performance.now() - window.__kbKey]);
      });
    }""")
    out = []
    for cold in (True, False):
        for query in queries:
            page.fill("#kb-search-header", "")
            page.locator("#kb-search-header").press_sequentially(query, delay=120)
            page.wait_for_function("q => (window.__kbTimes || []).some(t => t[0] === q)", arg=query)
            ms = [t[1] for t in page.evaluate("window.__kbTimes") if t[0] == query][-1]
            page.evaluate("window.__kbTimes = []")
            out.append({"query": query, "cold": cold, "ms": round(ms, 1)})
    context.close()
    return out


def index_build_seconds(kb: Path) -> float:
    """Seconds to write the search index of every language of an already loaded KB (best of 3)."""
    import tempfile

    from kbgen.config import load_config
    from kbgen.loader import load_knowledge_base
    from kbgen.render import write_search_index
    from kbgen.render.site_plan import plan_site

    config = load_config(kb)
    knowledge_base, _ = load_knowledge_base(kb, config)
    plans = plan_site(knowledge_base, TODAY)
    best = float("inf")
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            for plan in plans:
                write_search_index(knowledge_base, plan, Path(out) / plan.lang)
            best = min(best, time.perf_counter() - started)
    return best


def synthetic(browser, out: Path, sizes: list[int]) -> dict:
    figures = {}
    for articles in sizes:
        kb = out / f"kb-{articles}"
        site = out / f"site-{articles}"
        if not (site / "search-index" / "meta.json").is_file():
            if not kb.is_dir():
                subprocess.run([sys.executable, "-m", "benchmarks.synthetic_kb", str(kb), "--articles", str(articles)],
                               check=True, cwd=REPO, stdout=subprocess.DEVNULL)
            kbgen_build(kb, site)
        index_bytes = sum(p.stat().st_size for p in site.rglob("search-index/*"))
        index_files = sum(1 for _ in site.rglob("search-index/*"))
        server = Server(site)
        try:
            fetched = [measure_bytes(browser, server.url, q) for q in QUERIES]
            latency = measure_latency(browser, server.url, QUERIES)
        finally:
            server.close()
        figures[articles] = {"index_bytes": index_bytes, "index_files": index_files, "fetched": fetched,
                             "latency": latency, "index_build_seconds": index_build_seconds(kb)}
    return figures


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from tests.chromium import chromium_browser

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search-size")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with chromium_browser() as browser:
        figures = synthetic(browser, args.out, args.sizes)
    print_report(figures)
    (args.out / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"({time.monotonic() - started:.0f}s; raw figures in {args.out / 'figures.json'})")
    return 0


def print_report(figures: dict) -> None:
    for articles, f in figures.items():
        worst = max(f["fetched"], key=lambda x: x["search_bytes"])
        print(f"{articles} articles: index {f['index_bytes'] / 1e6:.2f} MB in {f['index_files']} files (ja + en), "
              f"built in {f['index_build_seconds']:.2f} s")
        print(f"  search bytes before first result (index + kbgen-search.js), worst of {len(f['fetched'])} "
              f"queries: {worst['search_bytes'] / 1000:.0f} KB ({worst['query']}); whole page incl. HTML/CSS/JS: "
              f"{worst['all_bytes'] / 1000:.0f} KB; fetched after page load: "
              f"{max(x['bytes_after_page_load'] for x in f['fetched']) / 1000:.0f} KB")
        for cold in (True, False):
            ms = [x["ms"] for x in f["latency"] if x["cold"] is cold]
            print(f"  keystroke to results, 4x CPU throttling, {'cold' if cold else 'warm'}: "
                  f"median {statistics.median(ms):.0f} ms, max {max(ms):.0f} ms ({len(ms)} queries)")


if __name__ == "__main__":
    sys.exit(main())
