"""MDX pages (Docusaurus): `import` lines that bring in images and partial pages.

A page made of `<Partial />` uses has no text of its own until the partials are inlined; an image
imported as `X` and shown as `src={X}` or `<X />` is a plain image reference once the import is read.
Paths inside an inlined partial are made project-rooted (`@site/...`), as they were relative to it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from kbgen.adopt.generators import PAGE_SUFFIXES, names_a_file

_IMPORT = re.compile(r"""^\s*import\s+(\w+)\s+from\s+['"]([^'"]+)['"];?\s*$""")
_OTHER_IMPORT = re.compile(r"""^\s*import\s+.*?from\s+['"][^'"]+['"];?\s*$|^\s*import\s+['"][^'"]+['"];?\s*$""")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RELATIVE_LINK = re.compile(r"(\]\(|\bsrc=[\"'])(\.{1,2}/[^)\"'\s]+)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_DEPTH = 5


def inline_imports(body: str, page: Path, project_root: Path, depth: int = 0) -> tuple[str, int]:
    """(body with partials inlined and imported images referenced by path, imports read)."""
    if "import" not in body:
        return body, 0
    images: dict[str, str] = {}
    partials: dict[str, str] = {}
    kept, count, in_fence = [], 0, False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _IMPORT.match(line)
        if match:
            name, target = match.groups()
            path = _path(target, page, project_root)
            if path is not None and path.suffix.lower() in PAGE_SUFFIXES:
                text, inner = (_partial(path, project_root, depth) if depth < _DEPTH else ("", 0))
                partials[name] = text
                count += inner
            elif path is not None:
                images[name] = _site_path(path, project_root)
            count += 1
            continue
        if not in_fence and _OTHER_IMPORT.match(line):
            count += 1
            continue
        kept.append(line)
    text = "\n".join(kept)
    for name, partial in partials.items():
        text = re.sub(rf"<{name}\s*/>|<{name}\s*>\s*</{name}>", lambda _m, p=partial: p, text)
    for name, path in images.items():
        text = re.sub(rf"\bsrc=\{{\s*{name}\s*\}}", f'src="{path}"', text)
        text = re.sub(rf"<{name}\b[^<>]*/>", f"![]({path})", text)
    return text, count


def _path(target: str, page: Path, project_root: Path) -> Path | None:
    if target.startswith("@site/"):
        path = project_root / target[len("@site/"):]
    elif target.startswith("."):
        path = page.parent / target
    else:
        return None  # a package: a component, not a file of the project
    return path if names_a_file(path) else None


def _partial(path: Path, project_root: Path, depth: int) -> tuple[str, int]:
    text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n"))
    text = _RELATIVE_LINK.sub(lambda m: m.group(1) + _site_path(path.parent / m.group(2), project_root), text)
    return inline_imports(text.strip("\n"), path, project_root, depth + 1)


def _site_path(path: Path, project_root: Path) -> str:
    rel = posixpath.normpath(path.as_posix())
    root = project_root.as_posix().rstrip("/") + "/"
    return "@site/" + rel[len(root):] if rel.startswith(root) else rel
