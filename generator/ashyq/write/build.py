"""``ashyq build``: validate, then run the named steps of :data:`STEPS`, each timed, and swap in.

The steps read in order: fingerprints (and so the councils a warm build may keep, :mod:`.reuse`), the
indexes the side lane's rounds share, feeds, calendars, data (:mod:`.sidesteps`), the Latin edition's feeds
(these four in a side lane), collect pages (and the councils kept), write docs, run MkDocs, shells, reuse
(the kept councils brought over), portal pages, fast pages, root files,
editor, the Latin edition's pages (both Latin steps only with ``latin_edition: true``,
:mod:`.latin`), search index, swap.

Everything is built in a staging folder beside the output and swapped into
place only when every step succeeded (:mod:`ashyq.write.output`), so a failed
or killed build leaves the previous site untouched. Nothing in the output
depends on the clock or the machine: the same input gives byte-identical files.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import heap
from ..i18n import t
from ..render.context import SiteContext
from ..render.mkdocs_config import mkdocs_config, write_config
from ..render.fastpages import WORKERS, Edition, read_shells, render_fast_pages, write_shells
from ..load.cache import Shelf, cache_folder, code_digest
from ..load.digests import of_portal
from ..load.walk import steady
from ..render.latinize import latin_enabled
from ..render.pagememo import PAGES, PageMemo
from ..render.pages import keep_compiled, write_docs
from ..render.unchanged import comparing
from ..render.sitepages import SitePages, collect_pages, navigation
from ..report import print_findings
from ..shallow import warn_if_shallow
from ..scaffold.cms import editor_site, write_admin
from ..validate import CheckResult, check_portal
from . import procs as procs_
from .failsafe import BuildError, StepFailed, failsafe
from .output import (
    built_by_ashyq, check_output, discard_later, make_staging, remove_stale, swap, write_marker)
from .lanes import SideLane, Step, run_steps
from .mirror import mirror_later
from .mkdocs_run import run_mkdocs
from .mkdocs_kept import kept_shells, shell_texts, take_shells
from .latin import latin_feeds, latin_pages
from .remember import EarlierData
from .sidesteps import calendars, data, feeds, warm_indexes
from .incremental import BuildCache, council_fingerprints, link_or_copy, site_fingerprint
from .reuse import likely_kept, plan_reuse, record_reads, reuse_councils, reuse_shard, same_chrome
from .search import UNINDEXED, Counts, index_site, tally
from .spare import Spare, keep_spare
from .twin_shelf import TwinShelf
from .sitemap import drop_edition_sitemaps, page_folders, root_digest, root_file_names, write_root_files


# The share of councils kept whole above which a build's side lane is light: two Pagefinds run beside it (at
# national size, one council changed: peak 1.35-1.39 GB of the whole tree with one), and it starts early.
LIGHT_SIDE_LANE = 0.9


@dataclass
class BuildStats:
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # the timed steps of the build
    step: str = "check"  # the step running now: named in the message if it fails
    reused: int = 0  # pages brought over unchanged from the previous build
    shards_reused: int = 0  # search shards, likewise
    cleanup: float = 0.0  # deleting the work files after the swap (the old site leaves in the background)


@dataclass
class Build:
    """What the steps share: the portal, the staging folder and what earlier steps made."""

    ctx: SiteContext
    staging: Path
    out: Path
    stats: BuildStats
    pages: dict[str, SitePages] = field(default_factory=dict)  # language -> its pages
    editions: dict[str, Edition] = field(default_factory=dict)  # language -> its fast pages and shells
    configs: list[Path] = field(default_factory=list)  # one mkdocs.yml per language
    # The engine: "fast" renders the pages outside the menu without MkDocs (render/fastpages.py);
    # "mkdocs" sends every page through MkDocs, the reference the fast path is compared with.
    engine: str = field(default_factory=lambda: os.environ.get("ASHYQ_ENGINE", "fast"))
    # All in this process (ASHYQ_LANES=1, one core, or other threads running: heap.may_fork): simpler to
    # debug, same output.
    sequential: bool = field(default_factory=lambda: os.environ.get("ASHYQ_LANES") == "1" or (os.cpu_count() or 1) < 2
                             or not heap.may_fork())
    old: Path | None = None  # the previous site, if ashyq built it: unchanged councils are reused from it
    previous: BuildCache = field(default_factory=BuildCache)  # what the previous site was built from
    cache: BuildCache = field(default_factory=BuildCache)  # what this one is built from
    side: SideLane | None = None  # the side lane while it runs (run_steps)
    spare: Spare | None = None  # the site before the previous one, once the reuse step took it (write/spare.py)
    kept: frozenset[str] = frozenset()  # councils whose folders came over whole (write/reuse.py)
    shelf: Shelf | None = None  # the portal's cache shelf, unless caching is off: what side steps keep per council
    page_shelf: Shelf | None = None  # likewise, the portal-wide pages a warm build may take from it (render/pagememo.py)
    mkdocs_kept: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> shells, MkDocs not run
    early: bool = False  # the side lane started before the docs trees (run_steps), writing beside the site

    def side_running(self) -> bool:
        return self.side is not None and self.side.poll() is None

    def light(self) -> bool:
        """Whether the side lane has little to do: the build keeps nearly every council
        (:data:`LIGHT_SIDE_LANE`), and the shelf holds what those gave the portal's files. After an upgrade
        of ashyq it holds none of it, and the side lane makes every council's share again (at national size
        the tree's peak was 2.1 GB with that beside the docs trees)."""
        least = LIGHT_SIDE_LANE * len(self.ctx.portal.councils)
        if not least or len(self.kept) < least or self.shelf is None:
            return False
        earlier = EarlierData(self)
        return sum(1 for slug in self.kept if earlier.holds(slug)) >= least

    def starts_early(self) -> bool:
        """Whether the side lane may start as soon as the kept councils are known, beside the docs trees and
        MkDocs: in a light warm build, whose side lane then is its tail's longest part. Not with the Latin
        edition, whose feeds are made from the Kazakh ones the reuse step brings over."""
        return (not self.sequential and self.engine == "fast" and self.old is not None and self.light()
                and not latin_enabled(self.ctx))

    @property
    def side_site(self) -> Path:
        """Where the side lane writes: the site, or beside it when it starts before MkDocs, which empties its
        editions' folders (moved into the site when the lane is joined)."""
        return self.work / "side" if self.early else self.site

    @property
    def site(self) -> Path:
        return self.staging / "site"

    @property
    def work(self) -> Path:
        return self.staging / "work"


