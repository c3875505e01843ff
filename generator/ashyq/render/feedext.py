"""feedgen extensions of ashyq's feeds: ``xml:lang`` on each entry, and the WebSub hub of an RSS feed."""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class EntryLang(BaseEntryExtension):
    """Puts ``xml:lang`` on each entry (Atom) / item (RSS)."""

    def __init__(self) -> None:
        self.lang: str | None = None

    def extend_atom(self, entry):
        if self.lang:
            entry.set(XML_LANG, self.lang)
        return entry

    def extend_rss(self, item):
        if self.lang:
            item.set(XML_LANG, self.lang)
        return item


class Hub(BaseExtension):
    """RSS has no hub link of its own: ``<atom:link rel="hub">`` in the channel (Atom feeds get a plain link)."""

    def __init__(self) -> None:
        self.hub: str | None = None

    def extend_ns(self):
        return {"atom": "http://www.w3.org/2005/Atom"}

    def extend_rss(self, rss_feed):
        if self.hub:
            channel = rss_feed[0]
            link = etree.SubElement(channel, "{http://www.w3.org/2005/Atom}link")
            link.set("href", self.hub)
            link.set("rel", "hub")
        return rss_feed
