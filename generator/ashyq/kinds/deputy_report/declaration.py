"""Deputies' quarterly public reports (``deputy-reports/<deputy>-<year>-q<n>.md``): figures computed, never typed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from ...i18n import t
from ...models.common import text_of
from ...render import datamodels as d
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, say
from ..appeal.figures import QuarterFigures, last_ended_quarter, quarter_figures
from ..appeal.topics import topic_key
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold
from .model import DeputyReport

HERE = Path(__file__).resolve().parent
ID = re.compile(r"^(?P<deputy>[a-z0-9][a-z0-9-]*)-(?P<year>\d{4})-q(?P<quarter>[1-4])$")


def label(rec: DeputyReport, lang: str) -> tuple[str, str]:
    return t(lang, "deputy-report.label", year=rec.year, quarter=rec.quarter), lang


def figures_of(ctx: SiteContext, rec: DeputyReport) -> QuarterFigures | None:
    council = ctx.portal.councils.get(rec.council)
    return quarter_figures(council, rec.deputy, rec.year, rec.quarter) if council else None


def figures_lines(fig: QuarterFigures, lang: str) -> list[str]:
    lines = [say(lang, "deputy-report.fig-line", received=fig.received, answered=fig.answered, open=fig.open,
                 redirected=fig.redirected, rejected=fig.rejected),
             say(lang, "deputy-report.fig-change", previous=fig.previous, change=f"{fig.change:+d}"),
             say(lang, "deputy-report.fig-receptions", n=fig.receptions, citizens=fig.citizens)]
    if fig.topics:
        lines.append(say(lang, "deputy-report.fig-topics", topics=", ".join(
            f"{t(lang, topic_key(x))} ({n})" for x, n in fig.topics[:3])))
    return lines


def summary(ctx: SiteContext, rec: DeputyReport, council: str, lang: str) -> str:
    owner = ctx.portal.councils.get(rec.council)
    member = owner.composition.member(rec.deputy) if owner and owner.composition else None
    lines = [council, say(lang, "deputy-report.deputy", name=text_of(member.name, lang) if member else rec.deputy)]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    fig = figures_of(ctx, rec)
    if fig is not None:
        lines += figures_lines(fig, lang)
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


class TopicCount(d.Out):
    topic: str
    count: d.Count


class FiguresOut(d.Out):
    """Computed from the appeals registry and the receptions when the portal is built."""

    appealsReceived: d.Count
    appealsAnswered: d.Count
    appealsRedirected: d.Count
    appealsRejected: d.Count
    appealsOpen: d.Count
    appealsPreviousQuarter: d.Count
    change: int
    changePercent: int | None
    byTopic: list[TopicCount]
    receptionsHeld: d.Count
    citizensReceived: d.Count


class DeputyReportOut(d.Out):
    """A maslikhat deputy's quarterly public report."""

    type: Literal["DeputyReport"] = "DeputyReport"
    id: str
    council: str
    web: d.Web
    name: d.Text
    deputy: str
    year: int
    quarter: int
    published: d.Date | None
    channels: list[d.Text]
    figures: FiguresOut | None
    resolved: list[d.Text]
    unresolved: list[d.Text]
    initiatives: list[d.Text]
    plan: list[d.Text]
    text: d.Text | None
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def _figures_out(fig: QuarterFigures | None) -> FiguresOut | None:
    if fig is None:
        return None
    return FiguresOut(
        appealsReceived=fig.received, appealsAnswered=fig.answered, appealsRedirected=fig.redirected,
        appealsRejected=fig.rejected, appealsOpen=fig.open, appealsPreviousQuarter=fig.previous, change=fig.change,
        changePercent=fig.change_percent, byTopic=[TopicCount(topic=x, count=n) for x, n in fig.topics],
        receptionsHeld=fig.receptions, citizensReceived=fig.citizens)


