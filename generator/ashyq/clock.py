"""The portal's one clock: Kazakhstan's time zone, today, and times of day.

Every date a council publishes is a local date in Asia/Almaty; this module is
the only place that says so. It imports nothing from the package, so the
command line, the build, the server and the scaffold can all use it without
an import cycle.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TZ_NAME = "Asia/Almaty"
TZ = ZoneInfo(TZ_NAME)


def today_in_kazakhstan() -> dt.date:
    return dt.datetime.now(TZ).date()


def moment(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    """A date or datetime as an aware datetime in Asia/Almaty (a date is its local midnight)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=TZ)
        return value.astimezone(TZ)
    return dt.datetime(value.year, value.month, value.day, tzinfo=TZ)


def local_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    """The local (Asia/Almaty) day of a date or datetime; a naive datetime is already local."""
    m = moment(value)
    return m.date() if m else None


def time_of_day(value: str) -> dt.time:
    """A ``Clock`` value (``9:30``, ``09:30``) as a time: compared as times, never as text."""
    hours, minutes = value.split(":")[:2]
    return dt.time(int(hours), int(minutes))
