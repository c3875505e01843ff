"""What Pagefind reads of a page: its article, not the chrome around it.

Only the ``data-pagefind-body`` article is indexed, but Pagefind parses the
whole page to find it, and a page is mostly chrome (header, tabs, two
navigations, footer, scripts): a third of Pagefind's time went on it,
measured. When a shard is indexed, each of its pages is handed over as a
twin, under the page's own URL: the page's
``<html>`` tag (its ``lang``), its ``<title>`` and its article, cut out as
bytes. A page without the marker is given whole, so Pagefind treats it as it
would the page itself. The index is the same, byte for byte
(``tests/test_search_shards.py``). The twins are handed to Pagefind down a
pipe (:mod:`.pagefind_service`), never written to disk.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator
from pathlib import Path

MARKER = b" data-pagefind-body"
_ARTICLE = re.compile(rb"<(/?)article\b")


def _slice(page: bytes) -> bytes | None:
    """The page reduced to its ``<html>`` tag, title and indexed article; None when it has no marker."""
    at = page.find(MARKER)
    if at < 0:
        return None
    start = page.rfind(b"<article", 0, at)
    depth, end = 0, -1
    for match in _ARTICLE.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = page.find(b">", match.end()) + 1
            break
    html_at = page.find(b"<html")
    title_at, title_end = page.find(b"<title>"), page.find(b"</title>")
    if start < 0 or end <= 0 or html_at < 0:
        return None  # not a page the theme made: let Pagefind read all of it
    title = page[title_at:title_end + len(b"</title>")] if 0 <= title_at < title_end else b""
    return (b"<!doctype html>\n" + page[html_at:page.find(b">", html_at) + 1] + b'<head><meta charset="utf-8">'
            + title + b"</head><body>" + page[start:end] + b"</body></html>\n")


def page_twins(site: Path, patterns: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """``(path relative to the site, twin)`` of every page of ``site`` the glob ``patterns`` take, in path
    order: Pagefind numbers the pages in the order it is given them."""
    for rel in sorted({rel for pattern in patterns for rel in glob.iglob(pattern, root_dir=site, recursive=True)}):
        page = (site / rel).read_bytes()
        yield rel, _slice(page) or page
