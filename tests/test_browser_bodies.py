"""A state body's page and a recommendation's timeline in headless Chromium, at 360 px and 1280 px.

Both pages of the built sample portal are scanned with axe-core (no serious
or critical violation), must not scroll sideways on a phone, and the
timeline must read top to bottom as one column: each step below the one
before, its date above its text. Screenshots go to
``tests/artifacts/screenshots/`` (``bodies-*``).
"""

from __future__ import annotations

import pytest

from buildkit import Site
from test_browser import DESKTOP, PHONE, Browsing, browser, reads_well, server, site  # noqa: F401

PAGES = {"body": "bodies/minzdrav/", "timeline": "councils/minzdrav/recommendations/2025-04/",
         "index": "bodies/"}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def contexts(browser, site: Site, server: str):  # noqa: F811
    opened = {name: Browsing(browser, site, server, viewport) for name, viewport in VIEWPORTS.items()}
    yield opened
    for b in opened.values():
        b.close()


CASES = [(page, lang, view) for page in PAGES for lang in ("kk", "ru") for view in VIEWPORTS]


@pytest.mark.parametrize(("page", "lang", "view"), CASES, ids=[f"{p}-{lang}-{v}" for p, lang, v in CASES])
def test_no_serious_violations_and_no_sideways_scroll(contexts, axe, page: str, lang: str, view: str):
    b = contexts[view]
    tab = b.open(f"{lang}/{PAGES[page]}")
    reads_well(b, tab, axe, f"bodies-{page}-{lang}-{view}", view)
    assert b.errors == []


@pytest.mark.parametrize("view", list(VIEWPORTS))
def test_the_timeline_is_one_readable_column(contexts, view: str):
    b = contexts[view]
    tab = b.open(f"ru/{PAGES['timeline']}")
    boxes = tab.evaluate("""() => [...document.querySelectorAll('ol.ashyq-timeline > li')].map(li => {
        const r = li.getBoundingClientRect(), d = li.querySelector('.ashyq-timeline__date').getBoundingClientRect();
        const s = getComputedStyle(li);
        return {top: r.top, bottom: r.bottom, left: r.left, width: r.width, dateBottom: d.bottom,
                color: s.color, state: li.querySelector('.ashyq-timeline__state').innerText};
    })""")
    assert len(boxes) == 4
    for before, after in zip(boxes, boxes[1:]):
        assert after["top"] >= before["bottom"] - 1  # one column, in order
        assert abs(after["left"] - before["left"]) < 1
    width = VIEWPORTS[view]["width"]
    assert all(box["left"] >= 0 and box["left"] + box["width"] <= width for box in boxes)
    assert all(box["dateBottom"] <= box["bottom"] for box in boxes)
    assert all(box["state"].startswith("Состояние:") for box in boxes)  # the state in words, not only colour
    assert tab.locator("ol.ashyq-timeline time").count() == 4


def test_the_body_page_links_its_feed_and_figures(contexts):
    b = contexts["phone"]
    tab = b.open("kk/bodies/minzdrav/")
    assert tab.locator("link[rel=alternate][type='application/atom+xml'][href$='bodies/minzdrav/all.atom.xml']"
                       ).count() == 1
    tab.get_by_role("link", name="RSS").first.is_visible()
    # The figures: tables, and key/value blocks (a table with an empty header is a <dl>, render/mdtables.py).
    tables = tab.locator("article table, article dl.ashyq-kv")
    assert tables.count() >= 3
