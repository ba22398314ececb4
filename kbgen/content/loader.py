"""Files on disk -> a KnowledgeBase. Never raises on content: a bad file becomes a finding."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kbgen.content.config import SiteConfig
from kbgen.content.model import ARTICLE_ID, Article, FrontMatter, KnowledgeBase, Snippet, SnippetFrontMatter
from kbgen.content.strict_yaml import YamlError, load_yaml
from kbgen.content.validation import model_keys, schema_problems
from kbgen.findings import Finding, Severity
from kbgen.workers import collector_paused, map_in_processes, work_slices, worth_forking

CONTENT_DIR = "content"
SNIPPETS_DIR = "_snippets"
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_LANG_SUFFIX = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

# Load problems, by code; their documentation lives with the KB1xx rules in kbgen.checks.
NO_FRONT_MATTER = "KB101"
MALFORMED_FRONT_MATTER = "KB102"
DUPLICATE_KEY = "KB103"
MISSING_FIELD = "KB104"
UNKNOWN_FIELD = "KB105"
INVALID_VALUE = "KB106"
DUPLICATE_ID = "KB107"
UNKNOWN_CATEGORY = "KB108"
NOT_UTF8 = "KB109"
MISPLACED_FILE = "KB111"


@dataclass(frozen=True)
class SplitDocument:
    front_matter: str
    body: str
    body_line: int


@collector_paused()  # every article loaded lives on
def load_knowledge_base(root: Path, config: SiteConfig, processes: int = 1,
                        parsed: ParsedFiles | None = None) -> tuple[KnowledgeBase, list[Finding]]:
    """Load every article and snippet under ``root/content``; return the KB and the load findings.

    With ``processes`` > 1 a large KB's files are read and validated in that many processes. A caller
    that loads the KB again after edits passes the same ``parsed`` each time: unchanged files are not
    parsed again.
    """
    findings: list[Finding] = []
    content = root / CONTENT_DIR
    if not content.is_dir():
        findings.append(_finding(MISPLACED_FILE, CONTENT_DIR, None, "content/ folder not found",
                                 "articles live in content/<category>/<id>.md"))
        return KnowledgeBase(root, config, (), {}, frozenset()), findings

    files = _files_inside(root, content, findings)
    markdown = [parts for parts in files if _is_markdown(parts[-1]) and "assets" not in parts[:-1]]

    def load(bounds: tuple[int, int]) -> list[tuple[Article | Snippet | None, list[Finding]]]:
        return [_load_file(root, parts, config, parsed) for parts in markdown[bounds[0]:bounds[1]]]

    if worth_forking(len(markdown), processes):
        # The workers' articles come back pickled.
        per_slice, _ = map_in_processes(load, work_slices(len(markdown), processes), processes)
        loaded = [item for part in per_slice for item in part]
    else:
        loaded = load((0, len(markdown)))

    articles: dict[tuple[str, str], Article] = {}
    snippets: dict[str, Snippet] = {}
    for item, file_findings in loaded:
        findings += file_findings
        if isinstance(item, Snippet):
            snippets[item.name] = item
        elif isinstance(item, Article):
            if item.key in articles:
                first_loaded = articles[item.key]
                findings.append(_finding(DUPLICATE_ID, item.path, item.line_of("id") if item.meta.id else 1,
                                         f"duplicate article id '{item.id}' ({item.lang}): also {first_loaded.path}",
                                         "ids must be unique across categories; rename one file or set `id:`"))
                continue
            articles[item.key] = item

    ordered = tuple(sorted(articles.values(), key=lambda a: (a.path, a.lang)))
    rel_files = frozenset(f"{CONTENT_DIR}/{'/'.join(parts)}" for parts in files)
    for article in ordered:
        if article.is_translation and (article.id, config.site.language) not in articles:
            if article.path.removesuffix(f".{article.lang}.md") + ".md" in rel_files:
                continue  # the source is there but did not load: its own findings say why
            findings.append(_finding(MISPLACED_FILE, article.path, None,
                                     f"translation without a source article: no {article.id}.md in this category",
                                     "a translation <id>.<lang>.md sits next to its source <id>.md"))
    return KnowledgeBase(root, config, ordered, snippets, rel_files), findings


def _is_markdown(name: str) -> bool:
    return name.endswith(".md") and len(name) > len(".md")  # as Path.suffix: '.md' alone is a hidden file


def _load_file(root: Path, parts: tuple[str, ...], config: SiteConfig,
               parsed: ParsedFiles | None) -> tuple[Article | Snippet | None, list[Finding]]:
    """One Markdown file under content/ (``parts`` of its path below it) and its load findings."""
    findings: list[Finding] = []
    rel = f"{CONTENT_DIR}/{'/'.join(parts)}"
    path = os.path.join(root, rel)  # a string: a Path per file was a tenth of reading 10,000 of them
    if parts[0] == SNIPPETS_DIR:
        return _load_snippet(path, rel, findings, parsed), findings
    if len(parts) != 2:
        findings.append(_finding(MISPLACED_FILE, rel, None, "article is not directly inside a category folder",
                                 "move it to content/<category>/<id>.md"))
        return None, findings
    return _load_article(path, rel, parts[0], config, findings, parsed), findings


def _files_inside(root: Path, content: Path, findings: list[Finding]) -> list[tuple[str, ...]]:
    """The files under content/, each as the parts of its path below it, sorted as paths sort.

    A symbolic link out of the KB is a finding, never read or published; linked folders are not entered.
    """
    inside = root.resolve()
    found: list[tuple[tuple[str, ...], bool]] = []  # (parts, is a link)
    folders = [(os.fspath(content), ())]
    while folders:
        folder, below = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, below + (entry.name,)))
                elif entry.is_file():
                    found.append((below + (entry.name,), entry.is_symlink()))
    files = []
    for parts, is_link in sorted(found):
        if is_link and not content.joinpath(*parts).resolve().is_relative_to(inside):
            findings.append(_finding(MISPLACED_FILE, f"{CONTENT_DIR}/{'/'.join(parts)}", None,
                                     "symbolic link to a file outside the knowledge base",
                                     "copy the file into content/ instead of linking to it"))
            continue
        files.append(parts)
    return files


def split_front_matter(text: str) -> SplitDocument | None:
    """Split ``---``-fenced front matter from the body; None when the text has no front matter."""
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        return None
    # The closing fence is searched for, not every line of the body split and joined again.
    closing = _CLOSING_FENCE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        raise YamlError("front matter is not closed: add a line with --- after it", 1, unclosed=True)
    front_matter = text[first_end + 1 : max(closing.start() - 1, first_end + 1)]
    body_line = text.count("\n", 0, closing.start()) + 2
    return SplitDocument(front_matter, text[closing.end() + 1:], body_line)


def read_text(path: str | Path, rel: str, findings: list[Finding]) -> str | None:
    try:
        data = _read_bytes(path)
    except OSError as exc:
        findings.append(_finding(NOT_UTF8, rel, None, f"cannot read file: {exc.strerror}", ""))
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # the "utf-8-sig" codec is Python code: 3x slower
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        findings.append(_finding(NOT_UTF8, rel, line, f"file is not UTF-8 (invalid byte at offset {exc.start})",
                                 "save the file as UTF-8 (Shift_JIS and EUC-JP are not supported)"))
        return None
    if "\x00" in text:
        findings.append(_finding(NOT_UTF8, rel, text[: text.index("\x00")].count("\n") + 1,
                                 "file contains a NUL byte: it looks binary", "only Markdown text belongs in content/"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_READ_SIZE = 1 << 16


def _read_bytes(path: str | Path) -> bytes:
    """A file's bytes, read without Python's buffered file object (a third of reading 10,000 articles)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        # A regular file reads short only at its end: an article (a few kB) takes one read and no
        # fstat, where each system call costs a few microseconds on a virtual machine.
        chunks = [os.read(fd, _READ_SIZE)]
        while len(chunks[-1]) == _READ_SIZE:
            chunks.append(os.read(fd, _READ_SIZE))
        return b"".join(chunks)
    finally:
        os.close(fd)


