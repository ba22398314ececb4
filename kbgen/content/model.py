"""The content model: articles, shared answer blocks and the knowledge base that holds them.

Knows nothing of checks or rendering. Front matter is validated here, at the edge,
so everything downstream can trust an Article.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import unquote

from pydantic import BeforeValidator, Field, field_validator

from kbgen.content.config import DurationField, SiteConfig
from kbgen.content.validation import StrictModel

ARTICLE_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"

StrictDate = Annotated[date, BeforeValidator(lambda v: _iso_date(v))]


def _iso_date(value: object) -> object:
    # YAML gives a date for 2026-10-01; a quoted "2026-10-01" is accepted too, nothing looser.
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("expected an ISO date such as 2026-10-01") from None
    if isinstance(value, date):
        return value
    raise ValueError("expected an ISO date such as 2026-10-01")


class FrontMatter(StrictModel):
    """An article's YAML front matter (PRODUCT.md section 3)."""

    title: str = Field(min_length=1)
    summary: str
    category: str
    owner: str = Field(min_length=1)
    last_reviewed: StrictDate
    review_every: DurationField | None = None
    expires: StrictDate | None = None
    status: Literal["draft", "published", "archived"] = "published"
    # A factory, not a [] pydantic would deep-copy for every article without the field.
    tags: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    id: Annotated[str, Field(pattern=ARTICLE_ID)] | None = None

    @field_validator("tags", "related", "aliases", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("aliases")
    @classmethod
    def _paths_inside_the_site(cls, aliases: list[str]) -> list[str]:
        # Each alias becomes a folder of the built site: a query, a fragment, a host or a way out of
        # the site has no folder a static host would serve for it.
        unusable = [alias for alias in aliases if not alias.strip("/") or any(c in alias for c in "?#\\")
                    or "://" in alias or ".." in unquote(alias).split("/")]
        if unusable:
            raise ValueError("expected the path of an old URL of this help center, such as faq/password, got "
                             + ", ".join(f"'{alias}'" for alias in unusable))
        return aliases


def alias_path(alias: str) -> str:
    """The site path an alias names, read as a host reads a request: '/faq/%E3%83%91/' -> 'faq/パ'."""
    return posixpath.normpath(unquote(alias).strip("/"))


class SnippetFrontMatter(StrictModel):
    """A shared answer block's front matter: who owns it and when it was last checked."""

    owner: str = Field(min_length=1)
    last_reviewed: StrictDate
    title: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    path: str  # relative to the KB root, forward slashes: content/account/reset-password.md
    meta: FrontMatter
    body: str
    body_line: int  # the file line on which the body starts
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    is_translation: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.lang)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def summary(self) -> str:
        return self.meta.summary

    @property
    def category(self) -> str:
        return self.meta.category

    @property
    def published(self) -> bool:
        return self.meta.status == "published"

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, 1)


@dataclass(frozen=True)
class Snippet:
    name: str  # file name inside content/_snippets, e.g. open-settings.md
    path: str
    meta: SnippetFrontMatter
    body: str
    body_line: int


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    config: SiteConfig
    articles: tuple[Article, ...]
    snippets: dict[str, Snippet]
    files: frozenset[str]  # every file under content/, relative to the root

    @property
    def default_language(self) -> str:
        return self.config.site.language

    def get(self, article_id: str, lang: str | None = None) -> Article | None:
        return self._index.get((article_id, lang or self.default_language))

    def at_path(self, path: str) -> Article | None:
        """The article in the file at ``path`` (relative to the root: content/billing/invoices.md)."""
        return self._by_path.get(path)

    def published(self, lang: str | None = None) -> list[Article]:
        return [a for a in self.articles if a.published and (lang is None or a.lang == lang)]

    def translations(self, article_id: str) -> list[Article]:
        return self._by_id.get(article_id, [])

    @cached_property
    def _index(self) -> dict[tuple[str, str], Article]:
        return {a.key: a for a in self.articles}

    @cached_property
    def _by_path(self) -> dict[str, Article]:
        return {a.path: a for a in self.articles}

    @cached_property
    def _by_id(self) -> dict[str, list[Article]]:
        """Every language of an article; a scan per article made large sites quadratic."""
        by_id: dict[str, list[Article]] = {}
        for a in self.articles:
            by_id.setdefault(a.id, []).append(a)
        return by_id
