"""The parse cache: a council whose files did not change is not read again, and gives exactly what reading
it gives (:mod:`ashyq.load.cache`).

Each test points ``ASHYQ_CACHE_DIR`` at a folder of its own and compares a cached check with one that reads
everything (``cache=False``): the same portal, model by model with its source marks, and the same findings.
"""

import datetime as dt
import os
import pickle
import shutil

import pytest

from ashyq.load import cache as cache_mod
from ashyq.load import tree
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from conftest import run_main
from test_parallel_check import portal_state

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache_mod.ENV, str(folder))
    return folder


@pytest.fixture
def root(tmp_path):
    return write_portal(tmp_path / "portal", councils=3, today=TODAY)


def entries(store):
    return sorted(p.name for p in store.rglob("*.council"))


def same_as_reading(root, today=TODAY, **how):
    """Check with the cache and without; both must agree (the portal too, when the check keeps it). The
    cached result is returned."""
    cached = check_portal(root, today, cache=True, **how)
    read = check_portal(root, today, cache=False, **how)
    if cached.portal is not None or read.portal is not None:
        assert portal_state(cached.portal) == portal_state(read.portal)
    assert [f.to_json("en") for f in cached.findings] == [f.to_json("en") for f in read.findings]
    return cached


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_council_comes_from_the_cache_and_equals_reading_it(root, store, monkeypatch):
    meeting = root / "councils" / "council-002" / "meetings" / "2025-01.md"
    edit(meeting, "status: held", "status: hled")  # a broken record and its finding are cached too
    first = same_as_reading(root)
    assert len(entries(store)) == 3
    assert ("meeting", "2025-01") in first.portal.councils["council-002"].broken

    read: list[str] = []
    original = tree.load_council
    monkeypatch.setattr(tree, "load_council", lambda r, f, *a: read.append(f.name) or original(r, f, *a))
    again = check_portal(root, TODAY, cache=True)
    assert read == []  # nothing read again
    assert portal_state(again.portal) == portal_state(first.portal)
    assert [f.to_json("en") for f in again.findings] == [f.to_json("en") for f in first.findings]


def test_an_edit_is_read_again_and_only_its_council(root, store, monkeypatch):
    same_as_reading(root)
    before = {p.name: p.stat().st_mtime_ns for p in store.rglob("*.council")}
    edit(root / "councils" / "council-003" / "council.yml", "ru: Общественный совет №3", "ru: Общественный совет № 3")
    read: list[str] = []
    original = tree.load_council
    monkeypatch.setattr(tree, "load_council", lambda r, f, *a: read.append(f.name) or original(r, f, *a))
    same_as_reading(root)
    assert read == ["council-003", "council-001", "council-002", "council-003"]  # then the uncached check
    after = {p.name: p.stat().st_mtime_ns for p in store.rglob("*.council")}
    kept = {name for name in after if not name.startswith("council-003.")}
    assert {name: after[name] for name in kept} == {name: before[name] for name in kept}
    assert len(after) == 3  # the council's older entry is gone


def edit_before_reading(root, monkeypatch):
    """From now on, council-002's meeting is cancelled just before the loader reads the council (after its
    key was taken). Returns the loader as it was."""
    meeting = root / "councils" / "council-002" / "meetings" / "2025-01.md"
    original = tree.load_council

    def edit_and_read(r, f, *a):
        if f.name == "council-002":
            edit(meeting, "status: held", "status: cancelled")
        return original(r, f, *a)

    monkeypatch.setattr(tree, "load_council", edit_and_read)
    return original


@pytest.mark.parametrize("one_look", [False, True])
def test_a_council_edited_while_it_is_read_is_not_kept(root, store, monkeypatch, one_look):
    """Its key is taken before reading it: an edit in between would keep the new text under the old files'
    key. Inside one run's single look at the inputs (``steady``: :mod:`ashyq.load.walk`) too. Here the key
    comes from the file index (the files' hashes known), so the loader reads the files itself."""
    from contextlib import nullcontext

    from ashyq.load import digests
    from ashyq.load.walk import steady

    monkeypatch.setattr(digests, "RACY_SECONDS", 0)  # written just now: remembered all the same
    check_portal(root, TODAY, cache=True)
    for entry in store.rglob("*.council"):
        entry.unlink()  # the councils forgotten, their files' hashes kept
    edit_before_reading(root, monkeypatch)
    with steady() if one_look else nullcontext():
        check_portal(root, TODAY, cache=True)
    assert sorted(name.split(".")[0] for name in entries(store)) == ["council-001", "council-003"]


