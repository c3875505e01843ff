"""Data rules: duplicate ids, references, impossible date order, attachment files, placeholders.

These are data errors: the record is broken, ``ashyq check`` exits 1.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"
H = "hearings/2026-h1.md"
REC = "recommendations/2026-r2.yml"
M = "members.yml"


def data_error(portal, rule):
    code, r = portal.check()
    assert code == 1
    f = r.one(rule)
    assert (f["kind"], f["severity"]) == ("data", "E")
    return f


# --- data.duplicate-id -------------------------------------------------------


def test_two_meeting_files_with_one_id_are_both_reported(portal):
    portal.write("meetings/2026-01-copy.md", portal.read(JAN))
    code, r = portal.check()
    found = r.of("data.duplicate-id")
    assert code == 1
    assert sorted((f["file"], f["line"]) for f in found) == sorted([
        (portal.file(JAN), portal.line_of(JAN, "id: 2026-01")),
        (portal.file("meetings/2026-01-copy.md"), portal.line_of("meetings/2026-01-copy.md", "id: 2026-01")),
    ])
    assert {f["kind"] for f in found} == {"data"}


def test_same_id_for_records_of_different_kinds_passes(portal):
    portal.edit_yaml(REC, lambda d: d.update(id="2026-01"))  # as the meeting 2026-01
    assert portal.findings().of("data.duplicate-id") == []


def test_two_members_with_one_id_are_reported(portal):
    portal.edit_yaml(M, lambda d: d["members"][3].update(id="m03"))
    found = portal.findings().of("data.duplicate-id")
    assert sorted(f["line"] for f in found) == [portal.line_of(M, "- id: m03"),
                                                portal.line_of(M, "- id: m03", "- id: m03")]
    assert {f["field"] for f in found} == {"members[3].id", "members[4].id"}


# --- data.reference ----------------------------------------------------------


def test_unknown_member_in_attendance(portal):
    portal.edit_yaml(JAN, lambda d: d["attendance"].append("m99"))
    f = data_error(portal, "data.reference")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "- m99"))
    assert f["field"] == "attendance[12]" and f["params"] == {"id": "m99"}


def test_typo_in_members_file_does_not_make_every_member_unknown(portal):
    portal.edit_yaml(M, lambda d: d["members"][0].update(role="Chair"))
    code, r = portal.check()
    f = r.one("data.type")
    assert f["line"] == portal.line_of(M, "role: Chair")
    assert r.of("data.reference") == []


def test_decision_on_an_agenda_item_that_does_not_exist(portal):
    portal.edit_yaml(JAN, lambda d: d["decisions"][0].update(item=3))
    f = data_error(portal, "data.reference")
    assert f["line"] == portal.line_of(JAN, "- item: 3") and f["field"] == "decisions[1].item"


def test_decision_on_an_explicitly_numbered_agenda_item_passes(portal):
    portal.edit_yaml(JAN, lambda d: (d["agenda"][1].update(number=7), d["decisions"][0].update(item=7)))
    assert portal.findings().of("data.reference") == []


def test_joint_meeting_with_unknown_council(portal):
    portal.edit_yaml(JAN, lambda d: d.update(joint_with=["council-404"]))
    f = data_error(portal, "data.reference")
    assert f["line"] == portal.line_of(JAN, "- council-404") and f["field"] == "joint_with[1]"


def test_joint_meeting_with_itself(portal):
    portal.edit_yaml(JAN, lambda d: d.update(joint_with=["council-001"]))
    assert data_error(portal, "data.reference")["params"] == {"id": "council-001"}


def test_joint_meeting_with_another_council_of_the_portal_passes(portal):
    shutil.copytree(portal.council, portal.root / "councils" / "council-002")
    portal.edit_yaml(JAN, lambda d: d.update(joint_with=["council-002"]))
    code, r = portal.check()
    assert (code, r.findings) == (0, [])


def test_recommendation_from_an_unknown_meeting_or_hearing(portal):
    portal.edit_yaml(REC, lambda d: d.update(meeting="2026-99", hearing="2026-h9"))
    found = portal.findings().of("data.reference")
    assert sorted((f["field"], f["line"]) for f in found) == [
        ("hearing", portal.line_of(REC, "hearing: 2026-h9")),
        ("meeting", portal.line_of(REC, "meeting: 2026-99")),
    ]


def test_recommendation_from_a_known_meeting_and_hearing_passes(portal):
    portal.edit_yaml(REC, lambda d: d.update(meeting="2026-03", hearing="2026-h1"))
    assert portal.findings().of("data.reference") == []


# --- data.date ---------------------------------------------------------------


def test_meeting_marked_held_in_the_future(portal):
    portal.edit_yaml(JAN, lambda d: d.update(date=D("2026-12-01"), agenda_published=D("2026-11-20"),
                                             protocol_published=D("2026-12-02")))
    f = data_error(portal, "data.date")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "date: 2026-12-01"), "date")


def test_protocol_published_before_the_meeting(portal):
    portal.edit_yaml(JAN, lambda d: d.update(protocol_published=D("2026-01-18")))
    f = data_error(portal, "data.date")
    assert f["line"] == portal.line_of(JAN, "protocol_published:") and f["field"] == "protocol_published"


def test_meeting_ending_before_it_starts(portal):
    portal.edit_yaml(JAN, lambda d: d.update(end_time="09:30"))
    f = data_error(portal, "data.date")
    assert f["line"] == portal.line_of(JAN, "end_time:")


def test_response_dated_before_the_recommendation_was_sent(portal):
    portal.edit_yaml(REC, lambda d: d["response"].update(date=D("2026-05-01")))  # sent 2026-05-05
    f = data_error(portal, "data.date")
    assert f["line"] == portal.line_of(REC, "response:", "date:") and f["field"] == "response.date"


def test_final_protocol_adopted_before_the_hearing(portal):
    portal.edit_yaml(H, lambda d: d["final_protocol"].update(adopted=D("2026-04-19")))
    f = data_error(portal, "data.date")
    assert f["line"] == portal.line_of(H, "adopted:") and f["field"] == "final_protocol.adopted"


def test_report_published_before_its_period_began(portal):
    rel = "reports/2026-h1.md"
    portal.edit_yaml(rel, lambda d: d.update(published=D("2025-12-20"), created=D("2025-12-20")))
    f = data_error(portal, "data.date")
    assert (f["file"], f["line"]) == (portal.file(rel), portal.line_of(rel, "published:"))


def test_membership_ending_before_it_started(portal):
    portal.edit_yaml(M, lambda d: d["members"][14].update(end=D("2024-12-31")))
    found = portal.findings().of("data.date")
    assert [(f["line"], f["field"]) for f in found] == [(portal.line_of(M, "id: m15", "end:"), "members[15].end")]


def test_term_ending_before_it_started(portal):
    portal.edit_yaml("council.yml", lambda d: d["term"].update(end=D("2024-12-31")))
    found = portal.findings().of("data.date")
    assert [(f["line"], f["field"]) for f in found] == [(portal.line_of("council.yml", "end:"), "term.end")]


def test_dates_in_order_pass(portal):
    portal.edit_yaml(JAN, lambda d: d.update(protocol_published=D("2026-01-19")))  # same day is fine
    assert portal.findings().of("data.date") == []


# --- data.attachment ---------------------------------------------------------


def test_attachment_file_missing_from_the_repository(portal):
    portal.edit_yaml(H, lambda d: d["materials"][0].update(file="attachments/draft-v2.pdf"))
    f = data_error(portal, "data.attachment")
    assert (f["file"], f["line"]) == (portal.file(H), portal.line_of(H, "file: attachments/draft-v2.pdf"))
    assert f["field"] == "materials[1].file"


def test_attachment_outside_the_council_folder(portal):
    portal.edit_yaml(H, lambda d: d["materials"][0].update(file="../council-002/attachments/draft.pdf"))
    f = data_error(portal, "data.attachment")
    assert f["line"] == portal.line_of(H, "file: ../council-002")


def test_attachment_with_an_absolute_path(portal):
    portal.edit_yaml(H, lambda d: d["materials"][0].update(file="/etc/hostname"))
    assert data_error(portal, "data.attachment")["params"] == {"file": "/etc/hostname"}


def test_attachment_present_in_the_council_folder_passes(portal):
    assert (portal.council / "attachments" / "draft.pdf").is_file()
    assert portal.findings().of("data.attachment") == []


# --- data.placeholder --------------------------------------------------------


def test_todo_left_in_a_title(portal):
    portal.edit_yaml(REC, lambda d: d["title"].update(ru="TODO: уточнить название"))
    f = data_error(portal, "data.placeholder")
    assert (f["file"], f["line"]) == (portal.file(REC), portal.line_of(REC, "TODO"))
    assert f["field"] == "title.ru" and f["params"] == {"placeholder": "TODO"}


def test_template_placeholder_left_in_protocol_body(portal):
    portal.edit_yaml(JAN, lambda d: None, body={
        "kk": "## Хаттама\n\nТөраға: <<аты-жөні>>", "ru": "## Протокол\n\nПредседатель: Әбенов Асқар"})
    f = data_error(portal, "data.placeholder")
    assert f["line"] == portal.line_of(JAN, "<<аты-жөні>>") and f["field"] == "body.kk"


def test_quotes_and_words_containing_todo_are_not_placeholders(portal):
    portal.edit_yaml(REC, lambda d: d["title"].update(ru="Рекомендация «О бюджете» (TODOLIST не при чём)"))
    assert portal.findings().of("data.placeholder") == []
