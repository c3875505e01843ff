"""Public expertise pages in a real headless Chromium with axe-core, on a phone (360 px) and a desktop (1280 px).

The sample portal's expertise of the Ministry of Health council (a late conclusion, so its page shows the
findings box), its section page, and the refused petition of the Almaty council: no serious or critical axe
violation, nothing wider than the screen, no request off the machine, no script error.
"""

from __future__ import annotations

import pytest

# The shared browser fixtures (site, server, browser, axe) and helpers; importing them skips this module too
# when Chromium or Playwright is missing.
from test_browser import DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server, site  # noqa: F401

PAGES = {
    "record": "councils/minzdrav/expertise/2025-e1/",
    "refused": "councils/almaty-akimat/expertise/2025-e1/",
    "section": "councils/minzdrav/expertise/",
}
CASES = [(name, lang, viewport) for name in PAGES for lang in ("kk", "ru") for viewport in (PHONE, DESKTOP)]


@pytest.fixture(scope="module")
def scanners(browser, site, server):  # noqa: F811
    """One browser context per screen width for the whole module."""
    contexts = {v["width"]: Browsing(browser, site, server, v) for v in (PHONE, DESKTOP)}
    yield contexts
    for b in contexts.values():
        b.close()


@pytest.mark.parametrize(("name", "lang", "viewport"), CASES,
                         ids=[f"{n}-{lang}-{v['width']}" for n, lang, v in CASES])
def test_expertise_pages_are_accessible_and_fit(scanners, axe, name, lang, viewport):  # noqa: F811
    b = scanners[viewport["width"]]
    path = f"{lang}/{PAGES[name]}"
    page = b.open(path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("article h1").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    violations = serious(axe.run(page).response)
    b.shot(f"expertise-{name}-{lang}-{viewport['width']}")
    assert width <= viewport["width"] + 1, f"{path} is {width}px wide on a {viewport['width']}px screen"
    assert not violations, f"{path}: {len(violations)} serious or critical axe violations:\n" + describe(violations)
    assert not b.blocked, f"requests off the machine: {b.blocked}"
    assert not b.errors, f"script errors: {b.errors}"


def test_the_record_page_shows_its_finding_and_related_meetings(scanners):
    page = scanners[DESKTOP["width"]].open("ru/" + PAGES["record"])
    text = page.locator("article").inner_text()
    assert "expertise.conclusion-sent" in text and "Связанные записи" in text
    assert "5 января 2026" in text  # the deadline across the New Year holidays
