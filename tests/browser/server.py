"""A built site served under a sub-path (/help/, like GitHub project pages) on 127.0.0.1 and a free port."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SUB_PATH = "/help/"


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at SUB_PATH; anything outside it is a 404, as on the real host."""

    # Connections kept open as every real host keeps them (HTTP/1.0 would open one per file, which
    # costs a page that fetches its search index in pieces more than any real host would).
    protocol_version = "HTTP/1.1"

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / ".kbgen-outside-the-site")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_head(self):
        # Real hosts revalidate a cached file by its ETag. This server knows only Last-Modified, to
        # the second, and would answer 304 for a file rebuilt within the second (a test that deploys
        # twice in a second got the old search index map back). So it always sends the file.
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        # As GitHub Pages does: the contact-form widget on another site reads the search index.
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()  # like GitHub Pages: the site's own 404 page
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that moves on before a file is sent closes the socket: not an error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler: type[SubPathHandler] = SubPathHandler):
    """Yield the site's base URL, e.g. http://127.0.0.1:41234/help/."""
    server = _QuietServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
