"""The side lane: feeds, calendars and data run in a forked process beside Pagefind.

The lane must give the same files as running the steps in order (the
incremental and byte-identity tests build with it), run each step in a
fresh fork of its own (what one step read and copied leaves with it),
report a failing step by its name, pass a build error through as one, and
never outlive a main lane that failed. The fast pages' workers, likewise,
are replaced by fresh forks after a round of councils.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ashyq.write import procs
from ashyq.write.build import BuildStats
from ashyq.write.lanes import Step, run_steps
from ashyq.write.failsafe import BuildError
from ashyq.write.lanes import SideStepFailed


@dataclass
class FakeBuild:
    folder: Path
    stats: BuildStats = field(default_factory=BuildStats)
    sequential: bool = False
    side: object = None  # the side lane while it runs (run_steps sets it)
    early: bool = False  # run_steps sets it when the side lane starts before a step that opens it
    soon: bool = False  # what starts_early says
    kept: frozenset[str] = frozenset()  # the councils the build keeps (an early lane is told them)

    def starts_early(self) -> bool:
        return self.soon

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def side_site(self) -> Path:
        return self.folder / "side" if self.early else self.site


def _write(name: str):
    def run(build: FakeBuild) -> None:
        (build.folder / name).write_text(f"{name} {os.getpid()}", encoding="utf-8")
    return run


def _fail(exc: BaseException):
    def run(build: FakeBuild) -> None:
        raise exc
    return run


def test_side_steps_run_in_another_process_and_are_timed(tmp_path: Path):
    build = FakeBuild(tmp_path)
    run_steps(build, (Step("a", _write("a"), "side"), Step("b", _write("b"), "side"),
                      Step("main", _write("main"), opens=True), Step("swap", _write("swap"), waits=True)))
    pids = {n: (tmp_path / n).read_text().split()[1] for n in ("a", "b", "main", "swap")}
    assert pids["main"] == pids["swap"] == str(os.getpid())
    assert len({pids["a"], pids["b"], pids["main"]}) == 3  # each side step in a fresh fork of its own
    assert set(build.stats.seconds) == {"a", "b", "main", "swap"}


def test_sequential_runs_everything_here(tmp_path: Path):
    build = FakeBuild(tmp_path, sequential=True)
    run_steps(build, (Step("a", _write("a"), "side"), Step("main", _write("main"), opens=True)))
    assert (tmp_path / "a").read_text().split()[1] == str(os.getpid())


def _log(name: str):
    def run(build: FakeBuild) -> None:
        with open(build.folder / "order", "a", encoding="utf-8") as fh:
            fh.write(f"{name} {'side' if build.side is not None else '-'}\n")
    return run


def test_side_steps_wait_for_the_step_that_opens_them(tmp_path: Path):
    """MkDocs empties its editions' folders: side steps writing into the site start with the fast pages."""
    for sequential in (False, True):
        build = FakeBuild(tmp_path, sequential=sequential)
        run_steps(build, (Step("a", _log("a"), "side"), Step("docs", _log("docs")),
                          Step("fast", _log("fast"), opens=True), Step("swap", _log("swap"), waits=True)))
        lines = (tmp_path / "order").read_text().splitlines()
        if sequential:
            assert lines == ["docs -", "a -", "fast -", "swap -"]
        else:  # the lane's step and the main lane's "fast" run side by side
            assert lines[0] == "docs -" and set(lines[1:3]) == {"a -", "fast side"} and lines[3] == "swap -"
        assert not build.early
        (tmp_path / "order").unlink()


def test_a_light_build_starts_the_side_lane_early_beside_the_site(tmp_path: Path):
    """A build whose side lane may start early (Build.starts_early) starts it before the next main step; the
    lane writes beside the site, and what it wrote is moved in when it is joined, next to the main lane's."""
    def data(build: FakeBuild) -> None:
        (build.side_site / "data").mkdir(parents=True)
        (build.side_site / "data" / "all.json").write_text(str(os.getpid()), encoding="utf-8")
        (build.side_site / "kk" / "c").mkdir(parents=True)
        (build.side_site / "kk" / "c" / "feed.xml").write_text("feed", encoding="utf-8")

    def docs(build: FakeBuild) -> None:
        assert build.side is not None and build.early
        (build.site / "kk" / "c").mkdir(parents=True)
        (build.site / "kk" / "c" / "index.html").write_text("page", encoding="utf-8")

    build = FakeBuild(tmp_path, soon=True)
    run_steps(build, (Step("data", data, "side"), Step("docs", docs), Step("fast", _write("fast"), opens=True),
                      Step("swap", _write("swap"), waits=True)))
    site = tmp_path / "site"
    assert int((site / "data" / "all.json").read_text()) != os.getpid()
    assert sorted(p.name for p in (site / "kk" / "c").iterdir()) == ["feed.xml", "index.html"]
    assert not [p for p in (tmp_path / "side").rglob("*") if not p.is_dir()]  # all moved (folders may stay)
    assert set(build.stats.seconds) == {"data", "docs", "fast", "swap"}


