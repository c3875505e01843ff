"""Remembered findings: a council whose inputs held is neither read nor judged again, and its findings are
exactly those a full check gives (:mod:`ashyq.validate.remembered`).

``ashyq check`` takes them when many councils are checked in parallel workers; a build (which needs every
record) takes them for the rules. Each test compares with a check that reads and judges everything.
"""

import datetime as dt
import pickle
import shutil

import pytest

from ashyq import validate
from ashyq.load.history import RecordDates
from ashyq.load.later import settled
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from test_parse_cache import edit, same_as_reading

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASHYQ_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)  # the parallel check's way, on a small portal
    return write_portal(tmp_path / "portal", councils=3, today=TODAY)


@pytest.fixture
def judged(monkeypatch):
    """The councils judged from now on: sent to the check's workers, or whose rules a build runs."""
    seen: list[str] = []
    judge, rules = validate._judge, validate._rules
    monkeypatch.setattr(validate, "_judge", lambda root, today, names, *a: seen.extend(names) or judge(root, today, names, *a))
    monkeypatch.setattr(validate, "_rules", lambda portal, today, dates, jobs, skip, *a: seen.extend(
        sorted(set(portal.councils) - set(skip))) or rules(portal, today, dates, jobs, skip, *a))
    return seen


def both_ways(root, today=TODAY, keep_records=False):
    """Check with remembered findings and without, as ``ashyq check`` does (or a build); both must agree."""
    return same_as_reading(root, today, jobs=2, keep_records=keep_records)


def packed(store, kind):
    """Slug -> (key, value) of the cache's ``<kind>.pack`` (:mod:`ashyq.load.packs`)."""
    [path] = store.rglob(f"{kind}.pack")
    with open(path, "rb") as fh:
        return pickle.load(fh)["entries"]


def keys(result):
    return {(f.council, f.key) for f in result.findings}


@pytest.mark.parametrize("keep_records", [False, True], ids=["check", "build"])
def test_an_unchanged_portal_is_not_judged_again(root, store, judged, keep_records):
    # A planned meeting past its date: compliance findings, remembered like any other.
    edit(root / "councils" / "council-002" / "meetings" / "2025-01.md", "status: held", "status: planned")
    first = both_ways(root, keep_records=keep_records)
    assert any(f.council == "council-002" for f in first.findings)
    judged.clear()
    again = check_portal(root, TODAY, jobs=2, keep_records=keep_records, cache=True)
    assert judged == []
    assert [f.to_json("en") for f in again.findings] == [f.to_json("en") for f in first.findings]


def test_a_cold_check_keys_its_councils_in_its_workers(root, store, monkeypatch):
    """With nothing kept yet, the parent hashes no council's files (a national portal's took 1.7 s before its
    workers started): each worker keys the councils it judges and keeps their findings, and the parent keeps
    the hashes the workers found, so the next check reads no file it knows."""
    from ashyq.load import digests
    from ashyq.load.cache import portal_folder
    from ashyq.validate.remembered import Remembered

    monkeypatch.setattr(digests, "RACY_SECONDS", 0)  # the files were written just now: remembered all the same
    keyed: list[str] = []  # the councils keyed in this process (a worker's calls are its own)
    key = Remembered._key
    monkeypatch.setattr(Remembered, "_key", lambda self, folder, *a: keyed.append(folder.name) or key(self, folder, *a))
    first = check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert keyed == []
    with open(portal_folder(root.resolve()) / digests.INDEX, "rb") as fh:
        index = pickle.load(fh)["files"]
    records = {str(p) for p in (root.resolve() / "councils").rglob("*") if p.suffix in (".md", ".yml")}
    assert records and records <= set(index), sorted(records - set(index))[:3]
    again = check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert sorted(set(keyed)) == ["council-001", "council-002", "council-003"]  # recalled here, all of them
    assert [f.to_json("en") for f in again.findings] == [f.to_json("en") for f in first.findings]


def test_one_edit_judges_one_council(root, store, judged):
    both_ways(root)
    edit(root / "councils" / "council-003" / "meetings" / "2025-01.md", "status: held", "status: planned")
    judged.clear()
    result = check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert judged == ["council-003"]
    assert ("council-003", "meeting.decisions-published/still-planned") in keys(result)
    both_ways(root)


def test_another_day_judges_again(root, store):
    # Deadlines move with the date: a year on, the same records owe a plan and reports.
    assert ("council-001", "plan.annual") not in keys(both_ways(root))
    assert ("council-001", "plan.annual") in keys(both_ways(root, dt.date(2027, 12, 31)))


def set_type(info, value):
    text = info.read_text(encoding="utf-8")
    info.write_text("\n".join(f"type: {value}" if line.startswith("type:") else line
                              for line in text.splitlines()) + "\n", encoding="utf-8")


def test_another_councils_type_is_an_input(root, store, judged):
    # council-001 names council-002 as the maslikhat that approved it: fine while council-002 is one. When
    # council-002's council.yml says otherwise, council-001 is wrong, though none of its own files changed.
    set_type(root / "councils" / "council-002" / "council.yml", "maslikhat")
    info = root / "councils" / "council-001" / "council.yml"
    info.write_text(info.read_text(encoding="utf-8") + "approved_by: council-002\n", encoding="utf-8")
    assert ("council-001", "maslikhat2.approved-by-not-maslikhat") not in keys(both_ways(root))
    set_type(root / "councils" / "council-002" / "council.yml", "ministry")
    judged.clear()
    assert ("council-001", "maslikhat2.approved-by-not-maslikhat") in keys(both_ways(root))
    assert "council-001" in judged


