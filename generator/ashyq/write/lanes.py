"""A second lane for build steps: steps that only read the portal run in a forked process beside the main lane.

:func:`run_steps` runs a build's :class:`Step` list: main steps here, in order, and each run of side steps
in a :class:`SideLane` from the step that opens it (or earlier: ``Build.starts_early``) to the one that
waits for it.

Feeds, calendars and open data read the checked portal and write their own
files; nothing later reads them. While they run in a child forked from the
build (it inherits the portal, nothing is sent), the main lane writes the
fast pages and the root files and runs Pagefind, so both cores work. The child is tracked like
any child of the build (:mod:`ashyq.write.procs`): a stop kills it, and it
dies with the build. Its step timings, or how it failed, come back through
a pipe; the main lane waits for it before the swap.

Each step runs in a process of its own, forked by the lane: reading an object
writes its reference count, so a process that reads the whole portal ends up
holding its own copy of what it read, and what one step read and left behind
(the feeds' entries, say) would stay in memory through the next steps. A
fresh fork for each step starts again from the pages the build shares.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..rounds import ROUND, Rounds, slices
from . import procs as procs_
from .failsafe import BuildError
from .spare import move_into

if TYPE_CHECKING:
    from .build import Build

STEP_FAILED = "step"
BUILD_ERROR = "build"


@dataclass(frozen=True)
class Step:
    name: str  # shown in the timings and in the message if the step fails unexpectedly
    run: Callable[[Build], None]
    # "side": the step only reads the portal and writes its own files; consecutive side steps run in a
    # forked process (:class:`SideLane`) beside the main lane's next steps. A step that ``waits`` joins it first.
    lane: str = "main"
    waits: bool = False
    # The side steps before it start here at the latest (run_steps); a step that waits opens them too.
    opens: bool = False


def run_steps(build: Build, steps: tuple[Step, ...]) -> None:
    """Run the steps in order, each timed; a signal stops the build between two steps."""
    side: list[Step] = []

    early_steps: list[Step] = []  # the steps of a lane started early, and the kept councils it was told
    kept = build.kept

    def join() -> None:
        if build.side is not None:
            build.stats.step = ", ".join(build.side.names)
            build.stats.seconds.update(build.side.finish())
            build.side = None
            if build.early:
                move_into(build.side_site, build.site)  # what it wrote beside the site

    def run(step: Step) -> None:
        build.stats.step = step.name
        started = time.perf_counter()
        step.run(build)
        procs_.check_stop()
        build.stats.seconds[step.name] = time.perf_counter() - started

    try:
        for step in steps:
            if step.lane == "side":
                side.append(step)
                continue
            if side and (step.opens or step.waits or build.starts_early()):
                join()  # one side lane at a time
                build.early = not (step.opens or step.waits)
                if build.sequential:  # one lane: a debugger, or a machine with one core
                    for one in side:
                        run(one)
                else:
                    build.side = SideLane([(s.name, functools.partial(s.run, build)) for s in side])
                    early_steps, kept = (side if build.early else []), build.kept
                side = []
            if step.waits:
                join()
            run(step)
            if early_steps and build.side is not None and build.kept != kept:
                # The build kept fewer councils than the lane was told (their pages or their chrome changed):
                # it left their feeds and calendars to come over with their folders. It starts again, in its place.
                procs_.stop(build.side)
                shutil.rmtree(build.side_site, ignore_errors=True)
                build.side, build.early, side, early_steps = None, False, early_steps, []
        join()
        for one in side:  # side steps no later step opened: here, in order
            run(one)
    except SideStepFailed as exc:
        build.stats.step = exc.step
        raise
    finally:
        if build.side is not None:  # the main lane failed: the side lane's work is of no use
            procs_.kill_all()
            build.side = None


class SideLane:
    """The forked child running some steps in order; looks like a ``Popen`` to :mod:`.procs`."""

    def __init__(self, steps: Sequence[tuple[str, Callable[[], None]]], fork_steps: bool = True):
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self.names = [name for name, _run in steps]
        self.results: list[Any] = []  # what each step returned, once finished
        procs_.check_stop()
        # Not daemonic: multiprocessing forbids a daemonic process children, and the lane forks its steps, a
        # step its rounds (in_forks). Each dies with its parent all the same (procs.worker_init).
        self._proc = ctx.Process(target=_child, args=(steps, send, fork_steps), daemon=False)
        self._proc.start()
        send.close()
        self.pid = self._proc.pid
        procs_.track(self)

    # -- what procs.kill_all needs of a child --------------------------------------------------------
    def poll(self) -> int | None:
        return self._proc.exitcode

    def wait(self, timeout: float | None = None) -> int | None:
        self._proc.join(timeout)
        return self._proc.exitcode

    def finish(self) -> dict[str, float]:
        """Wait for the lane; its step timings, or the failure of one of its steps raised here."""
        try:
            message: Any = self._recv.recv() if self._recv.poll(None) else None
        except EOFError:
            message = None
        self.wait()
        procs_.forget(self)
        procs_.check_stop()  # a child killed by the signal handler is a stop, not a failure
        if not message:
            raise BuildError(f"{', '.join(self.names)}: the process ended without a result "
                             f"(exit code {self._proc.exitcode})")
        kind, payload = message
        if kind == BUILD_ERROR:
            raise BuildError(payload)
        if kind == STEP_FAILED:
            name, detail = payload
            raise SideStepFailed(name, detail)
        timings, self.results = payload
        return timings


class SideStepFailed(Exception):
    """A step of the side lane failed unexpectedly; ``detail`` is its traceback, formatted in the child."""

    def __init__(self, step: str, detail: str):
        super().__init__(detail.strip().splitlines()[-1] if detail.strip() else step)
        self.step = step
        self.detail = detail
        self.add_note(detail)  # --debug prints the child's own traceback


def _child(steps: Sequence[tuple[str, Callable[[], None]]], send, fork_steps: bool) -> None:  # pragma: no cover
    procs_.worker_init()  # a step's process dies with the lane, as the lane dies with the build
    os.setpgid(0, 0)  # its own process group: the build's killpg stops it alone
    timings: dict[str, float] = {}
    results: list[Any] = []
    name = ""
    try:
        for name, run in steps:
            if fork_steps:
                step = SideLane([(name, run)], fork_steps=False)
                timings.update(step.finish())
                results += step.results
                continue
            started = time.perf_counter()
            results.append(run())
            timings[name] = time.perf_counter() - started
        send.send(("ok", (timings, results)))
    except BuildError as exc:
        send.send((BUILD_ERROR, str(exc)))
    except SideStepFailed as exc:  # a step's process failed: its own traceback goes on
        send.send((STEP_FAILED, (exc.step, exc.detail)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which decides
        send.send((STEP_FAILED, (name, traceback.format_exc())))
    finally:
        send.close()
        os._exit(0)


def in_forks(name: str, size: int = ROUND) -> Rounds:
    """Rounds of ``size`` councils (:mod:`ashyq.rounds`), each in a fresh fork of this process; its result
    comes back pickled, and a round that fails fails the step ``name`` with its own traceback."""
    def rounds(slugs: Sequence[str], work: Callable[[list[str]], Any]) -> Iterator[tuple[list[str], Any]]:
        for part in slices(slugs, size):
            lane = SideLane([(name, functools.partial(work, part))], fork_steps=False)
            lane.finish()
            yield part, lane.results[0]
    return rounds
