"""Public monitoring (``monitoring/<id>.md``): the declaration and everything type-specific about it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import Monitoring
from ...render import datamodels as d
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, say, text_in
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

BADGES = {"planned": "pending", "ongoing": "pending", "completed": "ok", "cancelled": "cancelled"}


def label(rec: Monitoring, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title) or rec.id, used


def period(rec: Monitoring, lang: str) -> str:
    """"12 March 2026 – 30 June 2026", or "from 12 March 2026" for a permanent or open one."""
    start = format_date(rec.start, lang)
    if rec.end is None:
        return say(lang, "monitoring.from", start=start)
    return f"{start} – {format_date(rec.end, lang)}"


def summary(ctx: SiteContext, rec: Monitoring, council: str, lang: str) -> str:
    lines = [council,
             say(lang, "monitoring.feed-status", status=say(lang, f"monitoring.status-{rec.status}")),
             say(lang, "monitoring.feed-entity", entity=one_line(text_in(rec.entity, lang)[0])),
             say(lang, "monitoring.feed-period", period=period(rec, lang)),
             one_line(text_in(rec.activity, lang)[0])]
    if rec.decision:
        lines.append(say(lang, "monitoring.feed-decision", date=format_date(rec.decision.date, lang)))
    con = rec.conclusion
    if con is not None:
        lines.append(say(lang, "monitoring.feed-conclusion", date=format_date(con.adopted, lang)))
        if con.published:
            lines.append(say(lang, "monitoring.feed-published", date=format_date(con.published, lang)))
    if rec.sent_to:
        names = "; ".join(one_line(text_in(a.name, lang)[0]) for a in rec.sent_to)
        lines.append(say(lang, "monitoring.feed-sent", names=names))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


def refs(rec: Monitoring) -> list[tuple[str, str]]:
    """The meetings that decided it and adopted its conclusion, and the recommendations that came out of it."""
    out = [("meeting", rec.decision.meeting)] if rec.decision else []
    if rec.conclusion and rec.conclusion.meeting:
        out.append(("meeting", rec.conclusion.meeting))
    return out + [("recommendation", ref) for ref in rec.recommendations]


def held(rec: Monitoring) -> dt.date | None:
    """Carried out = its conclusion adopted (a cancelled one never counts)."""
    return rec.conclusion.adopted if rec.conclusion and rec.status != "cancelled" else None


# --------------------------------------------------------------------- open data


class Decision(d.Out):
    meeting: str
    date: d.Date
    text: d.Text | None


class Performer(d.Out):
    name: d.Text
    kind: Literal["member", "ngo", "citizen", "expert"]
    organisation: d.Text | None


class Conclusion(d.Out):
    adopted: d.Date
    meeting: str | None
    negativeConsequences: d.Text | None
    efficiencyProposals: d.Text | None
    violationRecommendations: d.Text | None
    amendments: d.Text | None
    published: d.Date | None
    file: d.File | None
    text: d.Text | None


class Addressee(d.Out):
    name: d.Text
    kind: Literal["state-body", "quasi-public", "other"]
    date: d.Date


class MonitoringOut(d.Out):
    """A public monitoring: the council's decision, subject, period, methods, performers, conclusion."""

    type: Literal["Monitoring"] = "Monitoring"
    id: str
    council: str
    web: d.Web
    name: d.Text
    entity: d.Text
    activity: d.Text
    monitoringState: Literal["planned", "ongoing", "completed", "cancelled"]
    permanent: bool
    startDate: d.Date
    endDate: d.Date | None
    decision: Decision | None
    goals: list[d.Text]
    approach: Literal["field", "digital", "combined"] | None
    methods: list[str]
    methodology: d.Text | None
    performers: list[Performer]
    conclusion: Conclusion | None
    recommendations: list[str]
    sentTo: list[Addressee]
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: Monitoring) -> MonitoringOut:
    dec = None if rec.decision is None else Decision(
        meeting=rec.decision.meeting, date=rec.decision.date.isoformat(), text=d.text(rec.decision.text))
    con = None
    if rec.conclusion is not None:
        c = rec.conclusion
        con = Conclusion(
            adopted=c.adopted.isoformat(), meeting=c.meeting, negativeConsequences=d.text(c.negative_consequences),
            efficiencyProposals=d.text(c.efficiency_proposals),
            violationRecommendations=d.text(c.violation_recommendations), amendments=d.text(c.amendments),
            published=d.date(c.published), file=d.file(c.file), text=d.body(rec))
    return MonitoringOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), entity=d.text(rec.entity),
        activity=d.text(rec.activity), monitoringState=rec.status, permanent=rec.permanent,
        startDate=rec.start.isoformat(), endDate=d.date(rec.end), decision=dec, goals=d.texts(rec.goals),
        approach=rec.approach, methods=list(rec.methods), methodology=d.text(rec.methodology),
        performers=[Performer(name=d.text(p.name), kind=p.kind, organisation=d.text(p.organisation))
                    for p in rec.performers],
        conclusion=con, recommendations=[f"{rec.council}/recommendation/{r}" for r in rec.recommendations],
        sentTo=[Addressee(name=d.text(a.name), kind=a.kind, date=a.date.isoformat()) for a in rec.sent_to],
        auxiliaryFile=[d.file(a) for a in rec.attachments], compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class MonitoringRow(d.Out):
    council: d.Cell
    monitoring: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    entity_kk: d.Cell
    entity_ru: d.Cell
    status: d.Cell
    permanent: d.Cell
    start: d.Cell
    end: d.Cell
    decision_meeting: d.Cell
    decision_date: d.Cell
    approach: d.Cell
    methods: d.Cell
    performers: d.Cell
    conclusion_adopted: d.Cell
    conclusion_published: d.Cell
    recommendations: d.Cell
    first_sent: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(m: dict[str, Any]) -> list[MonitoringRow]:
    dec = m["decision"] or {}
    con = m["conclusion"] or {}
    sent = sorted(a["date"] for a in m["sentTo"])
    return [MonitoringRow(
        council=m["council"], monitoring=d.rid(m), **d.both("title", m["name"]), **d.both("entity", m["entity"]),
        status=m["monitoringState"], permanent=m["permanent"], start=m["startDate"], end=m["endDate"],
        decision_meeting=dec.get("meeting"), decision_date=dec.get("date"), approach=m["approach"],
        methods=" ".join(m["methods"]), performers=len(m["performers"]), conclusion_adopted=con.get("adopted"),
        conclusion_published=con.get("published"),
        recommendations=" ".join(r.rsplit("/", 1)[-1] for r in m["recommendations"]),
        first_sent=sent[0] if sent else None, created=m["created"], modified=m["modified"], **d.pages(m))]


