"""kbgen rules [CODE]: every rule's code, severity and documentation; and docs/rules.md, generated from them."""

from __future__ import annotations

import re
import sys
from typing import TextIO

from kbgen.checks import RULES
from kbgen.checks.registry import Rule
from kbgen.errors import KbgenError

FAMILIES = {
    "KB1": "Schema and files",
    "KB2": "Freshness",
    "KB3": "Links and structure",
    "KB4": "Consistency",
    "KB5": "Japanese writing",
}


def all_rules() -> list[Rule]:
    return sorted(RULES.values(), key=lambda r: r.code)


def rule_page(rule: Rule, level: str = "##") -> str:
    """One rule's page: its heading, default severity and one-line message, then its docstring."""
    doc = re.sub(r"^## ", level + "# ", rule.doc, flags=re.MULTILINE)
    return (f"{level} {rule.code} {rule.name}\n\n"
            f"Default severity: **{rule.severity.value}**. Flags: {rule.message}.\n\n{doc}\n")


def rules_markdown() -> str:
    """The text of docs/rules.md (a test keeps the file equal to this)."""
    out = ["# kbgen rules\n",
           "<!-- Generated from the rules' docstrings by `kbgen rules --markdown > docs/rules.md`; "
           "do not edit by hand. -->\n",
           "Every finding of `kbgen check` has a code. Change a rule's severity, or turn it off, under "
           "`rules:` in site_config.yml (`KB402: off`, or a prefix: `KB5: info`); silence it for one article "
           "with `<!-- kbgen-disable KB402 -->` (several codes or a prefix such as `KB5` allowed).\n",
           "| code | name | default | flags |", "| --- | --- | --- | --- |"]
    out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity.value} | {r.message} |"
            for r in all_rules()]
    out.append("")
    for prefix, title in FAMILIES.items():
        out.append(f"## {prefix}xx {title}\n")
        out += [rule_page(r, "###") for r in all_rules() if r.code.startswith(prefix)]
    return "\n".join(out).rstrip("\n") + "\n"


def rules(code: str | None, markdown: bool = False, stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    if markdown:
        stream.write(rules_markdown())
        return 0
    selected = [r for r in all_rules() if code is None or r.code.startswith(code.upper())]
    if not selected:
        raise KbgenError(f"no rule {code}: run `kbgen rules` for the list")
    if code is None or len(selected) > 1:
        for r in selected:
            stream.write(f"{r.code}  {r.severity.value:<8} {r.name:<24} {r.message}\n")
    else:
        stream.write(rule_page(selected[0], "#"))
    return 0
