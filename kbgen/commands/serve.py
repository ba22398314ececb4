"""kbgen serve: live preview for writers, with the findings printed on every rebuild."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import TextIO

from kbgen.checks import CheckOptions
from kbgen.commands.check import check_knowledge_base, files_checked
from kbgen.config import CONFIG_FILE, load_config
from kbgen.errors import KbgenError
from kbgen.loader import CONTENT_DIR
from kbgen.render import THEME_DIR, build_site
from kbgen.render.preview import serve_preview
from kbgen.report import report_text


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, today: date | None = None,
          stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    load_config(root)  # a broken config at start is a usage error (exit 2); later it only pauses the preview

    def say(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    def rebuild(site_dir: Path) -> None:
        started = time.monotonic()
        try:
            result = check_knowledge_base(root, CheckOptions(today=today or date.today()))
            report_text(result.findings, stream, files_checked(result.kb))
            # Articles whose front matter does not load are left out by the loader: the rest still renders.
            built = build_site(result.kb, site_dir, today or date.today())
        except KbgenError as exc:
            say(f"{exc.format_message()}\npreview not updated: showing the last good build")
            return
        say(f"rebuilt {built.pages} pages in {time.monotonic() - started:.1f}s")

    watch = [root / CONTENT_DIR, root / CONFIG_FILE, root / THEME_DIR]
    serve_preview(rebuild, watch, host, port, say)
    return 0
