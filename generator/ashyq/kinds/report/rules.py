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


@rule("report.half-year", level="law", params=GraceDays)
def half_year(ctx: Context) -> None:
    """The law: at least two reports published in a year. The portal's standard: one per half-year, on time."""
    council = ctx.council
    if not council.info:
        return
    term = council.info.term
    reports = {(r.year, r.period): r for r in council.reports}
    for year in active_years(council, ctx.today):
        for period in ("h1", "h2"):
            start, end = period_bounds(year, period)
            if end < term.start or start > term.end:
                continue
            deadline = end + dt.timedelta(days=ctx.params["grace_days"])
            # The annual report informs the population about the second half too.
            report = reports.get((year, period)) or (reports.get((year, "year")) if period == "h2" else None)
            half = 1 if period == "h1" else 2
            if report is None or report.published is None:
                if deadline < ctx.today:
                    ctx.report("report.half-year", report or council.info, *(("published",) if report else ()),
                               level="portal", year=year, half=half, deadline=deadline)
            elif report.published > deadline and report.period == period:  # an annual one: report.annual
                ctx.report("report.half-year/late", report, "published", level="portal", year=year, half=half,
                           published=report.published, deadline=deadline)
        # The reports about a whole year of the term; the last one comes out the next year, so the
        # year is judged once the next one is over too.
        if dt.date(year, 1, 1) >= term.start and dt.date(year, 12, 31) <= term.end and year + 1 < ctx.today.year:
            count = sum(1 for r in council.reports if r.year == year and r.published)
            if count < 2:
                ctx.report("report.half-year/fewer-than-two", council.info, year=year, count=count)


@rule("report.annual", level="portal", params=AnnualDue)
def annual(ctx: Context) -> None:
    """The law asks for an annual report and sets no date; the date is the portal's standard."""
    council = ctx.council
    if not council.info:
        return
    reports = {r.year: r for r in council.reports if r.period == "year"}
    for year in active_years(council, ctx.today):
        deadline = dt.date(year + 1, ctx.params["due_month"], ctx.params["due_day"])
        report = reports.get(year)
        if report is None or report.published is None:
            if deadline < ctx.today:
                ctx.report("report.annual/missing", report or council.info, *(("published",) if report else ()),
                           year=year, deadline=deadline)
        elif report.published > deadline:
            ctx.report("report.annual/late", report, "published", year=year, published=report.published,
                       deadline=deadline)
