"""Portal-wide pages a warm build takes from the cache: the calendar's month pages.

A month's page lists every council's events of that month, with the filters' choices of every council:
rendering the months of ten years was most of a warm build's docs step at national size. A month page
follows from ashyq's code, the site's fingerprint, which events it lists and the fingerprints of their
councils (:mod:`ashyq.write.incremental`), the months it links to and the filters' choices; it is kept on
a cache shelf (:class:`ashyq.load.cache.Shelf`) under a hash of those and taken from there while they hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..load.cache import Shelf
from .sitepages import SitePage

if TYPE_CHECKING:
    from .pages import Renderer

KIND = "page"  # the shelf's kind of entry
PAGES = "pages"  # the shelf's folder: its entries are of no council (the parse cache forgets those)


@dataclass
class PageMemo:
    shelf: Shelf
    salt: str  # ashyq's code and the site's fingerprint
    councils: Mapping[str, str]  # slug -> the council's fingerprint

    def key(self, renderer: Renderer, page: SitePage) -> str | None:
        """The hash a page is kept under; None for a page that is not kept (or one of a council unknown)."""
        if page.kind != "portal" or page.name != "calendar-month":
            return None
        data = renderer.calendar_month(page.part or "")
        slugs = sorted({council.slug for council, _rec in data["rows"]})
        if any(slug not in self.councils for slug in slugs):
            return None
        h = hashlib.sha256(f"{self.salt}\0{renderer.lang}\0{page.src_uri}\0".encode())
        h.update(repr(([(council.slug, rec.uid) for council, rec in data["rows"]], data["previous"],
                       data["next"], data["filters"])).encode())
        for slug in slugs:
            h.update(f"\0{slug}\0{self.councils[slug]}".encode())
        return h.hexdigest()

    def render(self, renderer: Renderer, page: SitePage) -> str:
        """The page's docs file, from the shelf if it holds it, else rendered (and kept)."""
        key = self.key(renderer, page)
        if key is None:
            return renderer.render(page)
        name = f"{renderer.lang}-{page.part}"
        text = self.shelf.get(name, key, KIND)
        if not isinstance(text, str):
            text = renderer.render(page)
            self.shelf.put(name, key, text, KIND)
        return text
