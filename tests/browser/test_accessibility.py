"""axe-core (bundled in axe-playwright-python, injected into the page: nothing is fetched) on what customers open."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.browser.conftest import open_tab

pytestmark = pytest.mark.browser

PAGES = {"home": "", "category": "account/", "article": "account/reset-password/", "not found": "missing/"}
PHONE = {"width": 390, "height": 844}
CASES = [(kind, lang, "desktop") for kind in PAGES for lang in ("ja", "en")] + \
        [(kind, lang, "phone") for kind in ("home", "article") for lang in ("ja", "en")]


@pytest.mark.parametrize(("kind", "lang", "device"), CASES, ids=["-".join(case) for case in CASES])
def test_no_serious_or_critical_accessibility_violations(browser, site_url, kind, lang, device):
    from axe_playwright_python.sync_playwright import Axe

    visit = open_tab(browser, PHONE if device == "phone" else None)
    path = ("" if lang == "ja" else f"{lang}/") + PAGES[kind]
    visit.page.goto(site_url + path)
    violations = Axe().run(visit.page).response["violations"]
    by_impact = Counter(v["impact"] for v in violations)
    print(f"\naxe {device} /{path}: {dict(by_impact) or 'no violations'}")
    severe = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations
              if v["impact"] in {"serious", "critical"}]
    assert severe == []
    assert visit.foreign_requests() == []
    visit.page.context.close()
