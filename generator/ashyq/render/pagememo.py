"""Portal-wide pages a warm build takes from the cache: the calendar's month pages, the home page, the councils'
index, the calendar's first page, the overdue responses and the compliance overview.

These pages show every council, so rendering them was most of a warm build's docs step at national size:
the months of ten years first, and once those were kept, the other five (1.3 s an edition, the compliance
overview's 1,350 rows the most). Each is kept on a cache shelf (:class:`ashyq.load.cache.Shelf`) under a hash
of what it shows, and taken from there while that holds.

- A month's row shows its record (date, title, type, status) and its council's name, nothing else; so a
  month page follows from ashyq's code, the site's fingerprint, the hashes of the files of the records it
  lists, their councils' names and regions (a large portal's month lists its regions' pages instead, each
  a page of the same kind: :mod:`.regional`), the months it links to and the filters' choices. Not the build's day: an
  event's status is its record's (only a recommendation's depends on the day, and the calendar lists none).
  A change to one record renders its month again, not every month its council has events in.
- The other five are keyed by the data their template is given (:meth:`Renderer.context`), worked out as
  always, then hashed value by value: a council by its folder and the hashes of its own files
  (``council.yml``, ``members.yml``), a record by its id and its file's hash, anything else by its type
  and fields. The key adds what their templates may look up besides: every council's files (the filters,
  the names), the edition's list of pages (which links resolve), the site's fingerprint and, but for the
  councils' index and the compliance overview and its regions' pages (:data:`DAYLESS`: what they show of
  the day, the findings, is in their data), the build's day (they show deadlines across the portal, and
  their templates may judge one on it). A value of
  any other kind (a function, an object of no known shape) makes the page be rendered, never guessed.
  An edited record renders again only the pages that list it (the councils' index and the compliance
  overview list none).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..load.cache import Shelf
from ..models import LANGS, Council, Record
from ..regions import region_of
from .regional import region_slug
from .sitepages import SitePage

if TYPE_CHECKING:
    from .pages import Renderer

KIND = "page"  # the shelf's kind of entry: a page's docs file (the MkDocs engine)
ARTICLE = "article"  # likewise, a fast page's article, title and table of contents (render/fastpages.py)
PAGES = "pages"  # the shelf's folder: its entries are of no council (the parse cache forgets those)
SHOWN = frozenset({"home", "councils", "calendar", "overdue", "compliance", "compliance-region"})  # by what they show
KEPT = SHOWN | {"calendar-month", "calendar-part"}  # every portal page the shelf keeps
# Of those, the pages whose templates show nothing of the day but what their data holds (the findings): kept
# across days. The others may judge a deadline in the template: the day is in their key.
DAYLESS = frozenset({"councils", "compliance", "compliance-region"})
COUNCIL_FILES = ("council.yml", "members.yml")  # what a council is made of besides its records
_PLAIN = (str, int, float, bool, dt.date, type(None))  # a Markup is a str; its repr says so


class _Unkeyable(Exception):
    """A value the key cannot vouch for: the page is rendered, not taken from the shelf."""


@dataclass
class PageMemo:
    shelf: Shelf | None
    salt: str  # ashyq's code and the site's fingerprint
    digest: Callable[[str], bytes | None]  # a file's hash, by its path from the portal's root; None: unreadable
    day: str = ""  # the build's day: in the keys of the pages kept by what they show, not the months'
    # What every month's key repeats, worked out once an edition (1.1 s of its docs step at national size):
    # the filters' choices (every month has the same) and each council's slug and names.
    _filters: tuple[object, bytes] | None = field(default=None, init=False, repr=False)
    _councils: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)
    _faces: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)  # slug -> its folder and files
    _edition: tuple[object, bytes] | None = field(default=None, init=False, repr=False)  # (renderer, its digest)

    def key(self, renderer: Renderer, page: SitePage, data: dict[str, Any] | None = None) -> str | None:
        """The hash a page is kept under; None for a page that is not kept (or one with a record unreadable).
        ``data``: the page's context, for the pages kept by what they show."""
        if page.kind != "portal":
            return None
        if page.name in ("calendar-month", "calendar-part"):
            return self._month_key(renderer, page)
        if page.name not in SHOWN or data is None:
            return None
        day = "" if page.name in DAYLESS else self.day
        h = hashlib.sha256(f"{self.salt}\0{day}\0{renderer.lang}\0{page.src_uri}\0".encode()
                           + self._edition_of(renderer))
        try:
            self._walk(data, h)
        except _Unkeyable:
            return None
        return h.hexdigest()

    def _month_key(self, renderer: Renderer, page: SitePage) -> str | None:
        data = (renderer.calendar_month if page.name == "calendar-month" else renderer.calendar_part)(page.part or "")
        h = hashlib.sha256(f"{self.salt}\0{renderer.lang}\0{page.src_uri}\0".encode())
        h.update(repr((data["previous"], data["next"])).encode() + self._filters_of(data["filters"]))
        for council, rec in data["rows"]:
            digest = self.digest(rec.source.file)
            if digest is None:
                return None
            named = self._councils.get(council.slug)
            if named is None:  # its names, and its region (a large portal's month lists the regions' pages)
                names = "\0".join(council.name(lang) for lang in LANGS)
                named = f"\0{council.slug}\0{names}\0{region_slug(region_of(council))}\0".encode()
                self._councils[council.slug] = named
            h.update(named + rec.uid.encode() + b"\0" + digest)
        return h.hexdigest()

    def _filters_of(self, filters: object) -> bytes:
        if self._filters is None or self._filters[0] is not filters:
            self._filters = (filters, repr(filters).encode())
        return self._filters[1]

    def _edition_of(self, renderer: Renderer) -> bytes:
        """What any of the edition's kept pages may look up besides its data: every council (the filters, the
        names), the edition's pages (a link resolves to a page or to a plain URL) and the filters' choices."""
        if self._edition is None or self._edition[0] is not renderer:
            h = hashlib.sha256()
            for council in renderer.ctx.portal.councils.values():
                h.update(self._face(council))
            pages = renderer.site_pages
            h.update("\0".join(f"{p.src_uri}\0{p.dest_uri}" for p in pages or ()).encode())
            h.update(self._filters_of(renderer.filters()))  # as the months have them
            self._edition = (renderer, h.digest())
        return self._edition[1]

    def _face(self, council: Council) -> bytes:
        """A council as a page may show it: its slug, its folder and its own files' hashes (not its records)."""
        face = self._faces.get(council.slug)
        if face is None:
            face = f"\0council:{council.slug}\0{council.path}\0".encode()
            for name in COUNCIL_FILES:
                face += self.digest(f"{council.path}/{name}") or b"-"
            self._faces[council.slug] = face
        return face

    def _walk(self, value: Any, h: Any) -> None:
        """Hash a page's data value by value (see the module's docstring)."""
        if isinstance(value, _PLAIN):
            h.update(f"\0{type(value).__name__}:{value!r}".encode())
        elif isinstance(value, Council):
            h.update(self._face(value))
        elif isinstance(value, Record):
            digest = self.digest(value.source.file)
            if digest is None:
                raise _Unkeyable(value.uid)
            h.update(f"\0record:{value.uid}\0".encode() + digest)
        elif isinstance(value, (list, tuple)):
            h.update(f"\0[{len(value)}".encode())
            for item in value:
                self._walk(item, h)
        elif isinstance(value, dict):
            h.update(f"\0{{{len(value)}".encode())
            for item in value.items():
                self._walk(item, h)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(f"\0{type(value).__qualname__}".encode())
            for f in dataclasses.fields(value):
                self._walk(getattr(value, f.name), h)
        elif isinstance(value, BaseModel):
            h.update(f"\0{type(value).__qualname__}".encode())
            for name in type(value).model_fields:
                self._walk(getattr(value, name), h)
        else:
            raise _Unkeyable(type(value).__qualname__)

    def render(self, renderer: Renderer, page: SitePage) -> str:
        """The page's docs file, from the shelf if it holds it, else rendered (and kept)."""
        return self._kept(renderer, page, lambda data: renderer.render(page, data=data), KIND, str)

    def article(self, renderer: Renderer, page: SitePage, make: Callable[[dict[str, Any] | None], Article]
                ) -> Article:
        """A fast page's article, title and table of contents: a kept portal page's from the shelf if it holds
        them, else ``make`` (given the page's data when it was worked out for the key), then kept."""
        return self._kept(renderer, page, make, ARTICLE, tuple)

    def _kept(self, renderer: Renderer, page: SitePage, make: Callable[[dict[str, Any] | None], Any], kind: str,
              shape: type) -> Any:
        if self.shelf is None or page.kind != "portal" or page.name not in KEPT:
            return make(None)
        data = renderer.context(page) if page.name in SHOWN else None
        key = self.key(renderer, page, data)
        if key is None:
            return make(data)
        # a month by its month alone, a region's part of the compliance overview by its name and region
        name = f"{renderer.lang}-" + (page.part if page.name == "calendar-month" else
                                      "-".join(filter(None, (page.name, page.part))).replace("/", "-"))
        value = self.shelf.get(name, key, kind)
        if not isinstance(value, shape):
            value = make(data)
            self.shelf.put(name, key, value, kind)
        return value


Article = tuple  # (the article's HTML, its title, its table of contents' tokens)
