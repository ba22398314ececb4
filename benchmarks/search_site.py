"""What the search benchmarks share: a kbgen build of a KB folder, and a local server for the result."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.doc_tables import write_table

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)


def kbgen_build(root: Path, out: Path) -> None:
    from kbgen.content.config import load_config
    from kbgen.content.loader import load_knowledge_base
    from kbgen.render import build_site

    config = load_config(root)
    kb, _ = load_knowledge_base(root, config)
    build_site(kb, out, TODAY)


class Server:
    """The site under /help/, as the browser tests serve it."""

    def __init__(self, folder: Path):
        sys.path.insert(0, str(REPO))
        from tests.browser.server import serve

        self._served = serve(folder)
        self.url = self._served.__enter__()

    def close(self):
        self._served.__exit__(None, None, None)


def measure_and_report(out: Path, measure: Callable[..., dict], report: Callable[[dict], None],
                       table: tuple[str, Callable[[dict], str]] | None = None) -> int:
    """Runs ``measure(browser, out)`` in Debian's Chromium, prints its figures with ``report`` and keeps
    them as out/figures.json; ``table`` (script name, figures -> Markdown) replaces that script's table
    in docs/search.md."""
    sys.path.insert(0, str(REPO))
    from tests.chromium import chromium_browser

    out = out.resolve()  # MkDocs reads site_dir relative to its config file
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with chromium_browser() as browser:
        figures = measure(browser, out)
    report(figures)
    (out / "figures.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"({time.monotonic() - started:.0f}s; raw figures in {out / 'figures.json'})")
    if table:
        script, markdown = table
        write_table("search.md", script, markdown(figures))
    return 0
