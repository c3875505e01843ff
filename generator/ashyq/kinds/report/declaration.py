"""Activity reports (``reports/<id>.md``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import Report
from ...render import datamodels as d
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, say, text_in
from ...render.indicator import compute
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

TITLES = {
    "h1": ("{year} жылдың бірінші жартыжылдығындағы қызмет туралы есеп",
           "Отчёт о деятельности за первое полугодие {year} года"),
    "h2": ("{year} жылдың екінші жартыжылдығындағы қызмет туралы есеп",
           "Отчёт о деятельности за второе полугодие {year} года"),
    "year": ("{year} жылғы қызмет туралы жылдық есеп", "Годовой отчёт о деятельности за {year} год"),
}


def label(rec: Report, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title) or rec.id, used


def summary(ctx: SiteContext, rec: Report, council: str, lang: str) -> str:
    lines = [council, say(lang, f"feeds.report-period.{rec.period}", year=rec.year)]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    council_obj = ctx.portal.councils.get(rec.council)
    ind = compute(council_obj, rec.year, rec.period) if council_obj else None
    if ind is not None:
        lines.append(ind.sentence(lang))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


class Feedback(d.Out):
    B: d.Count
    C: d.Count
    E: d.Count
    G: d.Count
    public: bool


class ReportOut(d.Out):
    """An activity report (half-year or year)."""

    type: Literal["Report"] = "Report"
    id: str
    council: str
    web: d.Web
    name: d.Text
    period: Literal["h1", "h2", "year"]
    year: int
    published: d.Date | None
    channels: list[d.Text]
    feedback: Feedback | None
    indicator: d.Indicator | None
    text: d.Text | None
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Report) -> ReportOut:
    council = ctx.portal.councils.get(rec.council)
    ind = compute(council, rec.year, rec.period) if council else None
    fb = rec.feedback
    feedback = None if fb is None else Feedback(B=fb.proposals_accepted, C=fb.proposals_received,
                                                E=fb.comments_answered, G=fb.comments_received, public=fb.public)
    return ReportOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), period=rec.period,
        year=rec.year, published=d.date(rec.published), channels=d.texts(rec.channels), feedback=feedback,
        indicator=d.Indicator(**ind.to_json()) if ind else None, text=d.body(rec),
        auxiliaryFile=[d.file(a) for a in rec.attachments], compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class ReportRow(d.Out):
    council: d.Cell
    report: d.Cell
    period: d.Cell
    year: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    published: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(r: dict[str, Any]) -> list[ReportRow]:
    return [ReportRow(council=r["council"], report=d.rid(r), period=r["period"], year=r["year"],
                      **d.both("title", r["name"]), published=r["published"], created=r["created"],
                      modified=r["modified"], **d.pages(r))]


def last_finished_half(today: dt.date) -> tuple[int, str]:
    """The half-year a report written today is most likely about."""
    return (today.year - 1, "h2") if today.month <= 6 else (today.year, "h1")


def _period(values: dict[str, Any]) -> tuple[int, str]:
    year, period = last_finished_half(values["today"])
    return values.get("year") or year, values.get("period") or period


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    year, period = _period(values)
    return f"{year}-{period}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    year, period = _period({**values, "today": today})
    title_kk, title_ru = TITLES[period]
    return {"period": period, "year": year, "title_kk": values.get("title_kk") or title_kk.format(year=year),
            "title_ru": values.get("title_ru") or title_ru.format(year=year)}



def page_data(renderer, council, rec: Report) -> dict[str, Any]:
    return {"figures": renderer.period_figures(council, *rec.period_bounds())}


REPORT = RecordType(
    kind="report", folder="reports", model=Report, label=label, date=lambda r: r.year,
    published=lambda r: r.published, feed_summary=summary, feeds=(Feed("reports", 40, "councils"),),
    data=OpenData("reports", ReportOut, data_item, (CsvTable("reports", ReportRow, rows),)),
    scaffold=Scaffold("report.md.j2", ".md", next_id,
                      (("period", "scaffold.ask.period"), ("year", "scaffold.ask.year")), scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Activity report (reports/<id>.md, front matter)",
        "A half-year or annual activity report. In a .md file this is the front matter; the report text is "
        "the Markdown body."),
    rules="ashyq.kinds.report.rules",
    page_data=page_data,
    template_dir=HERE / "pages",
)
