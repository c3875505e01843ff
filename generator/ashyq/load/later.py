"""Councils stored in the parse cache by a process of their own, finishing after the check has answered.

An empty-cache ``ashyq check`` reads every council and stores it for the next run (:mod:`.cache`).
Pickling and writing them took a tenth of the check at national size (1.1 of 10.6 s on two cores,
measured), for a run that comes minutes later, if at all. So each worker of a parallel check, once it
has read its councils and before anything changes them (resolving a body's name does), forks a writer
that stores them at the lowest priority: while the check runs it barely gets a core, and it finishes
just after the findings are printed, as the old site's deletion finishes after a build.

Whoever needs the cache waits for it: every opening (:func:`settled`) waits until the writers of other
runs are done, so the next check or build finds every council stored, as if stored in line. Each
writer holds a lock on a file of its own in the cache folder, named by its run: a run does not wait
for its own writers (a worker opens the cache again after the other worker's writer has started).
A writer stopped halfway leaves whole entries (each is written to a hidden file and renamed) and a
lock file no one holds, which the next opening removes.
"""

from __future__ import annotations

import os
import secrets
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

try:
    import fcntl
except ImportError:  # no advisory locks (Windows): everything is stored in line
    fcntl = None  # type: ignore[assignment]

from .. import heap

PREFIX = ".writing-"
_RUN: list[str] = []  # the current parallel check's name, inherited by its workers (see :func:`run`)


class Store(Protocol):
    folder: Path

    def put(self, slug: str, key: str, value: Any) -> None: ...


Put = tuple[str, str, Any]  # slug, key, council


@contextmanager
def run() -> Iterator[None]:
    """A parallel check: its workers' writers are named after it, and it does not wait for them."""
    _RUN.append(secrets.token_hex(8))
    try:
        yield
    finally:
        _RUN.pop()


def settled(folder: Path) -> None:
    """Wait until the writers of other runs storing into ``folder`` are done; remove the locks of writers
    that stopped halfway."""
    if fcntl is None:
        return
    try:
        names = sorted(n for n in os.listdir(folder) if n.startswith(PREFIX) and not n.endswith(".new"))
    except OSError:
        return
    mine = PREFIX + _RUN[-1] + "-" if _RUN else None
    for name in names:
        if mine and name.startswith(mine):
            continue
        try:
            fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue  # done and gone meanwhile
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # free once its writer has exited, however it ended
            (folder / name).unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)


def write(store: Store, puts: list[Put]) -> None:
    """Store ``puts``: by a forked writer inside a parallel check's worker (a process forked inside
    :func:`run`), else here and now."""
    if not puts:
        return
    if fcntl is None or not _RUN or not heap.may_fork() or not hasattr(os, "fork"):
        _store(store, puts)
        return
    lock = store.folder / f"{PREFIX}{_RUN[-1]}-{os.getpid()}"
    unnamed = lock.with_name(lock.name + ".new")
    try:
        # Locked before it has its name: whoever sees the name finds it locked.
        fd = os.open(unnamed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        _store(store, puts)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.replace(unnamed, lock)
        pid = os.fork()
    except OSError:
        os.close(fd)
        unnamed.unlink(missing_ok=True)
        lock.unlink(missing_ok=True)
        _store(store, puts)
        return
    if pid == 0:  # the writer
        try:
            _detach(fd)
            _store(store, puts)
            lock.unlink(missing_ok=True)
        finally:
            os._exit(0)
    os.close(fd)  # the writer holds the lock until it exits


def _store(store: Store, puts: list[Put]) -> None:
    for slug, key, value in puts:
        store.put(slug, key, value)


def _detach(keep: int) -> None:
    """Out of the check's way: a process group of its own, deaf to the terminal's Ctrl-C and hang-up; no
    file of the check's open (the pipes its caller waits on to close, the pool's); the lowest priority.
    Not a session of its own: Linux schedules each session as a group, whatever its priority inside, and
    the writer took a core from the check (measured)."""
    try:
        os.setpgid(0, 0)
    except OSError:  # not allowed here: the signals below are ignored all the same
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for n in (0, 1, 2):
        os.dup2(null, n)
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 4096)
    os.nice(19)
