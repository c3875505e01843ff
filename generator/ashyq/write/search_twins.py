"""What Pagefind reads of a page: its article, not the chrome around it.

Only the ``data-pagefind-body`` article is indexed, but Pagefind parses the
whole page to find it, and a page is mostly chrome (header, tabs, two
navigations, footer, scripts): a third of Pagefind's time went on it,
measured. When a shard is indexed, each of its pages is handed over as a
twin, under the page's own URL: the page's
``<html>`` tag (its ``lang``), its ``<title>`` and its article, cut out as
bytes, without the elements marked ``data-pagefind-ignore`` (the headings'
permalinks, a member page's attendance and votes tables: most of that page),
which Pagefind would parse only to skip. A page without the marker is given
whole, so Pagefind treats it as it would the page itself. The index is the
same, byte for byte (``tests/test_search_shards.py``). The twins are handed to Pagefind down a
pipe (:mod:`.pagefind_service`), never written to disk.
"""

from __future__ import annotations

import functools
import glob
import re
from collections.abc import Iterator
from pathlib import Path

MARKER = b" data-pagefind-body"
# An element Pagefind skips: bare ``data-pagefind-ignore`` (as "index") or ``="index"`` / ``="all"``, as an
# attribute of its own, never words inside another attribute's value (which may be a record's text).
# Each other attribute is an atomic group: a name or value cut shorter could never be followed by what the
# pattern needs next (a space, or the end of the tag), so trying it is only backtracking; without it, scanning
# the tags of a member page's tables took twice as long.
_VALUE = rb'(?:\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s"\'=<>`]+))?'
_IGNORED = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)(?>\s+(?!data-pagefind-ignore\b)[^\s\"'>/=]+" + _VALUE + rb")*"
                      rb'\s+data-pagefind-ignore(?:="(index|all)")?(?=[\s/>])[^>]*>')
_READ_EVEN_IGNORED = re.compile(rb"data-pagefind-(?!ignore)")  # filters, metadata, sort keys
_VOID = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}


def _slice(page: bytes) -> bytes | None:
    """The page reduced to its ``<html>`` tag, title and indexed article; None when it has no marker."""
    at = page.find(MARKER)
    if at < 0:
        return None
    start = page.rfind(b"<article", 0, at)
    opened = page.find(b">", at)  # the marker is an attribute of the article's opening tag
    end = _end(page, b"article", opened + 1) if start >= 0 and opened >= 0 else -1
    html_at = page.find(b"<html")
    title_at, title_end = page.find(b"<title>"), page.find(b"</title>")
    if start < 0 or end <= 0 or html_at < 0:
        return None  # not a page the theme made: let Pagefind read all of it
    title = page[title_at:title_end + len(b"</title>")] if 0 <= title_at < title_end else b""
    return (b"<!doctype html>\n" + page[html_at:page.find(b">", html_at) + 1] + b'<head><meta charset="utf-8">'
            + title + b"</head><body>" + _unignored(page[start:end]) + b"</body></html>\n")


def _unignored(article: bytes) -> bytes:
    """The article without the elements Pagefind would skip whole.

    An element ignored "for the index" only is kept when it holds a filter or
    metadata of Pagefind's (those it still reads); a void element, or one whose
    end is not found, is kept too: Pagefind is then left to read it as before.
    """
    if b"data-pagefind-ignore" not in article:
        return article
    kept: list[bytes] = []
    pos = 0
    for match in _IGNORED.finditer(article):
        name = match.group(1).lower()
        if match.start() < pos or name in _VOID:
            continue  # inside an element already left out, or nothing to leave out
        end = _end(article, name, match.end())
        if end < 0 or (match.group(2) != b"all" and _READ_EVEN_IGNORED.search(article, match.end(), end)):
            continue
        kept.append(article[pos:match.start()])
        pos = end
    kept.append(article[pos:])
    return b"".join(kept)


@functools.lru_cache(maxsize=64)
def _tags(name: bytes) -> re.Pattern[bytes]:
    """The opening and end tags of the element ``name``."""
    return re.compile(rb"<(/?)" + re.escape(name) + rb"\b", re.IGNORECASE)


def _end(html: bytes, name: bytes, start: int) -> int:
    """Where the end tag of the element ``name`` opened just before ``start`` ends; -1 if it has none."""
    depth = 1
    for match in _tags(name).finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            close = html.find(b">", match.end())
            return -1 if close < 0 else close + 1
    return -1


def page_twins(site: Path, patterns: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """``(path relative to the site, twin)`` of every page of ``site`` the glob ``patterns`` take, in path
    order: Pagefind numbers the pages in the order it is given them."""
    for rel in sorted({rel for pattern in patterns for rel in glob.iglob(pattern, root_dir=site, recursive=True)}):
        page = (site / rel).read_bytes()
        yield rel, _slice(page) or page
