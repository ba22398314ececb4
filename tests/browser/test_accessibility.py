"""axe-core (bundled in axe-playwright-python, injected into the page: nothing is fetched) on what customers open."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.browser

PAGES = {"home": "", "category": "account/", "article": "account/reset-password/", "not found": "missing/"}


@pytest.mark.parametrize("prefix", ["", "en/"], ids=["ja", "en"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_or_critical_accessibility_violations(tab, site_url, kind, prefix):
    from axe_playwright_python.sync_playwright import Axe

    tab.page.goto(site_url + prefix + PAGES[kind])
    violations = Axe().run(tab.page).response["violations"]
    by_impact = Counter(v["impact"] for v in violations)
    print(f"\naxe {prefix or 'ja/'}{PAGES[kind]}: {dict(by_impact) or 'no violations'}")
    severe = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations
              if v["impact"] in {"serious", "critical"}]
    assert severe == []
    assert tab.foreign_requests() == []
