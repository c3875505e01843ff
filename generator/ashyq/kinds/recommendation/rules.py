"""The state body's response: on time, motivated, signed by the first head; its addressee's id and decision."""

from __future__ import annotations

from ...deadlines import response_status
from ...findings import Kind
from ...validate.engine import Context, rule


@rule("recommendation.response-deadline")
def response_deadline(ctx: Context) -> None:
    for rec in ctx.council.recommendations:
        status = response_status(rec, ctx.calendar, ctx.today)
        basis = "10" if rec.short_deadline else "month"
        if status.state == "overdue":
            ctx.report(f"recommendation.response-deadline/overdue-{basis}", rec, "sent", sent=rec.sent,
                       deadline=status.deadline, days=status.days_overdue)
        elif status.state == "late":
            ctx.report(f"recommendation.response-deadline/late-{basis}", rec, "response", "date",
                       deadline=status.deadline, answered=rec.response.date, days=status.days_overdue)
        if rec.response is not None:
            if not rec.response.motivated:
                ctx.report("recommendation.response-deadline/not-motivated", rec, "response", "motivated")
            if rec.response.signatory is not None and not rec.response.signatory.first_head:
                ctx.report("recommendation.response-deadline/not-first-head", rec, "response", "signatory")


@rule("recommendation.addressee-id", severity="W")
def addressee_id(ctx: Context) -> None:
    """A name that is a registered body's: the id links it to the body's page and data (portal standard)."""
    for rec in ctx.council.recommendations:
        if rec.body_id is None:
            match = ctx.portal.bodies.match(rec.addressee)
            if match:
                ctx.report("recommendation.addressee-id", rec, "addressee", id=match)


@rule("recommendation.decision", kind=Kind.DATA)
def decision(ctx: Context) -> None:
    """``decision`` names a decision the meeting took (the meeting itself is checked by ``data.reference``)."""
    meetings = {m.id: m for m in ctx.council.meetings}
    for rec in ctx.council.recommendations:
        if rec.decision is None:
            continue
        if rec.meeting is None:
            ctx.report("recommendation.decision/no-meeting", rec, "decision")
            continue
        meeting = meetings.get(rec.meeting)
        if meeting is not None and all(d.item != rec.decision for d in meeting.decisions):
            ctx.report("recommendation.decision", rec, "decision", meeting=rec.meeting, item=rec.decision)
