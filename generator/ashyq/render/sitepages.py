"""Every page of a language edition as one object, and the navigation derived from them.

A :class:`SitePage` knows what it is made from (a template and its subject, a
hand-written file under ``content/``, or generated text), where it goes in the
docs tree (``src_uri``) and in the output (``dest_uri``), and its URL, as
MkDocs' own ``File`` does. Pages are registered in one place,
:func:`collect_pages`; the navigation is read off that collection, so a page
that is not built is never linked from the menu. URL shapes come from
:mod:`ashyq.render.urls` only.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..kinds import registry
from ..load.walk import kind_of, tree
from ..models import Council, Record
from . import regional, urls
from .members import member_ids
from .members import page_url as member_page_url
from .rules_page import rules_markdown

NAV_COUNCILS_LIMIT = 30  # Material renders the menu on every page: a long one makes the build quadratic
# Portal pages left out of the search index: lists of what the councils' own pages hold, one line a record or
# council. They matched nearly every query with an excerpt of a table, and at national size they were a
# megabyte or more of article each (a calendar month 0.8-1.5 MB, the compliance overview 3.6 MB), which a warm
# build re-indexed every time (5-6 s a language). The records, councils and rules pages are found instead.
UNSEARCHED = frozenset({"councils", "calendar-month", "calendar-part", "overdue", "compliance", "compliance-region"})
# A council's sections are lists too, one line a record (or finding), which the records' pages hold: a fifth of
# the index at national size, every record title found twice. But its composition: the members' page holds
# their biographies, whose own pages are left out of the index (render/members.py: ``UNINDEXED``).
SEARCHED_SECTIONS = frozenset({"members"})
PORTAL_TEMPLATES = {"home": "home.md.j2", "councils": "councils.md.j2", "calendar": "calendar.md.j2",
                    "overdue": "overdue.html.j2", "compliance": "compliance_overview.md.j2", "bodies": "bodies.md.j2"}
# The menu: the portal's own pages, then the hand-written (or generated) ones that exist in this language.
PORTAL_NAV = (("ui.home", "home"), ("ui.councils", "councils"), ("ui.calendar", "calendar"),
              ("ui.overdue-responses", "overdue"), ("ui.compliance-overview", "compliance"), ("bodies.nav", "bodies"))
CONTENT_NAV = (("ui.nav-data", "data.md"), ("ui.nav-rules", "rules/index.md"), ("ui.nav-guide", "guide/index.md"),
               ("ui.nav-reference", "reference/index.md"), ("ui.nav-about", "about.md"))
GENERATED: dict[str, Callable[[str], str]] = {"rules/index.md": rules_markdown}  # docs path -> text of a language


def unsearched(kind: str, name: str | None) -> bool:
    """Whether a page of this kind and name is left out of the search index: the portal's lists
    (:data:`UNSEARCHED`) and a council's sections but its composition (:data:`SEARCHED_SECTIONS`)."""
    if kind == "portal":
        return name in UNSEARCHED
    return kind == "section" and name not in SEARCHED_SECTIONS


def council_types(council: Council | None = None) -> list[Any]:
    """The record types a council keeps: a type may be for some bodies only (``RecordType.council_types``:
    a maslikhat's receptions and appeals registry); ``None``: every type."""
    kind = council.info.type if council is not None and council.info else None
    return [rt for rt in registry.record_types()
            if council is None or not rt.council_types or kind in rt.council_types]


def sections(council: Council | None = None) -> tuple[str, ...]:
    """A council's sections: its composition, one per record type it keeps, its compliance card."""
    return ("members", *(rt.folder for rt in council_types(council)), "compliance")


TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"


@functools.lru_cache(maxsize=None)  # asked for each member's and section's page: 45,000 at national size
def _template(stem: str) -> str:
    """A shared page template: HTML (render/htmlpage.py) where it exists, else Markdown."""
    return f"{stem}.html.j2" if (TEMPLATES / f"{stem}.html.j2").is_file() else f"{stem}.md.j2"


def _index(url: str) -> str:
    """The docs file of a folder URL: ``kk/councils/x/`` -> ``councils/x/index.md``."""
    rel = url.split("/", 1)[1].rstrip("/")
    return f"{rel}/index.md" if rel else "index.md"


def _leaf(url: str) -> str:
    """The docs file of a page that is a file of its folder: ``kk/…/meetings/3/`` -> ``…/meetings/3.md``."""
    return url.split("/", 1)[1].rstrip("/") + ".md"


def dest_of(src_uri: str) -> str:
    """Where MkDocs (``use_directory_urls``) writes a docs file: ``a/b.md`` -> ``a/b/index.html``."""
    if not src_uri.endswith(".md"):
        return src_uri  # images and other files are copied as they are
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def mkdocs_url_of(dest_uri: str) -> str:
    """MkDocs' ``File.url`` of an output file (``use_directory_urls``): ``a/b/index.html`` -> ``a/b/``."""
    folder, name = posixpath.split(dest_uri)
    return (folder or ".") + "/" if name == "index.html" else dest_uri


