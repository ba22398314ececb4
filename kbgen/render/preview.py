"""Live preview for writers: MkDocs' live-reload server over a site kbgen rebuilds on every change."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer

from kbgen.errors import KbgenError
from kbgen.render.live_site import LiveSite

# Called with ``superseded()``: true once a newer rebuild waits for it.
AfterReload = Callable[[Callable[[], bool]], None]
# Material's own assets, named by their content's hash: a browser may keep them for good.
_HASHED_ASSET = re.compile(r"/assets/(?:stylesheets|javascripts)/.+\.[0-9a-f]{8}\.min\.(?:css|js)")
# What the contact-form widget reads, under any language folder and the site's sub-path.
_WIDGET_FILE = re.compile(r".*/(?:assets/kbgen-(?:deflect|search)\.js|search-index/)")
# With the system's file events a rebuild reading the KB would be an event too: only writes count.
_WRITES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent]


class _WriteObserver(Observer):
    """The system's file events (inotify on Linux) where MkDocs polls every watched file: a save is seen
    at once rather than at the next poll, and watching costs nothing however many articles there are."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=_WRITES,
                                follow_symlink=follow_symlink)


class _Deferred:
    """Work for after a rebuild: it waits until a browser has loaded the rebuilt page (or for
    ``RELOAD_WAIT`` seconds, if none is open), so as not to slow the reload down, and it ends before
    the next rebuild starts; told so, it may leave out what the next rebuild redoes."""

    RELOAD_WAIT = 2.0

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.reloaded = threading.Event()
        self._superseded = threading.Event()

    def start(self, work: AfterReload | None) -> None:
        if work is None:
            return
        self.reloaded.clear()
        self._superseded.clear()

        def run() -> None:
            self.reloaded.wait(self.RELOAD_WAIT)
            work(self._superseded.is_set)

        self._thread = threading.Thread(target=run, name="kbgen-after-reload", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._superseded.set()
            self.reloaded.set()
            self._thread.join()
            self._thread = None


class _PreviewServer(LiveReloadServer):
    announce: Callable[[str], None] = print

    def __init__(self, deferred: _Deferred, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deferred = deferred
        self.observer = _WriteObserver()
        self.build_delay = 0.05  # MkDocs waits this long after the last event; a save is one burst

    def serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/livereload/"):  # a page has loaded and asks to hear of the next change
            self.deferred.reloaded.set()
        extra = []
        if _HASHED_ASSET.fullmatch(path):  # reloading a page then fetches only kbgen's files
            extra.append(("Cache-Control", "max-age=31536000, immutable"))
        if _WIDGET_FILE.match(path):
            # A contact page under development, on another origin, can try the widget against the
            # preview, as it will against GitHub Pages. Pages (drafts among them) stay same-origin.
            extra.append(("Access-Control-Allow-Origin", "*"))
        if not extra:
            return super().serve_request(environ, start_response)

        def start_with_extra(status, headers, exc_info=None):
            if status.startswith("200"):
                headers = [*headers, *extra]
            return start_response(status, headers, exc_info)

        return super().serve_request(environ, start_with_extra)

    def server_bind(self) -> None:
        try:
            super().server_bind()
        except OSError as exc:
            host, port = self.server_address[:2]
            raise KbgenError(f"cannot listen on {host}:{port} ({exc.strerror}): pass another --port") from None

    def server_activate(self) -> None:
        super().server_activate()
        self.announce(f"serving {self.url} (Ctrl+C to stop)")


def serve_preview(rebuild: Callable[[LiveSite], AfterReload | None], watch: list[Path], host: str, port: int,
                  announce: Callable[[str], None]) -> None:
    """Serve the site ``rebuild(site)`` updates, calling it again whenever a file under ``watch`` changes.

    ``rebuild`` must not raise (the server would otherwise hold every request until a build succeeds):
    a failed rebuild leaves the last site up. What it returns, if anything, runs once the browsers have
    reloaded the page.
    """
    deferred = _Deferred()
    with tempfile.TemporaryDirectory(prefix="kbgen-serve-") as work:
        site = LiveSite(Path(work) / "site")
        site.site_dir.mkdir()
        after = rebuild(site)
        if after is not None:
            after(lambda: False)

        def build() -> None:
            deferred.wait()
            deferred.start(rebuild(site))

        server = _PreviewServer(deferred, builder=build, host=host, port=port, root=str(site.site_dir))
        server.announce = announce
        for path in watch:
            if path.exists():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            announce("stopped")
        except OSError as exc:  # the system's limit on watched folders (fs.inotify.max_user_watches)
            raise KbgenError(f"cannot watch the KB for changes ({exc.strerror or exc})") from None
        finally:
            server.shutdown()
            deferred.wait()
