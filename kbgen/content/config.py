"""site_config.yml -> a typed, validated SiteConfig. All problems are collected, then reported."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator

from kbgen.content.duration import Duration
from kbgen.content.strict_yaml import YamlError, load_yaml
from kbgen.content.validation import StrictModel, model_keys, schema_problems
from kbgen.errors import ConfigError

CONFIG_FILE = "site_config.yml"
FEEDBACK_FIELDS = {"id", "title", "url", "lang", "vote", "reviewed"}
RULE_CODE = re.compile(r"^KB\d{1,3}$")
OWNER = r"^(@[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$"

DurationField = Annotated[Duration, BeforeValidator(Duration.parse)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


def _localized(value: object) -> object:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and all(
        isinstance(k, str) and re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", k) and isinstance(v, str)
        for k, v in value.items()
    ):
        return value
    raise ValueError("expected a text, or a mapping of language code to text such as {ja: …, en: …}")


# A text in the default language, or one per language ({ja: …, en: …}).
Localized = Annotated[str | dict[str, str], BeforeValidator(_localized)]
RuleLevel = Literal["error", "warning", "info", "off"]


def text_in(value: Localized | None, lang: str, fallback: str) -> str:
    """The ``lang`` version of a localized setting, else the default language's, else ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get(fallback) or ""


class SiteSettings(StrictModel):
    name: Localized
    url: str
    language: LanguageCode = "ja"
    languages: list[LanguageCode] = []
    description: Localized | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError("expected an http(s) URL such as https://example.github.io/help/")
        return value if value.endswith("/") else value + "/"

    @model_validator(mode="after")
    def _languages(self) -> SiteSettings:
        if not self.languages:
            object.__setattr__(self, "languages", [self.language])
        elif self.language not in self.languages:
            raise ValueError(f"site.language '{self.language}' must be one of site.languages")
        return self


class CategorySettings(StrictModel):
    title: Localized
    description: Localized | None = None


class FreshnessSettings(StrictModel):
    review_every: DurationField = Duration(180, "d")
    warn_before: DurationField = Duration(30, "d")


class FeedbackSettings(StrictModel):
    url: str | None = None
    contact_url: str | None = None

    @field_validator("url")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise ValueError(f"expected a URL template with {{placeholders}}: {exc}") from None
        unknown = names - FEEDBACK_FIELDS
        if unknown:
            raise ValueError(
                f"unknown placeholder {{{sorted(unknown)[0]}}}; use "
                + ", ".join("{" + name + "}" for name in sorted(FEEDBACK_FIELDS))
            )
        return value


class Term(StrictModel):
    use: str
    instead_of: list[str]


class SearchSettings(StrictModel):
    synonyms: list[list[str]] = []

    @field_validator("synonyms")
    @classmethod
    def _groups(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            words = [word.strip() for word in group]
            if len(words) < 2 or not all(words):
                raise ValueError(f"a synonym group needs two or more non-empty words, got {group}")
        return groups


class LintSettings(StrictModel):
    max_sentence_length: int = Field(100, gt=0)
    near_duplicate_threshold: float = Field(0.6, gt=0, le=1)


class ReportSettings(StrictModel):
    """`kbgen report` and the knowledge managers' page (report/, unlisted, noindex) in the built site."""

    page: bool = False
    feedback: str | None = None  # a feedback export (CSV or JSON), relative to the KB root, for the page
    helpful_threshold: float = Field(0.5, ge=0, le=1)
    min_votes: int = Field(5, ge=1)


class SiteConfig(StrictModel):
    site: SiteSettings
    categories: dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")], CategorySettings]
    freshness: FreshnessSettings = FreshnessSettings()
    feedback: FeedbackSettings = FeedbackSettings()
    terms: list[Term] = []
    search: SearchSettings = SearchSettings()
    lint: LintSettings = LintSettings()
    report: ReportSettings = ReportSettings()
    rules: dict[str, RuleLevel] = {}
    owners: list[str] = []  # when given, the only owners KB206 accepts

    @field_validator("owners")
    @classmethod
    def _owners(cls, value: list[str]) -> list[str]:
        for owner in value:
            if not re.match(OWNER, owner):
                raise ValueError(f"'{owner}' is not a @handle or an e-mail address")
        return value

    @field_validator("rules")
    @classmethod
    def _rule_codes(cls, value: dict[str, str]) -> dict[str, str]:
        for code in value:
            if not RULE_CODE.match(code):
                raise ValueError(f"'{code}' is not a rule code or prefix such as KB2 or KB301")
        return value

    @field_validator("categories")
    @classmethod
    def _some_categories(cls, value: dict) -> dict:
        if not value:
            raise ValueError("expected at least one category")
        return value


def load_config(root: Path) -> SiteConfig:
    """Read and validate ``root/site_config.yml``; raise ConfigError listing every problem."""
    path = root / CONFIG_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [f"{CONFIG_FILE}: not found in {root.resolve()} (run kbgen in the KB's folder, or kbgen init)"]
        ) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{CONFIG_FILE}: not UTF-8 ({exc.reason} at byte {exc.start})"]) from None
    try:
        data, lines = load_yaml(text)
    except YamlError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        raise ConfigError([f"{CONFIG_FILE}:{exc.line}: {exc.message}{hint}"]) from None
    if not isinstance(data, dict):
        raise ConfigError([f"{CONFIG_FILE}:1: expected a mapping of settings (site, categories, ...)"])
    try:
        return SiteConfig.model_validate(data)
    except ValidationError as exc:
        problems = sorted(schema_problems(exc, lines, model_keys(SiteConfig)), key=lambda p: p.line)
        raise ConfigError(
            [f"{CONFIG_FILE}:{p.line}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems]
        ) from None
