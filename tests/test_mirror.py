"""After a build that changed everything, the next build's spare is linked from the live site in the
background (:mod:`ashyq.write.mirror`): the first republish after a cold build moves its unchanged
folders rather than linking 471,792 files of a national site itself."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from buildkit import TODAY, build, digest_diff, tree_digest
from test_incremental import COUNCILS, _inodes, _ok, _retitle


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    from ashyq.synthetic import write_portal

    return write_portal(tmp_path / "portal", councils=len(COUNCILS), today=dt.date.fromisoformat(TODAY))


def _siblings(out: Path) -> list[str]:
    """The mirrors and spares beside the output (a build's old staging folder may still be being deleted)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((".ashyq-mirror-", ".ashyq-spare-")))


def _wait_for(path: Path, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), f"{path.name} did not appear"


def test_a_cold_builds_site_is_mirrored_into_the_spare_and_the_next_build_moves_from_it(
        portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from ashyq.write.spare import spare_path

    out, fresh = tmp_path / "site", tmp_path / "fresh"
    spare = spare_path(out)
    monkeypatch.setenv("ASHYQ_MIRROR_FROM", "1")  # a national site's size, for three councils
    _ok(build(portal, out))
    _wait_for(spare / ".ashyq-site")
    assert tree_digest(spare) == tree_digest(out)
    assert _inodes(spare) == _inodes(out)  # links: no byte written
    moved = {lang: (spare / lang / "councils" / "council-001" / "meetings").stat().st_ino for lang in ("kk", "ru")}
    _retitle(portal)
    _ok(build(portal, out))
    for lang in ("kk", "ru"):  # the folder itself came over: one rename, not a link per file
        assert (out / lang / "councils" / "council-001" / "meetings").stat().st_ino == moved[lang]
    _ok(build(portal, fresh, "--fresh"))
    assert tree_digest(out) == tree_digest(fresh), digest_diff(tree_digest(out), tree_digest(fresh))


def test_a_small_site_is_not_mirrored(portal: Path, tmp_path: Path):
    out = tmp_path / "site"
    _ok(build(portal, out))
    time.sleep(1)
    assert _siblings(out) == []


def test_a_mirror_gives_way_to_a_build_and_leaves_nothing(portal: Path, tmp_path: Path):
    from ashyq.write.mirror import mirror

    out = tmp_path / "site"
    _ok(build(portal, out))
    staging = tmp_path / f".ashyq-staging-{os.getpid()}-x"
    staging.mkdir()  # a build starting
    threading.Timer(1.0, staging.rmdir).start()  # and ending: then what the mirror made goes
    assert not mirror(out)
    assert _siblings(out) == [] and not staging.exists()


def test_a_mirror_links_the_site_it_opened_though_another_is_swapped_in(
        portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from ashyq.write import mirror as mirror_mod
    from ashyq.write.spare import spare_path

    out = tmp_path / "site"
    _ok(build(portal, out))
    first = tree_digest(out)
    looks = []

    def swap_once(watch):
        if not looks:
            shutil.copytree(out, tmp_path / "next")
            (tmp_path / "next" / "robots.txt").write_text("another site\n", encoding="utf-8")
            out.rename(tmp_path / "replaced")
            (tmp_path / "next").rename(out)
        looks.append(1)

    monkeypatch.setattr(mirror_mod._Watch, "check", swap_once)
    assert mirror_mod.mirror(out)
    assert tree_digest(spare_path(out)) == first != tree_digest(out)


def test_a_mirror_whose_process_died_is_removed_by_the_next_build(tmp_path: Path):
    from ashyq.write.output import remove_stale

    out = tmp_path / "site"
    out.mkdir()
    done = subprocess.Popen(["true"])
    done.wait()
    dead = tmp_path / f".ashyq-mirror-{done.pid}-site"
    (dead / "kk").mkdir(parents=True)
    alive = tmp_path / f".ashyq-mirror-{os.getpid()}-site"
    alive.mkdir()
    remove_stale(out)
    assert not dead.exists() and alive.exists()  # a live one gives way by itself