def fingerprints(build: Build) -> None:
    """What the site and each council depend on, what the previous build was made from, and so which councils
    this one may keep: those whose inputs held (:func:`.reuse.likely_kept`)."""
    ctx = build.ctx
    build.cache.site, build.cache.day = site_fingerprint(ctx), ctx.today.isoformat()
    build.cache.councils = council_fingerprints(ctx)
    if build.old is not None:
        build.previous = BuildCache.load(build.old)
    build.kept = likely_kept(build)


def collect(build: Build) -> None:
    """Register every page of every language: records, sections, councils, portal, generated, hand-written;
    then keep the councils whose pages are the live site's too (:func:`.reuse.plan_reuse`)."""
    portal = build.ctx.portal
    for lang in build.ctx.langs:
        build.pages[lang] = collect_pages(portal.councils.values(), lang, portal.root / "content",
                                          [body.id for body in portal.bodies])
    plan_reuse(build)


def write_docs_trees(build: Build) -> None:
    """Each language's docs tree and ``mkdocs.yml``; the editions share nothing: all but one in forked processes."""
    langs = list(build.pages)
    if build.sequential or len(langs) < 2:
        build.stats.pages += sum(_docs_tree(lang, build) for lang in langs)
    else:
        _FORKED[:] = [build]  # the workers inherit the build when they fork: only a language is sent
        try:
            with procs_.forked_pool(len(langs) - 1) as pool:
                others = [pool.submit(_docs_tree, lang) for lang in langs[1:]]
                build.stats.pages += _docs_tree(langs[0], build) + sum(f.result() for f in others)
        finally:
            _FORKED.clear()
    build.configs += [build.work / f"mkdocs.{lang}.yml" for lang in langs]


