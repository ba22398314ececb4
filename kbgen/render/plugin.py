"""The MkDocs plugin that hands kbgen's site plan to the templates.

Registered as the ``kbgen`` entry point in ``mkdocs.plugins``; the builder fills in
``plan`` before each build. Only this package may import mkdocs.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import BasePlugin

from kbgen.render.site_plan import LanguagePlan, Page

_MD_LINK = re.compile(r"(\]\()(<?)([^)\s<>#]+\.md)(#[^)\s>]*)?(>?)")


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
        elif info.context.get("description"):
            page.meta["description"] = info.context["description"]
        if self._fallback_urls and self.plan is not None:
            markdown = self._rewrite_untranslated_links(markdown, page.file.src_uri)
        return markdown

    def on_page_context(self, context, page, config, nav):
        info = self._pages.get(page.file.src_uri)
        context["kb_page"] = {"kind": info.kind, "title": info.title, **info.context} if info else {"kind": "other"}
        context["kb"] = self.shared
        return context

    def on_template_context(self, context, template_name, config):
        """Static templates (the 404 page) get the shared context too: its search box needs it."""
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


