"""Which file of an Obsidian vault a wikilink or an embed names, by Obsidian's rules.

`[[Page]]` names a note by its file name without `.md`, wherever it is in the vault; `[[Folder/Page]]`
narrows it to a path that ends so; an attachment (`![[image.png]]`) is named with its extension. Case
does not count. When several files fit, the one with the shortest path wins (the one at the vault's
root first). kbgen.adopt.convert turns the link itself into Markdown.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from kbgen.adopt.files import project_files
from kbgen.adopt.generators import PAGE_SUFFIXES, SKIPPED_DIRS


class Vault:
    """The files of a vault, looked up by the names its links give them."""

    def __init__(self, root: Path):
        self.root = root
        self._by_name: dict[str, list[str]] = {}  # file name, lower case, notes without .md -> vault paths
        for path in project_files(root):
            rel = path.relative_to(root)
            if not any(part.startswith(".") or part in SKIPPED_DIRS for part in rel.parts[:-1]):  # .obsidian, .trash
                name = path.stem if path.suffix.lower() in PAGE_SUFFIXES else path.name
                self._by_name.setdefault(name.lower(), []).append(rel.as_posix())
        for paths in self._by_name.values():
            paths.sort(key=lambda p: (p.count("/"), len(p), p))

    def find(self, name: str) -> Path | None:
        """The file ``name`` (as written in a link, without its #heading) names, or None."""
        name = name.strip().strip("/")
        if name.lower().endswith(".md"):
            name = name[:-3]
        folder, base = posixpath.split(name.lower())
        for path in self._by_name.get(base, []):
            found_in = posixpath.dirname(path.lower())
            if not folder or found_in == folder or found_in.endswith("/" + folder):
                return self.root / path
        return None
