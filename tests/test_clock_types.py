"""Times of day and the shared constrained types: one clock, one set of patterns."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from ashyq.clock import TZ, local_date, moment, time_of_day

JAN = "meetings/2026-01.md"


def test_a_one_digit_hour_before_a_two_digit_end_is_not_reported(portal):
    # "9:30" > "12:00" as text; as times the meeting ends after it starts.
    portal.write(JAN, portal.read(JAN).replace("time: '10:00'", "time: '9:30'"))
    assert "time: '9:30'" in portal.read(JAN)
    assert [f for f in portal.findings().findings if f["field"] == "end_time"] == []


def test_an_end_before_the_start_is_still_reported(portal):
    portal.write(JAN, portal.read(JAN).replace("end_time: '12:00'", "end_time: '9:05'"))
    assert [f["rule"] for f in portal.findings().findings if f["field"] == "end_time"] == ["data.date"]


@pytest.mark.parametrize(("text", "expected"), [("9:30", dt.time(9, 30)), ("09:30", dt.time(9, 30)),
                                                ("23:59", dt.time(23, 59))])
def test_time_of_day_reads_both_forms(text, expected):
    assert time_of_day(text) == expected


def test_dates_are_local_to_kazakhstan():
    assert moment(dt.date(2026, 3, 1)) == dt.datetime(2026, 3, 1, tzinfo=TZ)
    utc_evening = dt.datetime(2026, 3, 1, 20, 0, tzinfo=dt.timezone.utc)
    assert local_date(utc_evening) == dt.date(2026, 3, 2)
    assert moment(None) is None and local_date(None) is None
