"""Deadlines the law sets, computed once and shared by rules, pages, feeds and data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import WorkCalendar
from .kinds.meeting.model import Meeting
from .kinds.recommendation.model import Recommendation

RESPONSE_WORKING_DAYS = 10  # art. 5 p.1 sub. 1: budget programmes, strategic and territorial plans …


@dataclass(frozen=True)
class ResponseStatus:
    """Where a recommendation stands against its response deadline."""

    deadline: dt.date
    state: str  # "answered" (on time), "late" (answered after the deadline), "pending", "overdue"
    days_overdue: int  # calendar days past the deadline (answer date or today); 0 if none


def response_deadline(rec: Recommendation, calendar: WorkCalendar) -> dt.date:
    """10 working days under art. 5 p.1 sub. 1, one calendar month otherwise."""
    if rec.short_deadline:
        return calendar.add_working_days(rec.sent, RESPONSE_WORKING_DAYS)
    return calendar.add_months(rec.sent, 1)


def response_status(rec: Recommendation, calendar: WorkCalendar, today: dt.date) -> ResponseStatus:
    deadline = response_deadline(rec, calendar)
    if rec.response is not None:
        late = (rec.response.date - deadline).days
        return ResponseStatus(deadline, "late" if late > 0 else "answered", max(late, 0))
    late = (today - deadline).days
    return ResponseStatus(deadline, "overdue" if late > 0 else "pending", max(late, 0))


def protocol_deadline(meeting: Meeting, calendar: WorkCalendar, working_days: int) -> dt.date:
    return calendar.add_working_days(meeting.date, working_days)
