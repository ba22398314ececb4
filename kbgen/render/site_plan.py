"""What the site contains, as plain data: the pages per language and what their templates show.

Separate from the MkDocs glue so that it can be read and tested without the engine.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from kbgen.content.config import text_in
from kbgen.content.freshness import is_overdue
from kbgen.content.model import Article, KnowledgeBase, alias_path
from kbgen.render.strings import count_text, format_date, ui_strings

RECENT_COUNT = 8


@dataclass
class Page:
    src: str  # docs-relative Markdown path, e.g. account/reset-password.md
    kind: str  # home | category | article; templates/kbgen/<kind>.html draws it
    title: str
    markdown: str
    context: dict = field(default_factory=dict)
    lastmod: str = ""  # ISO date for the sitemap: the newest review of what the page shows


@dataclass(frozen=True)
class Redirect:
    path: str  # folder relative to the language root whose index.html redirects, e.g. faq/password/
    href: str  # the target, relative to that folder
    url: str  # the target's absolute URL (canonical)


@dataclass
class LanguagePlan:
    lang: str
    prefix: str  # '' for the default language, 'en/' for the others
    pages: list[Page]
    nav: list[tuple[str, str]]  # (title, src) in order
    assets: list[tuple[str, str]]  # (KB-relative source file, docs-relative target)
    redirects: list[Redirect] = field(default_factory=list)

    def sitemap(self, site_url: str, default_language: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(absolute URL, lastmod, language versions) of every page, in plan order.

        The versions (hreflang, absolute URL) tell search engines which page to show in which language:
        the page itself and its translations, and the default language's for everyone else ("x-default");
        none for a page in one language only. (They live here rather than in each page's <head>, where
        Material's script would fetch a sitemap.xml next to every linked version.)
        """
        entries = []
        for page in self.pages:
            if page.kind == "search":  # a results page without a query is nothing to index
                continue
            url = self.prefix + page_path(page.src)
            versions = {self.lang: url} | {alt["lang"]: alt["url"] for alt in page.context.get("alternates", [])
                                           if alt["same_page"]}
            hreflang = sorted((lang, site_url + href) for lang, href in versions.items())
            if len(hreflang) == 1:
                hreflang = []
            elif default_language in versions:  # not when the default language's version is a draft
                hreflang.append(("x-default", site_url + versions[default_language]))
            entries.append((site_url + url, page.lastmod, hreflang))
        return entries


def page_path(src: str) -> str:
    """The directory URL MkDocs gives a docs file: account/index.md -> account/, account/a.md -> account/a/."""
    if src == "index.md":
        return ""
    return src[: -len("index.md")] if src.endswith("/index.md") else src[: -len(".md")] + "/"


def article_src(article: Article) -> str:
    return f"{article.category}/{article.id}.md"


def article_url(article: Article, default_language: str) -> str:
    """The article's URL relative to the site root (every URL in the plan is)."""
    return f"{language_prefix(article.lang, default_language)}{article.category}/{article.id}/"


def language_prefix(lang: str, default_language: str) -> str:
    return "" if lang == default_language else f"{lang}/"


def feedback_link(template: str, values: dict[str, str]) -> str:
    return template.format(**{k: _query_value(str(v)) for k, v in values.items()})


@functools.lru_cache(maxsize=1 << 16)
def _query_value(text: str) -> str:
    """URL-quoted; remembered, as `kbgen serve` plans the same titles and URLs again on every save."""
    return quote(text, safe="")


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json">: no text can close the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def plan_site(kb: KnowledgeBase, today: date) -> list[LanguagePlan]:
    config = kb.config
    default = config.site.language
    built = [lang for lang in config.site.languages if lang == default or kb.published(lang)]
    urls: dict[str, dict[str, str]] = {}  # article id -> {language: URL}, for links between translations
    for article in kb.published():
        if article.lang in built:
            urls.setdefault(article.id, {})[article.lang] = article_url(article, default)
    return [_plan_language(kb, lang, built, urls, today) for lang in built]


def _plan_language(kb: KnowledgeBase, lang: str, built: list[str], urls: dict[str, dict[str, str]],
                   today: date) -> LanguagePlan:
    config = kb.config
    strings = ui_strings(lang)
    default = config.site.language
    prefix = language_prefix(lang, default)
    articles = sorted(kb.published(lang), key=lambda a: (a.category, a.title, a.id))
    by_category: dict[str, list[Article]] = {key: [] for key in config.categories}
    for article in articles:
        by_category[article.category].append(article)
    categories = [_category_info(kb, key, lang, len(by_category[key])) for key in config.categories
                  if by_category[key]]
    categories_in = {other: {a.category for a in kb.published(other)} for other in built}

    def alternates(url_in: dict[str, str]) -> list[dict]:
        return _alternates(lang, built, default, url_in)

    def card(article: Article) -> dict:
        return {"id": article.id, "title": article.title, "summary": article.summary,
                "url": article_url(article, default),
                "last_reviewed": article.meta.last_reviewed.isoformat(),
                "last_reviewed_text": format_date(article.meta.last_reviewed, lang)}

    def newest(group: list[Article]) -> str:
        return max(a.meta.last_reviewed for a in group).isoformat() if group else ""

    home_crumb = {"title": strings["home"], "url": prefix}
    recent = sorted(articles, key=lambda a: (a.meta.last_reviewed, a.id), reverse=True)[:RECENT_COUNT]
    site_name = text_in(config.site.name, lang, default)
    pages = [Page("index.md", "home", site_name, "", {
        "categories": categories,
        "recent": [card(a) for a in recent],
        "description": text_in(config.site.description, lang, default),
        "alternates": alternates({other: language_prefix(other, default) for other in built}),
    }, newest(articles))]
    for info in categories:
        members = by_category[info["key"]]
        faq = {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": lang,
               "name": info["title"], "url": config.site.url + info["url"],
               "mainEntity": [{"@type": "Question", "name": a.title,
                               "acceptedAnswer": {"@type": "Answer", "text": a.summary,
                                                  "url": config.site.url + article_url(a, default)}}
                              for a in members]}
        pages.append(Page(f"{info['key']}/index.md", "category", info["title"], "", {
            "category": info,
            "breadcrumbs": [home_crumb],
            "articles": [card(a) for a in members],
            "json_ld": json_ld(faq),
            "alternates": alternates({other: f"{language_prefix(other, default)}{info['key']}/"
                                      for other in built if info["key"] in categories_in[other]}),
        }, newest(members)))
    for article in articles:
        pages.append(Page(article_src(article), "article", article.title, article.body,
                          _article_context(kb, article, lang, built, urls[article.id], card, today),
                          article.meta.last_reviewed.isoformat()))

    pages.append(Page("search.md", "search", strings["search_label"], "", {  # search/?q=…, outside the nav
        "alternates": alternates({other: f"{language_prefix(other, default)}search/" for other in built}),
    }))
    nav = [(strings["home"], "index.md")] + [(c["title"], f"{c['key']}/index.md") for c in categories]
    return LanguagePlan(lang, prefix, pages, nav, _assets(kb), _redirects(kb, articles))


