"""``ashyq build``: validate, render, run MkDocs per language, add feeds and data, swap in.

Everything is built in a staging folder beside the output and swapped into
place only when every step succeeded (:mod:`ashyq.write.output`), so a failed
or killed build leaves the previous site untouched. Nothing in the output
depends on the clock or the machine: the same input gives byte-identical files.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import t
from ..render.calendars import write_calendars
from ..render.context import SiteContext
from ..render.feeds import write_feeds
from ..render.opendata import write_opendata
from ..render.rules_page import rules_markdown
from ..render.mkdocs_config import mkdocs_config, write_config
from ..render.pages import write_docs
from ..report import print_findings
from ..validate import CheckResult, check_portal
from . import procs as procs_
from .failsafe import BuildError, StepFailed, failsafe
from .output import check_output, make_staging, remove_stale, swap, write_marker
from .sitemap import write_root_files


@dataclass
class BuildStats:
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # the timed steps of the build
    files: int = 0
    step: str = "check"  # the step running now: named in the message if it fails
    cleanup: float = 0.0  # deleting the previous site and the work files, after the swap


def _content_pages(content: Path, lang: str) -> list[Any]:
    """Navigation entries for the hand-written pages that exist in ``lang``."""
    entries = []
    for name, target in (("ui.nav-data", "data.md"), ("ui.nav-rules", "rules/index.md"),
                         ("ui.nav-guide", "guide/index.md"), ("ui.nav-reference", "reference/index.md"),
                         ("ui.nav-about", "about.md")):
        if target == "rules/index.md" or (content / lang / target).is_file():
            entries.append({t(lang, name): target})
    return entries


def _generated_pages(lang: str) -> dict[str, str]:
    return {"rules/index.md": rules_markdown(lang)}


def _run_mkdocs(configs: list[Path]) -> None:
    """One MkDocs process per language, in parallel: the editions share nothing."""
    procs = [(cfg, procs_.popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(cfg)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
             for cfg in configs]
    failures = []
    for cfg, proc in procs:
        out, err = proc.communicate()
        procs_.forget(proc)
        procs_.check_stop()  # a child killed by the signal handler is a stop, not a failure
        for line in (out + err).splitlines():
            if line.startswith("WARNING"):
                print(line, file=sys.stderr)
        if proc.returncode != 0:
            failures.append(f"{cfg.name}: {err.strip()[-2000:]}")
    if failures:
        raise BuildError("\n".join(failures))


def _run_pagefind(site: Path) -> None:
    proc = procs_.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"])
    if proc.returncode != 0:
        raise BuildError("pagefind: " + (proc.stderr or proc.stdout).strip()[-2000:])
    # Pagefind writes the languages of its entry file in hash-map order; sort them so builds are identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    if entry.is_file():
        entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True,
                                    separators=(",", ":")), encoding="utf-8")


def _extras(ctx: SiteContext, site: Path) -> list[str]:
    """Feeds, calendars and open data, written next to the pages."""
    return write_feeds(ctx, site) + write_calendars(ctx, site) + write_opendata(ctx, site)


@contextlib.contextmanager
def _step(stats: BuildStats, name: str) -> Iterator[None]:
    """Time a step and remember its name for the message if it fails unexpectedly."""
    stats.step = name
    started = time.perf_counter()
    yield
    procs_.check_stop()
    stats.seconds[name] = time.perf_counter() - started


def _build_into(ctx: SiteContext, staging: Path, stats: BuildStats) -> Path:
    site, work = staging / "site", staging / "work"
    portal = ctx.portal
    with _step(stats, "render"):
        configs = []
        for lang in ctx.langs:
            docs = work / "docs" / lang
            stats.pages += write_docs(ctx, lang, docs, portal.root / "content", _generated_pages)
            config = mkdocs_config(ctx, lang, docs, site / lang, _content_pages(portal.root / "content", lang))
            cfg = work / f"mkdocs.{lang}.yml"
            write_config(cfg, config)
            configs.append(cfg)
    with _step(stats, "mkdocs"):
        _run_mkdocs(configs)
    with _step(stats, "feeds+data"):
        _extras(ctx, site)
        write_root_files(ctx, site)
    with _step(stats, "pagefind"):
        _run_pagefind(site)
    write_marker(site)
    stats.files = sum(1 for p in site.rglob("*") if p.is_file())
    return site


def build_site(result: CheckResult, out: Path, force: bool = False) -> BuildStats:
    """Build the site of a checked portal into ``out``.

    Raises :class:`~ashyq.write.output.OutputRefused` for an output that may
    not be written, :class:`BuildError` when MkDocs or Pagefind fail,
    ``OSError`` on a file error and :class:`StepFailed` for anything else; in
    every case the previous site is untouched and no staging folder is left.
    """
    portal = result.portal
    assert portal is not None
    out = check_output(portal.root, out, force)
    stats = BuildStats()
    ctx = SiteContext(portal, result.findings, result.dates, result.today, tuple(portal.config.languages))
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    with procs_.guarded():
        staging = make_staging(out)
        try:
            site = _build_into(ctx, staging, stats)
            stats.step = "swap"
            with procs_.commit():
                swap(site, out, staging / "old")
        except (BuildError, OSError):
            raise
        except Exception as exc:
            raise StepFailed(stats.step, exc) from exc
        finally:
            # The old site leaves with the staging folder, after the timings: deleting is not building.
            started = time.perf_counter()
            shutil.rmtree(staging, ignore_errors=True)
            stats.cleanup = time.perf_counter() - started
    return stats


def cmd_build(args) -> int:
    from ..cli import today_in_kazakhstan

    root: Path = args.path
    if not root.is_dir():
        print(t(args.lang, "cli.no-folder", path=root), file=sys.stderr)
        return 2
    out = args.out or root / "site"
    with failsafe(args.lang, args.debug) as outcome:
        check_output(root, out, args.force)  # before the check: a wrong --out is a usage error, found at once
        result = check_portal(root, args.today or today_in_kazakhstan())
        strict = args.strict or bool(result.portal and result.portal.config.strict)
        if result.failed(strict) or result.portal is None:
            print_findings(result, "text", args.lang, strict, sys.stderr)
            print(t(args.lang, "cli.build-stopped"), file=sys.stderr)
            return 1
        try:
            stats = build_site(result, out, args.force)
        except BuildError as exc:
            print(t(args.lang, "cli.build-failed", detail=str(exc)), file=sys.stderr)
            return 1
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in stats.seconds.items())
        print(t(args.lang, "cli.build-done", pages=stats.pages, files=stats.files, out=out, timings=timings,
                compliance=sum(1 for f in result.findings if not f.blocking)))
        return 0
    return outcome.code
