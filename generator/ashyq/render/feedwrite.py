"""Writing the feeds (:mod:`.feeds` says what they hold), a round of councils at a time.

A round's councils get their own feeds (``all`` and each typed feed, with the
joint meetings they take part in and their withdrawn records) and their
members' feeds, and offer the newest entries of their records to each
portal-wide feed and each state body's feed (:data:`Candidates`). The
portal's feeds are then chosen from every round's offers and the withdrawn
records. A feed keeps its newest :data:`.feeds.MAX_ENTRIES` and entries are
ordered by a total key (dates, then id), so an entry that makes a portal feed
made its own round's newest too, and the files are the same however the
councils are grouped. The build runs each round in a fresh process
(:mod:`ashyq.write.sidesteps`), which then reads only its councils' records.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import partial
from pathlib import Path

from ..kinds import registry
from ..models import Record
from ..rounds import Rounds, one_round
from . import answerfeed, bodies, feedxml, members, members_feed, urls
from .context import SiteContext
from .feeds import FeedSpec, MAX_ENTRIES, council_feeds, entry_items, feed_bytes, feed_head, portal_feeds, \
    record_entry, tombstone_entry
from .feedtext import Entry, LazyEntry, councils_of, joined, posted, tombstones, updated
from .files import write_file

# A portal-wide or a state body's feed -> the newest entries some councils' records offer it.
Candidates = dict[FeedSpec, list[Entry]]


def _newest(candidates: Iterable[LazyEntry]) -> list[Entry]:
    unique: dict[str, LazyEntry] = {}
    for lazy in candidates:
        old = unique.get(lazy.id)
        if old is None or lazy.sort_key() < old.sort_key():
            unique[lazy.id] = lazy
    return [lazy.entry() for lazy in sorted(unique.values(), key=LazyEntry.sort_key)[:MAX_ENTRIES]]


def _ready(entry: Entry) -> LazyEntry:
    return LazyEntry(entry.id, entry.published, entry.updated, lambda: entry)


def collect_councils(ctx: SiteContext, lang: str, slugs: Sequence[str], skip: Collection[str] = frozenset()
                     ) -> tuple[dict[FeedSpec, list[Entry]], Candidates]:
    """The feeds of the councils ``slugs`` in one language (not of those in ``skip``, which a warm build
    brought over), and what their records offer the portal's and the bodies' feeds.

    Dates decide which entries make a feed; only those get their text built (once, however many feeds
    they appear in). Which feeds a record joins, and its derived entries (decisions, overdue), come from
    its type.
    """
    mine = frozenset(slugs)
    portal: dict[str, list[LazyEntry]] = {name: [] for name in portal_feeds()}
    by_council: dict[str, list[LazyEntry]] = {slug: [] for slug in slugs}
    # (council, feed) -> entries, for each feed of council_feeds() but "all"
    typed: dict[tuple[str, str], list[LazyEntry]] = {(slug, name): [] for slug in slugs
                                                     for name in council_feeds(ctx, slug) if name != "all"}
    types = registry.by_kind()
    joins = {kind: [f.name for f in rt.feeds if f.entries is None] for kind, rt in types.items()}

    def lazy(rec: Record) -> LazyEntry:
        return LazyEntry(ctx.url(urls.record(lang, rec)), posted(ctx, rec), updated(ctx, rec),
                         partial(record_entry, ctx, rec, lang))

    def join(entry: LazyEntry, kind: str, owners: Iterable[str]) -> None:
        """Into the feeds of the round's councils among ``owners``: ``all``, and the type's where they have it."""
        for slug in owners:
            if slug in by_council:
                by_council[slug].append(entry)
            for name in joins.get(kind, ()):
                if (slug, name) in typed:
                    typed[(slug, name)].append(entry)

    for slug in slugs:
        for rec in ctx.portal.councils[slug].records():
            entry = lazy(rec)
            portal["all"].append(entry)
            for name in joins[rec.KIND]:
                portal[name].append(entry)
            join(entry, rec.KIND, councils_of(ctx, rec))
            for feed in types[rec.KIND].feeds:
                if feed.entries is not None:
                    derived = feed.entries(ctx, rec, lang)
                    portal[feed.name] += derived
                    typed.get((rec.council, feed.name), []).extend(derived)
            if rec.KIND == "recommendation":
                answers = answerfeed.entries(ctx, rec, lang, record_entry)
                portal[answerfeed.NAME] += answers
                typed.get((rec.council, answerfeed.NAME), []).extend(answers)
        for rec in joined(ctx).get(slug, ()):  # another council's joint meeting: its partners' feeds carry it
            if rec.council not in mine:
                join(lazy(rec), rec.KIND, [slug])
    for stone in tombstones(ctx):
        if stone.council in mine:
            entry = tombstone_entry(ctx, stone, lang)
            join(LazyEntry(entry.id, entry.published, entry.updated, lambda entry=entry: entry), stone.kind,
                 [stone.council])
    feeds = {FeedSpec("all", lang, slug): _newest(by_council[slug]) for slug in sorted(mine - set(skip))}
    for (slug, name), found in sorted(typed.items()):
        if slug not in skip:
            feeds[FeedSpec(name, lang, slug)] = _newest(found)
    offers = {FeedSpec(name, lang, None): _newest(entries) for name, entries in portal.items()}
    for body, found in bodies.feed_entries(ctx, lang, record_entry, mine).items():
        offers[FeedSpec(bodies.FEED, lang, None, body)] = _newest(found)
    return feeds, offers


def portal_feeds_of(ctx: SiteContext, lang: str, offers: Iterable[Candidates]) -> dict[FeedSpec, list[Entry]]:
    """Every portal-wide feed and every state body's feed in ``lang``, chosen from the rounds' ``offers``
    and the portal's withdrawn records."""
    chosen: dict[FeedSpec, list[LazyEntry]] = {FeedSpec(name, lang, None): [] for name in portal_feeds()}
    chosen.update({FeedSpec(bodies.FEED, lang, None, body.id): [] for body in ctx.portal.bodies})
    for offer in offers:
        for spec, entries in offer.items():
            if spec.lang == lang:
                chosen[spec] += map(_ready, entries)
    joins = {rt.kind: [f.name for f in rt.feeds if f.entries is None] for rt in registry.record_types()}
    for stone in tombstones(ctx):
        entry = _ready(tombstone_entry(ctx, stone, lang))
        for name in ["all", *joins.get(stone.kind, ())]:
            chosen[FeedSpec(name, lang, None)].append(entry)
    return {spec: _newest(entries) for spec, entries in chosen.items()}


