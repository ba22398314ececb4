"""kbgen import of a Zendesk Guide help center: the Help Center API's JSON responses become articles.

SOURCE is what the API answered, saved as it came:
- one ``.json`` file holding one response (``{"articles": [...], "next_page": ...}``), several merged
  into one object (``{"articles": [...], "sections": [...], "categories": [...], "translations": [...],
  "users": [...]}``, the shape of ``articles.json?include=sections,categories,users``), or a JSON list
  of responses (the pages one after another);
- or a folder of such files, one per page (``articles-1.json``, ``sections.json``, ``translations-123.json``…).

Read: ``articles`` (GET /api/v2/help_center/{locale}/articles.json, one list per locale if you like),
``translations`` (GET …/articles/{id}/translations.json, and those of sections and categories),
``sections``, ``categories`` and ``users`` (for the authors' e-mail addresses). Anything else is ignored.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urljoin, urlsplit

from markdownify import MarkdownConverter

from kbgen.adopt.convert import Unconverted, drop_missing_anchors, drop_title_heading, summary_from
from kbgen.adopt.download import Downloads, download_images
from kbgen.adopt.report import SHOWN_PER_KIND, downloaded, write_converted, write_needs_a_writer
from kbgen.adopt.writer import Content, write_import
from kbgen.checks.links import heading_ids
from kbgen.content.article_id import ascii_id, unique_id
from kbgen.content.config import CONFIG_FILE, load_config
from kbgen.content.loader import CONTENT_DIR
from kbgen.errors import KbgenError
from kbgen.git import user_email

KINDS = ("articles", "sections", "categories", "translations", "users")
_ONE = {"article": "articles", "section": "sections", "category": "categories", "translation": "translations",
        "user": "users"}
NO_SECTION = "general"  # articles whose section is not in the export
# /hc/ja/articles/360001234567-Title, /hc/en-us/article_attachments/360009876543/login.png
_ARTICLE_URL = re.compile(r"/hc/(?:[A-Za-z-]+/)?articles/(\d+)")
_ATTACHMENT_URL = re.compile(r"/article_attachments/(\d+)/([^/?#]+)$")


def is_zendesk_export(source: Path) -> bool:
    """A .json file, or a folder holding Help Center API responses (articles*.json, or any JSON object
    with an ``articles`` list) rather than a docs project."""
    if source.is_file():
        return source.suffix.lower() == ".json"
    for path in sorted(source.glob("*.json")):
        if path.name.lower().startswith("articles"):
            return True
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (ValueError, OSError):
            continue
        if isinstance(data, dict) and isinstance(data.get("articles", data.get("article")), (list, dict)):
            return True
    return False


@dataclass
class Version:
    """An article's text in one locale."""

    locale: str
    title: str
    body: str
    draft: bool
    updated: date | None
    html_url: str


@dataclass
class Export:
    articles: dict[int, dict] = field(default_factory=dict)  # id -> the article record (its first locale)
    versions: dict[int, dict[str, Version]] = field(default_factory=dict)  # id -> locale -> text
    sections: dict[int, dict] = field(default_factory=dict)
    categories: dict[int, dict] = field(default_factory=dict)
    # ("sections" or "categories", id) -> locale -> (name, description)
    names: dict[tuple[str, int], dict[str, tuple[str, str]]] = field(default_factory=dict)
    users: dict[int, dict] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)  # translations of articles not in the export


def read_export(source: Path) -> Export:
    """Every response under ``source``, merged; a file that is not the API's JSON is a one-line error."""
    files = [source] if source.is_file() else sorted(source.glob("*.json"))
    records: dict[str, list[tuple[str, dict]]] = {kind: [] for kind in KINDS}
    for path in files:
        for response in _responses(path):
            for key, value in response.items():
                kind = _ONE.get(key, key)
                if kind not in records:
                    continue
                items = [value] if key in _ONE else value
                if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                    raise KbgenError(f"{path.name}: \"{key}\" is not a list of objects as the Help Center API "
                                     "returns it")
                records[kind] += [(path.name, item) for item in items]
    if not records["articles"]:
        raise KbgenError(f"{source}: no \"articles\" in these Help Center API responses "
                         "(save GET /api/v2/help_center/{locale}/articles.json)")
    export = Export()
    export.users = {u["id"]: u for _, u in records["users"] if "id" in u}
    for kind in ("sections", "categories"):
        for name, item in records[kind]:
            number = _id(item, name, kind)
            getattr(export, kind).setdefault(number, item)
            if item.get("name"):
                names = export.names.setdefault((kind, number), {})
                names[_locale(item)] = (item["name"], item.get("description") or "")
    for name, item in records["articles"]:
        number = _id(item, name, "articles")
        export.articles.setdefault(number, item)
        export.versions.setdefault(number, {}).setdefault(_locale(item), _version(item, name))
    for name, item in records["translations"]:
        kind, number = item.get("source_type", "article"), _id(item, name, "translations", "source_id")
        if kind == "article" and number in export.versions:
            export.versions[number].setdefault(_locale(item), _version(item, name))
        elif kind == "article":
            export.orphans.append(f"{name}: translation {item.get('locale')} of article {number}")
        elif kind in ("section", "category") and item.get("title"):
            names = export.names.setdefault((_ONE[kind], number), {})
            names.setdefault(_locale(item), (item["title"], _plain(item.get("body") or "")))
    return export


