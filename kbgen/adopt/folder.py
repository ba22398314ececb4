"""kbgen import: adopt a folder of foreign Markdown into the current KB, keeping the text."""

from __future__ import annotations

import json
import os
import posixpath
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote

import yaml

from kbgen.adopt.convert import (
    NAVIGATION_FILES,
    Unconverted,
    convert_body,
    drop_missing_anchors,
    drop_title_heading,
    summary_from,
    title_from,
)
from kbgen.adopt.writer import Content, write_conversion_report, write_import
from kbgen.checks.links import heading_ids
from kbgen.content.article_id import ascii_id, unique_id
from kbgen.content.config import CONFIG_FILE
from kbgen.content.loader import CONTENT_DIR, split_front_matter
from kbgen.content.strict_yaml import YamlError
from kbgen.errors import KbgenError
from kbgen.git import last_commit_date, user_email

ROOT_CATEGORY = "general"
_SKIPPED_DIRS = {"node_modules", "site", "_site", "build", ".git"}


@dataclass
class Planned:
    source: Path
    rel: str  # posix path inside the imported folder
    category: str
    id: str
    target: str  # KB-relative path of the new article


def import_folder(root: Path, source: Path, category_from: str = "folder", owner: str | None = None,
                  reviewed_from: str = "git", force: bool = False, stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    source = source.resolve()
    if not source.is_dir():
        raise KbgenError(f"{source}: not a folder")
    owner = owner or user_email(root)
    if not owner:
        raise KbgenError("no owner for the imported articles: pass --owner @team (or set git config user.email)")
    fixed_date = _reviewed_date(reviewed_from)

    files, skipped = _markdown_files(source)
    if not files:
        raise KbgenError(f"{source}: no Markdown files to import")
    # An id already used by another category's article gets a suffix; the same path is an overwrite.
    existing = {p.name.split(".")[0]: p.parent.name for p in (root / CONTENT_DIR).glob("*/*.md")}
    used: set[str] = set()
    plans = []
    for path in files:
        rel = path.relative_to(source).as_posix()
        category = _category(rel, category_from)
        stem = path.stem if path.stem.lower() not in {"index", "readme"} else (path.parent.name or "home")
        wanted = ascii_id(stem) or "article"
        taken = used | {i for i, folder in existing.items() if folder != category}
        article_id = unique_id(wanted, taken)
        used.add(article_id)
        plans.append(Planned(path, rel, category, article_id, f"{CONTENT_DIR}/{category}/{article_id}.md"))
    by_source = {p.rel: p for p in plans}
    files: dict[str, Content] = {}  # written all at once when everything is converted
    unconverted: list[tuple[str, Unconverted]] = []
    converted: Counter[str] = Counter()
    dropped_keys: Counter[str] = Counter()
    articles: dict[str, tuple[list[str], str]] = {}  # target -> (front matter lines, body)
    for plan in plans:
        text = plan.source.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
        front_matter, body, body_line, problem = _split(text)
        if problem:
            unconverted.append((plan.rel, Unconverted(1, "front matter that is not YAML (ignored)", problem)))
        title = title_from(front_matter, body, plan.source.stem)
        conversion = convert_body(body, lambda target, plan=plan: _resolve(files, source, plan, target, by_source))
        converted.update(conversion.converted)
        unconverted.extend((plan.rel, replace(u, line=u.line + body_line - 1)) for u in conversion.unconverted)
        dropped_keys.update(k for k in front_matter if k not in {"title", "description", "summary", "tags"})
        reviewed = fixed_date or _file_date(plan.source, reviewed_from)
        meta = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"summary: {json.dumps(summary_from(front_matter, body, title), ensure_ascii=False)}",
            f"category: {plan.category}",
            f"owner: {json.dumps(owner, ensure_ascii=False)}",
            f"last_reviewed: {reviewed.isoformat()}",
        ]
        tags = front_matter.get("tags")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags) and tags:
            meta.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
        articles[plan.target] = (meta, drop_title_heading(conversion.body).strip("\n"))

    # Second pass, once every body is converted: anchors are checked against the pages they point at.
    for target, (meta, body) in articles.items():
        def ids_of(link: str, here: str = target) -> frozenset[str] | None:
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(here), link)) if link else here
            return heading_ids(articles[linked][1]) if linked in articles else None

        body, problems = drop_missing_anchors(body, ids_of)
        unconverted.extend((target, replace(p, line=p.line + len(meta) + 2)) for p in problems)  # file lines
        files[target] = "\n".join(meta) + "\n---\n\n" + body + "\n"

    added = write_import(root, files, force, categories={p.category: {} for p in plans})
    _write_summary(stream, plans, added, skipped, converted, unconverted, dropped_keys)
    return 0


