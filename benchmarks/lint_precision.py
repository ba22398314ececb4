"""How often each rule of `kbgen check` fires on real content, and how often it is right.

    python -m benchmarks.lint_precision [--keep DIR] [--only NAME ...] [--projects FILE] [--sample N]

Runs `kbgen check --format json` over every corpus at hand: the sample (content/), the two shared
corpora /work/shared/corpora/adobe-commerce-kb-{ja,en}/help, and the projects of
benchmarks/import_corpus.yml (issue 16) whose exports are in /tmp/corpus/<name>/ (skipped, with a
note, when absent). Each corpus but the sample is imported into a fresh `kbgen init` KB, with its
first language as the default, as a team adopting kbgen would. Prints, per rule, the findings per
100 articles of each corpus, and the precision of the hand check in benchmarks/lint_precision.yml:
true findings out of the checked ones that kbgen still reports (a finding the rules no longer make
is counted apart, as gone).

--sample N prints up to N findings per rule that the hand check has not judged yet, each with its
line, to judge and add to lint_precision.yml. --keep DIR keeps the imported KBs there (to read
them); a KB already there is checked again as it is, without importing (to measure a rule change).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
HAND_CHECK = REPO / "benchmarks" / "lint_precision.yml"
PROJECTS = REPO / "benchmarks" / "import_corpus.yml"
EXPORTS = Path("/tmp/corpus")
SHARED = Path("/work/shared/corpora")
TODAY = "2026-11-26"  # freshness is not what this measures: every imported article is reviewed today


@dataclass(frozen=True)
class Corpus:
    name: str
    source: Path | None  # None: the sample KB itself, checked in place


def corpora(projects_file: Path) -> tuple[list[Corpus], list[str]]:
    """The corpora at hand, and a note for each one that is not."""
    found = [Corpus("sample", None),
             Corpus("adobe-commerce-kb-ja", SHARED / "adobe-commerce-kb-ja" / "help"),
             Corpus("adobe-commerce-kb-en", SHARED / "adobe-commerce-kb-en" / "help")]
    notes = []
    if not projects_file.is_file():
        notes.append(f"{projects_file.relative_to(REPO) if projects_file.is_relative_to(REPO) else projects_file}"
                     " not here: the import corpus's projects are skipped")
        return found, notes
    for project in yaml.safe_load(projects_file.read_text(encoding="utf-8"))["projects"]:
        source = EXPORTS / project["name"] / project.get("docs_path", ".")
        if not source.is_dir():
            notes.append(f"{project['name']}: no export at {source}, skipped")
            continue
        found.append(Corpus(project["name"], source.resolve()))
    return found, notes


def kbgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kbgen", *args], capture_output=True, text=True)


def check(corpus: Corpus, work: Path) -> tuple[Path, dict]:
    """The KB's folder and `kbgen check`'s JSON report of it."""
    root = REPO
    if corpus.source is not None:
        root = work / corpus.name
        steps = [("init", str(root), "--today", TODAY),
                 ("import", "--root", str(root), str(corpus.source), "--owner", "@docs", "--reviewed-from", TODAY)]
        for args in steps if not (root / "site_config.yml").is_file() else ():
            done = kbgen(*args)
            if done.returncode != 0:
                raise SystemExit(f"{corpus.name}: kbgen {args[0]} failed:\n{done.stdout}{done.stderr}")
    done = kbgen("check", "--root", str(root), "--format", "json", "--today", TODAY)
    return root, json.loads(done.stdout)


def hand_check() -> list[dict]:
    if not HAND_CHECK.is_file():
        return []
    return yaml.safe_load(HAND_CHECK.read_text(encoding="utf-8")).get("checked") or []


def key(corpus: str, finding: dict) -> tuple:
    return corpus, finding["path"], finding["line"], finding["code"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="names of the corpora to run")
    parser.add_argument("--keep", type=Path, help="keep the imported KBs under this folder")
    parser.add_argument("--projects", type=Path, default=PROJECTS, help="the import corpus's project list")
    parser.add_argument("--sample", type=int, default=0, help="print up to N unjudged findings per rule")
    args = parser.parse_args()

    at_hand, notes = corpora(args.projects)
    at_hand = [c for c in at_hand if not args.only or c.name in args.only]
    work = args.keep or Path(tempfile.mkdtemp(prefix="kbgen-lint-precision-"))
    work.mkdir(parents=True, exist_ok=True)
    reports: dict[str, tuple[Path, dict]] = {}
    for corpus in at_hand:
        print(f"checking {corpus.name} …", file=sys.stderr)
        reports[corpus.name] = check(corpus, work)

    severity: dict[str, str] = {}
    counts: dict[str, Counter] = defaultdict(Counter)
    found: dict[tuple, dict] = {}
    for name, (_, report) in reports.items():
        for finding in report["findings"]:
            severity[finding["code"]] = finding["severity"]
            counts[finding["code"]][name] += 1
            found[key(name, finding)] = finding

    judged: dict[str, Counter] = defaultdict(Counter)
    judged_keys = set()
    for entry in hand_check():
        entry_key = (entry["corpus"], entry["path"], entry["line"], entry["code"])
        judged_keys.add(entry_key)
        if entry["corpus"] not in reports:
            continue
        state = ("true" if entry["verdict"] else "false") if entry_key in found else "gone"
        judged[entry["code"]][state] += 1

    names = list(reports)
    articles = {name: report["files_checked"] for name, (_, report) in reports.items()}
    print("findings per 100 articles (articles checked: "
          + ", ".join(f"{name} {articles[name]}" for name in names) + ")\n")
    print("| rule | severity | " + " | ".join(names) + " | findings | hand-checked | true | precision | gone |")
    print("| --- | --- | " + " | ".join("---:" for _ in names) + " | ---: | ---: | ---: | ---: | ---: |")
    for code in sorted(set(counts) | set(judged)):
        per_100 = [f"{100 * counts[code][name] / max(articles[name], 1):.1f}" if counts[code][name] else ""
                   for name in names]
        tally = judged[code]
        checked = tally["true"] + tally["false"]
        precision = f"{100 * tally['true'] / checked:.0f}%" if checked else ""
        totals = [sum(counts[code].values()), checked, tally["true"], precision, tally["gone"] or ""]
        print(f"| {code} | {severity.get(code, '')} | " + " | ".join(per_100 + [str(t) for t in totals]) + " |")
    for note in notes:
        print(f"\nnote: {note}")

    if args.sample:
        rng = random.Random(17)
        by_code: dict[str, list[tuple]] = defaultdict(list)
        for finding_key in found:
            if finding_key not in judged_keys:
                by_code[finding_key[3]].append(finding_key)
        for code, keys in sorted(by_code.items()):
            print(f"\n## {code}")
            for corpus, path, line, _ in rng.sample(keys, min(args.sample, len(keys))):
                finding = found[(corpus, path, line, code)]
                text = (reports[corpus][0] / path).read_text(encoding="utf-8", errors="replace").split("\n")
                at = text[line - 1] if line and line <= len(text) else ""
                print(f"- corpus: {corpus}\n  path: {path}\n  line: {line}\n  code: {code}\n"
                      f"  # {finding['message']}\n  # > {at[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