def _responses(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise KbgenError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise KbgenError(f"{path.name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    responses = data if isinstance(data, list) else [data]
    if not all(isinstance(r, dict) for r in responses):
        raise KbgenError(f"{path.name}: expected a Help Center API response (a JSON object such as "
                         "{\"articles\": [...]}) or a list of them")
    return responses


def _id(item: dict, name: str, kind: str, key: str = "id") -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise KbgenError(f"{name}: an item of \"{kind}\" has no numeric \"{key}\": {json.dumps(item)[:80]}")
    return value


def _locale(item: dict) -> str:
    return str(item.get("locale") or item.get("source_locale") or "").lower()


def _version(item: dict, name: str) -> Version:
    if not isinstance(item.get("title"), str) or not item["title"].strip():
        raise KbgenError(f"{name}: article {item.get('id', item.get('source_id'))} has no title")
    stamp = item.get("edited_at") or item.get("updated_at") or item.get("created_at")
    try:
        updated = date.fromisoformat(stamp[:10]) if isinstance(stamp, str) else None
    except ValueError:
        raise KbgenError(f"{name}: article {item.get('id')}: {stamp!r} is not an ISO time") from None
    return Version(_locale(item), item["title"].strip(), item.get("body") or "", bool(item.get("draft")),
                   updated, item.get("html_url") or "")


def language_of(locales: set[str], kb_languages: list[str]) -> dict[str, str]:
    """Zendesk locale -> kbgen language: en-us -> en, unless the KB names the locale itself, or two locales
    of the export share the language (en-us, en-gb), or the region picks the script (zh-tw, zh-cn)."""
    bases = Counter(locale.split("-")[0] for locale in locales)
    mapping = {}
    for locale in locales:
        base = locale.split("-")[0]
        keep = locale not in kb_languages and (bases[base] > 1 or base == "zh")
        mapping[locale] = locale if locale in kb_languages or keep else base
    return mapping


@dataclass
class _Planned:
    number: int
    id: str
    category: str
    texts: dict[str, Version]  # kbgen language -> text
    source_lang: str  # whose text is <id>.md


def import_zendesk(root: Path, source: Path, owner: str | None = None, force: bool = False,
                   stream: TextIO | None = None, download: bool = False) -> int:
    """Import the export at ``source``; with ``download``, the images it did not save come from their hosts."""
    with tempfile.TemporaryDirectory(prefix="kbgen-images-") as fetched:  # until the writer has copied them
        return _import(root, source.resolve(), owner, force, stream or sys.stdout, Path(fetched) if download else None)


def _import(root: Path, source: Path, owner: str | None, force: bool, stream: TextIO,
            fetch_into: Path | None) -> int:
    config = load_config(root)
    export = read_export(source)
    downloads = None
    if fetch_into is not None:
        downloads = download_images((_on_host(url, version) for versions in export.versions.values()
                                     for version in versions.values()
                                     for url in _image_sources(version.body) if _saved(url, source) is None),
                                    fetch_into)
    default = config.site.language
    locales = {locale for versions in export.versions.values() for locale in versions}
    lang_of = language_of(locales, config.site.languages)
    fallback_owner = owner or user_email(root)

    categories = _categories(export, lang_of, config.site.languages)
    existing = {p.name.split(".")[0]: p.parent.name for p in (root / CONTENT_DIR).glob("*/*.md")}
    used: set[str] = set()
    plans: list[_Planned] = []
    for number, record in sorted(export.articles.items(), key=lambda kv: _order(export, kv[1], kv[0])):
        texts = {lang_of[locale]: version for locale, version in export.versions[number].items()}
        category = categories.key_of.get(record.get("section_id"), NO_SECTION)
        english = next((v.title for lang, v in texts.items() if lang.startswith("en")), "")
        source_lang = default if default in texts else lang_of.get(_locale(record), next(iter(texts)))
        wanted = ascii_id(english) or (ascii_id(texts[source_lang].title) if texts[source_lang].title.isascii()
                                       else "") or str(number)
        taken = used | {i for i, folder in existing.items() if folder != category}
        plans.append(_Planned(number, unique_id(wanted, taken), category, texts, source_lang))
        used.add(plans[-1].id)

    files: dict[str, Content] = {}
    bodies: dict[str, tuple[list[str], str]] = {}  # target -> (front matter lines, body)
    converted: Counter[str] = Counter()
    unconverted: list[tuple[str, Unconverted]] = []
    targets = {(p.number, lang): _target(p, lang) for p in plans for lang in p.texts}
    titles = _distinct_titles(plans, categories.title_of)
    for plan in plans:
        for lang, version in plan.texts.items():
            target = targets[plan.number, lang]
            notes: list[tuple[str, str]] = []  # (kind, text) for the report, placed on a line below
            markdown = HelpCenterMarkdown(
                link=lambda url, lang=lang, target=target: _article_link(url, lang, target, targets),
                image=lambda url, category=plan.category, version=version: _attachment(
                    url, source, category, files, downloads and downloads.file(_on_host(url, version))),
                note=lambda kind, text, notes=notes: notes.append((kind, text)),
                count=converted.update,
            ).convert(version.body)
            body = drop_title_heading(markdown.strip("\n"))
            title = titles[plan.number, lang]
            meta = _front_matter(title, summary_from({}, body, title), plan, version, export, owner,
                                 fallback_owner)
            bodies[target] = (meta, body)
            unconverted += [(target, Unconverted(0, _explained(kind, _on_host(text, version), downloads), text))
                            for kind, text in notes]
        if plan.source_lang != default:
            unconverted.append((targets[plan.number, plan.source_lang],
                                Unconverted(1, f"article with no {default} version ({plan.source_lang} text stands in)",
                                            plan.texts[plan.source_lang].title)))

    for target, (meta, body) in bodies.items():
        def ids_of(link: str, here: str = target) -> frozenset[str] | None:
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(here), link)) if link else here
            return heading_ids(bodies[linked][1]) if linked in bodies else None

        body, problems = drop_missing_anchors(body, ids_of)
        text = "\n".join(meta) + "\n---\n\n" + body + "\n"
        files[target] = text
        unconverted += [(target, replace(p, line=p.line + len(meta) + 2)) for p in problems]
    unconverted = [(rel, replace(u, line=u.line or _line_of(files[rel], u.text))) for rel, u in unconverted]

    languages = sorted({lang for plan in plans for lang in plan.texts} - {default})
    used_categories = {key: categories.settings[key] for key in categories.settings
                       if any(p.category == key for p in plans)}
    if any(p.category == NO_SECTION for p in plans):
        used_categories.setdefault(NO_SECTION, {})
    added = write_import(root, files, force, categories=used_categories, languages=languages)
    _write_summary(stream, export, plans, added, [lang for lang in languages if lang not in config.site.languages],
                   converted, unconverted, downloads)
    return 0


