"""Time ``ashyq build`` against plain MkDocs + Material on synthetic portals, and print a README table.

Usage: python benchmarks/build_bench.py [--sizes 50,200,500] [--national] [--warm N] [--legacy] [--serial-reference]
                                        [--features [--repeat N] [--only-features]] [--json FILE] [--keep DIR]

For each portal size (councils of ``ashyq.synthetic``, two years of records each; one council in
:data:`OVERDUE` has its latest recommendation unanswered, overdue as a real portal's are) it measures, each
as child processes started from here:

- ``ashyq check`` alone, its parse cache empty (:mod:`ashyq.load.cache`, in a folder of the run), after the
  portal just written has reached the disk, as a checkout's files have. The row ends when the check has
  answered; its workers' writers store the councils read in the background (:mod:`ashyq.load.later`), and
  the bench prints when they were done;
- the reference engine (below), before the cold build and on the same pages: neither runs right after the
  warm builds, which delete the sites they replace (on ext4 without a journal, creating files within
  minutes of deleting many costs more);
- ``ashyq build`` with the default engine (cold: into an empty output, the parse cache emptied first);
- the warm rebuild: one meeting's title changed in one council, built again into the same output, with the
  parse cache the cold build left; ``--warm N`` times (default 3), a record of another council each time,
  the row giving their median (each is listed in its title) and the most files any of them wrote (the rest
  of the site is the live site's files: moved, linked, or, where they came out the same, kept; a file's
  modification time tells). Before the cold row and each warm row the
  bench waits for the build's background work and for the disk (``sync``): a republish comes minutes
  after the last build, not while the disk still writes it back;
- the warm check: another meeting's title changed (the last council's last one), checked again with the cache;
- the next day's build: ``--today`` a day later, the record the warm check changed built too (a council is
  rendered again only where the day changes what it shows: ``ashyq.write.dayfacts``; the councils with a
  response overdue say one more day overdue);
- the reference engine: ``mkdocs build`` with Material of the same docs tree and ``mkdocs.<lang>.yml``
  that ashyq's MkDocs engine writes (made by the package's own functions, untimed), one process per
  language, in parallel (``--serial-reference``: one after the other) -- a site without ashyq's shortcuts;
- with ``--legacy``: ``ashyq build`` with the engine named by :data:`REFERENCE_ENGINE_ENV` (today's build);
- with ``--features``: what the revision history and the member pages cost. The same portal is committed
  to a git repository with a history of edits (three commits per council, as ``history_bench.py`` makes
  them), then built cold twice: without the history and the member pages (the benchmark switch
  ``ASHYQ_BENCH_WITHOUT``, :mod:`ashyq.diagnostics`) and with them, as a portal is built. Under the table,
  the growth from the first to the second in wall time and in CPU seconds (the build's whole process tree,
  which a busy machine's load hardly changes); issue 12 allows at most 15 % at 200 councils. With
  ``--repeat N`` each way is built N times, alternated, and the medians are compared (one run each way
  varies by ±10 % on a shared machine); ``--only-features`` skips the other rows.

Each row gives wall time, pages (kk + ru), pages/s, ms per page, and the peak memory of the whole
process tree (the started processes and all their descendants, read from ``/proc``) two ways: their RSS
summed (every 50 ms), which counts a page that forked processes share once per process and so
overstates the tree, and their PSS summed (every 200 ms), each shared page divided among its sharers:
the memory the tree really holds, which the 2 GB target is about. Per-page figures (ms/page, KB/page of
the PSS) are what stays comparable from 50 to 500 councils.
The load average is read at the start and end of every row: figures taken on a busy machine are noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

TODAY = dt.date(2026, 11, 21)
DEFAULT_SIZES = (50, 200, 500)
# Councils for ≈ 100,000 pages (kk + ru), the national portal the targets are set for: 100,264 pages with the
# synthetic portal's two years of records and its member pages (1,350 councils make 182,874).
NATIONAL = 740
WARM = 3  # warm builds measured, each after one record of another council changed: the row gives their median
OVERDUE = 5  # every 5th council has a response overdue: the next day, its pages say one more day overdue
# How ``ashyq build`` is told to use its MkDocs-for-every-page engine (today's build): the environment
# given to the docs-tree preparation of the reference engine and to the ``--legacy`` row.
REFERENCE_ENGINE_ENV = {"ASHYQ_ENGINE": "mkdocs"}
SAMPLE_SECONDS = 0.05
PSS_EVERY = 4  # the proportional set size every 4th sample (200 ms)
PAGE = os.sysconf("SC_PAGE_SIZE")
HERE = Path(__file__).resolve()
# The ``ashyq`` command as its console script runs it, with this interpreter.
ASHYQ = [sys.executable, "-c", "from ashyq.cli import run; run()"]


@dataclass
class Row:
    councils: int
    what: str
    wall: float
    pages: int | None  # kk + ru HTML pages; None for the check
    peak_mb: float  # the processes' RSS summed: shared pages counted once per process
    peak_pss_mb: float  # their PSS summed: what the tree holds
    load_start: float
    load_end: float

    @property
    def pages_per_s(self) -> float | None:
        return self.pages / self.wall if self.pages else None

    @property
    def ms_per_page(self) -> float | None:
        return 1000 * self.wall / self.pages if self.pages else None

    @property
    def kb_per_page(self) -> float | None:
        return 1024 * self.peak_pss_mb / self.pages if self.pages else None

    def as_json(self) -> dict:
        return {**asdict(self), "pages_per_s": self.pages_per_s, "ms_per_page": self.ms_per_page,
                "kb_per_page": self.kb_per_page}


# --- the peak memory of a process tree ---------------------------------------------------------------

def _parents() -> dict[int, int]:
    """``pid -> parent pid`` of every process now alive."""
    found: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # gone since the listing
        # The command name may hold spaces and parentheses: the fields follow its last ')'.
        found[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    return found


def _tree(roots: set[int]) -> list[int]:
    """``roots`` and all their descendants alive now."""
    children: dict[int, list[int]] = {}
    for pid, ppid in _parents().items():
        children.setdefault(ppid, []).append(pid)
    todo, seen = list(roots), []
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.append(pid)
            todo.extend(children.get(pid, ()))
    return seen


def tree_rss(roots: set[int]) -> int:
    """Bytes resident in ``roots`` and all their descendants now, each process's RSS summed: a page that
    forked processes share (copy-on-write) counts once per process, so this overstates the tree."""
    total = 0
    for pid in _tree(roots):
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def tree_pss(roots: set[int]) -> int:
    """The tree's proportional set size: each resident page divided among the processes sharing it (the
    kernel's ``Pss`` of ``/proc/<pid>/smaps_rollup``), so the sum is the memory the tree really holds."""
    total = 0
    for pid in _tree(roots):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            pass
    return total


