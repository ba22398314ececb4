"""`kbgen import` on real docs projects: each project of benchmarks/import_corpus.yml goes into a fresh
`kbgen init` KB, which is then checked and built.

    python -m benchmarks.import_corpus [--only NAME ...] [--keep DIR]

Per project it prints: pages; translations paired out of pages with a counterpart (pairs are counted in
the KB as written: articles whose id exists in more than one language); images resolved out of images
referenced (local files, the project's own repository URLs included; files missing from the stored
snapshot are shown apart, they are not the importer's to find); links left unresolved and anchors lost
(links that now go to the top of the page), from the import report; errors from `kbgen check`; whether
`kbgen build` succeeded. Targets: 0 errors, build ok, >= 95% images, >= 95% pairs, and a project's own
`targets:` (at most so many unresolved links or lost anchors: the links its pages get wrong themselves).

Projects come from the stored snapshots (/work/.mirror/<owner>+<name>/repo, fetched once); the pinned
commit is exported to a scratch folder. Snapshots lack blobs of 4 MiB and more; those are listed.
"""

from __future__ import annotations

import argparse
import io
import json
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from kbgen.adopt.convert import ANCHOR_LOST, MISSING_IMAGE, UNRESOLVED_LINK
from kbgen.adopt.folder import import_project
from kbgen.adopt.report import ImportReport, write_report
from kbgen.content.config import load_config
from kbgen.content.loader import load_knowledge_base

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "benchmarks" / "import_corpus.yml"
MIRROR = Path("/work/.mirror")
KBGEN = [sys.executable, "-m", "kbgen"]
SYMLINK_MODE = b"120000"  # git's mode of a symlink, whose blob is the path it points to


def export(repo: str, commit: str, docs_path: str, dest: Path) -> list[str]:
    """The pinned commit's files under ``dest``; the paths the snapshot lacks."""
    git_dir = MIRROR / repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        raise SystemExit(f"{repo}: no snapshot at {git_dir} (fetch github:{repo} first)")
    dest.mkdir(parents=True, exist_ok=True)
    spec = [] if docs_path in (".", "") else [docs_path]
    git = ["git", f"--git-dir={git_dir}"]
    archive = subprocess.run([*git, "archive", commit, *spec], capture_output=True)
    if archive.returncode == 0:
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        return []
    absent = []
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit, *spec], capture_output=True, check=True)
    for entry in filter(None, listing.stdout.split(b"\0")):
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob":
            continue
        blob = subprocess.run([*git, "cat-file", "blob", sha], capture_output=True)
        if blob.returncode:
            absent.append(path.decode())
            continue
        out = dest / path.decode()
        out.parent.mkdir(parents=True, exist_ok=True)
        if mode == SYMLINK_MODE:  # as `git archive` would: the project's symlinks are part of it
            out.symlink_to(blob.stdout.decode())
        else:
            out.write_bytes(blob.stdout)
    return absent


@dataclass
class Imported:
    kb: Path
    report: ImportReport
    absent: list[str]  # paths of the pinned commit the snapshot lacks
    template_ids: set[str]  # `kbgen init`'s own sample articles, not the project's
    seconds: float  # the import alone


def import_pinned(project: dict, work: Path, today: str) -> Imported:
    """The project's pinned commit exported under ``work`` and imported into a fresh `kbgen init` KB,
    work/kb, whose default language is the project's ``language`` (ja when it names none)."""
    shutil.rmtree(work, ignore_errors=True)
    source_root = work / "src"
    absent = export(project["repo"], project["commit"], project["docs_path"], source_root)
    source = source_root if project["docs_path"] in (".", "") else source_root / project["docs_path"]
    kb = work / "kb"
    subprocess.run([*KBGEN, "init", str(kb), "--today", today, "--language", project.get("language", "ja")],
                   check=True, capture_output=True)
    template_ids = {p.name.split(".")[0] for p in (kb / "content").rglob("*.md")}
    started = time.perf_counter()
    report = import_project(kb, source, owner="@docs", reviewed_from=today)
    return Imported(kb, report, absent, template_ids, time.perf_counter() - started)


