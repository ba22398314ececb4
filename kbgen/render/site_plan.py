"""What the site contains, as plain data: the pages per language and what their templates show.

Separate from the MkDocs glue so that it can be read and tested without the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from kbgen.config import text_in
from kbgen.model import Article, KnowledgeBase
from kbgen.render.strings import format_date, ui_strings

RECENT_COUNT = 8


@dataclass
class Page:
    src: str  # docs-relative Markdown path, e.g. account/reset-password.md
    kind: str  # home | category | article | search
    title: str
    markdown: str
    context: dict = field(default_factory=dict)


@dataclass
class LanguagePlan:
    lang: str
    prefix: str  # '' for the default language, 'en/' for the others
    pages: list[Page]
    nav: list[tuple[str, str]]  # (title, src) in order
    assets: list[tuple[str, str]]  # (KB-relative source file, docs-relative target)


def article_src(article: Article) -> str:
    return f"{article.category}/{article.id}.md"


def article_url(article: Article, default_language: str) -> str:
    """The article's URL relative to the site root (every URL in the plan is)."""
    return f"{language_prefix(article.lang, default_language)}{article.category}/{article.id}/"


def language_prefix(lang: str, default_language: str) -> str:
    return "" if lang == default_language else f"{lang}/"


def feedback_link(template: str, values: dict[str, str]) -> str:
    return template.format(**{k: quote(str(v), safe="") for k, v in values.items()})


def plan_site(kb: KnowledgeBase, today: date) -> list[LanguagePlan]:
    config = kb.config
    plans = []
    for lang in config.site.languages:
        prefix = language_prefix(lang, config.site.language)
        articles = sorted(kb.published(lang), key=lambda a: (a.category, a.title, a.id))
        if not articles and lang != config.site.language:
            continue
        plans.append(_plan_language(kb, lang, prefix, articles, today))
    return plans


def _plan_language(kb: KnowledgeBase, lang: str, prefix: str, articles: list[Article], today: date) -> LanguagePlan:
    config = kb.config
    strings = ui_strings(lang)
    default = config.site.language
    languages_built = [code for code in config.site.languages if code == default or kb.published(code)]
    by_category: dict[str, list[Article]] = {key: [] for key in config.categories}
    for article in articles:
        by_category[article.category].append(article)

    def category_info(key: str) -> dict:
        settings = config.categories[key]
        return {
            "key": key,
            "title": text_in(settings.title, lang, default),
            "description": text_in(settings.description, lang, default),
            "url": f"{prefix}{key}/",
            "count": len(by_category[key]),
        }

    def card(article: Article) -> dict:
        return {"id": article.id, "title": article.title, "summary": article.summary,
                "url": article_url(article, default),
                "last_reviewed": article.meta.last_reviewed.isoformat(),
                "last_reviewed_text": format_date(article.meta.last_reviewed, lang)}

    pages: list[Page] = []
    categories = [category_info(key) for key in config.categories if by_category[key]]
    recent = sorted(articles, key=lambda a: (a.meta.last_reviewed, a.id), reverse=True)[:RECENT_COUNT]
    site_name = text_in(config.site.name, lang, default)
    pages.append(Page("index.md", "home", site_name, "", {
        "categories": categories,
        "recent": [card(a) for a in recent],
        "description": text_in(config.site.description, lang, default),
    }))
    for info in categories:
        pages.append(Page(f"{info['key']}/index.md", "category", info["title"], "", {
            "category": info,
            "articles": [card(a) for a in by_category[info["key"]]],
        }))
    for article in articles:
        pages.append(Page(article_src(article), "article", article.title, article.body,
                          _article_context(kb, article, lang, languages_built, category_info, card, today)))

    pages.append(Page("search.md", "search", strings["search_label"], ""))  # search/?q=…, outside the nav
    nav = [(strings["home"], "index.md")] + [(c["title"], f"{c['key']}/index.md") for c in categories]
    return LanguagePlan(lang, prefix, pages, nav, _assets(kb))


def _article_context(kb, article, lang, languages_built, category_info, card, today) -> dict:
    config = kb.config
    meta = article.meta
    review_every = meta.review_every or config.freshness.review_every
    page_url = config.site.url + article_url(article, config.site.language)
    related = [kb.get(rid, lang) or kb.get(rid) for rid in meta.related]
    translations = [
        {"lang": t.lang, "name": ui_strings(t.lang)["language_name"],
         "url": article_url(t, config.site.language)}
        for t in kb.translations(article.id)
        if t.published and t.lang != lang and t.lang in languages_built
    ]
    feedback = None
    if config.feedback.url:
        values = {"id": article.id, "title": article.title, "url": page_url, "lang": lang,
                  "reviewed": meta.last_reviewed.isoformat()}
        feedback = {vote: feedback_link(config.feedback.url, {**values, "vote": vote}) for vote in ("yes", "no")}
    return {
        "id": article.id,
        "lang": lang,
        "summary": article.summary,
        "page_url": page_url,
        "category": category_info(article.category),
        "last_reviewed": meta.last_reviewed.isoformat(),
        "last_reviewed_text": format_date(meta.last_reviewed, lang),
        "overdue": review_every.after(meta.last_reviewed) < today,
        "tags": list(meta.tags),
        "related": [card(r) for r in related if r is not None and r.published],
        "translations": translations,
        "feedback": feedback,
        "contact_url": config.feedback.contact_url,
    }


def _assets(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Images and other non-Markdown files next to the articles, copied as they are."""
    assets = []
    for rel in sorted(kb.files):
        parts = rel.split("/")
        if len(parts) >= 3 and not rel.endswith(".md") and parts[1] != "_snippets":
            assets.append((rel, "/".join(parts[1:])))
    return assets
