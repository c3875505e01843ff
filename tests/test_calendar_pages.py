"""The portal's calendar in pages of a month: it grows with time, its pages do not.

The first page holds what is coming and the list of months (newest first,
with counts); each month's page holds that month's events of every dated
type, oldest first, with links to the months before and after.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from buildkit import Site, sample_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def _article(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def _events(site: Site) -> list[dict]:
    """Every dated event of the portal, from the open data of every dated type (meetings, hearings, …)."""
    from ashyq.kinds.registry import record_types

    events = []
    for name in (rt.data.name for rt in record_types() if rt.event):
        path = site.out / "data" / f"{name}.json"
        if path.is_file():
            events += json.loads(path.read_text(encoding="utf-8"))["data"]
    return events


@pytest.mark.parametrize("lang,month_name", [("kk", "Қараша 2026"), ("ru", "Ноябрь 2026")])
def test_the_first_page_lists_the_months_with_counts(site: Site, lang: str, month_name: str):
    page = _article(site.out / lang / "calendar" / "index.html")
    months = re.findall(r'href="(\d{4}-\d{2})/"', page)
    assert months and months == sorted(months, reverse=True), months
    assert month_name in page
    for month in months:
        assert (site.out / lang / "calendar" / month / "index.html").is_file()


def test_each_month_page_holds_that_month_only(site: Site):
    by_month: dict[str, int] = {}
    for item in _events(site):
        if item.get("deleted"):
            continue  # a tombstone: the record is gone
        by_month[item["start"][:7]] = by_month.get(item["start"][:7], 0) + 1
    for lang in ("kk", "ru"):
        folder = site.out / lang / "calendar"
        pages = sorted(p.name for p in folder.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}", p.name))
        assert pages == sorted(by_month)
        for month in pages:
            page = _article(folder / month / "index.html")
            rows = page.count("<tr>") - 1  # the header row
            assert rows == by_month[month], (lang, month)


def test_months_link_to_their_neighbours(site: Site):
    folder = site.out / "ru" / "calendar"
    months = sorted(p.name for p in folder.iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))
    first, middle, last = months[0], months[len(months) // 2], months[-1]
    assert "Предыдущий месяц" not in _article(folder / first / "index.html")
    assert "Следующий месяц" not in _article(folder / last / "index.html")
    page = _article(folder / middle / "index.html")
    i = months.index(middle)
    assert f'href="../{months[i - 1]}/"' in page and f'href="../{months[i + 1]}/"' in page


def test_only_upcoming_events_are_on_the_first_page(site: Site):
    today = dt.date.fromisoformat("2026-11-21")
    page = _article(site.out / "ru" / "calendar" / "index.html")
    upcoming = [e for e in _events(site) if dt.date.fromisoformat(e["start"][:10]) >= today and not e.get("deleted")]
    assert page.count('class="ashyq-badge ') == len(upcoming)
