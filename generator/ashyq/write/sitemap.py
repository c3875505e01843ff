"""Files at the site root: the language redirect, one bilingual sitemap, robots.txt.

MkDocs writes a sitemap per edition with the build date as ``lastmod``;
we replace them with one sitemap whose entries carry ``hreflang``
alternates and no clock-dependent dates, so two builds are identical.
Past 50,000 pages (the protocol's limit for one file) it becomes a sitemap
index of numbered parts.

They follow from the site's fingerprint (the configuration: address, title,
editions) and the list of pages alone, so a warm build whose pages are the
previous build's links the previous root files (:func:`root_digest`): writing
the sitemap of a national portal (182,874 pages) took 1.3-1.6 s of each build.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..render import urls
from ..render.context import SiteContext
from ..render.files import write_file
from ..render.latinize import LATIN_DIR, LATIN_NAME, SOURCE, editions

REDIRECT = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={lang}/">
<link rel="canonical" href={href}>
{alternates}
</head>
<body>
<p>{links}</p>
</body>
</html>
"""
# The sitemaps.org protocol: at most 50,000 URLs (and 50 MB) in one sitemap file; a national portal has more.
SITEMAP_LIMIT = 50_000
_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
# Each edition's name in its own language, for the root page's links.
LANGUAGE_NAMES = {"kk": "Қазақша", LATIN_DIR: LATIN_NAME, "ru": "Русский"}


def root_digest(site: str, dest_uris: Mapping[str, Iterable[str]]) -> str:
    """What the root files are made from: the site's fingerprint and each edition's output files, in the
    order the build registered them (a fixed order, given the same inputs)."""
    h = hashlib.sha256(f"{site}\0".encode())
    for lang, dests in dest_uris.items():
        h.update(f"\0{lang}\0".encode() + "\0".join(dests).encode())
    return h.hexdigest()


def root_file_names(site: Path) -> list[str]:
    """The root files a build wrote into ``site``: the root page, ``robots.txt`` and the sitemaps."""
    names = [name for name in ("index.html", "robots.txt") if (site / name).is_file()]
    return names + sorted(p.name for p in site.glob("sitemap*.xml") if p.is_file() and not p.is_symlink())


def page_folders(dest_uris: Iterable[str]) -> list[str]:
    """The edition's pages the sitemap lists: the folders of its ``index.html`` pages, from the pages the build
    registered (a walk of the written site read every folder of it again: a second per 10,000 pages)."""
    paths = set()
    for dest in dest_uris:
        if dest != "index.html" and not dest.endswith("/index.html"):
            continue
        rel = dest[:-len("index.html")]
        if not rel.startswith(("assets", "search")) and rel != "404/":
            paths.add(rel)
    return sorted(paths)


def write_sitemaps(site: Path, base: str, entries: list[str]) -> None:
    """``sitemap.xml``: the entries themselves, or, past :data:`SITEMAP_LIMIT` of them, an index of
    ``sitemap-1.xml``, ``sitemap-2.xml``, … each holding at most that many (what the protocol allows one file)."""
    def urlset(part: list[str]) -> str:
        return "\n".join([_XML, _URLSET, *part, "</urlset>"]) + "\n"

    if len(entries) <= SITEMAP_LIMIT:
        _put(site / "sitemap.xml", urlset(entries))
        return
    names = []
    for number, start in enumerate(range(0, len(entries), SITEMAP_LIMIT), 1):
        names.append(f"sitemap-{number}.xml")
        _put(site / names[-1], urlset(entries[start:start + SITEMAP_LIMIT]))
    index = [f"<sitemap><loc>{escape(urls.absolute(base, name))}</loc></sitemap>" for name in names]
    _put(site / "sitemap.xml",
         "\n".join([_XML, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', *index,
                    "</sitemapindex>"]) + "\n")


_ATTR = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _attr(text: str) -> str:
    """Text for an XML element or a double-quoted attribute alike."""
    return escape(text, _ATTR)


def drop_edition_sitemaps(ctx: SiteContext, site: Path) -> None:
    """MkDocs' own sitemap of each edition, which the root's replaces."""
    for lang in ctx.langs:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / lang / name).unlink(missing_ok=True)


def write_root_files(ctx: SiteContext, site: Path, folders: dict[str, list[str]]) -> None:
    """The root page, ``robots.txt``, and the sitemap of ``folders`` (language -> :func:`page_folders`)."""
    base = ctx.base_url
    tags = dict(editions(ctx))
    alternates = "\n".join(f'<link rel="alternate" hreflang="{tag}" href={quoteattr(urls.absolute(base, lang + "/"))}>'
                           for lang, tag in tags.items())
    # The root sends readers to the first published edition and links only editions that exist.
    first = ctx.langs[0]
    links = " · ".join(f'<a href="{lang}/" hreflang="{tag}" lang="{tag}">{LANGUAGE_NAMES.get(lang, lang)}</a>'
                       for lang, tag in tags.items())
    _put(site / "index.html", REDIRECT.format(lang=first, links=links, title=escape(ctx.portal.config.title.get(first)),
                                              href=quoteattr(urls.absolute(base, first + "/")), alternates=alternates))
    pages = {lang: set(folders[lang]) for lang in ctx.langs}
    if LATIN_DIR in tags:  # written after the root files, page for page from the Kazakh edition
        pages[LATIN_DIR] = pages[SOURCE]
    # Each address escaped once, for its own entry and the other editions' (182,000 pages: 0.5 s saved).
    written = {lang: {path: _attr(urls.absolute(base, f"{lang}/{path}")) for path in pages[lang]} for lang in tags}
    entries = []
    for lang in tags:
        for path in sorted(pages[lang]):
            entry = [f"<url><loc>{written[lang][path]}</loc>"]
            for other, tag in tags.items():
                if path in pages[other]:
                    entry.append(f'<xhtml:link rel="alternate" hreflang="{tag}" href="{written[other][path]}"/>')
            entry.append("</url>")
            entries.append("\n".join(entry))
    write_sitemaps(site, base, entries)
    _put(site / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(base, 'sitemap.xml')}\n")


def _put(path: Path, text: str) -> None:
    """One root file, written anew (the live site's, linked, when the same: render/unchanged.py)."""
    write_file(os.fspath(path), text.encode("utf-8"))