# What was parsed of each file, for a caller that loads the same KB again and again (`kbgen serve`, on
# every save): one entry per file, the latest, by a digest of its text (the body it keeps is the article's own).
ParsedFiles = dict[tuple[type[BaseModel], str], tuple[bytes, tuple | None, list[Finding]]]


def _parse(path: str, rel: str, schema: type[BaseModel], findings: list[Finding], parsed: ParsedFiles | None):
    """Read, split and validate one file; return (model, body, body_line, field_lines) or None."""
    text = read_text(path, rel, findings)
    if text is None:
        return None
    if parsed is None:
        return _parse_text(text, rel, schema, findings)
    digest = hashlib.blake2b(text.encode()).digest()
    known = parsed.get((schema, rel))
    if known is None or known[0] != digest:
        own: list[Finding] = []
        known = parsed[(schema, rel)] = (digest, _parse_text(text, rel, schema, own), own)
    findings += known[2]
    return known[1]


def _parse_text(text: str, rel: str, schema: type[BaseModel], findings: list[Finding]):
    try:
        doc = split_front_matter(text)
        if doc is None:
            findings.append(_finding(NO_FRONT_MATTER, rel, 1, "no front matter",
                                     "start the file with a --- block holding title, summary, category, "
                                     "owner and last_reviewed"))
            return None
        data, lines = load_yaml(doc.front_matter)
        lines = {key: line + 1 for key, line in lines.items()}  # YAML line 1 is file line 2
    except YamlError as exc:
        code = DUPLICATE_KEY if exc.duplicate_key else MALFORMED_FRONT_MATTER
        line = exc.line if exc.unclosed else exc.line + 1
        findings.append(_finding(code, rel, line, exc.message, exc.hint or "front matter is YAML between two --- lines",
                                 column=exc.column))
        return None
    if not isinstance(data, dict):
        findings.append(_finding(MALFORMED_FRONT_MATTER, rel, 2, "front matter is not a mapping of fields",
                                 "write one `field: value` per line"))
        return None
    field_lines = {str(k[0]): line for k, line in lines.items() if len(k) == 1}
    try:
        model = schema.model_validate(data)
    except ValidationError as exc:
        for problem in schema_problems(exc, lines, model_keys(schema), default_line=1):
            code = {"missing": MISSING_FIELD, "unknown": UNKNOWN_FIELD}.get(problem.kind, INVALID_VALUE)
            findings.append(_finding(code, rel, problem.line, problem.message, problem.hint))
        model = _without_fields_in_error(schema, data, exc)
        if model is None:
            return None
    return model, doc.body, doc.body_line, field_lines


