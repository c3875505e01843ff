"""Composition rules (``members.yml``, ``council.yml``), as a secretary would check them.

The clean synthetic council is a ministry council: 15 voting members (m01
chair, m02 deputy chair, m03–m11 civil society, m12–m15 state bodies) and a
non-voting secretary, term 2025-01-01 – 2028-12-31. Each test breaks one thing.

A finding about a whole list or block (``members``, ``term``) may point at the
key's line or at the first line of its block; both lead the secretary there.
"""

from __future__ import annotations

import datetime as dt

import pytest

M = "members.yml"
C = "council.yml"
D = dt.date.fromisoformat


def block(portal, rel, key):
    """The line of ``key:`` and the first line of its block."""
    line = portal.line_of(rel, f"{key}:")
    return (line, line + 1)


def member(data, member_id):
    return next(m for m in data["members"] if m["id"] == member_id)


# --- composition.published -------------------------------------------------


def test_composition_without_publication_date_is_reported(portal):
    portal.edit_yaml(M, lambda d: d.pop("published"))
    code, r = portal.check()
    f = r.one("composition.published")
    assert (f["file"], f["line"], f["kind"], f["severity"]) == (portal.file(M), 1, "compliance", "E")
    assert f["field"] == "published"
    assert code == 0  # a compliance finding is published, it does not stop the build


def test_council_without_members_file_is_reported_on_council_file(portal):
    portal.delete(M)
    f = portal.findings().one("composition.published")
    assert (f["file"], f["line"], f["kind"]) == (portal.file(C), 1, "compliance")


def test_published_composition_without_approval_date_passes(portal):
    portal.edit_yaml(M, lambda d: d.pop("approved"))
    assert portal.findings().of("composition.published") == []


# --- composition.civil-society-share --------------------------------------


def test_civil_society_below_two_thirds_is_reported(portal):
    def nine_of_fifteen(d):
        member(d, "m10")["category"] = "state-body"
        member(d, "m11")["category"] = "state-body"

    portal.edit_yaml(M, nine_of_fifteen)
    f = portal.findings().one("composition.civil-society-share")
    assert f["file"] == portal.file(M)
    assert f["line"] in block(portal, M, "members")
    assert f["kind"] == "compliance" and f["severity"] == "E"
    assert f["params"] == {"civil": 9, "total": 15, "need": 10}


def test_civil_society_exactly_two_thirds_passes(portal):
    portal.edit_yaml(M, lambda d: member(d, "m11").update(category="state-body"))  # 10 of 15
    assert portal.findings().of("composition.civil-society-share") == []


def test_members_who_left_do_not_count_for_the_share(portal):
    def two_state_members_left(d):
        for mid in ("m10", "m11"):
            member(d, mid).update(category="state-body", end=D("2026-06-30"))

    portal.edit_yaml(M, two_state_members_left)  # today: 9 civil of 13 active, 9 needed
    assert portal.findings().of("composition.civil-society-share") == []


def test_share_parameter_from_site_config(portal):
    portal.config(lambda d: d["rules"].update({"composition.civil-society-share": {"share": 0.75}}))
    f = portal.findings().one("composition.civil-society-share")  # 11 of 15, 12 needed
    assert f["params"]["need"] == 12


# --- composition.size ------------------------------------------------------


def test_ministry_council_with_fourteen_members_is_too_small(portal):
    portal.edit_yaml(M, lambda d: member(d, "m15").update(end=D("2026-06-30")))
    f = portal.findings().one("composition.size")
    assert f["file"] == portal.file(M) and f["line"] in block(portal, M, "members")
    assert f["params"]["count"] == 14 and f["params"]["low"] == 15
    assert f["kind"] == "compliance"


def test_non_voting_secretary_is_not_counted_in_size(portal):
    # 15 voting members + a staff secretary: within 15–30.
    assert portal.findings().of("composition.size") == []


def test_quasi_public_council_allows_at_most_fifteen(portal):
    portal.edit_yaml(C, lambda d: d.update(type="quasi-public"))
    assert portal.findings().of("composition.size") == []


def test_local_council_size_is_checked_only_when_configured(portal):
    portal.edit_yaml(C, lambda d: d.update(type="district"))
    portal.config(lambda d: d.pop("rules"))
    assert portal.findings().of("composition.size") == []
    portal.config(lambda d: d.update(rules={"composition.size": {"local_min": 5, "local_max": 11}}))
    f = portal.findings().one("composition.size")
    assert (f["params"]["count"], f["params"]["high"]) == (15, 11)


def test_size_override_for_one_council(portal):
    portal.config(lambda d: d.update(councils={"council-001": {"rules": {"composition.size": {"national_min": 16}}}}))
    f = portal.findings().one("composition.size")
    assert f["params"]["low"] == 16 and f["council"] == "council-001"


# --- composition.one-per-organisation -------------------------------------


def test_two_members_from_one_ngo_are_reported(portal):
    data = portal.load(M)
    same_bin = member(data, "m02")["bin"]
    portal.edit_yaml(M, lambda d: member(d, "m03").update(bin=same_bin))
    f = portal.findings().one("composition.one-per-organisation")
    assert f["file"] == portal.file(M)
    assert f["line"] == portal.line_of(M, "id: m03", "bin:")
    assert f["field"] == "members[3].bin"
    assert f["params"] == {"bin": same_bin, "count": 2}


