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

    def record(route):
        visit.requests.append(route.request.url)
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            route.abort()  # recorded as a failure, never sent to the internet

    context.route("**/*", record)

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