def _url_of(lang: str, dest_uri: str) -> str:
    path = dest_uri[:-len("index.html")] if dest_uri.endswith("index.html") else dest_uri
    return f"{lang}/{path}"


class _kept:
    """A value worked out on first use and kept in the instance (what ``functools.cached_property`` does,
    without the lock it takes on each first use in Python 3.11: asked for 182,874 pages at national size,
    that lock was most of the 0.7 s their ``dest_uri`` took)."""

    def __init__(self, fn: Callable[[Any], str]):
        self.fn, self.name, self.__doc__ = fn, fn.__name__, fn.__doc__

    def __get__(self, page: Any, owner: type | None = None) -> Any:
        if page is None:
            return self
        value = page.__dict__[self.name] = self.fn(page)
        return value


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and twice as slow an
# __init__ cost 0.1 s an edition at national size. No page is changed once made all the same.
@dataclass(eq=False)
class SitePage:
    lang: str
    kind: str  # portal, council, section, record, generated or content
    src_uri: str  # docs-relative: councils/x/meetings/2025-01.md
    url: str  # site-relative: kk/councils/x/meetings/2025-01/
    template: str | None = None  # a Jinja2 page template, rendered with the subject below
    name: str | None = None  # a portal page's or a section's name
    council: Council | None = None
    record: Record | None = None
    source: Path | None = None  # a hand-written file, copied as it is
    generate: Callable[[str], str] | None = None  # text made for the language
    part: str | None = None  # which part of a portal page split in several (a calendar month: 2026-11)
    in_menu: bool = False  # a council's page the menu lists (render/chrome.py: MkDocs renders it then)

    @_kept  # asked for every link to the page (render/pages.py: ``link``)
    def dest_uri(self) -> str:
        return dest_of(self.src_uri)

    @_kept
    def mkdocs_url(self) -> str:
        """The page's URL inside its edition as MkDocs has it (``File.url``): ``./`` for the home page."""
        return mkdocs_url_of(self.dest_uri)

    @property
    def is_markdown(self) -> bool:
        return self.src_uri.endswith(".md")

    def abs_url(self, base_url: str) -> str:
        return urls.absolute(base_url, self.url)

    @classmethod
    def for_portal(cls, lang: str, name: str) -> SitePage:
        url = urls.home(lang) if name == "home" else urls.portal_page(lang, name)
        return cls(lang, "portal", _index(url), url, PORTAL_TEMPLATES[name], name=name)

    @classmethod
    def for_calendar_month(cls, lang: str, month: str) -> SitePage:
        url = urls.calendar_month(lang, month)
        return cls(lang, "portal", _index(url), url, "calendar_month.html.j2", name="calendar-month", part=month)

    @classmethod
    def for_calendar_part(cls, lang: str, month: str, part: str) -> SitePage:
        url = urls.calendar_part(lang, month, part)
        return cls(lang, "portal", _index(url), url, "calendar_part.html.j2", name="calendar-part",
                   part=f"{month}/{part}")

    @classmethod
    def for_compliance_region(cls, lang: str, region: str) -> SitePage:
        url = urls.compliance_region(lang, region)
        return cls(lang, "portal", _index(url), url, "compliance_region.md.j2", name="compliance-region", part=region)

    @classmethod
    def for_council(cls, lang: str, council: Council, in_menu: bool = False) -> SitePage:
        url = urls.council(lang, council.slug)
        return cls(lang, "council", _index(url), url, _template("council"), council=council, in_menu=in_menu)

    @classmethod
    def for_section(cls, lang: str, council: Council, section: str) -> SitePage:
        rt = registry.by_folder().get(section)
        url = urls.council(lang, council.slug, section)
        template = rt.section_template if rt else _template(f"section_{section}")
        return cls(lang, "section", _index(url), url, template, name=section, council=council)

    @classmethod
    def for_record(cls, lang: str, record: Record, council: Council | None = None) -> SitePage:
        url = urls.record(lang, record)
        rt = registry.by_kind()[record.KIND]
        return cls(lang, "record", _leaf(url), url, rt.page_template, council=council, record=record)

    @classmethod
    def for_member(cls, lang: str, council: Council, member_id: str) -> SitePage:
        """A member's page (render/members.py), former members' too: ``name`` is the member's id."""
        url = member_page_url(lang, council.slug, member_id)
        return cls(lang, "member", _leaf(url), url, _template("member"), name=member_id, council=council)

    @classmethod
    def for_body(cls, lang: str, body_id: str) -> SitePage:
        """A state body's page (render/bodies.py): a portal page named ``bodies/<id>``."""
        url = urls.portal_page(lang, f"bodies/{body_id}")
        return cls(lang, "portal", _index(url), url, "body.md.j2", name=f"bodies/{body_id}")

    @classmethod
    def for_generated(cls, lang: str, rel: str, generate: Callable[[str], str]) -> SitePage:
        return cls(lang, "generated", rel, _url_of(lang, dest_of(rel)), generate=generate)

    @classmethod
    def for_content(cls, lang: str, rel: str, source: Path) -> SitePage:
        """A hand-written file of ``content/<lang>/``; ``rel`` is its path there."""
        return cls(lang, "content", rel, _url_of(lang, dest_of(rel)), source=source)


