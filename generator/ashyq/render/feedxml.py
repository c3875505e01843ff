"""Atom 1.0 and RSS 2.0 documents written straight to bytes.

A portal writes thousands of feeds (two per member, per state body, per
council and type, in each language). feedgen builds an lxml element per field
of every entry and serialises the tree: about 1 ms per feed, half of the feed
step, measured. This module writes the same documents from two small
dataclasses, :class:`Head` and :class:`Item`: the bytes are exactly those
feedgen 1.0 writes for the same fields with ``pretty=True`` (the test builds
every feed of a portal with hostile text both ways and compares them), so
readers see no difference and feedgen remains the reference.

Escaping is done here, by construction, for every text and attribute:
``&``, ``<`` and ``>`` in text (and ``\\r``, which XML would otherwise turn
into a newline); in attributes also ``"`` and the whitespace a parser would
normalise. Characters XML 1.0 cannot carry are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

ATOM_NS = "http://www.w3.org/2005/Atom"
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Head:
    """What a feed says about itself."""

    id: str  # the Atom file's absolute URL
    title: str
    description: str  # Atom subtitle, RSS description
    lang: str
    author: str
    rights: str
    version: str  # ashyq's, in Atom's <generator>
    updated: datetime
    self_atom: str
    self_rss: str
    page: str  # the HTML page the feed follows
    hub: str | None = None  # a WebSub hub


@dataclass(frozen=True)
class Item:
    """One entry: Atom ``<entry>``, RSS ``<item>``.

    The id takes no part in equality: items that differ only by id (a meeting in
    each attendee's feed) are written once and the id put in (:func:`parts`).
    """

    id: str = field(compare=False)
    permalink: bool  # RSS guid isPermaLink
    title: str
    link: str
    summary: str  # plain text
    description: str  # the summary as the HTML an RSS reader renders
    published: datetime
    updated: datetime
    term: str  # category term (Atom); its label is RSS's category
    label: str
    author: str
    lang: str


def _text(value: str) -> str:
    if _BAD.search(value):
        value = _BAD.sub("", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def _attr(value: str) -> str:
    value = _text(value).replace('"', "&quot;")
    if "\n" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\t", "&#9;")
    return value


def _element(indent: str, name: str, text: str) -> str:
    # lxml writes an element whose text is empty as a pair of tags, one without text as an empty tag.
    return f"{indent}<{name}>{_text(text)}</{name}>\n"


@lru_cache(maxsize=4096)  # entries share a handful of dates
def rfc2822(moment: datetime) -> str:
    """RSS's date, in English whatever the locale (as feedgen does)."""
    return (f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} {moment.year:04d} "
            f"{moment:%H:%M:%S %z}")


@lru_cache(maxsize=4096)
def _iso(moment: datetime) -> str:
    return moment.isoformat()


Parts = tuple[str, str, str, str]  # an item's Atom entry and RSS item, each cut where its id goes


def documents(head: Head, items: list[Item]) -> dict[str, bytes]:
    """The feed as Atom and as RSS; what both say is escaped once."""
    return assemble(head, [(item.id, parts(item)) for item in items])


def assemble(head: Head, items: list[tuple[str, Parts]]) -> dict[str, bytes]:
    """The feed as Atom and as RSS from its items' :func:`parts`, each with its id (a feed that shares items
    with thousands of others, a member's, gives the parts it already has)."""
    lang = _attr(head.lang)
    atom = ["<?xml version='1.0' encoding='UTF-8'?>\n",
            f'<feed xmlns:atom="{ATOM_NS}" xmlns="{ATOM_NS}" xml:lang="{lang}">\n',
            _element("  ", "id", head.id), _element("  ", "title", head.title),
            _element("  ", "updated", _iso(head.updated))]
    if head.author:
        atom.append(f"  <author>\n{_element('    ', 'name', head.author)}  </author>\n")
    atom.append(f'  <link href="{_attr(head.self_atom)}" rel="self" type="application/atom+xml"/>\n')
    if head.hub:
        atom.append(f'  <link href="{_attr(head.hub)}" rel="hub"/>\n')
    atom.append(f'  <link href="{_attr(head.page)}" rel="alternate" type="text/html" hreflang="{lang}"/>\n')
    atom.append(f'  <generator version="{_attr(head.version)}">ashyq</generator>\n')
    if head.rights:
        atom.append(_element("  ", "rights", head.rights))
    if head.description:
        atom.append(_element("  ", "subtitle", head.description))

    date = rfc2822(head.updated)
    rss = ["<?xml version='1.0' encoding='UTF-8'?>\n",
           f'<rss xmlns:atom="{ATOM_NS}" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n',
           "  <channel>\n", _element("    ", "title", head.title), _element("    ", "link", head.page),
           _element("    ", "description", head.description),
           f'    <atom:link href="{_attr(head.self_rss)}" rel="self" type="application/rss+xml"/>\n']
    if head.rights:
        rss.append(_element("    ", "copyright", head.rights))
    rss += ["    <docs>http://www.rssboard.org/rss-specification</docs>\n", "    <generator>ashyq</generator>\n",
            _element("    ", "language", head.lang), f"    <lastBuildDate>{date}</lastBuildDate>\n",
            f"    <pubDate>{date}</pubDate>\n"]
    if head.hub:  # RSS has no hub link of its own
        rss.append(f'    <atom:link href="{_attr(head.hub)}" rel="hub"/>\n')

    for item_id, (atom_head, atom_tail, rss_head, rss_tail) in items:
        ident = _text(item_id)
        atom.append(atom_head + ident + atom_tail)
        rss.append(rss_head + ident + rss_tail)
    atom.append("</feed>\n")
    rss.append("  </channel>\n</rss>\n")
    return {"atom": "".join(atom).encode(), "rss": "".join(rss).encode()}


_ID = "\x00"  # where the id goes in an item's parts: _BAD drops it from every escaped text, so it is unique


@lru_cache(maxsize=8192)
def parts(item: Item) -> Parts:
    """The item's Atom entry and RSS item, each cut where its id goes (the id is not part of the key)."""
    lang, ident, title, link = _attr(item.lang), _ID, _text(item.title), _attr(item.link)
    label, summary, description = _text(item.label), _text(item.summary), _text(item.description)
    author = f"    <author>\n      <name>{_text(item.author)}</name>\n    </author>\n" if item.author else ""
    atom = (
        f'  <entry xml:lang="{lang}">\n    <id>{ident}</id>\n    <title>{title}</title>\n'
        f"    <updated>{_iso(item.updated)}</updated>\n{author}"
        # feedgen 1.0 writes an entry's link with its href only.
        f'    <link href="{link}"/>\n'
        + (f"    <summary>{summary}</summary>\n" if summary else "    <summary/>\n")
        + f'    <category term="{_attr(item.term)}"' + (f' label="{_attr(item.label)}"/>\n' if label else "/>\n")
        + f"    <published>{_iso(item.published)}</published>\n  </entry>\n")
    rss = (
        f'    <item xml:lang="{lang}">\n      <title>{title}</title>\n      <link>{_text(item.link)}</link>\n'
        # feedgen leaves an empty description out
        + (f"      <description>{description}</description>\n" if description else "")
        + f'      <guid isPermaLink="{"true" if item.permalink else "false"}">{ident}</guid>\n'
        f"      <category>{label}</category>\n      <pubDate>{rfc2822(item.published)}</pubDate>\n"
        "    </item>\n")
    return (*atom.split(_ID), *rss.split(_ID))  # type: ignore[return-value]
