"""Limits on what a record file may hold, and typed rule settings: each attack as a named regression test.

A hostile or broken file (an alias bomb, a value nested hundreds of levels
deep, a tag with a bad value, a huge file, a control character) becomes a
data finding with file and line, quickly and in little memory; a rule
parameter of the wrong type or range in ``site_config.yml`` is reported on its
line and not used. Never a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import pytest

from conftest import run_cli

PLAN = "plans/2026.yml"
JAN = "meetings/2026-01.md"
MEMBERS = "members.yml"
TODAY = "2026-11-21"


def check(portal, *args: str) -> tuple[int, dict]:
    """The real command in a child process: exit code and JSON report, never a traceback."""
    proc = run_cli("check", str(portal.root), "--format", "json", "--today", TODAY, *args)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def only(data: dict, file: str) -> list[dict]:
    return [f for f in data["findings"] if f["file"] == file]


# --- exhaustion ---------------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    """A 1 KB YAML file whose aliases expand to 9**9 (387 million) strings."""
    lines = ["id: '2026'", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijk"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def run_bounded(portal, seconds: int = 60, memory: int = 1 << 30) -> tuple[subprocess.CompletedProcess, float]:
    """``ashyq check`` in a child limited to ``memory`` bytes of address space: (process, seconds taken)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "ashyq.cli", "check", str(portal.root), "--format", "json",
                           "--today", TODAY], capture_output=True, text=True, encoding="utf-8", env=env,
                          preexec_fn=limit, timeout=seconds)
    return proc, time.monotonic() - started


def test_alias_bomb_is_refused_fast_in_little_memory(portal):
    bomb = billion_laughs()
    assert len(bomb.encode()) < 1024
    portal.write(PLAN, bomb)
    proc, took = run_bounded(portal)
    assert "Traceback" not in proc.stdout + proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 1 and took < 30
    found = only(json.loads(proc.stdout), portal.file(PLAN))
    assert found and all(f["rule"].startswith("data.") for f in found)
    refused = [f for f in found if f["message"] and f["params"].get("name") == "a"]
    assert {(f["rule"], f["line"]) for f in refused} == {("data.syntax", 2), ("data.syntax", 3)}  # &a, then *a
    assert len([f for f in found if f["rule"] == "data.syntax"]) == 9 + 8 * 9  # every anchor and every alias


def test_alias_message_says_what_to_do(portal):
    portal.write(PLAN, portal.read(PLAN).replace("approved: 2026-01-12", "approved: &day 2026-01-12")
                 .replace("published: 2026-01-15", "published: *day"))
    code, data = check(portal, "--lang", "en")
    assert code == 1
    found = {(f["line"], f["message"]) for f in only(data, portal.file(PLAN)) if f["kind"] == "data"}
    assert found == {
        (portal.line_of(PLAN, "approved:"),
         "YAML anchors (&day) are not allowed in records: write the value out in full wherever it is needed."),
        (portal.line_of(PLAN, "published:"), "YAML aliases (*day) are not allowed in records: write the value out here."),
    }


@pytest.mark.parametrize("shape", ["flow-lists", "flow-mappings", "block-mappings", "block-lists"])
def test_value_nested_500_levels_is_refused_at_the_depth_limit(portal, shape):
    n = 500
    value = {
        "flow-lists": "[" * n + "]" * n,
        "flow-mappings": "{a: " * n + "1" + "}" * n,
        "block-mappings": "".join("\n" + "  " * (i + 1) + f"k{i}:" for i in range(n)) + " 1",
        "block-lists": "".join("\n" + "  " * (i + 1) + "-" for i in range(n)) + " 1",
    }[shape]
    portal.write(PLAN, portal.read(PLAN) + "notes: " + value + "\n")
    code, data = check(portal)
    found = only(data, portal.file(PLAN))
    assert code == 1 and [f["message"] for f in found] and len(found) == 1
    f = found[0]
    assert (f["rule"], f["params"]) == ("data.syntax", {"limit": 32})
    notes = portal.line_of(PLAN, "notes:")
    assert notes <= f["line"] <= notes + 33


def test_two_million_brackets_neither_crash_nor_hang(portal):
    # libyaml's own composer recurses in C (a segmentation fault) and its scanner slows down
    # quadratically with depth: the depth limit stops reading after 33 brackets.
    portal.write(PLAN, "id: '2026'\nitems: " + "[" * 2_000_000 + "]" * 2_000_000 + "\n")
    proc, took = run_bounded(portal)
    assert proc.returncode == 1 and took < 30, proc.stderr[-2000:]
    (f,) = only(json.loads(proc.stdout), portal.file(PLAN))
    assert (f["rule"], f["line"], f["params"]) == ("data.syntax", 2, {"limit": 32})