_FORKED: list[Build] = []  # the build, for the processes write_docs_trees forks


def _docs_tree(lang: str, build: Build | None = None) -> int:
    """One edition's docs tree and ``mkdocs.yml``; how many pages it holds."""
    build = build or _FORKED[0]
    fast = build.engine == "fast"
    pages = build.pages[lang]
    docs = build.work / "docs" / lang
    # The fast engine renders the portal's pages in their own step (portal_pages), with the memo there.
    count = write_docs(build.ctx, pages, docs, fast, build.kept, None if fast else _page_memo(build))
    if fast:
        write_shells(pages, docs)
    write_config(build.work / f"mkdocs.{lang}.yml",
                 mkdocs_config(build.ctx, lang, docs, build.site / lang, navigation(pages)))
    return count


def _page_memo(build: Build) -> PageMemo | None:
    """The portal's pages an earlier build rendered from the same inputs (:mod:`ashyq.render.pagememo`)."""
    if build.page_shelf is None:
        return None
    root, digests = os.fspath(build.ctx.portal.root), of_portal(build.ctx.portal.root)
    return PageMemo(build.page_shelf, code_digest().hex() + build.cache.site,
                    # a string, not a Path: asked for every record a month lists (36,450 an edition)
                    lambda file: digests.of(os.path.join(root, file)), build.cache.day)


def shells(build: Build) -> None:
    """Take the shells MkDocs rendered (one per chrome: render/chrome.py) out of the site, cut into parts."""
    if build.engine != "fast":
        return
    for lang, pages in build.pages.items():
        build.editions[lang] = edition = Edition(pages, build.work / f"mkdocs.{lang}.yml", build.site / lang)
        if lang in build.mkdocs_kept:  # MkDocs did not run for it (write/mkdocs_kept.py)
            edition.shells = kept_shells(build, lang)
            take_shells(build, lang, {})
        else:
            texts = shell_texts(build, lang)
            read_shells(edition)
            take_shells(build, lang, texts)


def fast_pages(build: Build) -> None:
    """Record, section, member and council pages, poured into the chrome MkDocs rendered once per kind
    (render/chrome.py)."""
    if build.engine != "fast":
        return
    pool = None if build.sequential else procs_.forked_pool
    # One worker while the side lane runs: two cores are busy with its round beside, and the tree's peak
    # memory was there (a national cold build: 1.8-2.05 GB with two, in six processes).
    with comparing(build.site, build.old, same_chrome(build)):
        build.stats.pages += render_fast_pages(build.ctx, build.editions, pool=pool,
                                               workers=lambda: 1 if build.side_running() else WORKERS,
                                               reuse=lambda lang, slug, pages: slug in build.kept, portal=False)
    build.stats.pages += build.stats.reused


def portal_pages(build: Build) -> None:
    """The portal's pages (home, lists, calendar months, state bodies), poured into their shells, a language
    in each of two workers: before the side lane starts in a cold build, as the docs step rendered them when
    MkDocs did (4.9-5.2 s at national size), and beside it in a light warm build, whose side lane holds
    little and whose pages these are most of (about 1.4 s a language)."""
    if build.engine != "fast":
        return
    pool = None if build.sequential else procs_.forked_pool
    with comparing(build.site, build.old, same_chrome(build)):
        build.stats.pages += render_fast_pages(build.ctx, build.editions, pool=pool, memo=_page_memo(build),
                                               portal=True)


