"""Tables that never hide a column: a Python-Markdown extension used by both engines.

Every page is Markdown (templates and hand-written pages alike), so tables are
made readable where they are made, not by script in the browser:

* a table with a header is wrapped in ``<div class="ashyq-table" data-cols="N">``
  and each cell carries its column's name in ``data-label``; the theme's CSS
  (``ashyq-layout.css``) turns the rows into cards when the column is narrower
  than the table needs, with the name before each value, so no column is ever
  scrolled out of sight and a phone needs no horizontal scrolling;
* a table whose header is empty (``| | |`` over ``|---|---|``: a record's
  key/value block) becomes a definition list ``<dl class="ashyq-kv">``, one
  ``<div><dt>…</dt><dd>…</dd></div>`` per row: no empty header row for a screen
  reader or a high-contrast band, and a block that stacks on a narrow screen.

The extension is listed in the edition's ``mkdocs.yml`` (render/mkdocs_config.py),
which the fast path reads too, so both engines write the same HTML.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, HTML_PLACEHOLDER_RE, STX

_TAG = re.compile(r"<[^>]*>")


class TableLayout(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    self._rework(parent, index, child)

    def _rework(self, parent: etree.Element, index: int, table: etree.Element) -> None:
        if parent.get("class") == "ashyq-table":  # made so already (an HTML macro's table, render/htmlpage.py)
            return
        head = table.find("thead")
        header = head.find("tr") if head is not None else None
        if header is None:
            return
        labels = [self._text(th) for th in header]
        rows = [tr for body in table.findall("tbody") for tr in body.findall("tr")]
        if not any(labels) and len(labels) == 2:
            parent[index] = self._definitions(table, rows)
            return
        for tr in rows:
            for label, td in zip(labels, tr):
                if label:
                    td.set("data-label", label)
        wrapper = etree.Element("div", {"class": "ashyq-table", "data-cols": str(len(labels))})
        wrapper.append(table)
        wrapper.tail, table.tail = table.tail, None
        parent[index] = wrapper

    @staticmethod
    def _definitions(table: etree.Element, rows: list[etree.Element]) -> etree.Element:
        dl = etree.Element("dl", {"class": "ashyq-kv"})
        for tr in rows:
            cells = list(tr)
            if len(cells) < 2:
                continue
            row = etree.SubElement(dl, "div")
            for tag, cell in zip(("dt", "dd"), cells):
                item = etree.SubElement(row, tag)
                item.text = cell.text
                item.extend(list(cell))
        dl.tail = table.tail
        return dl

    def _text(self, element: etree.Element) -> str:
        """The plain text of a header cell, with inline raw HTML and entities (stashed) put back."""
        def unstash(match: re.Match) -> str:
            stash = self.md.htmlStash.rawHtmlBlocks
            number = int(match.group(1))
            return str(stash[number]) if number < len(stash) else ""
        text = HTML_PLACEHOLDER_RE.sub(unstash, "".join(element.itertext())).replace(STX, "").replace(ETX, "")
        return " ".join(html.unescape(_TAG.sub("", text)).split())


class TableLayoutExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline patterns (20): the cells' text is there; before the toc (5) and prettify (10).
        md.treeprocessors.register(TableLayout(md), "ashyq_tables", 15)


def makeExtension(**kwargs) -> TableLayoutExtension:  # noqa: N802 - Python-Markdown's entry point
    return TableLayoutExtension(**kwargs)
