"""Rules of work plans: an annual plan is published, by the portal's standard date."""

from __future__ import annotations

import datetime as dt

from ...validate.engine import Context, rule
from ...rules.params import PlanGraceDays
from ..report.rules import active_years


@rule("plan.annual", level="advice", params=PlanGraceDays)
def annual_plan(ctx: Context) -> None:
    council = ctx.council
    if not council.info:
        return
    plans = {p.year: p for p in council.plans if p.kind == "annual"}
    for year in active_years(council, ctx.today):
        # counted from the start of the year, or of the council's term when it began later in the year:
        # a council formed in March cannot have published its plan by 1 February
        start = max(dt.date(year, 1, 1), council.info.term.start)
        due = start + dt.timedelta(days=ctx.params["grace_days"])
        plan = plans.get(year)
        if plan is None or plan.published is None:
            if due < ctx.today:
                ctx.report("plan.annual", plan or council.info, *(("published",) if plan else ()), year=year,
                           deadline=due)
        elif plan.published > due:  # the guide advises a plan; its date is the portal's standard
            ctx.report("plan.annual/late", plan, "published", level="portal", year=year, published=plan.published,
                       deadline=due)
