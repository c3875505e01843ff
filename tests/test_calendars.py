"""iCalendar feeds (RFC 5545), parsed back with the ``icalendar`` library as a calendar app would."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
import pytest
import yaml

from ashyq.render import urls
from ashyq.render.calendars import DEFAULT_DURATION, calendar, event_uid, write_calendars
from ashyq.render.context import SiteContext
from ashyq.clock import TZ
from ashyq.render.feeds import moment

from test_feeds import BASE, C1, C2, LANGS, build_portal, context, site_path

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "STATUS", "SEQUENCE", "CREATED",
            "LAST-MODIFIED")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteContext, Path, list[str]]:
    tmp = tmp_path_factory.mktemp("calendars")
    ctx = context(build_portal(tmp))
    site = tmp / "site"
    return ctx, site, write_calendars(ctx, site)


@pytest.fixture(scope="module")
def calendars(built) -> dict[str, icalendar.Calendar]:
    _, site, written = built
    return {rel: icalendar.Calendar.from_ical((site / rel).read_bytes()) for rel in written}


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def uid(ctx: SiteContext, slug: str, kind: str, rid: str) -> str:
    return f"{slug}-{kind}-{rid}@kenes.example.kz"


def test_a_calendar_per_council_and_for_the_portal_in_each_language(built):
    ctx, site, written = built
    expected = {urls.calendar(lang, slug) for lang in LANGS for slug in [None, *ctx.portal.councils]}
    assert set(written) == expected
    assert written == sorted(written)


def test_every_calendar_parses_with_the_required_properties(calendars, built):
    ctx, _, _ = built
    for rel, cal in calendars.items():
        assert cal["VERSION"] == "2.0" and "PRODID" in cal, rel
        assert cal["METHOD"] == "PUBLISH"
        assert cal["X-WR-TIMEZONE"] == "Asia/Almaty"
        tzs = cal.walk("VTIMEZONE")
        assert [str(tz["TZID"]) for tz in tzs] == ["Asia/Almaty"]
        evs = cal.walk("VEVENT")
        assert evs, rel
        for ev in evs:
            for prop in REQUIRED:
                assert prop in ev, (rel, ev.get("UID"), prop)
            assert ev.decoded("DTSTAMP").tzinfo is not None  # DTSTAMP is UTC
            assert ev.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
            assert str(ev["URL"]).startswith(BASE)
            assert str(ev["STATUS"]) in ("CONFIRMED", "TENTATIVE", "CANCELLED")


EVENTS = ("meeting", "hearing", "report-hearing", "consultation")  # the record types that take place on a day


def dated(ctx: SiteContext) -> list:
    return [rec for c in ctx.portal.councils.values() for kind in EVENTS for rec in c.of(kind)]


def test_uids_are_derived_from_the_records(calendars, built):
    ctx, _, _ = built
    cal = calendars["kk/calendar.ics"]
    expected = {event_uid(ctx, rec) for rec in dated(ctx)}
    assert set(events(cal)) == expected
    assert uid(ctx, C1, "meeting", "2026-90") in expected
    assert uid(ctx, C1, "consultation", "2026-c1") in expected
    assert uid(ctx, C1, "report-hearing", "2026-rh1") in expected


def test_urls_are_the_record_pages(calendars, built):
    ctx, _, _ = built
    records = {event_uid(ctx, rec): rec for rec in dated(ctx)}
    for rel, cal in calendars.items():
        lang = rel.split("/", 1)[0]
        for key, ev in events(cal).items():
            assert site_path(str(ev["URL"])) == urls.record(lang, records[key])


def test_times_are_in_utc_plus_5_with_the_time_zone(calendars):
    ev = events(calendars["ru/councils/council-001/calendar.ics"])["council-001-meeting-2026-90@kenes.example.kz"]
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert ev["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert start.utcoffset() == dt.timedelta(hours=5)
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (dt.datetime(2026, 12, 10, 15, 0),
                                                                        dt.datetime(2026, 12, 10, 16, 30))
    tz = calendars["ru/calendar.ics"].walk("VTIMEZONE")[0]
    standard = tz.walk("STANDARD")[-1]
    assert standard.decoded("DTSTART") == dt.datetime(2024, 3, 1, 0, 0)
    assert standard.decoded("TZOFFSETTO") == dt.timedelta(hours=5)
    assert standard.decoded("TZOFFSETFROM") == dt.timedelta(hours=6)
    raw = (b"BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty")
    assert raw in calendars["ru/calendar.ics"].to_ical()


def test_cancelled_meeting_stays_with_status_cancelled(calendars):
    for lang in LANGS:
        for rel in (f"{lang}/calendar.ics", f"{lang}/councils/council-001/calendar.ics"):
            ev = events(calendars[rel])["council-001-meeting-2026-90@kenes.example.kz"]
            assert str(ev["STATUS"]) == "CANCELLED"
            assert int(ev["SEQUENCE"]) == 1
            assert str(ev["TRANSP"]) == "TRANSPARENT"
    ev = events(calendars["ru/calendar.ics"])["council-001-meeting-2026-90@kenes.example.kz"]
    assert str(ev["SUMMARY"]) == "Отменено: Общественный совет №1: Отменённое заседание"
    assert "Нет кворума." in str(ev["DESCRIPTION"])


def test_moved_meeting_keeps_its_uid_with_a_higher_sequence(tmp_path):
    """The same meeting before and after it was moved: one UID, SEQUENCE up, the new time."""
    root = build_portal(tmp_path, with_git=False)
    path = root / "councils" / C1 / "meetings" / "2026-91.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    before = dict(front, date=dt.date(2026, 12, 1))
    before.pop("moved_from")
    path.write_text("---\n" + yaml.safe_dump(before, allow_unicode=True) + "---\n", encoding="utf-8")
    write_calendars(context(root), tmp_path / "before")
    path.write_text(text, encoding="utf-8")
    write_calendars(context(root), tmp_path / "after")
    key = "council-001-meeting-2026-91@kenes.example.kz"
    for rel in ("kk/calendar.ics", "ru/councils/council-001/calendar.ics"):
        old = events(icalendar.Calendar.from_ical((tmp_path / "before" / rel).read_bytes()))[key]
        new = events(icalendar.Calendar.from_ical((tmp_path / "after" / rel).read_bytes()))[key]
        assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]) == 0
        assert old.decoded("DTSTART").date() == dt.date(2026, 12, 1)
        assert new.decoded("DTSTART").date() == dt.date(2026, 12, 15)
        assert str(new["STATUS"]) == "CONFIRMED"


def test_postponed_without_a_new_date_is_cancelled_then_comes_back(tmp_path):
    root = build_portal(tmp_path, with_git=False)
    path = root / "councils" / C1 / "meetings" / "2026-92.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    path.write_text("---\n" + yaml.safe_dump(dict(front, status="postponed"), allow_unicode=True) + "---\n",
                    encoding="utf-8")
    write_calendars(context(root), tmp_path / "postponed")
    moved = dict(front, date=dt.date(2026, 12, 27), moved_from=[{"date": dt.date(2026, 12, 20)}])
    path.write_text("---\n" + yaml.safe_dump(moved, allow_unicode=True) + "---\n", encoding="utf-8")
    write_calendars(context(root), tmp_path / "moved")
    key = "council-001-meeting-2026-92@kenes.example.kz"
    first = events(icalendar.Calendar.from_ical((tmp_path / "postponed" / "ru/calendar.ics").read_bytes()))[key]
    second = events(icalendar.Calendar.from_ical((tmp_path / "moved" / "ru/calendar.ics").read_bytes()))[key]
    assert (str(first["STATUS"]), int(first["SEQUENCE"])) == ("CANCELLED", 1)
    assert str(first["SUMMARY"]).startswith("Перенесено: ")
    assert (str(second["STATUS"]), int(second["SEQUENCE"])) == ("CONFIRMED", 2)


def test_all_day_event_without_a_time(calendars):
    ev = events(calendars["kk/calendar.ics"])["council-001-meeting-2026-92@kenes.example.kz"]
    assert ev.decoded("DTSTART") == dt.date(2026, 12, 20)
    assert ev.decoded("DTEND") == dt.date(2026, 12, 21)
    assert ev["DTSTART"].params.get("VALUE") == "DATE"


def test_joint_meeting_is_in_both_council_calendars_with_one_uid(calendars):
    key = "council-001-meeting-2026-92@kenes.example.kz"
    for slug in (C1, C2):
        assert key in events(calendars[f"ru/councils/{slug}/calendar.ics"])
    own = events(calendars["ru/councils/council-001/calendar.ics"])
    assert "council-002-meeting-2025-01@kenes.example.kz" not in own


def test_location_or_online_link_and_agenda(calendars):
    evs = events(calendars["ru/councils/council-001/calendar.ics"])
    online = evs["council-001-meeting-2026-91@kenes.example.kz"]
    assert str(online["LOCATION"]) == "https://meet.example.kz/kenes-91"
    assert str(online["CONFERENCE"]) == "https://meet.example.kz/kenes-91"
    description = str(online["DESCRIPTION"])
    assert "Повестка дня:\n1. Транспорт (Әбенов Асқар)" in description
    assert description.endswith("Подробнее: https://kenes.example.kz/ru/councils/council-001/meetings/2026-91/")
    place = evs["council-001-meeting-2025-01@kenes.example.kz"]
    assert str(place["LOCATION"]) == "Здание акимата, кабинет 305"
    assert place["SUMMARY"].params["LANGUAGE"] == "ru"
    hearing = evs["council-001-hearing-2026-h1@kenes.example.kz"]
    assert str(hearing["LOCATION"]) == "Здание маслихата"
    assert hearing.decoded("DTEND") - hearing.decoded("DTSTART") == DEFAULT_DURATION
    assert "Время окончания не указано." in str(hearing["DESCRIPTION"])


def test_dtstamp_is_the_records_updated_date_not_the_clock(calendars, built):
    ctx, _, _ = built
    rec = ctx.portal.councils[C1].find("meeting", "2026-91")
    ev = events(calendars["kk/calendar.ics"])[event_uid(ctx, rec)]
    assert ev.decoded("DTSTAMP") == moment(ctx.updated(rec)).astimezone(dt.timezone.utc)
    assert ev.decoded("DTSTAMP") == dt.datetime(2026, 11, 5, 4, 30, tzinfo=dt.timezone.utc)


def test_uids_and_bytes_are_identical_between_two_builds(built, calendars, tmp_path):
    ctx, site, written = built
    again = write_calendars(context(ctx.portal.root), tmp_path / "again")
    assert again == written
    for rel in written:
        second = (tmp_path / "again" / rel).read_bytes()
        assert second == (site / rel).read_bytes(), rel
        assert list(events(icalendar.Calendar.from_ical(second))) == list(events(calendars[rel]))


def test_events_are_ordered_by_start(calendars):
    for rel, cal in calendars.items():
        starts = []
        for ev in cal.walk("VEVENT"):
            start = ev.decoded("DTSTART")
            starts.append(start if isinstance(start, dt.datetime) else moment(start))
        assert starts == sorted(starts), rel


def test_written_files_are_the_librarys_own_serialisation(built):
    """Events are serialised once and shared by the portal's and the councils' files: same bytes as icalendar."""
    ctx, site, _ = built
    for lang in LANGS:
        for slug in (None, C1, C2):
            assert (site / urls.calendar(lang, slug)).read_bytes() == calendar(ctx, lang, slug).to_ical()


def test_a_warm_build_takes_kept_councils_events_from_their_previous_calendars(built, tmp_path, monkeypatch):
    """The portal's calendar is made from the events of the previous build's council calendars for councils
    whose inputs held: none of their events is built again, and the files are the same bytes."""
    from ashyq.render import calendars as module

    ctx, site, _ = built
    kept = frozenset({C1})
    made: list[str] = []
    event = module.event

    def counted(ctx_, rec, lang, details=()):
        made.append(rec.council)
        return event(ctx_, rec, lang, details)

    for kind in ("meeting", "hearing", "consultation"):
        monkeypatch.setattr(f"ashyq.kinds.{kind}.declaration.event", counted, raising=False)
    again = tmp_path / "site"
    for lang in LANGS:  # what the build step does first: the kept councils' files brought over
        (again / urls.calendar(lang, C1)).parent.mkdir(parents=True)
        (again / urls.calendar(lang, C1)).write_bytes((site / urls.calendar(lang, C1)).read_bytes())
    write_calendars(ctx, again, site, kept)
    assert made and C1 not in made  # only the other council's events were made
    for lang in LANGS:
        for slug in (None, C1, C2):
            assert (again / urls.calendar(lang, slug)).read_bytes() == (site / urls.calendar(lang, slug)).read_bytes()


def folded_uid_calendar() -> tuple[str, icalendar.Calendar]:
    """A calendar whose event's UID is long enough to be folded over two lines."""
    ev = icalendar.Event()
    uid = "council-with-a-very-long-name-that-folds-" * 3 + "@kenes.example.kz"
    ev.add("uid", uid)
    ev.add("summary", "x")
    cal = icalendar.Calendar()
    cal.add_component(ev)
    assert b"\r\n " in ev.to_ical()
    return uid, cal


