"""Known-item search quality of kbgen's search against Material's built-in search on the same content.

    python -m benchmarks.search_quality [--out benchmarks/out/search-quality]

Known-item search: every article of /work/shared/corpora/adobe-commerce-kb-{ja,en} is
built twice from the same title, summary (front matter description) and body: with kbgen, and with
plain MkDocs + Material 9 and its search plugin (lang ja+en for Japanese, en for English). For each
article a query is derived from its title: the title's content words (ja: runs of kanji, katakana or
Latin letters, i.e. without hiragana particles, okurigana and punctuation; en: words without stop
words), minus the product names every title shares (Adobe Commerce, Magento, cloud), then 2 or 3 of
them, chosen by a seeded random generator per article and kept in title order. A hit at k means the
article is among the first k distinct pages returned. kbgen is asked through the same
kbgenSearch.search() its search box uses; Material is driven through its own search box in the
browser (its web worker runs lunr.js with lunr-languages over search_index.json), reading the result
pages in the order Material lists them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.search_site import REPO, Server, kbgen_build

CORPORA = Path("/work/shared/corpora")
PRODUCT_WORDS = {"adobe", "commerce", "magento", "cloud", "open", "source", "アドビ", "コマース"}
EN_STOP = set("a an and are as at be by can do does for from how i if in is it its not of on or the this to "
              "was what when where which why will with you your after before during into".split())


def corpus_articles(lang: str) -> list[dict]:
    import yaml

    articles = []
    for path in sorted((CORPORA / f"adobe-commerce-kb-{lang}" / "help").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front) or {}
        if not meta.get("title"):
            continue
        body = re.sub(r"^\s*# .*\n", "", body, count=1)
        articles.append({"id": path.stem[:80], "title": str(meta["title"]),
                         "summary": str(meta.get("description") or meta["title"]), "body": body})
    return articles


def write_corpus_kb(articles: list[dict], lang: str, root: Path) -> None:
    import yaml

    shutil.rmtree(root, ignore_errors=True)
    config = {"site": {"name": "Corpus", "url": "https://example.com/", "language": lang, "languages": [lang]},
              "categories": {"kb": {"title": "KB"}}}
    (root / "content" / "kb").mkdir(parents=True)
    (root / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for a in articles:
        meta = {"title": a["title"], "summary": a["summary"][:200], "category": "kb", "owner": "@bench",
                "last_reviewed": "2026-10-01"}
        (root / "content" / "kb" / f"{a['id']}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + a["body"], encoding="utf-8")


def write_material_site(articles: list[dict], lang: str, root: Path, site: Path) -> None:
    import yaml

    shutil.rmtree(root, ignore_errors=True)
    (root / "docs" / "kb").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Corpus\n", encoding="utf-8")
    for a in articles:
        (root / "docs" / "kb" / f"{a['id']}.md").write_text(
            f"# {a['title']}\n\n{a['summary']}\n\n{a['body']}", encoding="utf-8")
    config = {"site_name": "Corpus", "docs_dir": "docs", "site_dir": str(site),
              "theme": {"name": "material", "language": lang, "font": False},
              "plugins": [{"search": {"lang": ["ja", "en"] if lang == "ja" else ["en"]}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], check=True,
                   stderr=subprocess.DEVNULL)


def known_item_query(title: str, lang: str, seed: str) -> str:
    if lang == "ja":
        words = re.findall(r"[\u4e00-\u9fff\u3005]+|[\u30a0-\u30ff]+|[A-Za-z0-9][A-Za-z0-9.+#-]*", title)
    else:
        words = [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9.+#'-]*", title) if w.lower() not in EN_STOP]
    words = [w for w in words if w.lower() not in PRODUCT_WORDS and len(w) > 1] or words
    rng = random.Random(seed)
    k = min(len(words), rng.choice([2, 3]))
    picked = sorted(rng.sample(range(len(words)), k))
    return " ".join(words[i] for i in picked)


def kbgen_ranks(browser, site: Path, queries: list[str]) -> list[list[str]]:
    server = Server(site)
    try:
        page = browser.new_page()
        page.goto(server.url)
        ranks = page.evaluate("""async (qs) => {
          const base = new URL('search-index/', location.href).href, out = [];
          for (const q of qs) {
            const found = await kbgenSearch.search([base], q, 5);
            out.push(found.results.map(d => d.url));
          }
          return out;
        }""", queries)
        page.close()
        return [[u.rstrip("/").split("/")[-1] for u in r] for r in ranks]
    finally:
        server.close()


def material_ranks(browser, site: Path, queries: list[str]) -> list[list[str]]:
    server = Server(site)
    try:
        page = browser.new_page()
        page.goto(server.url)
        box = page.locator(".md-search__input")
        box.focus()
        box.fill("x")
        page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent"
                               ".includes('Initializing') && !document.querySelector('.md-search-result__meta')"
                               ".textContent.includes('初期化')", timeout=120_000)
        out = []
        for q in queries:
            box.fill("")
            box.press_sequentially(q, delay=10)  # Material reacts to key events, not to fill()
            previous, stable = None, 0
            while stable < 2:  # Material answers from its worker: wait until the list stops changing
                page.wait_for_timeout(250)
                current = page.inner_html(".md-search-result")
                stable, previous = (stable + 1 if current == previous else 0), current
            hrefs = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")
            pages = []
            for h in hrefs:
                slug = h.split("#")[0].rstrip("/").split("/")[-1]
                if slug not in pages:
                    pages.append(slug)
            out.append(pages[:5])
        page.close()
        return out
    finally:
        server.close()


def quality(browser, out: Path) -> dict:
    figures = {}
    for lang in ("ja", "en"):
        articles = corpus_articles(lang)
        queries = [known_item_query(a["title"], lang, a["id"]) for a in articles]
        kb_root, kb_site = out / f"corpus-{lang}-kb", out / f"corpus-{lang}-kbgen"
        write_corpus_kb(articles, lang, kb_root)
        kbgen_build(kb_root, kb_site)
        material_site = out / f"corpus-{lang}-material"
        write_material_site(articles, lang, out / f"corpus-{lang}-mkdocs", material_site)
        figures[lang] = {"articles": len(articles), "examples": queries[:5]}
        for engine, ranks in (("kbgen", kbgen_ranks(browser, kb_site, queries)),
                              ("material", material_ranks(browser, material_site, queries))):
            ids = [a["id"] for a in articles]
            top1 = sum(1 for i, r in zip(ids, ranks, strict=True) if r[:1] == [i]) / len(ids)
            top5 = sum(1 for i, r in zip(ids, ranks, strict=True) if i in r[:5]) / len(ids)
            figures[lang][engine] = {"top1": round(top1, 3), "top5": round(top5, 3)}
        figures[lang]["material_index_bytes"] = (material_site / "search" / "search_index.json").stat().st_size
        figures[lang]["kbgen_index_bytes"] = sum(p.stat().st_size for p in (kb_site / "search-index").iterdir())
    return figures


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from tests.chromium import chromium_browser

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search-quality")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # MkDocs reads site_dir relative to its config file
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with chromium_browser() as browser:
        figures = quality(browser, args.out)
    print_report(figures)
    (args.out / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"({time.monotonic() - started:.0f}s; raw figures in {args.out / 'figures.json'})")
    return 0


def print_report(figures: dict) -> None:
    for lang, f in figures.items():
        print(f"known-item {lang} ({f['articles']} articles, e.g. {f['examples'][:3]}): "
              f"kbgen top-1 {f['kbgen']['top1']:.0%} top-5 {f['kbgen']['top5']:.0%} | "
              f"Material top-1 {f['material']['top1']:.0%} top-5 {f['material']['top5']:.0%} | "
              f"index kbgen {f['kbgen_index_bytes'] / 1000:.0f} KB in pieces vs "
              f"Material {f['material_index_bytes'] / 1000:.0f} KB in one file")


if __name__ == "__main__":
    sys.exit(main())