def _reviewed_date(reviewed_from: str) -> date | None:
    if reviewed_from in {"git", "mtime"}:
        return None
    try:
        return date.fromisoformat(reviewed_from)
    except ValueError:
        raise KbgenError(f"--reviewed-from {reviewed_from}: expected git, mtime or a date YYYY-MM-DD") from None


def _file_date(path: Path, reviewed_from: str) -> date:
    """The last commit's date (``git``), else the file's modification time."""
    committed = last_commit_date(path) if reviewed_from == "git" else None
    return committed or datetime.fromtimestamp(path.stat().st_mtime).date()


def _markdown_files(source: Path) -> tuple[list[Path], list[str]]:
    files, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(filenames):
            if not name.lower().endswith(".md"):
                continue
            path = Path(dirpath) / name
            if name.lower() in NAVIGATION_FILES:
                skipped.append(path.relative_to(source).as_posix())
            else:
                files.append(path)
    return files, skipped


def _category(rel: str, category_from: str) -> str:
    folders = rel.split("/")[:-1]
    if not folders:
        return ROOT_CATEGORY
    folder = folders[0] if category_from == "top" else folders[-1]
    return ascii_id(folder) or ROOT_CATEGORY


def _split(text: str) -> tuple[dict, str, int, str | None]:
    """(front matter, body, the body's first line, problem). Foreign front matter is read leniently."""
    try:
        document = split_front_matter(text)
    except YamlError:
        return {}, text, 1, "front matter is not closed"
    if document is None:
        return {}, text, 1, None
    try:
        data = yaml.safe_load(document.front_matter)
    except yaml.YAMLError as exc:
        return {}, document.body, document.body_line, str(exc).split("\n")[0]
    return (data if isinstance(data, dict) else {}), document.body, document.body_line, None


def _resolve(files: dict[str, Content], source: Path, plan: Planned, target: str,
             by_source: dict[str, Planned]) -> str | None:
    """The new relative link for ``target`` as written in ``plan``'s file; a local image or file is
    added to the ``files`` to copy."""
    target = unquote(target)
    if target.startswith("/"):  # rooted at the site, e.g. /help/faq/x.md for a folder named help
        parts = target.strip("/").split("/")
        candidate = "/".join(parts[1:]) if parts and parts[0] == source.name else "/".join(parts)
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(plan.rel), target))
    here = posixpath.dirname(plan.target)
    stem, ext = posixpath.splitext(candidate.rstrip("/"))
    for page in ([stem + ".md", stem + "/index.md", stem + "/README.md"] if ext in {"", ".md", ".html"} else []):
        if page in by_source:
            return posixpath.relpath(by_source[page].target, here)
    file = source / candidate
    if ext not in {"", ".md", ".html"} and file.is_file() and not candidate.startswith(".."):
        files[f"{here}/assets/{file.name}"] = file
        return f"assets/{file.name}"
    return None


def _write_summary(stream: TextIO, plans: list[Planned], added: list[str], skipped: list[str],
                   converted: Counter[str], unconverted: list[tuple[str, Unconverted]],
                   dropped_keys: Counter[str]) -> None:
    categories = Counter(p.category for p in plans)
    stream.write(f"imported {len(plans)} files into {len(categories)} categories "
                 f"({', '.join(f'{c} {n}' for c, n in categories.items())})\n")
    if added:
        stream.write(f"added to {CONFIG_FILE}: categories {', '.join(added)} (titles to translate)\n")
    if skipped:
        stream.write(f"skipped navigation files: {', '.join(skipped)}\n")
    if dropped_keys:
        stream.write("front-matter keys dropped: "
                     + ", ".join(f"{k} ({n})" for k, n in sorted(dropped_keys.items())) + "\n")
    write_conversion_report(stream, converted, unconverted)
