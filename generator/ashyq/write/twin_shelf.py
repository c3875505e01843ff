"""A council's search twins kept on the cache shelf: re-indexing a shard reads no page of a kept council.

A warm build re-indexes the shard of a changed council, about 3,000 pages in each language, of which one
council's changed: the others' twins (:mod:`.search_twins`) were read from their pages, which a republish
server's page cache no longer holds (a shard's 2,000 pages, when shards held no more, read back in 21 s at national size, Pagefind
itself taking 2 s of CPU). Each council's twins in each edition are therefore kept on the shelf, compressed,
under the key of what the council gives the portal (:mod:`.remember`: ashyq's code, the site's fingerprint,
the council's), and a council the reuse step kept whole (its pages are the previous build's, byte for byte)
gives its twins from there: one file of about 60 KB rather than 136 pages. Any other council's are read from
its pages, as before, and kept.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .remember import shelf_key
from .search import UNINDEXED, Shard, council_pattern, shard_councils
from .search_twins import page_twins

if TYPE_CHECKING:
    from .build import Build

Twins = list[tuple[str, bytes]]  # (page path relative to the site, twin), in path order


class TwinShelf:
    """The twins a shard is indexed from (:func:`.search.index_site`'s ``twins``)."""

    def __init__(self, build: Build):
        self._build = build
        self._lock = threading.Lock()  # the shards are indexed two at a time, each from a thread
        self._made: dict[tuple[str, str], Twins] = {}  # read for their digest, not indexed yet

    def digest(self, site: Path, lang: str, slug: str) -> str:
        """The digest of a council's twins in ``lang`` (kept in the build's cache for the next build): a kept
        council's as the previous build had it, any other's from its twins, read now and held for its shard."""
        build, name = self._build, f"{lang}/{slug}"
        found = build.previous.twins.get(name) if slug in build.kept else None
        if found is None:
            self._made[(lang, slug)] = self.of(site, lang, slug)  # which notes the digest
            return build.cache.twins[name]
        build.cache.twins[name] = found
        return found

    def __call__(self, site: Path, shard: Shard) -> Iterator[tuple[str, bytes]]:
        slugs = shard_councils(shard)
        if slugs is None:  # a shard of portal-wide pages: read as they are
            yield from page_twins(site, shard.patterns, UNINDEXED)
            return
        for slug in sorted(slugs, key=lambda s: s + "/"):  # the pages' path order: each council's together
            yield from self.of(site, shard.lang, slug)

    def of(self, site: Path, lang: str, slug: str) -> Twins:
        """A council's twins in ``lang``, their digest noted in the build's cache."""
        made = self._made.pop((lang, slug), None)
        if made is not None:
            return made
        build, kind, name = self._build, f"twins-{lang}", f"{lang}/{slug}"
        shelf, key = build.shelf, shelf_key(build, kind, [slug])
        if shelf is not None and key is not None and slug in build.kept:
            with self._lock:
                found = shelf.get(slug, key, kind)
            twins = _unpacked(found)
            if twins is not None:
                build.cache.twins[name] = build.previous.twins.get(name) or _digest(twins)
                return twins
        twins = list(page_twins(site, (council_pattern(lang, slug),), UNINDEXED))
        build.cache.twins[name] = _digest(twins)
        if shelf is not None and key is not None:
            packed = zlib.compress(pickle.dumps(twins, protocol=pickle.HIGHEST_PROTOCOL), 1)
            with self._lock:
                shelf.put(slug, key, packed, kind)
        return twins


def _unpacked(found: object) -> Twins | None:
    if not isinstance(found, bytes):
        return None
    try:
        twins = pickle.loads(zlib.decompress(found))
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return None
    return twins if isinstance(twins, list) else None


def _digest(twins: Twins) -> str:
    h = hashlib.sha256()
    for path, twin in twins:
        h.update(b"%d\0%s\0%d\0" % (len(path), path.encode(), len(twin)) + twin)
    return h.hexdigest()[:32]
