"""The Latin edition (``kk-latn/``): the Kazakh edition written in the 2021 Latin alphabet.

Off unless ``site_config.yml`` says ``latin_edition: true`` (and the portal
publishes Kazakh). The Kazakh edition is built as always; these two build
steps then derive ``<site>/kk-latn/`` from ``<site>/kk/``, file for file, so
every relative link of a page holds and the edition needs no templates of its
own:

* :func:`latin_pages` (main lane, before the search index, which indexes the
  edition on its own): every HTML page rewritten by
  :func:`ashyq.render.latinize.latin_html`; images, attachments, scripts and
  styles linked (a hard link, else a copy), never rewritten;
* :func:`latin_feeds` (side lane, after the feeds and calendars it reads):
  every Atom and RSS feed and iCalendar file, with its text transliterated and
  its addresses moved to the Latin edition.

A file whose Kazakh original the incremental build brought over unchanged
from the previous site (the same file, hard-linked) keeps its previous Latin
copy too. The language switcher, ``hreflang`` alternates, the root page and
the sitemap list the edition through :func:`latin_enabled`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.latinize import LATIN_DIR, SOURCE, Rewrite, latin_calendar, latin_enabled, latin_feed, latin_html
from .incremental import link_or_copy

if TYPE_CHECKING:
    from .build import Build

FEED_SUFFIXES = (".xml", ".ics")  # written by the side lane: latin_feeds reads them once they are complete
SKIPPED = frozenset({"sitemap.xml", "sitemap.xml.gz"})  # MkDocs' own, replaced by the root sitemap


def _files(root: Path) -> Iterator[str]:
    """Every regular file under ``root`` as a relative POSIX path, in a fixed order, never through a link."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix()


def _reused(build: Build, rel: str) -> bool:
    """Bring the Latin copy over from the previous site when the Kazakh original is that site's very file."""
    if build.old is None:
        return False
    old_source, old_copy = build.old / SOURCE / rel, build.old / LATIN_DIR / rel
    try:
        same = os.path.samefile(old_source, build.site / SOURCE / rel)
    except OSError:
        return False
    if not same or not old_copy.is_file() or old_copy.is_symlink():
        return False
    link_or_copy(old_copy, build.site / LATIN_DIR / rel)
    return True


def _rewrite(src: Path, dest: Path, fn: Callable[[str, Rewrite], str], rw: Rewrite) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    # newline="": a calendar's CRLF line ends are part of its format
    with src.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    with dest.open("w", encoding="utf-8", newline="") as fh:
        fh.write(fn(text, rw))


def _sources(build: Build, feeds: bool) -> Iterator[tuple[str, Path, Path, Rewrite]]:
    """``(path, kk folder, Latin folder, rewrite)`` of the Kazakh edition's feeds and calendars, or of the rest."""
    if not latin_enabled(build.ctx):
        return
    source, target = build.site / SOURCE, build.site / LATIN_DIR
    rw = Rewrite(build.ctx.portal.config.site_url())
    for rel in _files(source):
        if rel.endswith(FEED_SUFFIXES) == feeds and rel.rsplit("/", 1)[-1] not in SKIPPED:
            yield rel, source, target, rw


def latin_pages(build: Build) -> None:
    """The Latin edition's pages and static files, from the Kazakh edition's."""
    for rel, source, target, rw in _sources(build, feeds=False):
        if rel.endswith(".html"):
            build.stats.pages += 1
            if not _reused(build, rel):
                _rewrite(source / rel, target / rel, latin_html, rw)
        else:
            link_or_copy(source / rel, target / rel)


def latin_feeds(build: Build) -> None:
    """The Latin edition's feeds and calendars, from the Kazakh edition's."""
    for rel, source, target, rw in _sources(build, feeds=True):
        if not _reused(build, rel):
            _rewrite(source / rel, target / rel, latin_calendar if rel.endswith(".ics") else latin_feed, rw)