def test_two_state_body_members_from_one_body_pass(portal):
    data = portal.load(M)
    same_bin = member(data, "m12")["bin"]
    portal.edit_yaml(M, lambda d: member(d, "m13").update(bin=same_bin))
    assert portal.findings().of("composition.one-per-organisation") == []


def test_member_who_left_frees_the_organisation_seat(portal):
    def replaced(d):
        member(d, "m02")["end"] = D("2026-03-01")
        d["members"].append({**member(d, "m02"), "id": "m16", "role": "member", "start": D("2026-03-02"),
                             "end": None})

    portal.edit_yaml(M, replaced)  # m16 represents m02's NGO after m02 left
    assert portal.findings().of("composition.one-per-organisation") == []


# --- composition.chair-not-civil-servant ----------------------------------


def test_chair_who_is_a_civil_servant_is_reported(portal):
    portal.edit_yaml(M, lambda d: member(d, "m01").update(civil_servant=True))
    f = portal.findings().one("composition.chair-not-civil-servant")
    assert f["file"] == portal.file(M)
    assert f["line"] == portal.line_of(M, "id: m01", "civil_servant:")
    assert f["field"] == "members[1].civil_servant"
    assert f["kind"] == "compliance"


def test_council_without_a_chair_is_reported(portal):
    portal.edit_yaml(M, lambda d: member(d, "m01").update(role="member"))
    f = portal.findings().one("composition.chair-not-civil-servant")
    assert f["line"] in block(portal, M, "members") and f["field"] == "members"


def test_deputy_chair_may_be_a_civil_servant(portal):
    portal.edit_yaml(M, lambda d: member(d, "m02").update(civil_servant=True))
    assert portal.findings().of("composition.chair-not-civil-servant") == []


# --- composition.secretary -------------------------------------------------


def test_council_without_a_secretary_gets_a_warning(portal):
    portal.edit_yaml(M, lambda d: d["members"].remove(member(d, "secretary")))
    code, r = portal.check()
    f = r.one("composition.secretary")
    assert (f["file"], f["kind"], f["severity"]) == (portal.file(M), "compliance", "W")
    assert f["line"] in block(portal, M, "members")
    assert code == 0


def test_secretary_who_left_is_no_secretary(portal):
    portal.edit_yaml(M, lambda d: member(d, "secretary").update(end=D("2026-10-31")))
    assert len(portal.findings().of("composition.secretary")) == 1


def test_secretary_from_the_members_passes(portal):
    def member_is_secretary(d):
        d["members"].remove(member(d, "secretary"))
        member(d, "m03")["role"] = "secretary"

    portal.edit_yaml(M, member_is_secretary)
    assert portal.findings().of("composition.secretary") == []


def test_secretary_severity_can_be_raised_in_site_config(portal):
    portal.edit_yaml(M, lambda d: d["members"].remove(member(d, "secretary")))
    portal.config(lambda d: d["rules"].update({"composition.secretary": {"severity": "E"}}))
    assert portal.findings().one("composition.secretary")["severity"] == "E"


# --- composition.renewal ---------------------------------------------------


def test_renewal_not_started_two_months_before_term_end(portal):
    portal.edit_yaml(C, lambda d: d["term"].update(end=D("2027-01-10")))
    f = portal.findings().one("composition.renewal")
    assert f["file"] == portal.file(C)
    assert f["line"] in block(portal, C, "term") and f["field"] == "term"
    assert (f["kind"], f["severity"], f["level"]) == ("compliance", "E", "law")
    assert f["params"]["start_by"] == "2026-11-10"


def test_renewal_started_in_time_passes(portal):
    portal.edit_yaml(C, lambda d: (d["term"].update(end=D("2027-01-10")), d.update(renewal_started=D("2026-11-02"))))
    assert portal.findings().of("composition.renewal") == []


def test_renewal_started_late_points_at_the_date(portal):
    portal.edit_yaml(C, lambda d: (d["term"].update(end=D("2027-01-10")), d.update(renewal_started=D("2026-11-16"))))
    f = portal.findings().one("composition.renewal")
    assert f["line"] == portal.line_of(C, "renewal_started:") and f["field"] == "renewal_started"


def test_renewal_two_months_before_a_term_ending_on_the_31st(portal):
    portal.edit_yaml(C, lambda d: d["term"].update(end=D("2027-01-31")))
    assert portal.findings(today="2026-11-29").of("composition.renewal") == []
    assert portal.findings(today="2026-11-30").one("composition.renewal")["params"]["start_by"] == "2026-11-30"


def test_renewal_lead_time_is_configurable(portal):
    portal.edit_yaml(C, lambda d: d["term"].update(end=D("2027-01-10")))
    portal.config(lambda d: d["rules"].update({"composition.renewal": {"months_before": 1}}))  # by 2026-12-10
    assert portal.findings().of("composition.renewal") == []


def test_renewal_can_be_switched_off(portal):
    portal.edit_yaml(C, lambda d: d["term"].update(end=D("2027-01-10")))
    portal.config(lambda d: d["rules"].update({"composition.renewal": {"enabled": False}}))
    code, r = portal.check()
    assert (code, r.findings) == (0, [])
