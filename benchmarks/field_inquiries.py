"""The contact-form widget on real help sites it was not tuned on.

    python -m benchmarks.field_inquiries [--only NAME ...] [--out benchmarks/out/field-inquiries] [--markdown]

--markdown replaces the field table in docs/search.md with this run's.

benchmarks/search_quality.py scores the widget on one corpus, the one its support threshold was tuned
on. Here each site of benchmarks/field_inquiries.yml (a public help site pinned by commit) is exported
from its stored snapshot and imported into a fresh `kbgen init` KB as benchmarks/import_corpus.py does,
without kbgen init's sample articles and without any search setting of ours (no synonyms), then built;
its hand-written contact-form messages go through kbgenSearch.suggest() and kbgenSearch.search() in
Chromium, as in search_quality: widget success@1 and success@3 on the answerable messages, how often it
stays silent on the unanswerable ones, search success@1/@5 and MRR on the answerable ones, the search
page's list length, and every message the widget misses, with what it showed.

Needs the snapshots in /work/.mirror (fetch github:<repo> once); nothing goes to the network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from benchmarks.import_corpus import import_pinned
from benchmarks.search_quality import (
    WIDGET_SUGGESTIONS,
    kbgen_ranks,
    print_widget,
    scores,
    widget_misses,
    widget_scores,
    widget_table,
)
from benchmarks.search_site import REPO, TODAY, kbgen_build, measure_and_report

SITES = Path(__file__).resolve().parent / "field_inquiries.yml"


def site_kb(site: dict, work: Path) -> tuple[Path, set[str]]:
    """The site imported into work/kb, kbgen init's sample articles removed; its article ids."""
    imported = import_pinned(site, work, TODAY.isoformat())
    ids = set()
    for path in (imported.kb / "content").rglob("*.md"):
        article_id = path.name.split(".")[0]
        if article_id in imported.template_ids:
            path.unlink()
        else:
            ids.add(article_id)
    return imported.kb, ids


def site_figures(browser, site: dict, work: Path) -> dict:
    kb, ids = site_kb(site, work)
    messages = site["messages"]
    unknown = sorted({e for m in messages for e in m["expect"]} - ids)
    if unknown:
        raise SystemExit(f"{SITES.name}: no such {site['name']} article: {', '.join(unknown)}")
    kbgen_build(kb, work / "site")
    ranks, lengths, suggested = kbgen_ranks(browser, work / "site", [m["q"] for m in messages])
    answerable = [(m, r) for m, r in zip(messages, ranks, strict=True) if m["kind"] == "inquiry"]
    return {"source": f"{site['repo']}@{site['commit'][:7]}", "language": site["language"], "articles": len(ids),
            "messages": len(messages), "inquiry": scores(*map(list, zip(*answerable, strict=True))),
            "widget": widget_scores(messages, suggested, lengths)}


def field(browser, out: Path, only: list[str] | None) -> dict:
    sites = yaml.safe_load(SITES.read_text(encoding="utf-8"))["sites"]
    return {site["name"]: site_figures(browser, site, out / site["name"])
            for site in sites if not only or site["name"] in only}


def print_report(figures: dict) -> None:
    for name, f in figures.items():
        e = f["inquiry"]
        print(f"{name} ({f['source']}, {f['language']}): {f['messages']} messages over {f['articles']} articles")
        print(f"  search on the inquiries: success@1 {e['s1']:.3f}  success@5 {e['s5']:.3f}  MRR {e['mrr']:.3f}")
        print_widget(f["widget"])


def markdown_table(figures: dict) -> str:
    lines = ["| site | source | articles | inquiries | search success@1 | search success@5 | MRR |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, f in figures.items():
        e = f["inquiry"]
        lines.append(f"| {name} | {f['source']} | {f['articles']} | {f['widget']['inquiries']} | {e['s1']:.3f} "
                     f"| {e['s5']:.3f} | {e['mrr']:.3f} |")
    widgets = {name: f["widget"] for name, f in figures.items()}
    lines += ["", f"The contact-form widget (at most {WIDGET_SUGGESTIONS} suggestions, none when nothing answers), "
              "and the length of the search page's list:", "", *widget_table(widgets, "site"),
              "", "Inquiries the widget does not suggest first, unanswerable messages it does not stay silent on:", ""]
    return "\n".join(lines + widget_misses(widgets))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="names of sites to run")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "field-inquiries")
    parser.add_argument("--markdown", action="store_true", help="Replace the field table in docs/search.md.")
    args = parser.parse_args(argv)
    return measure_and_report(args.out, lambda browser, out: field(browser, out, args.only), print_report,
                              ("benchmarks.field_inquiries", markdown_table) if args.markdown else None)


if __name__ == "__main__":
    sys.exit(main())
