"""The import report: one screen that says what was recognised, what came across, what was converted
and what needs a writer (file:line), then the next command."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from kbgen.adopt.convert import Unconverted

SHOWN_PER_KIND = 3


@dataclass
class ImportReport:
    generator: str
    evidence: str
    source_language: str
    languages: Counter[str] = field(default_factory=Counter)  # pages per language
    pages: int = 0
    articles: int = 0
    with_counterpart: int = 0  # pages that have a counterpart in another language
    images_copied: int = 0  # distinct files copied into the KB
    images_downloaded: int | None = None  # distinct remote images fetched (None: not asked to)
    skipped: list[str] = field(default_factory=list)
    converted: Counter[str] = field(default_factory=Counter)
    unconverted: list[tuple[str, Unconverted]] = field(default_factory=list)  # (page, what)
    dropped_keys: Counter[str] = field(default_factory=Counter)
    added_languages: list[str] = field(default_factory=list)
    added_categories: list[str] = field(default_factory=list)
    titles_made_distinct: list[str] = field(default_factory=list)



def write_report(stream: TextIO, report: ImportReport) -> None:
    write = stream.write
    write(f"recognised: {report.generator} ({report.evidence})\n")
    languages = ", ".join(f"{lang} {n}" for lang, n in report.languages.most_common())
    write(f"pages: {report.pages} ({languages}); source language {report.source_language} where a page has it\n")
    write(f"imported {report.articles} articles; {report.with_counterpart} pages paired with their "
          f"counterparts as <id>.<lang>.md\n")
    images = report.converted.get("image copied", 0)
    write(f"images and files: {images} references rewritten, {report.images_copied} files copied once each"
          f"{downloaded(report.images_downloaded)}\n")
    if report.added_languages or report.added_categories:
        added = [f"languages {', '.join(report.added_languages)}"] if report.added_languages else []
        added += [f"categories {', '.join(report.added_categories)} (titles to translate)"] * bool(
            report.added_categories)
        write(f"added to site_config.yml: {'; '.join(added)}\n")
    if report.skipped:
        write(f"skipped {len(report.skipped)} files: {', '.join(report.skipped[:SHOWN_PER_KIND])}"
              f"{' …' if len(report.skipped) > SHOWN_PER_KIND else ''}\n")
    write_converted(stream, Counter({k: n for k, n in report.converted.items() if k != "image copied"}))
    if report.dropped_keys:
        write(f"dropped {sum(report.dropped_keys.values())} layout-only front-matter keys: "
              + ", ".join(f"{k} ({n})" for k, n in report.dropped_keys.most_common(6))
              + (" …" if len(report.dropped_keys) > 6 else "") + "\n")
    if report.titles_made_distinct:
        write(f"titles made distinct by their folder: {len(report.titles_made_distinct)} "
              f"(e.g. {report.titles_made_distinct[0]})\n")
    write_needs_a_writer(stream, report.unconverted)


def downloaded(images: int | None) -> str:
    """The summary's words for --download-images (none without it)."""
    return "" if images is None else f" ({images} remote images downloaded)"


def write_converted(stream: TextIO, converted: Counter[str]) -> None:
    if converted:
        stream.write("converted: " + ", ".join(f"{n} {kind}" for kind, n in sorted(converted.items())) + "\n")


def write_needs_a_writer(stream: TextIO, unconverted: list[tuple[str, Unconverted]]) -> None:
    """The report's end, for every importer: what needs a writer (file:line, by kind), then what to run."""
    by_kind: dict[str, list[tuple[str, Unconverted]]] = {}
    for page, item in unconverted:
        by_kind.setdefault(item.kind, []).append((page, item))
    stream.write(f"needs a writer ({len(unconverted)}):\n" if unconverted else "nothing needs a writer\n")
    for kind, items in sorted(by_kind.items()):
        stream.write(f"  {len(items)} {kind} in {len({page for page, _ in items})} files\n")
        for page, item in items[:SHOWN_PER_KIND]:
            stream.write(f"    {page}:{item.line}: {item.text}\n")
    stream.write("next: kbgen check\n")
