"""Dates and numbers inside finding texts in the reader's language; Russian plurals.

A finding keeps its dates as ``datetime.date`` parameters (the JSON report
shows them as ISO dates); its message writes them with Babel's long format,
and the Kazakh messages are phrased so that the date needs no case ending
(«мерзімі — 2026 ж. 15 қазан»), since Babel does not decline.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ashyq.findings import Finding, Kind
from ashyq.i18n import message, t

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def overdue(**extra) -> Finding:
    params = {"start": dt.date(2026, 9, 15), "deadline": dt.date(2026, 10, 15), "days": 46, **extra}
    return Finding("recommendation.response-deadline", Kind.COMPLIANCE, "E", "x.yml", 1, 1, None,
                   "recommendation.response-deadline/overdue-month", params)


def test_dates_in_a_finding_are_words_in_each_language():
    finding = overdue()
    ru, kk = (finding.message(lang).replace("\u202f", " ") for lang in ("ru", "kk"))  # Babel's narrow space
    assert "с 15 сентября 2026 г., до 15 октября 2026 г.;" in ru
    assert "просрочено на 46 дн." in ru
    assert "басы — 2026 ж. 15 қыркүйек, соңы — 2026 ж. 15 қазан" in kk
    for text in (ru, kk, finding.message("en")):
        assert not ISO.search(text), text
    assert finding.to_json("ru")["params"]["deadline"] == "2026-10-15"  # the data stays ISO


def test_no_kazakh_date_runs_into_a_case_ending():
    """A kk message never writes a date straight before «дейін», «бастап», «кейін» (they need an ending)."""
    from ashyq.i18n import catalogue
    date_params = ("date", "deadline", "start", "published", "due", "announced", "answered", "sent", "received",
                   "end", "start_by")
    bad = [key for key, value in catalogue("kk").items()
           if not key.startswith(("ui.", "monitoring.", "consultation.", "expertise.", "report-hearing.", "appeal."))
           for text in (value.values() if isinstance(value, dict) else [value])
           if re.search(r"\{(" + "|".join(date_params) + r")\} (дейін|бастап|кейін|бұрын)", str(text))]
    assert not bad, bad


def test_a_russian_date_does_not_double_the_full_stop():
    text = message("ru", "report.annual/missing", year=2025, deadline=dt.date(2026, 10, 15)).replace("\u202f", " ")
    assert text.endswith("срок — 15 октября 2026 г."), text


def test_fractions_use_the_local_decimal_sign():
    from ashyq.i18n import localised
    assert localised("ru", {"share": 57.0})["share"] == "57,0"
    assert localised("kk", {"share": 57.25})["share"] == "57,25"
    assert localised("en", {"share": 57.0})["share"] == "57.0"
    assert localised("ru", {"year": 2026})["year"] == 2026  # whole numbers (years, counts) as they are


@pytest.mark.parametrize(("n", "want"), [(1, "1 член;"), (2, "2 члена;"), (5, "5 членов;"), (11, "11 членов;"),
                                         (21, "21 член;"), (22, "22 члена;")])
def test_russian_plurals_in_a_finding(n: int, want: str):
    """A finding's message (its parameters localised first) still agrees with its number."""
    assert f"в совете {want}" in message("ru", "composition.size", count=n, low=9, high=15)


def test_any_number_a_setting_holds_is_said_without_a_crash():
    """A finding may quote a setting's value: 1e25 or inf must not stop the check (Babel refuses them)."""
    from ashyq.i18n import localised

    for lang in ("kk", "ru", "en"):
        said = localised(lang, {"big": 1e25, "inf": float("inf"), "nan": float("nan"), "share": 57.0})
        assert said["big"] and said["inf"] and said["nan"] and said["share"] in ("57,0", "57.0")
