"""kbgen build: check, then render; refuse to publish when there are errors."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.checks import CheckOptions
from kbgen.commands.check import check_knowledge_base, files_checked
from kbgen.commands.progress import terminal_progress
from kbgen.findings import Severity
from kbgen.render import build_site
from kbgen.reports.formatters import report_text


def build(root: Path, out_dir: Path, today: date, strict: bool = False, verbose: bool = False,
          stream: TextIO | None = None, processes: int = 1) -> int:
    stream = stream or sys.stdout
    started = time.monotonic()
    result = check_knowledge_base(root, CheckOptions(today=today, processes=processes))
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if result.findings:
        report_text(result.findings, stream, files_checked(result.kb))
    if any(f.severity in failing for f in result.findings):
        stream.write(f"build refused: fix the findings above; {out_dir} was left as it was\n")
        return 1
    kb = result.kb
    del result  # the findings are reported: rendering a large KB can use their memory
    built = build_site(kb, out_dir, today, verbose=verbose, progress=terminal_progress(sys.stderr))
    stream.write(f"built {built.pages} pages ({', '.join(built.languages)}) into {out_dir} "
                 f"in {time.monotonic() - started:.1f}s\n")
    return 0
