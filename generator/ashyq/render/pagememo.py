"""Portal-wide pages a warm build takes from the cache: the calendar's month pages.

A month's page lists every council's events of that month, with the filters' choices of every council:
rendering the months of ten years was most of a warm build's docs step at national size. A row of a month
shows its record (date, title, type, status) and its council's name, nothing else; so a month page follows
from ashyq's code, the site's fingerprint (today's date among it: the statuses), the hashes of the files
of the records it lists, their councils' names, the months it links to and the filters' choices. It is
kept on a cache shelf (:class:`ashyq.load.cache.Shelf`) under a hash of those and taken from there while
they hold: a change to one record renders its month again, not every month its council has events in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..load.cache import Shelf
from ..models import LANGS
from .sitepages import SitePage

if TYPE_CHECKING:
    from .pages import Renderer

KIND = "page"  # the shelf's kind of entry
PAGES = "pages"  # the shelf's folder: its entries are of no council (the parse cache forgets those)


@dataclass
class PageMemo:
    shelf: Shelf | None
    salt: str  # ashyq's code and the site's fingerprint
    digest: Callable[[str], bytes | None]  # a file's hash, by its path from the portal's root; None: unreadable
    # What every month's key repeats, worked out once an edition (1.1 s of its docs step at national size):
    # the filters' choices (every month has the same) and each council's slug and names.
    _filters: tuple[object, bytes] | None = field(default=None, init=False, repr=False)
    _councils: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)

    def key(self, renderer: Renderer, page: SitePage) -> str | None:
        """The hash a page is kept under; None for a page that is not kept (or one with a record unreadable)."""
        if page.kind != "portal" or page.name != "calendar-month":
            return None
        data = renderer.calendar_month(page.part or "")
        h = hashlib.sha256(f"{self.salt}\0{renderer.lang}\0{page.src_uri}\0".encode())
        h.update(repr((data["previous"], data["next"])).encode() + self._filters_of(data["filters"]))
        for council, rec in data["rows"]:
            digest = self.digest(rec.source.file)
            if digest is None:
                return None
            named = self._councils.get(council.slug)
            if named is None:
                names = "\0".join(council.name(lang) for lang in LANGS)
                named = self._councils[council.slug] = f"\0{council.slug}\0{names}\0".encode()
            h.update(named + rec.uid.encode() + b"\0" + digest)
        return h.hexdigest()

    def _filters_of(self, filters: object) -> bytes:
        if self._filters is None or self._filters[0] is not filters:
            self._filters = (filters, repr(filters).encode())
        return self._filters[1]

    def render(self, renderer: Renderer, page: SitePage) -> str:
        """The page's docs file, from the shelf if it holds it, else rendered (and kept)."""
        key = self.key(renderer, page)
        if key is None or self.shelf is None:
            return renderer.render(page)
        name = f"{renderer.lang}-{page.part}"
        text = self.shelf.get(name, key, KIND)
        if not isinstance(text, str):
            text = renderer.render(page)
            self.shelf.put(name, key, text, KIND)
        return text
