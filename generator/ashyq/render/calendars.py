"""iCalendar (RFC 5545) feeds of meetings and hearings, for calendar apps to subscribe to.

Per language: ``<lang>/calendar.ics`` (the whole portal),
``<lang>/councils/<slug>/calendar.ics`` (one council, including joint
meetings it takes part in) and, on a portal large enough to split its lists
by region (:mod:`.regional`), ``<lang>/calendar/<region>.ics`` (the events
of one region's councils): at 740 councils the portal's file is 20 MB in
each language, more than a calendar app should fetch every six hours. The
head is built with the ``icalendar`` library; each event is written by
:mod:`.icalevent`, the same bytes without the library's objects.

* ``UID`` is derived from the record's uid and never changes:
  ``<council>-<kind>-<id>@<host of base_url>``. A moved meeting keeps it.
* ``SEQUENCE`` grows with every significant change a record can express:
  ``2 × len(moved_from)``, plus 1 while the event is cancelled (or postponed
  to a date not yet known). Counting each move twice keeps the number
  growing along every real history: planned (0) → cancelled (1) → set again
  for a new date (2) → moved once more (4) …; with "moves + 1 if cancelled"
  the step from "cancelled" to "moved" would keep the same number.
* ``STATUS``: ``CANCELLED`` for a cancelled event and for one postponed with
  no new date (it will not happen at the time shown; it stays in the feed so
  subscribers see it struck out, and the same UID comes back with the new
  time and a higher ``SEQUENCE``); ``TENTATIVE`` for a postponed meeting
  that already has its new date; ``CONFIRMED`` otherwise.
* Times are local to Asia/Almaty (``DTSTART;TZID=Asia/Almaty``) with a
  ``VTIMEZONE``: UTC+6 until 1 March 2024, UTC+5 since (the change of 1 March
  2024, when all of Kazakhstan moved to UTC+5). A record without a time is an
  all-day event (``VALUE=DATE``). Without an end time a timed event gets
  :data:`DEFAULT_DURATION`; the description then says the end is not given.
* ``DTSTAMP``, ``CREATED`` and ``LAST-MODIFIED`` come from the record's own
  dates (:meth:`SiteContext.updated` / ``posted``), never from the clock,
  so two builds are byte-identical. Events are ordered by start, then UID.
* Text is plain (control characters dropped; the library escapes ``,``,
  ``;`` and ``\\`` as the library does); ``SUMMARY`` carries ``LANGUAGE=<lang>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import icalendar

from .. import __version__
from ..kinds import registry
from ..models import Record
from ..rounds import Rounds, one_round
from . import regional, urls
from .context import SiteContext
from .files import write_file
from .icalevent import Event
from .icalfold import install as _fast_folding
from ..clock import TZ, TZ_NAME, time_of_day
from .feedtext import (
    council_name,
    councils_of,
    format_date,
    joined,
    one_line,
    plain,
    posted,
    record_title,
    say,
    site_title,
    text_in,
    updated,
)

DEFAULT_DURATION = dt.timedelta(hours=2)
TZID = TZ_NAME
DESCRIPTION_LIMIT = 8000
_fast_folding()  # the library's bytes, without walking every short line character by character


def host(ctx: SiteContext) -> str:
    return urlsplit(ctx.base_url).hostname or "localhost"


def event_uid(ctx: SiteContext, rec: Record) -> str:
    """``<council>-<kind>-<id>@<host>``: stable across builds, moves and status changes."""
    return f"{rec.council}-{rec.KIND}-{rec.id}@{host(ctx)}"


def sequence(rec: Record) -> int:
    moves = len(getattr(rec, "moved_from", []) or [])
    return 2 * moves + (1 if status(rec) == "CANCELLED" else 0)


def status(rec: Record) -> str:
    if rec.status == "cancelled":
        return "CANCELLED"
    if rec.status == "postponed":
        return "TENTATIVE" if getattr(rec, "moved_from", None) else "CANCELLED"
    return "CONFIRMED"


def timezone_component() -> icalendar.Timezone:
    """VTIMEZONE for Asia/Almaty: +06 (since 2004-10-31), +05 since 2024-03-01 00:00 local."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    for start, before, after, name in ((dt.datetime(2004, 10, 31, 3, 0), 7, 6, "+06"),
                                       (dt.datetime(2024, 3, 1, 0, 0), 6, 5, "+05")):
        std = icalendar.TimezoneStandard()
        std.add("dtstart", start)
        std.add("tzoffsetfrom", dt.timedelta(hours=before))
        std.add("tzoffsetto", dt.timedelta(hours=after))
        std.add("tzname", name)
        tz.add_component(std)
    return tz


