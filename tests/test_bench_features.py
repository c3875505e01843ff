"""``build_bench.py --features``: the benchmark switch turns the revision history and the member pages off, and
the harness prints both builds and the growth between them.

The switch is checked on real builds of a one-council portal with a git history (``revisionkit``); the harness
on its smallest run. Nothing here is timed: the figures are the benchmark's business.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ashyq.diagnostics import PARTS, WITHOUT_ENV

from buildkit import build_ok
from revisionkit import C1, history_portal

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "build_bench.py"
MEETING = f"ru/{C1}/meetings/2025-01/index.html"


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return history_portal(tmp_path_factory.mktemp("features"))


def _member_pages(site: Path) -> list[Path]:
    return sorted((site / "ru" / C1 / "members").glob("*/index.html"))


def test_the_switch_leaves_out_the_history_and_the_member_pages_and_feeds(portal: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    whole, reduced = tmp_path / "whole", tmp_path / "reduced"
    monkeypatch.delenv(WITHOUT_ENV, raising=False)
    build_ok(portal, whole)
    assert 'id="revisions"' in (whole / MEETING).read_text("utf-8")
    assert _member_pages(whole) and list((whole / "ru" / C1 / "members").glob("*/votes.atom.xml"))
    monkeypatch.setenv(WITHOUT_ENV, ",".join(PARTS))
    build_ok(portal, reduced)
    assert 'id="revisions"' not in (reduced / MEETING).read_text("utf-8")
    assert _member_pages(reduced) == [] and not list(reduced.rglob("votes.atom.xml"))
    # Everything else is built as before: the records' pages, the members section, the open data.
    assert (reduced / "ru" / C1 / "members" / "index.html").is_file()
    assert json.loads((reduced / "data" / "people.json").read_text("utf-8"))["data"]


def test_the_same_output_after_the_switch_is_reset(portal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A warm build never reuses pages made with the switch for a build without it."""
    out = tmp_path / "site"
    monkeypatch.setenv(WITHOUT_ENV, "history")
    build_ok(portal, out)
    assert 'id="revisions"' not in (out / MEETING).read_text("utf-8")
    monkeypatch.delenv(WITHOUT_ENV)
    build_ok(portal, out)
    assert 'id="revisions"' in (out / MEETING).read_text("utf-8")


def test_the_harness_prints_both_builds_and_the_growth(tmp_path: Path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--sizes", "1", "--features", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| 1 |")]
    whats = [row.split("|")[2].strip() for row in rows]
    assert len(rows) == 8, whats  # the harness's six rows (tests/test_bench_harness.py), then these two
    assert whats[6].startswith("ashyq build, in git, without history and member pages")
    assert f"{WITHOUT_ENV}=history,members" in whats[6]
    assert whats[7] == "ashyq build, in git, with history and member pages"
    pages = [int(row.split("|")[3].strip().replace(",", "")) for row in rows[6:]]
    assert pages[0] < pages[1]  # no member pages without them
    line = next(line for line in proc.stdout.splitlines() if line.startswith("History and member pages"))
    assert re.search(r"wall [\d.]+ s → [\d.]+ s \([+-][\d.]+ %\), CPU [\d.]+ s → [\d.]+ s \([+-][\d.]+ %\)", line)
    data = json.loads(out.read_text(encoding="utf-8"))
    (features,) = data["features"]
    assert features["councils"] == 1 and features["commits"] == 4
    assert features["wall_without"] > 0 and features["cpu_with"] > 0
    assert features["wall_growth_percent"] == pytest.approx(
        100 * (features["wall_with"] / features["wall_without"] - 1))


def test_repeated_runs_alternate_and_the_medians_count(tmp_path: Path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--sizes", "1", "--features", "--only-features",
                           "--repeat", "3", "--json", str(out)], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [line.split("|") for line in proc.stdout.splitlines() if line.startswith("| 1 |")]
    whats = [row[2].strip() for row in rows]
    assert len(rows) == 6 and [w.startswith("ashyq build, in git, without") for w in whats] == [True, False] * 3
    walls = [float(row[4].strip()) for row in rows]
    (features,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    # The table rounds to tenths: the medians are those of the rows.
    assert features["wall_without"] == pytest.approx(sorted(walls[0::2])[1], abs=0.06)
    assert features["wall_with"] == pytest.approx(sorted(walls[1::2])[1], abs=0.06)
