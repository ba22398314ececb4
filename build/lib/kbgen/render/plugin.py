"""The MkDocs plugin that hands kbgen's site plan to the templates.

Registered as the ``kbgen`` entry point in ``mkdocs.plugins``; the builder fills in
``plan`` before each build. Only this package may import mkdocs.
"""

from __future__ import annotations

import posixpath
import re

import jinja2
from mkdocs.plugins import BasePlugin

from kbgen.render.site_plan import LanguagePlan, Page

_MD_LINK = re.compile(r"(\]\()(<?)([^)\s<>#]+\.md)(#[^)\s>]*)?(>?)")


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


class KbgenPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.plan: LanguagePlan | None = None
        self.shared: dict = {}
        self._pages: dict[str, Page] = {}
        self._fallback_urls: dict[str, str] = {}

    def configure(self, plan: LanguagePlan, shared: dict, fallback_urls: dict[str, str]) -> None:
        """``fallback_urls`` maps docs paths missing from this language to site-root URLs of another."""
        self.plan = plan
        self.shared = shared
        self._pages = {page.src: page for page in plan.pages}
        self._fallback_urls = fallback_urls

    def on_page_markdown(self, markdown, page, config, files):
        info = self._pages.get(page.file.src_uri)
        if info is None:
            return markdown
        page.meta["title"] = info.title
        if info.kind == "article":
            page.meta["description"] = info.context["summary"]
        elif info.kind == "report":
            page.meta["search"] = {"exclude": True}
        elif info.context.get("description"):
            page.meta["description"] = info.context["description"]
        if self._fallback_urls and self.plan is not None:
            markdown = self._rewrite_untranslated_links(markdown, page.file.src_uri)
        return markdown

    def on_env(self, env, config, files):
        env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    def on_page_context(self, context, page, config, nav):
        info = self._pages.get(page.file.src_uri)
        context["kb_page"] = {"kind": info.kind, "title": info.title, **info.context} if info else {"kind": "other"}
        context["kb"] = self.shared
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