def test_previous_events_reads_every_event_of_a_council_calendar_and_a_folded_uid_whole(built, tmp_path):
    from ashyq.render.calendars import previous_events

    ctx, site, _ = built
    found = previous_events(site, "kk", [C1])
    cal = icalendar.Calendar.from_ical((site / urls.calendar("kk", C1)).read_bytes())
    assert sorted(found) == sorted(str(ev["UID"]) for ev in cal.walk("VEVENT"))
    uid, folded = folded_uid_calendar()
    (tmp_path / "kk" / "councils" / "long").mkdir(parents=True)
    (tmp_path / urls.calendar("kk", "long")).write_bytes(folded.to_ical())
    assert list(previous_events(tmp_path, "kk", ["long"])) == [uid]


_FOLD_TEXT = st.lists(st.sampled_from([*"ab ;,:\\^", "ә", "ё", "€", "😀", "\u0800"]), max_size=400).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_FOLD_TEXT, st.integers(min_value=5, max_value=90))
def test_our_folding_cuts_lines_where_icalendar_does(line: str, limit: int) -> None:
    """render/icalfold.py folds on the UTF-8 bytes what the library folds character by character: the
    same lines, never a character split, an escape kept with what it escapes."""
    from ashyq.render.icalfold import LIBRARY, foldline

    assert foldline(line, limit) == LIBRARY(line, limit)


