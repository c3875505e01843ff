"""A large portal's lists split by region (render/regional.py): the compliance overview and the calendar's months.

The portal of :func:`test_fastpath.many_councils`, one council of which names a region no table knows, and a
hostile one: it is its own group, its name the council's free text, shown on the summaries and as its pages'
titles, its pages' address a hash of it. The text must stay text: escaped in both editions, no tag of it in a
page, the address plain ASCII. Each month lists its regions with their numbers of events, and each event of
the month is on exactly one region's page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from buildkit import build_ok
from test_fastpath import many_councils

HOSTILE = "<script>alert('өңір')</script> & \"ауыл\" ]]> **қалың**"
LANGS = ("kk", "ru")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = many_councils(tmp_path_factory.mktemp("regional") / "portal")
    info = root / "councils" / "extra-001" / "council.yml"  # one with meetings
    data = yaml.safe_load(info.read_text(encoding="utf-8"))
    data["type"] = "district"  # a type that takes its region from the text
    data["region"] = {"kk": HOSTILE, "ru": HOSTILE}
    info.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build_ok(root, root.parent / "site")
    return root.parent / "site"


def _article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page[page.index("<article"):page.index("</article>")]


def _links(article: str) -> dict[str, str]:
    """The article's links by their text, as a reader sees it."""
    return {html.unescape(re.sub(r"<[^>]+>", "", text)): href
            for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', article)}


def _stays_text(article: str) -> None:
    assert "<script>alert" not in article and "<strong>қалың" not in article
    title = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", article).group(1)))
    assert HOSTILE in title


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_region_text_stays_text_on_the_overview_and_its_page(site: Path, lang: str):
    overview = _article(site / lang / "compliance" / "index.html")
    assert "<script>alert" not in overview and "<strong>қалың" not in overview
    href = _links(overview)[HOSTILE]  # the region's name, shown as written
    assert re.fullmatch(r"other-[0-9a-f]{10}/", href), href
    body = _article(site / lang / "compliance" / href / "index.html")
    _stays_text(body)
    assert "extra-001/compliance/" in body  # the council is on its region's page


def _events(article: str) -> list[str]:
    """The records an event table's rows link to (a row: date, event, type, council, status)."""
    return [href.lstrip("./") for href in re.findall(r'<tr><td [^>]*>[^<]*</td><td [^>]*><a href="([^"]+)"', article)]


@pytest.mark.parametrize("lang", LANGS)
def test_each_month_lists_its_regions_and_each_event_is_on_one_region_s_page(site: Path, lang: str):
    calendar = site / lang / "calendar"
    months = sorted(p.parent.name for p in calendar.glob("*/index.html") if re.fullmatch(r"\d{4}-\d\d", p.parent.name))
    assert months
    seen_hostile = False
    for month in months:
        summary = _article(calendar / month / "index.html")
        assert _events(summary) == []  # the events are on the regions' pages
        counts = dict(re.findall(r'<a href="([^"/]+)/">.*?</a></td><td data-label="[^"]+">(\d+)</td>', summary))
        pages = sorted(p.parent.name for p in (calendar / month).glob("*/index.html"))
        assert sorted(counts) == pages, month  # a region with events this month, and only those, has its page
        listed: list[str] = []
        for part in pages:
            article = _article(calendar / month / part / "index.html")
            events = _events(article)
            assert len(events) == int(counts[part]), (month, part)
            listed += events
            if part.startswith("other-"):
                seen_hostile = True
                _stays_text(article)
                assert HOSTILE in _links(summary) and "extra-001/" in article
            for target in re.findall(r'href="\.\./\.\./(\d{4}-\d\d)/([^"/]+)/"', article):  # the region's months
                assert (calendar / target[0] / target[1] / "index.html").is_file(), target
        assert len(listed) == len(set(listed)), month
    assert seen_hostile


def _uids(path: Path) -> list[str]:
    import icalendar

    return [str(ev["uid"]) for ev in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


@pytest.mark.parametrize("lang", LANGS)
def test_each_region_has_a_calendar_of_its_councils_events(site: Path, lang: str):
    """``<lang>/calendar/<region>.ics``: a region's file holds exactly the events its councils' own calendars
    hold (a joint meeting in each partner's region), the portal's file no event none of them has; the
    calendar's first page links every region's file, and a region's page of a month links its own."""
    import icalendar

    from ashyq.load.tree import load_portal
    from ashyq.render import regional

    portal, _ = load_portal(site.parent / "portal")
    parts = regional.parts(portal.councils.values(), lang)
    first = _article(site / lang / "calendar" / "index.html")
    every: set[str] = set()
    for part in parts:
        path = site / lang / "calendar" / f"{part.slug}.ics"
        uids = _uids(path)
        assert len(uids) == len(set(uids)), part.slug
        own = {uid for c in part.councils for uid in _uids(site / lang / "councils" / c.slug / "calendar.ics")}
        assert set(uids) == own, part.slug
        every |= own
        head = icalendar.Calendar.from_ical(path.read_bytes())
        assert regional.part_name(part, lang) in str(head["x-wr-calname"])  # a hostile region's text, as text
        assert str(head["source"]).endswith(f"/{lang}/calendar/{part.slug}.ics")
        assert re.search(rf'href="https?://[^"]+/{lang}/calendar/{re.escape(part.slug)}\.ics"', first), part.slug
        for month in (site / lang / "calendar").glob(f"*/{part.slug}/index.html"):
            assert f"/{lang}/calendar/{part.slug}.ics" in _article(month), month
    assert every and every == set(_uids(site / lang / "calendar.ics"))
    assert "<script>alert" not in first
