"""kbgen check: load, validate, report."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.checks import CheckOptions, run_checks
from kbgen.checks.freshness import articles_including
from kbgen.content.config import load_config
from kbgen.content.loader import CONTENT_DIR, SNIPPETS_DIR, load_knowledge_base
from kbgen.content.model import KnowledgeBase
from kbgen.errors import KbgenError
from kbgen.findings import Finding, exit_code
from kbgen.reports.formatters import REPORTERS, resolve_format


@dataclass(frozen=True)
class CheckResult:
    kb: KnowledgeBase
    findings: list[Finding]


def check_knowledge_base(root: Path, options: CheckOptions) -> CheckResult:
    """Load config and content, run every rule. Raises ConfigError for a bad site_config.yml."""
    config = load_config(root)
    kb, load_findings = load_knowledge_base(root, config, options.processes)
    return CheckResult(kb, run_checks(kb, load_findings, options))


def files_checked(kb: KnowledgeBase) -> int:
    return sum(1 for f in kb.files if f.endswith(".md"))


def check(root: Path, today: date, fmt: str = "text", strict: bool = False, external: bool = False,
          stream: TextIO | None = None, processes: int = 1) -> int:
    stream = stream or sys.stdout
    result = check_knowledge_base(root, CheckOptions(today=today, external=external, processes=processes))
    REPORTERS[resolve_format(fmt)](result.findings, stream, files_checked(result.kb))
    return exit_code(result.findings, strict)


def affected(root: Path, blocks: tuple[str, ...], stream: TextIO | None = None) -> int:
    """List the articles that include each shared block, and whether each was reviewed since the block.

    A block is named by its path (content/_snippets/plan-prices.md) or its name (plan-prices.md).
    """
    stream = stream or sys.stdout
    result = check_knowledge_base(root, CheckOptions(today=date.min))
    kb = result.kb
    prefix = f"{CONTENT_DIR}/{SNIPPETS_DIR}/"
    for block in blocks:
        name = Path(block).as_posix().split(prefix, 1)[-1]
        snippet = kb.snippets.get(name)
        if snippet is None:
            known = ", ".join(sorted(kb.snippets)) or "none"
            raise KbgenError(f"--affected: no shared block {name} in {prefix} (known: {known})")
        reviewed = snippet.meta.last_reviewed
        users = articles_including(kb, name)
        stream.write(f"{snippet.path} (reviewed {reviewed.isoformat()}, owner {snippet.meta.owner}) "
                     f"is included by {len(users)} article{'s' if len(users) != 1 else ''}:\n")
        for article, line in users:
            state = ("needs review" if article.meta.last_reviewed < reviewed
                     else "reviewed since")
            stream.write(f"  {article.path}:{line}  {article.meta.owner}  last_reviewed "
                         f"{article.meta.last_reviewed.isoformat()}  {state}\n")
    return 0
