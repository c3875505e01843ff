"""Open data of roll calls: who was present at each held meeting, and each member's vote (Popolo ``Vote``).

Both CSV tables are read off the meeting's JSON item (``absent`` and each
``voteEvent``'s ``votes``), like every other table, so CSV and JSON agree.
"""

from __future__ import annotations

from typing import Any, Literal

from ...models import Council
from ...render import datamodels as d
from .model import Decision, Meeting
from .rollcall import POPOLO, absent, totals, votes_of


class Vote(d.Out):
    """Popolo Vote: one member's option in a vote event."""

    type: Literal["Vote"] = "Vote"
    voter_id: str  # the Membership's person_id: <council>/<member>
    option: Literal["yes", "no", "abstain", "absent", "not voting"]


class RollCallVote(d.MotionVote):
    """Popolo VoteEvent on an agenda item's motion, with each member's vote when a roll call is recorded."""

    votes: list[Vote]


def vote_event(meeting: Meeting, decision: Decision, council: Council | None) -> RollCallVote:
    comp = council.composition if council else None
    votes = votes_of(meeting, decision, comp) or {}
    return RollCallVote(agendaItem=decision.item, motion=d.text(decision.text),
                        counts=d.counts(totals(meeting, decision, comp)),
                        votes=[Vote(voter_id=f"{meeting.council}/{member}", option=POPOLO[option])
                               for member, option in votes.items()])


def absent_ids(meeting: Meeting, council: Council | None) -> list[str]:
    return absent(meeting, council.composition if council else None)


class AttendanceRow(d.Out):
    council: d.Cell
    meeting: d.Cell
    date: d.Cell
    member: d.Cell
    present: d.Cell


class VoteRow(d.Out):
    council: d.Cell
    meeting: d.Cell
    date: d.Cell
    item: d.Cell
    decision: d.Cell
    member: d.Cell
    option: d.Cell


def attendance_rows(m: dict[str, Any]) -> list[AttendanceRow]:
    """A held meeting with recorded attendance: one row per member present, then per voting member absent."""
    if m["meetingState"] != "held" or not m["attendance"]:
        return []
    base = {"council": m["council"], "meeting": d.rid(m), "date": m["start"].partition("T")[0]}
    return ([AttendanceRow(**base, member=x, present=True) for x in m["attendance"]]
            + [AttendanceRow(**base, member=x, present=False) for x in m["absent"]])


def vote_rows(m: dict[str, Any]) -> list[VoteRow]:
    """One row per member and decision with a roll call; ``decision`` is the decision's place in the list."""
    base = {"council": m["council"], "meeting": d.rid(m), "date": m["start"].partition("T")[0]}
    return [VoteRow(**base, item=v["agendaItem"], decision=i, member=x["voter_id"].rsplit("/", 1)[-1],
                    option=x["option"])
            for i, v in enumerate(m["voteEvent"], 1) for x in v["votes"]]