class SitePages:
    """The pages of one language edition, in writing order, found by URL or docs path."""

    def __init__(self, lang: str, pages: Iterable[SitePage]):
        self.lang = lang
        self.by_src: dict[str, SitePage] = {}
        for page in pages:
            self.by_src.setdefault(page.src_uri, page)  # the first registered wins: generated before hand-written
        self.by_url = {page.url: page for page in self.by_src.values() if page.is_markdown}

    def __iter__(self) -> Iterator[SitePage]:
        return iter(self.by_src.values())

    def __len__(self) -> int:
        return len(self.by_src)

    def __contains__(self, src_uri: object) -> bool:
        return src_uri in self.by_src

    def of_kind(self, kind: str) -> list[SitePage]:
        return [page for page in self if page.kind == kind]


def _content(content: Path | None, lang: str) -> Iterator[SitePage]:
    """The regular files of ``content/<lang>``: links are neither listed nor entered (``safety.symlink``)."""
    if content is None or kind_of(content) != "dir" or kind_of(content / lang) != "dir":
        return
    source = content / lang
    for entry in sorted(tree(source), key=lambda e: e.rel(source)):
        if entry.kind == "file":
            yield SitePage.for_content(lang, entry.rel(source), entry.path)


def event_months(councils: Iterable[Council]) -> list[str]:
    """The months (``2026-11``) that have a dated event of any type, oldest first."""
    return sorted({month for council in councils for month in _months_of(council)})


def _months_of(council: Council) -> set[str]:
    months = set()
    for rt in registry.record_types():
        if rt.event:
            for rec in council.of(rt.kind):
                day = rt.date(rec)
                if hasattr(day, "month"):
                    months.add(f"{day.year:04d}-{day.month:02d}")
    return months


def month_parts(councils: Iterable[Council]) -> dict[str, list[str]]:
    """A split portal's calendar (:mod:`.regional`): month -> the regions' pages with events in it, by name."""
    found: dict[str, set[str]] = {}
    for part in regional.parts(councils, "kk"):
        for council in part.councils:
            for month in _months_of(council):
                found.setdefault(month, set()).add(part.slug)
    return {month: sorted(slugs) for month, slugs in sorted(found.items())}


def collect_pages(councils: Iterable[Council], lang: str, content: Path | None,
                  bodies: Iterable[str] = ()) -> SitePages:
    """Every page of the ``lang`` edition: the portal's, each council's, generated and hand-written ones.

    ``bodies``: the ids of the state bodies of ``bodies.yml`` (a page each).
    """
    bodies = list(bodies)
    councils = list(councils)
    listed = len(councils) <= NAV_COUNCILS_LIMIT  # see navigation()

    def pages() -> Iterator[SitePage]:
        for name in PORTAL_TEMPLATES:
            yield SitePage.for_portal(lang, name)
        for month in event_months(councils):
            yield SitePage.for_calendar_month(lang, month)
        if regional.by_region(councils):
            for region in regional.slugs(councils):
                yield SitePage.for_compliance_region(lang, region)
            for month, parts in month_parts(councils).items():
                for part in parts:
                    yield SitePage.for_calendar_part(lang, month, part)
        for body_id in bodies:
            yield SitePage.for_body(lang, body_id)
        for council in councils:
            yield SitePage.for_council(lang, council, in_menu=listed)
            for section in sections(council):
                yield SitePage.for_section(lang, council, section)
            for record in council.records():
                yield SitePage.for_record(lang, record, council)
            for member_id in member_ids(council):
                yield SitePage.for_member(lang, council, member_id)
        for rel, generate in GENERATED.items():
            yield SitePage.for_generated(lang, rel, generate)
        yield from _content(content, lang)

    return SitePages(lang, pages())


def navigation(pages: SitePages) -> list[Any]:
    """The menu of an edition, from its pages: portal sections, councils up to the limit, the other pages."""
    lang = pages.lang
    entry = {name: SitePage.for_portal(lang, name).src_uri for _key, name in PORTAL_NAV}
    councils = pages.of_kind("council")
    council_nav: list[Any] = [{t(lang, "ui.all-councils"): entry["councils"]}]
    if len(councils) <= NAV_COUNCILS_LIMIT:
        council_nav += [{page.council.name(lang): page.src_uri} for page in councils if page.council]
    nav: list[Any] = [{t(lang, key): council_nav if name == "councils" else entry[name]} for key, name in PORTAL_NAV]
    nav += [{t(lang, key): rel} for key, rel in CONTENT_NAV if rel in pages]
    return nav
