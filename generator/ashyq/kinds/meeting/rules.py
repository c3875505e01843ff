"""Meeting rules: agenda published beforehand, decisions and protocol published, quorum, roll-call votes."""

from __future__ import annotations

import datetime as dt
import math

from ...deadlines import protocol_deadline
from ...findings import Kind
from ...validate.engine import Context, rule
from ...rules.params import LeadDays, Share, WorkingDays
from .rollcall import mismatches, present_at_vote, totals, votes_of


@rule("meeting.agenda-published", level="law", params=LeadDays)
def agenda_published(ctx: Context) -> None:
    for meeting in ctx.council.meetings:
        if meeting.status == "cancelled":
            continue
        due = meeting.date - dt.timedelta(days=ctx.params["lead_days"])
        # The law (art. 14) asks for the agenda to be published; the lead time is the portal's standard.
        if meeting.agenda_published is None:
            if meeting.date < ctx.today:
                ctx.report("meeting.agenda-published/missing", meeting, "agenda_published", date=meeting.date)
            elif due <= ctx.today:
                ctx.report("meeting.agenda-published/missing-soon", meeting, "agenda_published", level="portal",
                           date=meeting.date, lead=ctx.params["lead_days"])
        elif meeting.agenda_published > due:
            ctx.report("meeting.agenda-published/late", meeting, "agenda_published", level="portal",
                       published=meeting.agenda_published, date=meeting.date,
                       days=(meeting.date - meeting.agenda_published).days, lead=ctx.params["lead_days"])
        if not meeting.agenda and due <= ctx.today:
            ctx.report("meeting.agenda-published/empty", meeting, "agenda")


@rule("meeting.decisions-published", level="portal", params=WorkingDays)
def decisions_published(ctx: Context) -> None:
    for meeting in ctx.council.meetings:
        if meeting.status in ("cancelled", "postponed"):
            continue
        deadline = protocol_deadline(meeting, ctx.calendar, ctx.params["working_days"])
        if meeting.status == "planned":
            if deadline < ctx.today:
                ctx.report("meeting.decisions-published/still-planned", meeting, "status", date=meeting.date,
                           deadline=deadline)
            continue
        if meeting.protocol_published is None:
            if deadline < ctx.today:
                ctx.report("meeting.decisions-published/missing", meeting, "protocol_published",
                           deadline=deadline, days=(ctx.today - deadline).days)
        elif meeting.protocol_published > deadline:
            ctx.report("meeting.decisions-published/late", meeting, "protocol_published",
                       published=meeting.protocol_published, deadline=deadline,
                       days=(meeting.protocol_published - deadline).days)
        if deadline >= ctx.today and meeting.protocol_published is None:
            continue  # still within the time the law gives to publish
        if not meeting.decisions:
            ctx.report("meeting.decisions-published/no-decisions", meeting, "decisions")
        if not meeting.body and not meeting.attachments:
            ctx.report("meeting.decisions-published/no-protocol", meeting)


@rule("meeting.quorum", level="law", params=Share)
def quorum(ctx: Context) -> None:
    comp = ctx.council.composition
    if not comp:
        return
    for meeting in ctx.council.meetings:
        if meeting.status != "held":
            continue
        if not meeting.attendance:
            ctx.report("meeting.quorum/no-attendance", meeting, "attendance")
            continue
        # indexed counts: a scan of every member per meeting is quadratic for big councils with many meetings
        total = comp.voting_count(meeting.date)
        present = comp.voting_present(meeting.attendance, meeting.date)
        need = math.ceil(ctx.params["share"] * total - 1e-9)
        if present < need:
            # Name the listed ids that were not counted, so "7 of 12" with 8 names listed is understood.
            ignored = sorted({i for i in meeting.attendance if comp.voting_present([i], meeting.date) == 0})
            if ignored:
                ctx.report("meeting.quorum/ignored", meeting, "attendance", present=present, total=total,
                           need=need, date=meeting.date, ignored=", ".join(ignored))
            else:
                ctx.report("meeting.quorum", meeting, "attendance", present=present, total=total, need=need)
        for i, decision in enumerate(meeting.decisions):
            if decision.votes and decision.votes.cast > present:
                ctx.report("meeting.quorum/votes-exceed", meeting, "decisions", i, "votes",
                           cast=decision.votes.cast, present=present)
            # A roll call says who was in the room for this vote; totals alone, who was at the meeting.
            votes = votes_of(meeting, decision, comp)
            at_vote = present_at_vote(votes) if votes is not None else present
            if votes is not None and present >= need > at_vote:
                ctx.report("meeting.quorum/decision", meeting, "decisions", i, "roll_call", item=decision.item,
                           present=at_vote, total=total, need=need)
            counts = totals(meeting, decision, comp)
            if counts is not None and counts.cast and 2 * counts.for_ <= at_vote:
                ctx.report("meeting.quorum/majority", meeting, "decisions", i, item=decision.item,
                           votes_for=counts.for_, present=at_vote)


@rule("meeting.votes", level="portal", kind=Kind.DATA)
def roll_calls(ctx: Context) -> None:
    """A roll call names voting members of that day, each once, present, and agrees with the totals."""
    comp = ctx.council.composition
    if ctx.council.composition_broken:
        return  # a broken members.yml is reported once, not at every vote
    known = ctx.council.member_ids()
    for meeting in ctx.council.meetings:
        voting = {m.id for m in comp.members if m.voting and m.active_on(meeting.date)} if comp else set()
        present = set(meeting.attendance)
        for i, decision in enumerate(meeting.decisions):
            rc = decision.roll_call
            if rc is None:
                continue
            if meeting.status != "held":
                ctx.report("meeting.votes/not-held", meeting, "decisions", i, "roll_call", status=meeting.status)
                continue
            seen: set[str] = set()
            for option, j, member in rc.listed():
                where = (meeting, "decisions", i, "roll_call", option, j)
                if member not in known:
                    ctx.report("meeting.votes/unknown", *where, id=member)
                elif member not in voting:
                    ctx.report("meeting.votes/not-member", *where, id=member, date=meeting.date)
                elif member in seen:
                    ctx.report("meeting.votes/twice", *where, id=member)
                elif option != "absent" and present and member not in present:
                    ctx.report("meeting.votes/not-present", *where, id=member)
                seen.add(member)
            votes = votes_of(meeting, decision, comp)
            for option, written, counted in mismatches(decision, votes or {}):
                ctx.report(f"meeting.votes/mismatch-{option}", meeting, "decisions", i, "votes",
                           item=decision.item, written=written, counted=counted)