def test_a_changed_attachment_is_judged_again(root, store):
    both_ways(root)
    draft = next((root / "councils" / "council-001" / "attachments").rglob("*.pdf"))
    draft.write_bytes(b"<html><script>alert(1)</script></html>")  # same name, other bytes
    result = both_ways(root)
    assert any(f.council == "council-001" and f.rule == "safety.attachment" for f in result.findings)


def test_the_settings_are_an_input(root, store):
    edit(root / "councils" / "council-001" / "meetings" / "2025-01.md", "status: held", "status: planned")
    rule = "meeting.decisions-published"
    assert ("council-001", f"{rule}/still-planned") in keys(both_ways(root))
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"rules:\n  {rule}:\n    enabled: false\n",
                      encoding="utf-8")
    assert ("council-001", f"{rule}/still-planned") not in keys(both_ways(root))


def test_git_dates_are_an_input(tmp_path):
    dates = RecordDates(by_path={"councils/a/meetings/x.md": (dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1))})
    later = RecordDates(by_path={"councils/a/meetings/x.md": (dt.datetime(2025, 1, 1), dt.datetime(2025, 3, 1))})
    other = RecordDates(by_path={**dates.by_path, "councils/b/meetings/x.md": (dt.datetime(2025, 1, 1),) * 2})
    assert dates.dates_key("councils/a/") != later.dates_key("councils/a/")
    assert dates.dates_key("councils/a/") == other.dates_key("councils/a/")  # another council's dates are not


def test_a_council_with_an_error_is_judged_every_time(root, store, judged):
    edit(root / "councils" / "council-002" / "meetings" / "2025-01.md", "status: held", "status: hled")
    both_ways(root)
    judged.clear()
    check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert judged == ["council-002"]


def test_a_removed_council_and_a_foreign_entry(root, store, judged):
    both_ways(root)
    entries = packed(store, "findings")
    entries["council-001"] = (entries["council-001"][0], 1)  # under its key, 1 rather than findings: a miss
    with open(next(store.rglob("findings.pack")), "wb") as fh:
        pickle.dump({"format": 1, "entries": entries}, fh)
    shutil.rmtree(root / "councils" / "council-003")
    judged.clear()
    both_ways(root)
    assert judged[:1] == ["council-001"]
    assert sorted(packed(store, "findings")) == ["council-001", "council-002"]


def test_the_other_councils_council_yml_comes_from_the_cache(root, store, monkeypatch):
    """A worker knows the councils it does not judge by name and ``council.yml``; those are kept under the
    file's hash, so a one-record change reads no other council's file (and a changed one is read again)."""
    from ashyq.load import tree

    both_ways(root)
    assert sorted(packed(store, "named")) == ["council-001", "council-002", "council-003"]
    read: list[str] = []
    original = tree._named
    monkeypatch.setattr(tree, "_named", lambda r, folder, limits: read.append(folder.name) or original(r, folder, limits))
    edit(root / "councils" / "council-001" / "meetings" / "2025-01.md", "status: held", "status: planned")
    both_ways(root)
    assert read == []
    before = {slug: key for slug, (key, _) in packed(store, "named").items()}
    set_type(root / "councils" / "council-002" / "council.yml", "ministry")
    both_ways(root)  # every council is judged again (each one's key holds every council.yml), in the workers
    after = {slug: key for slug, (key, _) in packed(store, "named").items()}
    assert after["council-002"] != before["council-002"] and after["council-003"] == before["council-003"]


def test_the_workers_inherit_the_history_the_parent_read(root, store, tmp_path, monkeypatch):
    """The parent reads the git history for the findings' keys; its forked workers take it as it is rather
    than walking ``git log`` again (0.2 s each at national size)."""
    log = tmp_path / "history-reads"
    real = validate.read_history

    def reading(*a, **kw):
        with open(log, "a", encoding="utf-8") as fh:  # a worker's call is in another process: count in a file
            fh.write("read\n")
        return real(*a, **kw)

    monkeypatch.setattr(validate, "read_history", reading)
    first = check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert log.read_text(encoding="utf-8").split() == ["read"]
    assert [f.to_json("en") for f in first.findings] == [
        f.to_json("en") for f in check_portal(root, TODAY, jobs=2, keep_records=False, cache=False).findings]


def test_a_council_edited_while_a_worker_judges_it_is_not_remembered(root, store, monkeypatch):
    """A worker looks at the files once (its keys share one pass), but asks the files as they are now whether
    a council was edited while its rules ran: findings of a council edited meanwhile are not kept under the
    key of its old files."""
    meeting = root / "councils" / "council-002" / "meetings" / "2025-01.md"
    real = validate.run_rules

    def judging_and_editing(portal, **kw):
        found = real(portal, **kw)
        if "council-002" in kw.get("only", ()):
            edit(meeting, "status: held", "status: planned")
        return found

    monkeypatch.setattr(validate, "run_rules", judging_and_editing)
    check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    assert sorted(packed(store, "findings")) == ["council-001", "council-003"]


def test_the_small_entries_are_packed_one_file_a_kind(root, store):
    """Each council's findings and what the workers know of it by name go into one file of each kind
    (:mod:`ashyq.load.packs`), written by the parent from what its workers stored: an empty-cache check of a
    national portal had created a file for each of them (1,480, at up to 0.7 ms each)."""
    check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)
    [folder] = [p for p in store.iterdir() if p.is_dir()]
    settled(folder)  # the councils' writers finish after the check (load/later.py), as every opening waits
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert [name for name in files if not name.endswith(".council") and name != "files.index"] == [
        "findings.pack", "named.pack"]
    assert len([name for name in files if name.endswith(".council")]) == 3
    assert sorted(packed(store, "findings")) == sorted(packed(store, "named")) == [
        "council-001", "council-002", "council-003"]