def _span(day: dt.date, start: str | None, end: str | None) -> tuple[dt.date, dt.date, bool]:
    """``(dtstart, dtend, end given)``: all-day without a time; a default duration without an end."""
    if not start:
        return day, day + dt.timedelta(days=1), True
    begin = dt.datetime.combine(day, time_of_day(start), tzinfo=TZ)
    if not end:
        return begin, begin + DEFAULT_DURATION, False
    finish = dt.datetime.combine(day, time_of_day(end), tzinfo=TZ)
    if finish <= begin:  # past midnight
        finish += dt.timedelta(days=1)
    return begin, finish, True


def _description(ctx: SiteContext, rec: Record, lang: str, page: str, end_given: bool,
                 details: Sequence[str]) -> str:
    lines: list[str] = [council_name(ctx.portal.councils.get(rec.council), lang)]
    lines.append(say(lang, "ical.status", status=say(lang, f"feeds.status.{rec.status}")))
    if rec.status in ("cancelled", "postponed"):
        reason = one_line(text_in(getattr(rec, "cancellation_reason", None), lang)[0])
        if reason:
            lines.append(reason)
    moved = getattr(rec, "moved_from", []) or []
    if moved:
        when = ", ".join(f"{format_date(m.date, lang)}{' ' + m.time if m.time else ''}" for m in moved)
        lines.append(say(lang, "feeds.moved-from", dates=when))
    if not end_given:
        lines.append(say(lang, "ical.no-end"))
    if rec.online:
        lines.append(say(lang, "ical.online", url=rec.online))
    lines += details  # the type's own lines (agenda, basis, …): RecordType.calendar
    text = plain("\n".join(line for line in lines if line))
    if len(text) > DESCRIPTION_LIMIT:
        text = text[: DESCRIPTION_LIMIT - 1] + "…"
    return f"{text}\n\n{say(lang, 'ical.page', url=page)}"


def event(ctx: SiteContext, rec: Record, lang: str, details: Sequence[str] = ()) -> Event:
    """The VEVENT of a dated record (a meeting, a hearing) in ``lang``; ``details`` are its type's own lines."""
    council = ctx.portal.councils.get(rec.council)
    title, used = record_title(rec, lang)
    kind = say(lang, f"feeds.kind.{rec.KIND}")
    summary = f"{council_name(council, lang, short=True)}: {title}" if title else kind
    state = status(rec)
    if rec.status == "postponed":
        summary = say(lang, "feeds.title-postponed", title=summary)
    elif state == "CANCELLED":
        summary = say(lang, "feeds.title-cancelled", title=summary)
    start, end, end_given = _span(rec.date, rec.time, rec.end_time)
    page = ctx.url(urls.record(lang, rec))
    place = one_line(text_in(rec.place, lang)[0])
    return Event(
        uid=event_uid(ctx, rec), stamp=updated(ctx, rec), created=posted(ctx, rec), sequence=sequence(rec),
        start=start, end=end, summary=plain(summary), summary_lang=used,
        description=_description(ctx, rec, lang, page, end_given, details), lang=lang,
        location=place or rec.online or None, location_is_place=bool(place), conference=rec.online or None,
        url=page, status=state, transp="TRANSPARENT" if state == "CANCELLED" else "OPAQUE", category=kind)


def _start_of(start: dt.date | dt.datetime) -> dt.datetime:
    return start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time(), tzinfo=TZ)


def _header(ctx: SiteContext, lang: str, slug: str | None, part: regional.Part | None = None
            ) -> icalendar.Calendar:
    """The VCALENDAR with its properties and VTIMEZONE, no events yet: of a council, of one region's councils
    (``part``), or of the whole portal."""
    cal = icalendar.Calendar()
    if slug:
        name = say(lang, "ical.name.council", council=council_name(ctx.portal.councils.get(slug), lang))
    elif part is not None:
        name = say(lang, "ical.name.region", portal=site_title(ctx, lang), region=regional.part_name(part, lang))
    else:
        name = say(lang, "ical.name.portal", portal=site_title(ctx, lang))
    cal.add("prodid", f"-//ashyq {__version__}//{host(ctx)}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", plain(name))
    cal.add("x-wr-calname", plain(name))
    cal.add("x-wr-timezone", TZID)
    source = urls.calendar_region(lang, part.slug) if part is not None and not slug else urls.calendar(lang, slug)
    cal.add("source", ctx.url(source), parameters={"VALUE": "URI"})
    cal.add("url", ctx.url(urls.council(lang, slug) if slug else urls.portal_page(lang, "calendar")))
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    cal.add_component(timezone_component())
    return cal


