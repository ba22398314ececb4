"""Which docs generator made a project, read from the project's own files, and the layout that follows:
where its pages are, in which language, where its site-root files live and what URL base it serves under.

Each recogniser looks for the generator's own marker (a config file or folder) and reads the config
only for what it needs; nothing here is specific to one project.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PAGE_SUFFIXES = (".md", ".mdx", ".markdown")
# Folders that never hold pages: dependencies, build output, version control.
SKIPPED_DIRS = {"node_modules", "site", "_site", "build", "dist", "public", "static", ".git"}

# Languages a help site is commonly written in (ISO 639-1). A folder or suffix is a locale only when its
# primary subtag is one of these: `js/`, `ui/` or `api/` are never mistaken for one.
_LANGUAGES = set(
    "ar bg bn ca cs da de el en es et fa fi fil fr he hi hr hu id it ja ka kk km ko lo lt lv mn ms my nb nl "
    "no pl pt ro ru sk sl sr sv sw ta th tl tr uk ur uz vi zh".split())
# Codes used as folder names that are not the language's ISO code.
_ALIASES = {"kr": "ko", "jp": "ja", "cn": "zh", "cz": "cs", "dk": "da", "gr": "el", "se": "sv", "ua": "uk",
            "vn": "vi", "br": "pt"}
_TRADITIONAL = {"hant", "tw", "hk", "mo"}


def language_code(name: str) -> str | None:
    """A kbgen language code for a locale name (``ja-JP`` -> ja, ``kr`` -> ko, ``zh-Hans`` -> zh,
    ``zh-TW`` -> zh-tw), or None when the name is not a locale."""
    parts = name.strip().lower().replace("_", "-").split("-")
    primary = _ALIASES.get(parts[0], parts[0])
    if primary not in _LANGUAGES or len(parts) > 3 or not all(re.fullmatch(r"[a-z0-9]{2,8}", p) for p in parts):
        return None
    if primary == "zh" and _TRADITIONAL & set(parts[1:]):
        return "zh-tw"
    return primary


def guess_language(text: str) -> str:
    """The language a text is written in, from its script (used when a project does not say)."""
    if re.search(r"[\u3040-\u30ff]", text):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", text):
        return "ko"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    if re.search(r"[\u0400-\u04ff]", text):
        return "ru"
    return "en"


@dataclass
class Tree:
    """A folder of pages. ``lang`` None: the project's default language (or a ``.<lang>.md`` suffix)."""

    root: Path
    lang: str | None = None
    exclude: set[Path] = field(default_factory=set)  # sub-folders that are other trees
    permalink: str | None = None  # where the generator publishes its pages: a Jekyll collection's pattern


@dataclass
class Project:
    generator: str
    evidence: str  # the file or folder that told, relative to the folder given to import
    root: Path  # the project's root: `@site/` and raw repository URLs start here
    trees: list[Tree]
    default_lang: str | None = None  # the project's own default language, None = read it from the text
    suffix_langs: set[str] = field(default_factory=set)  # page.<lang>.md
    asset_roots: list[Path] = field(default_factory=list)  # where /site/root/urls are served from
    base: str = "/"  # the URL path the site is served under
    admonitions: set[str] = field(default_factory=set)  # extra admonition kinds the project declares
    index_names: tuple[str, ...] = ("index", "readme", "_index")


def recognise(source: Path) -> Project:
    """The project ``source`` is (or is a folder of): looked for in ``source``, its children, its parents."""
    for where in [source, None, *_children(source), *list(source.parents)[:2]]:
        for recogniser in _RECOGNISERS if where is not None else ():
            project = recogniser(where)
            if project is not None:
                project.evidence = _relative(project.evidence, source)
                return project
        if where is None and (per_language := _sibling_mkdocs(source)) is not None:
            return per_language
    project = (_obsidian(source) or _github_wiki(source) or _gitbook(source) or _jekyll(source)
               or _obsidian_by_its_notes(source) or _plain(source))
    project.evidence = _relative(project.evidence, source)
    return project


