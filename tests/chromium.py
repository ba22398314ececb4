"""Debian's chromium under Playwright, launched the same way by every test, fixture and benchmark."""

from __future__ import annotations

from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps calling Google's hosts, which this
# machine's closed network refuses, and which would count as third-party requests.
# Every host name fails to resolve, so a page that asks another host is seen asking (the request is
# recorded) and never reaches it, wherever the tests run. Only the test servers' 127.0.0.1 is left.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@contextmanager
def chromium_browser():
    """One browser for a whole test session or benchmark: Playwright's sync API allows one at a time."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
