"""kbgen import: adopt a docs project (or a folder of Markdown) into the current KB, keeping the text.

The project's generator says where its pages are and in which language (kbgen.adopt.generators); a page
and its counterparts in other languages become `<id>.md` (the KB's default language when there is one)
and `<id>.<lang>.md`; the files they use are copied once (kbgen.adopt.files). The articles, the copies and
the site_config.yml edits are written in one go by kbgen.adopt.writer, so a failed import changes nothing.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import quote, unquote

import yaml

from kbgen.adopt.convert import (
    NAVIGATION_FILES,
    Dialect,
    OneFolderOff,
    Unconverted,
    convert_body,
    drop_missing_anchors,
    drop_title_heading,
    remote_images,
    summary_from,
    title_from,
)
from kbgen.adopt.download import Downloads, download_images
from kbgen.adopt.files import ProjectFiles, inside, is_remote, unwrap
from kbgen.adopt.generators import (
    OBSIDIAN,
    PAGE_SUFFIXES,
    SKIPPED_DIRS,
    Project,
    Tree,
    guess_language,
    names_a_file,
    recognise,
)
from kbgen.adopt.mdx import inline_imports
from kbgen.adopt.obsidian import Vault
from kbgen.adopt.report import ImportReport, write_report
from kbgen.adopt.writer import refuse_overwrites, write_import
from kbgen.checks.links import heading_ids
from kbgen.checks.similarity import folded
from kbgen.content.article_id import ascii_id, unique_id
from kbgen.content.config import load_config
from kbgen.content.loader import CONTENT_DIR, split_front_matter
from kbgen.content.strict_yaml import YamlError
from kbgen.errors import KbgenError
from kbgen.git import last_commit_date, user_email

ROOT_CATEGORY = "general"
# Front matter that only shapes another generator's page layout: a home page made of these is no article.
_HOME_LAYOUTS = {"home", "hero", "landing", "splash", "homepage"}
_KEPT_KEYS = {"title", "description", "summary", "tags"}
_TEMPLATES = {"Jekyll": "Liquid", "GitBook": "Nunjucks", "Hugo": "Go template", "VuePress 1": "Vue",
              "VuePress 2": "Vue", "VitePress": "Vue"}
_VERSION = re.compile(r"^(?:v?\d+(?:[._-]\d+|[._-][x*])*|versions?|latest|next|current)$", re.I)
_COMPONENTS = {"Docusaurus", "VuePress 1", "VuePress 2", "VitePress"}
_NUMBERED = re.compile(r"^\d+[._ -]+(?=\D)")  # 1.install, 10-roles: an order, not part of the name


@dataclass
class Page:
    path: Path
    tree: Tree
    rel: str  # posix path inside its tree
    lang: str
    key: str  # the same for a page and its counterparts: rel without language suffix and extension
    front_matter: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problem: str | None = None
    title: str = ""
    target: str = ""  # KB path of the article written for it

    shown: str = ""  # the page's path inside the project, as its writer knows it


def import_folder(root: Path, source: Path, category_from: str = "folder", owner: str | None = None,
                  reviewed_from: str = "git", force: bool = False, stream: TextIO | None = None,
                  download: bool = False) -> int:
    report = import_project(root, source, category_from, owner, reviewed_from, force, download)
    write_report(stream or sys.stdout, report)
    return 0


def import_project(root: Path, source: Path, category_from: str = "folder", owner: str | None = None,
                   reviewed_from: str = "git", force: bool = False, download: bool = False) -> ImportReport:
    """Import ``source``; with ``download``, the images its pages load from other hosts come along."""
    config = load_config(root)
    root, source = root.resolve(), source.resolve()
    if not source.is_dir():
        raise KbgenError(f"{source}: not a folder")
    if source == root or root in source.parents:
        raise KbgenError(f"{source}: is inside this KB; import from a folder outside it")
    owner = owner or user_email(root)
    if not owner:
        raise KbgenError("no owner for the imported articles: pass --owner @team (or set git config user.email)")
    fixed_date = _reviewed_date(reviewed_from)
    project = recognise(source)
    report = ImportReport(project.generator, project.evidence, source_language=config.site.language)

    pages = _pages(project, source, report)
    if not pages:
        raise KbgenError(f"{source}: no Markdown pages to import ({project.generator}, {project.evidence})")
    groups = _groups(pages, config.site.language, project.default_lang)
    report.languages = Counter(p.lang for p in pages)
    report.pages = len(pages)
    report.with_counterpart = sum(len(group) for group in groups.values() if len(group) > 1)
    _plan_targets(root, groups, category_from, project, report)
    refuse_overwrites(root, [p.target for p in pages], force)  # before converting anything

    files = ProjectFiles(project, root)
    vault = Vault(project.root) if project.generator == OBSIDIAN else None
    report.added_languages = sorted({p.lang for p in pages} - set(config.site.languages),
                                    key=list(report.languages).index)
    with tempfile.TemporaryDirectory(prefix="kbgen-images-") as fetched:  # until the writer has copied them
        downloads = None
        if download:
            urls = [url for page in pages
                    for url in remote_images(_body(page, project)[0], _dialect(project, page, vault))]
            downloads = download_images(urls, Path(fetched))
            report.images_downloaded = len(downloads.files)
        categories = {p.target.split("/")[1]: {} for p in pages}  # in page order, as site_config.yml will list them
        # URLs of the KB's pages: no alias of an imported page may take one (KB307)
        taken = set(config.categories) | set(categories) | {_page_url(p) for p in pages}
        articles = _articles(project, groups, files, vault, owner, fixed_date, reviewed_from, report, downloads,
                             taken)
        report.images_copied = len(files.copies)
        report.added_categories = write_import(root, {**articles, **files.copies}, force, categories=categories,
                                               languages=report.added_languages)
    return report


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


# --- Reading the project -----------------------------------------------------------------------------

def _pages(project: Project, source: Path, report: ImportReport) -> list[Page]:
    """Every page of every tree under ``source``, with its language and key; navigation files,
    layout-only home pages and symlinks to imported pages are set aside (and counted). Symlinked folders
    are not entered: their pages are imported once, from where they are (_page_at finds them through the
    link), and nothing outside the project is read."""
    # A vault's notes are all notes (its Glossary.md too): Obsidian has no navigation files.
    navigation = set() if project.generator == OBSIDIAN else NAVIGATION_FILES | {"langs.md", "glossary.md"}
    files = [(tree, path) for tree in project.trees for path in _page_files(project, tree, source)]
    files.sort(key=lambda found: found[1].is_symlink())  # a page read through a symlink comes last
    pages: dict[tuple[str, str], Page] = {}
    guessed: dict[Path, str] = {}  # a tree's language, read from its text when nothing says
    for tree, path in files:
        rel = path.relative_to(tree.root).as_posix()
        if path.is_symlink():
            real = path.resolve()
            same = next((p for p in pages.values() if p.path == real), None)
            if same is not None or not inside(path, project.root):
                to = f"to {same.shown}" if same else "out of the project"
                report.skipped.append(f"{_shown(path, project.root)} (symlink {to})")
                continue
        if path.name.lower() in navigation or path.parent == project.root and path.name.lower() in {
                "contributing.md", "license.md", "changelog.md", "code_of_conduct.md"}:
            report.skipped.append(f"{rel} (navigation or project file)")
            continue
        stem = path.name[: -len(path.suffix)]
        lang = tree.lang or project.default_lang
        if "." in stem and stem.rsplit(".", 1)[1].lower() in project.suffix_langs:
            stem, suffix = stem.rsplit(".", 1)
            lang = suffix.lower()
        if lang is None:
            if tree.root not in guessed:
                guessed[tree.root] = guess_language(_sample_text(tree.root))
            lang = guessed[tree.root]
        folder = posixpath.dirname(rel)
        key = posixpath.join(folder, "index" if stem.lower() in project.index_names else stem)
        page = _read_page(Page(path, tree, rel, lang, key, shown=_shown(path, project.root)))
        why = _set_aside(page)
        if why:
            report.skipped.append(f"{page.shown} ({why})")
            continue
        if (key, lang) in pages:
            report.skipped.append(f"{page.shown} (same page as {pages[key, lang].shown})")
            continue
        pages[key, lang] = page
    return list(pages.values())


def _page_files(project: Project, tree: Tree, source: Path) -> Iterator[Path]:
    """The page files of ``tree`` under ``source``, in folder order; sub-trees and skipped folders left out."""
    tree_roots = {t.root for t in project.trees}
    for dirpath, dirnames, filenames in os.walk(tree.root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS
                             and here / d not in tree.exclude and here / d not in tree_roots)
        for name in sorted(filenames):
            path = here / name
            if path.suffix.lower() in PAGE_SUFFIXES and (path == source or source in path.parents):
                yield path


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _sample_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")[:2000]
                     for p in sorted(root.rglob("*.md"))[:20])


def _read_page(page: Page) -> Page:
    text = page.path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    page.front_matter, page.body, page.body_line, page.problem = _split(text)
    return page


def _split(text: str) -> tuple[dict, str, int, str | None]:
    """(front matter, body, the body's first line, problem). Foreign front matter is read leniently."""
    if text.startswith("+++\n"):  # Hugo's TOML front matter
        end = text.find("\n+++", 4)
        if end > 0:
            values = dict(re.findall(r"""^(\w+)\s*=\s*["']([^"'\n]*)["']""", text[4:end], re.M))
            return values, text[end + 4:].lstrip("\n"), text[: end + 4].count("\n") + 2, None
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


def _set_aside(page: Page) -> str | None:
    """Why a page is no article: a home page made of layout (hero, features), or an empty file."""
    front = page.front_matter
    layout = str(front.get("layout") or front.get("template") or front.get("pageType") or "").lower()
    if front.get("home") is True or layout in _HOME_LAYOUTS or "hero" in front:
        return "home page made of layout only"
    return None if page.body.strip() or front.get("title") else "empty page"


def _groups(pages: list[Page], kb_language: str, default: str | None) -> dict[str, dict[str, Page]]:
    """Pages by key, the source language first: the KB's default when the page has it, else the project's."""
    groups: dict[str, dict[str, Page]] = defaultdict(dict)
    for page in pages:
        groups[page.key][page.lang] = page
    for key, group in groups.items():
        first = next((lang for lang in (kb_language, default) if lang in group), next(iter(group)))
        groups[key] = {first: group[first], **{lang: p for lang, p in group.items() if lang != first}}
    return dict(groups)


def _plan_targets(root: Path, groups: dict[str, dict[str, Page]], category_from: str, project: Project,
                  report: ImportReport) -> None:
    """The KB path of each page: content/<category>/<id>.md for the source, <id>.<lang>.md for the others;
    the titles, made distinct within a language the way a writer would (by the folder)."""
    existing = {p.name.split(".")[0]: p.parent.name for p in (root / CONTENT_DIR).glob("*/*.md")}
    used: set[str] = set()
    pages_under = Counter(posixpath.dirname(key)[: i] for key in groups
                          for i, c in enumerate(posixpath.dirname(key) + "/") if c == "/")
    for key, group in groups.items():
        category = _category(key, category_from, pages_under)
        source = next(iter(group.values()))
        for page in group.values():
            page.title = title_from(page.front_matter, page.body, _name(page.key) or project.root.name)
        # A Japanese file name has no ASCII id: where the page was published (`permalink: links`) or a
        # counterpart's title may give one. A tree's own index is the site's home page, whatever the
        # folder it was copied to is called.
        names = [posixpath.basename(path) for p in group.values() for path in _published_paths(p, project)]
        names += [p.title for p in group.values()]
        wanted = ascii_id(_id_name(key) or "home") or next((i for i in map(ascii_id, names) if i), "article")
        taken = used | {i for i, folder in existing.items() if folder != category}
        article_id = unique_id(wanted, taken)
        used.add(article_id)
        for lang, page in group.items():
            suffix = "" if page is source else f".{lang}"
            page.target = f"{CONTENT_DIR}/{category}/{article_id}{suffix}.md"
    by_title: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for group in groups.values():
        for page in group.values():
            by_title[page.lang, " ".join(folded(page.title).split())].append(page)
    for same in by_title.values():
        if len(same) > 1:
            for page, label in zip(same, _distinguishing_folders(same), strict=True):
                if label:
                    page.title = f"{page.title}（{label}）" if page.lang == "ja" else f"{page.title} ({label})"
            report.titles_made_distinct.append(" / ".join(p.title for p in same))


def _name(key: str) -> str:
    parts = key.split("/")
    name = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    return _NUMBERED.sub("", "" if name == "index" else name)


def _id_name(key: str) -> str:
    """The name an id starts from: a version folder's page is named with its topic too (rip-afk-v2-0)."""
    name = _name(key)
    if not _VERSION.match(name):
        return name
    topic = [f for f in key.split("/")[:-1] if not _VERSION.match(f)]
    return f"{topic[-1]}-{name}" if topic else name


def _distinguishing_folders(pages: list[Page]) -> list[str]:
    """For pages with one title: the nearest folder whose names tell them apart (v1.0 / v2.0)."""
    folders = [[_NUMBERED.sub("", f) for f in p.key.split("/")[:-1]] for p in pages]
    for depth in range(1, max(len(f) for f in folders) + 1):
        labels = [f[-depth] if len(f) >= depth else "" for f in folders]
        if len({folded(label) for label in labels}) == len(labels):  # as KB401 compares the titles
            return labels
    # else the file names tell them apart, or the nearest folders and the file names together
    paths = [[_NUMBERED.sub("", part) for part in p.key.split("/") if part != "index"] for p in pages]
    for depth in range(1, max(1, *(len(path) for path in paths)) + 1):
        labels = ["/".join(path[-depth:]) or p.tree.root.name for path, p in zip(paths, pages, strict=True)]
        if len({folded(label) for label in labels}) == len(labels):
            break
    return labels


def _category(key: str, category_from: str, pages_under: Counter[str]) -> str:
    """The page's topic folder (its own, or the top one); version folders (v1.0, versions) are no topic,
    nor is the folder of a page that is a folder of its own (feature/dnd/index.md + its images)."""
    folders = key.split("/")[:-1]
    if folders and key.endswith("/index") and pages_under[posixpath.dirname(key)] == 1:
        folders = folders[:-1]
    folders = [f for f in folders if not _VERSION.match(f)]
    if not folders:
        return ROOT_CATEGORY
    folder = folders[0] if category_from == "top" else folders[-1]
    return ascii_id(_NUMBERED.sub("", folder)) or ROOT_CATEGORY


# --- Writing -----------------------------------------------------------------------------------------

def _body(page: Page, project: Project) -> tuple[str, int]:
    """The page's body with its MDX imports inlined, and how many it had."""
    return inline_imports(page.body, page.path, project.root)


def _dialect(project: Project, page: Page, vault: Vault | None) -> Dialect:
    return Dialect(frozenset(project.admonitions), _TEMPLATES.get(project.generator, "Template"),
                   project.generator in _COMPONENTS, page.front_matter,
                   vault_path=None if vault is None else lambda name: _vault_path(vault, name, page))


def _vault_path(vault: Vault, name: str, page: Page) -> str | None:
    """The file an Obsidian link in ``page`` names, as a link from the page's folder."""
    found = vault.find(name)
    return None if found is None else quote(Path(os.path.relpath(found, page.path.parent)).as_posix())


def _articles(project: Project, groups: dict[str, dict[str, Page]], files: ProjectFiles, vault: Vault | None,
              owner: str, fixed_date: date | None, reviewed_from: str, report: ImportReport,
              downloads: Downloads | None, taken: set[str]) -> dict[str, str]:
    """Each page's article text by its KB path; the files the pages use (``downloads`` among them) are
    added to ``files``. ``taken``: URLs no alias may have (they grow by each alias given)."""
    by_key = {key: next(iter(group.values())) for key, group in groups.items()}
    by_file = {page.path: by_key[page.key] for group in groups.values() for page in group.values()}
    # A site-rooted link may also name a page by where the generator published it, or by its file from
    # the project's root (Jekyll's {% link _articles/x.md %}).
    by_link = {**{path: by_key[page.key] for group in groups.values() for page in group.values()
                  for path in [*_published_paths(page, project), _project_path(page, project)]}, **by_key}
    articles: dict[str, tuple[list[str], str, Page]] = {}
    for group in groups.values():
        for page in group.values():
            if page.problem:
                report.unconverted.append((page.shown, Unconverted(1, "front matter that is not YAML (ignored)",
                                                                   page.problem)))
            body, imports = _body(page, project)
            if imports:
                report.converted["MDX import read (partials inlined)"] += imports
            conversion = convert_body(body, lambda target, page=page: _resolve(
                target, page, project, files, by_link, by_file, downloads), _dialect(project, page, vault))
            report.converted.update(conversion.converted)
            report.unconverted.extend((page.shown, replace(u, line=u.line + page.body_line - 1))
                                      for u in (downloads.explained(conversion.unconverted) if downloads
                                                else conversion.unconverted))
            report.dropped_keys.update(k for k in page.front_matter if k not in _KEPT_KEYS)
            reviewed = fixed_date or _file_date(page.path, reviewed_from)
            summary = summary_from(page.front_matter, conversion.body, page.title)
            meta = [
                "---",
                f"title: {json.dumps(page.title, ensure_ascii=False)}",
                f"summary: {json.dumps(summary, ensure_ascii=False)}",
                f"category: {page.target.split('/')[1]}",
                f"owner: {json.dumps(owner, ensure_ascii=False)}",
                f"last_reviewed: {reviewed.isoformat()}",
            ]
            tags = page.front_matter.get("tags")
            if isinstance(tags, list) and tags and all(isinstance(t, str) for t in tags):
                meta.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
            published = [path for path in _published_paths(page, project) if path not in taken]
            taken.update(published)
            if published:  # links to the old site, from mail and from the product, keep working
                meta.append(f"aliases: {json.dumps(published, ensure_ascii=False)}")
            body = drop_title_heading(conversion.body).strip("\n")
            articles[page.target] = (meta, body or page.title, page)
    report.articles = len(articles)

    # Second pass, once every body is converted: anchors are checked against the version of the page
    # in the same language (the one a reader of that language is shown).
    by_lang = {(posixpath.dirname(t) + "/" + os.path.basename(t).split(".")[0], p.lang): b
               for t, (_, b, p) in articles.items()}
    texts: dict[str, str] = {}
    for target, (meta, body, page) in articles.items():
        def ids_of(link: str, here: str = target, lang: str = page.lang) -> frozenset[str] | None:
            if not link:
                return heading_ids(articles[here][1])
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(here), link))
            text = by_lang.get((linked.removesuffix(".md"), lang))
            return heading_ids(text) if text is not None else None

        body, problems = drop_missing_anchors(body, ids_of)
        report.unconverted.extend((target, replace(p, line=p.line + len(meta) + 2)) for p in problems)  # file lines
        texts[target] = "\n".join(meta) + "\n---\n\n" + body + "\n"
    return texts


