"""Files' hashes remembered by their signature (:mod:`ashyq.load.digests`): a file is read again exactly when
it may have changed, and an edit that keeps the size and gives back the old modification time still shows."""

import datetime as dt
import hashlib
import os
import pickle

import pytest

from ashyq.load import cache as cache_mod
from ashyq.load import digests as digests_mod
from ashyq.load.digests import Digests
from ashyq.synthetic import write_portal
from test_parse_cache import edit, same_as_reading

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def settled(monkeypatch):
    """Files written by the test count as settled at once (else none is remembered for two seconds)."""
    monkeypatch.setattr(digests_mod, "RACY_SECONDS", 0.0)


def _spy(monkeypatch, module, name: str) -> list[str]:
    """The paths ``module.<name>`` is called with, in order."""
    seen: list[str] = []
    original = getattr(module, name)

    def spy(path, *args, **kwargs):
        seen.append(os.fspath(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return seen


@pytest.fixture
def reads(monkeypatch):
    """The paths the digests open, in order."""
    return _spy(monkeypatch, digests_mod.os, "open")


def test_a_settled_file_is_read_once_and_hashed_as_its_bytes(tmp_path, settled, reads):
    path = tmp_path / "a.md"
    path.write_bytes(b"hello")
    digests = Digests()
    assert digests.of(path) == digests.of(path) == hashlib.sha256(b"hello").digest()
    assert reads == [str(path)]


def test_a_file_is_hashed_whole_however_many_reads_it_takes_and_up_to_its_limit(tmp_path, settled):
    """Read with plain reads of the size ``lstat`` gave, and more when the file is bigger than that."""
    big, exact, over = tmp_path / "big.pdf", tmp_path / "exact.md", tmp_path / "over.md"
    data = os.urandom(300_000)
    big.write_bytes(data)
    exact.write_bytes(b"x" * 100)
    over.write_bytes(b"x" * 101)
    digests = Digests()
    assert digests.of(big) == hashlib.sha256(data).digest()
    assert digests.of(exact, limit=100) == hashlib.sha256(b"x" * 100).digest()
    assert digests.of(over, limit=100) == b"size:101"
    assert digests_mod._read(big, 10, None)[0] == data  # grown since its size was taken: read to the end
    assert digests_mod._read(big, 10, 1000)[0] == data[:1001]
    (tmp_path / "empty").touch()
    assert digests_mod._read(tmp_path / "empty", 0, None)[0] == b""


def test_a_file_changed_just_now_is_read_every_time(tmp_path, reads):
    path = tmp_path / "a.md"
    path.write_bytes(b"hello")
    digests = Digests()
    digests.of(path)
    digests.of(path)
    assert reads == [str(path), str(path)]  # racily clean: it may change again within one timestamp tick


def test_same_size_and_modification_time_but_new_bytes_is_seen(tmp_path, settled):
    path = tmp_path / "a.md"
    path.write_bytes(b"hello")
    digests = Digests()
    before = digests.of(path)
    info = os.stat(path)
    path.write_bytes(b"HELLO")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the old time given back: the change time moves
    assert digests.of(path) == hashlib.sha256(b"HELLO").digest() != before


def test_links_and_folders_are_not_hashed_and_a_large_file_only_by_its_size(tmp_path, settled):
    target = tmp_path / "secret"
    target.write_bytes(b"x" * 10)
    (tmp_path / "link").symlink_to(target)
    digests = Digests()
    assert digests.of(tmp_path / "link") is None
    assert digests.of(tmp_path) is None
    assert digests.of(tmp_path / "missing") is None
    assert digests.of(target, limit=5) == b"size:10"


def test_the_index_keeps_them_between_runs_and_a_foreign_one_is_ignored(tmp_path, settled, reads):
    path, index = tmp_path / "a.md", tmp_path / "cache" / digests_mod.INDEX
    index.parent.mkdir()
    path.write_bytes(b"hello")
    first = Digests(index)
    first.of(path)
    first.save()
    assert Digests(index).of(path) == hashlib.sha256(b"hello").digest()
    assert reads.count(str(path)) == 1  # the second run read it from the index

    index.write_bytes(pickle.dumps({"format": "something else"}))
    assert Digests(index).known == {}
    index.write_bytes(b"\x80garbage")
    assert Digests(index).known == {}
    index.unlink()
    index.symlink_to(tmp_path / "elsewhere.index")
    (tmp_path / "elsewhere.index").write_bytes(pickle.dumps({"format": digests_mod.FORMAT, "run": 0, "files": {
        str(path): ((5, 0, 0, 0, 0), b"planted", 0)}}))
    assert Digests(index).known == {}  # a linked index is not followed


def test_files_gone_leave_the_index(tmp_path, settled):
    index = tmp_path / digests_mod.INDEX
    paths = [tmp_path / f"{i}.md" for i in range(2)]
    for p in paths:
        p.write_bytes(b"x")
    digests = Digests(index)
    for p in paths:
        digests.of(p)
    digests.save()
    for _ in range(digests_mod.KEEP_RUNS + 2):  # runs that see only the first file, each one saving
        digests = Digests(index)
        digests.of(paths[0])
        digests.dirty = True
        digests.save()
    assert set(Digests(index).known) == {str(paths[0])}


def test_a_check_sees_an_edit_that_keeps_size_and_time(tmp_path, monkeypatch, settled):
    """The regression the change time guards: a record rewritten with the same length and its old
    modification time given back must not come from the cache."""
    monkeypatch.setenv(cache_mod.ENV, str(tmp_path / "cache"))
    root = write_portal(tmp_path / "portal", councils=2, today=TODAY)
    meeting = root / "councils" / "council-002" / "meetings" / "2025-01.md"
    assert not any(f.file and f.file.endswith("2025-01.md") and f.council == "council-002"
                   for f in same_as_reading(root).findings if f.blocking)
    same_as_reading(root)  # the second run takes every record's hash from the index
    info = os.stat(meeting)
    edit(meeting, "status: held", "status: hled")
    os.utime(meeting, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert os.stat(meeting).st_size == info.st_size
    again = same_as_reading(root)
    assert ("meeting", "2025-01") in again.portal.councils["council-002"].broken


def test_an_attachment_rewritten_with_its_old_size_and_time_is_a_new_signature(tmp_path):
    path = tmp_path / "protocol.pdf"
    path.write_bytes(b"%PDF-1.4 one")
    before = cache_mod._signature(path)
    info = os.stat(path)
    path.write_bytes(b"%PDF-1.4 two")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert cache_mod._signature(path) != before


def test_one_run_asks_each_file_s_signature_once(tmp_path, settled, monkeypatch):
    """The check's keys (a record's hash within the size limit, an attachment's signature) and the councils'
    fingerprints (every file's hash) look at the same files: inside ``steady`` each is ``lstat``-ed once, and
    a fresh look (the parse cache's check that a council was not edited while read) asks again."""
    from ashyq.load import walk
    from ashyq.load.walk import steady

    asked = _spy(monkeypatch, walk.os, "lstat")
    record, attachment = tmp_path / "a.md", tmp_path / "protocol.pdf"
    record.write_bytes(b"one")
    attachment.write_bytes(b"%PDF-1.4")
    digests = Digests()
    with steady():
        digests.of(record, 1000)
        digests.of(record)
        signature = cache_mod._signature(str(attachment))
        digests.of(attachment)
        assert cache_mod._signature(str(attachment)) == signature
        assert asked == [str(record), str(attachment)]
        digests.of(record, fresh=True)
        cache_mod._signature(str(attachment), fresh=True)
        assert asked == [str(record), str(attachment)] * 2


def test_one_run_looks_at_each_file_and_folder_once_and_a_fresh_look_sees_an_edit(tmp_path, settled, reads):
    """Inside ``steady`` (one command's run) a file is hashed and a folder listed as first found: a build
    hashes each council three times. The parse cache's check that a council was not edited while it was read
    looks again (``fresh``)."""
    from ashyq.load.walk import listing, steady

    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    digests = Digests()
    with steady():
        first = digests.of(path)
        assert list(listing(tmp_path)) == [tmp_path]
        path.write_bytes(b"two!")
        (tmp_path / "b").mkdir()
        assert digests.of(path) == first and reads.count(str(path)) == 1
        assert [e.name for e in listing(tmp_path)[tmp_path]] == ["a.md"]
        assert digests.of(path, fresh=True) == hashlib.sha256(b"two!").digest()
        assert [e.name for e in listing(tmp_path, fresh=True)[tmp_path]] == ["a.md", "b"]
    assert digests.of(path) == hashlib.sha256(b"two!").digest()  # the next run sees the edit
    assert [e.name for e in listing(tmp_path)[tmp_path]] == ["a.md", "b"]
