"""Public monitoring pages in a real headless Chromium: no serious or critical axe violations at 360 and 1280 px.

Reuses the sample build and the browsing helpers of ``test_browser``: the demo councils' monitoring records
(one with findings, the section list) in both languages.
"""

from __future__ import annotations

import pytest

from buildkit import Site
from test_browser import DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server, site  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api")


def monitoring_pages(site: Site) -> list[str]:
    """A monitoring record with findings (else the first), a clean one, and its council's monitoring section."""
    flagged = {f["record"] for f in site.compliance_findings() if f["record"]}
    records = site.records("monitoring")
    assert records, "the sample has no monitoring records"
    with_findings = next((r for r in records if r.uid in flagged), records[0])
    clean = next((r for r in records if r.uid not in flagged), records[-1])
    return [site.record_path("xx", with_findings)[3:], site.record_path("xx", clean)[3:],
            site.council_path("xx", with_findings.council, "monitoring")[3:]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_monitoring_pages_have_no_serious_accessibility_violations(browser, site, server, axe, viewport, lang):
    b = Browsing(browser, site, server, viewport)
    try:
        for i, rel in enumerate(monitoring_pages(site)):
            path = f"{lang}/{rel}"
            page = b.open(path)
            assert page.locator("article h1").count() == 1, path
            # Nothing runs off the side of a phone: the page is as wide as the window.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"] + 1, f"{path}: {width}px wide at {viewport['width']}px"
            violations = serious(axe.run(page).response)
            b.shot(f"axe-monitoring-{i}-{lang}-{viewport['width']}")
            assert not violations, f"{path} at {viewport['width']}px:\n" + describe(violations)
        assert not b.errors and not b.blocked, (b.errors, b.blocked)
    finally:
        b.close()
