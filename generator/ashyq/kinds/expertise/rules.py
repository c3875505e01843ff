"""Public expertise rules: figure 15 and table 11 of the 2022 guide (art. 22 of the law, the public control rules).

The guide builds the algorithm on art. 22 of the law and paragraph 3 of the
Rules of public control (its footnote 68), so every step is a legal
requirement (severity E). Steps are checked only once the record shows the
expertise reached them: a petition still under consideration owes no plan.
"""

from __future__ import annotations

from ...findings import Kind
from ...validate.engine import Context, rule
from .model import CONCLUSION_WORKING_DAYS, Expertise


def _all(ctx: Context) -> list[Expertise]:
    return ctx.council.of(Expertise.KIND)  # type: ignore[return-value]


def _held(ctx: Context) -> list[Expertise]:
    """Expertises the council decided to hold."""
    return [e for e in _all(ctx) if e.decision is not None and e.decision.outcome == "hold"]


def _under_way(e: Expertise, ctx: Context) -> bool:
    """The commission has started work: its first sitting is past, or a later step is recorded."""
    c = e.commission
    return bool((c is not None and c.first_sitting is not None and c.first_sitting <= ctx.today)
                or e.sittings or e.conclusion is not None)


@rule("expertise.initiator", level="law")
def initiator(ctx: Context) -> None:
    for e in _held(ctx):
        if e.initiator.foreign_branch:
            ctx.report("expertise.initiator/foreign-branch", e, "initiator", "foreign_branch")
        elif e.initiator.kind == "other":
            ctx.report("expertise.initiator/other", e, "initiator", "kind")


@rule("expertise.decision", level="law")
def decision(ctx: Context) -> None:
    for e in _all(ctx):
        d = e.decision
        if d is None:
            continue
        if d.meeting is None:
            ctx.report("expertise.decision/meeting", e, "decision", date=d.date)
        if d.notified is None:
            ctx.report("expertise.decision/not-notified", e, "decision", date=d.date)


@rule("expertise.refusal-motivated", level="law")
def refusal_motivated(ctx: Context) -> None:
    for e in _all(ctx):
        if e.decision is not None and e.decision.outcome == "refuse" and e.decision.reasons is None:
            ctx.report("expertise.refusal-motivated/reasons", e, "decision", date=e.decision.date)


@rule("expertise.commission", level="law")
def commission(ctx: Context) -> None:
    for e in _held(ctx):
        c = e.commission
        if c is None:
            if _under_way(e, ctx):
                ctx.report("expertise.commission/missing", e, "decision")
            continue
        if not c.formed_by:
            ctx.report("expertise.commission/formed-by", e, "commission", "formed_by")
        if c.head is None and _under_way(e, ctx):
            ctx.report("expertise.commission/head", e, "commission")


@rule("expertise.plan-published", level="law")
def plan_published(ctx: Context) -> None:
    for e in _held(ctx):
        if not _under_way(e, ctx):
            continue
        if e.plan is None or e.plan.posted is None:
            ctx.report("expertise.plan-published/missing", e, "plan" if e.plan else "decision")


@rule("expertise.sitting-quorum", level="law")
def sitting_quorum(ctx: Context) -> None:
    for e in _held(ctx):
        size = len(e.commission.members) if e.commission else 0
        if not size:
            continue  # the commission's size is not recorded: nothing to count against
        for i, s in enumerate(e.sittings):
            if s.members_present * 2 <= size:
                ctx.report("expertise.sitting-quorum/quorum", e, "sittings", i, "members_present", date=s.date,
                           present=s.members_present, size=size)


@rule("expertise.sitting-majority", level="law")
def sitting_majority(ctx: Context) -> None:
    for e in _held(ctx):
        for i, s in enumerate(e.sittings):
            if s.votes is not None and s.votes.for_ * 2 <= s.members_present:
                ctx.report("expertise.sitting-majority/majority", e, "sittings", i, "votes", date=s.date,
                           votes=s.votes.for_, present=s.members_present)


@rule("expertise.conclusion-signed", level="law")
def conclusion_signed(ctx: Context) -> None:
    for e in _held(ctx):
        c = e.conclusion
        if c is None:
            continue
        if not c.signed_by_head:
            ctx.report("expertise.conclusion-signed/head", e, "conclusion", "signed_by_head")
        if not c.signed_by_members:
            ctx.report("expertise.conclusion-signed/members", e, "conclusion", "signed_by_members")


@rule("expertise.conclusion-vote", level="law")
def conclusion_vote(ctx: Context) -> None:
    for e in _held(ctx):
        a = e.approval
        if a is None or not a.approved:
            continue
        # "большинством голосов": of the members present where the protocol gives them, else of the votes cast.
        base = a.members_present if a.members_present is not None else a.votes.cast
        if a.votes.for_ * 2 <= base:
            ctx.report("expertise.conclusion-vote/majority", e, "conclusion", "approval", "votes",
                       votes=a.votes.for_, base=base)


@rule("expertise.conclusion-sent", level="law")
def conclusion_sent(ctx: Context) -> None:
    for e in _held(ctx):
        approved = e.approved_on
        if approved is None:
            continue
        due = ctx.calendar.add_working_days(approved, CONCLUSION_WORKING_DAYS)
        if not e.sent_to:
            if due < ctx.today:
                ctx.report("expertise.conclusion-sent/missing", e, "conclusion", "approval", approved=approved,
                           due=due)
            continue
        reported: set = set()
        for i, a in enumerate(e.sent_to):
            if a.date > due and a.date not in reported:  # one finding per late sending, not per addressee
                reported.add(a.date)
                ctx.report("expertise.conclusion-sent/late", e, "sent_to", i, "date", sent=a.date,
                           approved=approved, due=due, days=(a.date - due).days)


@rule("expertise.reference", level="portal", kind=Kind.DATA)
def references(ctx: Context) -> None:
    meetings, recommendations = ctx.council.ids("meeting"), ctx.council.ids("recommendation")
    for e in _all(ctx):
        if e.decision is not None and e.decision.meeting and e.decision.meeting not in meetings:
            ctx.report("expertise.reference/meeting", e, "decision", "meeting", id=e.decision.meeting)
        a = e.approval
        if a is not None and a.meeting and a.meeting not in meetings:
            ctx.report("expertise.reference/meeting", e, "conclusion", "approval", "meeting", id=a.meeting)
        for i, ref in enumerate(e.recommendations):
            if ref not in recommendations:
                ctx.report("expertise.reference/recommendation", e, "recommendations", i, id=ref)


@rule("expertise.dates", level="portal", kind=Kind.DATA)
def dates(ctx: Context) -> None:
    for e in _all(ctx):
        d = e.decision
        if d is not None:
            if d.date < e.petition:
                ctx.report("expertise.dates/before", e, "decision", "date", field="decision.date", other="petition")
            if d.notified is not None and d.notified < d.date:
                ctx.report("expertise.dates/before", e, "decision", "notified", field="decision.notified",
                           other="decision.date")
        a = e.approval
        if a is not None:
            if a.date > ctx.today:
                ctx.report("expertise.dates/future", e, "conclusion", "approval", "date", date=a.date)
            if d is not None and a.date < d.date:
                ctx.report("expertise.dates/before", e, "conclusion", "approval", "date",
                           field="conclusion.approval.date", other="decision.date")
            for i, s in enumerate(e.sent_to):
                if s.date < a.date:
                    ctx.report("expertise.dates/before", e, "sent_to", i, "date", field=f"sent_to[{i}].date",
                               other="conclusion.approval.date")