def _project_path(page: Page, project: Project) -> str:
    """The page's file from the project's root, without its extension: _articles/account/reset."""
    return posixpath.splitext(Path(os.path.relpath(page.path, project.root)).as_posix())[0]


def _page_url(page: Page) -> str:
    """The article's URL path in the KB: content/account/reset.en.md is account/reset."""
    category, name = page.target.split("/")[1:3]
    return f"{category}/{name.split('.')[0]}"


_PERMALINK_PLACEHOLDER = re.compile(r":(collection|path|name|title|output_ext)\b")


def _published_paths(page: Page, project: Project) -> list[str]:
    """Where the generator published ``page`` besides its file's path, as _linked_page() reads a
    site-rooted link (no slashes around, no .html): its own `permalink:` (Obsidian Publish's is
    site-rooted without the slash), its collection's permalink pattern (`/article/:name/`) and the old
    addresses it redirects from (`redirect_from:`)."""
    stem = posixpath.splitext(page.rel)[0]
    values = {"collection": page.tree.root.name.lstrip("_"), "path": stem, "name": posixpath.basename(stem),
              "title": posixpath.basename(stem), "output_ext": ""}
    own, old = page.front_matter.get("permalink"), page.front_matter.get("redirect_from")
    if isinstance(own, str) and project.generator == OBSIDIAN:
        own = "/" + own.lstrip("/")
    addresses = [own if isinstance(own, str) else page.tree.permalink,
                 *([old] if isinstance(old, str) else old if isinstance(old, list) else [])]
    paths = []
    for address in addresses:
        if isinstance(address, str) and address.startswith("/"):
            path = _PERMALINK_PLACEHOLDER.sub(lambda m: values[m.group(1)], address)
            path = path.strip("/").removesuffix(".html").removesuffix("/index")
            if path and ":" not in path:  # a placeholder of dates or categories: not worked out
                paths.append(path)
    return paths


