"""`kbgen import --download-images`: the images an imported page loads from another host, fetched once
each so that the help center makes no third-party requests (KB313).

Opt in, because it makes network requests. Each distinct URL is fetched once, a few at a time, into a
temporary folder; the importers then place the file as they place a copied local image. A URL that
cannot be fetched, or that answers with something that is no image, stays remote and its reason goes
in the import report.
"""

from __future__ import annotations

import hashlib
import http.client
import mimetypes
import posixpath
import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from kbgen.adopt.convert import REMOTE_IMAGE, Unconverted

WORKERS = 8
TIMEOUT_SECONDS = 20
MAX_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico", ".tif", ".tiff"}
_CHUNK = 64 * 1024


@dataclass
class Downloads:
    files: dict[str, Path] = field(default_factory=dict)  # URL -> its downloaded file
    failures: dict[str, str] = field(default_factory=dict)  # URL -> why it stays remote

    def why_not(self, url: str) -> str | None:
        return self.failures.get(_absolute(url))

    def file(self, url: str) -> Path | None:
        return self.files.get(_absolute(url))

    def explained(self, unconverted: list[Unconverted]) -> list[Unconverted]:
        """``unconverted`` with the reason each remote image that failed stays remote."""
        return [replace(u, kind=failed_kind(why)) if u.kind == REMOTE_IMAGE and (why := self.why_not(u.text))
                else u for u in unconverted]


def failed_kind(why: str) -> str:
    """The report's heading for images that stay remote for one reason (HTTP 404, not an image…)."""
    return f"remote image not downloaded: {why} (kept: loaded from another host)"


def is_downloadable(url: str) -> bool:
    return _absolute(url).startswith(("http://", "https://"))


def download_images(urls: Iterable[str], folder: Path) -> Downloads:
    """Fetch each distinct http(s) URL of ``urls`` into its own subfolder of ``folder``."""
    wanted = sorted({_absolute(url) for url in urls if is_downloadable(url)})
    downloads = Downloads()
    with ThreadPoolExecutor(WORKERS) as pool:
        for url, (file, why) in zip(wanted, pool.map(lambda url: _fetch(url, folder), wanted), strict=True):
            if file is None:
                downloads.failures[url] = why
            else:
                downloads.files[url] = file
    return downloads


def _absolute(url: str) -> str:
    """A protocol-relative URL (//host/a.png) is fetched over https, as a browser on the site would."""
    url = url.strip().partition("#")[0]
    return f"https:{url}" if url.startswith("//") else url


def _fetch(url: str, folder: Path) -> tuple[Path | None, str]:
    """(the saved file, "") or (None, the reason it stays remote)."""
    request = urllib.request.Request(_ascii(url), headers={"User-Agent": "kbgen-import (--download-images)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            kind = response.headers.get_content_type()
            name = _file_name(url, kind)
            if kind == "text/html" or not (kind.startswith("image/")
                                           or posixpath.splitext(name)[1].lower() in IMAGE_SUFFIXES):
                return None, f"not an image ({kind})"
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                return None, f"larger than {MAX_BYTES // 2**20} MB"
            data = bytearray()
            while chunk := response.read(_CHUNK):
                data += chunk
                if len(data) > MAX_BYTES:
                    return None, f"larger than {MAX_BYTES // 2**20} MB"
    except urllib.error.HTTPError as exc:
        return None, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            return None, f"no answer within {TIMEOUT_SECONDS} s"
        return None, f"cannot fetch ({reason})"
    # One subfolder per URL: two URLs ending in the same name both keep it, and the importer's clash
    # rule prefixes the folder's name (a short hash of the URL) when they land in one assets/ folder.
    file = folder / hashlib.sha256(url.encode()).hexdigest()[:8] / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(bytes(data))
    return file, ""


def _ascii(url: str) -> str:
    """The URL as sent: a path written in Japanese (画面.png) percent-encoded, as a browser sends it."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;="),
                                     query=quote(parts.query, safe="=&%/:?+,;@!$'()*")))


def _file_name(url: str, kind: str) -> str:
    """The URL's last path segment, made safe for a file name, with an extension for its type."""
    last = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    name = re.sub(r"[^\w.-]+", "-", last).strip(".-") or "image"
    if posixpath.splitext(name)[1].lower() not in IMAGE_SUFFIXES and kind.startswith("image/"):
        name += {"image/jpeg": ".jpg", "image/svg+xml": ".svg"}.get(kind) or mimetypes.guess_extension(kind) or ""
    return name
