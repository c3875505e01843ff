"""What Pagefind reads of a page: its article, not the chrome around it.

Only the ``data-pagefind-body`` article is indexed, but Pagefind parses the
whole page to find it, and a page is mostly chrome (header, tabs, two
navigations, footer, scripts): a third of Pagefind's time went on it,
measured. When a shard is indexed, each of its pages is handed over as a
twin, under the page's own URL: the page's
``<html>`` tag (its ``lang``), its ``<title>`` and its article, cut out as
bytes, without the elements marked ``data-pagefind-ignore`` (the headings'
permalinks, a record's revision history), which Pagefind would parse only to skip. A page without the marker is
left out when another has it (Pagefind would leave it out), else given whole, so Pagefind treats it as it would
the page itself. The index is the
same, byte for byte (``tests/test_search_shards.py``). The twins are handed to Pagefind down a
pipe (:mod:`.pagefind_service`), never written to disk.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

MARKER = b" data-pagefind-body"
# An element Pagefind skips: bare ``data-pagefind-ignore`` (as "index") or ``="index"`` / ``="all"``, as an
# attribute of its own, never words inside another attribute's value (which may be a record's text).
# Each other attribute is an atomic group: a name or value cut shorter could never be followed by what the
# pattern needs next (a space, or the end of the tag), so trying it is only backtracking; without it, scanning
# the tags of a long table took twice as long.
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
    pos = at = 0
    # The search goes on after an element left out, not inside it (a revision history may be long).
    while (match := _IGNORED.search(article, at)) is not None:
        at = match.end()
        name = match.group(1).lower()
        if name in _VOID:
            continue  # nothing to leave out
        end = _end(article, name, match.end())
        if end < 0 or (match.group(2) != b"all" and _READ_EVEN_IGNORED.search(article, match.end(), end)):
            continue
        kept.append(article[pos:match.start()])
        pos = at = end
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


def folders(globs: Iterable[str]) -> re.Pattern[str]:
    """One pattern for folders given as globs relative to an edition (``councils/*/members/*``), each ``*``
    one name."""
    parts = ["/".join("[^/]*".join(re.escape(p) for p in seg.split("*")) for seg in g.split("/")) for g in globs]
    return re.compile("|".join(f"(?:{p})" for p in parts) or r"(?!)")


NOTHING = folders(())


def page_twins(site: Path, patterns: tuple[str, ...], skip: re.Pattern[str] = NOTHING
               ) -> Iterator[tuple[str, bytes]]:
    """``(path relative to the site, twin)`` of every page of ``site`` the ``patterns`` take, in path order
    (Pagefind numbers the pages in the order it is given them), but those in the folders ``skip`` matches
    (:func:`folders`)."""
    whole: list[str] = []  # pages without the marker
    marked = False
    for rel in sorted({rel for pattern in patterns for rel in pages(site, pattern, skip)}):
        with open(os.path.join(site, rel), "rb") as file:
            twin = _slice(file.read())
        if twin is None:
            whole.append(rel)
        else:
            marked = True
            yield rel, twin
    # Once one page has the marker, Pagefind leaves out every page without it (the same index, byte for byte,
    # tested): handed whole, the portal's lists (calendar months, councils, compliance: 27 MB an edition at
    # national size) cost it 2-3 s of parsing in each warm build. With no marker at all, every page is given.
    if not marked:
        for rel in whole:
            with open(os.path.join(site, rel), "rb") as file:
                yield rel, file.read()


def pages(site: Path | str, pattern: str, skip: re.Pattern[str] = NOTHING) -> Iterator[str]:
    """The pages (files, relative to ``site``) the glob ``pattern`` takes, for the two forms a shard's patterns
    have: ``<folder>/*.html`` and ``<folder>/**/*.html``. Names starting with a dot are left out, as glob
    leaves them out, and so are the folders ``skip`` matches (relative to the edition: the path's first name).

    One walk of the folder, by directory entries: ``glob`` lists every folder twice for ``**/*.html`` (once
    to descend, once to match), 5 s of a 200-council build's search step.
    """
    recursive = pattern.endswith("/**/*.html")
    base = pattern[:-len("/**/*.html")] if recursive else pattern[:-len("/*.html")]
    if pattern != base + ("/**/*.html" if recursive else "/*.html") or any(c in base for c in "*?["):
        raise ValueError(f"not a shard's pattern: {pattern!r}")
    root = os.path.join(site, base)
    start = len(os.path.join(site, ""))
    for folder, dirs, files in os.walk(root):
        rel = folder[start:]
        yield from (f"{rel}/{name}" for name in files if name.endswith(".html") and name[0] != ".")
        if not recursive:
            return
        edition = rel.partition("/")[2]
        dirs[:] = [name for name in dirs
                   if name[0] != "." and not skip.fullmatch(f"{edition}/{name}" if edition else name)]