def test_a_council_read_from_what_its_key_hashed_is_kept_as_it_was(root, store, monkeypatch):
    """With an empty cache the key's hashing reads the files and hands their bytes to the loader: an edit
    after the key cannot reach what is parsed, so the council is kept, as it was, under that key; the edit
    is the next check's, which reads it."""
    original = edit_before_reading(root, monkeypatch)
    first = check_portal(root, TODAY, cache=True)
    assert [m.status for m in first.portal.councils["council-002"].meetings if m.id == "2025-01"] == ["held"]
    assert len(entries(store)) == 3
    monkeypatch.setattr(tree, "load_council", original)
    again = same_as_reading(root)
    assert [m.status for m in again.portal.councils["council-002"].meetings if m.id == "2025-01"] == ["cancelled"]


def test_one_look_hashes_a_council_s_files_once_for_both_keys(root, store, monkeypatch):
    """The parse cache's key and the remembered findings' key hash the same files (the findings' with the
    attachments too): inside one run's single look, a council's files are hashed in one pass for both."""
    from ashyq.load.walk import steady

    passes: list[str] = []
    real = cache_mod.ParseCache._files
    monkeypatch.setattr(cache_mod.ParseCache, "_files",
                        lambda self, folder, *a: passes.append(folder.name) or real(self, folder, *a))
    check_portal(root, TODAY, cache=True)  # fills the cache
    passes.clear()
    with steady():
        check_portal(root, TODAY, cache=True)
    assert sorted(passes) == ["council-001", "council-002", "council-003"]


def test_a_new_link_among_the_attachments_is_seen(root, store):
    same_as_reading(root)
    folder = root / "councils" / "council-001" / "attachments"
    folder.mkdir(exist_ok=True)
    (folder / "leak.pdf").symlink_to("/etc/passwd")
    result = same_as_reading(root)
    assert any(f.rule == "safety.symlink" and f.file.endswith("leak.pdf") for f in result.findings)


def test_the_reading_limits_are_part_of_the_key(root, store):
    members = root / "councils" / "council-001" / "members.yml"
    members.write_text(members.read_text(encoding="utf-8") + "notes: " + "[" * 12 + "1" + "]" * 12 + "\n",
                       encoding="utf-8")
    assert not any(f.key == "limits.too-deep" for f in same_as_reading(root).findings)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "limits:\n  max_depth: 8\n", encoding="utf-8")
    assert any(f.key == "limits.too-deep" for f in same_as_reading(root).findings)


def test_a_broken_or_foreign_entry_is_a_miss_never_an_error(root, store):
    same_as_reading(root)
    for path in store.rglob("*.council"):
        path.write_bytes(b"not a pickle" if path.name.startswith("council-001") else pickle.dumps({"x": 1})[:5])
    same_as_reading(root)
    assert all(pickle.loads(p.read_bytes()) for p in store.rglob("*.council"))  # written again, whole


def test_a_removed_council_leaves_the_cache(root, store):
    same_as_reading(root)
    shutil.rmtree(root / "councils" / "council-002")
    same_as_reading(root)
    assert [name.split(".")[0] for name in entries(store)] == ["council-001", "council-003"]


def test_no_cache_inside_the_portal(root, monkeypatch):
    # Records are untrusted: a pickle a pull request planted in the tree would run its code when read.
    monkeypatch.setenv(cache_mod.ENV, str(root / ".cache"))
    same_as_reading(root)
    assert not (root / ".cache").exists()


