"""The side lane's steps that read the records: feeds, calendars and open data, a round of councils at a time.

Each step runs in a process of its own beside the fast pages (:mod:`.lanes`), and each round of its
councils in a fresh fork of that process (:func:`.lanes.in_forks`): the round reads its councils'
records and sends back only what the portal-wide files need of them (the newest entries, the events'
bytes, the members as people), so the step itself never reads every record and never holds a copy of
the portal (:mod:`ashyq.rounds`). A council whose inputs held keeps what the previous build wrote for it
(:mod:`.incremental`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..render import bodies, urls
from ..render.calendars import write_calendars
from ..render.feeds import council_feed_files
from ..render.feedtext import joined, tombstones
from ..render.feedwrite import write_feeds
from ..render.opendata import council_document, write_opendata
from ..rounds import Rounds, one_round
from .incremental import reuse_files
from .lanes import in_forks

if TYPE_CHECKING:
    from .build import Build


def warm_indexes(build: Build) -> None:
    """The portal-wide indexes the rounds read, made once here before the side lane forks: a round that
    made one itself would read every record, and the next round would make it again."""
    ctx = build.ctx
    tombstones(ctx)
    joined(ctx)
    bodies.body_index(ctx)
    ctx.group_findings()


def _rounds(build: Build, name: str) -> Rounds:
    return one_round if build.sequential else in_forks(name)


def _kept(build: Build, files: Callable[[str], list[str]]) -> frozenset[str]:
    """The councils whose feeds' and calendars' inputs held (their fingerprints, which take in their
    neighbours': :func:`.incremental.neighbours`) and whose ``files(slug)`` were brought over."""
    if build.old is None:
        return frozenset()
    return frozenset(slug for slug in build.cache.councils if build.previous.inputs_unchanged(build.cache, slug)
                     and reuse_files(build.old, build.site, files(slug)))


def feeds(build: Build) -> None:
    """Atom and RSS feeds of the portal, of each council and of each member, next to the pages.

    A council whose feeds' inputs held keeps the previous build's files.
    """
    kept = _kept(build, functools.partial(council_feed_files, build.ctx))
    write_feeds(build.ctx, build.site, kept, _rounds(build, "feeds"), members=True)


def calendars(build: Build) -> None:
    """iCalendar files of the dated records, for the portal and each council.

    A council whose calendar's inputs held keeps the previous build's file, and the portal's calendar
    takes that council's events from it rather than making them again.
    """
    kept = _kept(build, lambda slug: [urls.calendar(lang, slug) for lang in build.ctx.langs])
    write_calendars(build.ctx, build.site, build.old, kept, _rounds(build, "calendars"))


def data(build: Build) -> None:
    """Open data: JSON, CSV, the archive and their schemas.

    A council whose inputs held gives its document (``data/councils/<slug>.json``) as the previous build
    wrote it; the portal-wide files are made from the documents again.
    """
    def reused(slug: str) -> dict | None:
        if build.old is None or not build.previous.inputs_unchanged(build.cache, slug):
            return None
        return council_document(build.old, slug)

    write_opendata(build.ctx, build.site, reused, _rounds(build, "data"))