def _resolve(target: str, page: Page, project: Project, files: ProjectFiles, by_link: dict[str, Page],
             by_file: dict[Path, Page], downloads: Downloads | None) -> str | None:
    """The new relative link for ``target`` as written in ``page``: another imported page (its source
    file: kbgen shows the reader's language), or the KB copy of a file the page uses or downloaded."""
    here = posixpath.dirname(page.target)
    target = unwrap(target)
    linked = _page_file(target, page, by_file) or _linked_page(target, page, project, by_link, by_file)
    if linked is not None:
        return posixpath.relpath(linked.target, here)
    found = files.find(target, page.path, page.tree.root, page.key) or (downloads and downloads.file(target))
    if found is not None and found.suffix.lower() not in PAGE_SUFFIXES:
        return posixpath.relpath(files.copy(found, here), here)
    nearby = _page_a_folder_off(target, page, by_file)
    return None if nearby is None else OneFolderOff(posixpath.relpath(nearby.target, here))


def _page_file(target: str, page: Page, by_file: dict[Path, Page]) -> Page | None:
    """The imported page a relative link names by its file (`./ja/1.install.md`, `guide/`)."""
    if is_remote(target) or target.startswith("/"):
        return None
    return _page_at(page.path.parent / unquote(target.split("?")[0]), by_file)


