"""Meeting rules: agenda before the meeting, protocol and decisions after it, quorum.

The clean meeting ``meetings/2026-01.md`` was held on Monday 2026-01-19,
its agenda published 2026-01-14, its protocol 2026-01-21, with members
m01–m11 present (of 15 voting members) and one decision voted 11–0–0.
"""

from __future__ import annotations

import datetime as dt

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"
DEC = "meetings/2025-12.md"
BODY = {"kk": "## Хаттама\n\nМәселе талқыланды.", "ru": "## Протокол\n\nВопрос обсуждён."}


def december_meeting(protocol_published: str | None = None, **extra) -> dict:
    """A meeting held on Monday 15 December 2025, the day before Independence Day."""
    data = {
        "id": "2025-12", "number": 9,
        "title": {"kk": "Желтоқсан отырысы", "ru": "Декабрьское заседание"},
        "date": D("2025-12-15"), "time": "10:00",
        "place": {"kk": "Әкімдік, 305 кабинет", "ru": "Акимат, кабинет 305"},
        "status": "held",
        "agenda_published": D("2025-12-10"),
        "agenda": [{"title": {"kk": "Бюджет", "ru": "Бюджет"}}],
        "attendance": [f"m{i:02d}" for i in range(1, 12)],
        "decisions": [{"item": 1, "text": {"kk": "Назарға алынсын.", "ru": "Принять к сведению."},
                       "votes": {"for": 11, "against": 0, "abstained": 0}}],
        "created": D("2025-12-10"),
    }
    if protocol_published:
        data["protocol_published"] = D(protocol_published)
    data.update(extra)
    return data


# --- meeting.agenda-published ----------------------------------------------


def test_agenda_published_on_the_meeting_day_is_late(portal):
    portal.edit_yaml(JAN, lambda d: d.update(agenda_published=D("2026-01-19")))
    f = portal.findings().one("meeting.agenda-published")
    assert f["file"] == portal.file(JAN)
    assert f["line"] == portal.line_of(JAN, "agenda_published:")
    # Late against the portal's lead time, not the law: the law fixes none.
    assert (f["kind"], f["severity"], f["level"], f["field"]) == ("compliance", "W", "portal", "agenda_published")
    assert f["params"]["days"] == 0


def test_agenda_published_the_day_before_passes(portal):
    portal.edit_yaml(JAN, lambda d: d.update(agenda_published=D("2026-01-18")))
    assert portal.findings().of("meeting.agenda-published") == []


def test_agenda_never_published_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d.pop("agenda_published"))
    f = portal.findings().one("meeting.agenda-published")
    assert f["file"] == portal.file(JAN) and f["field"] == "agenda_published"


def test_meeting_without_agenda_items_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: (d.update(agenda=[]), d.pop("decisions")))
    r = portal.findings()
    f = next(f for f in r.of("meeting.agenda-published") if f["field"] == "agenda")
    assert f["line"] == portal.line_of(JAN, "agenda: []")


def test_future_meeting_may_not_have_its_agenda_yet(portal):
    portal.write_record("meetings/2026-12.md", {
        "id": "2026-12", "title": {"kk": "Желтоқсан", "ru": "Декабрь"}, "date": D("2026-12-10"),
        "status": "planned", "created": D("2026-11-20"),
    })
    assert portal.findings().of("meeting.agenda-published") == []
    late = portal.findings(today="2026-12-09").of("meeting.agenda-published")
    assert {f["field"] for f in late} == {"agenda_published", "agenda"}


def test_agenda_lead_time_is_configurable(portal):
    portal.config(lambda d: d["rules"].update({"meeting.agenda-published": {"lead_days": 7}}))
    late = portal.findings().of("meeting.agenda-published")  # every agenda went out 5 days ahead
    assert late and all(f["params"]["lead"] == 7 for f in late)


def test_cancelled_meeting_needs_no_agenda(portal):
    portal.edit_yaml(JAN, lambda d: (d.pop("agenda_published"), d.update(status="cancelled")))
    assert portal.findings().of("meeting.agenda-published") == []


# --- meeting.decisions-published -------------------------------------------


def test_protocol_deadline_skips_independence_day(portal):
    # Held Mon 15 Dec 2025; 16 Dec is a holiday: 17, 18, 19 Dec are the three working days.
    portal.write_record(DEC, december_meeting("2025-12-19"), BODY)
    assert portal.findings().of("meeting.decisions-published") == []


def test_protocol_published_after_three_working_days_is_late(portal):
    portal.write_record(DEC, december_meeting("2025-12-22"), BODY)
    f = portal.findings().one("meeting.decisions-published")
    assert f["file"] == portal.file(DEC)
    assert f["line"] == portal.line_of(DEC, "protocol_published: 2025-12-22")
    assert (f["kind"], f["field"]) == ("compliance", "protocol_published")
    assert f["params"]["deadline"] == "2025-12-19" and f["params"]["days"] == 3


