"""Deadlines as a council secretary counts them (domain §5).

Every expected date below was checked against a printed calendar (weekday
names from Python's ``calendar`` module); the holiday data is the real
``holidays`` package, no mocks.
"""

import calendar as stdlib_calendar
import datetime
from datetime import date, timedelta

import pydantic
import pytest

from ashyq.calendar import CalendarConfig, DayChange, WorkCalendar

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def weekday(d: str) -> str:
    return stdlib_calendar.day_name[D(d).weekday()]


def working(cal: WorkCalendar, d: date) -> bool:
    """A working day is its own next working day."""
    return cal.next_working_day(d) == d


def between(cal: WorkCalendar, start: date, end: date) -> int:
    """Working days in (start, end], counted one day at a time."""
    return sum(working(cal, start + timedelta(i)) for i in range(1, (end - start).days + 1))


# --- Weekends -----------------------------------------------------------------


def test_ordinary_week(cal):
    # 9–13 Feb 2026 is an ordinary Monday–Friday week, 14–15 its weekend.
    assert [working(cal, D("2026-02-09") + timedelta(i)) for i in range(7)] == [
        True, True, True, True, True, False, False,
    ]
    assert weekday("2026-02-14") == "Saturday"


# --- Public holidays ----------------------------------------------------------


def test_new_year_and_orthodox_christmas_2026(cal):
    for d in ("2026-01-01", "2026-01-02", "2026-01-07"):
        assert not working(cal, D(d)), d
    assert working(cal, D("2026-01-05"))  # Monday
    assert working(cal, D("2026-01-06"))  # Tuesday between the holidays
    # A response due 1 working day after 31 Dec 2025 (Wed): Thu 1 and Fri 2 Jan
    # are holidays, then the weekend -> Monday 5 Jan.
    assert cal.add_working_days(D("2025-12-31"), 1) == D("2026-01-05")
    # After Tue 6 Jan the next working day skips Wed 7 Jan (Christmas).
    assert cal.add_working_days(D("2026-01-06"), 1) == D("2026-01-08")


def test_orthodox_christmas_on_a_sunday_is_not_moved(cal):
    # 7 January and Kurban Ait are the exceptions to the weekend transfer rule.
    assert weekday("2024-01-07") == "Sunday"
    assert not working(cal, D("2024-01-07"))
    assert working(cal, D("2024-01-08"))


def test_kurban_ait_on_a_sunday_is_not_moved(cal):
    assert weekday("2027-05-16") == "Sunday"
    assert working(cal, D("2027-05-17"))


@pytest.mark.parametrize("year", [2025, 2026])
def test_independence_day(cal, year):
    day = date(year, 12, 16)
    assert weekday(day.isoformat()) == {2025: "Tuesday", 2026: "Wednesday"}[year]
    assert not working(cal, day)
    # One working day after the 15th is the 17th.
    assert cal.add_working_days(date(year, 12, 15), 1) == date(year, 12, 17)


def test_independence_day_on_a_saturday_gives_monday_off(cal):
    assert weekday("2028-12-16") == "Saturday"
    assert not working(cal, D("2028-12-18"))
    assert cal.add_working_days(D("2028-12-15"), 1) == D("2028-12-19")


def test_nauryz_2026_days_off(cal):
    # 21 (Sat), 22 (Sun), 23 (Mon) March, and 24–25 given for the weekend ones.
    assert [weekday(f"2026-03-{d}") for d in (21, 22, 23)] == ["Saturday", "Sunday", "Monday"]
    for d in range(21, 26):
        assert not working(cal, date(2026, 3, d)), d
    assert working(cal, D("2026-03-20"))
    assert working(cal, D("2026-03-26"))


def test_ten_working_days_across_nauryz_2026(cal):
    # From Mon 16 March: 17, 18, 19, 20 (4), Nauryz 21–25, 26, 27 (6),
    # 30, 31 March, 1, 2 April (10) -> Thursday 2 April.
    assert cal.add_working_days(D("2026-03-16"), 10) == D("2026-04-02")
    assert between(cal, D("2026-03-16"), D("2026-04-02")) == 10


def test_protocol_three_working_days_after_meeting_before_nauryz(cal):
    # Meeting on Friday 20 March 2026: 26 (1), 27 (2), Monday 30 (3).
    assert weekday("2026-03-20") == "Friday"
    assert cal.add_working_days(D("2026-03-20"), 3) == D("2026-03-30")


# --- Decree transfers the package knows ---------------------------------------


