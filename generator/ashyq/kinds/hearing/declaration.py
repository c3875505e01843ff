"""Public hearings (``hearings/<id>.md``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import Hearing
from ...render import datamodels as d
from ...render.calendars import event
from ...render.context import SiteContext
from ...render.feedtext import (
    findings_lines, finish, format_date, one_line, place, say, status_line, text_in, votes_text, when)
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

State = Literal["planned", "held", "postponed", "cancelled"]


def label(rec: Hearing, lang: str) -> tuple[str, str]:
    topic, used = text_in(rec.topic, lang)
    return one_line(topic), used


def summary(ctx: SiteContext, rec: Hearing, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.hearing-when", when=when(rec.date, rec.time, lang)), status_line(rec, lang)]
    where = place(rec, lang)
    if where:
        lines.append(say(lang, "feeds.place", place=where))
    if rec.announced:
        days = (rec.date - rec.announced).days
        lines.append(say(lang, "feeds.announced", date=format_date(rec.announced, lang), days=days))
    if rec.materials_published:
        lines.append(say(lang, "feeds.materials-published", date=format_date(rec.materials_published, lang)))
    basis = one_line(text_in(rec.basis, lang)[0])
    if basis:
        lines.append(say(lang, "feeds.basis", basis=basis))
    if rec.final_protocol:
        fp = rec.final_protocol
        lines.append(say(lang, "feeds.final-protocol", date=format_date(fp.adopted, lang), votes=votes_text(fp.votes, lang)))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def calendar_event(ctx: SiteContext, rec: Hearing, lang: str):
    lines = []
    basis = one_line(text_in(rec.basis, lang)[0])
    if basis:
        lines.append(say(lang, "feeds.basis", basis=basis))
    if rec.announced:
        lines.append(say(lang, "feeds.announced", date=format_date(rec.announced, lang),
                         days=(rec.date - rec.announced).days))
    if rec.materials_published:
        lines.append(say(lang, "feeds.materials-published", date=format_date(rec.materials_published, lang)))
    items = [f"{i + 1}. {one_line(text_in(item, lang)[0])}" for i, item in enumerate(rec.agenda)]
    if items:
        lines += [say(lang, "feeds.agenda"), *items]
    return event(ctx, rec, lang, lines)


# --------------------------------------------------------------------- open data


class Speech(d.Out):
    speaker: d.Text
    summary: d.Text


class FinalProtocol(d.Out):
    adopted: d.Date
    membersPresent: d.Count
    voteEvent: d.VoteEvent
    complianceInformation: d.Text | None
    recommendations: list[d.Text]
    amendments: list[d.Text]
    justification: d.Text | None
    signedByChair: bool
    signedBySecretary: bool
    published: d.Date | None
    file: d.File | None


class Addressee(d.Out):
    name: d.Text
    kind: Literal["state-body", "supervisory", "media", "other"]
    date: d.Date


class HearingOut(d.Out):
    """A public hearing."""

    type: Literal["Hearing"] = "Hearing"
    id: str
    council: str
    web: d.Web
    name: d.Text
    basis: d.Text | None
    hearingState: State
    cancelled: bool
    agreedWithBody: d.Date | None
    announced: d.Date | None
    daysAnnouncedAhead: int | None
    channels: list[d.Text]
    materialsPublished: d.Date | None
    materials: list[d.File]
    start: d.When
    end: d.Stamp | None
    location: d.Location
    present: d.Count | None
    chair: d.Text | None
    secretary: d.Text | None
    agenda: list[d.Text]
    speeches: list[Speech]
    proposals: list[d.Text]
    finalProtocol: FinalProtocol | None
    sentTo: list[Addressee]
    protocol: d.Text | None
    auxiliaryFile: list[d.File]
    video: d.Url | None
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Hearing) -> HearingOut:
    fp = None
    if rec.final_protocol is not None:
        p = rec.final_protocol
        fp = FinalProtocol(
            adopted=p.adopted.isoformat(), membersPresent=p.members_present, voteEvent=d.VoteEvent(
                counts=d.counts(p.votes)), complianceInformation=d.text(p.compliance_information),
            recommendations=d.texts(p.recommendations), amendments=d.texts(p.amendments),
            justification=d.text(p.justification), signedByChair=p.signed_by_chair,
            signedBySecretary=p.signed_by_secretary, published=d.date(p.published), file=d.file(p.file))
    return HearingOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.topic), basis=d.text(rec.basis),
        hearingState=rec.status, cancelled=rec.status == "cancelled", agreedWithBody=d.date(rec.agreed_with_body),
        announced=d.date(rec.announced),
        daysAnnouncedAhead=(rec.date - rec.announced).days if rec.announced else None,
        channels=d.texts(rec.channels), materialsPublished=d.date(rec.materials_published),
        materials=[d.file(a) for a in rec.materials], start=d.start(rec.date, rec.time),
        end=d.end(rec.date, rec.time, rec.end_time),
        location=d.Location(description=d.text(rec.place), online=rec.online), present=rec.present,
        chair=d.text(rec.chair), secretary=d.text(rec.secretary), agenda=d.texts(rec.agenda),
        speeches=[Speech(speaker=d.text(s.speaker), summary=d.text(s.summary)) for s in rec.speeches],
        proposals=d.texts(rec.proposals), finalProtocol=fp,
        sentTo=[Addressee(name=d.text(a.name), kind=a.kind, date=a.date.isoformat()) for a in rec.sent_to],
        protocol=d.body(rec), auxiliaryFile=[d.file(a) for a in rec.attachments], video=rec.video,
        compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class HearingRow(d.Out):
    council: d.Cell
    hearing: d.Cell
    topic_kk: d.Cell
    topic_ru: d.Cell
    status: d.Cell
    date: d.Cell
    time: d.Cell
    place_kk: d.Cell
    place_ru: d.Cell
    online: d.Cell
    announced: d.Cell
    days_announced_ahead: d.Cell
    materials_published: d.Cell
    present: d.Cell
    final_protocol_adopted: d.Cell
    votes_for: d.Cell
    votes_against: d.Cell
    votes_abstained: d.Cell
    recipients: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(h: dict[str, Any]) -> list[HearingRow]:
    day, _, clock = h["start"].partition("T")
    fp = h["finalProtocol"] or {}
    counts = {c["option"]: c["value"] for c in (fp.get("voteEvent") or {}).get("counts", [])}
    return [HearingRow(
        council=h["council"], hearing=d.rid(h), **d.both("topic", h["name"]), status=h["hearingState"], date=day,
        time=clock[:5] or None, **d.both("place", h["location"]["description"]), online=h["location"]["online"],
        announced=h["announced"], days_announced_ahead=h["daysAnnouncedAhead"],
        materials_published=h["materialsPublished"], present=h["present"], final_protocol_adopted=fp.get("adopted"),
        votes_for=counts.get("yes"), votes_against=counts.get("no"), votes_abstained=counts.get("abstain"),
        recipients=" ".join(s["kind"] for s in h["sentTo"]), created=h["created"], modified=h["modified"],
        **d.pages(h))]


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.year}-h{next_number(ids, f'{day.year}-h')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"status": values.get("status") or "planned"}



def page_data(renderer, council, rec: Hearing) -> dict[str, Any]:
    return {"lead_days": (rec.date - rec.announced).days} if rec.announced else {}


HEARING = RecordType(
    kind="hearing", folder="hearings", model=Hearing, label=label, date=lambda r: r.date,
    published=lambda r: r.announced, feed_summary=summary, feeds=(Feed("hearings", 30, "calendar"),),
    calendar=calendar_event, data=OpenData("hearings", HearingOut, data_item, (CsvTable("hearings", HearingRow, rows),)),
    scaffold=Scaffold("hearing.md.j2", ".md", next_id,
                      (("date", "scaffold.ask.date"), ("time", "scaffold.ask.time"),
                       ("title_kk", "scaffold.ask.topic-kk"), ("title_ru", "scaffold.ask.topic-ru"),
                       ("place_kk", "scaffold.ask.place-kk"), ("place_ru", "scaffold.ask.place-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Public hearing (hearings/<id>.md, front matter)",
        "A public hearing: announcement, materials, protocol fields, final protocol, addressees. In a .md "
        "file this is the front matter; the protocol is the Markdown body."),
    rules="ashyq.kinds.hearing.rules",
    held=lambda r: r.date if r.status == "held" else None, page_data=page_data,
    template_dir=HERE / "pages",
)