def _order(export: Export, record: dict, number: int) -> tuple:
    section = export.sections.get(record.get("section_id"), {})
    category = export.categories.get(section.get("category_id"), {})
    return (category.get("position", 0), section.get("position", 0), record.get("section_id") or 0,
            record.get("position", 0), number)


@dataclass
class _Categories:
    key_of: dict[int, str]  # section id -> category key
    settings: dict[str, dict]  # category key -> {"title": {lang: …}, "description": {lang: …}}, in order
    title_of: dict[tuple[str, str], str]  # (category key, lang) -> title


def _categories(export: Export, lang_of: dict[str, str], kb_languages: list[str]) -> _Categories:
    """Sections become categories, in the order of their Zendesk category then their own."""
    result = _Categories({}, {}, {})
    taken: set[str] = set()
    ordered = sorted(export.sections.items(), key=lambda kv: (
        export.categories.get(kv[1].get("category_id"), {}).get("position", 0), kv[1].get("position", 0), kv[0]))
    for number, _section in ordered:
        found = export.names.get(("sections", number), {})
        names = dict(sorted(((lang_of.get(locale, locale.split("-")[0]), value) for locale, value in found.items()),
                            key=lambda item: (item[0] not in kb_languages, kb_languages.index(item[0])
                                              if item[0] in kb_languages else 0, item[0])))
        english = next((name for lang, (name, _) in names.items() if lang.startswith("en")), "")
        any_name = next(iter(names.values()), ("", ""))[0]
        key = unique_id(ascii_id(english) or ascii_id(any_name) or f"section-{number}", taken)
        result.key_of[number] = key
        result.settings[key] = {"title": {lang: name for lang, (name, _) in names.items()},
                                "description": {lang: text for lang, (_, text) in names.items() if text}}
        result.title_of.update({(key, lang): name for lang, (name, _) in names.items()})
    return result


