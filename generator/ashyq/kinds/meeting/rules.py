"""Meeting rules: agenda published beforehand, decisions and protocol published, quorum."""

from __future__ import annotations

import datetime as dt
import math

from ...deadlines import protocol_deadline
from ...validate.engine import Context, rule
from ...rules.params import LeadDays, Share, WorkingDays


@rule("meeting.agenda-published", params=LeadDays)
def agenda_published(ctx: Context) -> None:
    for meeting in ctx.council.meetings:
        if meeting.status == "cancelled":
            continue
        due = meeting.date - dt.timedelta(days=ctx.params["lead_days"])
        if meeting.agenda_published is None:
            if due <= ctx.today:
                ctx.report("meeting.agenda-published/missing", meeting, "agenda_published", date=meeting.date)
        elif meeting.agenda_published > due:
            ctx.report("meeting.agenda-published/late", meeting, "agenda_published",
                       published=meeting.agenda_published, date=meeting.date,
                       days=(meeting.date - meeting.agenda_published).days, lead=ctx.params["lead_days"])
        if not meeting.agenda and due <= ctx.today:
            ctx.report("meeting.agenda-published/empty", meeting, "agenda")


@rule("meeting.decisions-published", params=WorkingDays)
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


@rule("meeting.quorum", params=Share)
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
            ctx.report("meeting.quorum", meeting, "attendance", present=present, total=total, need=need)
        for i, decision in enumerate(meeting.decisions):
            if decision.votes and decision.votes.cast > present:
                ctx.report("meeting.quorum/votes-exceed", meeting, "decisions", i, "votes",
                           cast=decision.votes.cast, present=present)
