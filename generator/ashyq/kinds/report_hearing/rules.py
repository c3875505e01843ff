"""Report-hearing rules: protocol, speakers, resolution, the open vote and publication, a report not approved."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ...models import text_of
from ...rules.params import RuleParams
from ...validate.engine import Context, rule
from .model import ReportHearing


class GraceDays(RuleParams):
    """Calendar days after the hearing before a missing resolution, vote or publication is reported.

    The guide sets no deadline: the resolution and the vote belong to the meeting itself, and this is
    the portal's own allowance for entering them.
    """

    days: int = Field(30, ge=0, le=365)


def _held(ctx: Context) -> list[ReportHearing]:
    return [r for r in ctx.council.of("report-hearing") if r.status == "held"]  # type: ignore[misc]


def _overdue(ctx: Context, rec: ReportHearing) -> dt.date | None:
    """The day after which something still missing is reported, if it has passed."""
    due = rec.date + dt.timedelta(days=ctx.params["days"])
    return due if due < ctx.today else None


def _named(name) -> bool:
    # "Surname, given name (and patronymic)": at least two words, not initials only.
    words = [w for w in text_of(name, "kk").replace(".", ". ").split() if len(w.strip(".")) > 1]
    return len(words) >= 2


@rule("report-hearing.protocol", level="law")
def protocol(ctx: Context) -> None:
    for rec in _held(ctx):
        missing = []
        if rec.place is None and rec.online is None:
            missing.append("place")
        if rec.present is None:
            missing.append("present")
        if not rec.speakers or not all(_named(s.name) for s in rec.speakers):
            missing.append("speakers")
        if not rec.agenda:
            missing.append("agenda")
        if not any(s.summary for s in rec.speakers) and not rec.body:
            missing.append("content")
        for part in missing:
            ctx.report(f"report-hearing.protocol/{part}", rec, "speakers" if part == "content" else part)


@rule("report-hearing.speakers", level="law")
def speakers(ctx: Context) -> None:
    for rec in _held(ctx):
        roles = {s.role for s in rec.speakers}
        for role in ("report", "co-report"):
            if role not in roles:
                ctx.report(f"report-hearing.speakers/{role}", rec, "speakers")


@rule("report-hearing.resolution", level="law", params=GraceDays)
def resolution(ctx: Context) -> None:
    for rec in _held(ctx):
        res = rec.resolution
        if res is None:
            due = _overdue(ctx, rec)
            if due:
                ctx.report("report-hearing.resolution/missing", rec, "resolution", due=due)
            continue
        if res.assessment is None:
            ctx.report("report-hearing.resolution/assessment", rec, "resolution")
        if not res.recommendations:
            ctx.report("report-hearing.resolution/recommendations", rec, "resolution")
        if not res.proposals:
            ctx.report("report-hearing.resolution/proposals", rec, "resolution")


@rule("report-hearing.vote", level="law", params=GraceDays)
def vote(ctx: Context) -> None:
    for rec in _held(ctx):
        v = rec.vote
        due = _overdue(ctx, rec)
        if v is None:
            if due:
                ctx.report("report-hearing.vote/missing", rec, "vote", due=due)
            continue
        if v.outcome == "approved" and v.votes.for_ * 2 <= v.members_present:
            ctx.report("report-hearing.vote/majority", rec, "vote", "votes", votes=v.votes.for_,
                       present=v.members_present)
        if v.votes.cast > v.members_present:
            ctx.report("report-hearing.vote/count", rec, "vote", "votes", cast=v.votes.cast,
                       present=v.members_present)
        if v.outcome != "approved":
            continue
        pub = rec.report_published
        if pub is None:
            if due:
                ctx.report("report-hearing.vote/not-published", rec, "vote", due=due)
        elif pub.url is None:
            ctx.report("report-hearing.vote/no-link", rec, "report_published")


@rule("report-hearing.not-approved", level="law", params=GraceDays)
def not_approved(ctx: Context) -> None:
    for rec in _held(ctx):
        if rec.vote is None or rec.vote.outcome != "not-approved" or _overdue(ctx, rec) is None:
            continue
        if rec.notified is None:
            ctx.report("report-hearing.not-approved/not-notified", rec, "vote")
        if rec.rehearing is None:
            ctx.report("report-hearing.not-approved/no-rehearing", rec, "vote")


@rule("report-hearing.spread", level="advice")
def spread(ctx: Context) -> None:
    for rec in _held(ctx):
        if rec.approved and rec.report_published is not None and not rec.report_published.channels:
            ctx.report("report-hearing.spread/channels", rec, "report_published")