def _page_at(path: Path, by_file: dict[Path, Page]) -> Page | None:
    """The imported page at ``path`` (its file, or its folder's index), also through a symlinked folder
    (kagi/company -> common/company) inside the project: by_file has no path through one."""
    path = Path(os.path.normpath(path))  # `..` as the browser reads it, before any symlink
    names = [path, *(path.with_name(path.name + s) for s in PAGE_SUFFIXES),
             *(path / f"{n}{s}" for n in ("index", "README", "_index") for s in PAGE_SUFFIXES)]
    found = next((by_file[p] for p in names if p in by_file), None)
    if found is None:
        found = next((by_file[real] for p in names if names_a_file(p) and (real := p.resolve()) in by_file), None)
    return found


def _page_a_folder_off(target: str, page: Page, by_file: dict[Path, Page]) -> Page | None:
    """The page a relative link that names no file means when its path, taken from a folder above the
    page's, names one (`../guide/x.md` written in faq/topic/ for faq/../guide/x.md): the nearest."""
    if is_remote(target) or target.startswith(("/", "#")) or \
            posixpath.splitext(target.split("?")[0])[1].lower() not in {"", ".html", *PAGE_SUFFIXES}:
        return None
    path = unquote(target.split("?")[0].split("#")[0])
    root = page.tree.root
    folders = [f for f in page.path.parent.parents if f == root or root in f.parents]
    return next((found for folder in folders if (found := _page_at(folder / path, by_file))), None)


