"""The feedback indicator F of Order No. 17-НҚ (seed 004, p. 22–23), on the seed's own cases.

F = (B / C) · (E / G) · 100 %; a ratio whose denominator is zero is 1 (nothing
received); F is 0 when drafts and results were not openly available; bands
below 50 ineffective, 50–69.9 low, 70–89.9 medium, 90–100 high.
"""

from __future__ import annotations

import pytest

from ashyq.i18n import t
from ashyq.models import Council
from ashyq.kinds.report.model import Report
from ashyq.render.indicator import BANDS, Indicator, band_of, compute, for_council, indicator


def report(rid: str, period: str, year: int, **feedback) -> Report:
    data = {"id": rid, "period": period, "year": year, "title": {"kk": "Есеп", "ru": "Отчёт"}}
    if feedback:
        data["feedback"] = {"proposals_received": feedback.get("C", 0), "proposals_accepted": feedback.get("B", 0),
                            "comments_received": feedback.get("G", 0), "comments_answered": feedback.get("E", 0),
                            "public": feedback.get("public", True)}
    rec = Report.model_validate(data)
    rec._council = "c"
    return rec


def council(*reports: Report) -> Council:
    return Council(slug="c", path="councils/c", records_by_kind={"report": list(reports)})


# --------------------------------------------------------------------- the seed's cases


def test_nothing_received_gives_ratios_of_one():
    ind = indicator(B=0, C=0, E=0, G=0)
    assert (ind.proposals_ratio, ind.comments_ratio) == (1.0, 1.0)
    assert (ind.F, ind.band) == (100.0, "high")


def test_one_ratio_without_denominator_counts_as_one():
    assert indicator(B=3, C=4, E=0, G=0).F == 75.0  # no comments received: E/G = 1
    assert indicator(B=0, C=0, E=1, G=2).F == 50.0  # no proposals received: B/C = 1


def test_not_public_gives_zero():
    ind = indicator(B=10, C=10, E=10, G=10, public=False)
    assert (ind.F, ind.band, ind.public) == (0.0, "ineffective", False)
    assert indicator(B=0, C=0, E=0, G=0, public=False).F == 0.0
    assert "F = 0" in ind.sentence("kk") and "F = 0" in ind.sentence("ru")


def test_the_formula():
    ind = indicator(B=3, C=4, E=4, G=5)
    assert ind.F == 60.0 and ind.band == "low"  # 0.75 · 0.8 · 100
    assert indicator(B=2, C=3, E=1, G=1).F == 66.7  # rounded half up to one decimal
    assert indicator(B=1, C=8, E=1, G=1).F == 12.5
    assert indicator(B=1, C=16, E=1, G=1).F == 6.3  # 6.25 → 6.3, never banker's rounding


@pytest.mark.parametrize(("B", "C", "F", "band"), [
    (499, 1000, 49.9, "ineffective"),
    (1, 2, 50.0, "low"),
    (699, 1000, 69.9, "low"),
    (7, 10, 70.0, "medium"),
    (899, 1000, 89.9, "medium"),
    (9, 10, 90.0, "high"),
    (1, 1, 100.0, "high"),
])
def test_band_edges(B, C, F, band):
    ind = indicator(B=B, C=C, E=1, G=1)
    assert (ind.F, ind.band) == (F, band)


def test_band_of_the_shown_value():
    """69.96 shows as 70.0 and is 'medium': the band always matches the figure shown."""
    ind = indicator(B=6996, C=10000, E=1, G=1)
    assert (ind.F, ind.band) == (70.0, "medium")
    ind = indicator(B=4994, C=10000, E=1, G=1)
    assert (ind.F, ind.band) == (49.9, "ineffective")
    assert [band_of(x) for x in (0, 49.9, 50, 69.9, 70, 89.9, 90, 100)] == [
        "ineffective", "ineffective", "low", "low", "medium", "medium", "high", "high"]


def test_band_names_in_three_languages():
    expected = {"kk": ["тиімсіз", "төмен", "орташа", "жоғары"], "ru": ["неэффективный", "низкий", "средний", "высокий"],
                "en": ["ineffective", "low", "medium", "high"]}
    for lang, names in expected.items():
        assert [t(lang, f"indicator.band.{b}") for b in BANDS] == names
        assert [t(lang, f"feeds.band-{b}") for b in BANDS] == names  # the key the page templates use
        assert indicator(B=1, C=1, E=1, G=1).band_name(lang) == names[-1]


def test_sentence():
    ind = indicator(B=3, C=4, E=5, G=5)
    assert ind.sentence("ru") == "Показатель обратной связи F = 75,0 % (средний): B/C = 3/4, E/G = 5/5."
    assert ind.sentence("kk") == "Кері байланыс көрсеткіші F = 75,0 % (орташа): B/C = 3/4, E/G = 5/5."


# --------------------------------------------------------------------- from the records


def test_compute_from_the_report_of_the_period():
    c = council(report("2025-h1", "h1", 2025, B=3, C=4, E=5, G=5))
    ind = compute(c, 2025, "h1")
    assert isinstance(ind, Indicator)
    assert (ind.B, ind.C, ind.E, ind.G, ind.public, ind.F, ind.band) == (3, 4, 5, 5, True, 75.0, "medium")
    assert (ind.council, ind.year, ind.period, ind.source) == ("c", 2025, "h1", ("c/report/2025-h1",))


def test_no_figures_is_no_indicator():
    """A report without a feedback section says nothing about feedback: no F, rather than a made-up 100."""
    c = council(report("2025-h1", "h1", 2025))
    assert compute(c, 2025, "h1") is None
    assert compute(c, 2025, "h2") is None
    assert compute(council(), 2024, "year") is None


def test_report_saying_nothing_was_received_gives_100():
    c = council(report("2025-h1", "h1", 2025, B=0, C=0, E=0, G=0))
    assert compute(c, 2025, "h1").F == 100.0


def test_year_from_the_annual_report_else_the_two_halves():
    halves = (report("2025-h1", "h1", 2025, B=1, C=2, E=1, G=1), report("2025-h2", "h2", 2025, B=3, C=4, E=2, G=4))
    year = compute(council(*halves), 2025, "year")
    assert (year.B, year.C, year.E, year.G) == (4, 6, 3, 5)
    assert year.F == 40.0 and year.band == "ineffective"  # 4/6 · 3/5
    assert year.source == ("c/report/2025-h1", "c/report/2025-h2")
    annual = report("2025-year", "year", 2025, B=9, C=10, E=10, G=10)
    assert compute(council(*halves, annual), 2025, "year").F == 90.0
    assert compute(council(halves[0]), 2025, "year") is None  # one half alone is not the year
    not_public = report("2025-h2", "h2", 2025, B=3, C=4, E=2, G=4, public=False)
    assert compute(council(halves[0], not_public), 2025, "year").F == 0.0


def test_for_council_lists_every_period_with_figures_newest_first():
    c = council(report("2025-h1", "h1", 2025, B=1, C=1), report("2026-h1", "h1", 2026, B=1, C=2),
                report("2026-year", "year", 2026))
    assert [(i.year, i.period) for i in for_council(c)] == [(2026, "h1"), (2025, "h1")]


def test_unknown_period_is_refused():
    with pytest.raises(ValueError):
        compute(council(), 2025, "q1")
