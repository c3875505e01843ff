"""What the revision history and the member pages cost a build, measured side by side.

Usage: python benchmarks/features_bench.py [--councils 200] [--pairs 2] [--keep DIR]

``build_bench.py --features`` builds the portal without and then with the history and member pages, one
after the other, and compares wall times. On a shared machine two builds minutes apart differ by more
than what is measured (the same build took 108, 142 and 161 s in one run there): the growth it prints
moves by ten points from run to run. Here the two builds run at the same time, each in one process
(``ASHYQ_LANES=1``) held to a core of its own, so whatever slows the machine slows both; the next pair
swaps the cores. Each build's CPU seconds (its whole process tree: Pagefind too) are compared, pair by
pair, and the median growth is printed beside each pair's. It needs two cores.

The portal is the synthetic one of ``build_bench.py`` (``ashyq.synthetic``, two years of records per
council), committed to git with three edits per council (``history_bench.py``), so the record pages
have revisions to show.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from build_bench import ASHYQ, TODAY, git_portal  # noqa: E402


def _start(command: list[str], env: dict[str, str], core: int, log: Path) -> subprocess.Popen:
    with log.open("wb") as err:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err,
                                preexec_fn=lambda: os.sched_setaffinity(0, {core}))


def _cpu(proc: subprocess.Popen, log: Path) -> tuple[float, float]:
    """``(CPU seconds of the process and the children it waited for, wall seconds)`` once it ends."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"the build failed ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - proc.started  # type: ignore[attr-defined]


def pair(root: Path, work: Path, cores: tuple[int, int]) -> tuple[float, float]:
    """Build without and with the features at once, on ``cores`` (without, with); their CPU seconds."""
    from ashyq.diagnostics import PARTS, WITHOUT_ENV

    base = {**os.environ, "ASHYQ_LANES": "1", "ASHYQ_CACHE_DIR": ""}
    base.pop(WITHOUT_ENV, None)
    ways = (("without", {**base, WITHOUT_ENV: ",".join(PARTS)}), ("with", base))
    procs = []
    for (name, env), core in zip(ways, cores):
        site = work / f"site-{name}"
        shutil.rmtree(site, ignore_errors=True)
        os.sync()  # the deletion finished before the builds start, not inside them
        command = [*ASHYQ, "build", str(root), "--out", str(site), "--today", TODAY.isoformat()]
        proc = _start(command, env, core, work / f"{name}.log")
        proc.started = time.perf_counter()  # type: ignore[attr-defined]
        procs.append((name, proc))
    cpus = {}
    for (name, proc), core in zip(procs, cores):
        cpus[name], wall = _cpu(proc, work / f"{name}.log")
        print(f"  {name} history and member pages, core {core}: CPU {cpus[name]:.1f} s, wall {wall:.1f} s",
              file=sys.stderr)
    return cpus["without"], cpus["with"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=2, help="pairs of builds, the cores swapped each time")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the portal and the sites")
    args = parser.parse_args(argv)
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("features_bench needs two cores: the two builds run side by side")
    core_a, core_b = sorted(os.sched_getaffinity(0))[:2]
    from ashyq.synthetic import write_portal

    with tempfile.TemporaryDirectory(prefix="ashyq-features-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        portal = write_portal(work / "portal", councils=args.councils, today=TODAY)
        root, commits = git_portal(portal, work / "git")
        load = os.getloadavg()
        growths = []
        for i in range(args.pairs):
            cores = (core_a, core_b) if i % 2 == 0 else (core_b, core_a)
            without, with_ = pair(root, work, cores)
            growths.append(100 * (with_ / without - 1))
            print(f"pair {i + 1}: CPU {without:.1f} s without → {with_:.1f} s with ({growths[-1]:+.1f} %)")
        print(f"History and member pages, {args.councils:,} councils ({commits:,} commits), builds side by side: "
              f"CPU growth {statistics.median(growths):+.1f} % (median of {len(growths)} pairs: "
              f"{', '.join(f'{g:+.1f}' for g in growths)}); at most +15 % asked.")
        print(f"load average (1, 5, 15 min) at start {', '.join(f'{x:.2f}' for x in load)}, "
              f"at end {', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