class _Events:
    """The VEVENTs of one language, built and serialised once, shared by the portal's and the councils'
    calendars (a council calendar holds the same bytes as the portal's for its events): of every council, or
    of the councils ``slugs`` only (their own records and the joint meetings they take part in).

    ``reused`` (uid -> bytes) holds events the previous build already serialised for councils whose inputs
    held (:func:`previous_events`): those are neither built nor serialised again.
    """

    def __init__(self, ctx: SiteContext, lang: str, reused: dict[str, bytes] | None = None,
                 slugs: Sequence[str] | None = None):
        slugs = list(ctx.portal.councils) if slugs is None else slugs
        mine = frozenset(slugs)
        self.by_slug: dict[str, list[str]] = {slug: [] for slug in slugs}
        self.events: dict[str, Event | icalendar.Event] = {}
        self.order: dict[str, tuple[dt.datetime, str]] = {}
        self.own: list[str] = []  # the events of the councils' own records: the portal's calendar has each once
        self.councils: dict[str, tuple[str, ...]] = {}  # an own event -> every council it is of (its regions')
        self._bytes: dict[str, bytes] = {}
        self._ctx, self._lang, self._reused = ctx, lang, reused or {}
        dated = {rt.kind: rt for rt in registry.record_types() if rt.calendar is not None}
        for slug in slugs:
            council = ctx.portal.councils[slug]
            for rt in dated.values():
                for rec in council.of(rt.kind):
                    of = councils_of(ctx, rec)
                    self.own.append(self._add(rt, rec, [s for s in of if s in mine]))
                    self.councils[self.own[-1]] = tuple(of)
            for rec in joined(ctx).get(slug, ()):  # another council's joint meeting it takes part in
                if rec.council not in mine and rec.KIND in dated:
                    self._add(dated[rec.KIND], rec, [slug])

    def _add(self, rt, rec: Record, slugs: list[str]) -> str:
        key = event_uid(self._ctx, rec)
        if key not in self.order:
            if key in self._reused:
                self._bytes[key] = self._reused[key]
                start = _span(rec.date, rec.time, rec.end_time)[0]
            else:
                ev = rt.calendar(self._ctx, rec, self._lang)
                self.events[key] = ev
                # A plugin's type may still give the library's own event.
                start = ev.start if isinstance(ev, Event) else ev.decoded("dtstart")
            self.order[key] = (_start_of(start), key)
        for slug in slugs:
            self.by_slug[slug].append(key)
        return key

    def uids(self, slug: str | None) -> list[str]:
        keys = self.order if slug is None else self.by_slug.get(slug, [])
        return sorted(keys, key=self.order.__getitem__)

    def ical(self, key: str) -> bytes:
        if key not in self._bytes:
            self._bytes[key] = self.events[key].to_ical()
        return self._bytes[key]


def previous_events(old_site: Path, lang: str, slugs: Iterable[str]) -> dict[str, bytes]:
    """``uid -> VEVENT bytes`` of the previous build's calendars of ``slugs`` in ``lang`` (councils whose
    inputs held: their events would be serialised to the same bytes). A file that is not there gives none."""
    found: dict[str, bytes] = {}
    for slug in slugs:
        path = old_site / urls.calendar(lang, slug)
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        at = data.find(_BEGIN)
        while at >= 0:
            end = data.find(_VEVENT_END, at)
            if end < 0:
                break
            block = data[at:end + len(_VEVENT_END)]
            uid = _uid(block)
            if uid:
                found[uid] = block
            at = data.find(_BEGIN, end)
    return found


_BEGIN, _VEVENT_END = b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n"


def _uid(block: bytes) -> str | None:
    """The UID of one serialised VEVENT (its content line unfolded)."""
    at = block.find(b"\r\nUID:")
    if at < 0:
        return None
    end = block.find(b"\r\n", at + 2)
    value = block[at + 6:end]
    while block[end + 2:end + 3] == b" ":  # a folded line goes on after CRLF and one space
        nxt = block.find(b"\r\n", end + 2)
        value += block[end + 3:nxt]
        end = nxt
    return value.decode("utf-8", "replace")


