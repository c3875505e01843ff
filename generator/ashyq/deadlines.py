"""Deadlines the law sets, computed once and shared by rules, pages, feeds and data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import WorkCalendar
from .kinds.meeting.model import Meeting
from .kinds.recommendation.model import Recommendation

RESPONSE_WORKING_DAYS = 10  # sub-point 1): budget programmes, strategic and territorial plans …
# The sub-points of p.1 whose recommendations the addressee answers "within a month" (sub-point 1:
# ten working days), as art. 5 p.2 (councils of state bodies) and art. 5-1 p.2 (quasi-public entities)
# list them. A basis outside these lists has no response deadline in the law.
MONTH_SUBPOINTS: dict[str, frozenset[str]] = {
    "5": frozenset({"2", "3", "4", "4-1", "6", "7", "8", "13"}),
    "5-1": frozenset({"2", "3", "7"}),
}


def basis_parts(basis: str) -> tuple[str, str]:
    """``5.1.4-1`` → ``("5", "4-1")``; ``5-1.1.2`` → ``("5-1", "2")``."""
    article, _, rest = basis.partition(".1.")
    return article, rest


def basis_article(council_type: str | None) -> str:
    """The article whose powers a council exercises: 5-1 for a quasi-public entity's, 5 for a state body's."""
    return "5-1" if council_type == "quasi-public" else "5"


def response_term(basis: str) -> str | None:
    """``"10"`` (ten working days), ``"month"``, or None where the law sets no response deadline."""
    article, sub = basis_parts(basis)
    if sub == "1":
        return "10"
    return "month" if sub in MONTH_SUBPOINTS.get(article, frozenset()) else None


@dataclass(frozen=True)
class ResponseStatus:
    """Where a recommendation stands against its response deadline."""

    deadline: dt.date
    state: str  # "answered" (on time), "late" (answered after the deadline), "pending", "overdue"
    days_overdue: int  # calendar days past the deadline (answer date or today); 0 if none
    term: str | None = "month"  # "10", "month", or None: the law sets no deadline (never late or overdue)
    start: dt.date | None = None  # the day the count starts from: received when recorded, else sent


def response_deadline(rec: Recommendation, calendar: WorkCalendar) -> dt.date:
    """10 working days under sub-point 1, one calendar month otherwise, counted from receipt when recorded.

    For a basis the law gives no deadline the month is still computed, for pages to show as a
    guide, but :func:`response_status` never calls such a response late or overdue.
    """
    start = rec.received or rec.sent
    if response_term(rec.basis) == "10":
        return calendar.add_working_days(start, RESPONSE_WORKING_DAYS)
    return calendar.add_months(start, 1)


def response_status(rec: Recommendation, calendar: WorkCalendar, today: dt.date) -> ResponseStatus:
    deadline, term, start = response_deadline(rec, calendar), response_term(rec.basis), rec.received or rec.sent
    if rec.response is not None:
        late = (rec.response.date - deadline).days if term else 0
        return ResponseStatus(deadline, "late" if late > 0 else "answered", max(late, 0), term, start)
    late = (today - deadline).days if term else 0
    return ResponseStatus(deadline, "overdue" if late > 0 else "pending", max(late, 0), term, start)


def protocol_deadline(meeting: Meeting, calendar: WorkCalendar, working_days: int) -> dt.date:
    return calendar.add_working_days(meeting.date, working_days)
