"""Public hearings: announcement and materials 10 days ahead, protocol, final protocol, distribution.

The clean hearing ``hearings/2026-h1.md`` was held on 2026-04-20, announced
2026-04-06, materials published 2026-04-08, with a full protocol, a final
protocol adopted 9–1–0 by 10 members present, and recommendations sent to
the akimat, the prosecutor's office and a newspaper.
"""

from __future__ import annotations

import datetime as dt

D = dt.date.fromisoformat
H = "hearings/2026-h1.md"


def near(portal, *texts):
    """A key's line and the first line of its block (both lead the secretary there)."""
    line = portal.line_of(H, *texts)
    return (line, line + 1)


def only(portal, rule, **kw):
    return portal.findings(**kw).one(rule)


# --- hearing.announced -------------------------------------------------------


def test_hearing_announced_five_days_ahead_is_reported(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    f = only(portal, "hearing.announced")
    assert (f["file"], f["line"]) == (portal.file(H), portal.line_of(H, "announced:"))
    assert (f["kind"], f["severity"], f["field"]) == ("compliance", "E", "announced")
    assert f["params"]["days"] == 5 and f["params"]["need"] == 10


def test_hearing_announced_exactly_ten_days_ahead_passes(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-10")))
    assert portal.findings().of("hearing.announced") == []


def test_hearing_announced_nine_days_ahead_is_late(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-11")))
    assert only(portal, "hearing.announced")["params"]["days"] == 9


def test_hearing_never_announced_is_reported(portal):
    portal.edit_yaml(H, lambda d: d.pop("announced"))
    assert only(portal, "hearing.announced")["field"] == "announced"


def test_cancelled_hearing_needs_no_announcement(portal):
    portal.edit_yaml(H, lambda d: (d.pop("announced"), d.update(status="cancelled")))
    assert portal.findings().of("hearing.announced") == []


def test_announcement_lead_time_is_configurable(portal):
    portal.config(lambda d: d["rules"].update({"hearing.announced": {"days": 15}}))
    late = portal.findings().of("hearing.announced")  # both hearings were announced 14 days ahead
    assert len(late) == 2 and {f["params"]["need"] for f in late} == {15}


# --- hearing.materials -------------------------------------------------------


def test_materials_published_eight_days_ahead_are_late(portal):
    portal.edit_yaml(H, lambda d: d.update(materials_published=D("2026-04-12")))
    f = only(portal, "hearing.materials")
    assert (f["file"], f["line"]) == (portal.file(H), portal.line_of(H, "materials_published:"))
    assert f["params"]["days"] == 8 and f["kind"] == "compliance"


def test_materials_published_ten_days_ahead_pass(portal):
    portal.edit_yaml(H, lambda d: d.update(materials_published=D("2026-04-10")))
    assert portal.findings().of("hearing.materials") == []


def test_hearing_without_materials_is_reported(portal):
    portal.edit_yaml(H, lambda d: d.update(materials=[]))
    f = only(portal, "hearing.materials")
    assert f["line"] == portal.line_of(H, "materials: []") and f["field"] == "materials"


def test_materials_not_yet_due_for_a_hearing_far_ahead(portal):
    portal.write_record("hearings/2026-h2.md", {
        "id": "2026-h2", "topic": {"kk": "Тарифтер", "ru": "Тарифы"}, "date": D("2026-12-15"),
        "announced": D("2026-11-20"), "created": D("2026-11-20"),
    })
    assert portal.findings().of("hearing.materials") == []
    assert {f["field"] for f in portal.findings(today="2026-12-05").of("hearing.materials")} == {
        "materials", "materials_published"}


# --- hearing.protocol --------------------------------------------------------


def test_protocol_without_number_present_is_reported(portal):
    portal.edit_yaml(H, lambda d: d.pop("present"))
    f = only(portal, "hearing.protocol")
    assert (f["file"], f["field"]) == (portal.file(H), "present")
    assert f["line"] == portal.line_of(H, "id: 2026-h1")  # no such line: the record's first field


def test_chair_named_by_initials_only_is_reported(portal):
    portal.edit_yaml(H, lambda d: d.update(chair="Ә.А."))
    f = only(portal, "hearing.protocol")
    assert f["line"] == portal.line_of(H, "chair:") and f["field"] == "chair"


def test_surname_with_initials_is_not_a_full_name(portal):
    portal.edit_yaml(H, lambda d: d.update(secretary="Хатшыбаева Д.Б."))
    assert only(portal, "hearing.protocol")["field"] == "secretary"


def test_full_names_with_patronymic_or_in_both_languages_pass(portal):
    portal.edit_yaml(H, lambda d: d.update(chair="Әбенов Асқар Қайратұлы",
                                           secretary={"kk": "Хатшыбаева Дина", "ru": "Хатшыбаева Дина"}))
    assert portal.findings().of("hearing.protocol") == []


def test_protocol_without_speeches_but_with_text_passes(portal):
    portal.edit_yaml(H, lambda d: d.pop("speeches"),
                     body={"kk": "Сөз сөйлегендер жобаны қолдады.", "ru": "Выступившие поддержали проект."})
    assert portal.findings().of("hearing.protocol") == []


def test_protocol_without_place_agenda_and_speeches_lists_each(portal):
    portal.edit_yaml(H, lambda d: [d.pop(k) for k in ("place", "agenda", "speeches")])
    assert sorted(f["field"] for f in portal.findings().of("hearing.protocol")) == ["agenda", "place", "speeches"]


def test_planned_hearing_needs_no_protocol_yet(portal):
    portal.edit_yaml(H, lambda d: [d.pop(k) for k in ("present", "chair", "final_protocol")])
    portal.edit_yaml(H, lambda d: d.update(status="postponed"))
    assert portal.findings().of("hearing.protocol") == []


# --- hearing.final-protocol --------------------------------------------------


def test_final_protocol_adopted_by_half_of_those_present_is_not_adopted(portal):
    portal.edit_yaml(H, lambda d: d["final_protocol"]["votes"].update({"for": 5, "against": 5}))
    f = only(portal, "hearing.final-protocol")
    assert f["line"] in near(portal, "final_protocol:", "votes:")
    assert f["field"] == "final_protocol.votes"
    assert f["params"] == {"votes": 5, "present": 10}


def test_final_protocol_adopted_by_six_of_ten_passes(portal):
    portal.edit_yaml(H, lambda d: d["final_protocol"]["votes"].update({"for": 6, "against": 4}))
    assert portal.findings().of("hearing.final-protocol") == []


def test_final_protocol_missing_a_month_after_the_hearing(portal):
    portal.edit_yaml(H, lambda d: d.pop("final_protocol"))
    f = only(portal, "hearing.final-protocol")
    assert f["file"] == portal.file(H) and f["params"]["due"] == "2026-05-20"
    assert portal.findings(today="2026-05-20").of("hearing.final-protocol") == []


def test_final_protocol_without_signatures_compliance_information_or_recommendations(portal):
    def strip(d):
        fp = d["final_protocol"]
        fp.update(signed_by_secretary=False, recommendations=[])
        fp.pop("compliance_information")

    portal.edit_yaml(H, strip)
    found = portal.findings().of("hearing.final-protocol")
    assert len(found) == 3
    assert all(f["field"] == "final_protocol" and f["line"] in near(portal, "final_protocol:") for f in found)


def test_amendments_alone_are_enough_content(portal):
    portal.edit_yaml(H, lambda d: d["final_protocol"].update(
        recommendations=[], amendments=[{"kk": "Шешімге өзгеріс енгізу", "ru": "Внести изменения в решение"}]))
    assert portal.findings().of("hearing.final-protocol") == []


# --- hearing.recommendations-sent -------------------------------------------


def test_recommendations_not_sent_to_the_media_are_reported(portal):
    portal.edit_yaml(H, lambda d: d.update(sent_to=[a for a in d["sent_to"] if a["kind"] != "media"]))
    f = only(portal, "hearing.recommendations-sent")
    assert f["file"] == portal.file(H) and f["line"] in near(portal, "sent_to:")
    assert f["field"] == "sent_to" and f["kind"] == "compliance"


def test_recommendations_sent_nowhere_gives_three_findings(portal):
    portal.edit_yaml(H, lambda d: d.update(sent_to=[]))
    found = portal.findings().of("hearing.recommendations-sent")
    assert len(found) == 3 and {f["line"] for f in found} == {portal.line_of(H, "sent_to: []")}


def test_unpublished_final_protocol_and_missing_justification(portal):
    portal.edit_yaml(H, lambda d: (d["final_protocol"].pop("published"), d["final_protocol"].pop("justification")))
    found = portal.findings().of("hearing.recommendations-sent")
    assert len(found) == 2 and {f["field"] for f in found} == {"final_protocol"}


def test_recommendations_sent_to_all_three_pass(portal):
    assert portal.findings().of("hearing.recommendations-sent") == []
