"""Browser fixtures: the sample site served under /help/, Debian's chromium, pages that record every request."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.browser.server import serve

LOCAL_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def site_url(sample_site):
    with serve(sample_site) as url:
        yield url


@dataclass
class Visit:
    """A browser tab plus every request it made and every dialog a script opened."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname != LOCAL_HOST]


def open_tab(browser, viewport: dict | None = None) -> Visit:
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    visit = Visit(context.new_page())
    # Recorded from events, not intercepted with a route: a route makes every request wait for this
    # process to answer it, and the one CI run that hung, hung in a tab with a route. Other hosts
    # cannot be reached anyway: tests.chromium resolves no host name.
    context.on("request", lambda request: visit.requests.append(request.url))

    def dismiss(dialog):
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    visit.page.on("dialog", dismiss)
    return visit


@pytest.fixture
def tab(browser):
    visit = open_tab(browser)
    yield visit
    visit.page.context.close()
