"""Recommendations (``recommendations/<id>.yml``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ...deadlines import response_status
from .model import Recommendation
from .timeline import adoption, steps
from ...render import datamodels as d
from ...render import urls
from ...render.context import SiteContext
from ...render.feedtext import (
    TITLE_LIMIT, Entry, LazyEntry, council_name, findings_lines, finish, format_date, moment, one_line, posted, say,
    shorten, text_in, updated)
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates


def label(rec: Recommendation, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title) or rec.id, used


def summary(ctx: SiteContext, rec: Recommendation, council: str, lang: str) -> str:
    status = response_status(rec, ctx.calendar, ctx.today)
    lines = [council,
             say(lang, "feeds.recommendation-sent", addressee=one_line(text_in(rec.addressee, lang)[0]),
                 date=format_date(rec.sent, lang)),
             say(lang, "feeds.deadline", date=format_date(status.deadline, lang)),
             say(lang, f"feeds.response.{status.state}", days=status.days_overdue,
                 date=format_date(rec.response.date if rec.response else None, lang))]
    if rec.response is not None:
        lines.append(say(lang, "feeds.outcome", outcome=say(lang, f"feeds.outcome.{rec.response.outcome}")))
    lines.append(one_line(text_in(rec.text, lang)[0]))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def overdue_dates(ctx: SiteContext, rec: Recommendation, deadline: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """``(published, updated)`` of an overdue response: from the day after the deadline."""
    published = max(posted(ctx, rec), moment(deadline + dt.timedelta(days=1)))
    return published, max(published, updated(ctx, rec))


def overdue_entry(ctx: SiteContext, rec: Recommendation, lang: str) -> Entry | None:
    status = response_status(rec, ctx.calendar, ctx.today)
    if status.state != "overdue":
        return None
    council = ctx.portal.councils.get(rec.council)
    title, used = label(rec, lang)
    link = ctx.url(urls.record(lang, rec))
    published, last = overdue_dates(ctx, rec, status.deadline)
    addressee = one_line(text_in(rec.addressee, lang)[0])
    lines = [council_name(council, lang),
             say(lang, "feeds.recommendation-sent", addressee=addressee, date=format_date(rec.sent, lang)),
             say(lang, "feeds.overdue-line", date=format_date(status.deadline, lang), days=status.days_overdue,
                 today=format_date(ctx.today, lang)),
             one_line(text_in(rec.text, lang)[0])]
    return Entry(id=link, link=link,
                 title=shorten(say(used, "feeds.title-overdue", title=title, addressee=addressee), TITLE_LIMIT),
                 summary=finish(lines), lang=used, published=published, updated=last, kind="overdue",
                 council=rec.council)


def overdue_entries(ctx: SiteContext, rec: Recommendation, lang: str) -> list[LazyEntry]:
    status = response_status(rec, ctx.calendar, ctx.today)
    if status.state != "overdue":
        return []
    link = ctx.url(urls.record(lang, rec))
    return [LazyEntry(link, *overdue_dates(ctx, rec, status.deadline), partial(overdue_entry, ctx, rec, lang))]


# --------------------------------------------------------------------- open data


class Signatory(d.Out):
    name: d.Text
    position: d.Text
    firstHead: bool


class Response(d.Out):
    date: d.Date
    number: str | None
    signatory: Signatory | None
    text: d.Text | None
    file: d.File | None
    motivated: bool
    outcome: Literal["accepted", "partly", "rejected"]


class RecommendationOut(d.Out):
    """A recommendation of the council to a state body, with the computed response deadline and status."""

    type: Literal["Recommendation"] = "Recommendation"
    id: str
    council: str
    web: d.Web
    name: d.Text
    text: d.Text
    addressee: d.Text
    addresseeId: str | None  # the body's id in bodies.yml (data/bodies.json); null for a name written out
    basis: str
    shortDeadline: bool
    meeting: str | None
    decision: int | None  # the agenda item of the meeting's decision that adopted it
    hearing: str | None
    authors: list[str]  # ids in members.yml of the council members who drafted it, as a meeting's attendance
    sent: d.Date
    deadline: d.Date
    status: Literal["answered", "late", "pending", "overdue"]
    daysOverdue: d.Count
    response: Response | None
    followUp: d.Text | None
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Recommendation) -> RecommendationOut:
    status = response_status(rec, ctx.calendar, ctx.today)
    response = None
    if rec.response is not None:
        r = rec.response
        signatory = None if r.signatory is None else Signatory(
            name=d.text(r.signatory.name), position=d.text(r.signatory.position), firstHead=r.signatory.first_head)
        response = Response(date=r.date.isoformat(), number=d.plain(r.number) if r.number else None,
                            signatory=signatory, text=d.text(r.text), file=d.file(r.file), motivated=r.motivated,
                            outcome=r.outcome)
    return RecommendationOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), text=d.text(rec.text),
        addressee=d.text(rec.addressee), addresseeId=rec.body_id, basis=rec.basis,
        shortDeadline=rec.short_deadline, meeting=rec.meeting, decision=rec.decision, hearing=rec.hearing,
        authors=list(rec.authors), sent=rec.sent.isoformat(), deadline=status.deadline.isoformat(),
        status=status.state, daysOverdue=status.days_overdue, response=response, followUp=d.text(rec.follow_up),
        compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class RecommendationRow(d.Out):
    council: d.Cell
    recommendation: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    addressee_kk: d.Cell
    addressee_ru: d.Cell
    addressee_id: d.Cell
    basis: d.Cell
    sent: d.Cell
    deadline: d.Cell
    status: d.Cell
    days_overdue: d.Cell
    response_date: d.Cell
    outcome: d.Cell
    motivated: d.Cell
    signed_by_first_head: d.Cell
    meeting: d.Cell
    decision: d.Cell
    hearing: d.Cell
    authors: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(r: dict[str, Any]) -> list[RecommendationRow]:
    resp = r["response"] or {}
    return [RecommendationRow(
        council=r["council"], recommendation=d.rid(r), **d.both("title", r["name"]),
        **d.both("addressee", r["addressee"]), addressee_id=r["addresseeId"], basis=r["basis"], sent=r["sent"], deadline=r["deadline"],
        status=r["status"], days_overdue=r["daysOverdue"], response_date=resp.get("date"),
        outcome=resp.get("outcome"), motivated=resp.get("motivated"),
        signed_by_first_head=(resp.get("signatory") or {}).get("firstHead"), meeting=r["meeting"],
        decision=r["decision"], hearing=r["hearing"], authors=" ".join(r["authors"]), created=r["created"],
        modified=r["modified"], **d.pages(r))]


NUMBER_ID = re.compile(r"^\d{4}-\d+$")


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    """``YYYY-rN``; a council numbering them ``YYYY-NN`` gets the next number."""
    from ...scaffold.ids import next_number

    year = day.year
    if any(NUMBER_ID.match(i) for i in ids) and not any(re.match(r"^\d{4}-r\d+$", i) for i in ids):
        return f"{year}-{next_number(ids, f'{year}-'):02d}"
    return f"{year}-r{next_number(ids, f'{year}-r')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"addressee_kk": values.get("addressee_kk"), "addressee_ru": values.get("addressee_ru"),
            "basis": values.get("basis")}



def page_data(renderer, council, rec: Recommendation) -> dict[str, Any]:
    from ...render.members_page import authors_of  # the member pages read the records: imported late

    ctx = renderer.ctx
    status = response_status(rec, ctx.calendar, ctx.today)
    body = ctx.portal.bodies.get(rec.body_id)
    name = one_line(text_in(rec.addressee, renderer.lang)[0])
    return {"response_status": status, "body": body, "adoption": adoption(council, rec),
            "timeline": steps(council, rec, status, ctx.today, name),
            "authors": authors_of(renderer.lang, council, rec.authors)}


def refs(rec: Recommendation) -> list[tuple[str, str]]:
    return [(kind, ref) for kind, ref in (("meeting", rec.meeting), ("hearing", rec.hearing)) if ref]


RECOMMENDATION = RecordType(
    kind="recommendation", folder="recommendations", model=Recommendation, label=label, date=lambda r: r.sent,
    published=lambda r: r.sent, feed_summary=summary, feeds=(Feed("overdue", 50, "overdue", overdue_entries),),
    data=OpenData("recommendations", RecommendationOut, data_item,
                  (CsvTable("recommendations", RecommendationRow, rows),)),
    scaffold=Scaffold("recommendation.yml.j2", ".yml", next_id,
                      (("date", "scaffold.ask.sent"), ("title_kk", "scaffold.ask.title-kk"),
                       ("title_ru", "scaffold.ask.title-ru"), ("addressee_kk", "scaffold.ask.addressee-kk"),
                       ("addressee_ru", "scaffold.ask.addressee-ru"), ("basis", "scaffold.ask.basis")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Recommendation (recommendations/<id>.yml)",
        "A recommendation sent to a state body, with the legal basis that sets the response "
        "deadline, and the body's response."),
    rules="ashyq.kinds.recommendation.rules",
    page_data=page_data, refs=refs,
    template_dir=HERE / "pages",
)
