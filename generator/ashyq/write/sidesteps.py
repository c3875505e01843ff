"""The side lane's steps that read the records: feeds, calendars and open data, a round of councils at a time.

Each step runs in a process of its own beside the fast pages (:mod:`.lanes`), and each round of its
councils in a fresh fork of that process (:func:`.lanes.in_forks`): the round reads its councils'
records and sends back only what the portal-wide files need of them (the newest entries, the events'
bytes, the members as people), so the step itself never reads every record and never holds a copy of
the portal (:mod:`ashyq.rounds`). A council the reuse step kept (:mod:`.reuse`) brought its feeds and
calendar over with its folder: they are not written again, but its records still make the portal's;
a round of such councils only gives what it gave the portal's files before (:mod:`.remember`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from ..render import bodies
from ..render.calendars import write_calendars
from ..render.feedtext import joined, tombstones
from ..render.feedwrite import write_feeds
from ..render.opendata import write_opendata
from ..render.unchanged import comparing
from ..rounds import Rounds, one_round
from .lanes import in_forks
from .remember import EarlierData, remembered

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


def feeds(build: Build) -> None:
    """Atom and RSS feeds of the portal, of each council and of each member, next to the pages.

    A kept council's (and its members') feeds came over with its folder.
    """
    with _compared(build):
        write_feeds(build.ctx, build.side_site, build.kept, remembered(build, "feeds", _rounds(build, "feeds")),
                    members=True)


def calendars(build: Build) -> None:
    """iCalendar files of the dated records, for the portal and each council.

    A kept council's calendar came over with its folder, and the portal's calendar takes that council's
    events from the previous build's file rather than making them again.
    """
    with _compared(build):
        write_calendars(build.ctx, build.side_site, build.old, build.kept,
                        remembered(build, "calendars", _rounds(build, "calendars")))


def data(build: Build) -> None:
    """Open data: JSON, CSV, the archive and their schemas.

    A council whose inputs held brings its document (``data/councils/<slug>.json``) over from the previous
    site, and its part of the portal-wide files from the cache (:class:`EarlierData`).
    """
    with _compared(build):
        write_opendata(build.ctx, build.side_site, EarlierData(build), _rounds(build, "data"))


def _compared(build: Build) -> AbstractContextManager[None]:
    """A side step's files are compared with the live site's (:mod:`ashyq.render.unchanged`): most of the
    portal's feeds, calendars and data come out the same after a change to one council."""
    return comparing(build.side_site, build.old, [*build.ctx.langs, "data"])
