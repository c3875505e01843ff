"""Feeds, calendars and open data written a round of councils at a time (ashyq.rounds).

The build writes them round by round, each round in a fresh fork, so that no process reads every record
(a process that reads an object copies its memory page: ~700 MB a side step at national size). The files
must not depend on how the councils are grouped, a council's feeds and calendar must still carry the
joint meetings of a partner in another round, and the portal-wide files must be made from what the
rounds send back, not by reading the records again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from ashyq.models.portal import Council
from ashyq.render import urls
from ashyq.render.bodies import body_index
from ashyq.render.calendars import write_calendars
from ashyq.render.context import SiteContext
from ashyq.render.feedtext import joined, tombstones
from ashyq.render.feedwrite import write_feeds
from ashyq.render.opendata import write_opendata
from ashyq.rounds import Rounds, in_process, one_round, slices
from ashyq.write.lanes import in_forks

from test_feeds import C1, C2, build_portal, context


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> SiteContext:
    ctx = context(build_portal(tmp_path_factory.mktemp("rounds")))
    for index in (tombstones, joined, body_index):  # as the build makes them before it forks the rounds
        index(ctx)
    ctx.group_findings()
    return ctx


def write_all(ctx: SiteContext, site: Path, rounds: Rounds) -> None:
    write_feeds(ctx, site, rounds=rounds, members=True)
    write_calendars(ctx, site, rounds=rounds)
    write_opendata(ctx, site, rounds=rounds)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.fixture(scope="module")
def whole(ctx: SiteContext, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("whole")
    write_all(ctx, site, one_round)
    return tree(site)


def test_the_portal_has_a_joint_meeting_across_councils(ctx: SiteContext, whole: dict[str, bytes]):
    """The premise: council-002's calendar and feed carry council-001's joint meeting."""
    assert [rec.id for rec in joined(ctx)[C2]] == ["2026-92"]
    for lang in ctx.langs:
        assert b"2026-92" in whole[urls.calendar(lang, C2)]
        assert b"2026-92" in whole[urls.feed(lang, "all", "atom", C2)]


@pytest.mark.parametrize("size", [1, 2])
def test_rounds_in_this_process_write_the_files_of_one_round(ctx: SiteContext, whole: dict[str, bytes],
                                                            tmp_path: Path, size: int):
    write_all(ctx, tmp_path, in_process(size))
    assert not differences(whole, tree(tmp_path))


def test_rounds_in_forks_write_the_files_of_one_round(ctx: SiteContext, whole: dict[str, bytes], tmp_path: Path):
    write_all(ctx, tmp_path, in_forks("test", size=1))
    assert not differences(whole, tree(tmp_path))


def test_each_round_runs_in_a_fresh_process():
    pids = [pid for _part, pid in in_forks("test", size=1)([C1, C2, "c3"], lambda part: os.getpid())]
    assert len(set(pids)) == 3 and os.getpid() not in pids


def test_a_failing_round_fails_its_step():
    from ashyq.write.lanes import SideStepFailed

    def work(part: list[str]) -> None:
        raise ValueError(f"broken {part[0]}")

    with pytest.raises(SideStepFailed) as failed:
        list(in_forks("feeds", size=1)([C1, C2], work))
    assert failed.value.step == "feeds" and "broken council-001" in failed.value.detail


def test_a_round_reads_only_its_own_councils_records(ctx: SiteContext, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    """Every record read goes through a council of the running round; the portal-wide files read none."""
    current: list[frozenset[str]] = [frozenset()]
    reads: list[tuple[str, frozenset[str]]] = []
    for name in ("of", "records"):
        original: Callable[..., Any] = getattr(Council, name)

        def spy(self: Council, *args: Any, _original: Callable[..., Any] = original) -> Any:
            reads.append((self.slug, current[0]))
            return _original(self, *args)
        monkeypatch.setattr(Council, name, spy)

    def rounds(slugs: Sequence[str], work: Callable[[list[str]], Any]):
        for part in slices(slugs, 1):
            current[0] = frozenset(part)
            result = work(part)
            current[0] = frozenset()
            yield part, result

    write_all(ctx, tmp_path, rounds)
    assert {slug for slug, _ in reads} == {C1, C2}
    assert [(slug, sorted(part)) for slug, part in reads if slug not in part] == []
