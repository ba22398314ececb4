"""The MkDocs plugin that hands kbgen's site plan to the templates.

Registered as the ``kbgen`` entry point in ``mkdocs.plugins``; the builder fills in
``plan`` before each build. Only this package may import mkdocs.
"""

from __future__ import annotations

import html
import posixpath
import re

from jinja2 import BytecodeCache
from markupsafe import Markup
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from kbgen.render.site_plan import LanguagePlan, Page

_MD_LINK = re.compile(r"(\]\()(<?)([^)\s<>#]+\.md)(#[^)\s>]*)?(>?)")


def _is_kbgen_template(name: str | None) -> bool:
    return bool(name) and name.startswith("kbgen/")


class TemplateCache(BytecodeCache):
    """Compiled templates kept for the next language's build of the same site.

    Each MkDocs build makes a fresh Jinja environment; compiling Material's templates
    again for every language cost seconds per build. Jinja checks each source's checksum.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class KbgenPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.plan: LanguagePlan | None = None
        self.shared: dict = {}
        self._pages: dict[str, Page] = {}
        self._fallback_urls: dict[str, str] = {}
        self._templates: TemplateCache | None = None

    def configure(self, plan: LanguagePlan, shared: dict, fallback_urls: dict[str, str],
                  templates: TemplateCache) -> None:
        """``fallback_urls`` maps docs paths missing from this language to site-root URLs of another."""
        self.plan = plan
        self.shared = shared
        self._pages = {page.src: page for page in plan.pages}
        self._fallback_urls = fallback_urls
        self._templates = templates

    def on_files(self, files, config):
        """The plan's pages straight from memory: writing, reading and deleting them cost as much."""
        for page in self.plan.pages:
            files.append(File.generated(config, page.src, content=page.markdown))
        return files

    def on_env(self, env, config, files):
        env.bytecode_cache = self._templates
        # kbgen's templates escape what they print (titles and summaries are writers' text);
        # Material's own templates are not written for autoescape, so they keep it off.
        env.autoescape = _is_kbgen_template
        return env

    def on_page_markdown(self, markdown, page, config, files):
        info = self._pages.get(page.file.src_uri)
        if info is None:
            return markdown
        # Material prints these unescaped (the title in <title> and the header, the summary in
        # a meta attribute), so they are handed over as HTML text.
        page.meta["title"] = html.escape(info.title)
        if info.kind == "article":
            page.meta["description"] = html.escape(info.context["summary"])
        elif info.context.get("description"):
            page.meta["description"] = html.escape(info.context["description"])
        if self._fallback_urls and self.plan is not None:
            markdown = self._rewrite_untranslated_links(markdown, page.file.src_uri)
        return markdown

    def on_page_context(self, context, page, config, nav):
        info = self._pages.get(page.file.src_uri)
        context["kb_page"] = {"kind": info.kind, "title": info.title, **info.context} if info else {"kind": "other"}
        context["kb"] = self.shared
        page.content = Markup(page.content or "")  # the rendered article body is HTML by design
        return context

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