def test_package_decree_transfer_january_2025(cal):
    # Decree: Friday 3 Jan 2025 off, worked on Sunday 5 Jan instead.
    assert weekday("2025-01-03") == "Friday"
    assert weekday("2025-01-05") == "Sunday"
    assert not working(cal, D("2025-01-03"))
    assert working(cal, D("2025-01-05"))
    # From Tue 31 Dec 2024: 1–4 Jan off, so the first working day is Sunday 5,
    # then Monday 6, then Wednesday 8 (7 Jan is Christmas).
    assert cal.add_working_days(D("2024-12-31"), 1) == D("2025-01-05")
    assert cal.add_working_days(D("2024-12-31"), 2) == D("2025-01-06")
    assert cal.add_working_days(D("2024-12-31"), 3) == D("2025-01-08")


def test_transfer_across_new_year(cal):
    # The day off on Fri 3 Jan 2014 was worked on Saturday 28 Dec 2013: a
    # transfer from one year's decree landing in the previous year.
    assert weekday("2013-12-28") == "Saturday"
    assert working(cal, D("2013-12-28"))
    assert not working(cal, D("2014-01-03"))


# --- Decrees the portal configures --------------------------------------------


def december_2026_decree() -> CalendarConfig:
    # A made-up decree: Friday 18 Dec 2026 off, Saturday 19 Dec worked instead;
    # and Kurban Ait announced for Tuesday 26 May instead of the estimated 27.
    return CalendarConfig.model_validate(
        {
            "holidays_added": [
                {
                    "date": "2026-12-18",
                    "name": {
                        "kk": "Демалыс күні (19.12.2026 бастап ауыстырылды)",
                        "ru": "Выходной день (перенесён с 19.12.2026)",
                    },
                },
                {"date": "2026-05-26", "name": {"kk": "Құрбан айт"}},
            ],
            "holidays_cancelled": ["2026-05-27"],
            "working_days_added": [{"date": "2026-12-19"}],
        }
    )


def test_configured_transfer_changes_deadlines(cal):
    configured = WorkCalendar(december_2026_decree())
    assert weekday("2026-12-18") == "Friday"
    assert weekday("2026-12-19") == "Saturday"
    # Without the decree: Thu 17 + 1 working day = Fri 18.
    assert cal.add_working_days(D("2026-12-17"), 1) == D("2026-12-18")
    # With it: Friday is off and Saturday is worked.
    assert not working(configured, D("2026-12-18"))
    assert working(configured, D("2026-12-19"))
    assert configured.add_working_days(D("2026-12-17"), 1) == D("2026-12-19")
    # Friday's working day moves to Saturday: the week (Sun 13, Sat 19] keeps
    # four working days either way (Wed 16 is Independence Day) ...
    assert between(cal, D("2026-12-13"), D("2026-12-19")) == 4
    assert between(configured, D("2026-12-13"), D("2026-12-19")) == 4
    # ... but up to Friday only three remain.
    assert between(cal, D("2026-12-13"), D("2026-12-18")) == 4
    assert between(configured, D("2026-12-13"), D("2026-12-18")) == 3


def test_configured_kurban_ait_date_replaces_estimate(cal):
    configured = WorkCalendar(december_2026_decree())
    assert not working(cal, D("2026-05-27"))
    # The cancelled estimate is a working day again, the announced day is off.
    assert working(configured, D("2026-05-27"))
    assert not working(configured, D("2026-05-26"))
    # Monday 25 May + 1 working day.
    assert cal.add_working_days(D("2026-05-25"), 1) == D("2026-05-26")
    assert configured.add_working_days(D("2026-05-25"), 1) == D("2026-05-27")


def test_configuration_overrides_a_package_transfer():
    # Cancel the package's 3 Jan 2025 day off; a day added without a name is
    # called a plain "day off".
    configured = WorkCalendar(
        CalendarConfig(
            holidays_cancelled=[D("2025-01-03")],
            holidays_added=[DayChange(date=D("2025-01-06"))],
        )
    )
    assert working(configured, D("2025-01-03"))
    assert not working(configured, D("2025-01-06"))


