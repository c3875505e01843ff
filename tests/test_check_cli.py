"""``ashyq check`` tried as a new user would: break a record, read what the command says.

Most tests here run the real command in a child process (as CI does) and
check that neither stdout nor stderr shows a Python traceback, whatever the
files hold. Exit codes: 0 fine (compliance findings only), 1 data or safety
errors (or any finding with --strict), 2 wrong usage.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import run_cli, run_main

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"
FEB = "meetings/2026-02.md"
H = "hearings/2026-h1.md"
REC = "recommendations/2026-r2.yml"
IIN = "850412300006"
TODAY = "2026-11-21"
JSON_KEYS = {"format_version", "tool", "today", "lang", "strict", "failed", "summary", "findings"}
FINDING_KEYS = {"rule", "kind", "severity", "level", "file", "line", "column", "field", "council", "record", "message",
                "params"}


def check(portal, *args, fmt="json", today=TODAY):
    """Run ``python -m ashyq.cli check ROOT`` in a child process; never a traceback."""
    proc = portal.run_cli("check", str(portal.root), "--format", fmt, "--today", today, *args)
    assert "Traceback" not in proc.stdout and "Traceback" not in proc.stderr, proc.stderr
    return proc


def report(portal, *args, **kw):
    proc = check(portal, *args, **kw)
    return proc.returncode, json.loads(proc.stdout)


def quick(portal, *args):
    """The same check run in this process (faster), for tests about settings and output."""
    return portal.check(*args)


def the(data, rule):
    found = [f for f in data["findings"] if f["rule"] == rule]
    assert len(found) == 1, [(f["rule"], f["file"], f["line"]) for f in data["findings"]]
    return found[0]


# --- a clean portal ----------------------------------------------------------


def test_clean_portal_passes_with_no_findings(portal):
    code, data = report(portal)
    assert code == 0 and data["findings"] == [] and data["failed"] is False
    assert data["summary"] == {"data": 0, "safety": 0, "compliance": 0}


def test_text_output_of_a_clean_portal_is_one_summary_line(portal):
    proc = check(portal, fmt="text", today=TODAY)
    assert proc.returncode == 0
    assert proc.stdout.strip().count("\n") == 0 and proc.stdout.strip()


# --- each way a record breaks ------------------------------------------------


def test_yaml_syntax_error(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: held: yes"))
    code, data = report(portal)
    f = the(data, "data.syntax")
    assert (f["file"], f["line"], f["kind"]) == (portal.file(JAN), portal.line_of(JAN, "status: held: yes"), "data")
    assert code == 1


def test_text_where_a_number_is_expected(portal):
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бірінші"))
    code, data = report(portal)
    f = the(data, "data.type")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "number: бірінші"), "number")
    assert code == 1


def test_misspelt_field_suggests_the_right_one(portal):
    portal.write(JAN, portal.read(JAN).replace("protocol_published:", "protocol_publised:"))
    code, data = report(portal, "--lang", "en")
    f = the(data, "data.unknown-field")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "protocol_publised:"))
    assert "did you mean 'protocol_published'" in f["message"]
    assert code == 1


def test_unknown_member_in_attendance(portal):
    portal.write(JAN, portal.read(JAN).replace("- m11", "- m11\n- m42"))
    code, data = report(portal)
    f = the(data, "data.reference")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "- m42"), "attendance[12]")
    assert code == 1


def test_unknown_council_in_joint_with(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: held\njoint_with: [almaty-city]"))
    code, data = report(portal)
    f = the(data, "data.reference")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "joint_with:"))
    assert code == 1


def test_duplicate_record_id(portal):
    portal.write(FEB, portal.read(FEB).replace("id: 2026-02", "id: 2026-01"))
    code, data = report(portal)
    found = [f for f in data["findings"] if f["rule"] == "data.duplicate-id"]
    assert {(f["file"], f["line"]) for f in found} == {(portal.file(JAN), 2), (portal.file(FEB), 2)}
    assert code == 1


def test_date_that_does_not_exist(portal):
    portal.write(JAN, portal.read(JAN).replace("date: 2026-01-19", "date: 2025-02-30"))
    code, data = report(portal)
    f = the(data, "data.date")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "2025-02-30"), "date")
    assert code == 1


def test_missing_kazakh_text_is_a_data_error(portal):
    portal.edit_yaml(REC, lambda d: d["text"].pop("kk"))
    code, data = report(portal)
    f = the(data, "language.state")
    text = portal.line_of(REC, "text:")
    assert (f["file"], f["kind"]) == (portal.file(REC), "data")  # the record is incomplete; the build still stops
    assert f["line"] in (text, text + 1)
    assert code == 1 and data["summary"]["data"] == 1 and data["summary"]["safety"] == 0


def test_iin_in_protocol_body_is_reported_on_the_body_line(portal):
    portal.write(JAN, portal.read(JAN).replace("Обсуждён вопрос:", f"Житель (ИИН {IIN}) выступил.\nОбсуждён вопрос:"))
    code, data = report(portal)
    f = the(data, "privacy.personal-data")
    assert (f["file"], f["line"], f["kind"]) == (portal.file(JAN), portal.line_of(JAN, "ИИН"), "safety")
    assert IIN not in json.dumps(data, ensure_ascii=False)  # never printed into a public CI log
    assert code == 1


def test_hearing_announced_five_days_ahead_is_a_finding_not_an_error(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    code, data = report(portal)
    f = the(data, "hearing.announced")
    assert (f["file"], f["line"], f["kind"]) == (portal.file(H), portal.line_of(H, "announced:"), "compliance")
    assert code == 0 and data["failed"] is False and data["strict"] is False
    code, data = report(portal, "--strict")
    assert code == 1 and data["failed"] is True and data["strict"] is True


def test_strict_in_site_config_fails_on_findings_too(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    portal.config(lambda d: d.update(strict=True))
    assert quick(portal)[0] == 1


def test_duplicate_key_is_reported_without_traceback(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: held\nstatus: planned"))
    code, data = report(portal)
    f = the(data, "data.syntax")
    assert (f["line"], code) == (portal.line_of(JAN, "status: planned"), 1)


# --- files that are not records at all ---------------------------------------


@pytest.mark.parametrize("name, content", [
    ("binary.yml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00"),
    ("empty.yml", b""),
    ("list.yml", "- id: a\n- id: b\n".encode()),
    ("control.yml", "id: x\x07\ntitle: {kk: \x1b[31m}\n".encode()),
    ("only-comment.yml", b"# draft\n"),
    ("scalar.yml", b"just some words\n"),
])
def test_garbage_in_a_record_folder_is_reported_without_traceback(portal, name, content):
    portal.write(f"recommendations/{name}", content)
    code, data = report(portal)
    assert code == 1
    assert {f["file"] for f in data["findings"]} == {portal.file(f"recommendations/{name}")}
    assert all(f["kind"] == "data" for f in data["findings"])


@pytest.mark.parametrize("name, content", [
    ("binary.md", b"\x00\x01\x02\xff"),
    ("empty.md", b""),
    ("fm-list.md", "---\n- a\n- b\n---\n<!-- lang: kk -->\nМәтін\n".encode()),
    ("unclosed.md", "---\nid: x\ndate: 2026-01-01\n".encode()),
])
def test_garbage_markdown_is_reported_without_traceback(portal, name, content):
    portal.write(f"meetings/{name}", content)
    code, data = report(portal)
    assert code == 1 and {f["file"] for f in data["findings"]} == {portal.file(f"meetings/{name}")}


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"", b"- a\n- b\n", b"title: [unclosed\n"])
def test_broken_site_config_is_reported_without_traceback(portal, content):
    portal.write("site_config.yml", content)
    code, data = report(portal)
    assert code == 1 and {f["rule"] for f in data["findings"]} <= {"data.config"} and data["findings"]


def test_control_character_is_reported_on_its_line(portal):
    portal.write(REC, portal.read(REC).replace("addressee:", "addressee:\x07", 1))
    code, data = report(portal)
    f = the(data, "data.syntax")
    assert f["line"] == portal.line_of(REC, "addressee:")


# --- all problems in one run -------------------------------------------------


def test_three_broken_files_give_three_errors_in_one_run(portal):
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бір"))
    portal.write(FEB, portal.read(FEB).replace("status: held", "stauts: held"))
    portal.edit_yaml(REC, lambda d: None)  # written out in full, without YAML anchors
    portal.write(REC, portal.read(REC).replace("sent: 2026-05-05", "sent: 2026-13-01"))
    code, data = report(portal)
    assert code == 1
    assert sorted((f["file"], f["rule"]) for f in data["findings"]) == sorted([
        (portal.file(JAN), "data.type"),
        (portal.file(FEB), "data.unknown-field"),
        (portal.file(REC), "data.date"),
    ])
    assert data["summary"]["data"] == 3


# --- output formats ----------------------------------------------------------


def test_json_output_has_the_documented_keys(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    code, data = quick(portal, "--lang", "ru")
    assert set(data) == JSON_KEYS
    assert data["format_version"] == 1 and data["tool"].startswith("ashyq ")
    assert (data["today"], data["lang"], data["strict"], data["failed"]) == (TODAY, "ru", False, False)
    assert data["summary"] == {"data": 0, "safety": 0, "compliance": 1}
    [f] = data["findings"]
    assert set(f) == FINDING_KEYS
    assert (f["council"], f["record"]) == ("council-001", "council-001/hearing/2026-h1")


GITHUB = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=([^:]+)::(.+)$")


def test_github_format_annotates_errors_and_warnings(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бір"))
    proc = check(portal, fmt="github")
    assert proc.returncode == 1
    annotations = [GITHUB.match(line) for line in proc.stdout.splitlines() if line.startswith("::")]
    assert all(annotations), proc.stdout
    got = {(m[1], m[2], int(m[3]), m[4]) for m in annotations}
    assert got == {
        ("error", portal.file(JAN), portal.line_of(JAN, "number:"), "data.type"),
        ("warning", portal.file(H), portal.line_of(H, "announced:"), "hearing.announced"),
    }


def test_github_format_with_strict_makes_findings_errors(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    proc = check(portal, "--strict", fmt="github")
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=")


def test_github_annotations_stay_on_one_line_whatever_the_message(portal):
    portal.write("recommendations/control.yml", "id: x\x07\n")  # the YAML reader's message spans lines
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: held: yes"))
    proc = check(portal, fmt="github")
    lines = proc.stdout.splitlines()
    assert proc.returncode == 1 and len(lines) == 3
    assert all(line.startswith("::error file=") for line in lines[:2])


def test_text_format_names_file_line_rule_and_field(portal):
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бір"))
    proc = check(portal, "--lang", "en", fmt="text")
    first = proc.stdout.splitlines()[0]
    line = portal.line_of(JAN, "number:")
    assert first.startswith(f"{portal.file(JAN)}:{line}:")
    assert "[data.type]" in first and "(number)" in first and "data error" in first
    assert proc.stdout.splitlines()[-1].startswith("Failed:")


@pytest.mark.parametrize("lang, word", [("kk", "хабарланды"), ("ru", "объявлено"), ("en", "announced on")])
def test_message_language(portal, lang, word):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    _, data = quick(portal, "--lang", lang)
    assert word in the(data, "hearing.announced")["message"]


def test_messages_are_kazakh_by_default(portal):
    portal.write(JAN, portal.read(JAN).replace("number: 1", "number: бір"))
    proc = check(portal, fmt="text")
    assert re.search("[әғқңөұүһі]", proc.stdout)


def test_english_messages_have_no_cyrillic_apart_from_the_data(portal):
    portal.write(FEB, portal.read(FEB).replace("status: held", "stauts: held"))
    _, data = quick(portal, "--lang", "en")
    assert not re.search("[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]", the(data, "data.unknown-field")["message"])


# --- usage errors: exit 2 ----------------------------------------------------


def test_unknown_option_is_a_usage_error(portal):
    proc = portal.run_cli("check", str(portal.root), "--frmat", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--frmat" in proc.stderr


def test_path_that_is_a_file_is_a_usage_error(portal):
    proc = portal.run_cli("check", str(portal.root / "site_config.yml"), "--lang", "en")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr + proc.stdout
    assert "not a folder" in proc.stderr


def test_path_that_does_not_exist_is_a_usage_error(portal):
    proc = portal.run_cli("check", str(portal.root / "no-such-folder"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_impossible_today_is_a_usage_error(portal):
    proc = portal.run_cli("check", str(portal.root), "--today", "2026-02-30")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "2026-02-30" in proc.stderr


def test_no_command_is_a_usage_error():
    assert run_main([])[0] == 2


def test_check_defaults_to_the_current_folder(portal):
    proc = run_cli("check", "--today", TODAY, cwd=portal.root)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(portal):
    # `ashyq check | head`: the pipe's reader is gone before the command writes (ashyq.cli:run).
    read, write = os.pipe()
    os.close(read)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    try:
        proc = subprocess.run([sys.executable, "-m", "ashyq.cli", "check", str(portal.root), "--today", TODAY],
                              stdout=write, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr


# --- rule configuration in site_config.yml ----------------------------------


def _config_with(portal, text: str) -> None:
    portal.write("site_config.yml", portal.read("site_config.yml") + text)


def test_unknown_rule_id_in_config_is_a_config_error(portal):
    _config_with(portal, "councils:\n  council-001:\n    rules:\n      meeting.quorom: {share: 0.5}\n")
    code, data = quick(portal)
    f = the(data, "data.config")
    assert (f["file"], f["line"], f["kind"]) == ("site_config.yml", portal.line_of("site_config.yml", "quorom"),
                                                 "data")
    assert f["field"] == "councils.council-001.rules.meeting.quorom"
    assert code == 1


def test_unknown_rule_id_in_config_points_at_the_id(portal):
    portal.config(lambda d: d["rules"].update({"meeting.quorom": {"share": 0.5}}))
    f = the(quick(portal)[1], "data.config")
    assert f["line"] == portal.line_of("site_config.yml", "meeting.quorom:")


def test_unknown_parameter_in_config_names_the_known_ones(portal):
    portal.config(lambda d: d["rules"]["composition.size"].update(local_maxx=3))
    code, data = quick(portal, "--lang", "en")
    f = the(data, "data.config")
    assert (f["line"], f["field"]) == (portal.line_of("site_config.yml", "local_maxx:"),
                                       "rules.composition.size.local_maxx")
    assert "local_max" in f["params"]["known"]
    assert code == 1


def test_bad_severity_and_enabled_values_in_config(portal):
    portal.config(lambda d: d["rules"].update({"meeting.quorum": {"severity": "high", "enabled": "yes"}}))
    _, data = quick(portal)
    found = sorted((f["line"], f["field"]) for f in data["findings"] if f["rule"] == "data.config")
    assert found == [
        (portal.line_of("site_config.yml", "severity: high"), "rules.meeting.quorum.severity"),
        (portal.line_of("site_config.yml", "enabled: 'yes'"), "rules.meeting.quorum.enabled"),
    ]


def test_settings_for_an_unknown_council_are_a_config_error(portal):
    portal.config(lambda d: d.update(councils={"council-404": {"rules": {}}}))
    f = the(quick(portal)[1], "data.config")
    assert f["field"] == "councils.council-404"


def test_rule_settings_that_are_not_a_mapping(portal):
    portal.config(lambda d: d["rules"].update({"meeting.quorum": "off"}))
    code, data = quick(portal)
    assert code == 1 and data["findings"]
    assert {f["rule"] for f in data["findings"]} == {"data.config"}


def test_parameter_of_the_wrong_type_is_reported_without_traceback(portal):
    portal.config(lambda d: d["rules"].update({"meeting.quorum": {"share": "two thirds"}}))
    code, data = quick(portal)
    f = the(data, "data.config")
    assert f["line"] == portal.line_of("site_config.yml", "share: two thirds") and code == 1


def test_invalid_severity_is_not_applied(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    portal.config(lambda d: d["rules"].update({"hearing.announced": {"severity": "X"}}))
    _, data = quick(portal)
    assert the(data, "hearing.announced")["severity"] == "E"


def test_council_override_wins_over_the_portal_setting(portal):
    portal.edit_yaml(H, lambda d: d.update(announced=D("2026-04-15")))
    portal.config(lambda d: (d["rules"].update({"hearing.announced": {"severity": "W"}}),
                             d.update(councils={"council-001": {"rules": {"hearing.announced": {"severity": "E"}}}})))
    assert the(quick(portal)[1], "hearing.announced")["severity"] == "E"
