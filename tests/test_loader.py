"""The loader: YAML and Markdown front matter with line numbers, bodies by language, the folder tree.

A secretary fixes a record by its line, so every test here checks the line
(and where it matters the column) against the text it wrote.
"""

from __future__ import annotations

import datetime as dt
import pickle
import textwrap
from pathlib import Path

import pytest

from ashyq.load.source import format_path, parse_yaml, read_document

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"
H = "hearings/2026-h1.md"


def yaml_doc(text: str):
    return parse_yaml(textwrap.dedent(text).lstrip("\n"), "x.yml")


# --- positions ---------------------------------------------------------------


def _at_key_or_value(line: str, key: str) -> set[int]:
    """1-based columns where ``key`` and its value start on ``line``: a finding may point at either."""
    key_col = line.index(key) + 1
    return {key_col, key_col + len(key) + 2}


def test_lines_and_columns_of_values_in_yaml():
    text = """name:
  kk: Кеңес
  ru: Совет
term:
  start: 2025-01-01
  end: 2028-12-31
members:
  - id: m01
    bin: '150440000003'
"""
    doc = parse_yaml(text, "x.yml")
    lines = text.split("\n")
    assert doc.problems == []
    assert doc.data["term"]["end"] == D("2028-12-31")
    assert doc.source.line("term", "end") == 6
    assert doc.source.column("term", "end") in _at_key_or_value(lines[5], "end")
    assert doc.source.line("members", 0, "bin") == 9
    assert doc.source.column("members", 0, "bin") in _at_key_or_value(lines[8], "bin")
    assert doc.source.line("name", "ru") == 3


def test_reading_with_and_without_positions_gives_the_same_values(tmp_path):
    """A check reads values without positions (text, the most common value, takes a shorter way); the
    positions are found by reading again with them. Both give the same values, record by record."""
    from ashyq.load.source import _parse_yaml, Source
    from ashyq.synthetic import write_portal

    root = write_portal(tmp_path / "portal", councils=2, today=D("2026-11-21"))
    files = [p for p in (root / "councils").rglob("*") if p.suffix in (".md", ".yml")]
    assert len(files) > 50
    for path in files:
        doc = read_document(path, root)
        assert doc.source.yaml is not None, path
        text = doc.source.yaml.decode("utf-8")
        again = _parse_yaml(text, Source("x", None, doc.source.line_offset), 100, marks={}, key_marks={})
        assert again.data == doc.data and again.problems == doc.problems, path


def test_positions_are_found_when_first_asked_and_not_carried():
    """A loaded record keeps its YAML, not a position per value (half a checked portal's memory): the positions
    are found again when a finding first asks, the same as at reading, and a copy (the parse cache, a forked
    reader's councils) carries the YAML only."""
    text = "name:\n  kk: Кеңес\nmembers:\n  - id: m01\n    bin: '150440000003'\n"
    doc = parse_yaml(text, "x.yml")
    assert doc.source.found is None and doc.source.yaml == text.encode("utf-8")
    assert doc.source.line("members", 0, "bin") == 5 and doc.source.key_marks[("members", 0, "bin")] == (5, 5)
    assert doc.source.found is not None
    copy = pickle.loads(pickle.dumps(doc.source))
    assert copy.found is None and copy.line("members", 0, "bin") == 5 and copy.column("name", "kk") == 7


def test_a_build_drops_the_positions_but_keeps_the_file(portal):
    from ashyq.validate import check_portal

    result = check_portal(portal.root, dt.date(2026, 11, 21))
    record = next(result.portal.all_records())
    assert record.source.yaml is not None
    result.portal.forget_positions()
    assert record.source.yaml is None and record.source.found is None and record.source.file.startswith("councils/")
    assert record.source.line("title") is None  # nothing left to find it in: a build asks no line


def test_missing_value_falls_back_to_its_parent():
    doc = yaml_doc("""
        term:
          start: 2025-01-01
        """)
    assert doc.source.line("term", "end") == doc.source.line("term") in (1, 2)


def test_field_paths_are_written_as_the_secretary_counts():
    assert format_path(("agenda", 2, "title", "kk")) == "agenda[3].title.kk"
    assert format_path(("members", 0, "bin")) == "members[1].bin"


def test_lines_in_front_matter_are_lines_of_the_file(portal):
    doc = read_document(portal.path(JAN), portal.root)
    assert doc.problems == []
    assert doc.source.line("status") == portal.line_of(JAN, "status:")
    assert doc.source.line("decisions", 0, "votes", "for") == portal.line_of(JAN, "decisions:", "for:")
    status = portal.line_of(JAN, "status:")
    assert doc.source.column("status") in _at_key_or_value(portal.lines(JAN)[status - 1], "status")


