"""Time ``ashyq build`` on synthetic portals of N councils (two years of records each).

Usage: python benchmarks/build_bench.py [N ...]   (default: 10 50 200)
Prints pages, wall time, pages per second, the time of each step and the peak
memory of the build (this process and its MkDocs/Pagefind children).
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write.build import build_site

TODAY = dt.date(2026, 11, 21)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(sizes: list[int]) -> None:
    print(f"{'councils':>8} {'pages':>6} {'wall s':>7} {'pages/s':>8} {'peak MB':>8}  steps")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_portal(Path(tmp) / "portal", councils=n, today=TODAY)
            started = time.perf_counter()
            result = check_portal(root, TODAY)
            check_s = time.perf_counter() - started
            stats = build_site(result, Path(tmp) / "site")
            wall = time.perf_counter() - started
            steps = ", ".join(f"{k} {v:.1f}" for k, v in {"check": check_s, **stats.seconds}.items())
            print(f"{n:>8} {stats.pages:>6} {wall:>7.1f} {stats.pages / wall:>8.1f} {peak_mb():>8.0f}  {steps}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 50, 200])
