"""Report-hearing pages in a real headless Chromium: they fit a phone and a desktop, with no serious or critical
axe-core violations (the record page with its resolution, vote and findings; the council's section).

Reuses the browser, server and scanning helpers of ``test_browser.py``; skipped the same way without Chromium.
"""

from __future__ import annotations

import pytest

from test_browser import (  # noqa: F401  (fixtures used by name)
    DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server, site)

PAGES = {
    "record-not-approved": "councils/minzdrav/report-hearings/2025-rh1/",
    "record-findings": "councils/zhanaqala-audany/report-hearings/2026-rh1/",
    "record-planned": "councils/almaty-akimat/report-hearings/2026-rh2/",
    "section": "councils/minzdrav/report-hearings/",
}
CASES = [(name, lang, vp) for name in PAGES for lang in ("kk", "ru") for vp in ("360", "1280")]


@pytest.mark.parametrize(("name", "lang", "width"), CASES, ids=[f"{n}-{lang}-{w}" for n, lang, w in CASES])
def test_report_hearing_pages_fit_and_pass_axe(browser, site, server, axe, name, lang, width):
    viewport = PHONE if width == "360" else DESKTOP
    b = Browsing(browser, site, server, viewport)
    try:
        path = f"{lang}/{PAGES[name]}"
        page = b.open(path)
        assert page.locator("article h1").first.is_visible()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= viewport["width"] + 1, f"{path} is {scroll}px wide on a {viewport['width']}px screen"
        violations = serious(axe.run(page).response)
        b.shot(f"report-hearing-{name}-{lang}-{width}")
        assert not violations, f"{path} ({width}px): {len(violations)} serious or critical axe violations:\n" + \
            describe(violations)
        assert not b.blocked and not b.errors, (b.blocked, b.errors)
    finally:
        b.close()