def data_item(ctx: SiteContext, rec: DeputyReport) -> DeputyReportOut:
    return DeputyReportOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.Text(kk=label(rec, "kk")[0],
                                                                            ru=label(rec, "ru")[0]),
        deputy=rec.deputy, year=rec.year, quarter=rec.quarter, published=d.date(rec.published),
        channels=d.texts(rec.channels), figures=_figures_out(figures_of(ctx, rec)), resolved=d.texts(rec.resolved),
        unresolved=d.texts(rec.unresolved), initiatives=d.texts(rec.initiatives), plan=d.texts(rec.plan),
        text=d.body(rec), auxiliaryFile=[d.file(a) for a in rec.attachments], compliance=d.compliance(ctx, rec),
        **d.stamps(ctx, rec))


class DeputyReportRow(d.Out):
    council: d.Cell
    report: d.Cell
    deputy: d.Cell
    year: d.Cell
    quarter: d.Cell
    published: d.Cell
    appeals_received: d.Cell
    appeals_answered: d.Cell
    appeals_open: d.Cell
    appeals_previous_quarter: d.Cell
    receptions_held: d.Cell
    citizens_received: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(r: dict[str, Any]) -> list[DeputyReportRow]:
    f = r["figures"] or {}
    return [DeputyReportRow(
        council=r["council"], report=d.rid(r), deputy=r["deputy"], year=r["year"], quarter=r["quarter"],
        published=r["published"], appeals_received=f.get("appealsReceived"), appeals_answered=f.get("appealsAnswered"),
        appeals_open=f.get("appealsOpen"), appeals_previous_quarter=f.get("appealsPreviousQuarter"),
        receptions_held=f.get("receptionsHeld"), citizens_received=f.get("citizensReceived"), **d.pages(r))]


# --------------------------------------------------------------------- the draft: ashyq new deputy-report


def _first_deputy(folder: Path) -> str:
    from ...scaffold.ids import members_of

    ids = [m.get("id") for m in members_of(folder.parent) if m.get("id") and m.get("voting", True)]
    return ids[0] if ids else "deputy"


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    year, quarter = last_ended_quarter(values["today"])
    return f"{values.get('name') or 'deputy'}-{year}-q{quarter}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The id names the deputy and the quarter (``<deputy>-2026-q3``); the draft shows the quarter's figures."""
    from ...load.tree import load_council

    match = ID.match(ctx["id"])
    year, quarter = last_ended_quarter(today)
    deputy = _first_deputy(folder)
    if match:
        deputy, year, quarter = match["deputy"], int(match["year"]), int(match["quarter"])
        if deputy == "deputy":
            deputy = _first_deputy(folder)
    council_dir = folder.parent
    council, _ = load_council(council_dir.parent.parent, council_dir)
    fig = quarter_figures(council, deputy, year, quarter)
    return {"deputy": deputy, "year": year, "quarter": quarter,
            "figures_kk": figures_lines(fig, "kk"), "figures_ru": figures_lines(fig, "ru")}


def page_data(renderer, council, rec: DeputyReport) -> dict[str, Any]:
    from ...render.members import page_url, person_of

    member = council.composition.member(rec.deputy) if council.composition else None
    return {"figures": quarter_figures(council, rec.deputy, rec.year, rec.quarter), "deputy": member,
            "topic_label": lambda x: renderer.t(topic_key(x)),
            "member_page": lambda member_id: page_url(renderer.lang, council.slug, person_of(council, member_id))}


DEPUTY_REPORT = RecordType(
    kind="deputy-report", folder="deputy-reports", model=DeputyReport, label=label,
    date=lambda r: dt.date(r.year, 3 * r.quarter, 1), published=lambda r: r.published, feed_summary=summary,
    feeds=(Feed("reports", 40, "councils"),),
    data=OpenData("deputy-reports", DeputyReportOut, data_item, (CsvTable("deputy-reports", DeputyReportRow, rows),)),
    scaffold=Scaffold("deputy-report.md.j2", ".md", next_id, (), scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "A maslikhat deputy's quarterly public report (deputy-reports/<deputy>-<year>-q<n>.md, front matter)",
        "The deputy's report for a quarter: what was solved, what is still open and why, initiatives, the plan. "
        "The figures of appeals and receptions are computed by the portal, not written here."),
    rules="ashyq.kinds.deputy_report.rules",
    page_data=page_data,
    template_dir=HERE / "pages",
    council_types=("maslikhat",),
)
