"""Images and downloads of an imported project: where a reference points, and one copy of each file.

A page may name a file relatively, from the site root (served from `public/`, `static/`…, under the
site's base URL), through a generator helper (`$withBase()`, `useBaseUrl()`, `@site/`, `pathname://`;
kbgen.adopt.convert undoes `{{ site.baseurl }}`), or by a raw URL of the project's own repository.
Some generators rewrite paths with a plugin; as a last resort a file of that name is looked up in the
project, nearest to the page's path.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from kbgen.adopt.generators import PAGE_SUFFIXES, Project, names_a_file

_HELPER = re.compile(
    r"""^(?:\$withBase|withBase|useBaseUrl|require)\(\s*['"`]([^'"`]+)['"`]\s*\)$""")
_REPOSITORY_URL = re.compile(r"^https?://(?:raw\.githubusercontent\.com/[^/]+/[^/]+/[^/]+"
                             r"|github\.com/[^/]+/[^/]+/(?:raw|blob)/[^/]+)/([^?#]+)")
_NOT_FILES = {"node_modules", ".git"}


def unwrap(target: str) -> str:
    """The path inside a generator helper (`$withBase('/a.png')` -> /a.png), else the target itself."""
    target = target.strip()
    match = _HELPER.match(target)
    if match:
        target = match.group(1)
    if target.startswith("pathname://"):
        target = target[len("pathname://"):]
    return target


def is_remote(target: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.I)) and not target.startswith("@site/")


class ProjectFiles:
    """Finds the files a project's pages reference, and gives each one KB path for its one copy."""

    def __init__(self, project: Project, kb_root: Path):
        self.project = project
        self.kb_root = kb_root
        self.copies: dict[str, Path] = {}  # KB path -> the project file to copy there (the writer copies it)
        self._by_digest: dict[str, str] = {}  # content hash -> KB path of its one copy
        self._by_name: dict[str, list[Path]] | None = None

    def find(self, target: str, page: Path, tree_root: Path, key: str) -> Path | None:
        """The project file ``target`` (as written in ``page``) names, or None."""
        target = unwrap(target)
        repository = _REPOSITORY_URL.match(target)
        if repository:
            parts = unquote(repository.group(1)).split("/")
            roots = [self.project.root / "/".join(parts[i:]) for i in range(len(parts))]
            return next((p for p in roots if names_a_file(p)), None)
        if is_remote(target):
            return None
        path = unquote(target.split("#")[0].split("?")[0])
        if not path or path.endswith("/"):
            return None
        candidates: list[Path] = []
        if path.startswith("@site/"):
            candidates.append(self.project.root / path[len("@site/"):])
        elif path.startswith("/"):
            served = path
            base = self.project.base.rstrip("/")
            if base and (path + "/").startswith(base + "/"):
                served = path[len(base):]
            for rel in dict.fromkeys((served.lstrip("/"), path.lstrip("/"))):
                candidates += [root / rel for root in [*self.project.asset_roots, tree_root, self.project.root]]
        else:
            here = posixpath.relpath(page.parent.as_posix(), tree_root.as_posix())
            joined = posixpath.normpath(posixpath.join(here, path))
            candidates.append(page.parent / path)
            # Above the tree's root: the path was written for the rendered URL (a page of /ja/), not the file.
            candidates.append(tree_root / re.sub(r"^(?:\.\./)+", "", joined))
            if page.stem.lower() not in {"index", "readme", "_index"}:  # rendered at page/ (directory URLs)
                candidates.append(page.parent / page.stem / path)
        for candidate in candidates:
            if names_a_file(candidate) and inside(candidate, self.project.root):
                return candidate
        return self._nearest_by_name(posixpath.basename(path), key)

    def _nearest_by_name(self, name: str, key: str) -> Path | None:
        """A file of that name somewhere in the project (a plugin moved it), nearest to the page's path;
        None when two are equally near."""
        if not name or posixpath.splitext(name)[1].lower() in PAGE_SUFFIXES + ("",):
            return None
        if self._by_name is None:
            self._by_name = {}
            for file in project_files(self.project.root):
                self._by_name.setdefault(file.name.lower(), []).append(file)
        found = self._by_name.get(name.lower(), [])
        if len(found) <= 1:
            return found[0] if found else None
        wanted = {_fold(p) for p in key.split("/")[:-1]}
        scored = sorted(((len(wanted & {_fold(p) for p in f.parts}), f) for f in found), reverse=True)
        return scored[0][1] if scored[0][0] > scored[1][0] else None

    def copy(self, file: Path, folder: str) -> str:
        """The KB path of ``file``'s one copy, under ``folder``/assets/; the first use adds it to ``copies``."""
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        if digest in self._by_digest:
            return self._by_digest[digest]
        name = re.sub(r"[^\w.-]+", "-", file.name)
        wanted = f"{folder}/assets/{name}"
        stem, ext = posixpath.splitext(name)
        prefixes = [re.sub(r"[^\w-]+", "-", p) for p in reversed(file.parent.parts[-3:])]
        for prefix in prefixes:
            if not self._clashes(wanted, digest):
                break
            stem = f"{prefix}-{stem}"
            wanted = f"{folder}/assets/{stem}{ext}"
        number = 2
        while self._clashes(wanted, digest):
            wanted = f"{folder}/assets/{stem}-{number}{ext}"
            number += 1
        self._by_digest[digest] = wanted
        self.copies[wanted] = file
        return wanted

    def _clashes(self, path: str, digest: str) -> bool:
        existing = self.kb_root / path
        if existing.is_file() and hashlib.sha256(existing.read_bytes()).hexdigest() != digest:
            return True
        return path in self.copies


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def project_files(root: Path) -> Iterator[Path]:
    """The files under ``root``, dependencies and version control left out. Symlinked folders are not
    entered (their files are there under their own path), a symlinked file only if it stays inside."""
    for file in root.rglob("*"):
        if file.is_file() and not _NOT_FILES & set(file.relative_to(root).parts) and (
                not file.is_symlink() or inside(file, root)):
            yield file


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is in ``root`` once symlinks are followed: a project's links never lead out of it."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