def _target(plan: _Planned, lang: str) -> str:
    suffix = "" if lang == plan.source_lang else f".{lang}"
    return f"{CONTENT_DIR}/{plan.category}/{plan.id}{suffix}.md"


def _distinct_titles(plans: list[_Planned], section_title: dict[tuple[str, str], str]) -> dict[tuple[int, str], str]:
    """Two articles asking the same question in one language (KB401) get their section's name added,
    as a writer would tell them apart."""
    keys = Counter((lang, _title_key(v.title)) for p in plans for lang, v in p.texts.items())
    titles = {}
    for plan in plans:
        for lang, version in plan.texts.items():
            title = version.title
            if keys[lang, _title_key(title)] > 1:
                where = section_title.get((plan.category, lang)) or plan.category
                title = f"{title}（{where}）" if lang == "ja" else f"{title} ({where})"
            titles[plan.number, lang] = title
    return titles


def _title_key(title: str) -> str:
    return unicodedata.normalize("NFKC", title).casefold().strip()


def _front_matter(title: str, summary: str, plan: _Planned, version: Version, export: Export,
                  owner: str | None, fallback_owner: str | None) -> list[str]:
    record = export.articles[plan.number]
    author = export.users.get(record.get("author_id"), {})
    who = author.get("email") or owner or (f"@zendesk-{record['author_id']}" if record.get("author_id") else None)
    who = who or fallback_owner
    if not who:
        raise KbgenError("no owner for the imported articles: pass --owner @team (or set git config user.email)")
    meta = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"summary: {json.dumps(summary, ensure_ascii=False)}",
        f"category: {plan.category}",
        f"owner: {json.dumps(who, ensure_ascii=False)}",
        f"last_reviewed: {(version.updated or date.today()).isoformat()}",
    ]
    if version.draft:
        meta.append("status: draft")
    labels = [label for label in record.get("label_names") or [] if isinstance(label, str) and label.strip()]
    if labels:
        meta.append(f"tags: {json.dumps(labels, ensure_ascii=False)}")
    aliases = _aliases(version.html_url, plan.number, version.locale)
    if aliases:
        meta.append(f"aliases: {json.dumps(aliases, ensure_ascii=False)}")
    return meta


def _aliases(html_url: str, number: int, locale: str) -> list[str]:
    """The old address on the help center (its path, as the reader's browser asks for it), and the
    same without the title's slug, which Zendesk also answers and people paste in tickets."""
    path = urlsplit(html_url).path.strip("/")
    short = f"hc/{locale}/articles/{number}" if locale else ""
    if not path or ".." in unquote(path).split("/"):
        return [short] if short else []
    return list(dict.fromkeys(p for p in (path, short) if p))


def _article_link(url: str, lang: str, here: str, targets: dict[tuple[int, str], str]) -> str | None:
    """A link to another article of the same help center, as a relative link to its imported file."""
    match = _ARTICLE_URL.search(urlsplit(url).path)
    if not match:
        return None
    number = int(match.group(1))
    linked = targets.get((number, lang)) or next((t for (n, _), t in targets.items() if n == number), None)
    if linked is None:
        return None
    fragment = urlsplit(url).fragment
    return posixpath.relpath(linked, posixpath.dirname(here)) + (f"#{fragment}" if fragment else "")


def _on_host(url: str, version: Version) -> str:
    """An image's URL as the old help center's page loaded it: /hc/article_attachments/… is on its host."""
    return urljoin(version.html_url, url) if version.html_url else url


def _attachment(url: str, source: Path, category: str, files: dict[str, Content],
                downloaded: Path | None) -> str | None:
    """The image saved next to the export, or ``downloaded``, copied into the category's assets; None when
    it is only on the old help center."""
    found = _saved(url, source) or downloaded
    if not found:
        return None
    match = _ATTACHMENT_URL.search(unquote(urlsplit(url).path))
    name = f"{match.group(1)}-{found.name}" if match else found.name
    if files.get(f"{CONTENT_DIR}/{category}/assets/{name}", found) != found:  # another image of that name
        name = f"{found.parent.name}-{name}"
    files[f"{CONTENT_DIR}/{category}/assets/{name}"] = found
    return f"assets/{name}"