def test_wrong_type_in_front_matter_points_at_its_line_and_column(portal):
    portal.edit_yaml(JAN, lambda d: d.update(number="бесінші"))
    f = portal.findings().one("data.type")
    line = portal.line_of(JAN, "number:")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), line, "number")
    assert f["column"] in _at_key_or_value(portal.lines(JAN)[line - 1], "number")


# --- bodies by language ------------------------------------------------------


def test_body_is_split_by_language_markers(portal):
    doc = read_document(portal.path(JAN), portal.root)
    assert set(doc.body) == {"kk", "ru"}
    assert doc.body["kk"].strip().startswith("## Хаттама")
    assert doc.body["ru"].strip().startswith("## Протокол")
    assert doc.source.body_lang_lines["kk"] == portal.line_of(JAN, "<!-- lang: kk -->") + 1
    assert doc.source.body_lang_lines["ru"] == portal.line_of(JAN, "<!-- lang: ru -->") + 1


def test_body_starts_on_the_line_after_the_front_matter(portal):
    doc = read_document(portal.path(JAN), portal.root)
    assert doc.source.body_line == portal.line_of(JAN, "<!-- lang: kk -->")


def test_hit_inside_the_body_is_reported_on_its_own_line(portal):
    body = ("<!-- lang: kk -->\n\n\n## Хаттама\n\nМәселе талқыланды.\n\n"
            "<!-- lang: ru -->\n\n## Протокол\n\nПервая строка.\nВторая строка.\nTODO: дописать решение\n")
    portal.edit_yaml(JAN, lambda d: None, body=body)
    f = portal.findings().one("data.placeholder")
    assert (f["line"], f["field"]) == (portal.line_of(JAN, "TODO: дописать"), "body.ru")


def test_body_without_language_marker_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: None, body="## Протокол\n\nТекст без пометки языка.\n")
    code, r = portal.check()
    f = r.one("data.syntax")
    assert (f["file"], f["field"], f["kind"]) == (portal.file(JAN), "body", "data")
    assert code == 1


def test_body_without_language_marker_is_reported_at_the_body(portal):
    portal.edit_yaml(JAN, lambda d: None, body="## Протокол\n\nТекст без пометки языка.\n")
    f = portal.findings().one("data.syntax")
    assert f["line"] == portal.line_of(JAN, "## Протокол")


def test_body_language_markers_allow_spaces(portal):
    portal.edit_yaml(JAN, lambda d: None, body="<!--lang:kk-->\nМәтін.\n\n<!--   lang: ru   -->\nТекст.\n")
    assert portal.findings().findings == []


def test_body_with_a_language_marker_twice_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: None, body="<!-- lang: kk -->\nМәтін.\n\n<!-- lang: kk -->\nТағы.\n\n"
                                               "<!-- lang: ru -->\nТекст.\n")
    f = portal.findings().one("data.syntax")
    assert f["line"] == portal.line_of(JAN, "<!-- lang: kk -->", "<!-- lang: kk -->")


def test_markdown_record_without_front_matter(portal):
    portal.write(JAN, "# Отырыс\n\nМәтін.\n")
    f = portal.findings().one("data.syntax")
    assert (f["file"], f["line"]) == (portal.file(JAN), 1)


# --- YAML pitfalls -----------------------------------------------------------


def test_unquoted_clock_time_stays_a_time():
    doc = yaml_doc("""
        time: 10:00
        end_time: 9:05
        quoted: '14:30'
        """)
    assert doc.data == {"time": "10:00", "end_time": "9:05", "quoted": "14:30"}
    assert doc.problems == []


def test_unquoted_clock_time_in_a_meeting_passes_the_check(portal):
    portal.write(JAN, portal.read(JAN).replace("time: '10:00'", "time: 10:00").replace("end_time: '12:00'",
                                                                                      "end_time: 12:00"))
    assert "time: 10:00" in portal.read(JAN)
    assert portal.findings().findings == []


def test_date_that_does_not_exist_is_one_finding_on_its_line():
    doc = yaml_doc("""
        id: x
        date: 2025-02-30
        """)
    [p] = doc.problems
    assert (p.rule, p.line, p.column, p.field) == ("data.date", 2, 7, "date")


def test_values_built_once_are_given_again_and_a_bad_one_is_reported_each_time():
    """Short dates, numbers and booleans are built once per text (they recur in every record): a later file
    gets the same values, and a date that does not exist is a problem in every file that writes it."""
    text = "id: x\ndate: 2025-03-01\ncount: 12\nheld: yes\nlate: 2025-02-30\nother: 2025-02-30\n"
    first, again = parse_yaml(text, "a.yml"), parse_yaml(text, "b.yml")
    assert first.data == again.data == {"id": "x", "date": D("2025-03-01"), "count": 12, "held": True,
                                        "late": "2025-02-30", "other": "2025-02-30"}
    for doc in (first, again):
        assert [(p.rule, p.line, p.field) for p in doc.problems] == [("data.date", 5, "late"), ("data.date", 6, "other")]


