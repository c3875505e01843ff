"""A parallel check's councils stored by writers of their own, which finish after the check has answered
(:mod:`ashyq.load.later`); whoever opens the cache next waits for them."""

import datetime as dt
import os
import pickle
import time

import pytest

from ashyq.load import cache as cache_mod
from ashyq.load import later, tree
from ashyq.load.cache import ParseCache
from ashyq.load.reading import ReadLimits
from ashyq.synthetic import write_portal
from ashyq.validate import PARALLEL_FROM, check_portal
from test_parse_cache import record_opens

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    return write_portal(tmp_path_factory.mktemp("later") / "portal", councils=PARALLEL_FROM, today=TODAY)


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache_mod.ENV, str(folder))
    return folder


def _cache(root) -> ParseCache:
    return ParseCache.open(root.resolve(), ReadLimits())


def _stored(store) -> dict[str, bytes]:
    return {p.name.split(".")[0]: p.read_bytes() for p in store.rglob("*.council")}


def _locks(store) -> list[str]:
    return [p.name for p in store.rglob(f"{later.PREFIX}*")]


def _check(root):
    return check_portal(root, TODAY, jobs=2, keep_records=False, cache=True)


def _held(monkeypatch, gate):
    """Writers that store nothing until ``gate`` exists (the workers fork them, so they inherit this)."""
    store = later._store

    def held(*args):
        for _ in range(600):  # at most a minute: a test that forgot to open the gate still ends
            if gate.exists():
                break
            time.sleep(0.1)
        store(*args)

    monkeypatch.setattr(later, "_store", held)


def test_the_check_answers_before_its_writers_are_done_and_the_next_opening_waits_for_them(portal, store,
                                                                                           monkeypatch, tmp_path):
    gate = tmp_path / "go"
    _held(monkeypatch, gate)
    _check(portal)
    assert len(_locks(store)) == 2  # one writer per worker, still at work: the check has answered
    assert _stored(store) == {}
    gate.touch()
    _cache(portal)  # an opening: the next check's, a build's
    assert _locks(store) == []
    assert len(_stored(store)) == PARALLEL_FROM  # every council, as if stored in line


def test_the_next_check_reads_no_record_file(portal, store, monkeypatch, tmp_path):
    gate = tmp_path / "go"
    _held(monkeypatch, gate)
    _check(portal)
    gate.touch()
    opened = record_opens(monkeypatch)
    result = check_portal(portal, TODAY + dt.timedelta(days=1), jobs=1, cache=True)  # a new day: judged again
    assert opened == [] and result.portal is not None and len(result.portal.councils) == PARALLEL_FROM


def test_the_councils_are_stored_as_read_before_anything_changes_them(portal, store, monkeypatch, tmp_path):
    """Forked once the councils are read: what the load does next (resolving the bodies' names changes
    records) is not in the cache, whose entries are those stored in line, byte for byte."""
    original = tree.resolve

    def resolve_and_change(bodies, records):
        records = list(records)
        for record in records:
            record.__pydantic_private__["_council"] = "changed after reading"
        return original(bodies, records)

    monkeypatch.setattr(tree, "resolve", resolve_and_change)
    _check(portal)
    _cache(portal)
    background = _stored(store)
    monkeypatch.setattr(later, "fcntl", None)  # no locks: stored in line
    monkeypatch.setenv(cache_mod.ENV, str(tmp_path / "in line"))
    _check(portal)
    assert _locks(tmp_path / "in line") == []
    assert background == _stored(tmp_path / "in line") and len(background) == PARALLEL_FROM
    council = pickle.loads(next(iter(background.values())))[0]
    assert {r.council for r in council.records()} == {council.slug}


def test_a_writer_stopped_halfway_holds_no_one_up(portal, store):
    _check(portal)
    _cache(portal)
    folder = next(store.glob("*"))
    stale = folder / f"{later.PREFIX}0123456789abcdef-1"  # its writer is gone: nothing holds its lock
    stale.write_bytes(b"")
    started = time.monotonic()
    _cache(portal)
    assert time.monotonic() - started < 10 and not stale.exists()  # its lock is free: no waiting on it


def test_a_run_does_not_wait_for_its_own_writers(store, monkeypatch, tmp_path):
    """The second worker opens the cache after the first one's writer started: it must not wait for it."""
    gate = tmp_path / "go"
    _held(monkeypatch, gate)
    folder = store / "own"
    folder.mkdir(parents=True)

    class Shelf:
        def __init__(self):
            self.folder = folder

        def put(self, slug, key, value):
            pass

    with later.run():
        later.write(Shelf(), [("council-001", "k", None)])
        later.settled(folder)  # returns at once: the writer waits for the gate, so it is surely still at work
        assert len(_locks(folder)) == 1
    gate.touch()
    later.settled(folder)  # another run's now: waited for
    assert _locks(folder) == []


def test_without_fork_or_locks_everything_is_stored_in_line(portal, store, monkeypatch, tmp_path):
    """Stored by the workers themselves, before they answer."""
    storers = tmp_path / "storers"
    store_ = later._store

    def noted(*args):
        with storers.open("a") as fh:
            fh.write(f"{os.getppid()}\n")
        store_(*args)

    monkeypatch.setattr(later, "_store", noted)
    monkeypatch.setattr(later.heap, "may_fork", lambda: False)
    _check(portal)
    assert _locks(store) == [] and len(_stored(store)) == PARALLEL_FROM
    assert storers.read_text().split() == [str(os.getpid())] * 2  # the two workers of this process
