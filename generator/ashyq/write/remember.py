"""What the side steps keep of each council on the portal's cache shelf, for the next builds.

A warm build changes a council or two, but the portal's feeds, calendar and open data are made from every
council: making every council's share of them again was most of a warm build at national size (feeds
12 s, calendars 6 s, data 36-41 s). What a council (or a round of councils) gives the portal's files
follows from ashyq's code, the site's fingerprint and the councils' fingerprints alone
(:mod:`.incremental`), so it is kept on the shelf (:class:`ashyq.load.cache.Shelf`) under a hash of them,
whatever build made it, a cold one too, and taken from there while they hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load.cache import code_digest
from ..render.datapart import CouncilPart
from ..render.files import read_regular
from ..render.opendata import council_document
from ..rounds import ROUND, Rounds, slices
from .incremental import link_or_copy

if TYPE_CHECKING:
    from .build import Build


def shelf_key(build: Build, kind: str, slugs: Sequence[str]) -> str | None:
    """The shelf key of what ``kind`` makes of the councils ``slugs``; None if one has no fingerprint."""
    cache = build.cache
    if not cache.site or any(slug not in cache.councils for slug in slugs):
        return None
    h = hashlib.sha256(code_digest() + f"\0{kind}\0{cache.site}".encode())
    for slug in slugs:
        h.update(f"\0{slug}\0{cache.councils[slug]}".encode())
    return h.hexdigest()


def remembered(build: Build, kind: str, rounds: Rounds) -> Rounds:
    """``rounds`` of a step whose round gives ``(paths written, share)``: its councils' files, and its share
    of the portal's files (a feed's newest entries, a calendar's events) as the round's councils alone
    decide it. A round of councils the reuse step kept whole writes nothing of its own, so if the shelf
    holds its share it is not run at all: it gives ``([], share)``. Every share made is kept."""
    shelf = build.shelf
    if shelf is None:
        return rounds

    def run(slugs: Sequence[str], work: Callable[[list[str]], Any]) -> Iterator[tuple[list[str], Any]]:
        for part in slices(slugs, ROUND):
            key = shelf_key(build, kind, part)
            found = shelf.get(part[0], key, kind) if key and all(s in build.kept for s in part) else None
            if found is not None:
                yield part, ([], found)
                continue
            for done, (paths, share) in rounds(part, work):  # one round: a slice is no longer than a round
                if key:
                    shelf.put(part[0], key, share, kind)
                yield done, (paths, share)
    return run


class EarlierData:
    """What earlier builds made of a council's open data (:class:`ashyq.render.datafiles.Earlier`).

    Its part of the portal-wide files is kept on the shelf; its document is taken from the previous site
    only if the council's inputs held since (and brought whole if the day did too).
    """

    KIND = "data"  # the shelf's kind of entry

    def __init__(self, build: Build):
        self._build = build

    def _held(self, slug: str) -> bool:
        build = self._build
        return build.old is not None and build.previous.inputs_unchanged(build.cache, slug)

    def _same_file(self, slug: str) -> bool:
        """Its file would come out as the live one: the inputs held and so did the day, which the file's
        envelope gives (``as_of``); the document inside it does not depend on the day beyond its inputs."""
        return self._held(slug) and self._build.previous.day == self._build.cache.day

    def holds(self, slug: str) -> bool:
        shelf, key = self._build.shelf, shelf_key(self._build, self.KIND, [slug])
        return shelf is not None and key is not None and shelf.holds(slug, key, self.KIND) and self._same_file(slug)

    def part(self, slug: str) -> CouncilPart | None:
        shelf, key = self._build.shelf, shelf_key(self._build, self.KIND, [slug])
        found = shelf.get(slug, key, self.KIND) if shelf is not None and key else None
        return found if isinstance(found, CouncilPart) else None  # the key holds the code: no older format

    def bring(self, slug: str, rel: str) -> bool:
        source = self.previous(rel) if self._same_file(slug) else None
        if source is None:
            return False
        link_or_copy(source, self._build.side_site / rel)  # nothing writes it again: the live file is safe
        return True

    def previous(self, rel: str) -> Path | None:
        old = self._build.old
        if old is None or (old / rel).is_symlink() or not (old / rel).is_file():
            return None
        return old / rel

    def document_file(self, slug: str, rel: str) -> bytes | None:
        old = self._build.old
        return read_regular(old / rel) if old is not None and self._held(slug) else None

    def document(self, slug: str) -> dict | None:
        old = self._build.old
        return council_document(old, slug) if old is not None and self._held(slug) else None

    def keep(self, slug: str, part: CouncilPart) -> None:
        shelf, key = self._build.shelf, shelf_key(self._build, self.KIND, [slug])
        if shelf is not None and key:
            shelf.put(slug, key, part, self.KIND)

    # A group's segments are kept under its first council's name on the shelf of entries of no council (the
    # parse cache forgets the names that are no council's); their digests say whether they still hold.
    SEGMENTS = "segments"

    def segments(self, first: str) -> dict[str, tuple[bytes, bytes]] | None:
        shelf = self._build.page_shelf
        found = shelf.get(f"data-{first}", self.SEGMENTS, self.SEGMENTS) if shelf is not None else None
        return found if isinstance(found, dict) else None

    def keep_segments(self, first: str, segments: dict[str, tuple[bytes, bytes]]) -> None:
        if self._build.page_shelf is not None:
            self._build.page_shelf.put(f"data-{first}", self.SEGMENTS, segments, self.SEGMENTS)
