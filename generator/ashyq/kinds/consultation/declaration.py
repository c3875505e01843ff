"""Public consultations (``consultations/<id>.md``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import Consultation
from ...models import Council
from ...render import datamodels as d
from ...render.calendars import event
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, place, say, status_line, text_in, when
from ...render.indicator import Indicator, compute
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

State = Literal["planned", "held", "postponed", "cancelled"]
Format = Literal["in-person", "online", "mixed", "survey"]


def label(rec: Consultation, lang: str) -> tuple[str, str]:
    issue, used = text_in(rec.issue, lang)
    return one_line(issue), used


def _lines(rec: Consultation, lang: str) -> list[str]:
    """What a feed entry and a calendar event both say, beyond the date and status."""
    lines = []
    act = one_line(text_in(rec.draft_act, lang)[0])
    if act:
        lines.append(say(lang, "consultation.feed-draft-act", act=act))
    if rec.format:
        lines.append(say(lang, "consultation.feed-format", format=say(lang, f"consultation.format-{rec.format}")))
    if rec.announced:
        lines.append(say(lang, "consultation.feed-announced", date=format_date(rec.announced, lang)))
    questions = [f"{i + 1}. {one_line(text_in(q, lang)[0])}" for i, q in enumerate(rec.questions)]
    if questions:
        lines += [say(lang, "consultation.questions"), *questions]
    if rec.proposals_received is not None:
        lines.append(say(lang, "consultation.feed-proposals", received=rec.proposals_received,
                         accepted=rec.proposals_accepted or 0))
    if rec.position and rec.position.published:
        lines.append(say(lang, "consultation.feed-position", date=format_date(rec.position.published, lang)))
    return lines


def summary(ctx: SiteContext, rec: Consultation, council: str, lang: str) -> str:
    lines = [council, say(lang, "consultation.feed-when", when=when(rec.date, rec.time, lang)), status_line(rec, lang)]
    where = place(rec, lang)
    if where:
        lines.append(say(lang, "feeds.place", place=where))
    lines += _lines(rec, lang)
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def calendar_event(ctx: SiteContext, rec: Consultation, lang: str):
    return event(ctx, rec, lang, _lines(rec, lang))


# --------------------------------------------------------------------- open data


class Schedule(d.Out):
    meeting: str | None
    published: d.Date | None
    channels: list[d.Text]


class Position(d.Out):
    published: d.Date | None
    channels: list[d.Text]
    link: d.Url | None
    text: d.Text | None


class ConsultationOut(d.Out):
    """A public consultation with citizens (OParl has Consultation for a paper's handling; this is the public one)."""

    type: Literal["Consultation"] = "Consultation"
    id: str
    council: str
    web: d.Web
    name: d.Text
    draftAct: d.Text | None
    meeting: str | None
    questions: list[d.Text]
    schedule: Schedule | None
    consultationState: State
    cancelled: bool
    announced: d.Date | None
    channels: list[d.Text]
    start: d.When
    end: d.Stamp | None
    format: Format | None
    location: d.Location
    participants: d.Count | None
    proposalsReceived: d.Count | None
    proposalsAccepted: d.Count | None
    commentsReceived: d.Count | None
    commentsAnswered: d.Count | None
    proposals: list[d.Text]
    draftRecommendation: d.Text | None
    recommendations: list[str]
    position: Position | None
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Consultation) -> ConsultationOut:
    sched = rec.schedule
    pos = rec.position
    return ConsultationOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.issue), draftAct=d.text(rec.draft_act),
        meeting=rec.meeting, questions=d.texts(rec.questions),
        schedule=None if sched is None else Schedule(meeting=sched.meeting, published=d.date(sched.published),
                                                     channels=d.texts(sched.channels)),
        consultationState=rec.status, cancelled=rec.status == "cancelled", announced=d.date(rec.announced),
        channels=d.texts(rec.channels), start=d.start(rec.date, rec.time), end=d.end(rec.date, rec.time, rec.end_time),
        format=rec.format, location=d.Location(description=d.text(rec.place), online=rec.online),
        participants=rec.participants, proposalsReceived=rec.proposals_received,
        proposalsAccepted=rec.proposals_accepted, commentsReceived=rec.comments_received,
        commentsAnswered=rec.comments_answered, proposals=d.texts(rec.proposals),
        draftRecommendation=d.text(rec.draft_recommendation), recommendations=list(rec.recommendations),
        position=None if pos is None else Position(published=d.date(pos.published), channels=d.texts(pos.channels),
                                                   link=pos.link, text=d.body(rec)),
        auxiliaryFile=[d.file(a) for a in rec.attachments], compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class ConsultationRow(d.Out):
    council: d.Cell
    consultation: d.Cell
    issue_kk: d.Cell
    issue_ru: d.Cell
    draft_act: d.Cell
    status: d.Cell
    date: d.Cell
    time: d.Cell
    format: d.Cell
    meeting: d.Cell
    schedule_meeting: d.Cell
    schedule_published: d.Cell
    announced: d.Cell
    participants: d.Cell
    proposals_received: d.Cell
    proposals_accepted: d.Cell
    comments_received: d.Cell
    comments_answered: d.Cell
    recommendations: d.Cell
    position_published: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(c: dict[str, Any]) -> list[ConsultationRow]:
    day, _, clock = c["start"].partition("T")
    sched = c["schedule"] or {}
    return [ConsultationRow(
        council=c["council"], consultation=d.rid(c), **d.both("issue", c["name"]), draft_act=c["draftAct"] is not None,
        status=c["consultationState"], date=day, time=clock[:5] or None, format=c["format"], meeting=c["meeting"],
        schedule_meeting=sched.get("meeting"), schedule_published=sched.get("published"), announced=c["announced"],
        participants=c["participants"], proposals_received=c["proposalsReceived"],
        proposals_accepted=c["proposalsAccepted"], comments_received=c["commentsReceived"],
        comments_answered=c["commentsAnswered"], recommendations=" ".join(c["recommendations"]),
        position_published=(c["position"] or {}).get("published"), created=c["created"], modified=c["modified"],
        **d.pages(c))]


