"""Fetching external links, concurrently and with timeouts. The only kbgen module that uses the network.

The check engine hands ``fetch_all`` to the KB309 rule when ``--external`` is given.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from kbgen.checks.registry import LinkStatus

USER_AGENT = "kbgen-linkcheck/1 (+https://github.com/)"


def fetch_all(urls: list[str], timeout: float = 10.0, workers: int = 8) -> dict[str, LinkStatus]:
    """The status of each distinct URL, fetched by a pool of ``workers`` threads."""
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(unique, pool.map(lambda url: fetch_one(url, timeout), unique), strict=True))


def fetch_one(url: str, timeout: float) -> LinkStatus:
    """HEAD first; GET when the server refuses HEAD. Redirects are followed."""
    error: str | None = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return LinkStatus(url, None)
        except urllib.error.HTTPError as exc:
            error = f"HTTP {exc.code} {exc.reason}"
            if exc.code not in (403, 405, 501):  # servers that refuse HEAD say so with these
                return LinkStatus(url, error)
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return LinkStatus(url, f"cannot connect: {reason}")
    return LinkStatus(url, error)
