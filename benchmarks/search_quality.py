"""Known-item search quality of kbgen's search against Material's built-in search on the same content.

    python -m benchmarks.search_quality [--out benchmarks/out/search-quality] [--engines kbgen,material] [--markdown]
                                        [--heldout] [--pad N]

--markdown replaces the quality table in docs/search.md with this run's.

Every article of /work/shared/corpora/adobe-commerce-kb-{ja,en} is built twice from the same title,
summary (front matter description) and body: with kbgen, and with plain MkDocs + Material 9 and its
search plugin (lang ja+en for Japanese, en for English). The queries are benchmarks/search_queries.yml:
written by hand the way merchants type (phrases, single words, width/kana/okurigana variants,
synonyms, typos, sentences with extra words), each with the article ids that answer it. The query
file's synonym groups go into the kbgen site's site_config.yml, as a support team would configure
them; Material has no such setting.

kbgen is asked through the same kbgenSearch.search() its search box uses (deterministic: the index
and the ranking are). Material is driven through its own search box in the browser (its web worker
runs lunr.js with lunr-languages over search_index.json), reading the result pages in the order
Material lists them. success@k: an expected article among the first k distinct pages; MRR: mean of
1/rank of the first expected article within the first 10 (0 when not there).

The search box's short queries (phrase, word, variant, synonym, typo, extra-word) are scored apart
from the contact-form messages (issue 19): `inquiry` (answerable) and `none` (unanswerable). For
kbgen, the contact-form widget (assets/kbgen-deflect.js) is scored too, through the kbgenSearch.suggest()
it calls: at most WIDGET_SUGGESTIONS results of the same search that answer, nothing when none does;
success@1 and success@3 on the inquiries, and how often it stays silent on the unanswerable ones.
And the search page's list, uncapped: how long it is, on average, for answerable and for
unanswerable queries (it should end where the answers end).

Contact-form messages marked `heldout: true` are left out of all of that: they are a check on ranking
changes made with the others in view. --heldout scores them (kbgen only), as rows of their own.

--pad N adds N synthetic articles (benchmarks.synthetic_kb) to each corpus, in the other language (the
Japanese ones without their Latin words and digits), so that they share next to no word with the
messages: the index grows, and with it every score (a word's IDF does), but no answer changes. The
widget's figures should hardly move.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.search_site import REPO, Server, kbgen_build, measure_and_report

CORPORA = Path("/work/shared/corpora")
QUERIES = Path(__file__).resolve().parent / "search_queries.yml"
DEPTH = 10  # results read per query: success@1, success@5 and MRR@10 come from them
WIDGET_SUGGESTIONS = 3  # as many as kbgen-deflect.js shows
CONTACT_FORM_KINDS = ("inquiry", "none")
ID_LENGTH = 80  # article ids are file names cut to this length


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
        articles.append({"id": path.stem[:ID_LENGTH], "title": str(meta["title"]),
                         "summary": str(meta.get("description") or meta["title"]), "body": body})
    return articles


def padding(lang: str, articles: int, out: Path) -> list[dict]:
    """``articles`` synthetic articles in the language other than ``lang``, as corpus_articles() gives them."""
    import yaml

    from benchmarks.synthetic_kb import generate_kb

    root = out / "padding"
    if not (root / "content").is_dir():
        generate_kb(root, articles, translated=1.0)
    pattern = "*.en.md" if lang == "ja" else "*[0-9].md"
    found = []
    for path in sorted((root / "content").rglob(pattern)):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        article = {"id": "padding-" + path.name.split(".")[0], "title": str(meta["title"]),
                   "summary": str(meta["summary"]), "body": body}
        if lang == "en":  # API, CSV, dates: words and numbers the English messages have
            article = {key: value if key == "id" else re.sub(r"[A-Za-z0-9]+", " ", value)
                       for key, value in article.items()}
        found.append(article)
    return found


def load_queries() -> dict:
    import yaml

    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    for lang in ("ja", "en"):
        for query in data[lang]:
            query["expect"] = [e[:ID_LENGTH] for e in query["expect"]]
    return data


def write_corpus_kb(articles: list[dict], lang: str, root: Path, synonyms: list[list[str]]) -> None:
    import yaml

    shutil.rmtree(root, ignore_errors=True)
    config = {"site": {"name": "Corpus", "url": "https://example.com/", "language": lang, "languages": [lang]},
              "categories": {"kb": {"title": "KB"}}, "search": {"synonyms": synonyms}}
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


def kbgen_ranks(browser, site: Path, queries: list[str]) -> tuple[list[list[str]], list[int], list[list[str]]]:
    """The first DEPTH results of each query, the length of its whole (uncapped) result list, and what
    the contact-form widget suggests for it."""
    server = Server(site)
    try:
        page = browser.new_page()
        page.goto(server.url)
        found = page.evaluate("""async ({qs, depth, widget}) => {
          const base = new URL('search-index/', location.href).href, out = [];
          const meta = await fetch(base + 'meta.json').then(r => r.json());
          for (const q of qs) {
            const found = await kbgenSearch.search([base], q, meta.documents);
            const suggested = await kbgenSearch.suggest([base], q, widget);
            out.push([found.results.slice(0, depth).map(d => d.url), found.results.length,
                      suggested.results.map(d => d.url)]);
          }
          return out;
        }""", {"qs": queries, "depth": DEPTH, "widget": WIDGET_SUGGESTIONS})
        page.close()
        # An FAQ page's section (page/#heading) is its page's answer.
        slugs = [[[u.split("#")[0].rstrip("/").split("/")[-1] for u in r] for r in (ranked, suggested)]
                 for ranked, _, suggested in found]
        return [r for r, _ in slugs], [length for _, length, _ in found], [s for _, s in slugs]
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
            box.press("End")  # characters without a key (kana, kanji) are inserted without a keyup Material sees
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
            out.append(pages[:DEPTH])
        page.close()
        return out
    finally:
        server.close()


def widget_scores(queries: list[dict], suggested: list[list[str]], lengths: list[int], halves: bool = True) -> dict:
    """The contact-form widget on the inquiries and unanswerable messages; the search page's list lengths.
    And the same on each half of them (alternate entries): a change tuned on one half must hold on the other."""
    if halves:
        messages = [(q, r, n) for q, r, n in zip(queries, suggested, lengths, strict=True)
                    if q["kind"] in CONTACT_FORM_KINDS]
        halves_figures = [widget_scores(*map(list, zip(*messages[half::2], strict=True)), halves=False)
                          for half in (0, 1)]
    inquiries = [(q, r) for q, r in zip(queries, suggested, strict=True) if q["kind"] == "inquiry"]
    silent = [not r for q, r in zip(queries, suggested, strict=True) if q["kind"] == "none"]
    firsts = [next((k for k, page in enumerate(shown, 1) if page in q["expect"]), None) for q, shown in inquiries]
    answerable = [n for q, n in zip(queries, lengths, strict=True) if q["kind"] != "none"]
    unanswerable = [n for q, n in zip(queries, lengths, strict=True) if q["kind"] == "none"]
    return {"inquiries": len(inquiries), "s1": round(sum(f == 1 for f in firsts) / len(inquiries), 3),
            "s3": round(sum(f is not None for f in firsts) / len(inquiries), 3),
            "silent": round(sum(silent) / len(silent), 3), "unanswerable": len(silent),
            **({"halves": [{key: h[key] for key in ("s1", "s3", "silent")} for h in halves_figures]} if halves else {}),
            "list_answerable": round(sum(answerable) / len(answerable), 1),
            "list_unanswerable": round(sum(unanswerable) / len(unanswerable), 1),
            "misses": [{"q": q["q"], "rank": f, "shown": shown} for (q, shown), f in zip(inquiries, firsts, strict=True)
                       if f != 1],
            "not_silent": [{"q": q["q"], "shown": r, "listed": n}
                           for q, r, n in zip(queries, suggested, lengths, strict=True) if q["kind"] == "none" and r]}


def by_audience(queries: list[dict], ranks: list[list[str]]) -> dict:
    """Search box figures for the short queries and for the answerable contact-form messages, apart."""
    short = [(q, r) for q, r in zip(queries, ranks, strict=True) if q["kind"] not in CONTACT_FORM_KINDS]
    inquiries = [(q, r) for q, r in zip(queries, ranks, strict=True) if q["kind"] == "inquiry"]
    return {"short": scores(*map(list, zip(*short, strict=True))),
            "inquiry": scores(*map(list, zip(*inquiries, strict=True)))}


def scores(queries: list[dict], ranks: list[list[str]]) -> dict:
    firsts = []
    for query, ranked in zip(queries, ranks, strict=True):
        firsts.append(next((k for k, page in enumerate(ranked, 1) if page in query["expect"]), None))
    n = len(queries)
    by_kind: dict[str, list[int]] = {}
    for query, first in zip(queries, firsts, strict=True):
        by_kind.setdefault(query["kind"], []).append(1 if first and first <= 5 else 0)
    return {"s1": round(sum(1 for f in firsts if f == 1) / n, 3),
            "s5": round(sum(1 for f in firsts if f and f <= 5) / n, 3),
            "mrr": round(sum(1 / f for f in firsts if f) / n, 3),
            "s5_by_kind": {kind: f"{sum(hits)}/{len(hits)}" for kind, hits in by_kind.items()},
            "misses": [{"q": q["q"], "kind": q["kind"], "rank": f, "top3": r[:3]}
                       for q, f, r in zip(queries, firsts, ranks, strict=True) if not f or f > 1]}


def quality(browser, out: Path, engines: list[str], heldout: bool = False, pad: int = 0) -> dict:
    query_set = load_queries()
    figures = {}
    if pad:
        shutil.rmtree(out / "padding", ignore_errors=True)
    for lang in ("ja", "en"):
        articles = corpus_articles(lang)
        ids = {a["id"] for a in articles}
        articles += padding(lang, pad, out) if pad else []
        unknown = sorted({e for q in query_set[lang] for e in q["expect"]} - ids)
        if unknown:
            raise SystemExit(f"{QUERIES.name}: no such {lang} article: {', '.join(unknown)}")
        queries = [q for q in query_set[lang] if not q.get("heldout")]
        held = [q for q in query_set[lang] if q.get("heldout")] if heldout else []
        figures[lang] = {"articles": len(articles), "queries": len(queries)}
        if "kbgen" in engines:
            kb_root, kb_site = out / f"corpus-{lang}-kb", out / f"corpus-{lang}-kbgen"
            write_corpus_kb(articles, lang, kb_root, query_set["synonyms"])
            kbgen_build(kb_root, kb_site)
            ranks, lengths, suggested = kbgen_ranks(browser, kb_site, [q["q"] for q in queries + held])
            n = len(queries)
            figures[lang]["kbgen"] = by_audience(queries, ranks[:n])
            figures[lang]["widget"] = widget_scores(queries, suggested[:n], lengths[:n])
            if held:
                answerable = [(q, r) for q, r in zip(held, ranks[n:], strict=True) if q["kind"] == "inquiry"]
                figures[lang]["heldout"] = {"inquiry": scores(*map(list, zip(*answerable, strict=True))),
                                            "widget": widget_scores(held, suggested[n:], lengths[n:])}
        if "material" in engines:
            material_site = out / f"corpus-{lang}-material"
            write_material_site(articles, lang, out / f"corpus-{lang}-mkdocs", material_site)
            figures[lang]["material"] = by_audience(queries, material_ranks(browser, material_site,
                                                                            [q["q"] for q in queries]))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "search-quality")
    parser.add_argument("--engines", default="kbgen,material", help="comma-separated: kbgen, material")
    parser.add_argument("--markdown", action="store_true", help="Replace the table in docs/search.md.")
    parser.add_argument("--heldout", action="store_true", help="Score the held-out contact-form messages too.")
    parser.add_argument("--pad", type=int, default=0, metavar="N", help="Add N unrelated synthetic articles.")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    return measure_and_report(args.out, lambda browser, out: quality(browser, out, engines, args.heldout, args.pad),
                              print_report,
                              ("benchmarks.search_quality", markdown_table) if args.markdown else None)


def markdown_table(figures: dict) -> str:
    lines = ["| language | queries | engine | success@1 | success@5 | MRR | success@5 by kind |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for lang, f in figures.items():
        for audience in ("short", "inquiry"):
            for engine in ("kbgen", "material"):
                if engine in f:
                    e = f[engine][audience]
                    kinds = ", ".join(f"{kind} {hits}" for kind, hits in e["s5_by_kind"].items())
                    lines.append(f"| {lang} | {audience} | {engine} | {e['s1']:.3f} | {e['s5']:.3f} | {e['mrr']:.3f} "
                                 f"| {kinds} |")
        if "heldout" in f:
            e = f["heldout"]["inquiry"]
            lines.append(f"| {lang} | inquiry, held out | kbgen | {e['s1']:.3f} | {e['s5']:.3f} | {e['mrr']:.3f} "
                         f"| inquiry {e['s5_by_kind']['inquiry']} |")
    widgets = widget_rows(figures)
    lines += ["", f"The contact-form widget (at most {WIDGET_SUGGESTIONS} suggestions, none when nothing answers), "
              "and the length of the search page's list:", "", *widget_table(widgets, "language")]
    lines += ["", "kbgen's misses: short queries with no answer in the first 10, inquiries the widget does not "
              "suggest in its top 3, unanswerable messages it does not stay silent on:", ""]
    for lang, f in figures.items():
        if "kbgen" in f:
            lines += [f"- {lang}, {m['kind']}: {m['q']}" for m in f["kbgen"]["short"]["misses"] if not m["rank"]]
    return "\n".join(lines + widget_misses(widgets))


def widget_table(widgets: dict, rows_are: str) -> list[str]:
    """A Markdown table of the widget's figures, a row per label of ``widgets`` (its column named ``rows_are``)."""
    lines = [f"| {rows_are} | success@1 | success@3 | silent on unanswerable | list length, answerable | "
             "list length, unanswerable |", "| --- | --- | --- | --- | --- | --- |"]
    for label, w in widgets.items():
        lines.append(f"| {label} | {w['s1']:.3f} | {w['s3']:.3f} of {w['inquiries']} | {w['silent']:.3f} of "
                     f"{w['unanswerable']} | {w['list_answerable']} | {w['list_unanswerable']} |")
    return lines


