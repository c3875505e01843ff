"""``ashyq build``: validate, render, run MkDocs per language, add feeds and data, swap in.

Everything is built in a staging folder beside the output and moved into
place only when every step succeeded, so a failed build leaves the previous
site untouched. Nothing in the output depends on the clock or the machine:
the same input gives byte-identical files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
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
from .sitemap import write_root_files


class BuildError(Exception):
    """A step of the build failed; the message says which, in the user's language."""


@dataclass
class BuildStats:
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    files: int = 0


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
    procs = [(cfg, subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(cfg)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
             for cfg in configs]
    failures = []
    for cfg, proc in procs:
        out, err = proc.communicate()
        for line in (out + err).splitlines():
            if line.startswith("WARNING"):
                print(line, file=sys.stderr)
        if proc.returncode != 0:
            failures.append(f"{cfg.name}: {err.strip()[-2000:]}")
    if failures:
        raise BuildError("\n".join(failures))


def _run_pagefind(site: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                          capture_output=True, text=True)
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


def _swap(site: Path, out: Path) -> None:
    """Replace ``out`` with ``site`` in two renames; the old site goes only after the new one is in place."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    site.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(result: CheckResult, out: Path) -> BuildStats:
    """Build the site of a checked portal into ``out``; raises :class:`BuildError`."""
    portal = result.portal
    assert portal is not None
    stats = BuildStats()
    langs = tuple(portal.config.languages)
    ctx = SiteContext(portal, result.findings, result.dates, result.today, langs)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        site = staging / "site"
        work = staging / "work"
        started = time.perf_counter()
        configs = []
        for lang in langs:
            docs = work / "docs" / lang
            stats.pages += write_docs(ctx, lang, docs, portal.root / "content", _generated_pages)
            config = mkdocs_config(ctx, lang, docs, site / lang, _content_pages(portal.root / "content", lang))
            cfg = work / f"mkdocs.{lang}.yml"
            write_config(cfg, config)
            configs.append(cfg)
        stats.seconds["render"] = time.perf_counter() - started
        started = time.perf_counter()
        _run_mkdocs(configs)
        stats.seconds["mkdocs"] = time.perf_counter() - started
        started = time.perf_counter()
        _extras(ctx, site)
        write_root_files(ctx, site)
        stats.seconds["feeds+data"] = time.perf_counter() - started
        started = time.perf_counter()
        _run_pagefind(site)
        stats.seconds["pagefind"] = time.perf_counter() - started
        stats.files = sum(1 for p in site.rglob("*") if p.is_file())
        _swap(site, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return stats


def cmd_build(args) -> int:
    from ..cli import today_in_kazakhstan

    root: Path = args.path
    if not root.is_dir():
        print(t(args.lang, "cli.no-folder", path=root), file=sys.stderr)
        return 2
    result = check_portal(root, args.today or today_in_kazakhstan())
    strict = args.strict or bool(result.portal and result.portal.config.strict)
    if result.failed(strict) or result.portal is None:
        print_findings(result, "text", args.lang, strict, sys.stderr)
        print(t(args.lang, "cli.build-stopped"), file=sys.stderr)
        return 1
    out = args.out or root / "site"
    try:
        stats = build_site(result, out)
    except BuildError as exc:
        print(t(args.lang, "cli.build-failed", detail=str(exc)), file=sys.stderr)
        return 1
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in stats.seconds.items())
    print(t(args.lang, "cli.build-done", pages=stats.pages, files=stats.files, out=out, timings=timings,
            compliance=sum(1 for f in result.findings if not f.blocking)))
    return 0