def test_a_key_written_twice_is_reported_however_it_is_read():
    """A new key is taken without the check for repeats that the others get; a repeated one still gets it."""
    doc = yaml_doc("""
        a: 1
        b: {c: 2, c: 3}
        1: x
        1: y
        a: 4
        """)
    assert [(p.line, p.field) for p in doc.problems] == [(2, "b.c"), (4, "[2]"), (5, "a")]  # a number key as an index
    assert doc.data == {"a": 4, "b": {"c": 3}, 1: "y"}


def test_date_that_does_not_exist_in_a_record(portal):
    portal.write(JAN, portal.read(JAN).replace("date: 2026-01-19", "date: 2025-02-30"))
    code, r = portal.check()
    assert r.rules() == ["data.date"]
    f = r.findings[0]
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "2025-02-30"), "date")
    assert "2025-02-30" in f["message"]
    assert code == 1


def test_duplicate_key_is_recorded_at_the_second_occurrence():
    doc = yaml_doc("""
        id: x
        status: held
        status: planned
        """)
    [p] = doc.problems
    assert (p.rule, p.line, p.field) == ("data.syntax", 3, "status")


def test_duplicate_key_in_a_record_is_reported(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "status: held\nstatus: planned"))
    f = portal.findings().one("data.syntax")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "status: planned"))


def test_merge_keys_are_refused():
    doc = yaml_doc("""
        base: &b
          kk: Кеңес
        name:
          <<: *b
          ru: Совет
        """)
    # The merge key, and the anchor and alias it needs: each refused on its own line.
    assert sorted((p.rule, p.key, p.line) for p in doc.problems) == [
        ("data.syntax", "limits.alias", 4), ("data.syntax", "limits.anchor", 1), ("data.syntax", "load.merge-key", 4)]
    assert doc.data["name"] == {"ru": "Совет"}


def test_byte_order_mark_does_not_shift_lines(portal):
    text = portal.read(JAN).replace("status: held", "stauts: held")
    portal.write(JAN, "\ufeff" + text)
    f = portal.findings().one("data.unknown-field")
    assert (f["line"], f["field"]) == (portal.line_of(JAN, "stauts:"), "stauts")


def test_byte_order_mark_in_a_clean_file_passes(portal):
    portal.write("council.yml", "\ufeff" + portal.read("council.yml"))
    assert portal.findings().findings == []


# --- the model: required fields, choices, formats ---------------------------


def test_missing_required_field_is_named(portal):
    portal.edit_yaml(JAN, lambda d: d.pop("date"))
    f = portal.findings().one("data.required")
    assert (f["file"], f["line"], f["field"]) == (portal.file(JAN), portal.line_of(JAN, "id: 2026-01"), "date")


def test_value_not_among_the_choices_lists_them(portal):
    portal.edit_yaml(JAN, lambda d: d.update(status="done"))
    f = portal.findings().one("data.type")
    assert f["line"] == portal.line_of(JAN, "status: done")
    assert "done" in f["message"] and "held" in f["message"]


def test_plan_id_written_as_a_number_is_accepted(portal):
    portal.write("plans/2026.yml", portal.read("plans/2026.yml").replace("id: '2026'", "id: 2026"))
    assert portal.findings().findings == []


def test_date_with_a_time_names_the_value(portal):
    portal.write(JAN, portal.read(JAN).replace("date: 2026-01-19", "date: 2026-01-19 10:00:00"))
    f = portal.findings().one("data.date")
    assert f["line"] == portal.line_of(JAN, "date: 2026-01-19 10:00:00")
    assert "2026-01-19" in f["message"]


def test_bin_with_eleven_digits_is_reported(portal):
    portal.edit_yaml("members.yml", lambda d: d["members"][0].update(bin="15044000000"))
    f = portal.findings().one("data.type")
    assert f["line"] == portal.line_of("members.yml", "15044000000") and f["field"] == "members[1].bin"


def test_name_in_both_languages_is_accepted(portal):
    portal.edit_yaml(H, lambda d: d.update(chair={"kk": "Әбенов Асқар Қайратұлы", "ru": "Абенов Аскар Кайратович"}))
    assert portal.findings().findings == []


def test_misspelt_nested_field_gets_a_suggestion(portal):
    portal.edit_yaml(H, lambda d: d["final_protocol"].update(signed_by_chiar=True))
    f = portal.findings().one("data.unknown-field")
    assert (f["line"], f["field"]) == (portal.line_of(H, "signed_by_chiar:"), "final_protocol.signed_by_chiar")
    assert f["params"]["guess"] == "signed_by_chair"


