"""Reception rules: a known deputy; at least one reception a month, announced in advance (seed 002, advice)."""

from __future__ import annotations

import datetime as dt

from ...findings import Kind
from ...rules.params import LeadDays
from ...validate.engine import Context, rule
from .model import Reception


def _receptions(ctx: Context) -> list[Reception]:
    return ctx.council.of("reception")  # type: ignore[return-value]


def _maslikhat(ctx: Context) -> bool:
    return bool(ctx.council.info and ctx.council.info.type == "maslikhat")


@rule("reception.integrity", level="portal", kind=Kind.DATA)
def integrity(ctx: Context) -> None:
    members = ctx.council.member_ids()
    for rec in _receptions(ctx):
        if rec.deputy not in members:
            ctx.report("reception.integrity/deputy", rec, "deputy", deputy=rec.deputy)
        if rec.status == "held" and rec.date > ctx.today:
            ctx.report("reception.integrity/held-future", rec, "date", date=rec.date)
        if rec.announced and rec.announced > rec.date:
            ctx.report("reception.integrity/announced-after", rec, "announced", announced=rec.announced,
                       date=rec.date)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@rule("reception.monthly", level="advice", council_types=("maslikhat",))
def monthly(ctx: Context) -> None:
    """Each deputy, each ended month of their term since the portal's first reception: one held reception."""
    council = ctx.council
    receptions = _receptions(ctx)
    if not _maslikhat(ctx) or not council.composition or not receptions:
        return
    first = min(r.date for r in receptions)  # the months before the registry began are not judged
    last_ended = ctx.today.replace(day=1) - dt.timedelta(days=1)
    held = {(r.deputy, r.date.year, r.date.month) for r in receptions if r.status == "held"}
    for i, member in enumerate(council.composition.members):
        if not member.voting:  # the apparatus' staff holds no receptions as a deputy
            continue
        start = max(member.start, first.replace(day=1))
        end = min(member.end or last_ended, last_ended)
        missing = [(y, m) for y, m in _months(start, end) if (member.id, y, m) not in held]
        for year, month in missing:
            ctx.report("reception.monthly", council.composition, "members", i, deputy=member.id,
                       month=f"{year:04d}-{month:02d}")


@rule("reception.announced", level="advice", council_types=("maslikhat",), params=LeadDays)
def announced(ctx: Context) -> None:
    lead = ctx.params["lead_days"]
    for rec in _receptions(ctx):
        if rec.status == "cancelled":
            continue
        if rec.announced is None:
            if rec.status == "held" or rec.date - dt.timedelta(days=lead) < ctx.today:
                ctx.report("reception.announced/missing", rec, "announced", date=rec.date)
        elif (rec.date - rec.announced).days < lead:
            ctx.report("reception.announced/late", rec, "announced", announced=rec.announced, date=rec.date,
                       days=lead)
