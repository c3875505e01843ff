"""Recommendations and the state body's response (``recommendation.response-deadline``).

Art. 5 p.1 sub. 1 (basis ``5.1.1``): 10 working days. Anything else: one
calendar month, same day number, end of a shorter month, moved to the next
working day. Dates below were counted by hand on the 2026 calendar:

* Nauryz 2026: 21–23 March (Sat, Sun, Mon) with the weekend days moved to
  Tue 24 and Wed 25 March. Sent Fri 13 March: working days 16, 17, 18, 19,
  20, 26, 27, 30, 31 March and 1 April (the 10th).
* Sent Sat 31 January: a month later is 28 February, a Saturday; the
  deadline moves to Monday 2 March.
"""

from __future__ import annotations

import datetime as dt

D = dt.date.fromisoformat
REC = "recommendations/2026-test.yml"


def recommendation(basis: str, sent: str, answered: str | None = None, **response) -> dict:
    data = {
        "id": "2026-test",
        "title": {"kk": "Сынақ ұсынымы", "ru": "Тестовая рекомендация"},
        "text": {"kk": "Бюджет бағдарламасын қайта қарау ұсынылады.", "ru": "Рекомендуется пересмотреть бюджетную программу."},
        "addressee": {"kk": "Қалалық әкімдік", "ru": "Городской акимат"},
        "basis": basis,
        "sent": D(sent),
        "created": D(sent),
    }
    if answered:
        data["response"] = {
            "date": D(answered), "outcome": "accepted",
            "signatory": {"name": "Төлегенов Марат", "position": {"kk": "Әкім", "ru": "Аким"}},
            "text": {"kk": "Қабылданды.", "ru": "Принято."},
            **response,
        }
    return data


def findings(portal, data, **kw):
    portal.write_record(REC, data)
    return portal.findings(**kw).of("recommendation.response-deadline")


# --- 10 working days (5.1.1) across Nauryz ---------------------------------


def test_budget_recommendation_answered_on_the_tenth_working_day_after_nauryz(portal):
    assert findings(portal, recommendation("5.1.1", "2026-03-13", "2026-04-01")) == []


def test_budget_recommendation_answered_a_day_later_is_late(portal):
    [f] = findings(portal, recommendation("5.1.1", "2026-03-13", "2026-04-02"))
    assert f["file"] == portal.file(REC)
    assert f["line"] == portal.line_of(REC, "response:", "date: 2026-04-02")
    assert (f["kind"], f["severity"], f["field"]) == ("compliance", "E", "response.date")
    assert f["params"]["deadline"] == "2026-04-01" and f["params"]["days"] == 1


def test_cancelled_nauryz_transfer_in_site_config_shortens_the_deadline(portal):
    # A decree that makes 25 March a working day: the 10th working day is 31 March.
    portal.config(lambda d: d.update(calendar={"holidays_cancelled": [D("2026-03-25")]}))
    [f] = findings(portal, recommendation("5.1.1", "2026-03-13", "2026-04-01"))
    assert f["params"]["deadline"] == "2026-03-31"


def test_decree_working_saturday_in_site_config_shortens_the_deadline(portal):
    # A decree that makes Saturday 28 March a working day: the 10th working day is 31 March.
    portal.config(lambda d: d.update(calendar={"working_days_added": [{"date": D("2026-03-28")}]}))
    [f] = findings(portal, recommendation("5.1.1", "2026-03-13", "2026-04-01"))
    assert f["params"]["deadline"] == "2026-03-31"


def test_decree_day_off_in_site_config_lengthens_the_deadline(portal):
    portal.config(lambda d: d.update(calendar={"holidays_added": [{"date": D("2026-03-27")}]}))
    assert findings(portal, recommendation("5.1.1", "2026-03-13", "2026-04-02")) == []


# --- one calendar month ------------------------------------------------------


def test_month_deadline_from_31_january_moves_past_the_weekend(portal):
    assert findings(portal, recommendation("5.1.3", "2026-01-31", "2026-03-02")) == []


def test_month_deadline_from_31_january_answered_3_march_is_late(portal):
    [f] = findings(portal, recommendation("5.1.3", "2026-01-31", "2026-03-03"))
    assert f["line"] == portal.line_of(REC, "response:", "date: 2026-03-03")
    assert f["params"]["deadline"] == "2026-03-02"


def test_article_5_1_subparagraph_1_of_art_5_1_also_has_ten_working_days(portal):
    portal.edit_yaml("council.yml", lambda d: d.update(type="quasi-public"))
    [f] = [f for f in findings(portal, recommendation("5-1.1.1", "2026-03-13", "2026-04-02")) if f["file"].endswith(REC)]
    assert f["params"]["deadline"] == "2026-04-01"


def test_subparagraph_11_has_no_deadline_in_the_law_and_is_not_judged(portal):
    assert findings(portal, recommendation("5.1.11", "2026-03-13", "2026-04-02")) == []


# --- no answer yet -----------------------------------------------------------


def test_unanswered_recommendation_past_its_deadline_is_overdue(portal):
    [f] = findings(portal, recommendation("5.1.3", "2026-09-21"))
    assert f["file"] == portal.file(REC) and f["line"] == portal.line_of(REC, "sent:")
    assert f["field"] == "sent"
    assert f["params"]["deadline"] == "2026-10-21" and f["params"]["days"] == 31


def test_unanswered_recommendation_within_its_month_is_pending(portal):
    assert findings(portal, recommendation("5.1.3", "2026-11-02")) == []


def test_unanswered_budget_recommendation_is_overdue_after_ten_working_days(portal):
    # Sent Mon 2 Nov 2026: the 10th working day is Mon 16 Nov.
    [f] = findings(portal, recommendation("5.1.1", "2026-11-02"))
    assert f["params"]["deadline"] == "2026-11-16"
    assert findings(portal, recommendation("5.1.1", "2026-11-02"), today="2026-11-16") == []


# --- the answer itself -------------------------------------------------------


def test_unmotivated_response_is_reported(portal):
    [f] = findings(portal, recommendation("5.1.3", "2026-10-01", "2026-10-15", motivated=False, outcome="rejected"))
    assert f["line"] == portal.line_of(REC, "motivated: false") and f["field"] == "response.motivated"


def test_response_not_signed_by_the_first_head_is_reported(portal):
    data = recommendation("5.1.3", "2026-10-01", "2026-10-15")
    data["response"]["signatory"]["first_head"] = False
    [f] = findings(portal, data)
    # The finding lands on its own line, not on "signatory:".
    assert f["line"] == portal.line_of(REC, "first_head: false") and f["field"] == "response.signatory.first_head"


def test_response_without_signatory_is_not_judged_on_signature(portal):
    data = recommendation("5.1.3", "2026-10-01", "2026-10-15")
    del data["response"]["signatory"]
    assert findings(portal, data) == []


def test_response_deadline_rule_can_be_switched_off(portal):
    portal.config(lambda d: d["rules"].update({"recommendation.response-deadline": {"enabled": False}}))
    assert findings(portal, recommendation("5.1.3", "2026-09-21")) == []