def collect(ctx: SiteContext, lang: str, skip: Collection[str] = frozenset()) -> dict[FeedSpec, list[Entry]]:
    """Every feed of one language and its entries (newest first, at most :data:`.feeds.MAX_ENTRIES`), the
    councils' all in one round; those of the councils in ``skip`` left out."""
    own, offers = collect_councils(ctx, lang, sorted(ctx.portal.councils), skip)
    return {**portal_feeds_of(ctx, lang, [offers]), **own}


def _write(site: Path, rel: str, data: bytes, made: set[str] | None = None) -> str:
    """Write one feed file; ``made`` remembers the folders already made (two files a feed, many a folder)."""
    write_file(f"{site}/{rel}", data, made)
    return rel


def _write_all(ctx: SiteContext, site: Path, feeds: dict[FeedSpec, list[Entry]], made: set[str]) -> list[str]:
    return [_write(site, spec.path(fmt), data, made)
            for spec, entries in feeds.items() for fmt, data in feed_bytes(ctx, spec, entries).items()]


def write_council_feeds(ctx: SiteContext, site: Path, slugs: Sequence[str], skip: Collection[str] = frozenset()
                        ) -> tuple[list[str], Candidates]:
    """One round: the feeds of the councils ``slugs`` in every language (not of those in ``skip``); the paths
    written, sorted, and what the round offers the portal-wide feeds."""
    written: list[str] = []
    offers: Candidates = {}
    made: set[str] = set()
    for lang in ctx.langs:
        own, offered = collect_councils(ctx, lang, slugs, skip)
        written += _write_all(ctx, site, own, made)
        offers.update(offered)
    return sorted(written), offers


def write_portal_feeds(ctx: SiteContext, site: Path, offers: Sequence[Candidates]) -> list[str]:
    """The portal's and the state bodies' feeds in every language, from every round's offers."""
    made: set[str] = set()
    return sorted(path for lang in ctx.langs for path in _write_all(ctx, site, portal_feeds_of(ctx, lang, offers), made))


def write_feeds(ctx: SiteContext, site: Path, skip: Collection[str] = frozenset(), rounds: Rounds = one_round,
                members: bool = False) -> list[str]:
    """Every feed of every language, the councils' a round at a time (``rounds``), their members' too with
    ``members``; the site-relative paths written, sorted. The feeds of the councils in ``skip`` are not
    written (a warm build brought them over), but their records still make the portal's feeds."""
    def one(slugs: list[str]) -> tuple[list[str], Candidates]:
        written, offers = write_council_feeds(ctx, site, slugs, skip)
        return written + (write_member_feeds(ctx, site, skip, slugs) if members else []), offers

    written: list[str] = []
    offers: list[Candidates] = []
    for _slugs, (paths, offered) in rounds(sorted(ctx.portal.councils), one):
        written += paths
        offers.append(offered)
    return sorted(written + write_portal_feeds(ctx, site, offers))


def write_member_feeds(ctx: SiteContext, site: Path, skip: Collection[str] = frozenset(),
                       slugs: Collection[str] | None = None) -> list[str]:
    """Each council member's feed of attendance and votes (render/members_feed.py), beside their page;
    of the councils ``slugs`` only if given, and not of those in ``skip``.

    A meeting's entry is the same in the feed of every member who came (or not) and voted alike, but for
    its id: its XML is made once per language and each feed puts in its own id (81,376 entries, 12,800
    distinct, in the two languages at 200 councils).
    """
    written: list[str] = []
    made: set[str] = set()
    if slugs is not None:
        skip = frozenset(ctx.portal.councils) - (frozenset(slugs) - frozenset(skip))
    for lang in ctx.langs:
        shared: dict[int, tuple[Entry, feedxml.Parts]] = {}  # holding the entry keeps its id from being reused
        for slug, member, found in members_feed.feed_entries(ctx, lang, record_entry, frozenset(skip)):
            spec = FeedSpec(members.FEED_NAME, lang, slug, member=member)
            item = entry_items(ctx, spec)
            parts = []
            for entry, ident in found:
                held = shared.get(id(entry))
                if held is None:
                    held = shared[id(entry)] = (entry, feedxml.parts(item(entry)))
                parts.append((ident, held[1]))
            head = feed_head(ctx, spec, found[0][0].updated if found else None)
            for fmt, data in feedxml.assemble(head, parts).items():
                written.append(_write(Path(site), spec.path(fmt), data, made))
    return sorted(written)