def test_decree_day_off_in_site_config_extends_the_protocol_deadline(portal):
    portal.write_record(DEC, december_meeting("2025-12-22"), BODY)
    portal.config(lambda d: d.update(calendar={"holidays_added": [
        {"date": D("2025-12-17"), "name": {"kk": "Демалыс күні", "ru": "Выходной день"}}]}))
    assert portal.findings().of("meeting.decisions-published") == []


def test_working_days_for_the_protocol_are_configurable(portal):
    portal.write_record(DEC, december_meeting("2025-12-22"), BODY)
    portal.config(lambda d: d["rules"].update({"meeting.decisions-published": {"working_days": 4}}))
    assert portal.findings().of("meeting.decisions-published") == []


def test_protocol_never_published_is_reported(portal):
    portal.write_record(DEC, december_meeting(None), BODY)
    f = portal.findings().one("meeting.decisions-published")
    assert f["file"] == portal.file(DEC) and f["field"] == "protocol_published"
    assert f["params"]["deadline"] == "2025-12-19"


def test_past_meeting_still_marked_planned_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d.update(status="planned"))
    f = portal.findings().one("meeting.decisions-published")
    assert f["line"] == portal.line_of(JAN, "status: planned") and f["field"] == "status"


def test_held_meeting_without_decisions_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d.update(decisions=[]))
    f = portal.findings().one("meeting.decisions-published")
    assert f["line"] == portal.line_of(JAN, "decisions: []")


def test_held_meeting_without_protocol_text_or_file_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: None, body="")
    f = portal.findings().one("meeting.decisions-published")
    assert f["file"] == portal.file(JAN) and f["line"] is not None


def test_protocol_as_attachment_instead_of_text_passes(portal):
    portal.write("attachments/protocol-1.pdf", b"%PDF-1.4\n")
    portal.edit_yaml(JAN, lambda d: d.update(attachments=[
        {"file": "attachments/protocol-1.pdf", "title": {"kk": "Хаттама", "ru": "Протокол"}}]), body="")
    assert portal.findings().of("meeting.decisions-published") == []


def test_postponed_meeting_needs_no_protocol(portal):
    portal.write_record(DEC, december_meeting(None, status="postponed"))
    assert portal.findings().of("meeting.decisions-published") == []


def test_decisions_published_severity_override_and_switch_off(portal):
    portal.write_record(DEC, december_meeting("2025-12-22"), BODY)
    portal.config(lambda d: d["rules"].update({"meeting.decisions-published": {"severity": "W"}}))
    assert portal.findings().one("meeting.decisions-published")["severity"] == "W"
    portal.config(lambda d: d["rules"].update({"meeting.decisions-published": {"enabled": False}}))
    assert portal.findings().of("meeting.decisions-published") == []


# --- meeting.quorum ----------------------------------------------------------


def _attendance(n: int):
    def edit(d):
        d["attendance"] = [f"m{i:02d}" for i in range(1, n + 1)]
        d["decisions"][0]["votes"]["for"] = n
    return edit


def test_nine_of_fifteen_present_is_no_quorum(portal):
    portal.edit_yaml(JAN, _attendance(9))
    f = portal.findings().one("meeting.quorum")
    assert f["file"] == portal.file(JAN)
    attendance = portal.line_of(JAN, "attendance:")
    assert f["line"] in (attendance, attendance + 1)  # the key or the first member listed
    assert f["params"] == {"present": 9, "total": 15, "need": 10}
    assert f["kind"] == "compliance"


def test_ten_of_fifteen_present_is_a_quorum(portal):
    portal.edit_yaml(JAN, _attendance(10))
    assert portal.findings().of("meeting.quorum") == []


def test_staff_secretary_in_attendance_does_not_make_quorum(portal):
    portal.edit_yaml(JAN, lambda d: (_attendance(9)(d), d["attendance"].append("secretary")))
    assert len(portal.findings().of("meeting.quorum")) == 1


def test_held_meeting_without_attendance_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d.pop("attendance"))
    f = portal.findings().one("meeting.quorum")
    assert f["field"] == "attendance"


def test_more_votes_than_members_present_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d["decisions"][0]["votes"].update({"for": 12}))
    f = portal.findings().one("meeting.quorum")
    votes = portal.line_of(JAN, "decisions:", "votes:")
    assert f["line"] in (votes, votes + 1)  # the votes: key or the first line of its block
    assert f["field"] == "decisions[1].votes"
    assert f["params"] == {"cast": 12, "present": 11}


def test_quorum_share_is_configurable(portal):
    portal.config(lambda d: d["rules"].update({"meeting.quorum": {"share": 0.8}}))
    assert portal.findings().of("meeting.quorum")  # 11 of 15 is less than 80 %
