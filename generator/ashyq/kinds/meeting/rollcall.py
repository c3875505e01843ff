"""Who was at a meeting and how each member voted, from the attendance, the roll call and the composition.

The one place that reads a roll call: the rules, the meeting and member
pages, the feeds and the open data all ask here, so they never disagree.
"""

from __future__ import annotations

from collections import Counter

from ...models.common import Votes
from ...models.council import Composition
from .model import Decision, Meeting, Option

# The options counted in a decision's totals (the others are "not voting" and "absent").
COUNTED: tuple[Option, ...] = ("for", "against", "abstained")
# Popolo's names of the options, used in the open data.
POPOLO: dict[str, str] = {"for": "yes", "against": "no", "abstained": "abstain", "not_voting": "not voting",
                          "absent": "absent"}


def expected(meeting: Meeting, comp: Composition | None) -> list[str]:
    """Ids of the voting members on the meeting's date, in the composition's order, each once."""
    if comp is None:
        return []
    return list(dict.fromkeys(m.id for m in comp.members if m.voting and m.active_on(meeting.date)))


def absent(meeting: Meeting, comp: Composition | None) -> list[str]:
    """The voting members of the day who are not in a held meeting's attendance."""
    if meeting.status != "held" or not meeting.attendance:
        return []
    present = set(meeting.attendance)
    return [i for i in expected(meeting, comp) if i not in present]


def votes_of(meeting: Meeting, decision: Decision, comp: Composition | None) -> dict[str, Option] | None:
    """Member id -> how they voted on ``decision``; None without a roll call.

    Listed members keep the first list they are in; voting members not in the
    attendance are absent; every other present voting member voted as ``rest``
    says, or did not vote.
    """
    rc = decision.roll_call
    if rc is None:
        return None
    members = expected(meeting, comp)
    present = [i for i in members if i in set(meeting.attendance)] if meeting.attendance else members
    out: dict[str, Option] = {}
    for option, _, member in rc.listed():
        out.setdefault(member, option)
    here = set(present)
    for member in members:
        if member not in here:
            out.setdefault(member, "absent")
    for member in present:
        out.setdefault(member, rc.rest or "not_voting")
    order = {m: i for i, m in enumerate(members)}
    return dict(sorted(out.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def tally(votes: dict[str, Option]) -> Votes:
    """The totals a roll call gives."""
    counts = Counter(votes.values())
    return Votes(**{"for": counts["for"], "against": counts["against"], "abstained": counts["abstained"]})


def present_at_vote(votes: dict[str, Option]) -> int:
    """Members in the room for the vote: everyone but the absent."""
    return sum(1 for option in votes.values() if option != "absent")


def totals(meeting: Meeting, decision: Decision, comp: Composition | None) -> Votes | None:
    """The decision's totals as written, else as its roll call counts them."""
    if decision.votes is not None:
        return decision.votes
    votes = votes_of(meeting, decision, comp)
    return tally(votes) if votes is not None else None


def mismatches(decision: Decision, votes: dict[str, Option]) -> list[tuple[Option, int, int]]:
    """``(option, written total, roll-call count)`` for each option where the two disagree."""
    if decision.votes is None:
        return []
    counted = tally(votes)
    return [(option, getattr(decision.votes, field), getattr(counted, field))
            for option, field in (("for", "for_"), ("against", "against"), ("abstained", "abstained"))
            if getattr(decision.votes, field) != getattr(counted, field)]