# --------------------------------------------------------------------- ashyq new


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.year}-m{next_number(ids, f'{day.year}-m')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"entity_kk": values.get("entity_kk"), "entity_ru": values.get("entity_ru")}


MONITORING = RecordType(
    kind="monitoring", folder="monitoring", model=Monitoring, label=label, date=lambda r: r.start,
    published=lambda r: r.conclusion.published if r.conclusion else None, feed_summary=summary,
    feeds=(Feed("monitoring", 32, ""),),
    data=OpenData("monitoring", MonitoringOut, data_item, (CsvTable("monitoring", MonitoringRow, rows),)),
    scaffold=Scaffold("monitoring.md.j2", ".md", next_id,
                      (("date", "scaffold.ask.date"), ("title_kk", "scaffold.ask.title-kk"),
                       ("title_ru", "scaffold.ask.title-ru"), ("entity_kk", "monitoring.ask-entity-kk"),
                       ("entity_ru", "monitoring.ask-entity-ru")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Public monitoring (monitoring/<id>.md, front matter)",
        "A public monitoring: the council's decision, the monitored body and activity, period, methods, who "
        "carried it out, the conclusion with its elements, the recommendations and where they were sent. In a .md "
        "file this is the front matter; the conclusion's text is the Markdown body."),
    rules="ashyq.kinds.monitoring.rules",
    held=held, refs=refs, badge=lambda r: (BADGES[r.status], f"monitoring.status-{r.status}"),
    template_dir=HERE / "pages",
)
