"""A feed per member (Atom and RSS): each held meeting of their term, whether they came and how they voted,
and the recommendations they drafted.

What TheyWorkForYou's alerts give: a reader follows one person. An entry is
one meeting; its id is the member's page with the meeting's id as fragment,
so it never changes between builds; it is published when the meeting's
protocol was (the record's own date otherwise) and updated with the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..diagnostics import without
from ..kinds.meeting.model import Meeting
from ..models import Council, Record
from . import urls
from .context import SiteContext
from .feedtext import (
    TITLE_LIMIT, Entry, council_name, finish, format_date, moment, newest_first, one_line, posted, say, shorten, text_in,
    updated)
from .members import Activity, activity, name_of, page_url

MAX_ENTRIES = 50


def _dates(ctx: SiteContext, meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    first = posted(ctx, meeting)
    published = max(first, moment(meeting.protocol_published)) if meeting.protocol_published else first
    return published, max(published, updated(ctx, meeting))


@dataclass(frozen=True)
class _Meeting:
    """What every attendee's entry of one meeting shares, worked out once per meeting and language."""

    title: str
    used: str  # the language the title is in
    day: str
    council: str
    link: str
    published: dt.datetime
    updated: dt.datetime


_FACTS: dict[tuple[int, str, str, str], _Meeting] = {}  # (portal, council, meeting, language); see feed_entries


def _facts(ctx: SiteContext, council: Council, meeting: Meeting, lang: str) -> _Meeting:
    key = (id(ctx), council.slug, meeting.id, lang)
    if key not in _FACTS:
        from ..kinds import registry  # the types are complete once the portal is loaded

        title, used = registry.of(meeting).label(meeting, lang)
        _FACTS[key] = _Meeting(title, used, format_date(meeting.date, lang), council_name(council, lang),
                               ctx.url(urls.record(lang, meeting)), *_dates(ctx, meeting))
    return _FACTS[key]


_DEPUTIES: dict[str, tuple[Council, dict[str, list[Record]]]] = {}  # slug -> a deputy's own records; see feed_entries


def _deputies(council: Council) -> dict[str, list[Record]]:
    """Member id -> the council's records whose ``deputy`` they are: found in one pass, not one per member."""
    held = _DEPUTIES.get(council.slug)
    if held is None or held[0] is not council:
        found: dict[str, list[Record]] = {}
        for rec in council.records():
            deputy = getattr(rec, "deputy", None)
            if deputy is not None:
                found.setdefault(deputy, []).append(rec)
        held = _DEPUTIES[council.slug] = (council, found)
    return held[1]


Order = tuple[float, float]  # feedtext.newest_first
_SHARED: dict[tuple, tuple[Entry, Order]] = {}  # (council, meeting, present, votes, language) -> the entry but its id


def _entry(ctx: SiteContext, council: Council, act: Activity, meeting: Meeting, present: bool | None,
           lang: str) -> tuple[Entry, Order]:
    """The member's entry of one meeting but for its id, and its place in time: the same for every member
    who came (or not) and voted alike, so it is made once per meeting and shared (its id is ``""``)."""
    casts = act.votes_at(meeting)
    key = (council.slug, meeting.id, present, tuple((id(cast.decision), cast.option) for cast in casts), lang)
    shared = _SHARED.get(key)
    if shared is None:
        facts = _facts(ctx, council, meeting, lang)
        title, used, day = facts.title, facts.used, facts.day
        state = say(lang, "members.feed-present" if present else "members.feed-absent", date=day) \
            if present is not None else ""
        short = say(lang, "members.present" if present else "members.absent") if present is not None else day
        lines = [facts.council, state]
        for cast in casts:
            text = one_line(text_in(cast.decision.text, lang)[0])
            lines.append(say(lang, "members.feed-vote", item=cast.decision.item, text=shorten(text, 300),
                             option=say(lang, f"members.option-{cast.option}")))
        entry = Entry(
            id="", link=facts.link, title=shorten(say(used, "members.feed-entry", meeting=title, state=short),
                                                  TITLE_LIMIT),
            summary=finish(line for line in lines if line), lang=used, published=facts.published,
            updated=facts.updated, kind="meeting", council=council.slug)
        shared = _SHARED[key] = (entry, _order(entry))
    return shared


def _order(entry: Entry) -> Order:
    return newest_first(entry.updated, entry.published)


def entries(ctx: SiteContext, council: Council, member_id: str, lang: str,
            own: Callable[[SiteContext, Record, str], Entry] | None = None) -> list[tuple[Entry, str]]:
    """The member's entries, newest first, at most :data:`MAX_ENTRIES`, each with its id: the member's
    page with the meeting's id as fragment for a meeting's (shared) entry, the entry's own otherwise.

    ``own(ctx, record, lang)`` gives the ordinary entry of a record that is the member's own (a deputy's
    receptions and quarterly reports: records whose ``deputy`` is the member; recommendations naming them
    in ``authors``), as in the type's feed.
    """
    act = activity(council)[member_id]
    meetings: dict[str, tuple[Meeting, bool | None]] = {p.meeting.id: (p.meeting, p.present) for p in act.meetings}
    for cast in act.votes:
        meetings.setdefault(cast.meeting.id, (cast.meeting, None))
    page = ctx.url(page_url(lang, council.slug, member_id))
    # Sorted by date, then by the id each entry has in this member's feed, as every feed sorts its entries.
    keyed = []
    for meeting, present in meetings.values():
        entry, order = _entry(ctx, council, act, meeting, present, lang)
        ident = f"{page}#{meeting.id}"
        keyed.append((order, ident, entry))
    if own is not None:
        for rec in [*_deputies(council).get(member_id, ()), *act.authored]:
            entry = own(ctx, rec, lang)
            keyed.append((_order(entry), entry.id, entry))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [(entry, ident) for _, ident, entry in keyed[:MAX_ENTRIES]]


def feed_title(ctx: SiteContext, lang: str, slug: str, member_id: str) -> str:
    council = ctx.portal.councils[slug]
    return say(lang, "members.feed-title", name=name_of(council, member_id, lang), council=council_name(council, lang))


def feed_entries(ctx: SiteContext, lang: str, own: Callable[[SiteContext, Record, str], Entry] | None = None,
                 skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str, list[tuple[Entry, str]]]]:
    """``(council slug, member id, entries with their ids)`` of every member's feed in ``lang`` (not of the
    councils in ``skip``): :func:`entries`."""
    if without("members"):  # the benchmark switch (ashyq.diagnostics): no member pages, no member feeds
        return
    _clear()  # the memos live while one language's feeds are written, never longer
    try:
        for council in ctx.portal.councils.values():
            if council.slug in skip:
                continue
            for member_id in activity(council):
                yield council.slug, member_id, entries(ctx, council, member_id, lang, own)
    finally:
        _clear()


def _clear() -> None:
    _FACTS.clear()
    _SHARED.clear()
    _DEPUTIES.clear()
