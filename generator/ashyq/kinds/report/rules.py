"""Report and plan rules: two reports a year, the annual report, the annual plan."""

from __future__ import annotations

import datetime as dt

from ...models import Council
from .model import period_bounds
from ...validate.engine import Context, rule
from ...rules.params import AnnualDue, GraceDays


def active_years(council: Council, today: dt.date) -> range:
    if not council.info:
        return range(0)
    start = council.info.term.start.year
    end = min(council.info.term.end, today).year
    return range(start, end + 1)


@rule("report.half-year", params=GraceDays)
def half_year(ctx: Context) -> None:
    council = ctx.council
    if not council.info:
        return
    reports = {(r.year, r.period): r for r in council.reports}
    for year in active_years(council, ctx.today):
        for period in ("h1", "h2"):
            start, end = period_bounds(year, period)
            if end < council.info.term.start or start > council.info.term.end:
                continue
            due = end + dt.timedelta(days=ctx.params["grace_days"])
            # The annual report informs the population about the second half too.
            report = reports.get((year, period)) or (reports.get((year, "year")) if period == "h2" else None)
            if (report is None or report.published is None) and due < ctx.today:
                ctx.report("report.half-year", council.info, year=year, half=1 if period == "h1" else 2, due=due)


@rule("report.annual", params=AnnualDue)
def annual(ctx: Context) -> None:
    council = ctx.council
    if not council.info:
        return
    reports = {r.year: r for r in council.reports if r.period == "year"}
    for year in active_years(council, ctx.today):
        due = dt.date(year + 1, ctx.params["due_month"], ctx.params["due_day"])
        report = reports.get(year)
        if report is None or report.published is None:
            if due < ctx.today:
                ctx.report("report.annual/missing", report or council.info, *(("published",) if report else ()),
                           year=year, due=due)
        elif report.published > due:
            ctx.report("report.annual/late", report, "published", severity="W", year=year,
                       published=report.published, due=due)