def _saved(url: str, source: Path) -> Path | None:
    """The image saved next to the export: under its URL's path, or article_attachments/<id>/<name>."""
    if source.is_file():
        source = source.parent
    path = unquote(urlsplit(url).path)
    match = _ATTACHMENT_URL.search(path)
    candidates = [source / path.lstrip("/")]
    if match:
        candidates.append(source / "article_attachments" / match.group(1) / match.group(2))
    return next((c for c in candidates if c.is_file() and c.resolve().is_relative_to(source)), None)


def _explained(kind: str, url: str, downloads: Downloads | None) -> str:
    """A note on an image that did not come along, with the reason its download failed."""
    why = downloads.why_not(url) if downloads and kind.startswith("image only") else None
    return f"image not downloaded: {why} (left as a comment)" if why else kind


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources += [value for name, value in attrs if name == "src" and value]


def _image_sources(body: str) -> list[str]:
    """The src of every <img> of an article's HTML."""
    parser = _ImageSources()
    parser.feed(body)
    return parser.sources


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    return 1


def _plain(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html_text)).strip()


class HelpCenterMarkdown(MarkdownConverter):
    """markdownify, with what a help center's HTML needs: code blocks keep their language, a ``|`` in a
    table cell stays in its cell, links to other articles follow the import, images come along when
    they were saved, and what has no Markdown form is noted for the report."""

    def __init__(self, link: Callable[[str], str | None], image: Callable[[str], str | None],
                 note: Callable[[str, str], None], count: Callable[[list[str]], None]) -> None:
        super().__init__(heading_style="ATX", bullets="-", table_infer_header=True,
                         code_language_callback=self._language)
        self._link, self._image, self._note, self._count = link, image, note, count

    @staticmethod
    def _language(pre) -> str:
        for element in (pre, pre.find("code")):
            for name in (element.get("class") or []) if element is not None else []:
                match = re.match(r"^(?:language|lang)-([\w+#-]+)$", name)
                if match:
                    return match.group(1)
        return ""

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        # Text the HTML showed as text must not become a tag, an entity, a heading or a list item.
        text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
        text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
        text = re.sub(r"^(\s*\d+)([.)])(?=\s)", r"\1\\\2", text)
        return re.sub(r"^(\s*)(#{1,6}|[-+])(?=\s)", r"\1\\\2", text)

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_table(self, el, text, parent_tags):
        self._count(["table"])
        return super().convert_table(el, text, parent_tags)

    def convert_pre(self, el, text, parent_tags):
        self._count(["code block"])
        return super().convert_pre(el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        new = self._link(href) if href else None
        if new is not None:
            self._count(["link to another article"])
            el = el.__copy__()
            el["href"] = new
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        src = el.get("src") or ""
        new = self._image(src) if src else None
        if new is None:
            self._note("image only on the old help center (left as a comment; save it beside the export)", src)
            return f"<!-- kbgen import: image not downloaded: {src} -->"
        self._count(["image copied"])
        el = el.__copy__()
        el["src"] = new
        return super().convert_img(el, text, parent_tags)

    def convert_iframe(self, el, text, parent_tags):
        src = el.get("src") or ""
        if not src:
            return ""
        self._note("embedded frame (now a link)", src)
        return f"\n\n[{el.get('title') or src}]({src})\n\n"


def _write_summary(stream: TextIO, export: Export, plans: list[_Planned], added: list[str], languages: list[str],
                   converted: Counter[str], unconverted: list[tuple[str, Unconverted]],
                   downloads: Downloads | None) -> None:
    locales = Counter(locale for versions in export.versions.values() for locale in versions)
    stream.write(f"recognised: a Zendesk Guide export (Help Center API): {len(export.articles)} articles in "
                 + ", ".join(f"{locale} {n}" for locale, n in sorted(locales.items()))
                 + f"; {len(export.sections)} sections, {len(export.categories)} categories, "
                 f"{len(export.users)} users\n")
    categories = Counter(p.category for p in plans)
    translations = sum(len(p.texts) - 1 for p in plans)
    drafts = sum(v.draft for p in plans for v in p.texts.values())
    stream.write(f"imported {len(plans)} articles and {translations} translations into {len(categories)} "
                 f"categories ({', '.join(f'{c} {n}' for c, n in categories.items())}); {drafts} drafts"
                 f"{downloaded(len(downloads.files) if downloads else None)}\n")
    if added:
        stream.write(f"added to {CONFIG_FILE}: categories {', '.join(added)}\n")
    if languages:
        stream.write(f"added to {CONFIG_FILE}: languages {', '.join(languages)}\n")
    for orphan in export.orphans[:SHOWN_PER_KIND]:
        stream.write(f"skipped: {orphan} (the article is not in the export)\n")
    write_converted(stream, converted)
    write_needs_a_writer(stream, unconverted)

