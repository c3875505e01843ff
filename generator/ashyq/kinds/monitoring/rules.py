"""Public monitoring rules: the council's decision, the plan, the conclusion, sending and publishing it."""

from __future__ import annotations

import datetime as dt

from ...findings import Kind
from ...kinds.monitoring.model import Monitoring
from ...rules.params import GraceDays, WorkingDays
from ...validate.engine import Context, rule

# The seed's elements of a conclusion (figure 10), as the model names them.
ELEMENTS = (("negative_consequences", "negative-consequences"), ("efficiency_proposals", "efficiency"),
            ("violation_recommendations", "violations"), ("amendments", "amendments"))
SENT_KINDS = ("state-body", "quasi-public")
RECOMMENDATION_DAYS = 10  # calendar days from adoption: the law's own term (art. 20), not a setting


def _active(ctx: Context) -> list[Monitoring]:
    return [m for m in ctx.council.of("monitoring") if m.status != "cancelled"]  # type: ignore[misc]


def _started(mon: Monitoring, today: dt.date) -> bool:
    return mon.status in ("ongoing", "completed") or mon.start <= today


@rule("monitoring.integrity", level="portal", kind=Kind.DATA)
def integrity(ctx: Context) -> None:
    council = ctx.council
    meetings = {m.id: m for m in council.meetings}
    recommendations, meeting_ids = council.ids("recommendation"), council.ids("meeting")
    for mon in ctx.council.of("monitoring"):
        dec = mon.decision
        if dec and dec.meeting not in meeting_ids:
            ctx.report("data.reference-meeting", mon, "decision", "meeting", id=dec.meeting)
        elif dec and dec.meeting in meetings and meetings[dec.meeting].date != dec.date:
            ctx.report("monitoring.integrity/decision-date", mon, "decision", "date", date=dec.date,
                       meeting=dec.meeting, meeting_date=meetings[dec.meeting].date)
        if mon.conclusion and mon.conclusion.meeting and mon.conclusion.meeting not in meeting_ids:
            ctx.report("data.reference-meeting", mon, "conclusion", "meeting", id=mon.conclusion.meeting)
        for i, ref in enumerate(mon.recommendations):
            if ref not in recommendations:
                ctx.report("monitoring.integrity/recommendation", mon, "recommendations", i, id=ref)
        if mon.end and mon.end < mon.start:
            ctx.report("data.date-before", mon, "end", field="end", other="start")
        if mon.conclusion and mon.conclusion.adopted < mon.start:
            ctx.report("data.date-before", mon, "conclusion", "adopted", field="conclusion.adopted", other="start")
        if mon.conclusion and mon.conclusion.adopted > ctx.today:
            ctx.report("monitoring.integrity/adopted-future", mon, "conclusion", "adopted",
                       date=mon.conclusion.adopted)


@rule("monitoring.decision", level="law")
def decision(ctx: Context) -> None:
    for mon in _active(ctx):
        started = _started(mon, ctx.today)
        dec = mon.decision
        if dec is None:
            if started:
                ctx.report("monitoring.decision/missing", mon, "start", start=mon.start)
        else:
            meeting = next((m for m in ctx.council.meetings if m.id == dec.meeting), None)
            if meeting is not None and meeting.status != "held" and meeting.date <= ctx.today:
                ctx.report("monitoring.decision/not-held", mon, "decision", "meeting", meeting=dec.meeting,
                           date=meeting.date)
            if dec.date > mon.start:
                ctx.report("monitoring.decision/after-start", mon, "decision", "date", date=dec.date,
                           start=mon.start)
        if started and not mon.performers:
            ctx.report("monitoring.decision/performers", mon, "performers")


@rule("monitoring.plan", level="law")
def plan(ctx: Context) -> None:
    for mon in _active(ctx):
        if not mon.goals:
            ctx.report("monitoring.plan/goals", mon, "goals")
        if not mon.permanent and mon.end is None:
            ctx.report("monitoring.plan/period", mon, "end")


@rule("monitoring.conclusion", level="law", params=GraceDays)
def conclusion(ctx: Context) -> None:
    for mon in _active(ctx):
        con = mon.conclusion
        if con is None:
            if mon.status == "completed":
                ctx.report("monitoring.conclusion/missing-completed", mon, "status")
            elif mon.end is not None and not mon.permanent:
                due = mon.end + dt.timedelta(days=ctx.params["grace_days"])
                if due < ctx.today:
                    ctx.report("monitoring.conclusion/missing", mon, "end", end=mon.end, due=due)
            continue
        for field, case in ELEMENTS:
            if getattr(con, field) is None:
                ctx.report(f"monitoring.conclusion/{case}", mon, "conclusion")


def sending_dates(ctx: Context, mon: Monitoring) -> list[dt.date]:
    """Days the recommendations went to a state body or quasi-public entity: ``sent_to`` and linked records."""
    days = [a.date for a in mon.sent_to if a.kind in SENT_KINDS]
    by_id = {r.id: r for r in ctx.council.recommendations}
    days += [by_id[ref].sent for ref in mon.recommendations if ref in by_id]
    return sorted(days)


@rule("monitoring.recommendations-sent", level="law")
def recommendations_sent(ctx: Context) -> None:
    for mon in _active(ctx):
        con = mon.conclusion
        if con is None:
            continue
        due = con.adopted + dt.timedelta(days=RECOMMENDATION_DAYS)
        days = [d for d in sending_dates(ctx, mon) if d >= con.adopted]
        if not days:
            if due < ctx.today:
                ctx.report("monitoring.recommendations-sent/missing", mon, "sent_to", adopted=con.adopted, due=due)
        elif days[0] > due:
            ctx.report("monitoring.recommendations-sent/late", mon, "sent_to", adopted=con.adopted, sent=days[0],
                       days=(days[0] - con.adopted).days)


@rule("monitoring.published", level="portal", params=WorkingDays)
def published(ctx: Context) -> None:
    for mon in _active(ctx):
        con = mon.conclusion
        if con is None:
            continue
        due = ctx.calendar.add_working_days(con.adopted, ctx.params["working_days"])
        if con.published is None:
            if due < ctx.today:
                ctx.report("monitoring.published/missing", mon, "conclusion", adopted=con.adopted, due=due)
        elif con.published > due:
            ctx.report("monitoring.published/late", mon, "conclusion", "published", published=con.published,
                       due=due)
