"""Open data per member: ``data/people.json``, one Popolo ``Person`` per member with memberships, attendance, votes
and the recommendations they drafted.

Popolo names: a person's memberships are the ``Membership`` objects of
``members.json``; each vote is a ``Vote`` (``option``) with the vote event
it belongs to (meeting, agenda item, motion).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic.json_schema import models_json_schema

from ..models import Council, Member
from ..kinds.meeting.rollcall import POPOLO
from . import datamodels as d
from . import urls
from .context import SiteContext
from .members import activity, feed_url, name_of, page_url, person_of


class Presence(d.Out):
    meeting: str  # the meeting's id in meetings.json: <council>/meeting/<id>
    date: d.Date
    present: bool


class MemberVote(d.Out):
    """Popolo Vote with its vote event: the meeting, the agenda item and the motion."""

    type: Literal["Vote"] = "Vote"
    meeting: str
    date: d.Date
    agendaItem: d.Count
    decision: d.Count  # the decision's place in the meeting's list, from 1
    motion: d.Text
    option: Literal["yes", "no", "abstain", "absent", "not voting"]


class Authored(d.Out):
    """A recommendation the member drafted: it names them in its ``authors``."""

    recommendation: str  # its id in recommendations.json: <council>/recommendation/<id>
    sent: d.Date
    name: d.Text


class AttendanceRate(d.Out):
    """Held meetings with recorded attendance while a voting member, and how many the member attended."""

    meetings: d.Count
    attended: d.Count
    rate: float | None


class Person(d.Out):
    """Popolo Person: one member of a council (``id`` is the ``person_id`` of their memberships)."""

    type: Literal["Person"] = "Person"
    id: str
    council: str
    name: d.Text
    web: d.Web
    feeds: dict[str, dict[str, d.Url] | None]
    attendance: AttendanceRate
    presence: list[Presence]
    votes: list[MemberVote]
    authored: list[Authored]


def membership_attendance(council: Council, member: Member) -> dict[str, Any]:
    """The attendance of one membership (its own period), for ``members.json``."""
    spans = [p for p in activity(council)[person_of(council, member.id)].meetings if member.active_on(p.meeting.date)]
    attended = sum(1 for p in spans if p.present)
    return AttendanceRate(meetings=len(spans), attended=attended,
                          rate=round(attended / len(spans), 4) if spans else None).model_dump()


def _per_lang(ctx: SiteContext, value) -> dict[str, Any]:
    return {lang: value(lang) if lang in ctx.langs else None for lang in d.OUTPUT_LANGS}


def person(ctx: SiteContext, council: Council, member_id: str) -> Person:
    act = activity(council)[member_id]
    return Person(
        id=f"{council.slug}/{member_id}", council=council.slug,
        name=d.Text(**{lang: name_of(council, member_id, lang) for lang in d.OUTPUT_LANGS}),
        web=d.Web(**_per_lang(ctx, lambda lang: ctx.url(page_url(lang, council.slug, member_id)))),
        feeds=_per_lang(ctx, lambda lang: {fmt: ctx.url(feed_url(lang, council.slug, member_id, fmt))
                                           for fmt in ("atom", "rss")}),
        attendance=AttendanceRate(meetings=act.held, attended=act.attended,
                                  rate=round(act.rate, 4) if act.rate is not None else None),
        presence=[Presence(meeting=p.meeting.uid, date=p.meeting.date.isoformat(), present=p.present)
                  for p in act.meetings],
        votes=[MemberVote(meeting=c.meeting.uid, date=c.meeting.date.isoformat(), agendaItem=c.decision.item,
                          decision=c.number, motion=d.text(c.decision.text), option=POPOLO[c.option])
               for c in act.votes],
        authored=[Authored(recommendation=r.uid, sent=r.sent.isoformat(), name=d.text(r.title))
                  for r in act.authored])


def council_people(ctx: SiteContext, council: Council, memberships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A council's members as Persons, each with its ``memberships`` (of ``memberships``, as in
    ``members.json``): ``people.json`` lists them council by council."""
    of_person: dict[str, list[dict[str, Any]]] = {}  # person id -> memberships, grouped in one pass
    for m in memberships:
        of_person.setdefault(person_of(council, m["id"].rsplit("/", 1)[-1]), []).append(m)
    return [{**person(ctx, council, member_id).model_dump(mode="json"), "memberships": of_person.get(member_id, [])}
            for member_id in activity(council)]


def people_schema(ctx: SiteContext, defs: dict[str, Any], envelope: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of ``people.json``: the envelope and a list of Person objects with their memberships."""
    _, top = models_json_schema([(Person, "serialization")], ref_template="#/$defs/{model}")
    own = top["$defs"].pop("Person")
    own["properties"]["memberships"] = {"type": "array", "items": {"$ref": "#/$defs/Membership"}}
    own["required"] = list(own["properties"])
    props = {**envelope, "data": {"type": "array", "items": {"$ref": "#/$defs/Person"}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": ctx.url(urls.data("schema/people.schema.json")), "title": "ashyq: people",
            "description": "format_version: Popolo Person with Membership, attendance and Vote objects, "
                           "and the recommendations the member drafted",
            "type": "object", "properties": props, "required": list(props), "additionalProperties": False,
            "$defs": {**defs, **top["$defs"], "Person": own}}
