"""Appeals registry rules: a consistent registry, and public complaints answered within 72 hours."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ...findings import Kind
from ...rules.params import RuleParams
from ...validate.engine import Context, rule
from .figures import deputy_okrugs
from .model import AppealMonth


class Hours(RuleParams):
    hours: int = Field(72, ge=1, le=720)


def _months(ctx: Context) -> list[AppealMonth]:
    return ctx.council.of("appeal")  # type: ignore[return-value]


@rule("appeal.integrity", level="portal", kind=Kind.DATA)
def integrity(ctx: Context) -> None:
    members = ctx.council.member_ids()
    okrugs = set(deputy_okrugs(ctx.council).values())
    seen: set[str] = set()
    for month in _months(ctx):
        for i, a in enumerate(month.appeals):
            where = (month, "appeals", i)
            if a.id in seen:
                ctx.report("appeal.integrity/duplicate", *where, "id", id=a.id)
            seen.add(a.id)
            if f"{a.received.year:04d}-{a.received.month:02d}" != month.month:
                ctx.report("appeal.integrity/month", *where, "received", id=a.id, date=a.received, month=month.month)
            if a.received > ctx.today:
                ctx.report("appeal.integrity/future", *where, "received", id=a.id, date=a.received)
            if okrugs and a.okrug not in okrugs:
                ctx.report("appeal.integrity/okrug", *where, "okrug", id=a.id, okrug=a.okrug)
            if a.deputy and a.deputy not in members:
                ctx.report("appeal.integrity/deputy", *where, "deputy", id=a.id, deputy=a.deputy)
            if a.closed and a.answered is None:
                ctx.report("appeal.integrity/no-answer-date", *where, "status", id=a.id, status=a.status)
            if a.answered is not None and a.answered < a.received:
                ctx.report("appeal.integrity/answered-before", *where, "answered", id=a.id, answered=a.answered,
                           received=a.received)
            if a.status in ("rejected", "redirected") and a.reason is None:
                ctx.report("appeal.integrity/no-reason", *where, "status", id=a.id, status=a.status)


@rule("appeal.public-complaint", level="advice", council_types=("maslikhat",), params=Hours)
def public_complaint(ctx: Context) -> None:
    hours = ctx.params["hours"]
    limit = dt.timedelta(hours=hours)
    now = dt.datetime.combine(ctx.today, dt.time(23, 59))
    for month in _months(ctx):
        for i, a in enumerate(month.appeals):
            if not a.public_complaint:
                continue
            due = a.received_at() + limit
            answered = a.answered_at()
            if answered is None and a.status != "answered":
                if now > due:
                    ctx.report("appeal.public-complaint/unanswered", month, "appeals", i, "status", id=a.id,
                               hours=hours, received=a.received)
            elif answered is not None and answered > due:
                ctx.report("appeal.public-complaint/late", month, "appeals", i, "answered", id=a.id, hours=hours,
                           received=a.received, answered=a.answered)
