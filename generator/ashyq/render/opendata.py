"""Open data: JSON with published schemas, CSV for spreadsheets, one ZIP of everything.

Everything lands under ``data/`` (language-neutral; texts carry both
languages). The page ``content/<lang>/data.md`` documents each file for
readers; this docstring is the reference for maintainers.

JSON (UTF-8, no BOM), one file per record type and one per council::

    data/councils.json  members.json  meetings.json  recommendations.json
    data/hearings.json  reports.json  plans.json     findings.json
    data/councils/<slug>.json          (everything of one council)
    data/schema/<name>.schema.json     (JSON Schema 2020-12 of each file)

Every JSON file is an object with ``format_version`` (:data:`FORMAT_VERSION`,
``MAJOR.MINOR``: a minor version only adds fields or values, so readers must
ignore fields they do not know; a major version renames, removes or changes
the meaning of something), ``schema`` (absolute URL of its schema),
``licence``, ``publisher`` and ``as_of`` (the date statuses such as
"overdue" were computed for), then ``data`` (a list) or, per council, one
list per record type.

Names follow OParl 1.1 where an OParl object fits (``Meeting``,
``AgendaItem``, ``File``; ``name``, ``meetingState``, ``cancelled``,
``start``, ``end``, ``location``, ``agendaItem``, ``auxiliaryFile``, ``web``,
``created``, ``modified``, ``deleted``) and Popolo where a Popolo object fits
(``Organization``, ``Membership`` with ``organization_id``, ``person_id``,
``role``, ``start_date``, ``end_date``; ``VoteEvent`` with ``counts`` of
options ``yes``/``no``/``abstain``). Each standard's own spelling is kept
(OParl camelCase, Popolo snake_case). A text is ``{"kk": …, "ru": …}``.
A record removed from the repository stays as a tombstone
``{"type", "id", "deleted": true, "modified": <removal time>, …}`` (OParl
1.1 §2.7), never a silent disappearance.

CSV (:data:`CSV_COLUMNS` is the documented header of each): ``councils``,
``members``, ``meetings``, ``decisions``, ``recommendations`` (with the
computed deadline, status and days overdue), ``hearings``, ``reports``,
``findings`` and ``indicator``. Encoding UTF-8 **with BOM**, so that Excel
opens Kazakh and Russian text correctly on double-click; comma-separated,
``"``-quoted where needed, CRLF line ends (RFC 4180); one header row; dates
ISO ``YYYY-MM-DD``; booleans ``true``/``false``; empty cell for "none".
Python reads them with ``open(path, encoding="utf-8-sig", newline="")``.
A text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-`` or ``@`` and not just a number, date or phone number) gets a
leading ``'`` (the OWASP advice against CSV injection); the JSON keeps the
text exactly.

ZIP: ``data/ashyq-data.zip`` holds every file above under the same relative
names, in sorted order, with a fixed timestamp (1980-01-01), so two builds
give identical bytes.

Personal data: members are published with name, role, category,
organisation and dates, as on the composition page; e-mail and phone only
with ``consent.contacts``, biography only with ``consent.biography``, the
photo file only with ``consent.photo``. An organisation's BIN is published
only when it is a legal entity's BIN (a 12-digit number that is a valid IIN
is a person's and is left out).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..deadlines import response_status
from ..findings import Finding, Kind
from ..i18n import t
from ..models import Council, Hearing, Meeting, Plan, Recommendation, Record, Report, Text
from ..models.common import Attachment, Votes
from ..validate.privacy import is_valid_iin
from . import urls
from .context import SiteContext
from .feeds import moment, plain, posted, tombstones, updated
from .indicator import compute, for_council

FORMAT_VERSION = "1.0"
ZIP_NAME = "ashyq-data.zip"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
JSON_FILES = ("councils", "members", "meetings", "recommendations", "hearings", "reports", "plans", "findings")
RECORD_LISTS = ("meetings", "recommendations", "hearings", "reports", "plans")
KIND_TYPES = {"meeting": "Meeting", "recommendation": "Recommendation", "hearing": "Hearing", "report": "Report",
              "plan": "Plan"}

CSV_COLUMNS: dict[str, list[str]] = {
    "councils": ["council", "name_kk", "name_ru", "short_name_kk", "short_name_ru", "type", "host_body_kk",
                 "host_body_ru", "region_kk", "region_ru", "term_start", "term_end", "email", "phone", "website",
                 "members", "civil_society_members", "meetings", "meetings_held", "recommendations",
                 "recommendations_overdue", "hearings", "reports", "findings", "page_kk", "page_ru"],
    "members": ["council", "member", "name_kk", "name_ru", "role", "category", "organisation_kk",
                "organisation_ru", "organisation_bin", "civil_servant", "voting", "start", "end", "active",
                "email", "phone"],
    "meetings": ["council", "meeting", "number", "title_kk", "title_ru", "status", "date", "time", "end_time",
                 "moved_from", "place_kk", "place_ru", "online", "joint_with", "agenda_published", "agenda_items",
                 "present", "protocol_published", "decisions", "video", "created", "modified", "page_kk",
                 "page_ru"],
    "decisions": ["council", "meeting", "meeting_date", "item", "agenda_title_kk", "agenda_title_ru", "text_kk",
                  "text_ru", "votes_for", "votes_against", "votes_abstained", "page_kk", "page_ru"],
    "recommendations": ["council", "recommendation", "title_kk", "title_ru", "addressee_kk", "addressee_ru",
                        "basis", "sent", "deadline", "status", "days_overdue", "response_date", "outcome",
                        "motivated", "signed_by_first_head", "meeting", "hearing", "created", "modified",
                        "page_kk", "page_ru"],
    "hearings": ["council", "hearing", "topic_kk", "topic_ru", "status", "date", "time", "place_kk", "place_ru",
                 "online", "announced", "days_announced_ahead", "materials_published", "present",
                 "final_protocol_adopted", "votes_for", "votes_against", "votes_abstained", "recipients",
                 "created", "modified", "page_kk", "page_ru"],
    "reports": ["council", "report", "period", "year", "title_kk", "title_ru", "published", "created", "modified",
                "page_kk", "page_ru"],
    "findings": ["council", "record", "rule", "severity", "message_kk", "message_ru", "file", "line", "field",
                 "page_kk", "page_ru"],
    "indicator": ["council", "year", "period", "B", "C", "E", "G", "public", "F", "band", "band_kk", "band_ru",
                  "reports"],
}

_FORMULA = re.compile(r"^[=+\-@]")
_HARMLESS = re.compile(r"^[+\-]?[\d\s().,/:-]*$")  # numbers, dates, phone numbers


# --------------------------------------------------------------------- values


def _text(value: Text | str | None) -> dict[str, str | None] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"kk": plain(value), "ru": plain(value)}
    return {"kk": plain(value.kk) if value.kk is not None else None,
            "ru": plain(value.ru) if value.ru is not None else None}


def _texts(values: Iterable[Text | str]) -> list[dict[str, str | None]]:
    return [_text(v) for v in values]


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _stamp(value: dt.date | dt.datetime | None) -> str | None:
    m = moment(value)
    return m.isoformat(timespec="seconds") if m else None


def _start(day: dt.date, time: str | None) -> str:
    if not time:
        return day.isoformat()
    hours, minutes = time.split(":")[:2]
    return moment(dt.datetime.combine(day, dt.time(int(hours), int(minutes)))).isoformat(timespec="seconds")


def _end(day: dt.date, time: str | None, end: str | None) -> str | None:
    if not time or not end:
        return None
    start = dt.datetime.combine(day, dt.time(*map(int, time.split(":")[:2])))
    finish = dt.datetime.combine(day, dt.time(*map(int, end.split(":")[:2])))
    if finish <= start:
        finish += dt.timedelta(days=1)
    return moment(finish).isoformat(timespec="seconds")


def _web(ctx: SiteContext, rec: Record) -> dict[str, str]:
    return {lang: ctx.url(urls.record(lang, rec)) for lang in ("kk", "ru")}


def _file(att: Attachment | None) -> dict | None:
    if att is None:
        return None
    return {"type": "File", "name": _text(att.title), "fileName": plain(att.file)}


def _vote_event(votes: Votes | None, **extra: Any) -> dict:
    counts = [] if votes is None else [{"option": "yes", "value": votes.for_},
                                       {"option": "no", "value": votes.against},
                                       {"option": "abstain", "value": votes.abstained}]
    return {"type": "VoteEvent", **extra, "counts": counts}


def _body(rec: Record) -> dict[str, str | None] | None:
    if not rec.body:
        return None
    return {lang: plain(rec.body[lang]) if rec.body.get(lang) is not None else None for lang in ("kk", "ru")}


def _stamps(ctx: SiteContext, rec: Record) -> dict[str, Any]:
    return {"created": _stamp(posted(ctx, rec)), "modified": _stamp(updated(ctx, rec)), "deleted": False}


def _compliance(ctx: SiteContext, rec: Record) -> list[str]:
    return sorted({f.rule for f in ctx.findings_for(rec)})


# --------------------------------------------------------------------- JSON objects


def meeting_json(ctx: SiteContext, rec: Meeting) -> dict:
    items = []
    for i, item in enumerate(rec.agenda):
        items.append({"type": "AgendaItem", "number": rec.item_number(i), "order": i + 1, "name": _text(item.title),
                      "speaker": _text(item.speaker), "auxiliaryFile": [_file(a) for a in item.materials]})
    votes = [_vote_event(d.votes, agendaItem=d.item, motion=_text(d.text)) for d in rec.decisions]
    return {
        "type": "Meeting", "id": rec.uid, "council": rec.council, "web": _web(ctx, rec),
        "name": _text(rec.title), "number": rec.number, "meetingState": rec.status,
        "cancelled": rec.status == "cancelled",
        "start": _start(rec.date, rec.time), "end": _end(rec.date, rec.time, rec.end_time),
        "movedFrom": [{"date": m.date.isoformat(), "time": m.time} for m in rec.moved_from],
        "location": {"description": _text(rec.place), "online": rec.online},
        "jointWith": list(rec.joint_with),
        "agendaPublished": _date(rec.agenda_published), "agendaItem": items,
        "attendance": list(rec.attendance), "present": len(rec.attendance), "invited": _texts(rec.invited),
        "protocolPublished": _date(rec.protocol_published), "voteEvent": votes,
        "protocol": _body(rec), "auxiliaryFile": [_file(a) for a in rec.attachments], "video": rec.video,
        "cancellationReason": _text(rec.cancellation_reason), "compliance": _compliance(ctx, rec),
        **_stamps(ctx, rec),
    }


def recommendation_json(ctx: SiteContext, rec: Recommendation) -> dict:
    status = response_status(rec, ctx.calendar, ctx.today)
    response = None
    if rec.response is not None:
        r = rec.response
        signatory = None
        if r.signatory is not None:
            signatory = {"name": _text(r.signatory.name), "position": _text(r.signatory.position),
                         "firstHead": r.signatory.first_head}
        response = {"date": r.date.isoformat(), "number": plain(r.number) if r.number else None,
                    "signatory": signatory, "text": _text(r.text), "file": _file(r.file), "motivated": r.motivated,
                    "outcome": r.outcome}
    return {
        "type": "Recommendation", "id": rec.uid, "council": rec.council, "web": _web(ctx, rec),
        "name": _text(rec.title), "text": _text(rec.text), "addressee": _text(rec.addressee), "basis": rec.basis,
        "shortDeadline": rec.short_deadline, "meeting": rec.meeting, "hearing": rec.hearing,
        "sent": rec.sent.isoformat(), "deadline": status.deadline.isoformat(), "status": status.state,
        "daysOverdue": status.days_overdue, "response": response, "followUp": _text(rec.follow_up),
        "compliance": _compliance(ctx, rec), **_stamps(ctx, rec),
    }


def hearing_json(ctx: SiteContext, rec: Hearing) -> dict:
    fp = None
    if rec.final_protocol is not None:
        p = rec.final_protocol
        fp = {"adopted": p.adopted.isoformat(), "membersPresent": p.members_present,
              "voteEvent": _vote_event(p.votes), "complianceInformation": _text(p.compliance_information),
              "recommendations": _texts(p.recommendations), "amendments": _texts(p.amendments),
              "justification": _text(p.justification), "signedByChair": p.signed_by_chair,
              "signedBySecretary": p.signed_by_secretary, "published": _date(p.published), "file": _file(p.file)}
    return {
        "type": "Hearing", "id": rec.uid, "council": rec.council, "web": _web(ctx, rec),
        "name": _text(rec.topic), "basis": _text(rec.basis), "hearingState": rec.status,
        "cancelled": rec.status == "cancelled", "agreedWithBody": _date(rec.agreed_with_body),
        "announced": _date(rec.announced),
        "daysAnnouncedAhead": (rec.date - rec.announced).days if rec.announced else None,
        "channels": _texts(rec.channels), "materialsPublished": _date(rec.materials_published),
        "materials": [_file(a) for a in rec.materials],
        "start": _start(rec.date, rec.time), "end": _end(rec.date, rec.time, rec.end_time),
        "location": {"description": _text(rec.place), "online": rec.online}, "present": rec.present,
        "chair": _text(rec.chair), "secretary": _text(rec.secretary), "agenda": _texts(rec.agenda),
        "speeches": [{"speaker": _text(s.speaker), "summary": _text(s.summary)} for s in rec.speeches],
        "proposals": _texts(rec.proposals), "finalProtocol": fp,
        "sentTo": [{"name": _text(a.name), "kind": a.kind, "date": a.date.isoformat()} for a in rec.sent_to],
        "protocol": _body(rec), "auxiliaryFile": [_file(a) for a in rec.attachments], "video": rec.video,
        "compliance": _compliance(ctx, rec), **_stamps(ctx, rec),
    }


def report_json(ctx: SiteContext, rec: Report) -> dict:
    council = ctx.portal.councils.get(rec.council)
    ind = compute(council, rec.year, rec.period) if council else None
    fb = rec.feedback
    feedback = None if fb is None else {"B": fb.proposals_accepted, "C": fb.proposals_received,
                                        "E": fb.comments_answered, "G": fb.comments_received, "public": fb.public}
    return {
        "type": "Report", "id": rec.uid, "council": rec.council, "web": _web(ctx, rec), "name": _text(rec.title),
        "period": rec.period, "year": rec.year, "published": _date(rec.published), "channels": _texts(rec.channels),
        "feedback": feedback, "indicator": ind.to_json() if ind else None, "text": _body(rec),
        "auxiliaryFile": [_file(a) for a in rec.attachments], "compliance": _compliance(ctx, rec),
        **_stamps(ctx, rec),
    }


def plan_json(ctx: SiteContext, rec: Plan) -> dict:
    items = [{"period": i.period, "topic": _text(i.topic), "form": i.form, "responsible": _text(i.responsible),
              "done": i.done, "result": _text(i.result)} for i in rec.items]
    return {
        "type": "Plan", "id": rec.uid, "council": rec.council, "web": _web(ctx, rec), "name": _text(rec.title),
        "year": rec.year, "kind": rec.kind, "commission": _text(rec.commission), "approved": _date(rec.approved),
        "published": _date(rec.published), "items": items, "file": _file(rec.file),
        "compliance": _compliance(ctx, rec), **_stamps(ctx, rec),
    }


_RECORD_JSON = {"meetings": meeting_json, "recommendations": recommendation_json, "hearings": hearing_json,
                "reports": report_json, "plans": plan_json}


def _public_bin(value: str | None) -> str | None:
    """A legal entity's BIN; None for a person's IIN used as BIN (an individual entrepreneur)."""
    if not value or is_valid_iin(value):
        return None
    return value


def membership_json(ctx: SiteContext, council: Council, member) -> dict:
    contacts = []
    if member.consent.contacts:
        if member.email:
            contacts.append({"type": "email", "value": plain(member.email)})
        if member.phone:
            contacts.append({"type": "voice", "value": plain(member.phone)})
    return {
        "type": "Membership", "id": f"{council.slug}/member/{member.id}", "organization_id": council.slug,
        "person_id": f"{council.slug}/{member.id}", "person_name": _text(member.name), "role": member.role,
        "label": {lang: t(lang, f"data.role.{member.role}") for lang in ("kk", "ru")},
        "category": member.category,
        "organisation": {"name": _text(member.organisation), "bin": _public_bin(member.bin)},
        "civil_servant": member.civil_servant, "voting": member.voting,
        "start_date": member.start.isoformat(), "end_date": _date(member.end), "active": member.active_on(ctx.today),
        "contact_details": contacts,
        "biography": _text(member.biography) if member.consent.biography else None,
        "image": plain(member.photo.file) if member.photo and member.consent.photo else None,
    }


def _council_stamps(ctx: SiteContext, council: Council) -> dict[str, str | None]:
    info = council.info
    path = f"{council.path}/council.yml"
    created = (info.created if info else None) or ctx.dates.first(path)
    modified = (info.updated if info else None) or ctx.dates.last(path) or created
    return {"created": _stamp(created), "modified": _stamp(modified)}


def council_json(ctx: SiteContext, council: Council) -> dict:
    info = council.info
    members = council.composition.active(ctx.today) if council.composition else []
    civil = sum(1 for m in members if m.category == "civil-society")
    statuses = [response_status(r, ctx.calendar, ctx.today).state for r in council.recommendations]
    contacts = info.contacts if info else None
    return {
        "type": "Organization", "id": council.slug, "classification": info.type if info else None,
        "name": _text(info.name) if info else {"kk": council.slug, "ru": council.slug},
        "shortName": _text(info.short_name) if info else None,
        "hostBody": _text(info.host_body) if info else None, "region": _text(info.region) if info else None,
        "term": {"start": info.term.start.isoformat(), "end": info.term.end.isoformat()} if info else None,
        "contacts": {"email": contacts.email if contacts else None, "phone": contacts.phone if contacts else None,
                     "address": _text(contacts.address) if contacts else None,
                     "website": contacts.website if contacts else None},
        "about": _text(info.about) if info else None, "formedBy": _text(info.formed_by) if info else None,
        "web": {lang: ctx.url(urls.council(lang, council.slug)) for lang in ("kk", "ru")},
        "feeds": {lang: {fmt: ctx.url(urls.feed(lang, "all", fmt, council.slug)) for fmt in ("atom", "rss")}
                  for lang in ("kk", "ru")},
        "calendar": {lang: ctx.url(urls.calendar(lang, council.slug)) for lang in ("kk", "ru")},
        "data": ctx.url(urls.data(f"councils/{council.slug}.json")),
        "composition": {
            "approved": _date(council.composition.approved) if council.composition else None,
            "published": _date(council.composition.published) if council.composition else None,
            "members": len(members), "civilSociety": civil,
            "civilSocietyShare": round(civil / len(members), 4) if members else None,
        },
        "counts": {"meetings": len(council.meetings),
                   "meetingsHeld": sum(1 for m in council.meetings if m.status == "held"),
                   "recommendations": len(council.recommendations),
                   "recommendationsOverdue": statuses.count("overdue"),
                   "hearings": len(council.hearings), "reports": len(council.reports), "plans": len(council.plans),
                   "findings": len(ctx.council_findings(council))},
        "indicator": [i.to_json() for i in for_council(council)],
        **_council_stamps(ctx, council),
    }


def finding_json(ctx: SiteContext, f: Finding) -> dict:
    web = None
    if f.council and f.council in ctx.portal.councils:
        rec = None
        if f.record:
            slug, kind, rid = (f.record.split("/") + ["", "", ""])[:3]
            council = ctx.portal.councils.get(slug)
            rec = council.find(kind, rid) if council else None
        web = {lang: ctx.url(urls.record(lang, rec) if rec else urls.council(lang, f.council, "compliance"))
               for lang in ("kk", "ru")}
    return {"rule": f.rule, "severity": f.severity, "council": f.council, "record": f.record, "file": f.file,
            "line": f.line, "field": f.field,
            "message": {lang: plain(f.message(lang)) for lang in ("kk", "ru")}, "web": web}


def tombstone_json(ctx: SiteContext, stone) -> dict:
    return {"type": KIND_TYPES[stone.kind], "id": stone.uid, "council": stone.council,
            "web": {lang: ctx.url(urls.record_by_parts(lang, stone.council, stone.folder, stone.id))
                    for lang in ("kk", "ru")},
            "name": {lang: plain(stone.title.get(lang)) if stone.title.get(lang) else None for lang in ("kk", "ru")},
            "created": _stamp(stone.created), "modified": _stamp(stone.removed), "deleted": True}


def compliance_findings(ctx: SiteContext) -> list[Finding]:
    """The findings the portal publishes: compliance only (data and safety errors stop the build)."""
    return [f for f in ctx.findings if f.kind is Kind.COMPLIANCE]


# --------------------------------------------------------------------- collections


def collect(ctx: SiteContext) -> tuple[dict[str, list[dict]], dict[str, dict[str, Any]]]:
    """``(portal-wide lists by file name, per-council documents by slug)``."""
    lists: dict[str, list[dict]] = {name: [] for name in JSON_FILES}
    per: dict[str, dict[str, Any]] = {}
    for slug, council in ctx.portal.councils.items():
        doc: dict[str, Any] = {"council": council_json(ctx, council), "members": [], "findings": []}
        lists["councils"].append(doc["council"])
        for m in council.composition.members if council.composition else []:
            doc["members"].append(membership_json(ctx, council, m))
        for name in RECORD_LISTS:
            folder = name
            doc[name] = [_RECORD_JSON[name](ctx, rec) for rec in getattr(council, folder)]
        per[slug] = doc
    for stone in tombstones(ctx):
        item = tombstone_json(ctx, stone)
        lists[stone.folder].append(item)
        if stone.council in per:
            per[stone.council][stone.folder].append(item)
    for f in compliance_findings(ctx):
        item = finding_json(ctx, f)
        lists["findings"].append(item)
        if f.council in per:
            per[f.council]["findings"].append(item)
    for doc in per.values():
        lists["members"] += doc["members"]
        for name in RECORD_LISTS:
            lists[name] += [i for i in doc[name] if not i["deleted"]]
    for name in RECORD_LISTS:  # live records by council (councils are sorted), tombstones after, by id
        lists[name] = [i for i in lists[name] if not i["deleted"]] + sorted(
            (i for i in lists[name] if i["deleted"]), key=lambda i: i["id"])
        for doc in per.values():
            doc[name] = [i for i in doc[name] if not i["deleted"]] + sorted(
                (i for i in doc[name] if i["deleted"]), key=lambda i: i["id"])
    return lists, per


# --------------------------------------------------------------------- JSON Schema

_NULL_STR = {"type": ["string", "null"]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NULL_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STAMP = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}
_WHEN = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$"}
_NULL_STAMP = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}
_URL = {"type": "string", "pattern": r"^https?://"}
_NULL_URL = {"type": ["string", "null"], "pattern": r"^https?://"}
_INT = {"type": "integer", "minimum": 0}
_NULL_INT = {"type": ["integer", "null"], "minimum": 0}
_BOOL = {"type": "boolean"}
_TEXT = {"$ref": "#/$defs/Text"}
_NULL_TEXT = {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]}


def _obj(props: dict[str, Any], description: str | None = None, optional: Iterable[str] = ()) -> dict:
    out: dict[str, Any] = {"type": "object", "properties": props,
                           "required": [k for k in props if k not in set(optional)], "additionalProperties": False}
    if description:
        out = {"description": description, **out}
    return out


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


_STAMPS = {"created": _STAMP, "modified": _STAMP, "deleted": {"const": False}}
_WEB = {"$ref": "#/$defs/Web"}
_FILE = {"$ref": "#/$defs/File"}
_VOTE = {"$ref": "#/$defs/VoteEvent"}
_LOCATION = _obj({"description": _NULL_TEXT, "online": _NULL_URL})

DEFS: dict[str, Any] = {
    "Text": _obj({"kk": _NULL_STR, "ru": _NULL_STR}, "A text in Kazakh (kk, the state language) and Russian (ru)."),
    "Web": _obj({"kk": _URL, "ru": _URL}, "OParl web: the page of the object in each language."),
    "File": _obj({"type": {"const": "File"}, "name": _TEXT, "fileName": {"type": "string"}},
                 "OParl File: an attachment; fileName is its path in the council's folder of the records repository."),
    "VoteEvent": {
        "description": "Popolo VoteEvent: counts of the options yes, no and abstain (empty when not recorded).",
        "type": "object", "additionalProperties": False,
        "properties": {"type": {"const": "VoteEvent"}, "agendaItem": _INT, "motion": _TEXT,
                       "counts": _array(_obj({"option": {"enum": ["yes", "no", "abstain"]}, "value": _INT}))},
        "required": ["type", "counts"]},
    "Indicator": _obj({"council": {"type": "string"}, "year": {"type": "integer"},
                       "period": {"enum": ["h1", "h2", "year"]}, "B": _INT, "C": _INT, "E": _INT, "G": _INT,
                       "public": _BOOL, "F": {"type": "number", "minimum": 0},
                       "band": {"enum": ["ineffective", "low", "medium", "high"]},
                       "reports": _array({"type": "string"})},
                      "Feedback indicator F = (B/C)·(E/G)·100 % of Order No. 17-НҚ (2024); 0 when not public."),
    "Deleted": _obj({"type": {"enum": sorted(KIND_TYPES.values())}, "id": {"type": "string"},
                     "council": {"type": "string"}, "web": _WEB, "name": _TEXT, "created": _NULL_STAMP,
                     "modified": _NULL_STAMP, "deleted": {"const": True}},
                    "A tombstone (OParl 1.1): the record was withdrawn; web gives the address it had."),
}
DEFS["Meeting"] = _obj({
    "type": {"const": "Meeting"}, "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB,
    "name": _NULL_TEXT, "number": _NULL_INT, "meetingState": {"enum": ["planned", "held", "postponed", "cancelled"]},
    "cancelled": _BOOL, "start": _WHEN, "end": {"anyOf": [_STAMP, {"type": "null"}]},
    "movedFrom": _array(_obj({"date": _DATE, "time": _NULL_STR})), "location": _LOCATION,
    "jointWith": _array({"type": "string"}), "agendaPublished": _NULL_DATE,
    "agendaItem": _array(_obj({"type": {"const": "AgendaItem"}, "number": _INT, "order": _INT, "name": _TEXT,
                               "speaker": _NULL_TEXT, "auxiliaryFile": _array(_FILE)})),
    "attendance": _array({"type": "string"}), "present": _INT, "invited": _array(_TEXT),
    "protocolPublished": _NULL_DATE, "voteEvent": _array(_VOTE), "protocol": _NULL_TEXT,
    "auxiliaryFile": _array(_FILE), "video": _NULL_URL, "cancellationReason": _NULL_TEXT,
    "compliance": _array({"type": "string"}), **_STAMPS}, "OParl Meeting.")
DEFS["Recommendation"] = _obj({
    "type": {"const": "Recommendation"}, "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB,
    "name": _TEXT, "text": _TEXT, "addressee": _TEXT, "basis": {"type": "string"}, "shortDeadline": _BOOL,
    "meeting": _NULL_STR, "hearing": _NULL_STR, "sent": _DATE, "deadline": _DATE,
    "status": {"enum": ["answered", "late", "pending", "overdue"]}, "daysOverdue": _INT,
    "response": {"anyOf": [{"type": "null"}, _obj({
        "date": _DATE, "number": _NULL_STR,
        "signatory": {"anyOf": [{"type": "null"}, _obj({"name": _TEXT, "position": _TEXT, "firstHead": _BOOL})]},
        "text": _NULL_TEXT, "file": {"anyOf": [_FILE, {"type": "null"}]}, "motivated": _BOOL,
        "outcome": {"enum": ["accepted", "partly", "rejected"]}})]},
    "followUp": _NULL_TEXT, "compliance": _array({"type": "string"}), **_STAMPS},
    "A recommendation of the council to a state body, with the computed response deadline and status.")
DEFS["Hearing"] = _obj({
    "type": {"const": "Hearing"}, "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB,
    "name": _TEXT, "basis": _NULL_TEXT, "hearingState": {"enum": ["planned", "held", "postponed", "cancelled"]},
    "cancelled": _BOOL, "agreedWithBody": _NULL_DATE, "announced": _NULL_DATE,
    "daysAnnouncedAhead": {"type": ["integer", "null"]}, "channels": _array(_TEXT),
    "materialsPublished": _NULL_DATE, "materials": _array(_FILE), "start": _WHEN,
    "end": {"anyOf": [_STAMP, {"type": "null"}]}, "location": _LOCATION, "present": _NULL_INT,
    "chair": _NULL_TEXT, "secretary": _NULL_TEXT, "agenda": _array(_TEXT),
    "speeches": _array(_obj({"speaker": _TEXT, "summary": _TEXT})), "proposals": _array(_TEXT),
    "finalProtocol": {"anyOf": [{"type": "null"}, _obj({
        "adopted": _DATE, "membersPresent": _INT, "voteEvent": _VOTE, "complianceInformation": _NULL_TEXT,
        "recommendations": _array(_TEXT), "amendments": _array(_TEXT), "justification": _NULL_TEXT,
        "signedByChair": _BOOL, "signedBySecretary": _BOOL, "published": _NULL_DATE,
        "file": {"anyOf": [_FILE, {"type": "null"}]}})]},
    "sentTo": _array(_obj({"name": _TEXT, "kind": {"enum": ["state-body", "supervisory", "media", "other"]},
                           "date": _DATE})),
    "protocol": _NULL_TEXT, "auxiliaryFile": _array(_FILE), "video": _NULL_URL,
    "compliance": _array({"type": "string"}), **_STAMPS}, "A public hearing.")
DEFS["Report"] = _obj({
    "type": {"const": "Report"}, "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB,
    "name": _TEXT, "period": {"enum": ["h1", "h2", "year"]}, "year": {"type": "integer"},
    "published": _NULL_DATE, "channels": _array(_TEXT),
    "feedback": {"anyOf": [{"type": "null"}, _obj({"B": _INT, "C": _INT, "E": _INT, "G": _INT, "public": _BOOL})]},
    "indicator": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/Indicator"}]}, "text": _NULL_TEXT,
    "auxiliaryFile": _array(_FILE), "compliance": _array({"type": "string"}), **_STAMPS},
    "An activity report (half-year or year).")
DEFS["Plan"] = _obj({
    "type": {"const": "Plan"}, "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB,
    "name": _NULL_TEXT, "year": {"type": "integer"}, "kind": {"enum": ["annual", "commission"]},
    "commission": _NULL_TEXT, "approved": _NULL_DATE, "published": _NULL_DATE,
    "items": _array(_obj({"period": {"type": "string"}, "topic": _TEXT, "form": {"type": "string"},
                          "responsible": _NULL_TEXT, "done": {"type": ["boolean", "null"]}, "result": _NULL_TEXT})),
    "file": {"anyOf": [_FILE, {"type": "null"}]}, "compliance": _array({"type": "string"}), **_STAMPS},
    "A work plan.")
DEFS["Membership"] = _obj({
    "type": {"const": "Membership"}, "id": {"type": "string"}, "organization_id": {"type": "string"},
    "person_id": {"type": "string"}, "person_name": _TEXT,
    "role": {"enum": ["chair", "deputy-chair", "secretary", "member"]}, "label": _TEXT,
    "category": {"enum": ["civil-society", "state-body"]},
    "organisation": _obj({"name": _NULL_TEXT, "bin": {"type": ["string", "null"], "pattern": r"^\d{12}$"}}),
    "civil_servant": _BOOL, "voting": _BOOL, "start_date": _DATE, "end_date": _NULL_DATE, "active": _BOOL,
    "contact_details": _array(_obj({"type": {"enum": ["email", "voice"]}, "value": {"type": "string"}})),
    "biography": _NULL_TEXT, "image": _NULL_STR},
    "Popolo Membership. Contacts, biography and photo only with the member's consent.")
DEFS["Organization"] = _obj({
    "type": {"const": "Organization"}, "id": {"type": "string"},
    "classification": {"enum": ["ministry", "central-body", "oblast", "city", "district", "quasi-public", "village",
                                None]},
    "name": _TEXT, "shortName": _NULL_TEXT, "hostBody": _NULL_TEXT, "region": _NULL_TEXT,
    "term": {"anyOf": [{"type": "null"}, _obj({"start": _DATE, "end": _DATE})]},
    "contacts": _obj({"email": _NULL_STR, "phone": _NULL_STR, "address": _NULL_TEXT, "website": _NULL_URL}),
    "about": _NULL_TEXT, "formedBy": _NULL_TEXT, "web": _WEB,
    "feeds": _obj({lang: _obj({"atom": _URL, "rss": _URL}) for lang in ("kk", "ru")}),
    "calendar": _obj({"kk": _URL, "ru": _URL}), "data": _URL,
    "composition": _obj({"approved": _NULL_DATE, "published": _NULL_DATE, "members": _INT, "civilSociety": _INT,
                         "civilSocietyShare": {"type": ["number", "null"], "minimum": 0, "maximum": 1}}),
    "counts": _obj({k: _INT for k in ("meetings", "meetingsHeld", "recommendations", "recommendationsOverdue",
                                      "hearings", "reports", "plans", "findings")}),
    "indicator": _array({"$ref": "#/$defs/Indicator"}), "created": _NULL_STAMP, "modified": _NULL_STAMP},
    "Popolo Organization: a public council, with its feedback indicator per period.")
DEFS["Finding"] = _obj({
    "rule": {"type": "string"}, "severity": {"enum": ["E", "W"]}, "council": _NULL_STR, "record": _NULL_STR,
    "file": _NULL_STR, "line": _NULL_INT, "field": _NULL_STR, "message": _TEXT,
    "web": {"anyOf": [_WEB, {"type": "null"}]}},
    "A compliance finding: a legal requirement the records show unmet (published, never hidden).")

_ITEM_DEF = {"councils": "Organization", "members": "Membership", "meetings": "Meeting",
             "recommendations": "Recommendation", "hearings": "Hearing", "reports": "Report", "plans": "Plan",
             "findings": "Finding"}


def _item_schema(name: str) -> dict:
    ref = {"$ref": f"#/$defs/{_ITEM_DEF[name]}"}
    if name in RECORD_LISTS:
        return {"oneOf": [ref, {"$ref": "#/$defs/Deleted"}]}
    return ref


def _envelope_schema() -> dict[str, Any]:
    return {
        "format_version": {"const": FORMAT_VERSION}, "schema": _URL,
        "licence": _obj({"name": {"type": "string"}, "url": _URL}),
        "publisher": _TEXT, "as_of": _DATE,
    }


def schema(ctx: SiteContext, name: str) -> dict:
    """The JSON Schema of ``data/<name>.json``, or of a per-council file for ``name == "council"``."""
    if name == "council":
        props = {**_envelope_schema(), "council": {"$ref": "#/$defs/Organization"},
                 "members": _array({"$ref": "#/$defs/Membership"}),
                 **{n: _array(_item_schema(n)) for n in RECORD_LISTS}, "findings": _array({"$ref": "#/$defs/Finding"})}
        title = "ashyq: one council's data"
    else:
        props = {**_envelope_schema(), "data": _array(_item_schema(name))}
        title = f"ashyq: {name}"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": ctx.url(urls.data(f"schema/{name}.schema.json")), "title": title,
            "description": f"format_version {FORMAT_VERSION}", **_obj(props), "$defs": DEFS}


def _envelope(ctx: SiteContext, name: str) -> dict[str, Any]:
    config = ctx.portal.config
    return {"format_version": FORMAT_VERSION, "schema": ctx.url(urls.data(f"schema/{name}.schema.json")),
            "licence": {"name": config.licence.name, "url": config.licence.url}, "publisher": _text(config.title),
            "as_of": ctx.today.isoformat()}


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# --------------------------------------------------------------------- CSV


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = plain(value)
    if _FORMULA.match(text) and not _HARMLESS.match(text):
        return "'" + text
    return text


def _csv_bytes(name: str, rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = CSV_COLUMNS[name]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def _both(prefix: str, value: dict | None) -> dict[str, Any]:
    value = value or {}
    return {f"{prefix}_kk": value.get("kk"), f"{prefix}_ru": value.get("ru")}


def _pages(item: dict) -> dict[str, Any]:
    web = item.get("web") or {}
    return {"page_kk": web.get("kk"), "page_ru": web.get("ru")}


def _rid(item: dict) -> str:
    return item["id"].rsplit("/", 1)[-1]


def csv_rows(lists: dict[str, list[dict]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every CSV file, from the JSON objects (so both always agree)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in CSV_COLUMNS}
    for c in lists["councils"]:
        info = {**_both("name", c["name"]), **_both("short_name", c["shortName"]),
                **_both("host_body", c["hostBody"]), **_both("region", c["region"])}
        rows["councils"].append({
            "council": c["id"], **info, "type": c["classification"],
            "term_start": (c["term"] or {}).get("start"), "term_end": (c["term"] or {}).get("end"),
            "email": c["contacts"]["email"], "phone": c["contacts"]["phone"], "website": c["contacts"]["website"],
            "members": c["composition"]["members"], "civil_society_members": c["composition"]["civilSociety"],
            "meetings": c["counts"]["meetings"], "meetings_held": c["counts"]["meetingsHeld"],
            "recommendations": c["counts"]["recommendations"],
            "recommendations_overdue": c["counts"]["recommendationsOverdue"], "hearings": c["counts"]["hearings"],
            "reports": c["counts"]["reports"], "findings": c["counts"]["findings"],
            "page_kk": c["web"]["kk"], "page_ru": c["web"]["ru"]})
        for ind in c["indicator"]:
            rows["indicator"].append({**ind, "reports": " ".join(ind["reports"]),
                                      "band_kk": t("kk", f"indicator.band.{ind['band']}"),
                                      "band_ru": t("ru", f"indicator.band.{ind['band']}")})
    for m in lists["members"]:
        contacts = {d["type"]: d["value"] for d in m["contact_details"]}
        rows["members"].append({
            "council": m["organization_id"], "member": m["person_id"].rsplit("/", 1)[-1],
            **_both("name", m["person_name"]), "role": m["role"], "category": m["category"],
            **_both("organisation", m["organisation"]["name"]), "organisation_bin": m["organisation"]["bin"],
            "civil_servant": m["civil_servant"], "voting": m["voting"], "start": m["start_date"],
            "end": m["end_date"], "active": m["active"], "email": contacts.get("email"),
            "phone": contacts.get("voice")})
    for m in lists["meetings"]:
        if m["deleted"]:
            continue
        date, _, clock = m["start"].partition("T")
        end_clock = m["end"].partition("T")[2][:5] if m["end"] else None
        rows["meetings"].append({
            "council": m["council"], "meeting": _rid(m), "number": m["number"], **_both("title", m["name"]),
            "status": m["meetingState"], "date": date, "time": clock[:5] or None, "end_time": end_clock,
            "moved_from": " ".join(x["date"] + (f"T{x['time']}" if x["time"] else "") for x in m["movedFrom"]),
            **_both("place", m["location"]["description"]), "online": m["location"]["online"],
            "joint_with": " ".join(m["jointWith"]), "agenda_published": m["agendaPublished"],
            "agenda_items": len(m["agendaItem"]), "present": m["present"],
            "protocol_published": m["protocolPublished"], "decisions": len(m["voteEvent"]), "video": m["video"],
            "created": m["created"], "modified": m["modified"], **_pages(m)})
        titles = {a["number"]: a["name"] for a in m["agendaItem"]}
        for v in m["voteEvent"]:
            counts = {c["option"]: c["value"] for c in v["counts"]}
            rows["decisions"].append({
                "council": m["council"], "meeting": _rid(m), "meeting_date": date, "item": v["agendaItem"],
                **_both("agenda_title", titles.get(v["agendaItem"])), **_both("text", v["motion"]),
                "votes_for": counts.get("yes"), "votes_against": counts.get("no"),
                "votes_abstained": counts.get("abstain"), **_pages(m)})
    for r in lists["recommendations"]:
        if r["deleted"]:
            continue
        resp = r["response"] or {}
        rows["recommendations"].append({
            "council": r["council"], "recommendation": _rid(r), **_both("title", r["name"]),
            **_both("addressee", r["addressee"]), "basis": r["basis"], "sent": r["sent"], "deadline": r["deadline"],
            "status": r["status"], "days_overdue": r["daysOverdue"], "response_date": resp.get("date"),
            "outcome": resp.get("outcome"), "motivated": resp.get("motivated"),
            "signed_by_first_head": (resp.get("signatory") or {}).get("firstHead"), "meeting": r["meeting"],
            "hearing": r["hearing"], "created": r["created"], "modified": r["modified"], **_pages(r)})
    for h in lists["hearings"]:
        if h["deleted"]:
            continue
        date, _, clock = h["start"].partition("T")
        fp = h["finalProtocol"] or {}
        counts = {c["option"]: c["value"] for c in (fp.get("voteEvent") or {}).get("counts", [])}
        rows["hearings"].append({
            "council": h["council"], "hearing": _rid(h), **_both("topic", h["name"]), "status": h["hearingState"],
            "date": date, "time": clock[:5] or None, **_both("place", h["location"]["description"]),
            "online": h["location"]["online"], "announced": h["announced"],
            "days_announced_ahead": h["daysAnnouncedAhead"], "materials_published": h["materialsPublished"],
            "present": h["present"], "final_protocol_adopted": fp.get("adopted"), "votes_for": counts.get("yes"),
            "votes_against": counts.get("no"), "votes_abstained": counts.get("abstain"),
            "recipients": " ".join(s["kind"] for s in h["sentTo"]), "created": h["created"],
            "modified": h["modified"], **_pages(h)})
    for r in lists["reports"]:
        if r["deleted"]:
            continue
        rows["reports"].append({
            "council": r["council"], "report": _rid(r), "period": r["period"], "year": r["year"],
            **_both("title", r["name"]), "published": r["published"], "created": r["created"],
            "modified": r["modified"], **_pages(r)})
    for f in lists["findings"]:
        web = f["web"] or {}
        rows["findings"].append({
            "council": f["council"], "record": f["record"], "rule": f["rule"], "severity": f["severity"],
            **_both("message", f["message"]), "file": f["file"], "line": f["line"], "field": f["field"],
            "page_kk": web.get("kk"), "page_ru": web.get("ru")})
    return rows


# --------------------------------------------------------------------- writing


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def build(ctx: SiteContext) -> dict[str, bytes]:
    """Every open data file: ``{path under data/: bytes}`` (the ZIP included)."""
    lists, per = collect(ctx)
    files: dict[str, bytes] = {}
    for name in JSON_FILES:
        files[f"{name}.json"] = _json_bytes({**_envelope(ctx, name), "data": lists[name]})
        files[f"schema/{name}.schema.json"] = _json_bytes(schema(ctx, name))
    files["schema/council.schema.json"] = _json_bytes(schema(ctx, "council"))
    for slug in sorted(per):
        files[f"councils/{slug}.json"] = _json_bytes({**_envelope(ctx, "council"), **per[slug]})
    for name, rows in csv_rows(lists).items():
        files[f"{name}.csv"] = _csv_bytes(name, rows)
    files[ZIP_NAME] = _zip_bytes(files)
    return files


def write_opendata(ctx: SiteContext, site: Path) -> list[str]:
    """Write ``data/…`` into ``site``; the site-relative paths written, sorted."""
    written = []
    for name, data in build(ctx).items():
        rel = urls.data(name)
        path = Path(site) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    return sorted(written)
