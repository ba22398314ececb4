"""kbgen report: what a knowledge manager acts on, as text, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base
from kbgen.reports.kb_report import KbReport, build_report, load_votes

JSON_SCHEMA_VERSION = 1


def report(root: Path, today: date, days: int | None = None, feedback: Path | None = None, fmt: str = "text",
           stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    config = load_config(root)
    kb, _findings = load_knowledge_base(root, config)  # articles that do not load are `kbgen check`'s business
    votes = load_votes(feedback) if feedback else None
    data = build_report(kb, today, days, votes)
    {"text": write_text, "csv": write_csv, "json": write_json}[fmt](data, stream)
    return 0


def write_text(data: KbReport, stream: TextIO) -> None:
    out = stream.write
    out(f"Freshness on {data.today.isoformat()}: {len(data.articles)} published articles, "
        f"{len(data.overdue)} overdue, {len(data.due_soon)} due within {data.days} days\n")
    for heading, rows in (("Overdue", data.overdue), (f"Due within {data.days} days", data.due_soon)):
        out(f"\n{heading} ({len(rows)})\n")
        for a in rows:
            when = f"{-a.days_left}d late" if a.days_left < 0 else f"in {a.days_left}d"
            out(f"  {a.due.isoformat()}  {when:>9}  {a.owner:<24} {a.path}  {a.title}\n")
    out("\nBy owner\n")
    width = max([len(t.name) for t in data.owners] + [5])
    out(f"  {'owner':<{width}}  articles  overdue  due soon\n")
    for t in data.owners:
        out(f"  {t.name:<{width}}  {t.total:>8}  {t.overdue:>7}  {t.due_soon:>8}\n")
    if data.helpfulness is not None:
        flagged = [h for h in data.helpfulness if h.flagged]
        out(f"\nHelpfulness: {len(data.helpfulness)} articles with votes, {len(flagged)} under "
            f"{data.threshold:.0%} (least helpful first)\n")
        for h in data.helpfulness:
            mark = "!" if h.flagged else " "
            out(f"  {mark} {h.ratio:>4.0%}  {h.yes:>3} yes {h.no:>3} no  {h.id}  {h.title}\n")
            for comment in h.comments[:3]:
                out(f"          “{comment}”\n")
        if data.unknown_feedback_ids:
            out(f"  votes for ids not in the KB: {', '.join(data.unknown_feedback_ids)}\n")
    out(f"\nNear-duplicate questions ({len(data.duplicates)} groups)\n")
    for cluster in data.duplicates:
        out(f"  {cluster.similarity:.2f}  " + " | ".join(f"{i}: {t}" for i, t in cluster.articles) + "\n")


def write_csv(data: KbReport, stream: TextIO) -> None:
    """One row per published article (a spreadsheet sorts and pivots it): freshness, votes, duplicate group."""
    votes = {h.id: h for h in data.helpfulness or []}
    group = {i: n for n, c in enumerate(data.duplicates, start=1) for i, _ in c.articles}
    # The byte order mark makes Excel read the file as UTF-8: without it, Japanese Excel takes it for
    # Shift_JIS and every title turns to mojibake. Sheets, LibreOffice and pandas skip it.
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["id", "lang", "path", "title", "category", "owner", "last_reviewed", "due", "days_left",
                     "state", "yes", "no", "helpful", "flagged", "duplicate_group"])
    for a in data.articles:
        h = votes.get(a.id) if a.lang == data.language else None
        writer.writerow([a.id, a.lang, a.path, a.title, a.category, a.owner, a.last_reviewed.isoformat(),
                         a.due.isoformat(), a.days_left, a.state,
                         h.yes if h else "", h.no if h else "", f"{h.ratio:.2f}" if h else "",
                         ("yes" if h.flagged else "no") if h else "", group.get(a.id, "")])


def write_json(data: KbReport, stream: TextIO) -> None:
    document = {
        "version": JSON_SCHEMA_VERSION,
        "today": data.today.isoformat(),
        "due_within_days": data.days,
        "articles": [{**asdict(a), "last_reviewed": a.last_reviewed.isoformat(), "due": a.due.isoformat()}
                     for a in data.articles],
        "owners": [{"owner": t.name, "articles": t.total, "overdue": t.overdue, "due_soon": t.due_soon}
                   for t in data.owners],
        "helpfulness": None if data.helpfulness is None else {
            "threshold": data.threshold,
            "articles": [{"id": h.id, "title": h.title, "yes": h.yes, "no": h.no, "helpful": round(h.ratio, 3),
                          "flagged": h.flagged, "comments": list(h.comments)} for h in data.helpfulness],
            "unknown_ids": data.unknown_feedback_ids,
        },
        "near_duplicates": [{"similarity": c.similarity, "articles": [{"id": i, "title": t} for i, t in c.articles]}
                            for c in data.duplicates],
    }
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