def _linked_page(target: str, page: Page, project: Project, by_link: dict[str, Page],
                 by_file: dict[Path, Page]) -> Page | None:
    """The imported page a link names by its key or, site-rooted, by where it was published (by_link),
    or by its file through a symlinked folder."""
    if is_remote(target):
        return None
    path = unquote(target.split("?")[0])
    stem, ext = posixpath.splitext(path.rstrip("/"))
    if ext.lower() not in {"", ".html", *PAGE_SUFFIXES}:
        return None
    if path.startswith("/"):
        base = project.base.rstrip("/")
        served = stem[len(base):] if base and stem.startswith(base + "/") else stem
        parts = served.strip("/").split("/")
        if parts and parts[0] in {t.root.name for t in project.trees if t.lang}:
            parts = parts[1:]  # /ja/guide/x: the locale prefix of the URL
        candidate = "/".join(parts)
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), stem))
    if candidate.rsplit(".", 1)[-1] in project.suffix_langs:
        candidate = candidate.rsplit(".", 1)[0]
    name = posixpath.basename(candidate).lower()
    if name in project.index_names:
        candidate = posixpath.join(posixpath.dirname(candidate), "index")
    for key in (candidate, posixpath.join(candidate, "index") if candidate not in {"", "."} else "index"):
        if key in by_link:
            return by_link[key]
    return _page_at(page.tree.root / candidate, by_file) if path.startswith("/") else None
