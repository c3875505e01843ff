"""A recommendation's story as steps: adopted → sent → deadline → answer (or overdue) → follow-up.

The page shows the steps as an ordered list, each with its date and its state
in words (never by colour alone). Dated steps follow each other by date, so an
answer that came before the deadline is listed before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...deadlines import ResponseStatus
from ...models import Council
from .model import Recommendation

# A step's state: its CSS modifier and its label (``bodies.state-<state>``).
STATES = ("done", "ahead", "ok", "late", "overdue", "pending", "info")


@dataclass(frozen=True)
class Step:
    key: str  # adopted, sent, deadline, answer, overdue, pending, follow-up
    title: str  # locale key of the step's heading
    params: dict[str, Any]  # its parameters
    state: str  # one of STATES
    date: dt.date | None = None
    record: Any = None  # the meeting or hearing it links to
    order: int = 0


@dataclass(frozen=True)
class Adoption:
    """Where the recommendation was adopted: a meeting's decision, a meeting, or a hearing's final protocol."""

    record: Any
    date: dt.date | None
    decision: Any = None  # the meeting's decision (its ``item``, ``text``)


def adoption(council: Council, rec: Recommendation) -> Adoption | None:
    meeting = council.find("meeting", rec.meeting) if rec.meeting else None
    if meeting is not None:
        decision = next((d for d in meeting.decisions if d.item == rec.decision), None) if rec.decision else None
        return Adoption(meeting, meeting.date, decision)
    hearing = council.find("hearing", rec.hearing) if rec.hearing else None
    if hearing is not None:
        fp = hearing.final_protocol
        return Adoption(hearing, fp.adopted if fp else hearing.date)
    return None


def steps(council: Council, rec: Recommendation, status: ResponseStatus, today: dt.date, body: str) -> list[Step]:
    out: list[Step] = []
    adopted = adoption(council, rec)
    if adopted is not None:
        if adopted.record.KIND == "hearing":
            title, params = "bodies.tl-adopted-hearing", {}
        elif rec.decision:
            title, params = "bodies.tl-adopted-decision", {"item": rec.decision}
        else:
            title, params = "bodies.tl-adopted-meeting", {}
        out.append(Step("adopted", title, params, "done", adopted.date, adopted.record, 0))
    out.append(Step("sent", "bodies.tl-sent", {"body": body}, "done", rec.sent, order=1))
    passed = status.deadline < today or rec.response is not None
    out.append(Step("deadline", "bodies.tl-deadline", {}, "done" if passed else "ahead", status.deadline, order=2))
    if rec.response is not None:
        out.append(Step("answer", "bodies.tl-answered", {"days": status.days_overdue},
                        "late" if status.state == "late" else "ok", rec.response.date, order=3))
    elif status.state == "overdue":
        out.append(Step("overdue", "bodies.tl-overdue", {"days": status.days_overdue}, "overdue", today, order=3))
    else:
        out.append(Step("pending", "bodies.tl-pending", {}, "pending", None, order=3))
    out.sort(key=lambda s: (s.date or dt.date.max, s.order))
    if rec.follow_up is not None:
        out.append(Step("follow-up", "bodies.tl-follow-up", {}, "info", None, order=4))
    return out
