"""The feeds ashyq writes itself (``render/feedxml.py``) are, byte for byte, what feedgen writes.

feedgen is the reference: for every feed of a portal (with hostile titles,
summaries and names) and for generated text, the same fields are handed to
feedgen with ``pretty=True`` and the bytes must be equal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import feedparser
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ashyq.render import feeds, feedxml
from ashyq.render.feedwrite import write_feeds, write_member_feeds

from test_feeds import build_portal, context  # the journalists' portal, with withdrawn records

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HOSTILE = 'A </title><script>alert(1)</script> & "q" \'s\' > \r\n\ttab \x01\x0b end'


class EntryLang(BaseEntryExtension):
    def __init__(self) -> None:
        self.lang = None

    def extend_atom(self, entry):
        entry.set(XML_LANG, self.lang)
        return entry

    def extend_rss(self, item):
        item.set(XML_LANG, self.lang)
        return item


class Hub(BaseExtension):
    def __init__(self) -> None:
        self.hub = None

    def extend_ns(self):
        return {"atom": feedxml.ATOM_NS}

    def extend_rss(self, rss_feed):
        if self.hub:
            etree.SubElement(rss_feed[0], f"{{{feedxml.ATOM_NS}}}link", href=self.hub, rel="hub")
        return rss_feed


def clean(text: str) -> str:
    return feedxml._BAD.sub("", text)  # lxml refuses what XML cannot carry; feedxml drops it


def reference(head: feedxml.Head, items: list[feedxml.Item]) -> dict[str, bytes]:
    """What feedgen 1.0 writes for the same fields."""
    fg = FeedGenerator()
    fg.register_extension("ashyq", Hub, EntryLang)
    fg.id(clean(head.id))
    fg.title(clean(head.title))
    fg.subtitle(clean(head.description))
    fg.description(clean(head.description))
    fg.language(head.lang)
    fg.author({"name": clean(head.author)})
    fg.rights(clean(head.rights))
    fg.generator("ashyq", version=head.version)
    fg.updated(head.updated)
    fg.pubDate(head.updated)
    entries = []
    for item in items:
        fe = fg.add_entry(order="append")
        entries.append((fe, item))
        fe.guid(clean(item.id), permalink=item.permalink)
        fe.title(clean(item.title))
        fe.link(href=clean(item.link), rel="alternate", type="text/html", hreflang=head.lang)
        fe.summary(clean(item.summary))
        fe.published(item.published)
        fe.updated(item.updated)
        fe.category(term=item.term, label=clean(item.label))
        fe.author({"name": clean(item.author)})
        fe.ashyq.lang = item.lang
    out = {}
    for fmt, self_link, media in (("atom", head.self_atom, "application/atom+xml"),
                                  ("rss", head.self_rss, "application/rss+xml")):
        fg.link([{"href": clean(self_link), "rel": "self", "type": media},
                 *([{"href": head.hub, "rel": "hub"}] if head.hub and fmt == "atom" else []),
                 {"href": clean(head.page), "rel": "alternate", "type": "text/html", "hreflang": head.lang}], replace=True)
        fg.ashyq.hub = head.hub if fmt == "rss" else None
        if fmt == "atom":
            out[fmt] = fg.atom_str(pretty=True)
        else:
            for fe, item in entries:
                fe.description(clean(item.description), isSummary=True)
            out[fmt] = fg.rss_str(pretty=True)
    return out


def recorded(monkeypatch) -> list[tuple[feedxml.Head, list[feedxml.Item], dict[str, bytes]]]:
    """Every feed the next write produces: its fields and its bytes."""
    seen: list = []
    documents = feedxml.documents

    def keep(head, items):
        seen.append((head, list(items), documents(head, items)))
        return seen[-1][2]

    monkeypatch.setattr(feedxml, "documents", keep)
    return seen


def test_every_feed_of_a_portal_equals_feedgen(tmp_path, monkeypatch):
    root = build_portal(tmp_path, with_git=True)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "websub_hub: https://hub.example.kz/?a=1&b=2\n",
                      encoding="utf-8")
    ctx = context(root)
    seen = recorded(monkeypatch)
    write_feeds(ctx, tmp_path / "site")
    write_member_feeds(ctx, tmp_path / "site")
    assert len(seen) > 40
    kinds = {item.term for _, items, _ in seen for item in items}
    assert {"meeting", "recommendation", "withdrawn"} <= kinds
    assert any(not item.permalink for _, items, _ in seen for item in items)
    for head, items, written in seen:
        assert written == reference(head, items), head.self_atom


def _text(min_size: int = 0):
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=40)


MOMENTS = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=5))))


@settings(max_examples=300, deadline=None)
@given(title=_text(1), summary=_text(), author=_text(), label=_text(1), link=_text(1),
       moment=MOMENTS, hub=st.none() | _text(1), permalink=st.booleans())
def test_any_text_is_written_as_feedgen_writes_it(title, summary, author, label, link, moment, hub, permalink):
    if not all(map(clean, (title, label, author, link))):
        return  # feedgen skips an empty name and refuses an empty title; ashyq never makes them
    head = feedxml.Head(id=link, title=title, description=clean(summary) or "d", lang="kk", author=author, rights=label,
                        version="1", updated=moment, self_atom=link, self_rss=link, page=link, hub=hub and clean(hub))
    item = feedxml.Item(id=link, permalink=permalink, title=title, link=link, summary=summary,
                        description=feeds.rss_description(summary), published=moment, updated=moment, term="meeting",
                        label=label, author=author, lang="ru")
    written = feedxml.documents(head, [item])
    assert written == reference(head, [item])
    for data in written.values():
        assert not feedparser.parse(data).bozo


def test_hostile_text_cannot_leave_its_element():
    moment = dt.datetime(2026, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    head = feedxml.Head(id="https://x/", title=HOSTILE, description=HOSTILE, lang="kk", author=HOSTILE,
                        rights=HOSTILE, version="1", updated=moment, self_atom="https://x/a?x=1&y=\"2\"",
                        self_rss="https://x/r", page="https://x/")
    item = feedxml.Item(id="https://x/1", permalink=True, title=HOSTILE, link="https://x/1", summary=HOSTILE,
                        description=feeds.rss_description(HOSTILE), published=moment, updated=moment,
                        term="meeting", label=HOSTILE, author=HOSTILE, lang="kk")
    for data in feedxml.documents(head, [item]).values():
        assert b"<script>" not in data
        parsed = feedparser.parse(data)
        assert not parsed.bozo
        assert parsed.entries[0].title == clean(HOSTILE)  # \r kept as &#13;
    assert feedxml.rfc2822(moment) == "Mon, 30 Nov 2026 00:00:00 +0500"


def test_the_module_is_the_only_writer(tmp_path):
    source = Path(feeds.__file__).read_text(encoding="utf-8")
    assert "feedgen" not in source.split('"""', 2)[2]  # imports and code, not the docstring


def test_items_alike_but_for_their_id_keep_their_own():
    """An item's XML is made once for every item that differs only by id (``parts``); the id is each one's own."""
    moment = dt.datetime(2026, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    head = feedxml.Head(id="https://x/", title="t", description="d", lang="kk", author="a", rights="r", version="1",
                        updated=moment, self_atom="https://x/a", self_rss="https://x/r", page="https://x/")
    first = feedxml.Item(id="https://x/a/#m1", permalink=True, title="t", link="https://x/m1", summary="s",
                         description="s", published=moment, updated=moment, term="meeting", label="l", author="a",
                         lang="kk")
    second = dataclasses.replace(first, id="https://x/b/#m1&\x00")
    for item in (first, second, first):
        written = feedxml.documents(head, [item])
        assert written == reference(head, [item])
        for data in written.values():
            assert feedparser.parse(data).entries[0].id == clean(item.id)
