"""kbgen check: load, validate, report."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.checks import CheckOptions, run_checks
from kbgen.config import load_config
from kbgen.findings import Finding, exit_code
from kbgen.loader import load_knowledge_base
from kbgen.model import KnowledgeBase
from kbgen.report import REPORTERS, resolve_format


@dataclass(frozen=True)
class CheckResult:
    kb: KnowledgeBase
    findings: list[Finding]


def check_knowledge_base(root: Path, options: CheckOptions) -> CheckResult:
    """Load config and content, run every rule. Raises ConfigError for a bad site_config.yml."""
    config = load_config(root)
    kb, load_findings = load_knowledge_base(root, config)
    return CheckResult(kb, run_checks(kb, load_findings, options))


def files_checked(kb: KnowledgeBase) -> int:
    return sum(1 for f in kb.files if f.endswith(".md"))


def check(root: Path, today: date, fmt: str = "text", strict: bool = False, external: bool = False,
          stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    result = check_knowledge_base(root, CheckOptions(today=today, external=external))
    REPORTERS[resolve_format(fmt)](result.findings, stream, files_checked(result.kb))
    return exit_code(result.findings, strict)
