"""Child processes (MkDocs, Pagefind) that never outlive the build.

Each child starts in its own process group, so one ``killpg`` stops it with
everything it started (Pagefind's wrapper execs its binary). On Linux the
kernel also kills a child when the build itself is killed with SIGKILL, which
no handler can catch (``PR_SET_PDEATHSIG``). SIGTERM and SIGINT become a
:class:`Interrupted` exception while a build runs, so every ``finally`` runs:
children are killed and the staging folder removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1
_LIVE: set[Any] = set()  # Popen objects, and forked lanes that act like them
_STOP: list[int] = []  # the signals received while a build runs
_COMMITTED: list[bool] = []  # non-empty once the new site is in place: a signal no longer undoes anything
_LATE: list[int] = []  # the signals received after that: the build finishes, and the caller may stop then
_LOCK = threading.Lock()


class Interrupted(BaseException):
    """The build got SIGTERM or SIGINT: stop, clean up, exit 130/143 (BaseException: no ``except Exception``)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _prctl():
    """libc's ``prctl``, looked up in the parent: the child, between fork and exec, only calls it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def _death_signal(parent: int):
    def set_it() -> None:  # pragma: no cover - runs in the child between fork and exec
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the build died before the line above took effect
            os._exit(1)
    return set_it


def popen(args: list[str], **kwargs: Any) -> subprocess.Popen:
    """``subprocess.Popen`` in a new process group that dies with the build."""
    setup = _death_signal(os.getpid()) if _PRCTL is not None else None
    check_stop()
    proc = subprocess.Popen(args, start_new_session=True, preexec_fn=setup, **kwargs)
    with _LOCK:
        _LIVE.add(proc)
    check_stop()  # a signal during the fork may have been swallowed by a fork hook
    return proc


def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
    """``subprocess.run`` with :func:`popen`'s guarantees; output captured as text."""
    proc = popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    try:
        out, err = proc.communicate()
    finally:
        forget(proc)
    check_stop()  # a child killed by the signal handler is a stop, not a failure
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def track(proc: Any) -> None:
    """Count a child started another way (a forked lane, :mod:`.lanes`) among the build's children."""
    with _LOCK:
        _LIVE.add(proc)


def _kill(pid: int) -> None:
    """SIGKILL a child's process group; the child alone if it has not made its group yet."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    except PermissionError:
        pass


def forget(proc: subprocess.Popen) -> None:
    with _LOCK:
        _LIVE.discard(proc)


def stop(proc: Any) -> None:
    """SIGKILL one child if it still runs, with its whole process group, and forget it."""
    forget(proc)
    if proc.poll() is None:
        _kill(proc.pid)
    with contextlib.suppress(Exception):
        proc.wait(timeout=5)


def kill_all() -> None:
    """SIGKILL every child still running, with its whole process group."""
    with _LOCK:
        procs = list(_LIVE)
    for proc in procs:
        stop(proc)


@contextlib.contextmanager
def commit() -> Iterator[None]:
    """Signals wait while the block runs (the swap); once it is done, the build no longer stops for them."""
    check_stop()
    blocked = {signal.SIGTERM, signal.SIGINT}
    mask = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if mask:
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
        _COMMITTED.append(True)
    finally:
        if mask:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)


def worker_init() -> None:
    """First thing in a pool worker forked by the build: die with the build, leave signals to it."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops its workers itself (see render/fastpages.py)
    with _LOCK:
        _LIVE.clear()  # the build's children are the build's to kill


def check_stop() -> None:
    """Raise :class:`Interrupted` if a signal came: its own exception can be swallowed (fork hooks ignore it)."""
    if _STOP:
        raise Interrupted(_STOP[0])


def _on_signal(signum: int, frame: Any) -> None:
    if _COMMITTED:
        _LATE.append(signum)  # the new site is in place: finishing the clean-up is quicker than anything else
        return
    _STOP.append(signum)
    for proc in tuple(_LIVE):  # no lock: the main thread may hold it right now
        _kill(proc.pid)
    raise Interrupted(signum)


def late_signal() -> int | None:
    """A SIGTERM or SIGINT that came after the last build's new site was in place: that build finished
    rather than stopping, and a caller that goes on afterwards (``ashyq serve``) should stop now."""
    return _LATE[0] if _LATE else None


def quiet_interrupts(unraisable: Any, fallback: Callable[[Any], None] = sys.__unraisablehook__) -> None:
    """``sys.unraisablehook`` while a build runs: a stop that lands where Python cannot raise (a fork hook
    releasing the logging lock, a finaliser) is already recorded and raised by :func:`check_stop`, so
    Python's "Exception ignored" traceback would only alarm the reader; anything else is printed as usual."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    fallback(unraisable)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """While the block runs, SIGTERM/SIGINT stop it with :class:`Interrupted`; children are killed on the way out."""
    previous: dict[int, Any] = {}
    _STOP.clear()
    _COMMITTED.clear()
    _LATE.clear()
    if threading.current_thread() is threading.main_thread():  # signals can only be handled there
        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, _on_signal)
    hook = sys.unraisablehook
    sys.unraisablehook = functools.partial(quiet_interrupts, fallback=hook)
    try:
        yield
    finally:
        sys.unraisablehook = hook
        kill_all()
        for signum, old in previous.items():
            signal.signal(signum, old)


@contextlib.contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Workers forked from the build (they inherit the checked portal: nothing is sent); they die with it.

    A stop or a failure kills them rather than waiting for their work (a national build may have minutes
    left), then waits for them to be gone, milliseconds: a worker still dying wrote on into the staging
    folder the build was removing, and a stopped build left it behind.
    """
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=worker_init)
    try:
        yield pool
    except BaseException:
        killed = list((getattr(pool, "_processes", None) or {}).values())
        for proc in killed:
            proc.kill()
        for proc in killed:
            proc.join(timeout=5)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
