"""Time ``ashyq check`` on synthetic portals of N councils (two years of records each).

Usage: python benchmarks/check_bench.py [N ...]   (default: 10 100 500)
Prints councils, record files, seconds and files per second; the growth
should be linear (constant files per second). Uses every core, as ``ashyq check`` does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from ashyq.synthetic import write_portal
from ashyq.validate import check_portal

TODAY = dt.date(2026, 11, 21)


def main(sizes: list[int]) -> None:
    print(f"{'councils':>8} {'files':>7} {'check s':>8} {'files/s':>8} {'findings':>8}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_portal(Path(tmp), councils=n, today=TODAY)
            files = sum(1 for p in (root / "councils").rglob("*") if p.suffix in (".yml", ".md"))
            started = time.perf_counter()
            result = check_portal(root, TODAY, jobs=os.cpu_count() or 1, keep_records=False)
            seconds = time.perf_counter() - started
            print(f"{n:>8} {files:>7} {seconds:>8.2f} {files / seconds:>8.0f} {len(result.findings):>8}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 500])