def root_files(build: Build) -> None:
    """The site root: the language choice, ``robots.txt``, the sitemap, and the marker that ashyq built it.
    Linked from the live site when it was made from the same pages (:func:`.sitemap.root_digest`)."""
    digest = root_digest(build.cache.site, {lang: (p.dest_uri for p in pages) for lang, pages in build.pages.items()})
    old, build.cache.root = build.old, digest
    with comparing(build.site, old):  # written anew, what came out the same is the live site's file
        if old is not None and build.previous.root == digest and (names := root_file_names(old)):
            for name in names:
                link_or_copy(old / name, build.site / name)
        else:
            write_root_files(build.ctx, build.site, {lang: page_folders(p.dest_uri for p in pages)
                                                     for lang, pages in build.pages.items()})
        drop_edition_sitemaps(build.ctx, build.site)
        write_marker(build.site)


def editor(build: Build) -> None:
    """The web editor at ``admin/``: Decap CMS configured from the record types (:mod:`ashyq.scaffold.cms`)."""
    with comparing(build.site, build.old, ["admin"]):
        write_admin(editor_site(build.ctx.portal), build.site / "admin")


def search_index(build: Build) -> None:
    """Pagefind's index of each edition's articles, in shards the search box merges (:mod:`.search`).

    A shard of councils whose fingerprints all held is brought over from the previous build. Beside the side
    lane Pagefind runs one shard at a time, for memory; not in a build that keeps nearly every council, whose
    side lane joins what the cache keeps and holds little (:mod:`.remember`).
    """
    twins = TwinShelf(build)
    with comparing(build.site, build.old, ["pagefind"]):  # a shard indexed again writes its unchanged files once
        shards = index_site(build.site, build.ctx.langs, reuse=functools.partial(reuse_shard, build, twins),
                            busy=(lambda: False) if build.light() else build.side_running,
                            counts=functools.partial(_counts, build), twins=twins)
    record_reads(build, shards)
    build.cache.save(build.site)


def _counts(build: Build, lang: str) -> Counts | None:
    """An edition's pages for the search plan, as the build listed them (the Latin edition's are walked)."""
    pages = build.pages.get(lang)
    return None if pages is None else tally((p.dest_uri for p in pages if p.dest_uri.endswith(".html")), UNINDEXED)


def swap_in(build: Build) -> None:
    """Replace the previous site by the new one in one atomic step; signals wait while it happens."""
    with procs_.commit():
        swap(build.site, build.out, build.staging / "old")


# The side lane starts once MkDocs (which empties its output folder first) is done, the shells are out of
# the site (taking them out removes their folders) and the reuse step has brought the kept councils over
# (the side steps leave those alone), beside the fast pages. A light warm build starts it as soon as the
# fingerprints tell which councils it may keep (Build.starts_early), writing beside the site: its feeds and
# data are that build's tail, and listing the pages, the docs trees and MkDocs would leave a core idle
# before them (at 100,000 pages the steps before the docs trees take 0.6 s on one core).
STEPS = (Step("fingerprints", fingerprints), Step("indexes", warm_indexes),
         Step("feeds", feeds, "side"), Step("calendars", calendars, "side"), Step("data", data, "side"),
         Step("latin feeds", latin_feeds, "side"),
         Step("pages", collect), Step("docs", write_docs_trees), Step("mkdocs", run_mkdocs), Step("shells", shells),
         Step("reuse", reuse_councils),
         Step("portal pages", portal_pages), Step("fast pages", fast_pages, opens=True),
         Step("root files", root_files), Step("editor", editor), Step("latin edition", latin_pages),
         Step("pagefind", search_index),
         Step("swap", swap_in, waits=True))


