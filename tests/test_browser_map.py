"""The maslikhat's living problem map in a real browser, at 360 and 1280 px.

Nothing outside the site is reachable (tile requests are refused): the points still appear, since they are
drawn by the Leaflet shipped with the site; without JavaScript the table of appeals by okrug, topic and month
is the page; axe finds nothing serious or critical.
"""

from __future__ import annotations

import re

import pytest


from test_browser import CHROMIUM, browser, server, site  # noqa: F401  (the shared browser, server and site)

VIEWPORTS = {"360px": {"width": 360, "height": 740}, "1280px": {"width": 1280, "height": 800}}
MAP = "{lang}/councils/almaty-maslikhat/appeals/"

if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing", allow_module_level=True)


def _context(browser, server: str, viewport: dict, javascript: bool = True):
    blocked: list[str] = []
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, service_workers="block")

    def outside(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!" + re.escape(server) + ")"), outside)
    return context, blocked


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_points_and_table_with_tiles_blocked(browser, server, size, lang):
    context, blocked = _context(browser, server, VIEWPORTS[size])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}/{MAP.format(lang=lang)}", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert errors == []
    box = page.locator("#ashyq-map")
    assert box.is_visible()
    width = box.bounding_box()["width"]
    assert 0 < width <= VIEWPORTS[size]["width"]
    points = page.locator("#ashyq-map path.leaflet-interactive")
    total = points.count()
    assert total > 80  # about 60 % of ~200 appeals have a point
    rows = page.locator("#ashyq-aggregates tbody tr")
    all_rows = rows.count()
    assert all_rows > 50
    # Filter by topic: fewer points and fewer visible rows, the count says how many points.
    page.select_option("select[data-filter=topic]", "water")
    shown = points.count()
    assert 0 < shown < total
    visible = page.locator("#ashyq-aggregates tbody tr:not([hidden])").count()
    assert 0 < visible < all_rows
    assert str(shown) in page.locator("#ashyq-map-count").inner_text()
    page.select_option("select[data-filter=topic]", "")
    page.select_option("select[data-filter=status]", "open")
    assert 0 < points.count() < total
    assert all(not url.startswith(server) for url in blocked)  # only outside requests were refused
    context.close()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_without_javascript_the_table_is_the_page(browser, server, size):
    context, _ = _context(browser, server, VIEWPORTS[size], javascript=False)
    page = context.new_page()
    page.goto(f"{server}/{MAP.format(lang='kk')}", wait_until="load")
    assert not page.locator("#ashyq-map").is_visible()
    assert not page.locator("#ashyq-map-filters").is_visible()
    table = page.locator("#ashyq-aggregates")
    assert table.is_visible() and table.locator("tbody tr").count() > 50
    assert table.locator("caption").inner_text().strip()
    context.close()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_no_serious_accessibility_violations(browser, server, size):
    from axe_playwright_python.sync_playwright import Axe

    context, _ = _context(browser, server, VIEWPORTS[size])
    page = context.new_page()
    for lang in ("kk", "ru"):
        page.goto(f"{server}/{MAP.format(lang=lang)}", wait_until="load")
        page.wait_for_load_state("networkidle")
        result = Axe().run(page).response
        serious = [(v["id"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (lang, serious)
    context.close()
