"""Layouts that never hide the answer: the pages a citizen reads first, at 360, 768 and 1280 px.

On the overdue list, a council page, a council's recommendations and the
compliance overview, in Kazakh and Russian, every table cell — status,
deadline and days overdue above all — lies inside the viewport (element
bounding boxes, no horizontal scrolling), and the page itself is no wider than
the screen. axe finds nothing serious or critical in the normal and the
high-contrast modes. Screenshots go to ``tests/artifacts/screenshots/layout-*``.
"""

from __future__ import annotations

import pytest

from buildkit import LANGS, Site

from ashyq.i18n import t
from test_browser import Browsing, axe, browser, describe, serious, server, site  # noqa: F401 - fixtures

WIDTHS = (360, 768, 1280)
KEY_LABELS = ("ui.status", "ui.deadline", "ui.days-overdue")


def overdue_council(site: Site) -> str:
    """A council with a recommendation in its tracker (the sample has overdue ones)."""
    for rec in site.records("recommendations"):
        return rec.council if isinstance(rec.council, str) else rec.council.slug
    pytest.skip("the sample portal has no recommendations")


def pages(site: Site, lang: str) -> dict[str, str]:
    slug = overdue_council(site)
    return {"overdue": f"{lang}/overdue/", "council": f"{lang}/councils/{slug}/",
            "recommendations": f"{lang}/councils/{slug}/recommendations/", "compliance": f"{lang}/compliance/"}


OUTSIDE = """(width) => [...document.querySelectorAll('article td, article dd, article dt')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.getAttribute('data-label') || el.tagName, el.innerText.trim().slice(0, 40),
              el.getBoundingClientRect().left, el.getBoundingClientRect().right])
  .filter(([label, text, left, right]) => left < -0.5 || right > width + 0.5)"""

KEY_CELLS = """(labels) => [...document.querySelectorAll('article td[data-label]')]
  .filter(el => labels.includes(el.getAttribute('data-label')))
  .map(el => { const r = el.getBoundingClientRect(); return [el.getAttribute('data-label'), r.left, r.right, r.width]; })"""


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
@pytest.mark.parametrize("lang", LANGS)
def test_the_answer_is_on_screen(browser, site: Site, server: str, lang: str, width: int):  # noqa: F811
    b = Browsing(browser, site, server, {"width": width, "height": 800})
    try:
        labels = [t(lang, key) for key in KEY_LABELS]
        for name, path in pages(site, lang).items():
            page = b.open(path)
            b.shot(f"layout-{name}-{lang}-{width}")
            outside = page.evaluate(OUTSIDE, width)
            assert not outside, f"{path} at {width}px: cells outside the screen: {outside[:5]}"
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, f"{path} scrolls sideways"
            if name != "compliance":
                cells = page.evaluate(KEY_CELLS, labels)
                found = {c[0] for c in cells}
                assert set(labels) <= found, f"{path}: no {set(labels) - found} column"
                hidden = [c for c in cells if c[3] <= 0 or c[1] < 0 or c[2] > width + 0.5]
                assert not hidden, f"{path} at {width}px: status/deadline/days overdue off screen: {hidden[:5]}"
        assert not b.errors, f"script errors: {b.errors}"
    finally:
        b.close()


@pytest.mark.parametrize("lang", LANGS)
def test_key_value_blocks_have_no_empty_header(browser, site: Site, server: str, lang: str):  # noqa: F811
    b = Browsing(browser, site, server, {"width": 360, "height": 800})
    try:
        rec = site.first_record("recommendations")
        for path in (pages(site, lang)["council"], site.record_path(lang, rec)):
            page = b.open(path)
            empty = page.evaluate("""() => [...document.querySelectorAll('article thead tr')]
                .filter(tr => [...tr.cells].every(c => !c.innerText.trim())).length""")
            assert empty == 0, f"{path}: {empty} empty header rows"
            assert page.locator("article dl.ashyq-kv").count() >= 1, f"{path}: no key/value block"
    finally:
        b.close()


MODES = ("normal", "contrast", "contrast-dark")
HAS = "document.documentElement.classList.contains('{}')"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violations_in_every_mode(browser, site: Site, server: str, axe, lang: str,  # noqa: F811
                                                           mode: str):
    width = 1280 if mode == "normal" else 360
    b = Browsing(browser, site, server, {"width": width, "height": 800})
    try:
        found = []
        findings = {"findings": f"{lang}/councils/{overdue_council(site)}/compliance/"}  # the finding boxes
        for name, path in {**pages(site, lang), **findings}.items():
            page = b.open(path)
            # The mode persists (localStorage) from page to page; the dark button shows once the mode is on.
            if mode != "normal" and not page.evaluate(HAS.format("ashyq-hc")):
                page.locator("button[data-ashyq-hc]").first.click()
            if mode == "contrast-dark" and not page.evaluate(HAS.format("ashyq-hc--dark")):
                page.locator("button[data-ashyq-hc-dark]").first.click()
            assert page.evaluate(HAS.format("ashyq-hc")) == (mode != "normal")
            assert page.evaluate(HAS.format("ashyq-hc--dark")) == (mode == "contrast-dark")
            violations = serious(axe.run(page).response)
            b.shot(f"layout-axe-{mode}-{name}-{lang}-{width}")
            found += [f"{path}:\n{describe(violations)}"] if violations else []
        assert not found, "\n".join(found)
    finally:
        b.close()