def widget_misses(widgets: dict) -> list[str]:
    """Markdown items: each inquiry the widget does not suggest first, each unanswerable one it is not silent on."""
    lines = []
    for label, w in widgets.items():
        lines += [f"- {label}, widget: {m['q']} ({_miss(m)})" for m in w["misses"]]
        lines += [f"- {label}, not silent: {m['q']} -> {', '.join(m['shown'])}" for m in w["not_silent"]]
    return lines


def _miss(miss: dict) -> str:
    if miss["rank"]:
        return f"rank {miss['rank']}"
    return "not among the 3 shown" if miss["shown"] else "nothing shown"


def widget_rows(figures: dict) -> dict:
    """The widget's figures by row label: each language, then each language's held-out messages."""
    rows = {lang: f["widget"] for lang, f in figures.items() if "widget" in f}
    rows.update({f"{lang}, held out": f["heldout"]["widget"] for lang, f in figures.items() if "heldout" in f})
    return rows


def print_report(figures: dict) -> None:
    for lang, f in figures.items():
        print(f"{lang}: {f['queries']} queries over {f['articles']} articles")
        for audience in ("short", "inquiry"):
            for engine in ("kbgen", "material"):
                if engine in f:
                    e = f[engine][audience]
                    kinds = " ".join(f"{kind} {hits}" for kind, hits in e["s5_by_kind"].items())
                    print(f"  {audience:7} {engine:8} success@1 {e['s1']:.3f}  success@5 {e['s5']:.3f}"
                          f"  MRR {e['mrr']:.3f}   (@5 by kind: {kinds})")
        if "widget" in f:
            print_widget(f["widget"])
        if "heldout" in f:
            e = f["heldout"]["inquiry"]
            print(f"  held out: inquiry kbgen success@1 {e['s1']:.3f}  success@5 {e['s5']:.3f}  MRR {e['mrr']:.3f}")
            print_widget(f["heldout"]["widget"])


def print_widget(w: dict) -> None:
    print(f"  widget (top {WIDGET_SUGGESTIONS}): success@1 {w['s1']:.3f}  success@3 {w['s3']:.3f} on {w['inquiries']}"
          f" inquiries; silent on {w['silent']:.3f} of {w['unanswerable']} unanswerable")
    print("  widget on alternate halves of the messages: " + "; ".join(
        f"success@1 {h['s1']:.3f} success@3 {h['s3']:.3f} silent {h['silent']:.3f}" for h in w["halves"]))
    print(f"  search page list length (uncapped): answerable {w['list_answerable']}"
          f"  unanswerable {w['list_unanswerable']}")
    for miss in w["misses"]:
        print(f"    miss (rank {miss['rank'] or '-'}): {miss['q'][:70]} -> {', '.join(miss['shown']) or 'nothing'}")
    for loud in w["not_silent"]:
        print(f"    not silent ({loud['listed']} listed): {loud['q'][:70]} -> {', '.join(loud['shown'])}")


if __name__ == "__main__":
    sys.exit(main())