def test_a_file_both_lanes_wrote_stops_the_merge(tmp_path: Path):
    """What the early side lane wrote is moved into the site; a file both lanes wrote is a fault, not a choice."""
    from ashyq.write.spare import move_into

    (tmp_path / "side" / "kk" / "c").mkdir(parents=True)
    (tmp_path / "side" / "kk" / "c" / "feed.xml").write_text("side", encoding="utf-8")
    (tmp_path / "site" / "kk" / "c").mkdir(parents=True)
    (tmp_path / "site" / "kk" / "c" / "feed.xml").write_text("main", encoding="utf-8")
    with pytest.raises(FileExistsError, match="feed.xml: written twice"):
        move_into(tmp_path / "side", tmp_path / "site")
    assert (tmp_path / "site" / "kk" / "c" / "feed.xml").read_text() == "main"


def test_a_failing_side_step_is_named(tmp_path: Path):
    build = FakeBuild(tmp_path)
    with pytest.raises(SideStepFailed) as caught:
        run_steps(build, (Step("data", _fail(ValueError("broken item")), "side"), Step("main", _write("main"), opens=True),
                          Step("swap", _write("swap"), waits=True)))
    assert caught.value.step == "data" and build.stats.step == "data"
    assert "ValueError: broken item" in str(caught.value) and "Traceback" in caught.value.detail
    assert not (tmp_path / "swap").exists()  # the swap never ran


def test_a_build_error_in_the_side_lane_stays_one(tmp_path: Path):
    with pytest.raises(BuildError, match="disk full"):
        run_steps(FakeBuild(tmp_path), (Step("feeds", _fail(BuildError("disk full")), "side"),
                                        Step("swap", _write("swap"), waits=True)))


def test_the_side_lane_dies_when_the_main_lane_fails(tmp_path: Path):
    def slow(build: FakeBuild) -> None:
        (build.folder / "pid").write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(60)

    def main_fails(build: FakeBuild) -> None:
        deadline = time.monotonic() + 60  # a fork of a big test process on a busy machine can take seconds
        while not (build.folder / "pid").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        raise RuntimeError("main lane broke")

    with procs.guarded(), pytest.raises(RuntimeError, match="main lane broke"):
        run_steps(FakeBuild(tmp_path), (Step("calendars", slow, "side"), Step("pagefind", main_fails, opens=True)))
    pid = int((tmp_path / "pid").read_text())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:  # a zombie is dead already
                if fh.read().split()[2] == "Z":
                    break
        except FileNotFoundError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the side lane outlived the build")


def test_a_failed_child_is_reported_by_its_exception_line_not_its_traceback():
    from ashyq.write.mkdocs_run import child_error

    text = "INFO x\nTraceback (most recent call last):\n  File \"a.py\", line 1\nOSError: [Errno 28] No space left on device\n"
    assert child_error(text) == "OSError: [Errno 28] No space left on device"
    assert child_error("ERROR - Config value 'theme': unknown\n") == "ERROR - Config value 'theme': unknown"


