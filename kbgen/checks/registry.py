"""The rule registry: every rule's code, name, default severity, message and documentation.

A rule is a small pure generator registered with ``@rule``: it takes an article (or the
whole knowledge base) and a CheckContext and yields Problems. The engine stamps the code,
the path and the configured severity; the rule's docstring is its documentation page.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from kbgen.content.config import SiteConfig
from kbgen.content.model import KnowledgeBase
from kbgen.findings import Severity

ARTICLE, KB, LOAD = "article", "kb", "load"  # what a rule runs over; LOAD rules are reported by the loader
DOC_SECTIONS = ("## Why", "## Example", "## Fix")


@dataclass(frozen=True)
class Problem:
    """What a rule yields: where and what; ``path`` only for whole-KB rules."""

    line: int | None
    message: str
    hint: str = ""
    column: int | None = None
    path: str | None = None


@dataclass(frozen=True)
class LinkStatus:
    """The answer of an external link fetch: ``error`` is None when the link works."""

    url: str
    error: str | None


@dataclass(frozen=True)
class CheckContext:
    kb: KnowledgeBase
    today: date
    fetch: Callable[[list[str]], dict[str, LinkStatus]] | None = None  # only with --external

    @property
    def config(self) -> SiteConfig:
        return self.kb.config


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    message: str  # one line: what the rule flags
    scope: str
    check: Callable[..., Iterable[Problem]] | None
    doc: str

    @property
    def family(self) -> str:
        return self.code[:3]


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, message: str, scope: str = ARTICLE):
    """Register the decorated generator as rule ``code``; its docstring is the rule's doc page."""

    def register(check: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        _add(Rule(code, name, severity, message, scope, check, inspect.cleandoc(check.__doc__ or "")))
        return check

    return register


def load_rule(code: str, name: str, message: str, doc: str) -> None:
    """Document a finding the loader reports itself (a file it cannot load has no article to check)."""
    _add(Rule(code, name, Severity.ERROR, message, LOAD, None, inspect.cleandoc(doc)))


def _add(new: Rule) -> None:
    if new.code in RULES:
        raise ValueError(f"rule code {new.code} registered twice")
    RULES[new.code] = new