def test_record_larger_than_the_limit_is_refused_unread(portal):
    portal.config(lambda d: d.update(limits={"record_max_mb": 1}))
    portal.write(PLAN, portal.read(PLAN) + "# " + "x" * (1024 * 1024) + "\n")
    code, data = check(portal, "--lang", "ru")
    (f,) = only(data, portal.file(PLAN))
    assert code == 1 and (f["rule"], f["params"]) == ("data.syntax", {"size": "1.0", "limit": "1"})
    assert "превышает предел (1 МБ)" in f["message"]


def test_default_record_limit_is_five_megabytes(portal):
    portal.write(PLAN, portal.read(PLAN) + "# " + "x" * (5 * 1024 * 1024) + "\n")
    code, data = check(portal)
    (f,) = only(data, portal.file(PLAN))
    assert code == 1 and f["params"]["limit"] == "5"


@pytest.mark.parametrize("limits", [{"record_max_mb": 0}, {"record_max_mb": 101}, {"record_max_mb": "5"},
                                    {"max_depth": 1000}, {"max_depth": True}, {"max_size": 5}])
def test_limits_out_of_range_are_config_errors(portal, limits):
    portal.config(lambda d: d.update(limits=limits))
    code, data = check(portal)
    assert code == 1 and [f["rule"] for f in data["findings"]] == ["data.config"]
    assert data["findings"][0]["line"] == portal.line_of("site_config.yml", "limits:", next(iter(limits)))


# --- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("field, value, rule", [
    ("approved", "!!bool maybe", "data.type"),
    ("approved", "!!timestamp notadate", "data.date"),
    ("approved", "!!int x", "data.type"),
    ("approved", "!!float", "data.type"),
    ("approved", "!!binary aGVsbG8=", "data.syntax"),
    ("approved", "!!python/object:os.system {}", "data.syntax"),
    ("approved", "!!python/name:os.system", "data.syntax"),
    ("approved", "!!set {a, b}", "data.syntax"),
    ("approved", "!!omap [a]", "data.syntax"),
    ("approved", "!!pairs [a]", "data.syntax"),
    ("approved", "!foo bar", "data.syntax"),
    ("approved", "!<tag:example.com,2026:x> y", "data.syntax"),
])
def test_explicit_tag_with_a_bad_value_or_not_allowed_is_reported_on_its_line(portal, field, value, rule):
    portal.write(PLAN, portal.read(PLAN).replace("approved: 2026-01-12", f"approved: {value}"))
    code, data = check(portal)
    (f,) = only(data, portal.file(PLAN))  # reported once: the value is not checked again as a date
    assert code == 1 and (f["rule"], f["line"]) == (rule, portal.line_of(PLAN, "approved:"))


def test_core_tags_with_good_values_are_read(portal):
    portal.write(PLAN, portal.read(PLAN).replace("id: '2026'", "id: !!str 2026")
                 .replace("year: 2026", "year: !!int 2026").replace("approved: 2026-01-12", "approved: !!timestamp 2026-01-12"))
    code, data = check(portal)
    assert only(data, portal.file(PLAN)) == [] and code == 0


# --- bytes and characters -----------------------------------------------------------------------


def test_control_character_is_reported_with_line_and_column(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: he\x1bld"))
    code, data = check(portal, "--lang", "kk")
    (f,) = only(data, portal.file(JAN))
    assert code == 1 and (f["rule"], f["line"], f["column"]) == ("data.syntax", portal.line_of(JAN, "status:"), 11)
    assert f["params"] == {"code": "U+001B"} and "басқару таңбасы" in f["message"]


def test_bytes_that_are_not_utf8_are_reported_on_their_line(portal):
    text = portal.read(PLAN).encode()
    line = portal.line_of(PLAN, "published:")
    portal.write(PLAN, text.replace(b"published: 2026", b"published: \xff2026"))
    code, data = check(portal)
    (f,) = only(data, portal.file(PLAN))
    assert code == 1 and (f["rule"], f["line"]) == ("data.syntax", line)


def test_second_yaml_document_is_reported(portal):
    portal.write(PLAN, portal.read(PLAN) + "---\nid: other\n")
    code, data = check(portal)
    (f,) = only(data, portal.file(PLAN))
    assert code == 1 and (f["rule"], f["line"]) == ("data.syntax", portal.line_of(PLAN, "id: other") - 1)


def test_one_broken_file_does_not_stop_the_others(portal):
    portal.write(PLAN, billion_laughs())
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бір"))
    portal.write("plans/2025.yml", "id: '2025'\nyear: " + "[" * 100 + "\n")
    code, data = check(portal)
    files = {f["file"] for f in data["findings"] if f["kind"] == "data"}
    assert code == 1 and files == {portal.file(PLAN), portal.file(JAN), portal.file("plans/2025.yml")}


def test_broken_members_file_does_not_make_attendance_unknown(portal):
    portal.write(MEMBERS, portal.read(MEMBERS).replace("role: member", "role: &r member", 1))
    code, data = check(portal)
    assert code == 1 and {f["rule"] for f in data["findings"]} == {"data.syntax"}


# --- rule settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("rule, param, value", [
    ("composition.size", "local_min", "nine"),
    ("meeting.decisions-published", "working_days", 2.5),
    ("meeting.decisions-published", "working_days", -5),
    ("meeting.decisions-published", "working_days", 100000000),
    ("meeting.decisions-published", "working_days", True),
    ("meeting.decisions-published", "working_days", None),
    ("hearing.announced", "days", 100000000),
    ("report.annual", "due_month", 13),
    ("report.annual", "due_day", 2.5),
    ("meeting.quorum", "share", 1.5),
    ("meeting.quorum", "share", 0),
    ("composition.renewal", "months_before", -1),
    ("plan.annual", "grace_days", "30"),
])
def test_rule_parameter_of_wrong_type_or_range_is_reported_and_not_used(portal, rule, param, value):
    portal.config(lambda d: d.setdefault("rules", {}).update({rule: {param: value}}))
    code, data = check(portal, "--lang", "en")
    (f,) = data["findings"]
    assert code == 1 and (f["rule"], f["file"], f["field"]) == ("data.config", "site_config.yml",
                                                                 f"rules.{rule}.{param}")
    assert f["line"] == portal.line_of("site_config.yml", f"{rule}:", f"{param}:")
    assert f"parameter '{param}' of '{rule}' must be a" in f["message"]


