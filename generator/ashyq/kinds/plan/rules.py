"""Rules of work plans: an annual plan is published."""

from __future__ import annotations

import datetime as dt

from ...validate.engine import Context, rule
from ...rules.params import PlanGraceDays
from ..report.rules import active_years


@rule("plan.annual", severity="W", params=PlanGraceDays)
def annual_plan(ctx: Context) -> None:
    council = ctx.council
    if not council.info:
        return
    plans = {p.year: p for p in council.plans if p.kind == "annual"}
    for year in active_years(council, ctx.today):
        due = dt.date(year, 1, 1) + dt.timedelta(days=ctx.params["grace_days"])
        plan = plans.get(year)
        if (plan is None or plan.published is None) and due < ctx.today:
            ctx.report("plan.annual", plan or council.info, *(("published",) if plan else ()), year=year)
