"""What each member of a council did: meetings attended, votes, speeches, hearings chaired, recommendations drafted.

Computed once per council from the records (:func:`activity`) and shared by
the member pages, the members section, the member feeds and the open data,
so a rate on a page and a row in ``attendance.csv`` always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from babel.numbers import format_percent

from ..diagnostics import without
from ..kinds.hearing.model import Hearing
from ..kinds.meeting.model import Decision, Meeting, Option
from ..kinds.meeting.rollcall import expected, votes_of
from ..kinds.recommendation.model import Recommendation
from ..models import Council, Member, text_of
from ..models.common import LANGS, Name, Text
from . import urls

FEED_NAME = "votes"  # <member page>/votes.atom.xml and votes.rss.xml
# A member page's folder, relative to an edition: left out of the search index (write/search.py). What search
# would find there, the member's name, roles, organisation and biography, the council's members page holds
# (a biography under the member's name as a heading of its own), and what they did, the meeting pages: on
# their own page it would be every member found twice, and a fifth more pages to index at 200 councils.
UNINDEXED = "councils/*/members/*"


def page_url(lang: str, slug: str, member_id: str) -> str:
    """A member's page: ``kk/councils/<slug>/members/<id>/``."""
    return urls.council(lang, slug, "members") + f"{member_id}/"


def feed_url(lang: str, slug: str, member_id: str, fmt: str) -> str:
    """A member's feed of votes, attendance and drafted recommendations, beside their page (``fmt``: atom or rss)."""
    return page_url(lang, slug, member_id) + f"{FEED_NAME}.{fmt}.xml"


@dataclass(frozen=True)
class Presence:
    meeting: Meeting
    present: bool


@dataclass(frozen=True)
class Cast:
    """One member's vote on one decision."""

    meeting: Meeting
    number: int  # the decision's place in the meeting's list, from 1
    decision: Decision
    option: Option


@dataclass(frozen=True)
class Spoke:
    meeting: Meeting
    item: int  # agenda item number
    title: Text


@dataclass
class Activity:
    """A member's record: every held meeting of their terms, their votes, speeches, chairs and recommendations."""

    member_id: str
    meetings: list[Presence] = field(default_factory=list)
    votes: list[Cast] = field(default_factory=list)
    spoke: list[Spoke] = field(default_factory=list)
    chaired: list[Hearing] = field(default_factory=list)
    authored: list[Recommendation] = field(default_factory=list)  # those naming them in ``authors``, oldest first

    @property
    def held(self) -> int:
        """Held meetings with recorded attendance while a voting member."""
        return len(self.meetings)

    @property
    def attended(self) -> int:
        return sum(1 for p in self.meetings if p.present)

    @property
    def rate(self) -> float | None:
        return self.attended / self.held if self.held else None

    def votes_at(self, meeting: Meeting) -> list[Cast]:
        return [c for c in self.votes if c.meeting is meeting]


def percent(rate: float | None, lang: str) -> str:
    """``89 %`` in the reader's language; a dash when there was no meeting to attend."""
    return _percent(rate, lang) if rate is not None else "—"


@lru_cache(maxsize=4096)  # a council's rates are a few fractions of its meetings; Babel takes 0.16 ms each
def _percent(rate: float, lang: str) -> str:
    return format_percent(rate, locale=lang)


def _names(name: Name | None) -> set[str]:
    if name is None:
        return set()
    values = [name] if isinstance(name, str) else [getattr(name, lang) for lang in LANGS]
    return {" ".join(v.split()).casefold() for v in values if v}


def member_named(council: Council, name: Name | None, day: dt.date | None = None) -> str | None:
    """The id of the member a speaker or chair names: by id, or by the full name in either language."""
    comp = council.composition
    if comp is None or name is None:
        return None
    if isinstance(name, str) and comp.member(name.strip()) is not None:
        return name.strip()
    wanted = _names(name)
    found = [m for m in comp.members if wanted & _names(m.name) and (day is None or m.active_on(day))]
    return found[0].id if found else None


