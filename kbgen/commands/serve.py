"""kbgen serve: live preview for writers, with the findings printed on every rebuild."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.checks import CheckOptions, run_checks
from kbgen.commands.check import files_checked
from kbgen.content.config import CONFIG_FILE, load_config
from kbgen.content.loader import CONTENT_DIR, ParsedFiles, load_knowledge_base
from kbgen.errors import KbgenError
from kbgen.render import THEME_DIR
from kbgen.render.live_site import LiveSite
from kbgen.render.preview import AfterReload, serve_preview
from kbgen.reports.formatters import report_text


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, today: date | None = None,
          stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    load_config(root)  # a broken config at start is a usage error (exit 2); later it only pauses the preview

    def say(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    parsed: ParsedFiles = {}  # a save changes one file: the others are not parsed again

    def rebuild(site: LiveSite) -> AfterReload | None:
        started = time.monotonic()
        day = today or date.today()
        try:
            kb, load_findings = load_knowledge_base(root, load_config(root), parsed=parsed)
            # Articles whose front matter does not load are left out by the loader: the rest still renders.
            update = site.update(kb, day)
        except KbgenError as exc:
            say(f"{exc.format_message()}\npreview not updated: showing the last good build")
            return None
        say(f"rebuilt {update.rendered} of {update.pages} pages in {time.monotonic() - started:.1f}s")

        def after_reload(superseded: Callable[[], bool]) -> None:
            # The page shows the edit first; the findings follow as the writer reads, for every rebuild.
            report_text(run_checks(kb, load_findings, CheckOptions(today=day)), stream, files_checked(kb))
            update.write_search_index(superseded)

        return after_reload

    watch = [root / CONTENT_DIR, root / CONFIG_FILE, root / THEME_DIR]
    serve_preview(rebuild, watch, host, port, say)
    return 0
