"""Member pages in a real headless Chromium: no serious or critical axe violations at 360 and 1280 px.

Reuses the sample build and the browsing helpers of ``test_browser``: a member with roll-call votes (Pak of
the Almaty council voted against on 23 April 2026), a former member's page if the sample has one, the
members section with attendance rates, and a meeting page with its roll call.
"""

from __future__ import annotations

import pytest

from test_browser import DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server, site  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api")


PAGES = ("councils/almaty-akimat/members/pak/", "councils/almaty-akimat/members/",
         "councils/almaty-akimat/meetings/2026-04-23/", "councils/minzdrav/members/polyakov/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_member_pages_have_no_serious_accessibility_violations(browser, site, server, axe, viewport, lang):
    b = Browsing(browser, site, server, viewport)
    try:
        for i, rel in enumerate(PAGES):
            path = f"{lang}/{rel}"
            page = b.open(path)
            assert page.locator("article h1").count() == 1, path
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"] + 1, f"{path}: {width}px wide at {viewport['width']}px"
            violations = serious(axe.run(page).response)
            b.shot(f"axe-members-{i}-{lang}-{viewport['width']}")
            assert not violations, f"{path} at {viewport['width']}px:\n" + describe(violations)
        assert not b.errors and not b.blocked, (b.errors, b.blocked)
    finally:
        b.close()


def test_the_member_page_links_back_from_the_meeting(browser, site, server):
    b = Browsing(browser, site, server, DESKTOP)
    try:
        page = b.open("ru/councils/almaty-akimat/meetings/2026-04-23/")
        page.get_by_role("link", name="Пак Виктория Олеговна").first.click()
        page.wait_for_load_state("load")
        assert b.path() == "ru/councils/almaty-akimat/members/pak/"
        text = page.locator("article").inner_text()
        assert "против" in text and "%" in text
    finally:
        b.close()
