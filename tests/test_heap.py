"""The cyclic collector is paused while a portal loads and the portal is frozen while its site is built
(ashyq/heap.py), and both are given back as they were: a process that checks and builds many portals
(the preview server, this test suite) frees them as before."""

from __future__ import annotations

import dataclasses
import gc

from ashyq import heap
from ashyq.validate import check_portal, rules  # noqa: F401
from ashyq.validate.engine import REGISTRY
from ashyq.write.build import build_site

from conftest import TODAY


def test_a_check_runs_without_cyclic_collections_and_turns_the_collector_back_on(portal, monkeypatch):
    seen: list[bool] = []
    spec = next(iter(REGISTRY.values()))
    real = spec.check

    def spying(ctx):
        seen.append(gc.isenabled())
        return real(ctx)

    monkeypatch.setitem(REGISTRY, spec.id, dataclasses.replace(spec, check=spying))
    assert gc.isenabled()
    result = check_portal(portal.root, TODAY)
    assert result.portal is not None
    assert seen and not any(seen)  # the rules ran with the collector off
    assert gc.isenabled()


def test_what_a_paused_block_made_is_not_walked_by_the_next_young_collections():
    """Left in the youngest generation, a loaded portal was walked by the first collections after the check."""
    gc.collect()
    with heap.paused():
        made = [{"n": [i]} for i in range(20_000)]
    young = {id(o) for o in gc.get_objects(0)} | {id(o) for o in gc.get_objects(1)}
    assert not any(id(o) in young for o in made[::100])
    assert any(o is made[0] for o in gc.get_objects(2)) and gc.isenabled() and gc.get_freeze_count() == 0
    cycle: list = []
    cycle.append(cycle)
    del cycle, made
    assert gc.collect() >= 1  # still collected by a full collection


def test_a_collector_the_caller_turned_off_stays_off():
    gc.disable()
    try:
        with heap.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_build_freezes_the_portal_and_thaws_it_after(portal, tmp_path, monkeypatch):
    from ashyq.write import build as build_module

    counts: list[int] = []
    real = build_module.collect_pages

    def spying(*args, **kwargs):
        counts.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "collect_pages", spying)
    result = check_portal(portal.root, TODAY)
    assert gc.get_freeze_count() == 0
    build_site(result, tmp_path / "site")
    assert counts and counts[0] > 0  # the steps ran with the portal frozen
    assert gc.get_freeze_count() == 0


def test_a_failed_build_thaws_the_portal_too():
    try:
        with heap.frozen():
            assert gc.get_freeze_count() > 0
            raise RuntimeError("a step failed")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0
