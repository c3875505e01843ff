"""The state body's response: on time, motivated, signed by the first head."""

from __future__ import annotations

from ...deadlines import response_status
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
