"""The contact-form widget on real help sites it was not tuned on.

    python -m benchmarks.field_inquiries [--heldout] [--only NAME ...] [--out DIR] [--markdown]

--markdown replaces the field table in docs/search.md with this run's.

Sites marked `heldout: true` in the YAML are left out unless --heldout is given, and then only they
run (out dir benchmarks/out/field-inquiries-heldout): their messages were written blind, to be run
once, at the end of a tuning round, so they say whether the ranking tuned on the other sites
generalizes. Their figures are printed and kept in figures.json, never written to docs/search.md.

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


def selected_sites(sites: list[dict], heldout: bool, only: list[str] | None) -> list[dict]:
    """The held-out sites when ``heldout``, else the others; of those, the ones ``only`` names."""
    pool = [site for site in sites if bool(site.get("heldout")) == heldout]
    unknown = set(only or ()) - {site["name"] for site in pool}
    if unknown:
        kind = "held-out" if heldout else "tuning (not held-out)"
        raise SystemExit(f"{SITES.name}: no {kind} site {', '.join(sorted(unknown))}")
    return [site for site in pool if not only or site["name"] in only]


def field(browser, out: Path, sites: list[dict]) -> dict:
    return {site["name"]: site_figures(browser, site, out / site["name"]) for site in sites}


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
    parser.add_argument("--out", type=Path, help="default benchmarks/out/field-inquiries[-heldout]")
    written = parser.add_mutually_exclusive_group()
    written.add_argument("--markdown", action="store_true", help="Replace the field table in docs/search.md.")
    written.add_argument("--heldout", action="store_true", help="Run only the held-out sites (once, at the end).")
    args = parser.parse_args(argv)
    sites = selected_sites(yaml.safe_load(SITES.read_text(encoding="utf-8"))["sites"], args.heldout, args.only)
    out = args.out or REPO / "benchmarks" / "out" / ("field-inquiries-heldout" if args.heldout else "field-inquiries")
    return measure_and_report(out, lambda browser, out: field(browser, out, sites), print_report,
                              ("benchmarks.field_inquiries", markdown_table) if args.markdown else None)


if __name__ == "__main__":
    sys.exit(main())
