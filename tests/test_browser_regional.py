"""A large portal's lists split by region, in headless Chromium at 360 px and 1280 px.

The compliance overview (each region's findings summed) and a region's page (its councils' tables), a
calendar month (each region's number of events) and a region's events that month, of the 31-council portal
:func:`test_fastpath.many_councils` builds: no serious or critical axe violation, no sideways scroll on a
phone beyond the tables' own scrolling, and a region's link leads to its page, which leads back.
The calendar's first page, which ends with each region's calendar to subscribe to, reads well too.
Screenshots go to ``tests/artifacts/screenshots/`` (``compliance-*``, ``calendar-*``).
"""

from __future__ import annotations

import pytest

from buildkit import Site
from test_browser import browser, reads_well, server  # noqa: F401
from test_browser_bodies import VIEWPORTS, axe, contexts  # noqa: F401  (the same scans, of this module's site)
from test_fastpath import _many


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _many(tmp_path_factory, "fast")


CASES = [(lang, view) for lang in ("kk", "ru") for view in VIEWPORTS]


def _summary_and_region(b, axe, path: str, shots: tuple[str, str], view: str) -> None:
    """The summary at ``path`` and its first region's page read well; one leads to the other and back."""
    tab = b.open(path)
    reads_well(b, tab, axe, shots[0], view)
    first = tab.locator("article table a").first
    name = first.inner_text()
    first.click()
    tab.wait_for_load_state()
    assert f"/{path}" in tab.url and not tab.url.endswith(f"/{path}")
    assert name in tab.locator("h1").inner_text()
    assert tab.locator("article table tbody tr").count() >= 1
    reads_well(b, tab, axe, shots[1], view)
    tab.locator("article a[href='../']").first.click()
    tab.wait_for_load_state()
    assert tab.url.endswith(f"/{path}")
    assert b.errors == []


@pytest.mark.parametrize(("lang", "view"), CASES, ids=[f"{lang}-{v}" for lang, v in CASES])
def test_the_overview_and_a_region_read_well_and_lead_to_each_other(contexts, axe, lang: str, view: str):
    _summary_and_region(contexts[view], axe, f"{lang}/compliance/",
                        (f"compliance-overview-{lang}-{view}", f"compliance-region-{lang}-{view}"), view)


@pytest.mark.parametrize(("lang", "view"), CASES, ids=[f"{lang}-{v}" for lang, v in CASES])
def test_a_month_and_a_region_s_events_read_well_and_lead_to_each_other(contexts, axe, lang: str, view: str):
    _summary_and_region(contexts[view], axe, f"{lang}/calendar/2026-03/",
                        (f"calendar-month-{lang}-{view}", f"calendar-region-{lang}-{view}"), view)


@pytest.mark.parametrize(("lang", "view"), CASES, ids=[f"{lang}-{v}" for lang, v in CASES])
def test_the_calendar_lists_the_regions_calendars(contexts, axe, lang: str, view: str):
    """The calendar's first page ends with each region's calendar to subscribe to (render/calendars.py)."""
    b = contexts[view]
    tab = b.open(f"{lang}/calendar/")
    reads_well(b, tab, axe, f"calendar-regions-{lang}-{view}", view)
    links = tab.locator("article a[href$='.ics']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    regional = [h for h in hrefs if f"/{lang}/calendar/" in h and not h.endswith(f"/{lang}/calendar.ics")]
    assert len(regional) >= 5 and len(set(regional)) == len(regional), hrefs
    assert b.errors == []
