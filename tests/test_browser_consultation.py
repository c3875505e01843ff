"""Public consultation pages in a real headless Chromium with axe-core: no serious or critical
accessibility violations, and nothing wider than the screen, on a 360 px phone and a 1280 px desktop.

Reuses the sample-portal build, server and browser of ``test_browser`` (skipped there without Chromium).
"""

from __future__ import annotations

import pytest

from buildkit import Site
from test_browser import (  # noqa: F401  (fixtures)
    DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server, site)

VIEWPORTS = [PHONE, DESKTOP]


def pages(site: Site) -> dict[str, str]:
    """A held consultation with its position, an upcoming one, and the council's consultations section."""
    held = site.first_record("consultations", lambda c: c.status == "held" and c.position is not None
                             and c.proposals)
    upcoming = site.first_record("consultations", lambda c: c.status == "planned")
    return {"held": site.record_path("{lang}", held), "upcoming": site.record_path("{lang}", upcoming),
            "section": site.council_path("{lang}", held.council, "consultations")}


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["360px", "1280px"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", ["held", "upcoming", "section"])
def test_consultation_pages_are_accessible_and_fit(browser, site: Site, server: str, axe, viewport, lang, kind):
    b = Browsing(browser, site, server, viewport)
    try:
        path = pages(site)[kind].replace("{lang}", lang)
        page = b.open(path)
        assert page.locator("article h1").first.is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        b.shot(f"consultation-{kind}-{lang}-{viewport['width']}")
        assert width <= viewport["width"] + 1, f"{path} is {width}px wide on a {viewport['width']}px screen"
        violations = serious(axe.run(page).response)
        assert not violations, f"{path} ({viewport['width']}px): {len(violations)} serious or critical axe " \
                               f"violations:\n" + describe(violations)
        assert not b.blocked and not b.errors, (b.blocked, b.errors)
    finally:
        b.close()


def test_the_section_says_where_the_indicator_figures_come_from(browser, site: Site, server: str):
    b = Browsing(browser, site, server, DESKTOP)
    try:
        page = b.open(pages(site)["section"].replace("{lang}", "ru"))
        text = page.locator("article").inner_text()
        assert "Показатель обратной связи" in text and "общественн" in text
        # Each row says where its figures come from, under the column "Откуда цифры": its header, or in the
        # card layout of a wide table (render/mdtables.py) the cell's own label shown before the value.
        cells = page.locator("article td[data-label='Откуда цифры']")
        assert cells.count() > 0 and cells.first.is_visible()
        assert all("взяты" in cell for cell in cells.all_inner_texts()), cells.all_inner_texts()
    finally:
        b.close()
