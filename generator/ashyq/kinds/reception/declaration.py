"""Deputies' receptions of citizens (``receptions/<id>.yml``): a dated event on the calendar, with a feed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from ...i18n import t
from ...models.common import text_of
from ...render import datamodels as d
from ...render.calendars import event
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, place, say, status_line, text_in, when
from ..appeal.topics import TOPICS, topic_key
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold
from .model import Reception

HERE = Path(__file__).resolve().parent


def deputy_name(council, deputy: str, lang: str) -> str:
    member = council.composition.member(deputy) if council and council.composition else None
    return text_of(member.name, lang) if member else deputy


def label(rec: Reception, lang: str) -> tuple[str, str]:
    # The label has no portal context: the deputy's name is added by pages and feeds that know the council.
    return t(lang, "reception.label", date=format_date(rec.date, lang)), lang


def _topics(rec: Reception, lang: str) -> str:
    return ", ".join(t(lang, topic_key(x)) for x in rec.topics)


def _lines(ctx: SiteContext, rec: Reception, lang: str) -> list[str]:
    council = ctx.portal.councils.get(rec.council)
    lines = [say(lang, "reception.deputy", name=deputy_name(council, rec.deputy, lang))]
    where = place(rec, lang)
    if where:
        lines.append(say(lang, "feeds.place", place=where))
    if rec.announced:
        lines.append(say(lang, "feeds.announced", date=format_date(rec.announced, lang),
                         days=(rec.date - rec.announced).days))
    if rec.citizens is not None:
        lines.append(say(lang, "reception.citizens", n=rec.citizens))
    if rec.topics:
        lines.append(say(lang, "reception.topics", topics=_topics(rec, lang)))
    return lines


def summary(ctx: SiteContext, rec: Reception, council: str, lang: str) -> str:
    lines = [council, say(lang, "reception.when", when=when(rec.date, rec.time, lang)), status_line(rec, lang)]
    lines += _lines(ctx, rec, lang)
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def calendar_event(ctx: SiteContext, rec: Reception, lang: str):
    return event(ctx, rec, lang, _lines(ctx, rec, lang))


State = Literal["planned", "held", "postponed", "cancelled"]


class ReceptionOut(d.Out):
    """A deputy's personal reception of citizens."""

    type: Literal["Reception"] = "Reception"
    id: str
    council: str
    web: d.Web
    name: d.Text
    deputy: str
    deputyName: d.Text | None
    okrug: int | None
    receptionState: State
    start: d.When
    end: d.Stamp | None
    location: d.Location
    announced: d.Date | None
    daysAnnouncedAhead: int | None
    channels: list[d.Text]
    citizens: d.Count | None
    topics: list[Literal[TOPICS]]  # type: ignore[valid-type]
    appeals: list[str]
    followUps: list[d.Text]
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Reception) -> ReceptionOut:
    council = ctx.portal.councils.get(rec.council)
    member = council.composition.member(rec.deputy) if council and council.composition else None
    return ReceptionOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec),
        name=d.Text(kk=label(rec, "kk")[0], ru=label(rec, "ru")[0]), deputy=rec.deputy,
        deputyName=d.text(member.name) if member else None, okrug=member.okrug.number if member and member.okrug else None,
        receptionState=rec.status, start=d.start(rec.date, rec.time), end=d.end(rec.date, rec.time, rec.end_time),
        location=d.Location(description=d.text(rec.place), online=rec.online), announced=d.date(rec.announced),
        daysAnnouncedAhead=(rec.date - rec.announced).days if rec.announced else None,
        channels=d.texts(rec.channels), citizens=rec.citizens, topics=list(rec.topics), appeals=list(rec.appeals),
        followUps=d.texts(rec.follow_ups), auxiliaryFile=[d.file(a) for a in rec.attachments],
        compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class ReceptionRow(d.Out):
    council: d.Cell
    reception: d.Cell
    deputy: d.Cell
    okrug: d.Cell
    status: d.Cell
    date: d.Cell
    time: d.Cell
    place_kk: d.Cell
    place_ru: d.Cell
    online: d.Cell
    announced: d.Cell
    days_announced_ahead: d.Cell
    citizens: d.Cell
    topics: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(r: dict[str, Any]) -> list[ReceptionRow]:
    day, _, clock = r["start"].partition("T")
    return [ReceptionRow(
        council=r["council"], reception=d.rid(r), deputy=r["deputy"], okrug=r["okrug"], status=r["receptionState"],
        date=day, time=clock[:5] or None, **d.both("place", r["location"]["description"]),
        online=r["location"]["online"], announced=r["announced"], days_announced_ahead=r["daysAnnouncedAhead"],
        citizens=r["citizens"], topics=" ".join(r["topics"]), created=r["created"], modified=r["modified"],
        **d.pages(r))]


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.isoformat()}-{next_number(ids, f'{day.isoformat()}-')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"status": values.get("status") or "planned"}


def page_data(renderer, council, rec: Reception) -> dict[str, Any]:
    from ...render.members import page_url, person_of

    member = council.composition.member(rec.deputy) if council.composition else None
    return {"deputy": member, "topic_label": lambda x: renderer.t(topic_key(x)),
            "member_page": lambda member_id: page_url(renderer.lang, council.slug, person_of(council, member_id))}


RECEPTION = RecordType(
    kind="reception", folder="receptions", model=Reception, label=label, date=lambda r: r.date,
    published=lambda r: r.announced, feed_summary=summary, feeds=(Feed("receptions", 61, "calendar"),),
    calendar=calendar_event,
    data=OpenData("receptions", ReceptionOut, data_item, (CsvTable("receptions", ReceptionRow, rows),)),
    scaffold=Scaffold("reception.yml.j2", ".yml", next_id,
                      (("date", "scaffold.ask.date"), ("time", "scaffold.ask.time"),
                       ("place_kk", "scaffold.ask.place-kk"), ("place_ru", "scaffold.ask.place-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "A deputy's reception of citizens (receptions/<id>.yml)",
        "A maslikhat deputy's personal reception of citizens: date, place or online channel, announcement, "
        "citizens received, topics, follow-ups."),
    rules="ashyq.kinds.reception.rules",
    held=lambda r: r.date if r.status == "held" else None, page_data=page_data,
    suffixes=(".yml", ".yaml"),
    template_dir=HERE / "pages",
    council_types=("maslikhat",),
)