def build_site(result: CheckResult, out: Path, force: bool = False, fresh: bool = False, cache: bool = False
               ) -> BuildStats:
    """Build the site of a checked portal into ``out``.

    Unless ``fresh``, what did not change since the site already at ``out``
    was built is reused, moved from the spare or linked from that site
    (:mod:`ashyq.write.reuse`); after the swap the site replaced becomes the spare.
    Raises :class:`~ashyq.write.output.OutputRefused` for an output that may
    not be written, :class:`BuildError` when MkDocs or Pagefind fail,
    ``OSError`` on a file error and :class:`StepFailed` for anything else; in
    every case the previous site is untouched and no staging folder is left.
    With ``cache``, what side steps make of each council is kept on the portal's cache shelf for the
    next builds (:mod:`.sidesteps`).
    """
    portal = result.portal
    assert portal is not None
    out = check_output(portal.root, out, force)
    stats = BuildStats()
    portal.forget_positions()  # the findings are made: the values' positions would only weigh on every step
    ctx = SiteContext(portal, result.findings, result.dates, result.today, tuple(portal.config.languages))
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    old = out if not fresh and built_by_ashyq(out) and not out.is_symlink() else None
    swapped = False
    with procs_.guarded():
        staging = make_staging(out)
        build = Build(ctx, staging, out, stats, old=old, shelf=Shelf.of_portal(portal.root) if cache else None,
                      page_shelf=Shelf.of_portal(portal.root, PAGES) if cache else None)
        try:
            with heap.frozen():  # the checked portal is out of the cyclic collector's way (and the workers')
                run_steps(build, STEPS)
            swapped = True
        except (BuildError, OSError):
            raise
        except Exception as exc:
            raise StepFailed(stats.step, exc) from exc
        finally:
            started = time.perf_counter()
            if swapped:
                useful = build.previous.site == build.cache.site  # the next build moves what it can from it
                keep_spare(out, staging / "old", staging, useful)
                discard_later(staging)  # the old site is deleted in the background: deleting is not building
                if not useful:
                    mirror_later(out, stats.pages)  # the next build's spare, linked from this site in the background
            else:
                procs_.kill_all()  # the signal handler only sent SIGKILL: no child writes into what goes now
                shutil.rmtree(staging, ignore_errors=True)
            stats.cleanup = time.perf_counter() - started
    return stats


def cmd_build(args) -> int:
    from ..clock import today_in_kazakhstan

    root: Path = args.path
    if not root.is_dir():
        print(t(args.lang, "cli.no-folder", path=root), file=sys.stderr)
        return 2
    out = args.out or root / "site"
    with failsafe(args.lang, args.debug) as outcome, steady():  # one look at the inputs (load/walk.py)
        check_output(root, out, args.force)  # before the check: a wrong --out is a usage error, found at once
        started = time.perf_counter()
        result = check_portal(root, args.today or today_in_kazakhstan(), jobs=os.cpu_count() or 1, cache=args.cache)
        checked = time.perf_counter() - started
        warn_if_shallow(root, result.dates, args.lang)
        keep_compiled(cache_folder(result.portal.root, "templates") if args.cache and result.portal else None)
        strict = args.strict or bool(result.portal and result.portal.config.strict)
        if result.failed(strict) or result.portal is None:
            print_findings(result, "text", args.lang, strict, sys.stderr)
            print(t(args.lang, "cli.build-stopped"), file=sys.stderr)
            return 1
        try:
            stats = build_site(result, out, args.force, getattr(args, "fresh", False), args.cache)
        except BuildError as exc:
            print(t(args.lang, "cli.build-failed", detail=str(exc)), file=sys.stderr)
            return 1
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in {"check": checked, **stats.seconds}.items())
        print(t(args.lang, "cli.build-done", pages=stats.pages, out=out, timings=timings,
                compliance=sum(1 for f in result.findings if not f.blocking)))
        if stats.reused or stats.shards_reused:
            print(t(args.lang, "cli.build-reused", pages=stats.reused, shards=stats.shards_reused))
        return 0
    return outcome.code