def _relative(path: str, source: Path) -> str:
    try:
        return Path(path).relative_to(source).as_posix()
    except ValueError:
        return path


def _children(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in SKIPPED_DIRS
                  and not p.name.startswith(".")) if folder.is_dir() else []


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _first(folder: Path, *names: str) -> Path | None:
    return next((folder / n for n in names if (folder / n).is_file()), None)


def locale_folders(root: Path, declared: dict[str, str] | None = None) -> dict[Path, str]:
    """Sub-folders of ``root`` that hold one language each: those the config declares (folder -> code),
    else those named like a locale (``ja``, ``en-us``, ``kr``), when at least two are or the config
    names them."""
    declared = declared or {}
    found = {}
    for child in _children(root):
        lang = declared.get(child.name) or (language_code(child.name) if not declared else None)
        if lang and _has_pages(child):
            found[child] = language_code(lang) or lang
    return found if declared or len(found) >= 2 else {}


def _has_pages(folder: Path) -> bool:
    return any(p.suffix in PAGE_SUFFIXES for p in folder.rglob("*"))


def _folder_trees(root: Path, folders: dict[Path, str], default: str | None) -> list[Tree]:
    """The default language at ``root``, each locale folder its own tree."""
    return [Tree(root, default, set(folders)), *(Tree(f, lang) for f, lang in folders.items())]


# --- MkDocs ------------------------------------------------------------------------------------------

