"""Report hearings (``report-hearings/<id>.md``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .model import ReportHearing
from .opendata import ReportHearingOut, ReportHearingRow, data_item, rows
from ...models import text_of
from ...render.calendars import event
from ...render.context import SiteContext
from ...render.feedtext import (
    findings_lines, finish, format_date, one_line, place, say, status_line, text_in, votes_text, when)
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates


def label(rec: ReportHearing, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title), used


def _body_lines(rec: ReportHearing, lang: str) -> list[str]:
    lines = [say(lang, "report-hearing.feed-body", body=one_line(text_in(rec.reporting_body, lang)[0]))]
    period = one_line(text_in(rec.period, lang)[0])
    if period:
        lines.append(f"{say(lang, 'report-hearing.period')}: {period}.")
    return lines


def _speaker_lines(rec: ReportHearing, lang: str) -> list[str]:
    out = []
    for s in rec.speakers:
        name = one_line(text_of(s.name, lang))
        position = one_line(text_in(s.position, lang)[0])
        out.append(say(lang, "report-hearing.feed-speaker", role=say(lang, f"report-hearing.role-{s.role}"),
                       name=f"{name}, {position}" if position else name))
    return out


def summary(ctx: SiteContext, rec: ReportHearing, council: str, lang: str) -> str:
    lines = [council, say(lang, "report-hearing.feed-when", when=when(rec.date, rec.time, lang)),
             status_line(rec, lang), *_body_lines(rec, lang)]
    where = place(rec, lang)
    if where:
        lines.append(say(lang, "feeds.place", place=where))
    lines += _speaker_lines(rec, lang)
    if rec.vote:
        lines.append(say(lang, "report-hearing.feed-outcome",
                         outcome=say(lang, f"report-hearing.outcome-{rec.vote.outcome}"),
                         votes=votes_text(rec.vote.votes, lang)))
    if rec.report_published:
        lines.append(say(lang, "report-hearing.feed-published", date=format_date(rec.report_published.date, lang),
                         url=rec.report_published.url or "—"))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def calendar_event(ctx: SiteContext, rec: ReportHearing, lang: str):
    lines = _body_lines(rec, lang)
    items = [f"{i + 1}. {one_line(text_in(item, lang)[0])}" for i, item in enumerate(rec.agenda)]
    if items:
        lines += [say(lang, "feeds.agenda"), *items]
    return event(ctx, rec, lang, lines + _speaker_lines(rec, lang))


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.year}-rh{next_number(ids, f'{day.year}-rh')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"status": values.get("status") or "planned", "body_kk": values.get("body_kk"),
            "body_ru": values.get("body_ru")}


def refs(rec: ReportHearing) -> list[tuple[str, str]]:
    """The meeting it was heard at, the repeat hearing, and the recommendations that came out of it."""
    out = [("meeting", rec.meeting)] if rec.meeting else []
    if rec.rehearing:
        out.append(("report-hearing", rec.rehearing))
    return out + [("recommendation", r) for r in rec.recommendation_ids]


def page_data(renderer, council, rec: ReportHearing) -> dict[str, Any]:
    rehearing = council.find("report-hearing", rec.rehearing) if rec.rehearing else None
    meeting = council.find("meeting", rec.meeting) if rec.meeting else None
    return {"rehearing_record": rehearing, "meeting_record": meeting}


REPORT_HEARING = RecordType(
    kind="report-hearing", folder="report-hearings", model=ReportHearing, label=label, date=lambda r: r.date,
    published=lambda r: r.agreed_with_body, feed_summary=summary, feeds=(Feed("report-hearings", 36, "calendar"),),
    calendar=calendar_event,
    data=OpenData("report-hearings", ReportHearingOut, data_item,
                  (CsvTable("report-hearings", ReportHearingRow, rows),)),
    scaffold=Scaffold("report-hearing.md.j2", ".md", next_id,
                      (("date", "scaffold.ask.date"), ("time", "scaffold.ask.time"),
                       ("title_kk", "scaffold.ask.title-kk"), ("title_ru", "scaffold.ask.title-ru"),
                       ("body_kk", "report-hearing.ask-body-kk"), ("body_ru", "report-hearing.ask-body-ru"),
                       ("place_kk", "scaffold.ask.place-kk"), ("place_ru", "scaffold.ask.place-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Report hearing (report-hearings/<id>.md, front matter)",
        "The hearing of a state body's report on the results of its work at a council meeting: speakers, "
        "protocol fields, resolution, the members' open vote and the publication of the approved report. In a "
        ".md file this is the front matter; the protocol is the Markdown body."),
    rules="ashyq.kinds.report_hearing.rules",
    held=lambda r: r.date if r.status == "held" else None, refs=refs, page_data=page_data,
    template_dir=HERE / "pages",
)
