"""A spare for the build after a cold one, linked from the live site in the background.

A warm build moves what did not change from the spare (:mod:`.spare`), the site before the live one. After
a build that changed everything (a new day, new templates, ``--fresh``) the site it replaced is of no use
to the next build, which then linked each of its unchanged files from the live site itself: at national
size 471,792 links and 185,907 folders, 146 s of the first republish after a cold build. So a large
build that leaves no spare starts a detached process (:func:`mirror_later`) that links the live site into
``.ashyq-mirror-<pid>-<name>`` beside it and, once complete, renames that to the spare.

The process links from the folder it opened, never by the output's path: a build swapping in a new site
meanwhile cannot mix two sites in one spare (the old one is deleted under it, the linking fails, and the
half-made mirror is removed). It gives way to any build: when a staging folder appears beside the output it
stops and removes what it made, so it never competes with a build for the disk. A mirror whose process died
is removed by the next build (:func:`ashyq.write.output.remove_stale`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .output import MIRROR, STAGING, built_by_ashyq
from .spare import spare_path

# Pages from which a build that leaves no spare mirrors its site: below this, linking the unchanged files
# in the next build itself costs a second or less. ``ASHYQ_MIRROR_FROM`` sets another (tests).
MIRROR_FROM = 20_000
LOOK_EVERY = 0.5  # seconds between two looks for a build starting beside the output
QUIET_WAIT = 3600.0  # the longest a stopped mirror waits for the build to end before removing what it made
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
_STARTED: list[subprocess.Popen] = []  # kept, so no warning about a child still running is printed


class Stopped(Exception):
    """A build started beside the output: the mirror gives way."""


def mirror_from() -> int:
    value = os.environ.get("ASHYQ_MIRROR_FROM", "")
    return int(value) if value.isdigit() else MIRROR_FROM


def mirror_later(out: Path, pages: int) -> None:
    """Start the detached process that makes the spare of the site at ``out`` (of ``pages`` pages), unless
    there is one or the site is small."""
    if pages < mirror_from() or os.path.lexists(spare_path(out)):
        return
    try:
        _STARTED.append(subprocess.Popen(
            [sys.executable, "-m", __name__, str(out)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True))
    except OSError:
        pass  # the next build links what it keeps from the live site, as without a spare


def mirror(out: Path) -> bool:
    """Link the site at ``out`` into a mirror beside it and make that the spare; False if it was stopped, failed
    or a spare appeared meanwhile (what it made is removed)."""
    made = out.with_name(f"{MIRROR}{os.getpid()}-{out.name}")
    watch = _Watch(out.parent)
    try:
        fd = os.open(out, _FOLDER)
    except OSError:
        return False
    try:
        _link_folder(fd, made, watch)
        if not built_by_ashyq(made) or os.path.lexists(spare_path(out)):
            raise Stopped
        os.rename(made, spare_path(out))
        return True
    except (OSError, Stopped):
        watch.wait_quiet()  # deleting what was made while a build runs would only slow the build
        shutil.rmtree(made, ignore_errors=True)
        return False
    finally:
        os.close(fd)


class _Watch:
    """Looks, now and then, for a build's staging folder beside the output."""

    def __init__(self, parent: Path):
        self.parent, self.next = parent, 0.0

    def building(self) -> bool:
        try:
            with os.scandir(self.parent) as entries:
                return any(entry.name.startswith(STAGING) for entry in entries)
        except OSError:
            return False

    def check(self) -> None:
        now = time.monotonic()
        if now < self.next:
            return
        self.next = now + LOOK_EVERY
        if self.building():
            raise Stopped

    def wait_quiet(self, longest: float = QUIET_WAIT) -> None:
        """Until no build runs beside the output (at most ``longest`` seconds)."""
        until = time.monotonic() + longest
        while self.building() and time.monotonic() < until:
            time.sleep(LOOK_EVERY)


def _link_folder(fd: int, target: Path, watch: _Watch) -> None:
    """Link each regular file of the opened folder ``fd`` into ``target``, folders likewise; links and
    special files are neither followed nor brought (ashyq writes none)."""
    watch.check()
    os.mkdir(target)
    with os.scandir(fd) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                sub = os.open(entry.name, _FOLDER, dir_fd=fd)
                try:
                    _link_folder(sub, target / entry.name, watch)
                finally:
                    os.close(sub)
            elif entry.is_file(follow_symlinks=False):
                os.link(entry.name, target / entry.name, src_dir_fd=fd, follow_symlinks=False)


if __name__ == "__main__":
    sys.exit(0 if mirror(Path(sys.argv[1])) else 1)
