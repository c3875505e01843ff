"""The appeals registry (``appeals/<YYYY-MM>.yml``): the declaration, its open data and the problem map's data."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path
from typing import Any, Literal

from ...i18n import t
from ...render import datamodels as d
from ...render import urls
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, say
from ...render.text import format_month
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold
from .figures import aggregates, appeals, okrug_names
from .model import CHANNELS, STATUSES, AppealMonth
from .topics import TOPICS, topic_key

HERE = Path(__file__).resolve().parent


def label(rec: AppealMonth, lang: str) -> tuple[str, str]:
    return t(lang, "appeal.label", month=format_month(rec.first_day(), lang)), lang


def summary(ctx: SiteContext, rec: AppealMonth, council: str, lang: str) -> str:
    closed = sum(1 for a in rec.appeals if a.closed)
    lines = [council, say(lang, "appeal.feed-counts", n=len(rec.appeals), closed=closed)]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


# --------------------------------------------------------------------- open data: entries without any person


class PointOut(d.Out):
    lat: float
    lon: float


class AppealOut(d.Out):
    """One entry of the registry: the problem, its okrug, topic and state. No field for a person exists."""

    id: str
    received: d.Date
    okrug: int
    deputy: str | None
    topic: Literal[TOPICS]  # type: ignore[valid-type]
    channel: Literal[CHANNELS]  # type: ignore[valid-type]
    status: Literal[STATUSES]  # type: ignore[valid-type]
    answered: d.Date | None
    hoursToAnswer: int | None
    publicComplaint: bool
    redirectedTo: d.Text | None
    reason: d.Text | None
    location: PointOut | None
    summary: d.Text | None


class AppealMonthOut(d.Out):
    """A month of a maslikhat's appeals registry."""

    type: Literal["AppealRegistry"] = "AppealRegistry"
    id: str
    council: str
    web: d.Web
    month: str
    published: d.Date | None
    appeals: list[AppealOut]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def _hours(a) -> int | None:
    answered = a.answered_at()
    return int((answered - a.received_at()).total_seconds() // 3600) if answered and a.answered_time else None


def data_item(ctx: SiteContext, rec: AppealMonth) -> AppealMonthOut:
    return AppealMonthOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), month=rec.month, published=d.date(rec.published),
        appeals=[AppealOut(
            id=a.id, received=a.received.isoformat(), okrug=a.okrug, deputy=a.deputy, topic=a.topic,
            channel=a.channel, status=a.status, answered=d.date(a.answered), hoursToAnswer=_hours(a),
            publicComplaint=a.public_complaint, redirectedTo=d.text(a.redirected_to), reason=d.text(a.reason),
            location=PointOut(lat=a.location.lat, lon=a.location.lon) if a.location else None,
            summary=d.text(a.summary)) for a in rec.appeals],
        compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class AppealRow(d.Out):
    council: d.Cell
    month: d.Cell
    appeal: d.Cell
    received: d.Cell
    okrug: d.Cell
    deputy: d.Cell
    topic: d.Cell
    channel: d.Cell
    status: d.Cell
    answered: d.Cell
    hours_to_answer: d.Cell
    public_complaint: d.Cell
    lat: d.Cell
    lon: d.Cell
    summary_kk: d.Cell
    summary_ru: d.Cell


def rows(item: dict[str, Any]) -> list[AppealRow]:
    return [AppealRow(
        council=item["council"], month=item["month"], appeal=a["id"], received=a["received"], okrug=a["okrug"],
        deputy=a["deputy"], topic=a["topic"], channel=a["channel"], status=a["status"], answered=a["answered"],
        hours_to_answer=a["hoursToAnswer"], public_complaint=a["publicComplaint"],
        lat=(a["location"] or {}).get("lat"), lon=(a["location"] or {}).get("lon"), **d.both("summary", a["summary"]))
        for a in item["appeals"]]