class PeakSampler(threading.Thread):
    """Samples :func:`tree_rss` of the given processes every 50 ms, and :func:`tree_pss` (whose reading
    walks every mapping: dearer) every :data:`PSS_EVERY` samples, and keeps both peaks."""

    def __init__(self, pids: set[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.peak_pss, self.done = pids, 0, 0, threading.Event()

    def run(self) -> None:
        tick = 0
        while True:
            self.peak = max(self.peak, tree_rss(self.pids))
            if tick % PSS_EVERY == 0:
                self.peak_pss = max(self.peak_pss, tree_pss(self.pids))
            tick += 1
            if self.done.wait(SAMPLE_SECONDS):
                return


def measure(commands: list[list[str]], env: dict[str, str] | None = None, serial: bool = False
            ) -> tuple[float, float, float]:
    """Run the commands (together, or one after the other); ``(wall seconds, peak MB of the RSS summed,
    peak MB of the PSS summed)``."""
    full_env = {**os.environ, **(env or {})}
    peak = peak_pss = 0
    started = time.perf_counter()
    for batch in ([c] for c in commands) if serial else [commands]:
        procs = [subprocess.Popen(c, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in batch]
        sampler = PeakSampler({p.pid for p in procs})
        sampler.start()
        outputs = [p.communicate() for p in procs]
        sampler.done.set()
        sampler.join()
        peak, peak_pss = max(peak, sampler.peak), max(peak_pss, sampler.peak_pss)
        for cmd, proc, (out, err) in zip(batch, procs, outputs):
            if proc.returncode != 0:
                raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-2000:]}{err[-2000:]}")
    return time.perf_counter() - started, peak / 2**20, peak_pss / 2**20


# --- the portal, the reference docs tree, the one-record change --------------------------------------

def prepare_docs(portal: Path, work: Path) -> None:
    """Write each language's docs tree and ``mkdocs.<lang>.yml`` as ashyq's MkDocs engine does; print them."""
    from ashyq.render.context import SiteContext
    from ashyq.render.mkdocs_config import mkdocs_config, write_config
    from ashyq.render.pages import write_docs
    from ashyq.render.sitepages import collect_pages, navigation
    from ashyq.validate import check_portal

    result = check_portal(portal, TODAY)
    assert result.portal is not None
    ctx = SiteContext(result.portal, result.findings, result.dates, result.today,
                      tuple(result.portal.config.languages))
    configs, pages = [], 0
    for lang in ctx.langs:
        site_pages = collect_pages(result.portal.councils.values(), lang, portal / "content",
                                   [body.id for body in result.portal.bodies])
        docs = work / "docs" / lang
        pages += write_docs(ctx, site_pages, docs)
        cfg = work / f"mkdocs.{lang}.yml"
        write_config(cfg, mkdocs_config(ctx, lang, docs, work / "site" / lang, navigation(site_pages)))
        configs.append(str(cfg))
    print(json.dumps({"configs": configs, "pages": pages}))


def change_one_record(portal: Path, last: bool = False, turn: int = 0) -> Path:
    """Touch a meeting's title the way a secretary's fix would: a meeting of the ``turn``-th council (its first
    meeting, its second once every council had a turn, ...), or (``last``) the last council's last meeting."""
    councils = sorted((portal / "councils").iterdir())
    meetings = sorted((councils[-1 if last else turn % len(councils)] / "meetings").glob("*.md"))
    meeting = meetings[-1 if last else turn // len(councils)]
    text = meeting.read_text(encoding="utf-8")
    changed = re.sub(r"Заседание № (\d+):", r"Заседание № \1 (уточнено):", text, count=1)
    assert changed != text, meeting
    meeting.write_text(changed, encoding="utf-8")
    return meeting


def html_pages(site: Path, langs: tuple[str, ...] = ("kk", "ru")) -> int:
    """The pages of the editions: their HTML files except the 404 page."""
    return sum(1 for lang in langs for p in (site / lang).rglob("*.html") if p.name != "404.html")


# --- one size ----------------------------------------------------------------------------------------

def written_since(site: Path, since: float) -> tuple[int, int]:
    """The files of ``site`` written from ``since`` on, and their bytes: what a warm build wrote. The files it
    brought over (moved from the spare, or linked from the site it replaced) keep their modification time."""
    files = size = 0
    folders = [site]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    if info.st_mtime >= since:
                        files, size = files + 1, size + info.st_size
    return files, size


def children_cpu() -> float:
    """CPU seconds of the finished child processes and all they waited for (a build's whole tree)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@dataclass
class Features:
    """``--features``: one size's build without and with the revision history and the member pages."""

    councils: int
    commits: int  # in the portal's repository: what the history pages show
    wall_without: float
    wall_with: float
    cpu_without: float
    cpu_with: float

    @property
    def wall_growth(self) -> float:
        return 100 * (self.wall_with / self.wall_without - 1)

    @property
    def cpu_growth(self) -> float:
        return 100 * (self.cpu_with / self.cpu_without - 1)

    def line(self) -> str:
        return (f"History and member pages, {self.councils:,} councils ({self.commits:,} commits): wall "
                f"{self.wall_without:.1f} s → {self.wall_with:.1f} s ({self.wall_growth:+.1f} %), CPU "
                f"{self.cpu_without:.1f} s → {self.cpu_with:.1f} s ({self.cpu_growth:+.1f} %); at most +15 % asked.")

    def as_json(self) -> dict:
        return {**asdict(self), "wall_growth_percent": self.wall_growth, "cpu_growth_percent": self.cpu_growth}


def git_portal(portal: Path, repo: Path) -> tuple[Path, int]:
    """A copy of ``portal`` committed in ``repo`` with three edits per council; ``(its root, commits)``."""
    from history_bench import commit_edits, commit_once  # the sibling benchmark's history of edits

    shutil.copytree(portal, repo / "portal")
    commit_once(repo)
    return repo / "portal", 1 + commit_edits(repo, repo / "portal")


def settle(out: Path | None, longest: float = 1800.0) -> None:
    """Wait for what a build leaves running in the background (its old site being deleted, after a cold build
    the next build's spare being linked: ``ashyq.write.mirror``), then for the files written so far to reach
    the disk (``sync``), as a secretary's next change comes minutes later: the warm row measures the
    republish, not the disk still writing back the last build (at 100,000 pages a cold build writes 4.7 GB).
    Before the cold row, ``out`` is None: the synthetic portal just written reaches the disk, as a
    checkout's files have."""
    started = time.perf_counter()
    while out is not None and time.perf_counter() - started < longest and (
            any(out.parent.glob(".ashyq-discard-*")) or any(out.parent.glob(".ashyq-mirror-*"))):
        time.sleep(1)
    waited = time.perf_counter() - started
    os.sync()
    synced = time.perf_counter() - started - waited
    print(f"  background work finished {waited:.0f} s after the last row, the disk {synced:.0f} s later",
          file=sys.stderr)


def bench_size(n: int, tmp: Path, legacy: bool, serial_reference: bool,
               features: list[Features] | None = None, repeat: int = 1, only_features: bool = False,
               warm_builds: int = WARM) -> list[Row]:
    """The rows of one size; with ``features`` (a list), the history and member pages' cost is added to it
    (the median of ``repeat`` builds each way); ``only_features`` skips the other rows. The warm row is the
    median of ``warm_builds`` builds, each after one more record changed."""
    from ashyq.synthetic import write_portal

    portal = write_portal(tmp / "portal", councils=n, today=TODAY, overdue=OVERDUE)
    today = ["--today", TODAY.isoformat()]
    rows: list[Row] = []

    def row(what: str, commands: list[list[str]], pages_of: Path | None, env: dict[str, str] | None = None,
            serial: bool = False) -> float:
        """Measure one row; the CPU seconds it took."""
        load_start, cpu = os.getloadavg()[0], children_cpu()
        wall, peak, pss = measure(commands, env, serial)
        cpu = children_cpu() - cpu
        pages = html_pages(pages_of) if pages_of else None
        rows.append(Row(n, what, wall, pages, peak, pss, load_start, os.getloadavg()[0]))
        print(f"  {n} councils, {what}: {wall:.1f} s, {pages or '-'} pages, {peak:.0f} MB (RSS), {pss:.0f} MB "
              f"(PSS), CPU {cpu:.1f} s", file=sys.stderr)
        return cpu

    if only_features:
        return _features(n, tmp, portal, features, repeat, row, rows)
    cache = tmp / "parse-cache"
    cached = {"ASHYQ_CACHE_DIR": str(cache)}
    settle(None)
    answered = time.perf_counter()
    row("ashyq check", [[*ASHYQ, "check", str(portal), *today]], None, env=cached)
    answered += rows[-1].wall
    while any(cache.rglob(".writing-*")):  # the parse cache's writers, finishing after the answer
        time.sleep(0.05)
    print(f"  the parse cache was stored {max(0.0, time.perf_counter() - answered):.1f} s after the check "
          "answered", file=sys.stderr)
    shutil.rmtree(cache)
    # The reference engine runs before the cold build, on the same pages, and neither right after the warm
    # builds: each of those deletes the site it replaced (270,000 files at 100,000 pages) in the background,
    # and on ext4 without a journal creating files within minutes of deleting many costs more (the allocator
    # skips inodes freed in the last 1-6 minutes: 5-14 % of a 200-council build's CPU samples, measured),
    # which the reference paid and the cold build did not.
    work = tmp / "reference"
    prep = subprocess.run([sys.executable, str(HERE), "--prepare-docs", str(portal), str(work)], check=True,
                          env={**os.environ, **REFERENCE_ENGINE_ENV}, stdout=subprocess.PIPE, text=True)
    configs = json.loads(prep.stdout.splitlines()[-1])["configs"]
    how = "one after the other" if serial_reference else "in parallel"
    settle(None)
    row(f"mkdocs build + Material (reference; kk, ru {how})",
        [[sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", cfg] for cfg in configs],
        work / "site", serial=serial_reference)
    out = tmp / "site"
    settle(None)
    row("ashyq build", [[*ASHYQ, "build", str(portal), "--out", str(out), *today]], out, env=cached)
    warm: list[Row] = []
    wrote: list[tuple[int, int]] = []
    for turn in range(warm_builds):
        settle(out)
        change_one_record(portal, turn=turn)
        started = time.time()
        row(f"ashyq build, warm (1 record changed), {turn + 1} of {warm_builds}",
            [[*ASHYQ, "build", str(portal), "--out", str(out), *today]], out, env=cached)
        warm.append(rows.pop())
        wrote.append(written_since(out, started))
        print(f"  it wrote {wrote[-1][0]:,} files, {wrote[-1][1] / 1e6:.1f} MB; the rest are the live site's",
              file=sys.stderr)
    files, size = max(wrote)
    rows.append(Row(n, f"ashyq build, warm (1 record changed; median of {warm_builds}: "
                       f"{', '.join(f'{r.wall:.1f}' for r in warm)} s; at most {files:,} files, "
                       f"{size / 1e6:.0f} MB written)", statistics.median(r.wall for r in warm),
                    warm[0].pages, max(r.peak_mb for r in warm), max(r.peak_pss_mb for r in warm),
                    warm[0].load_start, warm[-1].load_end))
    change_one_record(portal, last=True)
    row("ashyq check, warm (1 record changed)", [[*ASHYQ, "check", str(portal), *today]], None, env=cached)
    # A day later, with the record the warm check changed: deadlines judged on the new day (write/dayfacts.py).
    settle(out)
    started = time.time()
    row("ashyq build, the next day (1 record changed)", [[*ASHYQ, "build", str(portal), "--out", str(out),
                                                           "--today", (TODAY + dt.timedelta(days=1)).isoformat()]],
        out, env=cached)
    files, size = written_since(out, started)
    rows[-1].what += f"; {files:,} files, {size / 1e6:.0f} MB written"

    if legacy:
        row("ashyq build, " + " ".join(f"{k}={v}" for k, v in REFERENCE_ENGINE_ENV.items()),
            [[*ASHYQ, "build", str(portal), "--out", str(tmp / "site-legacy"), *today]],
            tmp / "site-legacy", env={**REFERENCE_ENGINE_ENV, "ASHYQ_CACHE_DIR": ""})
    if features is not None:
        _features(n, tmp, portal, features, repeat, row, rows)
    return rows


def _features(n: int, tmp: Path, portal: Path, features: list[Features] | None, repeat: int, row, rows: list[Row]
              ) -> list[Row]:
    """``--features``: the portal in git built without and with the history and member pages, alternated."""
    from ashyq.diagnostics import PARTS, WITHOUT_ENV

    assert features is not None
    today = ["--today", TODAY.isoformat()]
    root, commits = git_portal(portal, tmp / "features")
    switch = {WITHOUT_ENV: ",".join(PARTS), "ASHYQ_CACHE_DIR": ""}  # both ways read every record
    runs: dict[str, list[tuple[float, float]]] = {"without": [], "with": []}
    # Alternated, so that a machine getting busier or quieter weighs on both alike; the medians count.
    for _ in range(repeat):
        for name, env in (("without", switch), ("with", {"ASHYQ_CACHE_DIR": ""})):
            site = tmp / f"site-{name}-features"
            shutil.rmtree(site, ignore_errors=True)
            # The file system finishes the deletion (journal, discards) before the timer starts, not inside
            # the next build: the build "with" deletes 22,000 more files than the one "without".
            os.sync()
            what = (f"ashyq build, in git, without history and member pages ({WITHOUT_ENV}={switch[WITHOUT_ENV]})"
                    if name == "without" else "ashyq build, in git, with history and member pages")
            cpu = row(what, [[*ASHYQ, "build", str(root), "--out", str(site), *today]], site, env=env)
            runs[name].append((rows[-1].wall, cpu))
    walls = [statistics.median(w for w, _ in runs[k]) for k in ("without", "with")]
    cpus = [statistics.median(c for _, c in runs[k]) for k in ("without", "with")]
    features.append(Features(n, commits, walls[0], walls[1], cpus[0], cpus[1]))
    return rows


# --- the table ---------------------------------------------------------------------------------------

def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def table(rows: list[Row]) -> str:
    lines = ["| councils | what | pages (kk+ru) | wall s | pages/s | ms/page | peak MB, RSS summed "
             "| peak MB, PSS | KB/page (PSS) | load 1 min (start → end) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r.councils:,} | {r.what} | {_num(r.pages)} | {r.wall:.1f} | {_num(r.pages_per_s)} "
                     f"| {_num(r.ms_per_page, 2)} | {r.peak_mb:,.0f} | {r.peak_pss_mb:,.0f} | {_num(r.kb_per_page)} "
                     f"| {r.load_start:.2f} → {r.load_end:.2f} |")
    return "\n".join(lines)


def parse_sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                        help="councils per portal, comma-separated (default: 50,200,500)")
    parser.add_argument("--national", action="store_true", help=f"add {NATIONAL:,} councils (≈ 100,000 pages)")
    parser.add_argument("--warm", type=int, default=WARM,
                        help=f"warm builds per size, each after another record changed; the row is their median "
                             f"(default {WARM})")
    parser.add_argument("--legacy", action="store_true",
                        help="also time ashyq build with " + " ".join(f"{k}={v}" for k, v in REFERENCE_ENGINE_ENV.items()))
    parser.add_argument("--serial-reference", action="store_true",
                        help="run the reference's two mkdocs builds one after the other, not in parallel")
    parser.add_argument("--features", action="store_true",
                        help="also build each portal, in git with a history of edits, without and with the revision "
                             "history and member pages, and print the growth in %%")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --features: build each way this many times, alternated, and take the medians")
    parser.add_argument("--only-features", action="store_true",
                        help="with --features: measure only the history and member pages' cost")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the portals and sites")
    parser.add_argument("--prepare-docs", nargs=2, type=Path, metavar=("PORTAL", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepare_docs:
        prepare_docs(*args.prepare_docs)
        return 0
    from ashyq.diagnostics import WITHOUT_ENV

    os.environ.pop(WITHOUT_ENV, None)  # every row but the one that sets it builds the whole site
    sizes = args.sizes + ([NATIONAL] if args.national else [])
    load_start = os.getloadavg()
    rows: list[Row] = []
    features: list[Features] | None = [] if args.features else None
    for n in sizes:
        if args.keep:
            folder = args.keep / f"councils-{n}"
            folder.mkdir(parents=True, exist_ok=False)
            rows += bench_size(n, folder, args.legacy, args.serial_reference, features, args.repeat, args.only_features,
                               args.warm)
        else:
            with tempfile.TemporaryDirectory(prefix=f"ashyq-bench-{n}-") as tmp:
                rows += bench_size(n, Path(tmp), args.legacy, args.serial_reference, features, args.repeat,
                                  args.only_features, args.warm)
    load_end = os.getloadavg()
    print(table(rows))
    if features:
        print()
        print("\n".join(f.line() for f in features))
    print(f"\n{os.cpu_count()} cores; load average (1, 5, 15 min) at start {', '.join(f'{x:.2f}' for x in load_start)}, "
          f"at end {', '.join(f'{x:.2f}' for x in load_end)}.")
    if args.json:
        data = {"cores": os.cpu_count(), "load_start": load_start, "load_end": load_end,
                "rows": [r.as_json() for r in rows]}
        if features is not None:
            data["features"] = [f.as_json() for f in features]
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