def test_a_build_beside_other_threads_forks_nothing(monkeypatch):
    # The preview server builds while its own threads run: a fork would copy the locks they hold without the
    # threads that release them, so such a build keeps every step in its process.
    import os
    import threading

    from ashyq.write.build import Build

    monkeypatch.delenv("ASHYQ_LANES", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    sequential = Build.__dataclass_fields__["sequential"].default_factory
    assert sequential() is False
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert sequential() is True
    finally:
        stop.set()
        thread.join()


def _council_pid(parts: list[tuple[str, list[str]]]) -> int:
    """A fast pages worker's stand-in: notes which process rendered the council."""
    folder, slug = parts[0][1]
    (Path(folder) / slug).write_text(str(os.getpid()), encoding="utf-8")
    return 1


def test_the_fast_pages_workers_are_fresh_forks_after_each_round(tmp_path: Path, monkeypatch):
    from ashyq.render import fastpages

    councils = [f"c{i:02d}" for i in range(10)]
    monkeypatch.setattr(fastpages, "ROUND", 2)  # 2 workers x 2 councils a round: rounds of 4
    monkeypatch.setattr(fastpages, "_render_council", _council_pid)
    monkeypatch.setattr(fastpages, "_compile_templates", lambda editions: None)
    monkeypatch.setattr(fastpages, "council_chunks", lambda editions, reuse: {
        slug: [("kk", [str(tmp_path), slug])] for slug in councils})
    assert fastpages.render_fast_pages(None, {}, workers=2, pool=procs.forked_pool) == 10
    rounds = [{(tmp_path / slug).read_text() for slug in councils[i:i + 4]} for i in range(0, 10, 4)]
    assert str(os.getpid()) not in set().union(*rounds)
    assert not (rounds[0] & rounds[1]) and not (rounds[1] & rounds[2]) and not (rounds[0] & rounds[2])


def test_pagefind_runs_one_shard_at_a_time_while_the_side_lane_runs(tmp_path: Path, monkeypatch):
    import threading

    from ashyq.write import search

    shards = [search.Shard(f"kk-{i}", "kk", (f"kk/{i}/*.html",), 10) for i in range(6)]
    lane_runs = threading.Event()
    lane_runs.set()
    live, seen, lock = [0], [], threading.Lock()

    def run(site: Path, shard: search.Shard, _twins=None) -> None:
        with lock:
            live[0] += 1
            seen.append((lane_runs.is_set(), live[0]))
        folder = site / "pagefind" / shard.name
        folder.mkdir(parents=True)
        for name in search.UI_FILES:
            (folder / name).write_text(name, encoding="utf-8")
        time.sleep(0.3)
        with lock:
            live[0] -= 1
        if len(seen) == 3:
            lane_runs.clear()  # the side lane is done: the second Pagefind may start

    monkeypatch.setattr(search, "plan_shards", lambda site, langs, limit, counts: shards)
    monkeypatch.setattr(search, "_run", run)
    monkeypatch.setattr(search, "BUSY_POLL", 0.05)
    search.index_site(tmp_path, ["kk"], jobs=2, busy=lane_runs.is_set)
    assert len(seen) == 6
    assert max(n for busy, n in seen if busy) == 1
    assert max(n for busy, n in seen if not busy) == 2


def test_the_fast_pages_ask_how_many_workers_before_each_round(tmp_path: Path, monkeypatch):
    """A build gives one worker while its side lane runs (memory: the tree's peak was there) and two after:
    each round forks as many as it is told, and every council is rendered once."""
    from ashyq.render import fastpages

    councils = [f"c{i:02d}" for i in range(11)]
    monkeypatch.setattr(fastpages, "ROUND", 2)
    monkeypatch.setattr(fastpages, "_render_council", _council_pid)
    monkeypatch.setattr(fastpages, "_compile_templates", lambda editions: None)
    monkeypatch.setattr(fastpages, "council_chunks", lambda editions, reuse: {
        slug: [("kk", [str(tmp_path), slug])] for slug in councils})
    told, forked = iter([1, 1, 2, 2]), []

    def pool(n: int):
        forked.append(n)
        return procs.forked_pool(n)

    assert fastpages.render_fast_pages(None, {}, workers=lambda: next(told), pool=pool) == 11
    assert forked == [1, 1, 2, 2]  # rounds of 2, 2, 4 and the last 3 councils
    assert str(os.getpid()) not in {(tmp_path / slug).read_text() for slug in councils}
    assert len({(tmp_path / slug).read_text() for slug in councils[:2]}) == 1  # one worker: one process


@pytest.mark.parametrize(("change", "early"), [
    ({}, True), ({"sequential": True}, False), ({"engine": "mkdocs"}, False), ({"old": None}, False),
    ({"light": False}, False), ({"latin": True}, False)])
def test_which_builds_start_their_side_lane_early(change: dict, early: bool):
    """Only a light warm build of the fast engine, with a second process to fork, starts its side lane early:
    not one whose Latin edition's feeds are made from the Kazakh ones the reuse step brings over."""
    from types import SimpleNamespace

    from ashyq.write.build import Build

    given = {"sequential": False, "engine": "fast", "old": Path("site"), "light": True, "latin": False, **change}
    config = SimpleNamespace(latin_edition=given["latin"])
    build = SimpleNamespace(sequential=given["sequential"], engine=given["engine"], old=given["old"],
                            light=lambda: given["light"],
                            ctx=SimpleNamespace(langs=("kk", "ru"), portal=SimpleNamespace(config=config)))
    assert Build.starts_early(build) is early


def _write_forever(folder: str) -> None:
    n = 0
    while True:
        n += 1
        with open(os.path.join(folder, f"{n % 50}.txt"), "w") as fh:
            fh.write("x")


def test_a_stopped_pool_s_workers_are_gone_before_their_folder_is_removed(tmp_path: Path):
    """A stop kills the forked workers; the build then removes its staging folder. A worker still dying wrote on
    into it, and a stopped build once left a staging folder behind: the killed workers are waited for (a
    killed process is gone in milliseconds), so nothing writes once the pool is left."""
    folder = tmp_path / "staging"
    folder.mkdir()
    with pytest.raises(RuntimeError), procs.forked_pool(2) as pool:
        for _ in range(2):
            pool.submit(_write_forever, str(folder))
        while len(list(folder.iterdir())) < 10:
            time.sleep(0.01)
        workers = list(pool._processes.values())
        raise RuntimeError("stopped")
    assert workers and not any(worker.is_alive() for worker in workers)
    shutil.rmtree(folder)
    time.sleep(0.2)
    assert not folder.exists()
