"""A record page with a revision history and a correction notice, in a real headless Chromium with axe-core.

The portal of ``revisionkit`` (a real git repository with edits, a rename
and a hostile commit message) is built and served locally; the meeting
whose protocol was corrected is opened in kk and ru at 360 px and 1280 px,
its text changes unfolded, and scanned: no serious or critical axe
violation, nothing wider than the screen, no script run from a commit
message.
"""

from __future__ import annotations

import pytest

from buildkit import Site, build_ok
from revisionkit import C1, NEW_LINE, history_portal
from test_browser import CHROMIUM, DESKTOP, PHONE, Browsing, axe, browser, describe, serious, server  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not CHROMIUM.is_file():  # pragma: no cover - test_browser skips the same way
    pytest.skip(f"{CHROMIUM} is missing", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = history_portal(tmp_path_factory.mktemp("history-browser"))
    out = tmp_path_factory.mktemp("history-browser-site") / "site"
    build_ok(root, out)
    return Site(root, out)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_corrected_record_page_with_its_history(browser, site: Site, server: str, axe, viewport, lang):
    b = Browsing(browser, site, server, viewport)
    alerts: list[str] = []
    b.page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    try:
        page = b.open(f"{lang}/{C1}/meetings/2025-01/")
        notice = page.locator("article .admonition.note").first
        assert notice.is_visible()
        assert notice.inner_text().startswith("Түзетілді" if lang == "kk" else "Исправлено")
        history = page.locator("article ol.ashyq-revisions > li")
        assert history.count() == 5
        if lang == "ru":  # the Russian text was corrected: its diff unfolds and reads with labels
            changes = page.locator("article details.ashyq-diff").first
            changes.locator("summary").click()
            assert changes.locator("ins").first.is_visible()
            assert NEW_LINE in changes.locator("ins").first.inner_text()
            assert changes.locator("del").first.is_visible()
            assert "Удалённая строка" in changes.inner_text()
        page.locator("#revisions").scroll_into_view_if_needed()
        b.shot(f"revisions-{lang}-{viewport['width']}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"the page is {width}px wide on a {viewport['width']}px screen"
        violations = serious(axe.run(page).response)
        assert not violations, describe(violations)
        assert not b.errors, f"script errors: {b.errors}"
        assert not alerts, f"a commit message ran as a script: {alerts}"
        assert not b.blocked, f"requests off the machine: {b.blocked}"
    finally:
        b.close()