def measure(project: dict, work: Path) -> dict:
    today = date.today().isoformat()
    imported = import_pinned(project, work, today)
    kb, report = imported.kb, imported.report
    text = io.StringIO()
    write_report(text, report)
    (work / "import-report.txt").write_text(text.getvalue(), encoding="utf-8")

    check = subprocess.run([*KBGEN, "check", "--root", str(kb), "--format", "json", "--today", today],
                           capture_output=True, text=True)
    findings = json.loads(check.stdout)
    errors = Counter(f["code"] for f in findings["findings"] if f["severity"] == "error")
    build = subprocess.run([*KBGEN, "build", "--root", str(kb), "--out", str(work / "site"), "--today", today],
                           capture_output=True, text=True)

    config = load_config(kb)
    loaded, _ = load_knowledge_base(kb, config)
    articles = [a for a in loaded.articles if a.id not in imported.template_ids]
    languages_of = Counter(a.id for a in articles)
    paired = sum(1 for a in articles if languages_of[a.id] > 1)

    absent_names = {posixpath.basename(p).lower() for p in imported.absent}
    missing = [u for _, u in report.unconverted if u.kind == MISSING_IMAGE]
    absent_refs = [u for u in missing if posixpath.basename(u.text.split("?")[0]).lower() in absent_names]
    resolved = report.converted.get("image copied", 0)
    referenced = resolved + len(missing) - len(absent_refs)
    kinds = Counter(u.kind for _, u in report.unconverted)
    return {
        "name": project["name"], "generator": report.generator, "pages": report.pages,
        "unresolved": kinds[UNRESOLVED_LINK], "anchors_lost": kinds[ANCHOR_LOST],
        "paired": paired, "with_counterpart": report.with_counterpart,
        "images": resolved, "referenced": referenced, "absent": len(absent_refs),
        "remote": sum(1 for _, u in report.unconverted if u.kind.startswith("remote image")),
        "errors": sum(errors.values()), "error_codes": dict(errors), "build": build.returncode == 0,
        "seconds": imported.seconds, "build_output": build.stdout[-2000:] + build.stderr[-2000:],
    }


def within_targets(row: dict, targets: dict) -> bool:
    return (row["errors"] == 0 and row["build"]
            and (not row["referenced"] or row["images"] / row["referenced"] >= 0.95)
            and (not row["with_counterpart"] or row["paired"] / row["with_counterpart"] >= 0.95)
            and row["unresolved"] <= targets.get("unresolved_links", row["unresolved"])
            and row["anchors_lost"] <= targets.get("anchors_lost", row["anchors_lost"]))


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="names of projects to run")
    parser.add_argument("--keep", type=Path, help="keep each project's export, KB and site under this folder")
    args = parser.parse_args()
    projects = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["projects"]
    projects = [p for p in projects if not args.only or p["name"] in args.only]
    header = (f"{'project':28} {'generator':32} {'pages':>5} {'paired':>13} {'images':>15} {'absent':>6} "
              f"{'remote':>6} {'links':>5} {'anchors':>7} {'errors':>6} {'build':>5}")
    print(header)
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for project in projects:
            work = (args.keep or Path(scratch)) / project["name"]
            row = measure(project, work)
            ok = within_targets(row, project.get("targets") or {})
            failures += not ok
            print(f"{row['name']:28} {row['generator'][:32]:32} {row['pages']:5} "
                  f"{row['paired']:4}/{row['with_counterpart']:<4}{percent(row['paired'], row['with_counterpart'])}"
                  f" {row['images']:4}/{row['referenced']:<4}{percent(row['images'], row['referenced'])}"
                  f" {row['absent']:6} {row['remote']:6} {row['unresolved']:5} {row['anchors_lost']:7}"
                  f" {row['errors']:6} {'ok' if row['build'] else 'FAIL':>5}"
                  f"{'' if ok else '  <- below target'}")
            if row["errors"]:
                print(f"    errors by code: {row['error_codes']}")
            if not row["build"]:
                print("    " + row["build_output"].strip().replace("\n", "\n    ")[-600:])
    print(f"{len(projects) - failures} of {len(projects)} projects meet every target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