class AggregateRow(d.Out):
    council: d.Cell
    month: d.Cell
    okrug: d.Cell
    topic: d.Cell
    received: d.Cell
    answered: d.Cell
    redirected: d.Cell
    rejected: d.Cell
    open: d.Cell
    public_complaints: d.Cell


def aggregate_rows(item: dict[str, Any]) -> list[AggregateRow]:
    cells: dict[tuple[int, str], dict[str, int]] = {}
    for a in item["appeals"]:
        cell = cells.setdefault((a["okrug"], a["topic"]), dict.fromkeys(
            ("received", "answered", "redirected", "rejected", "open", "public_complaints"), 0))
        cell["received"] += 1
        state = a["status"] if a["status"] in ("answered", "redirected", "rejected") else "open"
        cell[state] += 1
        cell["public_complaints"] += a["publicComplaint"]
    return [AggregateRow(council=item["council"], month=item["month"], okrug=okrug, topic=topic, **cell)
            for (okrug, topic), cell in sorted(cells.items())]


# --------------------------------------------------------------------- the problem map (the section page)


def section_data(renderer, council) -> dict[str, Any]:
    """The problem map: the okrug × topic × month table first (the page without JavaScript), the points for it."""
    lang = renderer.lang
    names = okrug_names(council)
    cells = aggregates(council)
    points = [{"lat": a.location.lat, "lon": a.location.lon, "okrug": a.okrug, "topic": a.topic,
               "status": "open" if a.status in ("received", "in-progress") else a.status,
               "month": f"{a.received.year:04d}-{a.received.month:02d}", "id": a.id}
              for a in appeals(council) if a.location is not None]
    months = sorted({c.month for c in cells}, reverse=True)
    here = urls.council(lang, council.slug, APPEAL.folder)  # the theme's files are in each edition's assets/

    def asset(path: str) -> str:
        return posixpath.relpath(f"{lang}/assets/{path}", here.rstrip("/"))
    tiles = getattr(renderer.ctx.portal.config, "map", None)
    return {
        "asset": asset, "cells": cells, "okrug_names": {n: renderer.text(v) if v else "" for n, v in names.items()},
        "topic_label": lambda topic: t(lang, topic_key(topic)), "topics": TOPICS,
        "months": [(m, format_month(dt.date(int(m[:4]), int(m[5:]), 1), lang)) for m in months],
        "map_points": json.dumps(points, ensure_ascii=False, separators=(",", ":")),
        "map_tiles": tiles.tiles if tiles else "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "map_attribution": tiles.attribution if tiles else "© OpenStreetMap contributors",
        "totals": {"received": sum(c.received for c in cells), "open": sum(c.open for c in cells),
                   "answered": sum(c.answered for c in cells)},
    }


# --------------------------------------------------------------------- scaffold


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    month = ctx["id"] if len(ctx["id"]) == 7 else ctx["date"][:7]
    number = 1 + sum(1 for p in folder.glob("*.yml"))
    return {"month": month, "first": f"{month}-{number:03d}", "received": f"{month}-01" if month != ctx["date"][:7]
            else ctx["date"]}


APPEAL = RecordType(
    kind="appeal", folder="appeals", model=AppealMonth, label=label, date=lambda r: r.first_day(),
    published=lambda r: r.published, feed_summary=summary, feeds=(Feed("appeals", 62, "councils"),),
    data=OpenData("appeals", AppealMonthOut, data_item,
                  (CsvTable("appeals", AppealRow, rows), CsvTable("appeals-aggregates", AggregateRow, aggregate_rows))),
    scaffold=Scaffold("appeals.yml.j2", ".yml", next_id, (("date", "scaffold.ask.date"),), scaffold_values,
                      template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Appeals registry of a maslikhat (appeals/<YYYY-MM>.yml)",
        "One month of the registry of appeals to the maslikhat's deputies: per appeal its number, date, okrug, "
        "topic, channel, status and answer. There is no field for the person who wrote it."),
    rules="ashyq.kinds.appeal.rules",
    suffixes=(".yml", ".yaml"),
    template_dir=HERE / "pages",
    council_types=("maslikhat",), section_data=section_data,
)
