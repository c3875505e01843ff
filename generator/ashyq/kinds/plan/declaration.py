"""Work plans (``plans/<id>.yml``): the declaration and everything type-specific about them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import Plan
from ...render import datamodels as d
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, say, text_in
from ..spec import EditorSchema, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates


def label(rec: Plan, lang: str) -> tuple[str, str]:
    """Its title, else "Work plan for 2026"."""
    title, used = text_in(rec.title, lang)
    if title:
        return one_line(title), used
    return say(lang, "feeds.plan-untitled", year=rec.year), lang


def summary(ctx: SiteContext, rec: Plan, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.plan-items", year=rec.year, count=len(rec.items))]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


class PlanItemOut(d.Out):
    period: str
    topic: d.Text
    form: str
    responsible: d.Text | None
    done: bool | None
    result: d.Text | None


class PlanOut(d.Out):
    """A work plan."""

    type: Literal["Plan"] = "Plan"
    id: str
    council: str
    web: d.Web
    name: d.Text | None
    year: int
    kind: Literal["annual", "commission"]
    commission: d.Text | None
    approved: d.Date | None
    published: d.Date | None
    items: list[PlanItemOut]
    file: d.File | None
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Plan) -> PlanOut:
    items = [PlanItemOut(period=i.period, topic=d.text(i.topic), form=i.form, responsible=d.text(i.responsible),
                         done=i.done, result=d.text(i.result)) for i in rec.items]
    return PlanOut(id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), year=rec.year,
                   kind=rec.kind, commission=d.text(rec.commission), approved=d.date(rec.approved),
                   published=d.date(rec.published), items=items, file=d.file(rec.file),
                   compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    """The plan's year (``2026``); a commission plan beside it gets ``2026-2``, ``2026-3``…"""
    year = values.get("year") or day.year
    candidate, n = str(year), 2
    while candidate in ids:
        candidate, n = f"{year}-{n}", n + 1
    return candidate


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"year": values.get("year") or dt.date.fromisoformat(ctx["date"]).year}


PLAN = RecordType(
    kind="plan", folder="plans", model=Plan, label=label, date=lambda r: r.year, published=lambda r: r.published,
    feed_summary=summary, data=OpenData("plans", PlanOut, data_item),
    scaffold=Scaffold("plan.yml.j2", ".yml", next_id, (("year", "scaffold.ask.year"),), scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema("Work plan (plans/<id>.yml)", "An annual or commission work plan with its items by period."),
    rules="ashyq.kinds.plan.rules",
    template_dir=HERE / "pages",
)
