"""Live preview for writers: MkDocs' live-reload server over a site kbgen rebuilds on every change."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from kbgen.errors import KbgenError


class _PreviewServer(LiveReloadServer):
    announce: Callable[[str], None] = print

    def server_bind(self) -> None:
        try:
            super().server_bind()
        except OSError as exc:
            host, port = self.server_address[:2]
            raise KbgenError(f"cannot listen on {host}:{port} ({exc.strerror}): pass another --port") from None

    def server_activate(self) -> None:
        super().server_activate()
        self.announce(f"serving {self.url} (Ctrl+C to stop)")


def serve_preview(rebuild: Callable[[Path], None], watch: list[Path], host: str, port: int,
                  announce: Callable[[str], None]) -> None:
    """Serve the site ``rebuild(site_dir)`` writes, calling it again whenever a file under ``watch`` changes.

    ``rebuild`` must not raise: a failed rebuild leaves the last good site in place (the server would
    otherwise hold every request until a build succeeds).
    """
    with tempfile.TemporaryDirectory(prefix="kbgen-serve-") as work:
        site_dir = Path(work) / "site"
        site_dir.mkdir()
        rebuild(site_dir)
        server = _PreviewServer(builder=lambda: rebuild(site_dir), host=host, port=port, root=str(site_dir),
                                polling_interval=0.25)
        server.announce = announce
        for path in watch:
            if path.exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            announce("stopped")
        finally:
            server.shutdown()
