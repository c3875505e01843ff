"""Working-day calendar of Kazakhstan for deadline checks.

Deadlines in the council rules are counted in calendar days, calendar months
or working days (domain §5). This module answers "is this a working day?" and
computes deadlines, using the ``holidays`` package for public holidays,
weekend-to-weekday transfers and the decree transfers it knows, plus the
portal's ``calendar:`` configuration for decrees the package does not know yet.

Rules implemented here:

* the weekend is Saturday and Sunday;
* counting starts the day after the trigger;
* a deadline that ends on a non-working day moves to the next working day;
* the configuration overrides the package.

All dates are local dates (``Asia/Almaty``); a ``datetime`` is refused rather
than silently compared as a date, because a UTC timestamp can fall on the
previous local day.
"""

from __future__ import annotations

import datetime
from datetime import date, timedelta

import holidays
from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

__all__ = ["CalendarConfig", "DayChange", "WorkCalendar"]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday is 0, so Saturday and Sunday are >= 5


class DayChange(BaseModel):
    """One date moved by a government decree, with an optional kk/ru name."""

    model_config = ConfigDict(extra="forbid")

    date: datetime.date
    name: dict[str, str] = {}


class CalendarConfig(BaseModel):
    """The ``calendar:`` section of ``site_config.yml``.

    The ``holidays`` package learns of a year's decree transfers only in a
    later release, and the date of Kurban Ait is an estimate until it is
    announced; these lists let a portal correct the calendar for a year
    without waiting for a package update.
    """

    model_config = ConfigDict(extra="forbid")

    # Extra days off by decree (e.g. a weekday a day off is transferred to).
    holidays_added: list[DayChange] = []
    # Days the package lists as days off that are not (e.g. a wrong estimate).
    holidays_cancelled: list[datetime.date] = []
    # Saturdays/Sundays a decree makes working days.
    working_days_added: list[DayChange] = []

    @model_validator(mode="after")
    def _consistent(self) -> CalendarConfig:
        # A date listed twice, or both as a day off and a working day, is a
        # typo in the configuration; guessing which entry was meant would
        # silently shift deadlines, so refuse it. The error names the entry
        # (``at``) so the message points at its line.
        lists = {
            "holidays_added": [c.date for c in self.holidays_added],
            "holidays_cancelled": list(self.holidays_cancelled),
            "working_days_added": [c.date for c in self.working_days_added],
        }
        for label, dates in lists.items():
            seen: set[date] = set()
            for i, day in enumerate(dates):
                if day in seen:
                    _refuse("calendar_duplicate", label, i, day)
                seen.add(day)
        for other in ("holidays_cancelled", "working_days_added"):
            added = set(lists["holidays_added"])
            for i, day in enumerate(lists[other]):
                if day in added:
                    _refuse("calendar_both", other, i, day, "holidays_added")
        # Monday–Friday are working days already; a weekday here almost always
        # means a cancelled holiday, which belongs in holidays_cancelled.
        for i, day in enumerate(lists["working_days_added"]):
            if day.weekday() < _SATURDAY:
                _refuse("calendar_weekday", "working_days_added", i, day)
        return self


# English for developers; a secretary reads config.calendar-* in her language (load/schema.py).
_CALENDAR_ERRORS = {
    "calendar_duplicate": "calendar.{list} lists a date more than once: {date}",
    "calendar_both": "calendar: a date is both in {other} and {list}: {date}",
    "calendar_weekday": "calendar.working_days_added must be Saturdays or Sundays "
                        "(use holidays_cancelled for a weekday): {date}",
}


def _refuse(kind: str, label: str, index: int, day: date, other: str = "") -> None:
    at = [label, index] if label == "holidays_cancelled" else [label, index, "date"]
    raise PydanticCustomError(kind, _CALENDAR_ERRORS[kind],
                              {"list": label, "other": other, "date": day.isoformat(), "at": at})


def _days_in_month(year: int, month: int) -> int:
    # Computed rather than ``calendar.monthrange``: an ``import calendar`` in a
    # module itself named calendar reads like a self-import and invites mistakes.
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - _ONE_DAY).day


def _check_date(d: date) -> None:
    if isinstance(d, datetime.datetime):
        raise TypeError(
            "WorkCalendar takes dates, not datetimes; convert to the local "
            "(Asia/Almaty) date first"
        )


class WorkCalendar:
    """Working days and deadlines of Kazakhstan, with configured overrides.

    Holiday data is computed once per year, on first use: a validation run
    over hundreds of councils asks about the same few years again and again.
    """

    def __init__(self, config: CalendarConfig | None = None):
        config = config or CalendarConfig()
        self._added = {c.date: c for c in config.holidays_added}
        self._cancelled = frozenset(config.holidays_cancelled)
        self._working = {c.date: c for c in config.working_days_added}
        # One package object, extended year by year (it expands on lookup).
        self._package = holidays.KZ(years=[], language="kk")
        # year -> dates whose status differs from "Monday–Friday works":
        # weekday days off and working weekend days. A single set keeps
        # a working-day test to one weekday() call and one membership test.
        self._exceptions: dict[int, frozenset[date]] = {}
    # --- per-year data ------------------------------------------------------

    def _load(self, year: int) -> frozenset[date]:
        # Neighbouring years too: a holiday observed or a transfer made by one
        # year's rules can land in the next (the 3 January 2014 day off was
        # worked on Saturday 28 December 2013).
        for y in (year - 1, year, year + 1):
            if date.min.year <= y <= date.max.year:
                self._package.get(date(y, 1, 1))  # a lookup populates year y
        days_off = {d for d in self._package if d.year == year} - self._cancelled - self._working.keys()
        days_off |= {d for d in self._added if d.year == year}
        working_weekend = {
            d
            for d in self._package.weekend_workdays
            if d.year == year and d.weekday() >= _SATURDAY and d not in self._added
        }
        working_weekend.update(d for d in self._working if d.year == year)
        exceptions = frozenset(
            {d for d in days_off if d.weekday() < _SATURDAY} | working_weekend
        )
        self._exceptions[year] = exceptions
        return exceptions

    def _is_working(self, d: date) -> bool:
        exceptions = self._exceptions.get(d.year)
        if exceptions is None:
            exceptions = self._load(d.year)
        return (d.weekday() < _SATURDAY) != (d in exceptions)

    # --- public API ---------------------------------------------------------

    def next_working_day(self, d: date) -> date:
        """d itself if it is a working day, else the first working day after it."""
        _check_date(d)
        while not self._is_working(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, trigger: date, n: int) -> date:
        """The nth working day after trigger (the trigger day itself never counts).

        n = 0 gives the trigger moved to a working day, like any deadline
        that ends on a non-working day.
        """
        _check_date(trigger)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        d = trigger
        if n == 0:
            return self.next_working_day(d)
        while n:
            d += _ONE_DAY
            if self._is_working(d):
                n -= 1
        return d

    def add_months(self, trigger: date, n: int = 1) -> date:
        """The same day number n months later, then moved to a working day.

        Where that month is too short, its last day is used (31 January + 1
        month = 28 or 29 February).
        """
        _check_date(trigger)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        months = trigger.year * 12 + trigger.month - 1 + n
        year, month = divmod(months, 12)
        month += 1
        day = min(trigger.day, _days_in_month(year, month))
        return self.next_working_day(date(year, month, day))
