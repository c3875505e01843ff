"""RSS 2.0 and Atom feeds for readers who follow councils by subscription.

Per language (``kk``, ``ru``):

* portal-wide ``all`` and one feed per record type: ``meetings`` (new
  meetings and their agendas), ``decisions`` (held meetings' decisions and
  protocols), ``hearings`` (hearing announcements), ``reports`` and
  ``overdue`` (responses of state bodies past their deadline);
* ``answers`` (:mod:`ashyq.render.answerfeed`): every recommendation, and
  every answer of a state body as an entry of its own;
* per council ``all`` (its records, joint meetings it takes part in, and its
  withdrawn records), and each portal feed above limited to the council, for
  every type the council has records of (:func:`council_feeds`).

The portal's feeds are those of every registered record type
(:func:`portal_feeds`), written whether or not the portal has a record of the
type yet: the list a reader subscribes from (the home page's subscribe block)
does not change with the records, and a feed address never appears or
disappears from one build to the next. A feed of a type the portal has no
records of (say, ``appeals`` on a portal of public councils only) is a valid,
empty feed until the first record arrives; ``all`` is never empty.

In portal-wide feeds an entry's title ends with the council's short name.
With ``websub_hub`` in ``site_config.yml`` every feed names that WebSub hub
(``<link rel="hub">``), so a hub can push new entries to subscribers.

Each file exists as ``<name>.atom.xml`` and ``<name>.rss.xml`` at the paths of
:func:`ashyq.render.urls.feed`, written by :mod:`.feedxml` (the bytes feedgen writes, without its
per-entry element trees), which escapes every text and attribute; :mod:`.feedwrite` chooses each
feed's entries and writes the files, a round of councils at a time.

What a reader can rely on:

* **Stable ids.** An entry's id (Atom ``id``, RSS ``guid``) is the record's
  absolute permalink. It never changes, so rebuilding never shows an entry
  twice; a record that moves from "meeting announced" to "decisions
  published" keeps its id and its ``updated`` date moves.
* **Dates.** ``published`` is when the record was published
  (:meth:`SiteContext.posted`: the record's ``created``, else its first
  commit), never the meeting date, which may lie in the future. In the
  ``decisions`` feed it is when the protocol was published, in ``overdue``
  the day the response became overdue (never before the record was posted).
  ``updated`` is :meth:`SiteContext.updated`, never earlier than
  ``published``. Entries are ordered newest ``updated`` first and the feed
  keeps the newest :data:`MAX_ENTRIES`. The feed's own date is its newest
  entry's ``updated`` (never the time of the build), so two builds
  of the same records are byte-identical; an empty feed's is the newest
  change of its council's records (the portal's, for a portal-wide feed):
  not the build's day, which would change it, and its council's pages, daily.
* **Text.** Titles and summaries are plain text (XML-escaped; control
  characters XML cannot carry are dropped; Atom summaries are
  ``type="text"``, RSS descriptions, which readers render as HTML, are
  HTML-escaped once more with ``<br/>`` for line breaks) in the entry's language, marked
  with ``xml:lang`` on the entry. When a text is missing in the feed's
  language the other language is used and the entry says so with its own
  ``xml:lang``.
* **Tombstones.** A record file removed from the repository (OParl 1.1:
  deletions are never silent) leaves a "withdrawn" entry whose id is the old
  permalink; its link goes to the council's section page, which still exists.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .. import __version__
from ..kinds import registry
from ..load.tombstones import Tombstone
from ..models import Council, Record
from . import answerfeed, bodies, feedxml, members, members_feed, urls
from .context import SiteContext
from .feedtext import (
    TITLE_LIMIT, Entry, council_name, finish, format_date, moment, newest_change, one_line, posted, say, shorten,
    site_title, tombstone_title, updated)

MAX_ENTRIES = 50
COUNCIL_FEEDS = ("all",)
FORMATS = ("atom", "rss")
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def portal_feeds() -> tuple[str, ...]:
    """``all``, then every feed a registered type contributes, in their declared order, then ``answers``.

    Every one is written, even while the portal has no record of its type (an empty feed): a stable list
    to subscribe to, the same from build to build (see the module's docstring)."""
    feeds = sorted({f.name: f for rt in registry.record_types() for f in rt.feeds}.values(), key=lambda f: f.order)
    return ("all", *(f.name for f in feeds), answerfeed.NAME)


def council_feeds(ctx: SiteContext, slug: str) -> tuple[str, ...]:
    """A council's feeds: ``all``, then the portal feeds of the types it has records of (a stable set a
    reader can subscribe to; a feed may be empty for a while), in the portal's order."""
    council = ctx.portal.councils[slug]
    names = {f.name for rt in registry.record_types() if council.of(rt.kind) for f in rt.feeds}
    if council.recommendations:
        names.add(answerfeed.NAME)
    return tuple(name for name in portal_feeds() if name == "all" or name in names)


def __getattr__(name: str):
    # PORTAL_FEEDS is derived from the registry, which is only complete once the types are loaded.
    if name == "PORTAL_FEEDS":
        return portal_feeds()
    raise AttributeError(name)


# --------------------------------------------------------------------- entries


def record_entry(ctx: SiteContext, rec: Record, lang: str) -> Entry:
    """The entry of a record in ``all`` and its type's feed."""
    rt = registry.of(rec)
    council = ctx.portal.councils.get(rec.council)
    title, used = rt.label(rec, lang)
    if getattr(rec, "status", None) in ("cancelled", "postponed"):
        title = say(used, f"feeds.title-{rec.status}", title=title)
    link = ctx.url(urls.record(lang, rec))
    summary = rt.feed_summary(ctx, rec, council_name(council, lang), lang)
    return Entry(id=link, link=link, title=shorten(title, TITLE_LIMIT), summary=summary, lang=used,
                 published=posted(ctx, rec), updated=updated(ctx, rec), kind=rec.KIND, council=rec.council)


def tombstone_entry(ctx: SiteContext, stone: Tombstone, lang: str) -> Entry:
    title, used = tombstone_title(stone, lang)
    permalink = ctx.url(urls.record_by_parts(lang, stone.council, stone.folder, stone.id))
    council = ctx.portal.councils.get(stone.council)
    # The old page is gone; the council's section (or the portal home) still exists.
    link = ctx.url(urls.council(lang, stone.council, stone.folder) if council else urls.home(lang))
    removed = moment(stone.removed) or moment(ctx.today)
    created = moment(stone.created) or removed
    lines = [council_name(council, lang) if council else stone.council,
             say(lang, "feeds.withdrawn-line", kind=say(lang, f"feeds.kind.{stone.kind}"),
               date=format_date(removed, lang))]
    return Entry(id=permalink, link=link, title=shorten(say(lang, "feeds.title-withdrawn", title=title), TITLE_LIMIT),
                 summary=finish(lines), lang=lang if used == lang else used, published=min(created, removed),
                 updated=removed, kind="withdrawn", council=stone.council, permalink=False)


# --------------------------------------------------------------------- feed files


@dataclass(frozen=True)
class FeedSpec:
    name: str
    lang: str
    slug: str | None  # None: portal-wide
    body: str | None = None  # a state body's feed (render/bodies.py)
    member: str | None = None  # a council member's feed, with ``slug`` (render/members_feed.py)

    def path(self, fmt: str) -> str:
        if self.member and self.slug:
            return members.feed_url(self.lang, self.slug, self.member, fmt)
        if self.body:
            return bodies.feed_url(self.lang, self.body, fmt)
        return urls.feed(self.lang, self.name, fmt, self.slug)


def _page_for(spec: FeedSpec) -> str:
    if spec.member and spec.slug:
        return members.page_url(spec.lang, spec.slug, spec.member)
    if spec.body:
        return bodies.body_url(spec.lang, spec.body)
    if spec.slug:
        return urls.council(spec.lang, spec.slug)
    pages = {f.name: f.page for rt in registry.record_types() for f in rt.feeds}
    page = pages.get(spec.name)
    return urls.portal_page(spec.lang, page) if page else urls.home(spec.lang)


def feed_title(ctx: SiteContext, spec: FeedSpec) -> str:
    if spec.member and spec.slug:
        return members_feed.feed_title(ctx, spec.lang, spec.slug, spec.member)
    if spec.body:
        return bodies.feed_title(ctx, spec.lang, spec.body)
    if spec.slug:
        council = ctx.portal.councils.get(spec.slug)
        if spec.name != "all":  # the council's feed of one type: the portal's title, with the council's name
            return say(spec.lang, _title_key(spec.name), portal=council_name(council, spec.lang))
        return say(spec.lang, "feeds.title.council", council=council_name(council, spec.lang))
    return say(spec.lang, _title_key(spec.name), portal=site_title(ctx, spec.lang))


def _title_key(name: str) -> str:
    return "nav.feed-title-answers" if name == answerfeed.NAME else f"feeds.title.{name}"


def _description(spec: FeedSpec) -> str:
    lang = spec.lang
    if spec.member:
        return say(lang, "members.feed-description")
    if spec.body:
        return say(lang, "bodies.feed-description")
    if spec.name == answerfeed.NAME:
        return say(lang, "nav.feed-description-answers")
    return say(lang, "feeds.description.council") if spec.slug and spec.name == "all" \
        else say(lang, f"feeds.description.{spec.name}")


def _entry_title(ctx: SiteContext, spec: FeedSpec, entry: Entry) -> str:
    """A portal-wide feed mixes councils: its titles say whose record it is."""
    if spec.slug or spec.member:
        return entry.title
    council = ctx.portal.councils.get(entry.council)
    name = council_name(council, entry.lang, short=True) if council else entry.council
    return entry.title if not name or entry.title.endswith(name) else shorten(f"{entry.title} — {name}", TITLE_LIMIT)


def feed_head(ctx: SiteContext, spec: FeedSpec, updated: dt.datetime | None) -> feedxml.Head:
    """What the feed says of itself; ``updated``, its newest entry's (None for an empty feed)."""
    lang = spec.lang
    config = ctx.portal.config
    return feedxml.Head(
        id=ctx.url(spec.path("atom")), title=feed_title(ctx, spec), description=_description(spec), lang=lang,
        author=one_line(config.operator.get(lang)) if config.operator else site_title(ctx, lang),
        rights=f"{config.licence.name} — {config.licence.url}", version=__version__,
        updated=updated or newest_change(ctx, ctx.portal.councils.get(spec.slug) if spec.slug else None),
        self_atom=ctx.url(spec.path("atom")),
        self_rss=ctx.url(spec.path("rss")), page=ctx.url(_page_for(spec)), hub=config.websub_hub)


def entry_items(ctx: SiteContext, spec: FeedSpec) -> Callable[[Entry], feedxml.Item]:
    """``item(entry)``: the entry as the feed ``spec`` writes it."""
    lang = spec.lang
    authors: dict[str, str] = {}  # a feed's entries share a council or a few, and a handful of kinds
    labels: dict[str, str] = {}

    def item(entry: Entry) -> feedxml.Item:
        author = authors.get(entry.council)
        if author is None:
            council = ctx.portal.councils.get(entry.council)
            author = authors[entry.council] = council_name(council, lang) if council else entry.council
        label = labels.get(entry.kind)
        if label is None:
            label = labels[entry.kind] = say(lang, f"feeds.kind.{entry.kind}")
        return feedxml.Item(
            id=entry.id, permalink=entry.permalink, title=_entry_title(ctx, spec, entry), link=entry.link,
            summary=entry.summary, description=rss_description(entry.summary), published=entry.published,
            updated=entry.updated, term=entry.kind, label=label, author=author, lang=entry.lang)
    return item


def feed_bytes(ctx: SiteContext, spec: FeedSpec, entries: list[Entry]) -> dict[str, bytes]:
    item = entry_items(ctx, spec)
    return feedxml.documents(feed_head(ctx, spec, entries[0].updated if entries else None),
                             [item(entry) for entry in entries])


@lru_cache(maxsize=4096)  # a meeting's entry reads the same in each attendee's feed
def rss_description(summary: str) -> str:
    """Plain text as the HTML an RSS description is read as: escaped, line breaks kept."""
    return html.escape(summary, quote=False).replace("\n", "<br/>")


def feed_links(ctx: SiteContext, lang: str, council: Council | str | None = None) -> list[dict[str, str]]:
    """``<link rel="alternate">`` autodiscovery: ``[{title, href, type}]`` with absolute hrefs, Atom then RSS.

    Without ``council``: the portal-wide ``all`` feeds, for every page (the
    theme's site-wide list, ``extra.ashyq.feeds``). With ``council`` (a
    :class:`Council` or its slug): that council's own feeds only, for its
    pages' front matter ``feeds:``; the theme adds the site-wide ones, so
    they are not repeated here.
    """
    slug = council.slug if isinstance(council, Council) else council
    specs = [FeedSpec("all", lang, slug or None)]
    links = []
    for spec in specs:
        title = feed_title(ctx, spec)
        for fmt in FORMATS:
            links.append({"title": f"{title} ({say(lang, f'feeds.format.{fmt}')})", "href": ctx.url(spec.path(fmt)),
                          "type": MEDIA_TYPES[fmt]})
    return links
