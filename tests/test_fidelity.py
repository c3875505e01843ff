"""Deadlines and findings exactly as the source says (issue: every rule says what the law says).

On the clean synthetic portal (a city council, ``type: city``, term from
2025, today 2026-11-21): the response time per basis sub-point and council
type, counted from receipt when recorded; late reports and plans; the
agenda's law and the portal's lead time apart; the quorum naming the ids
it did not count.
"""

from __future__ import annotations

import datetime as dt

from test_rules_recommendations import REC, recommendation

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"


def _deadline(portal, data, **kw):
    portal.write_record(REC, data)
    return [f for f in portal.findings(**kw).of("recommendation.response-deadline") if f["file"].endswith(REC)]


def test_a_state_body_s_council_citing_article_5_1_is_told(portal):
    [f] = _deadline(portal, recommendation("5-1.1.2", "2026-10-01", "2026-10-15"))
    assert f["params"] == {"basis": "5-1.1.2", "expected": "5.1.N"} and f["field"] == "basis"
    assert f["level"] == "law"


def test_a_quasi_public_council_citing_article_5_is_told(portal):
    portal.edit_yaml("council.yml", lambda d: d.update(type="quasi-public"))
    [f] = _deadline(portal, recommendation("5.1.2", "2026-10-01", "2026-10-15"))
    assert f["params"]["expected"] == "5-1.1.N"


def test_a_sub_point_without_a_deadline_in_the_law_is_never_overdue(portal):
    # Art. 5 p.2 lists sub-points 2, 3, 4, 4-1, 6, 7, 8 and 13 (and 1); 5 and 9 are not among them.
    for basis in ("5.1.5", "5.1.9"):
        assert _deadline(portal, recommendation(basis, "2025-01-10")) == []


def test_article_5_1_sub_point_4_has_no_deadline_but_3_has_a_month(portal):
    portal.edit_yaml("council.yml", lambda d: d.update(type="quasi-public"))
    assert _deadline(portal, recommendation("5-1.1.4", "2025-01-10")) == []
    [f] = _deadline(portal, recommendation("5-1.1.3", "2025-01-10"))
    assert f["params"]["deadline"] == "2025-02-10"


def test_the_time_counts_from_receipt_when_recorded(portal):
    data = recommendation("5.1.3", "2026-01-31", "2026-03-03")
    assert len(_deadline(portal, data)) == 1  # from sent: due 2 March, answered 3 March
    data["received"] = D("2026-02-03")
    assert _deadline(portal, data) == []  # from receipt: due 3 March


def test_an_overdue_response_counted_from_receipt_lands_on_received(portal):
    data = recommendation("5.1.3", "2026-09-01")
    data["received"] = D("2026-09-04")
    [f] = _deadline(portal, data)
    assert f["field"] == "received" and f["line"] == portal.line_of(REC, "received:")
    assert (f["params"]["start"], f["params"]["deadline"]) == ("2026-09-04", "2026-10-05")


def test_received_before_sent_is_reported(portal):
    data = recommendation("5.1.3", "2026-09-10", "2026-09-20")
    data["received"] = D("2026-09-01")
    [f] = _deadline(portal, data)
    assert f["field"] == "received" and f["params"] == {"received": "2026-09-01", "sent": "2026-09-10"}


def test_a_late_half_year_report_is_the_portal_s_standard(portal):
    portal.edit_yaml("reports/2026-h1.md", lambda d: d.update(published=D("2026-08-05")))
    f = portal.findings().one("report.half-year")
    assert (f["level"], f["severity"], f["field"]) == ("portal", "W", "published")
    assert f["params"] == {"year": 2026, "half": 1, "published": "2026-08-05", "deadline": "2026-07-30"}


def test_fewer_than_two_reports_about_a_year_is_the_law(portal):
    portal.delete("reports/2025-year.md")
    r = portal.findings(today="2027-01-05")
    f = next(f for f in r.of("report.half-year") if f["params"].get("count") is not None)
    assert (f["level"], f["severity"], f["params"]) == ("law", "E", {"year": 2025, "count": 1})
    # A year is judged only once the next one is over: its last report comes out then.
    assert all(f["params"].get("count") is None for f in portal.findings().of("report.half-year"))


def test_a_late_plan_is_the_portal_s_standard_over_the_guide_s_advice(portal):
    portal.edit_yaml("plans/2026.yml", lambda d: d.update(published=D("2026-02-10")))
    f = portal.findings().one("plan.annual")
    assert (f["level"], f["severity"]) == ("portal", "W")
    assert f["params"] == {"year": 2026, "published": "2026-02-10", "deadline": "2026-02-01"}


def test_an_agenda_never_published_is_the_law_one_not_yet_published_the_portal(portal):
    portal.edit_yaml(JAN, lambda d: d.pop("agenda_published"))
    f = portal.findings().one("meeting.agenda-published")
    assert (f["level"], f["severity"]) == ("law", "E")
    assert f["params"] == {"date": "2026-01-19"}
    g = portal.findings(today="2026-01-18").one("meeting.agenda-published")
    assert (g["level"], g["severity"], g["params"]["lead"]) == ("portal", "W", 1)


def test_the_quorum_names_the_listed_ids_it_did_not_count(portal):
    def edit(d):
        d["attendance"] = [f"m{i:02d}" for i in range(1, 9)] + ["x99"]
        d["decisions"][0]["votes"]["for"] = 8
    portal.edit_yaml(JAN, edit)
    f = portal.findings().one("meeting.quorum")
    assert f["params"] == {"present": 8, "total": 15, "need": 10, "date": "2026-01-19", "ignored": "x99"}


def test_the_site_s_severity_wins_over_a_finding_s_level(portal):
    portal.config(lambda d: d["rules"].update({"meeting.agenda-published": {"severity": "E"}}))
    portal.edit_yaml(JAN, lambda d: d.update(agenda_published=D("2026-01-19")))
    f = portal.findings().one("meeting.agenda-published")
    assert (f["level"], f["severity"]) == ("portal", "E")  # marked as the site asks, still the portal's standard


# --- the reference documents every field of the models, and no field they lack --------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ashyq.kinds.meeting.model import Meeting  # noqa: E402
from ashyq.kinds.plan.model import Plan  # noqa: E402
from ashyq.kinds.recommendation.model import Recommendation  # noqa: E402
from ashyq.kinds.report.model import Report  # noqa: E402

CONTENT = Path(__file__).resolve().parents[1] / "content"
PAGES = {"recommendations.md": Recommendation, "meetings.md": Meeting, "reports.md": Report, "plans.md": Plan}


def _first_table_fields(text: str) -> set[str]:
    """The field names of a page's first table: its rows' first cells, `name` or `a`, `b`."""
    table = re.search(r"^\| (?:поле|өріс) \|.*?(?=\n\n)", text, re.M | re.S).group(0)
    rows = re.findall(r"^\| (`[^|]+`) \|", table, re.M)
    return {name for cell in rows for name in re.findall(r"`([a-z_]+)`", cell)}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_reference_documents_exactly_the_model_s_fields(lang, page):
    model = PAGES[page]
    fields = {info.alias or name for name, info in model.model_fields.items()}
    documented = _first_table_fields((CONTENT / lang / "reference" / page).read_text(encoding="utf-8"))
    assert sorted(fields - documented - {"body"}) == []
    assert sorted(documented - fields) == []
