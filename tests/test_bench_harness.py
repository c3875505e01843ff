"""The build benchmark's harness works: its table has every row with numbers, and it sees a tree's memory.

Nothing here is timed: the figures themselves are the benchmark's business, not the suite's.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "build_bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("build_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_two_council_run_prints_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--sizes", "2", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| 2 |")]
    whats = [row.split("|")[2].strip() for row in rows]
    assert whats[0] == "ashyq check"
    # The reference before the cold build: neither runs right after the warm builds' deletions.
    assert whats[1].startswith("mkdocs build + Material (reference")
    assert whats[2] == "ashyq build"
    assert whats[3].startswith("ashyq build, warm")
    assert whats[4].startswith("ashyq check, warm")
    assert whats[5].startswith("ashyq build, the next day (1 record changed); ")  # and what it wrote
    assert len(rows) == 6
    pages = set()
    for row in [*rows[1:4], rows[5]]:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        count, wall, per_s, ms, peak, pss, kb = (_number(c) for c in cells[2:9])
        assert count > 100 and wall > 0 and per_s > 0 and ms > 0 and kb > 0
        assert 20 < peak < 4000  # MB: a Python process tree, neither nothing nor everything
        assert 20 < pss <= peak  # shared pages counted once: never more than the RSS summed
        pages.add(count)
        assert re.fullmatch(r"[\d.]+ → [\d.]+", cells[9])
    assert len(pages) == 1, "every engine builds the same pages"
    assert "load average" in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["what"] for r in data["rows"]] == whats
    assert data["rows"][0]["pages"] is None and data["rows"][2]["pages_per_s"] > 0
    assert data["rows"][4]["pages"] is None


def test_peak_memory_counts_the_descendants() -> None:
    bench = _bench()
    hold = "import time; b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.6)"
    # A parent that only waits, and a grandchild that holds 80 MB: the tree's peak includes the grandchild.
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {hold!r}])"
    wall, peak_mb, pss_mb = bench.measure([[sys.executable, "-c", parent]])
    assert wall > 0.5
    assert peak_mb > 80 and pss_mb > 80
