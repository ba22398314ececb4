"""Writing an import into the KB: all of it or none of it. Both importers (a docs project, folder.py;
a Zendesk export, zendesk.py) write through write_import.

The files are staged next to the KB first, site_config.yml is edited as text (its comments and order
kept), and nothing is replaced without --force. A failure on the way puts back what was there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from kbgen.content.config import CONFIG_FILE, load_config
from kbgen.content.loader import CONTENT_DIR
from kbgen.errors import KbgenError

# A file's new content: its text, or the foreign file to copy as it is (an image, a download).
Content = str | Path


def write_import(root: Path, files: Mapping[str, Content], force: bool,
                 categories: Mapping[str, dict] | None = None, languages: list[str] | None = None) -> list[str]:
    """Write ``files`` (KB-relative paths) and add the missing ``categories`` (key -> its settings, e.g.
    {"title": {"ja": …, "en": …}}) and ``languages`` to site_config.yml. Returns the categories added."""
    root = root.resolve()
    content = root / CONTENT_DIR
    outside = [rel for rel in files if not (root / rel).resolve().is_relative_to(content)]
    if outside:
        raise KbgenError(f"refusing to write outside {CONTENT_DIR}/: {outside[0]}")
    changed = {rel: data for rel, data in files.items() if not _same(root / rel, data)}
    refuse_overwrites(root, changed, force)
    config = load_config(root)
    config_path = root / CONFIG_FILE
    config_before = config_path.read_text(encoding="utf-8")
    new_categories = {key: value for key, value in (categories or {}).items() if key not in config.categories}
    config_text, added = with_categories(config_before, new_categories)
    config_text = with_languages(config_text, [lang for lang in languages or [] if lang not in config.site.languages])

    staging = Path(tempfile.mkdtemp(prefix=".kbgen-import-", dir=root))
    placed: list[tuple[Path, Path | None]] = []  # (target, its backup) in the order they were replaced
    rel = ""
    try:
        for number, data in enumerate(changed.values()):
            staged = staging / f"{number}"
            if isinstance(data, Path):
                shutil.copyfile(data, staged)
            else:
                staged.write_text(data, encoding="utf-8")
        for number, rel in enumerate(changed):
            target = root / rel
            backup = staging / f"{number}.before" if target.exists() else None
            target.parent.mkdir(parents=True, exist_ok=True)
            if backup:
                os.replace(target, backup)
            placed.append((target, backup))  # from here on, rolling back puts the backup in place
            os.replace(staging / f"{number}", target)
        rel = CONFIG_FILE
        if config_text != config_before:
            config_path.write_text(config_text, encoding="utf-8")
    except BaseException as exc:
        for target, backup in reversed(placed):
            if backup:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
            _remove_empty_parents(target.parent, content)
        _remove_empty_parents((root / rel).parent, content)  # the folders made for the file that failed
        config_path.write_text(config_before, encoding="utf-8")
        if isinstance(exc, OSError):
            raise KbgenError(f"cannot write {rel or 'the import'}: {exc.strerror or exc}; "
                             "nothing was imported, the KB is as it was") from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return added


def refuse_overwrites(root: Path, paths: Iterable[str], force: bool) -> None:
    """Unless ``force``, fail when any of ``paths`` (KB-relative) is there already."""
    existing = sorted(rel for rel in paths if (root / rel).exists())
    if existing and not force:
        raise KbgenError(f"would overwrite {len(existing)} files (e.g. {existing[0]}): pass --force to replace them")


def _same(path: Path, data: Content) -> bool:
    """Copying the same image again is no overwrite (two imports share it); an article is always one."""
    return isinstance(data, Path) and path.is_file() and path.read_bytes() == data.read_bytes()


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def with_categories(text: str, categories: dict[str, dict]) -> tuple[str, list[str]]:
    """Append ``categories`` to the ``categories:`` block of site_config.yml, as text."""
    missing = list(categories)
    if not missing:
        return text, []
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^categories:\s*(#.*)?$", line)), None)
    if start is None:
        raise KbgenError(f"{CONFIG_FILE}: add these categories yourself (categories: is not a block mapping "
                         f"kbgen can append to): {', '.join(missing)}")
    end, indent = start + 1, None
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i].startswith((" ", "\t", "#")):
            break
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            end = i + 1
            indent = indent or re.match(r"^(\s*)", lines[i]).group(1)
    indent = indent or "  "
    new = []
    for key in missing:
        settings = {"title": _category_title(key), **categories[key]}
        new.append(f"{indent}{key}:")
        new += [f"{indent}{indent}{name}: {_flow(value)}" for name, value in settings.items() if value]
    lines[end:end] = new
    return "\n".join(lines), missing


def _flow(value: str | dict[str, str]) -> str:
    """A title or description as one YAML flow line: "…" or {ja: "…", en: "…"}."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "{" + ", ".join(f"{lang}: {json.dumps(text, ensure_ascii=False)}" for lang, text in value.items()) + "}"


def _category_title(key: str) -> str:
    return key.replace("-", " ").replace("_", " ").capitalize()


def with_languages(text: str, missing: list[str]) -> str:
    """Add ``missing`` to site.languages: to its flow list (``languages: [ja, en]``), or as one after
    ``language: ja`` when there is none."""
    if not missing:
        return text
    listed = re.search(r"^(\s+languages:\s*\[)([^\]\n]*)(\][^\n]*)$", text, re.M)
    if listed:
        have = [lang.strip() for lang in listed.group(2).split(",") if lang.strip()]
        line = listed.group(1) + ", ".join(have + missing) + listed.group(3)
        return text[: listed.start()] + line + text[listed.end():]
    alone = re.search(r"^(\s+)language:\s*([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\s*(#.*)?$", text, re.M)
    if alone and not re.search(r"^\s+languages:", text, re.M):
        line = f"{alone.group(1)}languages: [{', '.join([alone.group(2), *missing])}]"
        return text[: alone.end()] + "\n" + line + text[alone.end():]
    raise KbgenError(f"{CONFIG_FILE}: add {', '.join(missing)} to site.languages yourself "
                     "(kbgen adds languages to a list written as languages: [ja, en])")
