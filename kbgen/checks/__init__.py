"""The check engine: runs every registered rule, stamps code, path and configured severity,
applies per-article suppressions and sorts.

Rule modules are imported here by name (one per family, KB1xx..KB5xx); importing one registers its rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kbgen.checks import consistency, freshness, japanese, links, prose, schema  # noqa: F401  (registers the rules)
from kbgen.checks.prose import disabled_codes
from kbgen.checks.registry import ARTICLE, KB, RULES, CheckContext, LinkStatus, Problem, Rule
from kbgen.config import SiteConfig
from kbgen.findings import Finding, Severity, sort_findings
from kbgen.model import KnowledgeBase


@dataclass(frozen=True)
class CheckOptions:
    today: date
    external: bool = False
    fetch: Callable[[list[str]], dict[str, LinkStatus]] | None = None  # the external link fetcher


def run_checks(kb: KnowledgeBase, load_findings: list[Finding], options: CheckOptions) -> list[Finding]:
    """Every finding for ``kb``, with the severities site_config.yml asks for; 'off' and silenced ones dropped."""
    fetch = None
    if options.external:
        fetch = options.fetch
        if fetch is None:
            from kbgen.linkcheck import fetch_all as fetch
    context = CheckContext(kb, options.today, fetch)
    findings = list(load_findings)
    for rule in RULES.values():
        if configured_level(rule.code, kb.config) == "off":
            continue
        if rule.scope == ARTICLE:
            for article in kb.articles:
                findings.extend(_stamp(rule, article.path, p) for p in rule.check(article, context))
        elif rule.scope == KB:
            findings.extend(_stamp(rule, p.path or "", p) for p in rule.check(kb, context))
    silenced = {a.path: codes for a in kb.articles if (codes := disabled_codes(a))}
    findings = [f for f in findings if not f.code.startswith(silenced.get(f.path, ("\0",)))]
    for per_run_cache in (prose.text_lines, links.links_of_body, links.heading_ids):
        per_run_cache.cache_clear()  # sized for a whole KB; `kbgen build` renders after this
    return sort_findings(apply_severity_overrides(findings, kb.config))


def _stamp(rule: Rule, path: str, problem: Problem) -> Finding:
    return Finding(rule.code, rule.severity, path, problem.line, problem.message, problem.hint, problem.column)


def apply_severity_overrides(findings: list[Finding], config: SiteConfig) -> list[Finding]:
    result = []
    for finding in findings:
        level = configured_level(finding.code, config)
        if level == "off":
            continue
        result.append(finding.with_severity(Severity(level)) if level else finding)
    return result


def configured_level(code: str, config: SiteConfig) -> str | None:
    """The most specific `rules:` entry for ``code`` (KB301 beats KB3), or None."""
    matches = [prefix for prefix in config.rules if code.startswith(prefix)]
    return config.rules[max(matches, key=len)] if matches else None