def _alternates(lang: str, built: list[str], default: str, url_in: dict[str, str]) -> list[dict]:
    """For the language switcher: the page in each other language (``url_in``), else that language's home."""
    return [{"lang": other, "name": ui_strings(other)["language_name"],
             "url": url_in.get(other, language_prefix(other, default)), "same_page": other in url_in}
            for other in built if other != lang]


def _category_info(kb: KnowledgeBase, key: str, lang: str, count: int) -> dict:
    settings = kb.config.categories[key]
    default = kb.config.site.language
    return {
        "key": key,
        "title": text_in(settings.title, lang, default),
        "description": text_in(settings.description, lang, default),
        "url": f"{language_prefix(lang, default)}{key}/",
        "count": count,
        "count_text": count_text(count, lang),
    }


def _article_context(kb: KnowledgeBase, article: Article, lang: str, built: list[str], urls: dict[str, str], card,
                     today: date) -> dict:
    config = kb.config
    meta = article.meta
    default = config.site.language
    page_url = config.site.url + article_url(article, default)
    related = [kb.get(rid, lang) or kb.get(rid) for rid in meta.related]
    translations = {code: url for code, url in urls.items() if code != lang}
    category = _category_info(kb, article.category, lang, 0)
    return {
        "id": article.id,
        "lang": lang,
        "summary": article.summary,
        "page_url": page_url,
        "category": category,
        "breadcrumbs": [{"title": ui_strings(lang)["home"], "url": language_prefix(lang, default)},
                        {"title": category["title"], "url": category["url"]}],
        "last_reviewed": meta.last_reviewed.isoformat(),
        "last_reviewed_text": format_date(meta.last_reviewed, lang),
        "overdue": is_overdue(article, config, today),
        "tags": list(meta.tags),
        "related": [card(r) for r in related if r is not None and r.published],
        "translations": [{"lang": code, "name": ui_strings(code)["language_name"], "url": url}
                         for code, url in translations.items()],
        "alternates": _alternates(lang, built, default, translations),
        "contact_url": config.feedback.contact_url,
    }


def drawn_article_context(page: Page, feedback_template: str | None) -> dict:
    """An article page's template context, with its feedback links and JSON-LD added as the page is drawn.

    Both only restate the plan's own fields; made for every article up front they were the largest
    part of the plan (some 40 MB at 10,000 articles), held through the whole build.
    """
    context = page.context
    feedback = None
    if feedback_template:
        values = {"id": context["id"], "title": page.title, "url": context["page_url"], "lang": context["lang"],
                  "reviewed": context["last_reviewed"]}
        feedback = {vote: feedback_link(feedback_template, {**values, "vote": vote}) for vote in ("yes", "no")}
    structured = {"@context": "https://schema.org", "@type": "Article", "headline": page.title,
                  "description": context["summary"], "inLanguage": context["lang"], "url": context["page_url"],
                  "mainEntityOfPage": context["page_url"], "dateModified": context["last_reviewed"],
                  "articleSection": context["category"]["title"]}
    if context["tags"]:
        structured["keywords"] = list(context["tags"])
    return {**context, "feedback": feedback, "json_ld": json_ld(structured)}


def _redirects(kb: KnowledgeBase, articles: list[Article]) -> list[Redirect]:
    """Old URLs (``aliases``) of this language's articles, relative to the language root."""
    default = kb.config.site.language
    redirects = []
    for article in articles:
        target = article_url(article, default)
        prefix = language_prefix(article.lang, default)
        for alias in article.meta.aliases:
            path = alias_path(alias) + "/"
            if path.startswith("../") or path == "./":
                continue  # an alias outside the site cannot be written; the linter reports it (KB106)
            depth = (prefix + path).count("/")
            redirects.append(Redirect(path, "../" * depth + target, kb.config.site.url + target))
    return sorted(redirects, key=lambda r: r.path)


def _assets(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Images and other non-Markdown files next to the articles, copied as they are."""
    assets = []
    for rel in sorted(kb.files):
        parts = rel.split("/")
        if len(parts) >= 3 and not rel.endswith(".md") and parts[1] != "_snippets":
            assets.append((rel, "/".join(parts[1:])))
    return assets