def _without_fields_in_error(schema: type[BaseModel], data: dict, exc: ValidationError) -> BaseModel | None:
    """The model with the fields in error left at their defaults, when every one of them has one.

    Their errors are reported already; the rest of the file is then checked too, and links to the
    article resolve, instead of one wrong tag hiding its body's problems and breaking every link to it.
    """
    in_error = {error["loc"][0] for error in exc.errors() if error["loc"]}
    try:
        return schema.model_validate({key: value for key, value in data.items() if key not in in_error})
    except ValidationError:
        return None


def _load_article(path: str, rel: str, folder: str, config: SiteConfig, findings: list[Finding],
                  parsed: ParsedFiles | None) -> Article | None:
    stem = os.path.basename(path)[: -len(".md")]
    lang = config.site.language
    if "." in stem:
        stem, suffix = stem.rsplit(".", 1)
        if not _LANG_SUFFIX.match(suffix) or suffix not in config.site.languages:
            findings.append(_finding(MISPLACED_FILE, rel, None,
                                     f"'{suffix}' is not one of site.languages {config.site.languages}",
                                     "translations are named <id>.<lang>.md with a language from site_config.yml"))
            return None
        lang = suffix
    front = _parse(path, rel, FrontMatter, findings, parsed)
    if front is None:
        return None
    meta, body, body_line, field_lines = front
    article_id = meta.id or stem
    if not re.match(ARTICLE_ID, article_id):
        findings.append(_finding(INVALID_VALUE, rel, None, f"'{article_id}' cannot be an article id",
                                 "ids are ASCII letters, digits, - and _; rename the file or set `id:`"))
        return None
    if meta.category not in config.categories:
        known = ", ".join(config.categories)
        findings.append(_finding(UNKNOWN_CATEGORY, rel, field_lines.get("category"),
                                 f"unknown category '{meta.category}'", f"use one of: {known}"))
        return None
    if meta.category != folder:
        findings.append(_finding(UNKNOWN_CATEGORY, rel, field_lines.get("category"),
                                 f"category '{meta.category}' does not match the folder '{folder}'",
                                 f"move the file to content/{meta.category}/ or set category: {folder}"))
        return None
    return Article(article_id, lang, rel, meta, body, body_line, field_lines, lang != config.site.language)


def _load_snippet(path: str, rel: str, findings: list[Finding], parsed: ParsedFiles | None) -> Snippet | None:
    front = _parse(path, rel, SnippetFrontMatter, findings, parsed)
    if front is None:
        return None
    meta, body, body_line, _ = front
    name = Path(rel).relative_to(f"{CONTENT_DIR}/{SNIPPETS_DIR}").as_posix()
    return Snippet(name, rel, meta, body, body_line)


def _finding(code: str, path: str, line: int | None, message: str, hint: str, column: int | None = None) -> Finding:
    return Finding(code, Severity.ERROR, path, line, message, hint, column)