def test_misspelt_field_holding_a_block_points_at_the_key(portal):
    portal.write(H, portal.read(H).replace("final_protocol:", "final_protocl:"))
    f = portal.findings().one("data.unknown-field")
    assert f["line"] == portal.line_of(H, "final_protocl:")


def test_misspelt_field_points_at_the_key_column(portal):
    portal.write(JAN, portal.read(JAN).replace("status: held", "stauts: held"))
    f = portal.findings().one("data.unknown-field")
    assert (f["line"], f["column"]) == (portal.line_of(JAN, "stauts:"), 1)


def test_file_that_is_a_list_is_reported(portal):
    portal.write("recommendations/list.yml", "- id: a\n- id: b\n")
    f = portal.findings().one("data.type")
    assert (f["file"], f["line"]) == (portal.file("recommendations/list.yml"), 1)


# --- the folder tree ---------------------------------------------------------


def test_unknown_entries_in_a_council_folder_are_reported(portal):
    portal.write("notes.docx", b"PK\x03\x04")
    (portal.council / "photos").mkdir()
    found = portal.findings().of("data.unknown-field")
    assert sorted(f["file"] for f in found) == [portal.file("notes.docx"), portal.file("photos")]
    assert {f["kind"] for f in found} == {"data"}


def test_reserved_folders_and_hidden_files_are_accepted(portal):
    for name in ("monitoring", "expertise", "report-hearings", "consultations", "feedback"):
        (portal.council / name).mkdir(exist_ok=True)  # empty record folders, and the one still reserved
    portal.write(".gitkeep", "")
    portal.write("meetings/.draft.md", "not a record")
    assert portal.findings().findings == []


def test_files_of_other_types_in_record_folders_are_reported_not_read(portal):
    # issue #8: a record saved as .txt (or any other suffix) must not vanish silently
    portal.write("meetings/README.txt", "Notes for the secretary")
    assert portal.findings().brief() == [("data.unknown-field", portal.file("meetings/README.txt"), None, None)]


def test_council_folder_name_must_be_a_slug(portal):
    folder = portal.root / "councils" / "Council_A"
    folder.mkdir()
    (folder / "council.yml").write_text(portal.read("council.yml"), encoding="utf-8")
    f = portal.findings().one("data.type")
    assert f["file"] == "councils/Council_A"


def test_hidden_council_folders_are_reported_not_read(portal):
    # issue #8: a council folder whose name starts with a dot must not vanish silently
    (portal.root / "councils" / ".template").mkdir()
    (portal.root / "councils" / ".template" / "council.yml").write_text("name: <<назвние>>\n", encoding="utf-8")
    assert portal.findings().brief() == [("data.unknown-field", "councils/.template", None, None)]


def test_council_folder_without_council_file(portal):
    (portal.root / "councils" / "council-002").mkdir()
    f = portal.findings().one("data.required")
    assert f["file"] == "councils/council-002/council.yml"


def test_portal_without_site_config(portal):
    (portal.root / "site_config.yml").unlink()
    code, r = portal.check()
    assert (code, r.rules()) == (1, ["data.config"])


def test_portal_without_councils_folder(tmp_path: Path, portal):
    root = tmp_path / "only-config"
    root.mkdir()
    (root / "site_config.yml").write_text(portal.read("site_config.yml"), encoding="utf-8")
    code, r = portal.check(path=root)
    assert code == 1 and r.one("data.required")["file"] == "councils"


def test_wrong_type_in_site_config_is_a_config_error(portal):
    portal.config(lambda d: d.update(strict="maybe"))
    code, r = portal.check()
    f = r.one("data.config")
    assert (f["file"], f["line"], f["field"]) == ("site_config.yml", portal.line_of("site_config.yml", "strict:"),
                                                  "strict")
    assert code == 1


def test_inconsistent_calendar_in_site_config_is_a_config_error(portal):
    portal.config(lambda d: d.update(calendar={"holidays_added": [{"date": D("2026-03-27")}],
                                               "holidays_cancelled": [D("2026-03-27")]}))
    f = portal.findings().one("data.config")
    # On the entry that contradicts the other list, in the secretary's language (kk by default).
    assert f["line"] == portal.line_of("site_config.yml", "holidays_cancelled:", "2026-03-27")
    assert f["field"] == "calendar.holidays_cancelled[1]"
    assert "2026-03-27" in f["message"] and "тізімде" in f["message"] and "error" not in f["message"].lower()


def test_models_share_their_given_fields_and_an_assignment_takes_its_own():
    from ashyq.models.common import Text

    a, b = Text(kk="а"), Text(kk="б")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__  # one set for every text given kk alone
    a.ru = "в"  # a field assigned after loading (load/bodies.py does) stays the instance's own
    assert a.model_fields_set == {"kk", "ru"} and b.model_fields_set == {"kk"}
