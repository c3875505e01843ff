"""Roll-call votes: the format, the ``meeting.votes`` rule, quorum and majority from the roll call.

The synthetic council has 15 voting members (m01–m15) and a staff secretary;
meeting 2026-03 (17 April 2026) is held with m01–m11 present (quorum: 10) and
one decision on item 1, 11 votes for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ashyq.kinds.meeting.model import Decision, Meeting, RollCall
from ashyq.kinds.meeting.rollcall import absent, tally, totals, votes_of
from ashyq.models import Composition
from ashyq.rules import catalogue
from conftest import PortalFiles

REPO = Path(__file__).resolve().parents[1]
M = "meetings/2026-03.md"
PRESENT = [f"m{i:02d}" for i in range(1, 12)]


def decide(portal: PortalFiles, votes: dict | None, roll_call: dict | None, attendance: list[str] | None = None,
           meeting: str = M) -> None:
    def change(data: dict) -> None:
        decision = data["decisions"][0]
        decision.pop("votes", None)
        if votes is not None:
            decision["votes"] = votes
        if roll_call is not None:
            decision["roll_call"] = roll_call
        if attendance is not None:
            data["attendance"] = attendance
    portal.edit_yaml(meeting, change)


def keys(portal: PortalFiles, rule: str) -> list[tuple[str, str | None]]:
    return [(f["message"], f["field"]) for f in portal.findings().of(rule)]


# --------------------------------------------------------------------- the format, computed


def composition(n: int = 5) -> Composition:
    return Composition(members=[{"id": f"p{i}", "name": f"P{i}", "category": "civil-society", "start": "2025-01-01"}
                                for i in range(1, n + 1)])


def meeting(attendance: list[str], decision: dict) -> Meeting:
    return Meeting(id="x", date="2026-03-12", status="held", attendance=attendance,
                   agenda=[{"title": {"kk": "a", "ru": "a"}}], decisions=[decision])


def test_only_the_minority_is_written_and_the_rest_follows():
    rec = meeting(["p1", "p2", "p3", "p4"], {"item": 1, "text": {"kk": "t", "ru": "t"},
                                             "roll_call": {"against": ["p2"], "rest": "for"}})
    comp = composition()
    votes = votes_of(rec, rec.decisions[0], comp)
    assert votes == {"p1": "for", "p2": "against", "p3": "for", "p4": "for", "p5": "absent"}
    assert absent(rec, comp) == ["p5"]
    assert totals(rec, rec.decisions[0], comp).model_dump(by_alias=True) == {"for": 3, "against": 1, "abstained": 0}


def test_without_rest_the_others_did_not_vote_and_absent_at_the_vote_counts():
    rec = meeting(["p1", "p2", "p3", "p4"], {"item": 1, "text": {"kk": "t", "ru": "t"},
                                             "roll_call": {"for": ["p1"], "absent": ["p4"]}})
    votes = votes_of(rec, rec.decisions[0], composition())
    assert votes == {"p1": "for", "p2": "not_voting", "p3": "not_voting", "p4": "absent", "p5": "absent"}
    assert tally(votes).cast == 1


def test_written_totals_win_over_the_count_and_no_roll_call_means_none():
    d = Decision(item=1, text={"kk": "t", "ru": "t"}, votes={"for": 2})
    rec = meeting(["p1"], d.model_dump(by_alias=True, exclude_none=True))
    assert votes_of(rec, rec.decisions[0], composition()) is None
    assert totals(rec, rec.decisions[0], composition()).for_ == 2
    assert RollCall.model_validate({"for": ["a"], "rest": "against"}).listed() == [("for", 0, "a")]


# --------------------------------------------------------------------- meeting.votes


def test_agreeing_totals_and_roll_call_are_quiet(portal: PortalFiles):
    decide(portal, {"for": 9, "against": 1, "abstained": 1}, {"against": ["m02"], "abstained": ["m03"], "rest": "for"})
    report = portal.findings()
    assert report.of("meeting.votes") == [] and report.of("meeting.quorum") == []


def test_disagreeing_totals_name_each_mismatch(portal: PortalFiles):
    decide(portal, {"for": 10, "against": 1, "abstained": 0}, {"against": ["m02"], "abstained": ["m03"], "rest": "for"})
    code, report = portal.check()
    found = report.of("meeting.votes")
    assert code != 0 and {f["kind"] for f in found} == {"data"}
    messages = sorted(f["message"] for f in found)
    assert len(found) == 2 and all(f["file"] == portal.file(M) and f["field"] == "decisions[1].votes" for f in found)
    assert "10" in messages[0] + messages[1] and "9" in messages[0] + messages[1]
    assert all(f["line"] == portal.line_of(M, "decisions:", "votes:") for f in found)


@pytest.mark.parametrize("roll, field, word", [
    ({"against": ["nobody"], "rest": "for"}, "decisions[1].roll_call.against[1]", "nobody"),
    ({"against": ["secretary"], "rest": "for"}, "decisions[1].roll_call.against[1]", "secretary"),
    ({"against": ["m02", "m02"], "rest": "for"}, "decisions[1].roll_call.against[2]", "m02"),
    ({"abstained": ["m14"], "rest": "for"}, "decisions[1].roll_call.abstained[1]", "m14"),
])
def test_who_is_named_must_be_a_present_voting_member_once(portal: PortalFiles, roll, field, word):
    decide(portal, None, roll)
    found = portal.findings().one("meeting.votes")
    assert found["field"] == field and word in found["message"] and found["kind"] == "data"


def test_a_roll_call_on_a_meeting_not_held_is_an_error(portal: PortalFiles):
    decide(portal, None, {"rest": "for"})
    portal.edit_yaml(M, lambda d: d.update(status="postponed"))
    found = portal.findings().one("meeting.votes")
    assert found["field"] == "decisions[1].roll_call" and "postponed" in found["message"]


# --------------------------------------------------------------------- quorum and majority from the roll call


def test_quorum_is_checked_at_each_vote_from_the_roll_call(portal: PortalFiles):
    decide(portal, None, {"absent": ["m09", "m10"], "rest": "for"})  # 11 at the meeting, 9 at the vote; need 10
    found = portal.findings().one("meeting.quorum")
    assert found["field"] == "decisions[1].roll_call" and "9" in found["message"] and "10" in found["message"]


def test_more_than_half_of_those_present_must_vote_for(portal: PortalFiles):
    decide(portal, None, {"for": ["m01", "m02", "m03", "m04", "m05"], "rest": "against"})  # 5 of 11
    found = portal.findings().one("meeting.quorum")
    assert found["field"] == "decisions[1]" and "5" in found["message"] and "11" in found["message"]
    decide(portal, None, {"against": ["m01", "m02", "m03", "m04", "m05"], "rest": "for"})  # 6 of 11: adopted
    assert portal.findings().of("meeting.quorum") == []


def test_the_same_majority_check_reads_written_totals(portal: PortalFiles):
    decide(portal, {"for": 4, "against": 4, "abstained": 3}, None)
    assert portal.findings().one("meeting.quorum")["field"] == "decisions[1]"


# --------------------------------------------------------------------- catalogue and reference


def test_the_rule_is_documented_as_a_data_error():
    entry = catalogue()["meeting.votes"]
    assert (entry["family"], entry["kind"], entry["severity"]) == ("meeting", "data", "E")
    assert all(entry[part][lang] for part in ("title", "explanation", "fix") for lang in ("kk", "ru", "en"))


def reference_example(lang: str) -> str:
    page = (REPO / "content" / lang / "reference" / "meetings.md").read_text(encoding="utf-8")
    found = re.search(r'```yaml title="[^"]*roll_call[^"]*"\n(.*?)```|```yaml title="[^"]*"\ndecisions:\n(.*?)```',
                      page, re.S)
    assert found, lang
    block = re.search(r'```yaml title="[^"]+"\n(decisions:\n.*?)```', page, re.S)
    assert block, lang
    return block.group(1)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reference_example_passes_the_check(portal: PortalFiles, lang: str):
    assert reference_example(lang) == reference_example("ru")
    example = yaml.safe_load(reference_example(lang))["decisions"]
    for doc in ("kk", "ru"):
        page = (REPO / "content" / doc / "reference" / "meetings.md").read_text(encoding="utf-8")
        for field in ("roll_call.for", "roll_call.against", "roll_call.abstained", "roll_call.not_voting",
                      "roll_call.absent", "roll_call.rest", "meeting.votes"):
            assert f"`{field}`" in page, (doc, field)

    def rename(data: dict) -> None:  # the example's member ids, as in the members.yml reference
        for m in data["members"]:
            m["id"] = {"m14": "kim-v", "m15": "abdrakhmanov-k"}.get(m["id"], m["id"])
    portal.edit_yaml("members.yml", rename)
    portal.edit_yaml(M, lambda d: d.update(attendance=["m01", "m02", "m03", "m04", "m05", "kim-v", "abdrakhmanov-k"],
                                           decisions=example))
    report = portal.findings()
    assert [f for f in report.findings if f["kind"] != "compliance"] == []
    assert report.of("meeting.votes") == []