def test_rule_parameter_in_a_council_override_is_reported_on_its_line(portal):
    portal.config(lambda d: d.update(councils={portal.slug: {"rules": {
        "meeting.decisions-published": {"working_days": "three"}}}}))
    code, data = check(portal, "--lang", "ru")
    (f,) = data["findings"]
    assert f["field"] == f"councils.{portal.slug}.rules.meeting.decisions-published.working_days"
    assert f["line"] == portal.line_of("site_config.yml", "councils:", "working_days:")
    assert f["message"] == ("параметр «working_days» правила «meeting.decisions-published» должен быть целым "
                            "числом от 0 до 60, а не «three».")


def test_minimum_above_maximum_is_reported_and_the_defaults_kept(portal):
    portal.config(lambda d: d["rules"].update({"composition.size": {"local_min": 20, "local_max": 10}}))
    code, data = check(portal, "--lang", "en")
    (f,) = data["findings"]
    assert code == 1 and f["field"] == "rules.composition.size"
    assert f["message"] == "in 'composition.size', local_min (20) must not be greater than local_max (10)."


def test_annual_report_due_on_a_day_some_years_lack_is_refused(portal):
    portal.config(lambda d: d.setdefault("rules", {}).update({"report.annual": {"due_month": 2, "due_day": 29}}))
    code, data = check(portal)
    (f,) = data["findings"]
    assert code == 1 and f["params"] == {"rule": "report.annual", "month": 2, "day": 29}


def test_good_rule_parameters_still_apply(portal):
    # A deadline of 0 working days: every protocol published after its meeting day is late.
    portal.config(lambda d: d.setdefault("rules", {}).update({"meeting.decisions-published": {"working_days": 0}}))
    code, data = check(portal)
    assert code == 0 and {f["rule"] for f in data["findings"]} == {"meeting.decisions-published"}


@pytest.mark.parametrize("lang, text", [
    ("kk", "2026-03-27 күні әрі calendar.holidays_cancelled, әрі calendar.holidays_added тізімінде тұр"),
    ("ru", "дата 2026-03-27 указана и в calendar.holidays_cancelled, и в calendar.holidays_added"),
    ("en", "the date 2026-03-27 is both in calendar.holidays_cancelled and in calendar.holidays_added"),
])
def test_calendar_contradiction_is_explained_in_the_users_language_on_the_entry(portal, lang, text):
    portal.config(lambda d: d.update(calendar={"holidays_added": [{"date": "2026-03-27"}],
                                               "holidays_cancelled": ["2026-03-20", "2026-03-27"]}))
    code, data = check(portal, "--lang", lang)
    (f,) = data["findings"]
    assert code == 1 and text in f["message"] and "Value error" not in f["message"]
    assert f["line"] == portal.line_of("site_config.yml", "holidays_cancelled:", "2026-03-27")


def test_working_day_on_a_weekday_points_at_its_date(portal):
    portal.config(lambda d: d.update(calendar={"working_days_added": [{"date": "2026-12-26"},
                                                                      {"date": "2026-12-24"}]}))
    code, data = check(portal)
    (f,) = data["findings"]
    assert f["field"] == "calendar.working_days_added[2].date"
    assert f["line"] == portal.line_of("site_config.yml", "2026-12-24")