def test_a_linked_cache_folder_is_not_used(root, store, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store.mkdir()
    folder = cache_mod.ParseCache.open(root.resolve(), cache_mod.ReadLimits())
    assert folder is not None
    folder.folder.rmdir()
    folder.folder.symlink_to(elsewhere)
    same_as_reading(root)
    assert list(elsewhere.iterdir()) == []


def test_switched_off_by_the_option_and_by_an_empty_variable(root, store, monkeypatch):
    code, _, err = run_main(["check", str(root), "--today", "2026-11-21", "--no-cache"])
    assert code == 0, err
    assert not store.exists()
    monkeypatch.setenv(cache_mod.ENV, "")
    assert cache_mod.cache_home() is None
    run_main(["check", str(root), "--today", "2026-11-21"])
    assert not store.exists()
    monkeypatch.setenv(cache_mod.ENV, str(store))
    run_main(["check", str(root), "--today", "2026-11-21"])
    assert len(entries(store)) == 3
    assert os.stat(next(store.iterdir())).st_mode & 0o077 == 0  # the user's own


def test_a_plugin_type_is_part_of_the_key(root, store):
    # A portal's own record type (ASHYQ_PLUGINS_DIR) reads its folder with its own model: its code counts.
    from ashyq.kinds import registry
    from test_registry import PLUGINS

    before = cache_mod.code_digest()
    added = registry.load_plugin_dir(PLUGINS)
    try:
        with_notice = cache_mod.code_digest()
        assert with_notice != before
    finally:
        for rt in added:
            registry.unregister(rt.kind)
    assert cache_mod.code_digest() == before


def test_a_build_reads_only_what_the_cache_lacks(tmp_path, store, monkeypatch):
    # A build loads in this process, with a forked helper for many councils; a cached council is taken from
    # the cache here, never sent through the helper (it would be unpickled twice).
    from ashyq.validate import PARALLEL_FROM

    root = write_portal(tmp_path / "big", councils=PARALLEL_FROM, today=TODAY)
    check_portal(root, TODAY, jobs=2, cache=True)
    edit(root / "councils" / "council-009" / "meetings" / "2025-01.md", "status: held", "status: hled")
    read: list[str] = []
    original = tree.load_council
    monkeypatch.setattr(tree, "load_council", lambda r, f, *a: read.append(f.name) or original(r, f, *a))
    cached = check_portal(root, TODAY, jobs=2, cache=True)
    assert read == ["council-009"]
    fresh = check_portal(root, TODAY, jobs=2, cache=False)
    assert portal_state(cached.portal) == portal_state(fresh.portal)
    assert [f.to_json("en") for f in cached.findings] == [f.to_json("en") for f in fresh.findings]


def test_the_files_records_link_to_come_with_the_council(root, store):
    """Worked out once when a council is read and kept in its cached copy; the same as working them out anew."""
    import copy

    from ashyq.attachments import linked_files

    check_portal(root, TODAY, cache=True)
    cached = check_portal(root, TODAY, cache=True).portal
    assert any(c.linked for c in cached.councils.values())

    def shape(found):
        return {rel: [(getattr(link.holder, "uid", None), link.path) for link in links] for rel, links in found.items()}

    for council in cached.councils.values():
        anew = copy.copy(council)
        anew.linked = None
        assert council.linked is not None and shape(linked_files(anew)) == shape(council.linked)


def record_opens(monkeypatch):
    """The names of the record files the loader opens itself from now on (in this process)."""
    import pathlib

    opened: list[str] = []
    real_open = pathlib.Path.open

    def counting_open(self, *a, **kw):
        if self.suffix in (".md", ".yml") and "councils" in self.parts:
            opened.append(self.name)
        return real_open(self, *a, **kw)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    return opened


def test_an_empty_cache_reads_each_record_file_once(root, store, monkeypatch):
    """The parse cache's key hashes a council's record files just before the loader parses them: the loader
    takes the bytes that key was made of rather than reading each file a second time (a check with an empty
    cache had read every file twice, 0.7 s of each worker's 13 s at national size)."""
    opened = record_opens(monkeypatch)
    cached = check_portal(root, TODAY, cache=True)
    assert opened == []  # every record file came handed on from the hashing
    shutil.rmtree(store)
    monkeypatch.setattr(cache_mod, "cache_home", lambda: None)  # no cache: the loader reads every file itself
    read = check_portal(root, TODAY, cache=True)
    assert len(opened) == sum(1 for p in (root / "councils").rglob("*") if p.suffix in (".md", ".yml"))
    assert portal_state(cached.portal) == portal_state(read.portal)
    assert [f.to_json("en") for f in cached.findings] == [f.to_json("en") for f in read.findings]


def test_what_the_hashing_read_is_not_kept_when_no_reader_takes_it(root, store):
    """A council that comes from the cache is not read: what its key's hashing read is dropped with it."""
    from ashyq.load import digests

    check_portal(root, TODAY, cache=True)
    assert digests._HANDED == {}  # the loader took it all
    for index in store.rglob(digests.INDEX):
        index.unlink()  # the hashes forgotten, the councils kept: each file is read to hash it again
    digests._OPEN.clear()
    check_portal(root, TODAY, cache=True)
    assert digests._HANDED == {}


def test_a_council_read_from_what_its_key_hashed_is_not_looked_at_again(root, store, monkeypatch):
    """Whether a council was edited while it was read is asked of its files only when the loader read one of
    them itself: what the key's hashing handed on is what the key was made of (a second pass over a national
    portal's files, 0.3 s of each worker)."""
    looks: list[bool] = []
    real = cache_mod.ParseCache._files
    monkeypatch.setattr(cache_mod.ParseCache, "_files",
                        lambda self, folder, listed, fresh, *a: looks.append(fresh) or real(self, folder, listed, fresh, *a))
    check_portal(root, TODAY, cache=True)
    assert looks == [False] * 3


def test_a_build_s_load_of_an_empty_cache_reads_each_record_file_once(root, store, monkeypatch):
    """A build looks a council up in the cache only where it holds one; the others are keyed by their reader,
    which parses what that key's hashing read (as a check's workers do)."""
    from ashyq import validate

    monkeypatch.setattr(validate, "_forked_helper", lambda councils: None)  # everything read in this process
    opened = record_opens(monkeypatch)
    cached = check_portal(root, TODAY, jobs=2, cache=True)
    assert opened == []
    fresh = check_portal(root, TODAY, jobs=2, cache=False)
    assert portal_state(cached.portal) == portal_state(fresh.portal)
    assert [f.to_json("en") for f in cached.findings] == [f.to_json("en") for f in fresh.findings]
