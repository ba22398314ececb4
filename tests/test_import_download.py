"""`kbgen import --download-images`: images on another host come along, from a real local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.conftest import run_kbgen as run

FIXTURES = Path(__file__).parent / "fixtures"
# Three real PNGs that differ (the importer keeps one copy of identical files).
PNGS = {path: (FIXTURES / fixture).read_bytes() for path, fixture in {
    "/img/settings.png": "zendesk/article_attachments/360020000001/login.png",
    "/other/settings.png": "import/jekyll-windows/Studio/images/nuget.png",
    "/photos/shot": "import/gitbook/.gitbook/assets/connect.png",
    "/hc/article_attachments/42/settings.png": "zendesk/article_attachments/360020000001/login.png",
    "/hc/article_attachments/43/%E7%94%BB%E9%9D%A2.png": "import/gitbook/.gitbook/assets/connect.png",
    "/hc/article_attachments/44/menu.png": "import/jekyll-windows/Studio/images/nuget.png"}.items()}


# A CDN's moved image, and a private one whose host sends the visitor to its sign-in page.
REDIRECTS = {"/moved.png": "/img/settings.png", "/private.png": "/login.png"}


class ImageHost(ThreadingHTTPServer):
    """Serves the PNGs, a 404 and an HTML page named like an image; records each request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Answer)
        self.requests: list[str] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.requests.append(self.path)
        if self.path in PNGS:
            self._send(200, "image/png", PNGS[self.path])
        elif self.path == "/login.png":
            self._send(200, "text/html", b"<html><body>Please sign in</body></html>")
        elif self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/endless.png":  # no length said: the importer must stop reading by itself
            self._stream(200, "image/png", 21 * 2**20)
        elif self.path == "/declared.png":  # says its size up front
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(25 * 2**20))
            self.end_headers()
        else:
            self._send(404, "text/html", b"not here")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, status: int, kind: str, size: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        block = b"\0" * 2**16
        try:
            for _ in range(size // len(block)):
                self.wfile.write(block)
        except (BrokenPipeError, ConnectionResetError):  # the importer hung up, as it should
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def host() -> Iterator[ImageHost]:
    server = ImageHost()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def project(tmp_path: Path, host: ImageHost) -> Path:
    """A plain Markdown folder whose one page loads every kind of image reference from ``host``."""
    source = tmp_path / "docs" / "guide"
    source.mkdir(parents=True)
    (source / "setup.md").write_text(
        "# Setup\n\nOpen the settings.\n\n"
        f"![Settings]({host.url('/img/settings.png')})\n\n"
        f"![Settings again]({host.url('/img/settings.png')})\n\n"  # one URL, fetched once
        f'<img src="{host.url("/photos/shot")}" alt="Shot">\n\n'  # no extension: the type names it
        "![Other settings][other]\n\n"
        f"![Gone]({host.url('/gone.png')})\n\n"
        f"![Sign-in]({host.url('/login.png')})\n\n"
        f"[other]: {host.url('/other/settings.png')}\n", encoding="utf-8")
    return source.parent


def import_into(root: Path, source: Path, *extra: str):
    return run("import", "--root", str(root), str(source), "--owner", "@docs", "--reviewed-from",
               TODAY.isoformat(), *extra)


def kb313(root: Path) -> list[str]:
    checked = run("check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json")
    return [f["message"] for f in json.loads(checked.output)["findings"] if f["code"] == "KB313"]


def test_remote_images_are_downloaded_once_and_linked_relatively(new_kb, tmp_path, host):
    result = import_into(new_kb, project(tmp_path, host), "--download-images")
    assert result.exit_code == 0, result.output
    article = (new_kb / "content/guide/setup.md").read_text(encoding="utf-8")
    assert "![Settings](assets/settings.png)" in article
    assert "![Settings again](assets/settings.png)" in article
    assert '<img src="assets/shot.png" alt="Shot">' in article
    # Two URLs ending in settings.png, two files: the second is named with a hash of its URL.
    other = next((new_kb / "content/guide/assets").glob("*-settings.png"))
    assert f"[other]: assets/{other.name}\n" in article
    for name, path in (("settings.png", "/img/settings.png"), ("shot.png", "/photos/shot"),
                       (other.name, "/other/settings.png")):
        assert (new_kb / "content/guide/assets" / name).read_bytes() == PNGS[path]
    assert sorted(host.requests) == ["/gone.png", "/img/settings.png", "/login.png", "/other/settings.png",
                                     "/photos/shot"]
    assert "3 files copied once each (3 remote images downloaded)" in result.output
    assert kb313(new_kb) == [f"image from 127.0.0.1:{host.server_port}"] * 2  # the two that failed


def test_an_image_that_cannot_be_downloaded_stays_remote_with_its_reason(new_kb, tmp_path, host):
    result = import_into(new_kb, project(tmp_path, host), "--download-images")
    assert result.exit_code == 0, result.output
    article = (new_kb / "content/guide/setup.md").read_text(encoding="utf-8")
    assert f"![Gone]({host.url('/gone.png')})" in article
    assert f"![Sign-in]({host.url('/login.png')})" in article
    assert "1 remote image not downloaded: HTTP 404 (kept: loaded from another host) in 1 files\n" \
           f"    guide/setup.md:13: {host.url('/gone.png')}" in result.output
    assert "1 remote image not downloaded: not an image (text/html) (kept: loaded from another host)" \
        in result.output


def test_without_the_flag_nothing_is_fetched(new_kb, tmp_path, host):
    result = import_into(new_kb, project(tmp_path, host))
    assert result.exit_code == 0, result.output
    assert host.requests == []
    assert not (new_kb / "content/guide/assets").exists()
    assert "6 remote image (kept: loaded from another host)" in result.output
    assert "downloaded" not in result.output


def test_zendesk_images_not_saved_beside_the_export_are_downloaded(new_kb, tmp_path, host):
    export = tmp_path / "export.json"
    body = (f'<p>Open the settings.</p><img src="{host.url("/hc/article_attachments/42/settings.png")}" alt="Settings">'
            f'<img src="{host.url("/gone.png")}" alt="Gone">'
            f'<img src="{host.url("/hc/article_attachments/43/画面.png")}">'
            '<img src="/hc/article_attachments/44/menu.png" alt="Menu">')  # on the help center's own host
    export.write_text(json.dumps({"articles": [{"id": 1, "locale": "ja", "title": "設定", "body": body,
                                                "html_url": host.url("/hc/ja/articles/1"),
                                                "updated_at": "2026-01-01T00:00:00Z"}]}), encoding="utf-8")
    result = import_into(new_kb, export, "--owner", "@docs", "--download-images")
    assert result.exit_code == 0, result.output
    article = (new_kb / "content/general/1.md").read_text(encoding="utf-8")
    assert "![Settings](assets/42-settings.png)" in article
    assert (new_kb / "content/general/assets/42-settings.png").read_bytes() == PNGS["/img/settings.png"]
    assert "![](assets/43-画面.png)" in article  # a Japanese path is sent percent-encoded
    assert (new_kb / "content/general/assets/43-画面.png").read_bytes() == PNGS["/photos/shot"]
    assert "![Menu](assets/44-menu.png)" in article
    assert (new_kb / "content/general/assets/44-menu.png").read_bytes() == PNGS["/hc/article_attachments/44/menu.png"]
    assert "(3 remote images downloaded)" in result.output
    assert "1 image not downloaded: HTTP 404 (left as a comment)" in result.output


def import_page(root: Path, tmp_path: Path, name: str, markdown: str):
    """``kbgen import --download-images`` of a project of one page, docs/guide/<name>.md."""
    source = tmp_path / "docs" / "guide"
    source.mkdir(parents=True)
    (source / f"{name}.md").write_text(markdown, encoding="utf-8")
    result = import_into(root, source.parent, "--download-images")
    assert result.exit_code == 0, result.output
    return result


def test_an_image_over_the_size_cap_stays_remote(new_kb, tmp_path, host):
    result = import_page(new_kb, tmp_path, "big", f"# Big\n\n![Endless]({host.url('/endless.png')})\n\n"
                                                  f"![Declared]({host.url('/declared.png')})\n")
    assert "2 remote image not downloaded: larger than 20 MB (kept: loaded from another host)" in result.output
    assert not (new_kb / "content/guide/assets").exists()


def test_a_redirect_is_followed_to_the_image_or_to_a_sign_in_page_that_is_none(new_kb, tmp_path, host):
    result = import_page(new_kb, tmp_path, "moved", f"# Moved\n\n![Moved]({host.url('/moved.png')})\n\n"
                                                    f"![Private]({host.url('/private.png')})\n")
    article = (new_kb / "content/guide/moved.md").read_text(encoding="utf-8")
    assert "![Moved](assets/moved.png)" in article
    assert (new_kb / "content/guide/assets/moved.png").read_bytes() == PNGS["/img/settings.png"]
    assert f"![Private]({host.url('/private.png')})" in article
    assert "1 remote image not downloaded: not an image (text/html) (kept: loaded from another host)" \
        in result.output
