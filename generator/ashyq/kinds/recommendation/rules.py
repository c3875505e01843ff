"""The state body's response: on time, motivated, signed by the first head; its addressee's id and decision."""

from __future__ import annotations

from ...deadlines import basis_article, basis_parts, response_status
from ...findings import Kind
from ...validate.engine import Context, rule


@rule("recommendation.response-deadline", level="law")
def response_deadline(ctx: Context) -> None:
    """The deadline of art. 5 p.2 / art. 5-1 p.2 for the basis' sub-point, from receipt when recorded."""
    council_type = ctx.council.info.type if ctx.council.info else None
    for rec in ctx.council.recommendations:
        article = basis_parts(rec.basis)[0]
        if ctx.council.info and article != basis_article(council_type):
            ctx.report("recommendation.response-deadline/basis-type", rec, "basis", basis=rec.basis,
                       expected=f"{basis_article(council_type)}.1.N")
        if rec.received is not None and rec.received < rec.sent:
            ctx.report("recommendation.response-deadline/received-before-sent", rec, "received",
                       received=rec.received, sent=rec.sent)
        status = response_status(rec, ctx.calendar, ctx.today)
        if status.term is None:
            continue  # the law names no response time for this sub-point: nothing to be late against
        start = {"start": status.start, "counted_from": "received" if rec.received else "sent"}
        if status.state == "overdue":
            ctx.report(f"recommendation.response-deadline/overdue-{status.term}", rec,
                       "received" if rec.received else "sent", sent=rec.sent, deadline=status.deadline,
                       days=status.days_overdue, **start)
        elif status.state == "late":
            ctx.report(f"recommendation.response-deadline/late-{status.term}", rec, "response", "date",
                       deadline=status.deadline, answered=rec.response.date, days=status.days_overdue, **start)
        if rec.response is not None:
            if not rec.response.motivated:
                ctx.report("recommendation.response-deadline/not-motivated", rec, "response", "motivated")
            if rec.response.signatory is not None and not rec.response.signatory.first_head:
                ctx.report("recommendation.response-deadline/not-first-head", rec, "response", "signatory",
                           "first_head")


@rule("recommendation.addressee-id", level="portal")
def addressee_id(ctx: Context) -> None:
    """A name that is a registered body's: the id links it to the body's page and data (portal standard)."""
    for rec in ctx.council.recommendations:
        if rec.body_id is None:
            match = ctx.portal.bodies.match(rec.addressee)
            if match:
                ctx.report("recommendation.addressee-id", rec, "addressee", id=match)


@rule("recommendation.decision", level="portal", kind=Kind.DATA)
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
