"""Open data of the state bodies: ``data/bodies.json`` (with its schema) and ``data/bodies.csv``.

One item per body of ``bodies.yml``: its names, BIN, website, parent and
region, its page and feed, and the figures of :mod:`ashyq.render.bodies`
computed from the records (the same numbers its page shows).
"""

from __future__ import annotations

from typing import Any, Literal

from . import datamodels as d
from .bodies import body_index, body_url, feed_url
from .context import SiteContext


class Counts(d.Out):
    recommendations: d.Count
    answeredOnTime: d.Count
    answeredLate: d.Count
    overdue: d.Count
    pending: d.Count


class BodyOut(d.Out):
    """A state body the councils send recommendations to, with how it answers."""

    type: Literal["StateBody"] = "StateBody"
    id: str
    name: d.Text
    shortName: d.Text | None
    bin: str
    website: d.Url
    parent: str | None
    region: d.Text | None
    web: d.Web
    feeds: dict[str, dict[str, d.Url] | None]
    counts: Counts
    onTimeRate: float | None  # answered on time / recommendations whose deadline has passed
    averageDaysLate: float | None  # over the answers that came late
    hearings: d.Count  # hearings whose results were sent to it


def items(ctx: SiteContext) -> list[dict[str, Any]]:
    """The JSON items of ``data/bodies.json``, in the order of ``bodies.yml``."""
    index = body_index(ctx)
    out = []
    for body in ctx.portal.bodies:
        f = index.figures(body.id)
        out.append(BodyOut(
            id=body.id, name=d.text(body.name), shortName=d.text(body.short_name), bin=body.bin,
            website=body.website, parent=body.parent, region=d.text(body.region),
            web=d.Web(**{lang: ctx.url(body_url(lang, body.id)) if lang in ctx.langs else None
                         for lang in d.OUTPUT_LANGS}),
            feeds={lang: {fmt: ctx.url(feed_url(lang, body.id, fmt)) for fmt in ("atom", "rss")}
                   if lang in ctx.langs else None for lang in d.OUTPUT_LANGS},
            counts=Counts(recommendations=f.recommendations, answeredOnTime=f.answered_on_time,
                          answeredLate=f.answered_late, overdue=f.overdue, pending=f.pending),
            onTimeRate=f.on_time_rate, averageDaysLate=f.average_days_late,
            hearings=len(index.hearings.get(body.id, [])),
        ).model_dump(mode="json"))
    return out


class BodyRow(d.Out):
    body: d.Cell
    name_kk: d.Cell
    name_ru: d.Cell
    short_name_kk: d.Cell
    short_name_ru: d.Cell
    bin: d.Cell
    website: d.Cell
    parent: d.Cell
    region_kk: d.Cell
    region_ru: d.Cell
    recommendations: d.Cell
    answered_on_time: d.Cell
    answered_late: d.Cell
    overdue: d.Cell
    pending: d.Cell
    on_time_rate: d.Cell
    average_days_late: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def row(item: dict[str, Any]) -> BodyRow:
    counts = item["counts"]
    return BodyRow(
        body=item["id"], **d.both("name", item["name"]), **d.both("short_name", item["shortName"]), bin=item["bin"],
        website=item["website"], parent=item["parent"], **d.both("region", item["region"]),
        recommendations=counts["recommendations"], answered_on_time=counts["answeredOnTime"],
        answered_late=counts["answeredLate"], overdue=counts["overdue"], pending=counts["pending"],
        on_time_rate=item["onTimeRate"], average_days_late=item["averageDaysLate"], **d.pages(item))


def schema_def() -> dict[str, Any]:
    """The JSON Schema of one item (``$defs/StateBody``); Text and Web are the shared definitions."""
    count = {"type": "integer", "minimum": 0}
    url = {"type": "string", "pattern": r"^https?://"}
    null_text = {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]}
    feeds = {"anyOf": [{"type": "object", "properties": {"atom": url, "rss": url}, "required": ["atom", "rss"],
                        "additionalProperties": False}, {"type": "null"}]}
    props: dict[str, Any] = {
        "type": {"const": "StateBody"}, "id": {"type": "string"}, "name": {"$ref": "#/$defs/Text"},
        "shortName": null_text, "bin": {"type": "string", "pattern": r"^\d{12}$"}, "website": url,
        "parent": {"type": ["string", "null"]}, "region": null_text, "web": {"$ref": "#/$defs/Web"},
        "feeds": {"type": "object", "properties": {lang: feeds for lang in d.OUTPUT_LANGS},
                  "required": list(d.OUTPUT_LANGS), "additionalProperties": False},
        "counts": {"type": "object", "properties": {k: count for k in Counts.model_fields},
                   "required": list(Counts.model_fields), "additionalProperties": False},
        "onTimeRate": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        "averageDaysLate": {"type": ["number", "null"], "minimum": 0}, "hearings": count,
    }
    return {"description": "A state body (bodies.yml) and how it answers the councils' recommendations.",
            "type": "object", "properties": props, "required": list(props), "additionalProperties": False}