class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name and !ENV tags: read them as plain values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _yaml(path: Path) -> dict:
    try:
        data = yaml.load(_read(path), Loader=_LenientLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _mkdocs(folder: Path) -> Project | None:
    config_path = _first(folder, "mkdocs.yml", "mkdocs.yaml")
    if config_path is None:
        return None
    config = _yaml(config_path)
    docs = folder / str(config.get("docs_dir") or "docs")
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    default = language_code(str(theme.get("language") or "")) if theme.get("language") else None
    project = Project("MkDocs", str(config_path), folder, [Tree(docs, default)], default, asset_roots=[docs])
    i18n = next((p["i18n"] for p in config.get("plugins") or [] if isinstance(p, dict) and "i18n" in p), None)
    if isinstance(i18n, dict):
        project.generator = "MkDocs + mkdocs-static-i18n"
        languages = i18n.get("languages") or []
        if isinstance(languages, dict):  # the 0.x form: {en: {...}, ja: {...}}, default_language
            locales = list(languages)
            project.default_lang = language_code(str(i18n.get("default_language") or "")) or default
        else:
            locales = [str(entry.get("locale")) for entry in languages if isinstance(entry, dict)]
            chosen = [str(e.get("locale")) for e in languages if isinstance(e, dict) and e.get("default")]
            project.default_lang = language_code(chosen[0]) if chosen else default
        codes = {name: language_code(name) for name in locales if language_code(name)}
        if i18n.get("docs_structure", "suffix") == "folder":
            folders = {docs / name: code for name, code in codes.items() if (docs / name).is_dir()}
            if project.default_lang:  # the default sits at docs/ itself or in its own folder
                folders = {f: c for f, c in folders.items() if c != project.default_lang or _has_pages(f)}
            project.trees = _folder_trees(docs, folders, project.default_lang)
        else:
            project.suffix_langs = set(codes.values())
            project.trees[0].lang = project.default_lang
    return project


def _sibling_mkdocs(source: Path) -> Project | None:
    """One MkDocs project per language (``ja-jp/mkdocs.yml``, ``en-us/mkdocs.yml``): one KB's languages."""
    projects = [p for p in (_mkdocs(child) for child in _children(source)) if p is not None]
    if len(projects) < 2:
        return None
    trees = []
    for project in projects:
        lang = project.default_lang or language_code(project.root.name)
        trees.append(Tree(project.trees[0].root, lang or guess_language(_sample(project.trees[0].root))))
    return Project("MkDocs (one project per language)", ", ".join(_relative(str(p.evidence), source)
                                                                   for p in projects),
                   source, trees, asset_roots=[t.root for t in trees])


# --- VuePress / VitePress ----------------------------------------------------------------------------

_LOCALE_ENTRY = re.compile(r"""['"]?(/[\w-]*/?|root|[\w-]+)['"]?\s*:\s*\{(?:[^{}]|\{[^{}]*\})*?"""
                           r"""\blang\s*:\s*['"]([\w-]+)['"]""")


def _js_locales(config: str) -> tuple[str | None, dict[str, str]]:
    """(root language, folder -> language) from a JS/TS config's `locales: { '/ja/': {lang: 'ja'} }`."""
    start = config.find("locales")
    if start < 0:
        return None, {}
    root, folders = None, {}
    for key, lang in _LOCALE_ENTRY.findall(config[start:]):
        key = key.strip("/")
        if key in {"", "root"}:
            root = root or language_code(lang)
        elif language_code(lang) or language_code(key):
            folders.setdefault(key, language_code(lang) or language_code(key))
    return root, folders


def _vuepress(folder: Path) -> Project | None:
    for marker, name in ((".vuepress", "VuePress"), (".vitepress", "VitePress")):
        meta = folder / marker
        if not meta.is_dir():
            continue
        config_path = _first(meta, "config.ts", "config.js", "config.mts", "config.mjs", "config.cjs")
        config = _read(config_path) if config_path else ""
        if name == "VuePress":
            two = re.search(r"""from\s+['"](vuepress|@vuepress/)""", config) or "defineUserConfig" in config
            name = "VuePress 2" if two else "VuePress 1"
        root_lang, declared = _js_locales(config)
        # A locale declared in config but without a folder of pages, or a folder the config does not name
        # (VitePress spreads locales from other files): the folders named like locales count too.
        named = {k: v for k, v in declared.items() if (folder / k).is_dir()}
        folders = locale_folders(folder, named or None) or locale_folders(folder)
        if not folders and not named:
            folders = {c: lang for c, lang in ((c, language_code(c.name)) for c in _children(folder))
                       if lang and re.search(rf"['\"/]{re.escape(c.name)}['\"/]", config)}
        base = re.search(r"""\bbase\s*:\s*['"`](/[^'"`]*)['"`]""", config)
        public = [p for p in (meta / "public", folder / "public") if p.is_dir()]
        evidence = str(config_path or meta)
        return Project(name, evidence, folder, _folder_trees(folder, folders, root_lang), root_lang,
                       asset_roots=[*public, folder], base=base.group(1) if base else "/")
    return None


# --- Docusaurus --------------------------------------------------------------------------------------

def _docusaurus(folder: Path) -> Project | None:
    config_path = _first(folder, "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs",
                         "docusaurus.config.cjs")
    if config_path is None:
        return None
    config = _read(config_path)
    default = re.search(r"""defaultLocale\s*:\s*['"]([\w-]+)['"]""", config)
    default_lang = language_code(default.group(1)) if default else None
    trees = [Tree(folder / "docs", default_lang)]
    i18n = folder / "i18n"
    for locale in _children(i18n):
        current = locale / "docusaurus-plugin-content-docs" / "current"
        if current.is_dir() and language_code(locale.name) and language_code(locale.name) != default_lang:
            trees.append(Tree(current, language_code(locale.name)))
    keywords = re.search(r"keywords\s*:\s*\[([^\]]*)\]", config)
    base = re.search(r"""\bbaseUrl\s*:\s*['"](/[^'"]*)['"]""", config)
    return Project("Docusaurus", str(config_path), folder, trees, default_lang,
                   asset_roots=[p for p in (folder / "static",) if p.is_dir()], base=base.group(1) if base else "/",
                   admonitions=set(re.findall(r"""['"]([\w-]+)['"]""", keywords.group(1))) if keywords else set())


# --- Hugo --------------------------------------------------------------------------------------------

def _hugo(folder: Path) -> Project | None:
    config_path = _first(folder, "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml",
                         "config.yaml", "config.yml", "config.json", "config/_default/hugo.toml",
                         "config/_default/config.toml")
    if config_path is None or not (folder / "content").is_dir():
        return None
    config = _toml(_read(config_path)) if config_path.suffix == ".toml" else _yaml(config_path)
    if config_path.suffix == ".json":
        try:
            config = json.loads(_read(config_path))
        except ValueError:
            config = {}
    hugo_keys = {"baseURL", "baseurl", "title", "theme", "defaultContentLanguage", "languageCode"}
    if not isinstance(config, dict) or not (hugo_keys & set(config) or config.get("languages")):
        return None
    default = language_code(str(config.get("defaultContentLanguage") or "")) if config.get(
        "defaultContentLanguage") else None
    languages = config.get("languages") if isinstance(config.get("languages"), dict) else {}
    content = folder / str(config.get("contentDir") or "content")
    trees = [Tree(folder / str(v["contentDir"]), language_code(k) or default)
             for k, v in languages.items() if isinstance(v, dict) and v.get("contentDir")]
    if not trees:
        folders = locale_folders(content, {k: k for k in languages if (content / k).is_dir()} or None)
        trees = _folder_trees(content, folders, default)
    base = re.match(r"https?://[^/]+(/.*)?$", str(config.get("baseURL") or config.get("baseurl") or ""))
    return Project("Hugo", str(config_path), folder, trees, default,
                   suffix_langs={c for c in (language_code(k) for k in languages) if c},
                   asset_roots=[p for p in (folder / "static", folder / "assets") if p.is_dir()] + [folder],
                   base=(base.group(1) or "/") if base else "/")


def _toml(text: str) -> dict:
    """The top-level keys and `[languages.X]` tables of a Hugo config: all kbgen needs (Python 3.10 has
    no TOML reader)."""
    config: dict = {"languages": {}}
    table: dict | None = config
    for line in text.split("\n"):
        line = line.strip()
        header = re.match(r"^\[+\s*([^\]]+?)\s*\]+$", line)
        if header:
            name = header.group(1).split(".")
            table = config["languages"].setdefault(name[1].strip('"'), {}) if (
                name[0] == "languages" and len(name) == 2) else None
            continue
        pair = re.match(r"""^([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^#\s]+))""", line)
        if pair and table is not None:
            table[pair.group(1)] = next(g for g in pair.groups()[1:] if g is not None)
    return config


# --- Obsidian, GitBook, Jekyll, GitHub wiki, plain folder ----------------------------------------------

OBSIDIAN = "Obsidian vault"
# Obsidian's own embed, `![[note]]`: no other generator writes it (a GitHub wiki links [[Page]] only).
_EMBED = re.compile(r"!\[\[[^\[\]\n]+\]\]")


def _obsidian(folder: Path) -> Project | None:
    """A vault by its own files: Obsidian's settings folder, or an Obsidian Publish site's."""
    marker = next((name for name in (".obsidian", "publish.js", "publish.css") if (folder / name).exists()), None)
    return None if marker is None else _vault(folder, marker)


def _obsidian_by_its_notes(folder: Path) -> Project | None:
    """A vault copied without its own files (no generator's either): its notes embed with ![[…]]."""
    embedding = _embedding_note(folder)
    return None if embedding is None else _vault(folder, f"![[…]] in {embedding.relative_to(folder).as_posix()}")


def _embedding_note(folder: Path) -> Path | None:
    """The first note under ``folder`` with an Obsidian embed (dependencies and hidden folders left out)."""
    notes = (p for p in sorted(folder.rglob("*.md"))
             if not any(part in SKIPPED_DIRS or part.startswith(".") for part in p.relative_to(folder).parts))
    return next((p for p in notes if _EMBED.search(_read(p))), None)


def _vault(folder: Path, evidence: str) -> Project:
    # a callout kind of the vault's own is styled in its CSS: .callout[data-callout="compatibility"]
    custom = set(re.findall(r"""data-callout\s*=\s*["']([\w-]+)["']""", _read(folder / "publish.css")))
    return Project(OBSIDIAN, evidence, folder, [Tree(folder)], asset_roots=[folder],
                   admonitions={kind.lower() for kind in custom})


def _gitbook(folder: Path) -> Project | None:
    marker = _first(folder, "book.json", ".gitbook.yaml", "LANGS.md", "SUMMARY.md")
    if marker is None and not (folder / ".gitbook").is_dir():
        return None
    langs = _read(folder / "LANGS.md")
    declared = {m.strip("/"): m.strip("/") for m in re.findall(r"\]\(([^)]+)\)", langs)}
    folders = {f: lang for f, lang in locale_folders(folder, declared or None).items() if language_code(f.name)}
    assets = [p for p in (folder / ".gitbook" / "assets", folder / "assets") if p.is_dir()]
    return Project("GitBook", str(marker or folder / ".gitbook"), folder,
                   [Tree(f, lang) for f, lang in folders.items()] or [Tree(folder)], asset_roots=[*assets, folder])


def _jekyll(folder: Path) -> Project | None:
    config_path = _first(folder, "_config.yml", "_config.yaml")
    if config_path is None:
        return None
    config = _yaml(config_path)
    base = str(config.get("baseurl") or "/")
    skipped = {p for p in _children(folder) if p.name.startswith("_") and p.name not in {"_posts", "_docs"}}
    # Jekyll never renders what its config excludes, nor the gems a `bundle install` puts in vendor/.
    listed = config.get("exclude") if isinstance(config.get("exclude"), list) else []
    excluded = [str(e).strip("/") for e in listed if isinstance(e, str) and e.strip("/")]
    skipped |= {folder / name for name in [*excluded, *_JEKYLL_EXCLUDED]}
    folders = locale_folders(folder)
    trees = _folder_trees(folder, folders, language_code(str(config.get("lang") or "")) or None)
    trees[0].exclude |= skipped
    # A collection rendered as pages (`collections: {articles: {output: true}}`) lives in _articles/: a
    # tree of its own, whose folders are its categories, as in the site Jekyll builds.
    collections = config.get("collections")
    trees += [Tree(folder / f"_{name}", trees[0].lang, permalink=str(settings.get("permalink") or _COLLECTION_URL))
              for name, settings in (collections.items() if isinstance(collections, dict) else ())
              if isinstance(settings, dict) and settings.get("output") and (folder / f"_{name}").is_dir()
              and f"_{name}" not in {"_posts", "_docs"}]
    return Project("Jekyll", str(config_path), folder, trees, trees[0].lang, asset_roots=[folder],
                   base=base if base.startswith("/") else "/" + base)


_COLLECTION_URL = "/:collection/:path/"  # Jekyll's default for a collection's pages
_JEKYLL_EXCLUDED = ("vendor/bundle", "vendor/cache", "vendor/gems", "vendor/ruby", "gemfiles")


def _github_wiki(folder: Path) -> Project | None:
    home = _first(folder, "Home.md", "home.md")
    if home is None or _embedding_note(folder) is not None:  # a wiki page embeds nothing: that is a vault
        return None
    return Project("GitHub wiki", str(home), folder, [Tree(folder)], asset_roots=[folder])


def _plain(folder: Path) -> Project:
    folders = locale_folders(folder)
    return Project("plain Markdown folder", "no generator config", folder, _folder_trees(folder, folders, None),
                   asset_roots=[folder])


def _sample(root: Path, limit: int = 20) -> str:
    """Some of a tree's text, to tell its language by script."""
    texts = []
    for path in sorted(root.rglob("*")):
        if path.suffix in PAGE_SUFFIXES and not any(part in SKIPPED_DIRS for part in path.parts):
            texts.append(_read(path)[:2000])
            if len(texts) >= limit:
                break
    return "\n".join(texts)


_RECOGNISERS = (_mkdocs, _docusaurus, _vuepress, _hugo)


def names_a_file(path: Path) -> bool:
    """Whether ``path``, written in a page, names a file: one the system cannot look up (a sentence
    read as a path, longer than a file name may be) names none."""
    try:
        return path.is_file()
    except OSError:
        return False
