"""The MkDocs plugin that hands kbgen's site plan to the templates.

Registered as the ``kbgen`` entry point in ``mkdocs.plugins``; the builder fills in
``plan`` before each build. Only this package may import mkdocs.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
from markupsafe import escape
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.pages import (  # what MkDocs' Page.render registers for each page
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from kbgen.render.site_plan import LanguagePlan, Page, drawn_article_context
from kbgen.render.strings import alert_titles
from kbgen.workers import Claims

_MD_LINK = re.compile(r"(\]\()(<?)([^)\s<>#]+\.md)(#[^)\s>]*)?(>?)")
_ALERT_TITLE = re.compile(r'(<p class="admonition-title">)(Note|Tip|Important|Warning|Caution)(</p>)')


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept for the life of the process: compiling Material's templates is most
    of a small build's time, paid once per language per build and on every `kbgen serve` rebuild otherwise.
    Jinja checks each entry against the template source's checksum, so an edited template recompiles."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # By name only: kbgen's merged theme folder is a new temporary folder on every build.
        return name

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


class _ThemeListing:
    """Material ships some 29,000 icon files, and MkDocs lists and filters all of them on every build of
    every language (a third of a small build, and of each `kbgen serve` rebuild). The installed themes do
    not change while kbgen runs, so their filtered listing is kept per folder; the KB's own merged theme
    folder, new on every build, is always listed afresh."""

    def __init__(self) -> None:
        self._by_folder: dict[tuple[str, bool], list[str]] = {}

    def install(self, theme) -> None:
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.list_templates = lambda extensions=None, filter_func=None: self._list(
                env, theme.custom_dir, filter_func)
            return env

        theme.get_env = get_env

    def _list(self, env: jinja2.Environment, custom_dir: str | None, filter_func) -> list[str]:
        # The only caller with a filter is MkDocs' add_files_from_theme, whose filter is fixed for a config.
        names: set[str] = set()
        for folder in env.loader.searchpath:
            key = (folder, filter_func is None)
            listed = self._by_folder.get(key)
            if listed is None:
                listed = [n for n in jinja2.FileSystemLoader(folder).list_templates()
                          if filter_func is None or filter_func(n)]
                if folder != custom_dir:
                    self._by_folder[key] = listed
            names.update(listed)
        return sorted(names)


_THEME_LISTING = _ThemeListing()


@dataclass(frozen=True)
class Part:
    """What one MkDocs build writes of a language's site; by default all of it, into an empty folder."""

    changed: frozenset[str] | None = None  # only these pages, over the previous build (kbgen serve)
    claims: Claims | None = None  # only the article pages this process claims, besides other processes
    rest: bool = True  # every page but the articles, with the theme's files, 404.html, sitemap and redirects

    @property
    def dirty(self) -> bool:
        """Whether the build writes among other files (MkDocs' "dirty" build: no cleaning, only
        the pages that report themselves modified)."""
        return self.changed is not None or self.claims is not None


class _PlanFile(File):
    """A page of the plan, held in memory. MkDocs asks a file whether it changed only in a partial
    ("dirty") build, where for a generated file it would always answer yes: the plan knows better.
    An article shared out among processes is claimed when its first process gets to it."""

    changed = True
    claim: Callable[[], bool] | None = None

    def is_modified(self) -> bool:
        if self.claim is not None:
            self.changed, self.claim = self.claim(), None
        return self.changed


class _PlanPage(MkDocsPage):
    """A page of the plan. MkDocs makes a new Python-Markdown, loading every extension again, for each
    page it renders: a seventh of a build. A plan page converts with its build's one, reset in between as
    Python-Markdown intends; the rest is MkDocs' Page.render (MkDocs 1.6, the last 1.x)."""

    def __init__(self, title: str | None, file: File, config, converter: Callable[..., markdown.Markdown]) -> None:
        super().__init__(title, file, config)
        self._converter = converter

    def render(self, config, files) -> None:
        md = self._converter(config)
        md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)  # registering a name again replaces the previous page's processor
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative_paths = _RelativePathTreeprocessor(self.file, files, config)
        relative_paths._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        self.links_to_anchors = relative_paths.links_to_anchors


class KbgenPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.plan: LanguagePlan | None = None
        self.shared: dict = {}
        self._pages: dict[str, Page] = {}
        self._fallback_urls: dict[str, str] = {}
        self._progress: Callable[[str, int, int], None] | None = None
        self._pages_done = 0
        self._part = Part()
        self._markdown: markdown.Markdown | None = None

    def configure(self, plan: LanguagePlan, shared: dict, fallback_urls: dict[str, str],
                  progress: Callable[[str, int, int], None] | None = None, part: Part = Part()) -> None:
        """``fallback_urls`` maps docs paths missing from this language to site-root URLs of another."""
        self.plan = plan
        self._part = part
        self.shared = shared
        self._pages = {page.src: page for page in plan.pages}
        self._fallback_urls = fallback_urls
        self._progress = progress
        self._pages_done = 0
        self._markdown = None

    def _converter(self, config) -> markdown.Markdown:
        """This build's one Python-Markdown, made for its first page (see _PlanPage)."""
        if self._markdown is None:
            self._markdown = markdown.Markdown(extensions=config["markdown_extensions"],
                                               extension_configs=config["mdx_configs"] or {})
        return self._markdown

    def on_post_page(self, output, page, config):
        if self._progress is not None:
            self._pages_done += 1
            self._progress(f"rendering {self.plan.lang}", self._pages_done, len(self.plan.pages))
        return output

    def on_files(self, files, config):
        """The plan's pages straight from memory: writing, reading and deleting them cost as much."""
        part = self._part
        in_nav = {src: title for title, src in self.plan.nav}
        if not part.rest:  # the process building the rest copies the theme's and the KB's files
            for file in files:
                file.inclusion = InclusionLevel.EXCLUDED
        claimed = 0
        for page in self.plan.pages:
            article = page.kind == "article"
            if part.changed is not None:
                changed = page.src in part.changed
            else:
                changed = article or part.rest
            # An unchanged page outside the navigation is only a link target: as an excluded file MkDocs
            # still resolves links to it, but makes no page of it (at 1,000 articles making them was half
            # of a partial build).
            inclusion = InclusionLevel.UNDEFINED if changed or page.src in in_nav else InclusionLevel.EXCLUDED
            file = _PlanFile.generated(config, page.src, content=page.markdown, inclusion=inclusion)
            file.changed = changed
            if not inclusion.is_excluded():  # MkDocs makes pages of the others only
                _PlanPage(in_nav.get(page.src), file, config, self._converter)
            if part.claims is not None and article:
                file.claim = functools.partial(part.claims.mine, claimed)
                claimed += 1
            files.append(file)
        return files

    def on_config(self, config):
        # A truthy, non-iterable `alternate` makes Material's header include partials/alternate.html (our
        # language switcher) without emitting <link rel=alternate>, which would let Material's script
        # rewrite every link that starts with the default language's root (the whole site).
        config.extra["alternate"] = True
        _THEME_LISTING.install(config.theme)
        if not self._part.rest:  # 404.html and sitemap.xml are the rest's
            config.theme.static_templates.clear()
        elif self._part.changed is not None:  # 404.html shows only what a partial build leaves as it was
            config.theme.static_templates.discard("404.html")
        return config

    def on_page_markdown(self, markdown, page, config, files):
        info = self._pages.get(page.file.src_uri)
        if info is None:
            return markdown
        # Material prints meta title and description unescaped (MkDocs' Jinja has no autoescape).
        if info.kind != "home":  # Material titles the home page with the site name alone
            page.meta["title"] = str(escape(info.title))
        description = info.context["summary"] if info.kind == "article" else info.context.get("description")
        if description:
            page.meta["description"] = str(escape(description))
        if info.kind == "report":
            page.meta["search"] = {"exclude": True}
        if self._fallback_urls and self.plan is not None:
            markdown = self._rewrite_untranslated_links(markdown, page.file.src_uri)
        return markdown

    def on_env(self, env, config, files):
        env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    def on_page_content(self, html, page, config, files):
        titles = alert_titles(self.plan.lang) if self.plan else {}
        if not titles:
            return html
        return _ALERT_TITLE.sub(lambda m: m.group(1) + titles[m.group(2)] + m.group(3), html)

    def on_page_context(self, context, page, config, nav):
        info = self._pages.get(page.file.src_uri)
        if info is None:
            context["kb_page"] = {"kind": "other"}
        else:
            drawn = drawn_article_context(info, self.shared["feedback_url"]) if info.kind == "article" else info.context
            context["kb_page"] = {"kind": info.kind, "title": info.title, **drawn}
        context["kb"] = self.shared
        return context

    def on_template_context(self, context, template_name, config):
        """404.html and sitemap.xml are not pages: they get the shared data only."""
        context["kb_page"] = {"kind": "other", "alternates": self.shared.get("homes", [])}
        context["kb"] = self.shared
        return context

    def on_post_build(self, config):
        """A small page per alias that sends the reader on to the article, relative so sub-paths work."""
        part = self._part
        if self.plan is None or not self.plan.redirects or part.changed is not None or not part.rest:
            return  # in place after a partial build; the rest's when the articles are shared out
        template = config.theme.get_env().get_template("kbgen/redirect.html")
        site_dir = Path(config.site_dir)
        for redirect in self.plan.redirects:
            target = site_dir / redirect.path / "index.html"
            if target.exists():
                continue  # an alias must never replace a real page
            target.parent.mkdir(parents=True, exist_ok=True)
            html = template.render(redirect=redirect, kb=self.shared, page_lang=self.plan.lang)
            target.write_text(html, encoding="utf-8")

    def _rewrite_untranslated_links(self, markdown: str, src: str) -> str:
        """A translated article may link to an article that exists only in the default language."""
        depth_prefix = self.plan.prefix
        here = posixpath.dirname(src)
        page_dir = depth_prefix + (src[: -len(".md")] + "/" if not src.endswith("index.md") else here + "/")

        def replace(match: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(here, match.group(3)))
            url = self._fallback_urls.get(target)
            if url is None:
                return match.group(0)
            relative = posixpath.relpath(url, page_dir.rstrip("/") or ".") + "/"
            return f"{match.group(1)}{match.group(2)}{relative}{match.group(4) or ''}{match.group(5)}"

        return _MD_LINK.sub(replace, markdown)


