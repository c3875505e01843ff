"""Public consultation rules: the steps of the 2024 ministry recommendations (seed 001), all advice (W).

The quarterly schedule is read from two places a secretary may keep it in:
the consultation records themselves (``schedule``: the meeting that approved
it and when it was published) and the work plan's items with
``form: consultation`` in a quarter. Only quarters that have ended are judged.
"""

from __future__ import annotations

import datetime as dt

from ...findings import Kind
from ...rules.params import GraceDays
from ...validate.engine import Context, rule
from .model import Consultation

QUARTER_MONTHS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}
HALF_A_QUARTER = dt.timedelta(days=45)


def consultations(ctx: Context) -> list[Consultation]:
    return ctx.council.of("consultation")  # type: ignore[return-value]


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return first, last


def ended_quarters(start: dt.date, end: dt.date, today: dt.date) -> list[tuple[int, int]]:
    """Quarters over before ``today`` that the council's term covers at least half of."""
    out = []
    year, quarter = quarter_of(start)
    while True:
        first, last = quarter_bounds(year, quarter)
        if last >= today or first > end:
            return out
        if last - max(first, start) >= HALF_A_QUARTER and min(last, end) - first >= HALF_A_QUARTER:
            out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _planned_in(period: str, quarter: int) -> bool:
    return period == f"Q{quarter}" or (period.isdigit() and int(period) in QUARTER_MONTHS[quarter])


def _plan_schedule(ctx: Context, year: int, quarter: int) -> tuple[bool, bool]:
    """(a work plan of the year schedules a consultation in the quarter, that plan is approved and published)."""
    listed = published = False
    for plan in ctx.council.plans:
        if plan.year == year and any(i.form == "consultation" and _planned_in(i.period, quarter) for i in plan.items):
            listed = True
            published = published or (plan.approved is not None and plan.published is not None)
    return listed, published


def _schedule_problem(rec: Consultation) -> str | None:
    if rec.schedule is None:
        return "no-schedule"
    if rec.schedule.meeting is None:
        return "not-approved"
    if rec.schedule.published is None:
        return "not-published"
    return None


@rule("consultation.quarterly", level="advice")
def quarterly(ctx: Context) -> None:
    info = ctx.council.info
    if info is None:
        return
    for year, quarter in ended_quarters(info.term.start, info.term.end, ctx.today):
        first, last = quarter_bounds(year, quarter)
        inside = sorted((c for c in consultations(ctx) if first <= c.date <= last and c.status != "cancelled"),
                        key=lambda c: (c.date, c.id))
        in_plan, plan_published = _plan_schedule(ctx, year, quarter)
        if not inside and not in_plan:
            ctx.report("consultation.quarterly/none", info, quarter=quarter, year=year)
            continue
        if plan_published or any(_schedule_problem(c) is None for c in inside):
            continue
        if inside:
            problem = _schedule_problem(inside[0])
            ctx.report(f"consultation.quarterly/{problem}", inside[0], "schedule", quarter=quarter, year=year)
        else:
            ctx.report("consultation.quarterly/plan-not-published", info, quarter=quarter, year=year)


def _due(ctx: Context, rec: Consultation) -> bool:
    """The grace after the consultation is over: what follows it (steps 5–7) is now expected."""
    return rec.status == "held" and rec.date + dt.timedelta(days=ctx.params["grace_days"]) < ctx.today


def _begun(ctx: Context, rec: Consultation) -> bool:
    """Held, or its day has come and it was not cancelled: what precedes it (steps 1–3) is expected."""
    return rec.status == "held" or (rec.status != "cancelled" and rec.date <= ctx.today)


@rule("consultation.decided", level="advice")
def decided(ctx: Context) -> None:
    for rec in consultations(ctx):
        if not _begun(ctx, rec):
            continue
        if rec.meeting is None:
            ctx.report("consultation.decided/meeting", rec, "issue")
        if not rec.questions:
            ctx.report("consultation.decided/questions", rec, "issue")


@rule("consultation.announced", level="advice")
def announced(ctx: Context) -> None:
    for rec in consultations(ctx):
        if not _begun(ctx, rec):
            continue
        if rec.announced is None or not rec.channels:
            ctx.report("consultation.announced/missing", rec, "announced" if rec.announced else "date", date=rec.date)
        elif rec.announced > rec.date:
            ctx.report("consultation.announced/after", rec, "announced", announced=rec.announced, date=rec.date)


@rule("consultation.proposals", level="advice", params=GraceDays)
def proposals(ctx: Context) -> None:
    for rec in consultations(ctx):
        if not _due(ctx, rec):
            continue
        if rec.proposals_received is None:
            ctx.report("consultation.proposals/counts", rec, "date", date=rec.date)
        elif rec.proposals_received > 0 and not rec.proposals:
            ctx.report("consultation.proposals/list", rec, "proposals_received", n=rec.proposals_received)


@rule("consultation.draft-act", level="advice", params=GraceDays)
def draft_act(ctx: Context) -> None:
    for rec in consultations(ctx):
        if rec.draft_act is None or not _due(ctx, rec) or not rec.proposals_received:
            continue
        if rec.draft_recommendation is None and not rec.recommendations:
            ctx.report("consultation.draft-act/missing", rec, "draft_act", n=rec.proposals_received)


@rule("consultation.position", level="advice", params=GraceDays)
def position(ctx: Context) -> None:
    for rec in consultations(ctx):
        if not _due(ctx, rec):
            continue
        due = rec.date + dt.timedelta(days=ctx.params["grace_days"])
        if rec.position is None or rec.position.published is None:
            ctx.report("consultation.position/missing", rec, *(("position",) if rec.position else ("date",)),
                       date=rec.date, due=due)
        elif not (rec.body.get("kk") or rec.body.get("ru")):
            ctx.report("consultation.position/text", rec, "position")
        elif not rec.position.channels and rec.position.link is None:
            ctx.report("consultation.position/channels", rec, "position")


@rule("consultation.records", level="portal", kind=Kind.DATA)
def records(ctx: Context) -> None:
    meetings, recommendations = ctx.council.ids("meeting"), ctx.council.ids("recommendation")
    for rec in consultations(ctx):
        if rec.meeting and rec.meeting not in meetings:
            ctx.report("consultation.records/meeting", rec, "meeting", id=rec.meeting)
        if rec.schedule and rec.schedule.meeting and rec.schedule.meeting not in meetings:
            ctx.report("consultation.records/meeting", rec, "schedule", "meeting", id=rec.schedule.meeting)
        for i, rid in enumerate(rec.recommendations):
            if rid not in recommendations:
                ctx.report("consultation.records/recommendation", rec, "recommendations", i, id=rid)
        if rec.status == "held" and rec.date > ctx.today:
            ctx.report("consultation.records/held-future", rec, "date", date=rec.date)
        if (rec.proposals_accepted or 0) > (rec.proposals_received or 0):
            ctx.report("consultation.records/accepted", rec, "proposals_accepted",
                       accepted=rec.proposals_accepted, received=rec.proposals_received or 0)
        if (rec.comments_answered or 0) > (rec.comments_received or 0):
            ctx.report("consultation.records/answered", rec, "comments_answered",
                       answered=rec.comments_answered, received=rec.comments_received or 0)
        if rec.position and rec.position.published and rec.position.published < rec.date:
            ctx.report("consultation.records/position-before", rec, "position", "published")