def test_calendars_fold_through_our_function() -> None:
    from icalendar.parser import content_line

    from ashyq.render.icalfold import foldline

    assert content_line._foldline is foldline  # installed when the calendars module is imported
    assert foldline("x" * 200).count("\r\n ") == 2 and foldline("ә" * 40) == "ә" * 37 + "\r\n " + "ә" * 3


_EVENT_TEXT = st.lists(st.sampled_from([*"ab ;,:\\^\"'’\n\r\t", "\\N", "ә", "ё", "€", "😀"]), max_size=120).map("".join)
_MOMENT = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                       timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=5)), TZ]))


@settings(max_examples=400, deadline=None)
@given(summary=_EVENT_TEXT, description=_EVENT_TEXT, place=_EVENT_TEXT, online=st.sampled_from(
    [None, "https://meet.example.kz/a?b=1;c,d", "https://x.example.kz/" + "long-" * 30]),
    lang=st.sampled_from(["kk", "ru", "kk-Latn", "a;b"]), stamp=_MOMENT, created=_MOMENT,
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    timed=st.booleans(), sequence=st.integers(min_value=0, max_value=99),
    status=st.sampled_from(["CONFIRMED", "TENTATIVE", "CANCELLED"]))
def test_an_event_is_written_as_the_library_writes_it(summary, description, place, online, lang, stamp, created,
                                                      day, timed, sequence, status):
    """render/icalevent.py writes a VEVENT's bytes itself; the library's own event made of the same fields
    (``Event.component``) gives the same bytes, whatever the text (escapes, quotes, folding, emoji)."""
    from ashyq.render.icalevent import Event

    start = dt.datetime.combine(day, dt.time(10, 30), tzinfo=TZ) if timed else day
    end = start + (dt.timedelta(hours=2) if timed else dt.timedelta(days=1))
    ev = Event(uid=f"council-{summary[:5]}-meeting-1@kenes.example.kz", stamp=stamp, created=created,
               sequence=sequence, start=start, end=end, summary=summary, summary_lang=lang, description=description,
               lang=lang, location=place or online, location_is_place=bool(place), conference=online,
               url=online or "https://kenes.example.kz/kk/", status=status, transp="OPAQUE", category=summary[:9])
    assert ev.to_ical() == ev.component().to_ical()


@pytest.mark.parametrize("field", ["url", "conference"])
def test_a_uri_that_would_start_a_property_of_its_own_is_refused_as_the_library_refuses_it(field):
    """A URI is written as it is: one holding a line break would add a property of its own to the event
    (``X-INJECTED``). Record URLs cannot hold one (``types.Url``); the writer refuses it all the same."""
    from ashyq.render.icalevent import Event

    hostile = "https://kenes.example.kz/kk/\r\nX-INJECTED:1"
    day = dt.date(2026, 3, 1)
    stamp = dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)
    ev = Event(uid="c-meeting-1@kenes.example.kz", stamp=stamp, created=stamp, sequence=0, start=day,
               end=day + dt.timedelta(days=1), summary="s", summary_lang="kk", description="d", lang="kk",
               location=None, location_is_place=False, conference=None, url="https://kenes.example.kz/kk/",
               status="CONFIRMED", transp="OPAQUE", category="c")
    ev = dataclasses.replace(ev, **{field: hostile})
    with pytest.raises(ValueError, match="line break"):
        ev.to_ical()
    with pytest.raises((AssertionError, ValueError)):
        ev.component().to_ical()
