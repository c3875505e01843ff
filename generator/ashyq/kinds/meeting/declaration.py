"""Meetings (``meetings/<id>.md``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from typing import Any, Literal

from .model import Meeting
from .opendata import AttendanceRow, RollCallVote, VoteRow, absent_ids, attendance_rows, vote_event, vote_rows
from ...render import urls
from ...render import datamodels as d
from ...render.calendars import event
from ...render.context import SiteContext
from ...render.feedtext import (
    TITLE_LIMIT, Entry, LazyEntry, agenda_lines, council_name, decision_lines, findings_lines, finish, format_date,
    moment, one_line, place, posted, say, shorten, status_line, text_in, updated, when)
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

State = Literal["planned", "held", "postponed", "cancelled"]


def label(rec: Meeting, lang: str) -> tuple[str, str]:
    """Its title, else "Meeting No. 3, 12 March 2026" (or without the number)."""
    title, used = text_in(rec.title, lang)
    if title:
        return one_line(title), used
    key = "feeds.meeting-numbered" if rec.number else "feeds.meeting-untitled"
    return say(lang, key, number=rec.number or "", date=format_date(rec.date, lang)), lang


# --------------------------------------------------------------------- feeds


def summary(ctx: SiteContext, rec: Meeting, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.meeting-when", when=when(rec.date, rec.time, lang)), status_line(rec, lang)]
    if rec.moved_from:
        dates = ", ".join(when(m.date, m.time, lang) for m in rec.moved_from)
        lines.append(say(lang, "feeds.moved-from", dates=dates))
    where = place(rec, lang)
    if where:
        lines.append(say(lang, "feeds.place", place=where))
    if rec.agenda_published:
        lines.append(say(lang, "feeds.agenda-published", date=format_date(rec.agenda_published, lang)))
    lines += agenda_lines(rec, lang)
    if rec.protocol_published:
        lines.append(say(lang, "feeds.protocol-published", date=format_date(rec.protocol_published, lang)))
    lines += decision_lines(rec, lang)
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def decision_dates(ctx: SiteContext, rec: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """``(published, updated)`` of a meeting in the ``decisions`` feed: from when its protocol was published."""
    first = posted(ctx, rec)
    published = max(first, moment(rec.protocol_published)) if rec.protocol_published else updated(ctx, rec)
    return published, max(published, updated(ctx, rec))


def decision_entry(ctx: SiteContext, rec: Meeting, lang: str) -> Entry:
    """A held meeting in the ``decisions`` feed: published when its protocol was."""
    council = ctx.portal.councils.get(rec.council)
    title, used = label(rec, lang)
    link = ctx.url(urls.record(lang, rec))
    published, last = decision_dates(ctx, rec)
    lines = [council_name(council, lang), say(lang, "feeds.meeting-held", date=format_date(rec.date, lang))]
    if rec.protocol_published:
        lines.append(say(lang, "feeds.protocol-published", date=format_date(rec.protocol_published, lang)))
    if rec.attendance:
        lines.append(say(lang, "feeds.present", count=len(rec.attendance)))
    lines += decision_lines(rec, lang) or agenda_lines(rec, lang)
    lines += findings_lines(ctx, rec, lang)
    return Entry(id=link, link=link, title=shorten(say(used, "feeds.title-decisions", title=title), TITLE_LIMIT),
                 summary=finish(lines), lang=used, published=published, updated=last, kind="decisions",
                 council=rec.council)


def decision_entries(ctx: SiteContext, rec: Meeting, lang: str) -> list[LazyEntry]:
    if rec.status != "held" or not (rec.decisions or rec.protocol_published or rec.body):
        return []
    link = ctx.url(urls.record(lang, rec))
    return [LazyEntry(link, *decision_dates(ctx, rec), partial(decision_entry, ctx, rec, lang))]


def calendar_event(ctx: SiteContext, rec: Meeting, lang: str):
    return event(ctx, rec, lang, agenda_lines(rec, lang))


# --------------------------------------------------------------------- open data


class AgendaItemOut(d.Out):
    type: Literal["AgendaItem"] = "AgendaItem"
    number: d.Count
    order: d.Count
    name: d.Text
    speaker: d.Text | None
    auxiliaryFile: list[d.File]


class Moved(d.Out):
    date: d.Date
    time: str | None


class MeetingOut(d.Out):
    """OParl Meeting."""

    type: Literal["Meeting"] = "Meeting"
    id: str
    council: str
    web: d.Web
    name: d.Text | None
    number: d.Count | None
    meetingState: State
    cancelled: bool
    start: d.When
    end: d.Stamp | None
    movedFrom: list[Moved]
    location: d.Location
    jointWith: list[str]
    agendaPublished: d.Date | None
    agendaItem: list[AgendaItemOut]
    attendance: list[str]
    present: d.Count
    invited: list[d.Text]
    protocolPublished: d.Date | None
    absent: list[str]  # voting members of the day not present (held meetings with recorded attendance)
    voteEvent: list[RollCallVote]
    protocol: d.Text | None
    auxiliaryFile: list[d.File]
    video: d.Url | None
    cancellationReason: d.Text | None
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Meeting) -> MeetingOut:
    items = [AgendaItemOut(number=rec.item_number(i), order=i + 1, name=d.text(item.title),
                           speaker=d.text(item.speaker), auxiliaryFile=[d.file(a) for a in item.materials])
             for i, item in enumerate(rec.agenda)]
    council = ctx.portal.councils.get(rec.council)
    votes = [vote_event(rec, x, council) for x in rec.decisions]
    return MeetingOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), number=rec.number,
        meetingState=rec.status, cancelled=rec.status == "cancelled", start=d.start(rec.date, rec.time),
        end=d.end(rec.date, rec.time, rec.end_time),
        movedFrom=[Moved(date=m.date.isoformat(), time=m.time) for m in rec.moved_from],
        location=d.Location(description=d.text(rec.place), online=rec.online), jointWith=list(rec.joint_with),
        agendaPublished=d.date(rec.agenda_published), agendaItem=items, attendance=list(rec.attendance),
        present=len(rec.attendance), invited=d.texts(rec.invited), protocolPublished=d.date(rec.protocol_published),
        absent=absent_ids(rec, council), voteEvent=votes, protocol=d.body(rec),
        auxiliaryFile=[d.file(a) for a in rec.attachments], video=rec.video,
        cancellationReason=d.text(rec.cancellation_reason), compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class MeetingRow(d.Out):
    council: d.Cell
    meeting: d.Cell
    number: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    status: d.Cell
    date: d.Cell
    time: d.Cell
    end_time: d.Cell
    moved_from: d.Cell
    place_kk: d.Cell
    place_ru: d.Cell
    online: d.Cell
    joint_with: d.Cell
    agenda_published: d.Cell
    agenda_items: d.Cell
    present: d.Cell
    protocol_published: d.Cell
    decisions: d.Cell
    video: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


class DecisionRow(d.Out):
    council: d.Cell
    meeting: d.Cell
    meeting_date: d.Cell
    item: d.Cell
    agenda_title_kk: d.Cell
    agenda_title_ru: d.Cell
    text_kk: d.Cell
    text_ru: d.Cell
    votes_for: d.Cell
    votes_against: d.Cell
    votes_abstained: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def meeting_rows(m: dict[str, Any]) -> list[MeetingRow]:
    day, _, clock = m["start"].partition("T")
    end_clock = m["end"].partition("T")[2][:5] if m["end"] else None
    return [MeetingRow(
        council=m["council"], meeting=d.rid(m), number=m["number"], **d.both("title", m["name"]),
        status=m["meetingState"], date=day, time=clock[:5] or None, end_time=end_clock,
        moved_from=" ".join(x["date"] + (f"T{x['time']}" if x["time"] else "") for x in m["movedFrom"]),
        **d.both("place", m["location"]["description"]), online=m["location"]["online"],
        joint_with=" ".join(m["jointWith"]), agenda_published=m["agendaPublished"],
        agenda_items=len(m["agendaItem"]), present=m["present"], protocol_published=m["protocolPublished"],
        decisions=len(m["voteEvent"]), video=m["video"], created=m["created"], modified=m["modified"],
        **d.pages(m))]


def decision_rows(m: dict[str, Any]) -> list[DecisionRow]:
    titles = {a["number"]: a["name"] for a in m["agendaItem"]}
    rows = []
    for v in m["voteEvent"]:
        counts = {c["option"]: c["value"] for c in v["counts"]}
        rows.append(DecisionRow(
            council=m["council"], meeting=d.rid(m), meeting_date=m["start"].partition("T")[0], item=v["agendaItem"],
            **d.both("agenda_title", titles.get(v["agendaItem"])), **d.both("text", v["motion"]),
            votes_for=counts.get("yes"), votes_against=counts.get("no"), votes_abstained=counts.get("abstain"),
            **d.pages(m)))
    return rows


# --------------------------------------------------------------------- ashyq new

DATE_ID = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    """``YYYY-NN``; a council that names its meetings by date (``2025-02-13``) gets the new meeting's date."""
    from ...scaffold.ids import next_number

    if ids and all(DATE_ID.match(i) for i in ids):
        base, n = day.isoformat(), 2
        candidate = base
        while candidate in ids:
            candidate, n = f"{base}-{n}", n + 1
        return candidate
    return f"{day.year}-{next_number(ids, f'{day.year}-'):02d}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    from ...scaffold.ids import active_voting, members_of, next_protocol_number

    day = dt.date.fromisoformat(ctx["date"])
    status = values.get("status") or ("planned" if day >= today else "held")
    number = int(m.group(1)) if (m := re.match(r"^\d{4}-(\d+)$", ctx["id"])) else next_protocol_number(folder, day.year)
    return {"status": status, "held": status == "held", "number": number,
            "attendance": active_voting(members_of(folder.parent), day) if status == "held" else []}