def persons(council: Council) -> dict[str, str]:
    """Membership id -> the person's id: ``person`` (followed to the first membership) or its own id.

    Computed once per council object (:func:`_people`): member pages, feeds and data files ask for every
    member, and a council may have thousands."""
    return _people(council)[0]


def _link_persons(council: Council) -> dict[str, str]:
    comp = council.composition
    link = {m.id: m.person or m.id for m in (comp.members if comp else ())}
    out = {}
    for mid in link:
        pid, seen = mid, {mid}
        while link.get(pid, pid) not in seen:  # a chain of new roles, never a loop
            pid = link[pid]
            seen.add(pid)
        out[mid] = pid
    return out


_PEOPLE: dict[str, tuple[Council, object, dict[str, str], dict[str, list[Member]]]] = {}


def _people(council: Council) -> tuple[dict[str, str], dict[str, list[Member]]]:
    """``(membership id -> person id, person id -> memberships oldest first)``, once per council object."""
    cached = _PEOPLE.get(council.slug)
    if cached is not None and cached[0] is council and cached[1] is council.composition:
        return cached[2], cached[3]
    person = _link_persons(council)
    comp = council.composition
    by_person: dict[str, list[Member]] = {}
    for m in (comp.members if comp else ()):
        by_person.setdefault(person[m.id], []).append(m)
    for terms in by_person.values():
        terms.sort(key=lambda m: m.start)
    _PEOPLE[council.slug] = (council, council.composition, person, by_person)
    return person, by_person


def person_of(council: Council, member_id: str) -> str:
    return persons(council).get(member_id, member_id)


_CACHE: dict[str, tuple[Council, dict[str, Activity]]] = {}  # slug -> (the council it was made from, activity)


def activity(council: Council) -> dict[str, Activity]:
    """Member id -> their activity, in the composition's order; computed once per council object."""
    cached = _CACHE.get(council.slug)
    if cached is not None and cached[0] is council:
        return cached[1]
    comp = council.composition
    person = persons(council)
    out = {pid: Activity(pid) for pid in person.values()}
    meetings = sorted((m for m in council.meetings if m.status == "held"), key=lambda m: (m.date, m.id))
    for meeting in meetings:
        present = set(meeting.attendance)
        if meeting.attendance:
            for member in expected(meeting, comp):
                out[person[member]].meetings.append(Presence(meeting, member in present))
        for i, decision in enumerate(meeting.decisions):
            for member, option in (votes_of(meeting, decision, comp) or {}).items():
                if member in person:
                    out[person[member]].votes.append(Cast(meeting, i + 1, decision, option))
        for i, item in enumerate(meeting.agenda):
            member = member_named(council, item.speaker, meeting.date)
            if member in person:
                out[person[member]].spoke.append(Spoke(meeting, meeting.item_number(i), item.title))
    for hearing in sorted(council.hearings, key=lambda h: (h.date, h.id)):
        member = member_named(council, hearing.chair, hearing.date)
        if member in person:
            out[person[member]].chaired.append(hearing)
    for rec in sorted(council.recommendations, key=lambda r: (r.sent, r.id)):
        for pid in dict.fromkeys(person[m] for m in rec.authors if m in person):  # a person once per record
            out[pid].authored.append(rec)
    _CACHE[council.slug] = (council, out)
    return out


def memberships(council: Council, person_id: str) -> list[Member]:
    """Every membership of one person (roles over time), oldest first."""
    return list(_people(council)[1].get(person_id, ()))


def member_ids(council: Council) -> Iterable[str]:
    """Each person of the composition once, former members included: their pages stay (none when the
    benchmark switch turns member pages off: :mod:`ashyq.diagnostics`)."""
    return {} if without("members") else dict.fromkeys(persons(council).values())


def rates(council: Council, lang: str) -> dict[str, dict[str, object]]:
    """Membership id -> its person's attended, held and the rate as text, for the members section."""
    act = activity(council)
    return {mid: {"attended": act[pid].attended, "held": act[pid].held, "rate": percent(act[pid].rate, lang)}
            for mid, pid in persons(council).items()}


def name_of(council: Council, member_id: str, lang: str) -> str:
    found = memberships(council, member_id)
    return text_of(found[-1].name, lang) if found else member_id
