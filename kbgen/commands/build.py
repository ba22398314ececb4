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
from kbgen.workers import worth_forking

# From this many articles a build renders in more than one process: below it, a process of its own
# costs more than it saves. (Rendering an article takes some 40 times as long as checking it.)
RENDER_PARALLEL_FROM = 200


def build(root: Path, out_dir: Path, today: date, strict: bool = False, verbose: bool = False,
          stream: TextIO | None = None, processes: int = 1, any_size: bool = False) -> int:
    """``processes`` > 1 renders in that many processes a KB of RENDER_PARALLEL_FROM articles or more,
    of any size with ``any_size``."""
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
    renderers = processes if any_size or worth_forking(len(kb.articles), processes, RENDER_PARALLEL_FROM) else 1
    built = build_site(kb, out_dir, today, verbose=verbose, progress=terminal_progress(sys.stderr),
                       processes=renderers)
    stream.write(f"built {built.pages} pages ({', '.join(built.languages)}) into {out_dir} "
                 f"in {time.monotonic() - started:.1f}s\n")
    return 0