def page_data(renderer, council, rec: Meeting) -> dict[str, Any]:
    from ...render.members_page import meeting_extra  # the member pages read the meetings: imported late

    comp = council.composition
    return {"members_total": comp.voting_count(rec.date) if comp else 0, **meeting_extra(renderer, council, rec)}


MEETING = RecordType(
    kind="meeting", folder="meetings", model=Meeting, label=label, date=lambda r: r.date,
    published=lambda r: r.agenda_published, feed_summary=summary,
    feeds=(Feed("meetings", 10, "calendar"), Feed("decisions", 20, "", decision_entries)),
    calendar=calendar_event,
    data=OpenData("meetings", MeetingOut, data_item,
                  (CsvTable("meetings", MeetingRow, meeting_rows), CsvTable("decisions", DecisionRow, decision_rows),
                   CsvTable("attendance", AttendanceRow, attendance_rows), CsvTable("votes", VoteRow, vote_rows))),
    scaffold=Scaffold("meeting.md.j2", ".md", next_id,
                      (("date", "scaffold.ask.date"), ("time", "scaffold.ask.time"),
                       ("title_kk", "scaffold.ask.title-kk"), ("title_ru", "scaffold.ask.title-ru"),
                       ("place_kk", "scaffold.ask.place-kk"), ("place_ru", "scaffold.ask.place-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Meeting (meetings/<id>.md, front matter)",
        "A meeting: date, place, agenda, attendance, decisions. In a .md file this is the front matter; "
        "the protocol is the Markdown body, marked <!-- lang: kk --> and <!-- lang: ru -->."),
    rules="ashyq.kinds.meeting.rules",
    held=lambda r: r.date if r.status == "held" else None, page_data=page_data,
    template_dir=HERE / "pages",
)
