"""The check engine: runs every registered rule, stamps code, path and configured severity,
applies per-article suppressions and sorts.

Rule modules are imported here by name (one per family, KB1xx..KB5xx); importing one registers its rules.
Beside them: `similarity` (near-duplicate scoring, also used by the KB report) and `linkcheck`
(the HTTP client for `--external`, handed to rules through the context, never called by a rule).

May import: `kbgen.content`, `kbgen.findings`, `kbgen.workers`, `kbgen.errors`. Never render,
reports, search or adopt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kbgen.checks import consistency, freshness, headings, japanese, links, prose, schema  # noqa: F401  (registers the rules)
from kbgen.checks.prose import disabled_codes
from kbgen.checks.registry import ARTICLE, KB, RULES, CheckContext, LinkStatus, Problem, Rule
from kbgen.content.config import SiteConfig
from kbgen.content.model import Article, KnowledgeBase
from kbgen.findings import Finding, Severity, sort_findings
from kbgen.workers import collector_paused, map_in_processes, work_slices, worth_forking


@dataclass(frozen=True)
class CheckOptions:
    today: date
    external: bool = False
    fetch: Callable[[list[str]], dict[str, LinkStatus]] | None = None  # the external link fetcher
    processes: int = 1  # more lets a large KB be loaded and checked in forked processes (kbgen.workers)


# The rules keep a KB's worth of parsed text: left to scan the loaded KB over and over, the
# cyclic collector took a quarter of their time.
@collector_paused()
def run_checks(kb: KnowledgeBase, load_findings: list[Finding], options: CheckOptions) -> list[Finding]:
    """Every finding for ``kb``, with the severities site_config.yml asks for; 'off' and silenced ones dropped."""
    fetch = None
    if options.external:
        fetch = options.fetch
        if fetch is None:
            from kbgen.checks.linkcheck import fetch_all as fetch
    context = CheckContext(kb, options.today, fetch)
    findings = _run_rules(kb, context, options.processes)
    silenced = {a.path: codes for a in kb.articles if (codes := disabled_codes(a))}
    findings = [f for f in list(load_findings) + findings if not f.code.startswith(silenced.get(f.path, ("\0",)))]
    links.heading_ids.cache_clear()  # sized for a whole KB; `kbgen build` renders after this
    return sort_findings(apply_severity_overrides(findings, kb.config))


def _run_rules(kb: KnowledgeBase, context: CheckContext, processes: int) -> list[Finding]:
    rules = [rule for rule in RULES.values() if configured_level(rule.code, kb.config) != "off"]
    per_article = [rule for rule in rules if rule.scope == ARTICLE]
    by_rule: dict[str, list[Finding]] = {}
    if context.fetch is None and worth_forking(len(kb.articles), processes):
        by_rule = _in_processes(per_article, kb, context, rules, processes)
    else:
        found = _check_articles(per_article, kb.articles, context)
        by_rule = {rule.code: findings for rule, findings in zip(per_article, found, strict=True)}
        _check_kb(rules, kb, context, by_rule)
    return [finding for rule in rules for finding in by_rule.get(rule.code, [])]


def _check_articles(rules: list[Rule], articles: Sequence[Article], context: CheckContext) -> list[list[Finding]]:
    """The findings of each of ``rules`` over ``articles``. Article by article: every rule reads an
    article's parsed text while it is at hand, and none of it is kept for the whole KB."""
    found: list[list[Finding]] = [[] for _ in rules]
    checks = [(rule, rule.check, findings.append) for rule, findings in zip(rules, found, strict=True)]
    for article in articles:
        for rule, check, add in checks:  # 25 rules x 10,000 articles: the loop itself is kept lean
            for problem in check(article, context):
                add(_stamp(rule, article.path, problem))
    return found


def _check_kb(rules: list[Rule], kb: KnowledgeBase, context: CheckContext, by_rule: dict[str, list[Finding]]) -> None:
    for rule in rules:
        if rule.scope == KB:
            by_rule[rule.code] = [_stamp(rule, p.path or "", p) for p in rule.check(kb, context)]


def _in_processes(per_article: list[Rule], kb: KnowledgeBase, context: CheckContext,
                  rules: list[Rule], processes: int) -> dict[str, list[Finding]]:
    """The findings of ``per_article`` rules, slice by slice, from forked processes and this one,
    which runs the KB-wide rules first; in the same order as one process."""

    def check_slice(bounds: tuple[int, int]) -> list[list[Finding]]:
        return _check_articles(per_article, kb.articles[bounds[0]:bounds[1]], context)

    by_rule: dict[str, list[Finding]] = {}
    per_slice, _ = map_in_processes(check_slice, work_slices(len(kb.articles), processes), processes,
                                    lambda: _check_kb(rules, kb, context, by_rule))
    for rule, *found in zip(per_article, *per_slice, strict=True):
        by_rule[rule.code] = [finding for part in found for finding in part]
    return by_rule


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
