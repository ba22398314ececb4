"""Regenerate docs/screenshots/*.png: home, a category and an article, desktop and phone, ja and en.

    .venv/bin/python -m tests.browser.screenshots

Builds the sample help center with `kbgen build`, serves it under /help/ on 127.0.0.1 and photographs
the viewport (not the full page, to keep the files small) in Debian's chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from kbgen.cli import cli
from tests.browser.server import serve
from tests.chromium import launch
from tests.conftest import REPO, TODAY

OUT = REPO / "docs" / "screenshots"
PAGES = {"home": "", "category": "account/", "article": "account/reset-password/"}
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
LANGUAGES = {"ja": "", "en": "en/"}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        args = ["build", "--root", str(REPO), "--out", str(site), "--today", TODAY.isoformat()]
        result = CliRunner().invoke(cli, args)
        if result.exit_code != 0:
            sys.stderr.write(result.output)
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(site) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            for device, options in DEVICES.items():
                context = browser.new_context(**options)
                page = context.new_page()
                for lang, prefix in LANGUAGES.items():
                    for name, path in PAGES.items():
                        page.goto(url + prefix + path)
                        page.wait_for_load_state("networkidle")
                        target = OUT / f"{name}-{lang}-{device}.png"
                        page.screenshot(path=str(target))
                        print(target.relative_to(REPO))
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