@pytest.mark.parametrize(
    "section, message",
    [
        ({"holidays_added": [{"date": "2026-12-18"}], "holidays_cancelled": ["2026-12-18"]},
         "both in holidays_added and holidays_cancelled"),
        ({"holidays_added": [{"date": "2026-12-19"}], "working_days_added": [{"date": "2026-12-19"}]},
         "both in holidays_added and working_days_added"),
        ({"working_days_added": [{"date": "2026-12-18"}]}, "Saturdays or Sundays"),
        ({"holidays_cancelled": ["2026-05-27", "2026-05-27"]}, "more than once"),
        ({"holidays_added": [{"date": "2026-12-18", "reason": "x"}]}, "reason"),
        ({"holiday_added": []}, "holiday_added"),
    ],
)
def test_contradictory_configuration_is_refused(section, message):
    with pytest.raises(pydantic.ValidationError, match=message):
        CalendarConfig.model_validate(section)


# --- Calendar months ----------------------------------------------------------


@pytest.mark.parametrize(
    "trigger, expected",
    [
        ("2025-01-31", "2025-02-28"),  # no 31 Feb: end of month (a Friday)
        ("2028-01-31", "2028-02-29"),  # leap year (a Tuesday)
        ("2028-01-30", "2028-02-29"),  # leap year, no 30 Feb either
        ("2025-03-31", "2025-04-30"),  # no 31 April (a Wednesday)
        ("2025-02-15", "2025-03-17"),  # 15 March 2025 is a Saturday -> Monday
        ("2026-02-23", "2026-03-26"),  # 23 March 2026 is Nauryz -> Thursday 26
        ("2026-01-31", "2026-03-02"),  # 28 Feb 2026 is a Saturday -> Monday 2 March
        ("2025-12-10", "2026-01-12"),  # across the year: 10 Jan 2026 is a Saturday
    ],
)
def test_one_month_deadline(cal, trigger, expected):
    assert cal.add_months(D(trigger)) == D(expected)
    assert working(cal, D(expected))


def test_month_deadline_weekdays_checked():
    assert weekday("2025-02-28") == "Friday"
    assert weekday("2028-02-29") == "Tuesday"
    assert weekday("2025-04-30") == "Wednesday"
    assert weekday("2025-03-15") == "Saturday"
    assert weekday("2026-02-28") == "Saturday"
    assert weekday("2026-01-10") == "Saturday"


def test_several_months(cal):
    assert cal.add_months(D("2025-08-31"), 6) == D("2026-03-02")  # 28 Feb 2026 is Saturday
    assert cal.add_months(D("2025-06-16"), 12) == D("2026-06-16")  # a Tuesday
    assert cal.add_months(D("2026-02-10"), 0) == D("2026-02-10")


# --- Counting rules -------------------------------------------------------------


def test_counting_starts_the_day_after_the_trigger(cal):
    assert weekday("2026-02-13") == "Friday"
    assert cal.add_working_days(D("2026-02-13"), 1) == D("2026-02-16")  # Monday
    assert cal.add_working_days(D("2026-02-11"), 1) == D("2026-02-12")  # Wed -> Thu
    # A trigger on a day off: Saturday 21 March 2026 + 1 = Thursday 26.
    assert cal.add_working_days(D("2026-03-21"), 1) == D("2026-03-26")
    assert cal.add_working_days(D("2026-03-21"), 0) == D("2026-03-26")


def test_next_working_day(cal):
    assert cal.next_working_day(D("2026-03-20")) == D("2026-03-20")
    assert cal.next_working_day(D("2026-03-21")) == D("2026-03-26")
    assert cal.next_working_day(D("2025-01-04")) == D("2025-01-05")  # the working Sunday


def test_working_days_between_agrees_with_counting(cal):
    # Over two years of triggers, including year ends and holidays.
    d = D("2024-12-01")
    while d < D("2027-01-31"):
        for n in (1, 3, 10):
            due = cal.add_working_days(d, n)
            assert between(cal, d, due) == n
            assert working(cal, due)
        d += timedelta(days=1)


# --- Names and inputs -----------------------------------------------------------


def test_constitution_day_moved_by_the_2026_constitution(cal):
    # The package follows the 2026 constitution: Saturday 30 August 2025 gave
    # Monday 1 September off; in 2026 there is no transfer; from 2027 the day
    # is 15 March (a Monday).
    assert not working(cal, D("2025-09-01"))
    assert working(cal, D("2026-08-31"))  # Monday, no transfer
    assert not working(cal, D("2027-03-15"))


@pytest.mark.parametrize("method", ["next_working_day", "add_working_days", "add_months"])
def test_datetimes_are_refused(cal, method):
    args = () if method == "next_working_day" else (1,)
    with pytest.raises(TypeError):
        getattr(cal, method)(datetime.datetime(2026, 3, 23, 10, 0), *args)
