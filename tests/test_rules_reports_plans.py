"""Reports and plans: one report per half-year, the annual report, the annual work plan.

The clean council (term from 2025-01-01) has reports 2025-h1 (published
2025-07-20), 2025-year (2026-02-20) and 2026-h1 (2026-07-20), and annual plans
for 2025 and 2026 (published 15 January). Today is 2026-11-21.
"""

from __future__ import annotations

import datetime as dt

D = dt.date.fromisoformat
C = "council.yml"


# --- report.half-year --------------------------------------------------------


def test_missing_first_half_report_is_reported_on_the_council(portal):
    portal.delete("reports/2026-h1.md")
    code, r = portal.check()
    f = r.one("report.half-year")
    assert (f["file"], f["line"], f["kind"], f["severity"], f["level"]) == (portal.file(C), 1, "compliance", "W",
                                                                          "portal")
    assert f["params"] == {"year": 2026, "half": 1, "deadline": "2026-07-30"}
    assert code == 0


def test_half_year_report_is_not_due_before_the_grace_period_ends(portal):
    portal.delete("reports/2026-h1.md")
    assert portal.findings(today="2026-07-30").of("report.half-year") == []
    assert len(portal.findings(today="2026-07-31").of("report.half-year")) == 1


def test_half_year_grace_period_is_configurable(portal):
    portal.delete("reports/2026-h1.md")
    portal.config(lambda d: d["rules"].update({"report.half-year": {"grace_days": 150}}))
    assert portal.findings().of("report.half-year") == []


def test_report_without_publication_date_does_not_count(portal):
    portal.edit_yaml("reports/2026-h1.md", lambda d: d.pop("published"))
    assert portal.findings().one("report.half-year")["params"]["half"] == 1


def test_annual_report_informs_about_the_second_half(portal):
    # 2025 has no "h2" report: the annual report covers it.
    assert portal.findings().of("report.half-year") == []


def test_no_second_half_nor_annual_report(portal):
    portal.delete("reports/2025-year.md")
    r = portal.findings()
    assert [f["params"]["half"] for f in r.of("report.half-year")] == [2]


# --- report.annual -----------------------------------------------------------


def test_missing_annual_report_is_reported(portal):
    portal.delete("reports/2025-year.md")
    f = portal.findings().one("report.annual")
    assert (f["file"], f["line"], f["kind"], f["severity"], f["level"]) == (portal.file(C), 1, "compliance", "W",
                                                                          "portal")
    assert f["params"]["year"] == 2025 and f["params"]["deadline"] == "2026-03-31"


def test_annual_report_published_after_31_march_is_a_warning(portal):
    rel = "reports/2025-year.md"
    portal.edit_yaml(rel, lambda d: d.update(published=D("2026-04-02")))
    f = portal.findings().one("report.annual")
    assert f["file"] == portal.file(rel) and f["line"] == portal.line_of(rel, "published:")
    assert (f["kind"], f["severity"]) == ("compliance", "W")


def test_annual_report_published_on_31_march_passes(portal):
    portal.edit_yaml("reports/2025-year.md", lambda d: d.update(published=D("2026-03-31")))
    assert portal.findings().of("report.annual") == []


def test_annual_report_due_date_is_configurable(portal):
    portal.config(lambda d: d["rules"].update({"report.annual": {"due_month": 2, "due_day": 1}}))
    f = portal.findings().one("report.annual")  # published 2026-02-20
    assert f["params"]["deadline"] == "2026-02-01"


def test_annual_report_not_yet_due_for_the_current_year(portal):
    assert portal.findings(today="2027-03-31").of("report.annual") == []
    assert portal.findings(today="2027-04-01").one("report.annual")["params"]["year"] == 2026


# --- plan.annual -------------------------------------------------------------


def test_missing_annual_plan_is_a_warning_on_the_council(portal):
    portal.delete("plans/2026.yml")
    f = portal.findings().one("plan.annual")
    assert (f["file"], f["line"], f["kind"], f["severity"]) == (portal.file(C), 1, "compliance", "W")
    assert f["params"] == {"year": 2026, "deadline": "2026-02-01"}


def test_plan_without_publication_date_is_reported_on_the_plan(portal):
    rel = "plans/2026.yml"
    portal.edit_yaml(rel, lambda d: d.pop("published"))
    f = portal.findings().one("plan.annual")
    assert (f["file"], f["line"], f["field"]) == (portal.file(rel), 1, "published")


def test_commission_plan_is_not_the_annual_plan(portal):
    portal.edit_yaml("plans/2026.yml", lambda d: d.update(kind="commission"))
    assert len(portal.findings().of("plan.annual")) == 1


def test_annual_plan_has_a_month_of_grace(portal):
    portal.delete("plans/2026.yml")
    assert portal.findings(today="2026-02-01").of("plan.annual") == []
    assert len(portal.findings(today="2026-02-02").of("plan.annual")) == 1


def test_plan_rule_can_be_switched_off_for_one_council(portal):
    portal.delete("plans/2026.yml")
    portal.config(lambda d: d.update(councils={"council-001": {"rules": {"plan.annual": {"enabled": False}}}}))
    assert portal.findings().of("plan.annual") == []