def calendar(ctx: SiteContext, lang: str, slug: str | None = None, events: _Events | None = None) -> icalendar.Calendar:
    """The VCALENDAR of the portal (``slug`` None) or of one council, in ``lang``; events ordered by start."""
    events = events or _Events(ctx, lang)
    cal = _header(ctx, lang, slug)
    for key in events.uids(slug):
        ev = events.events[key]
        cal.add_component(ev.component() if isinstance(ev, Event) else ev)
    return cal


_END = b"END:VCALENDAR\r\n"


def calendar_bytes(ctx: SiteContext, lang: str, slug: str | None, events: _Events) -> bytes:
    """The same as ``calendar(...).to_ical()``, reusing each event's serialisation."""
    head = _header(ctx, lang, slug).to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)] + b"".join(events.ical(key) for key in events.uids(slug)) + _END


# A language -> the (order, bytes, councils) of the events of some councils' own records: what the portal's
# calendar (and its regions') takes from one round of councils.
OwnEvents = dict[str, list[tuple[tuple[dt.datetime, str], bytes, tuple[str, ...]]]]


def write_council_calendars(ctx: SiteContext, site: Path, slugs: Sequence[str], old_site: Path | None = None,
                            kept: Collection[str] = frozenset()) -> tuple[list[str], OwnEvents]:
    """One round: the calendars of the councils ``slugs`` in every language; the site-relative paths
    written, sorted, and the round's own events for the portal's calendar.

    The calendars of the councils in ``kept`` were brought over from ``old_site`` (a warm build): their
    events are taken from them rather than made again.
    """
    written: list[str] = []
    own: OwnEvents = {}
    for lang in ctx.langs:
        reused = previous_events(old_site, lang, [s for s in slugs if s in kept]) if old_site is not None else None
        events = _Events(ctx, lang, reused, slugs)
        for slug in slugs:
            if slug not in kept:
                written.append(_write(site, urls.calendar(lang, slug), calendar_bytes(ctx, lang, slug, events)))
        own[lang] = [(events.order[key], events.ical(key), events.councils[key]) for key in events.own]
    return sorted(written), own


def write_portal_calendar(ctx: SiteContext, site: Path, rounds: Iterable[OwnEvents]) -> list[str]:
    """The portal's calendar in every language, from every round's own events (each event once, by start),
    and on a large portal each region's: the events of its councils, a joint meeting in each of its councils'
    regions. Every region has its file, with no event yet too: a subscription's address stays good."""
    rounds = list(rounds)
    councils = ctx.portal.councils.values()
    split = regional.by_region(councils)
    written = []
    for lang in ctx.langs:
        events = sorted((event for own in rounds for event in own[lang]), key=lambda event: event[0])
        written.append(_write(site, urls.calendar(lang, None), _file(_header(ctx, lang, None), events)))
        if not split:
            continue
        parts = regional.parts(councils, lang)
        part_of = {council.slug: part.slug for part in parts for council in part.councils}
        by_part: dict[str, list[tuple[object, bytes, tuple[str, ...]]]] = {part.slug: [] for part in parts}
        for event in events:
            for slug in dict.fromkeys(part_of[s] for s in event[2] if s in part_of):
                by_part[slug].append(event)
        for part in parts:
            written.append(_write(site, urls.calendar_region(lang, part.slug),
                                  _file(_header(ctx, lang, None, part), by_part[part.slug])))
    return sorted(written)


def _file(head: icalendar.Calendar, events: Iterable[tuple[object, bytes, tuple[str, ...]]]) -> bytes:
    """A calendar's bytes: its head, then the events' (already in order)."""
    data = head.to_ical()
    return data[: -len(_END)] + b"".join(event[1] for event in events) + _END


def _write(site: Path, rel: str, data: bytes) -> str:
    write_file(f"{site}/{rel}", data)
    return rel


def write_calendars(ctx: SiteContext, site: Path, old_site: Path | None = None,
                    kept: Collection[str] = frozenset(), rounds: Rounds = one_round) -> list[str]:
    """Write the portal's and every council's calendar in every language, the councils' a round at a time;
    the site-relative paths, sorted. The calendars of the councils in ``kept`` are brought over from
    ``old_site``."""
    written: list[str] = []
    own: list[OwnEvents] = []
    for _slugs, (paths, events) in rounds(sorted(ctx.portal.councils),
                                          lambda slugs: write_council_calendars(ctx, site, slugs, old_site, kept)):
        written += paths
        own.append(events)
    return sorted(written + write_portal_calendar(ctx, site, own))
