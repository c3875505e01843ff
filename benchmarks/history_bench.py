"""What the revision history costs a build: a synthetic portal built with and without git history.

Usage: python benchmarks/history_bench.py [--councils 200] [--repeat 2] [--json FILE] [--keep DIR]

The synthetic portal (``ashyq.synthetic``, two years of records per council) is built, cold, in
three forms, each as a child process started from here:

- **no git**: a copy outside any repository: no ``git log``, no history on the pages;
- **git, 1 commit**: the portal committed once: one ``git log`` walk, every record listed as added;
- **git, edits**: the same, then three commits per council, the way a secretary corrects records
  (a meeting's start time, then its Russian protocol text, then a recommendation's file renamed):
  every council reads and compares old versions (``git cat-file --batch``) for its pages.

The rows are run in turns (A, B, C, A, B, C, …) so a change in the machine's load hits all of
them alike; the table gives the median wall time of each and its cost against "no git". The load
average is printed at the start and end of every run: figures taken on a busy machine are noisy.

Since wall times on a shared machine move by more than the history costs, a second table gives
CPU seconds (this process and its git children), which the machine's load hardly changes: the
``git log`` walk, and every record page of both editions rendered with the history and without it
(``Renderer.render`` with the history step replaced by nothing), alternately, ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import dataclasses
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_bench import ASHYQ, html_pages, measure  # noqa: E402 - the sibling benchmark's tools

TODAY = dt.date(2026, 11, 21)
WHEN = "2026-01-10T10:00:00+05:00"


def _git(repo: Path, *args: str, when: str = WHEN) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.kz", "GIT_COMMITTER_NAME": "bench",
                "GIT_COMMITTER_EMAIL": "bench@example.kz", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=repo,
                   check=True, capture_output=True, env=env)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit_once(repo: Path) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Portal")


def commit_edits(repo: Path, portal: Path) -> int:
    """Three commits per council, on later days; returns the number of commits made."""
    count = 0
    councils = sorted(p for p in (portal / "councils").iterdir() if p.is_dir())
    for i, council in enumerate(councils):
        meeting = sorted((council / "meetings").glob("*.md"))[0]
        recommendation = sorted((council / "recommendations").glob("*.yml"))[0]
        day = dt.datetime(2026, 2, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))) + dt.timedelta(minutes=i)
        steps = [
            ("Start time corrected", lambda: _replace(meeting, "time: '10:00'", "time: '11:00'")),
            ("Protocol text corrected", lambda: _replace(meeting, "Обсуждён вопрос:", "Обсуждён вопрос (уточнено):")),
            ("Recommendation file renamed", lambda: recommendation.rename(recommendation.with_name(
                recommendation.stem + "-renamed.yml"))),
        ]
        for n, (message, edit) in enumerate(steps):
            edit()
            when = (day + dt.timedelta(days=n)).isoformat()
            _git(repo, "add", "-A", str(council.relative_to(repo)), when=when)
            _git(repo, "commit", "-q", "-m", message, when=when)
            count += 1
    return count


def prepare(n: int, tmp: Path) -> dict[str, Path]:
    """The three portals: ``name -> portal root``."""
    from ashyq.synthetic import write_portal

    names = ("no git", "git, 1 commit", "git, edits (3 commits per council)")
    if (tmp / "edits" / "portal").is_dir():  # --keep of an earlier run: its portals are reused
        return dict(zip(names, (tmp / "plain" / "portal", tmp / "once" / "portal", tmp / "edits" / "portal")))
    started = time.perf_counter()
    plain = write_portal(tmp / "plain" / "portal", councils=n, today=TODAY)
    once = tmp / "once"
    shutil.copytree(plain.parent, once)
    commit_once(once)
    edits = tmp / "edits"
    shutil.copytree(plain.parent, edits)
    commit_once(edits)
    made = commit_edits(edits, edits / "portal")
    print(f"  portals ready ({made + 1} commits in the edited one) in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return dict(zip(names, (plain, once / "portal", edits / "portal")))


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (git)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def profile(root: Path, repeat: int) -> dict[str, float]:
    """CPU seconds of the history's parts on one portal (the median of ``repeat`` tries each)."""
    import ashyq.render.pages as pages_module
    from ashyq.load.history import read_history
    from ashyq.render.context import SiteContext
    from ashyq.render.sitepages import collect_pages
    from ashyq.validate import check_portal

    result = check_portal(root, TODAY)
    assert result.portal is not None
    editions = {lang: collect_pages(result.portal.councils.values(), lang, root / "content")
                for lang in result.portal.config.languages}
    real = pages_module.with_revisions
    figures: dict[str, list[float]] = {"git log walk": [], "record pages, history on": [],
                                       "record pages, history off": []}
    for _ in range(repeat):
        started = _cpu()
        read_history(root)
        figures["git log walk"].append(_cpu() - started)
        for what, step in (("record pages, history on", real),
                           ("record pages, history off", lambda renderer, page, body: body)):
            pages_module.with_revisions = step
            ctx = SiteContext(result.portal, result.findings, dataclasses.replace(result.dates, cache={}),
                              result.today, tuple(result.portal.config.languages))
            started = _cpu()
            for lang, site_pages in editions.items():
                renderer = pages_module.Renderer(ctx, lang, site_pages, fast=True)
                for page in site_pages:
                    if page.kind == "record":
                        renderer.render(page)
            figures[what].append(_cpu() - started)
        pages_module.with_revisions = real
    return {what: statistics.median(values) for what, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="builds of each form (default 2)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the portals and sites")
    parser.add_argument("--cpu-only", action="store_true", help="only the CPU table (no builds)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix=f"ashyq-history-{args.councils}-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        portals = prepare(args.councils, work)
        cpu = {name: profile(root, args.repeat) for name, root in portals.items() if name != "no git"}
        runs: dict[str, list[dict]] = {name: [] for name in portals}
        for round_ in range(0 if args.cpu_only else args.repeat):
            for name, root in portals.items():
                out = work / "sites" / f"{len(runs[name])}-{name.split(',')[0].replace(' ', '-')}"
                load_start = os.getloadavg()[0]
                wall, peak, _pss = measure([[*ASHYQ, "build", str(root), "--out", str(out), "--today", TODAY.isoformat()]])
                run = {"wall": wall, "peak_mb": peak, "pages": html_pages(out), "load_start": load_start,
                       "load_end": os.getloadavg()[0]}
                runs[name].append(run)
                print(f"  round {round_ + 1}, {name}: {wall:.1f} s, {run['pages']} pages, load "
                      f"{load_start:.2f} → {run['load_end']:.2f}", file=sys.stderr)
                shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if not args.cpu_only:
        base = statistics.median(r["wall"] for r in runs["no git"])
        print(f"| {args.councils} councils | pages (kk+ru) | wall s (median of {args.repeat}) | each run | "
              "ms/page | vs no git | load 1 min (start → end, each run) |")
        print("|---|---:|---:|---|---:|---:|---|")
        for name, rs in runs.items():
            wall = statistics.median(r["wall"] for r in rs)
            each = ", ".join(f"{r['wall']:.1f}" for r in rs)
            loads = "; ".join(f"{r['load_start']:.2f} → {r['load_end']:.2f}" for r in rs)
            print(f"| {name} | {rs[0]['pages']:,} | {wall:.1f} | {each} | {1000 * wall / rs[0]['pages']:.2f} "
                  f"| {100 * (wall / base - 1):+.1f} % | {loads} |")
        print()
    print(f"| {args.councils} councils: CPU s (median of {args.repeat}) | git log walk | record pages, history on "
          "| history off | the history's cost |")
    print("|---|---:|---:|---:|---:|")
    for name, f in cpu.items():
        extra = f["git log walk"] + f["record pages, history on"] - f["record pages, history off"]
        print(f"| {name} | {f['git log walk']:.2f} | {f['record pages, history on']:.2f} "
              f"| {f['record pages, history off']:.2f} | {extra:.2f} |")
    print(f"\n{os.cpu_count()} cores; load average (1, 5, 15 min) now {', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    if args.json:
        args.json.write_text(json.dumps({"cores": os.cpu_count(), "runs": runs, "cpu": cpu}, indent=2),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
