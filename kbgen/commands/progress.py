"""Progress on long work: a line that counts up on a terminal, nothing in CI or in a pipe."""

from __future__ import annotations

import os
import time
from typing import TextIO


class TerminalProgress:
    """Called as progress(label, done, total); redraws one line at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        self.stream.write(f"\r\033[K{label}: {done}/{total} pages" + ("\r\033[K" if done >= total else ""))
        self.stream.flush()


def terminal_progress(stream: TextIO) -> TerminalProgress | None:
    """A progress line for an interactive terminal; None under CI, in a pipe or with NO_COLOR-style quiet."""
    if os.environ.get("CI") or not stream.isatty():
        return None
    return TerminalProgress(stream)