# --------------------------------------------------------------------- pages, scaffold, links


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.year}-c{next_number(ids, f'{day.year}-c')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"status": values.get("status") or "planned"}


def page_data(renderer, council, rec: Consultation) -> dict[str, Any]:
    return {"lead_days": (rec.date - rec.announced).days if rec.announced else None}


def refs(rec: Consultation) -> list[tuple[str, str]]:
    meetings = [m for m in (rec.meeting, rec.schedule.meeting if rec.schedule else None) if m]
    return [("meeting", m) for m in dict.fromkeys(meetings)] + [("recommendation", r) for r in rec.recommendations]


def indicators(council: Council) -> list[Indicator]:
    """The feedback indicator of each half-year and year the council held consultations in, newest first.

    Each says where its figures come from: the period's report, or these consultations when the report has none.
    """
    years = sorted({c.date.year for c in council.of("consultation") if c.status == "held"}, reverse=True)
    return [ind for year in years for period in ("year", "h2", "h1")
            if (ind := compute(council, year, period)) is not None]


CONSULTATION = RecordType(
    kind="consultation", folder="consultations", model=Consultation, label=label, date=lambda r: r.date,
    published=lambda r: r.announced, feed_summary=summary, feeds=(Feed("consultations", 38, "calendar"),),
    calendar=calendar_event,
    data=OpenData("consultations", ConsultationOut, data_item, (CsvTable("consultations", ConsultationRow, rows),)),
    scaffold=Scaffold("consultation.md.j2", ".md", next_id,
                      (("date", "scaffold.ask.date"), ("title_kk", "consultation.ask-issue-kk"),
                       ("title_ru", "consultation.ask-issue-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Public consultation (consultations/<id>.md, front matter)",
        "A public consultation with citizens: the meeting that decided it and its questions, the quarterly "
        "schedule, the announcement, the proposals received and accepted, and the council's published position. "
        "In a .md file this is the front matter; the council's position is the Markdown body."),
    rules="ashyq.kinds.consultation.rules",
    held=lambda r: r.date if r.status == "held" else None, refs=refs, page_data=page_data,
    template_dir=HERE / "pages", extra={"indicators": indicators},
)
