"""Files at the site root: the language redirect, one bilingual sitemap, robots.txt.

MkDocs writes a sitemap per edition with the build date as ``lastmod``;
we replace them with one sitemap whose entries carry ``hreflang``
alternates and no clock-dependent dates, so two builds are identical.
Past 50,000 pages (the protocol's limit for one file) it becomes a sitemap
index of numbered parts.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..render import urls
from ..render.context import SiteContext
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


def _pages(site: Path, lang: str) -> list[str]:
    """The edition's pages: its folders holding an ``index.html`` (os.walk reads each folder's entries once,
    where a recursive glob of 100,000 pages made a path object for every file)."""
    root = site / lang
    paths = []
    for folder, dirs, files in os.walk(root):
        if "index.html" not in files:
            continue
        rel = Path(folder).relative_to(root).as_posix()
        if rel.startswith(("assets", "search")) or rel == "404":
            continue
        paths.append("" if rel == "." else rel + "/")
    return sorted(paths)


def write_sitemaps(site: Path, base: str, entries: list[str]) -> None:
    """``sitemap.xml``: the entries themselves, or, past :data:`SITEMAP_LIMIT` of them, an index of
    ``sitemap-1.xml``, ``sitemap-2.xml``, … each holding at most that many (what the protocol allows one file)."""
    def urlset(part: list[str]) -> str:
        return "\n".join([_XML, _URLSET, *part, "</urlset>"]) + "\n"

    if len(entries) <= SITEMAP_LIMIT:
        (site / "sitemap.xml").write_text(urlset(entries), encoding="utf-8")
        return
    names = []
    for number, start in enumerate(range(0, len(entries), SITEMAP_LIMIT), 1):
        names.append(f"sitemap-{number}.xml")
        (site / names[-1]).write_text(urlset(entries[start:start + SITEMAP_LIMIT]), encoding="utf-8")
    index = [f"<sitemap><loc>{escape(urls.absolute(base, name))}</loc></sitemap>" for name in names]
    (site / "sitemap.xml").write_text(
        "\n".join([_XML, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', *index,
                   "</sitemapindex>"]) + "\n", encoding="utf-8")


def write_root_files(ctx: SiteContext, site: Path) -> None:
    base = ctx.base_url
    tags = dict(editions(ctx))
    alternates = "\n".join(f'<link rel="alternate" hreflang="{tag}" href={quoteattr(urls.absolute(base, lang + "/"))}>'
                           for lang, tag in tags.items())
    # The root sends readers to the first published edition and links only editions that exist.
    first = ctx.langs[0]
    links = " · ".join(f'<a href="{lang}/" hreflang="{tag}" lang="{tag}">{LANGUAGE_NAMES.get(lang, lang)}</a>'
                       for lang, tag in tags.items())
    (site / "index.html").write_text(REDIRECT.format(lang=first, links=links,
                                                     title=escape(ctx.portal.config.title.get(first)),
                                                     href=quoteattr(urls.absolute(base, first + "/")),
                                                     alternates=alternates), encoding="utf-8")
    for lang in ctx.langs:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / lang / name).unlink(missing_ok=True)
    pages = {lang: set(_pages(site, lang)) for lang in ctx.langs}
    if LATIN_DIR in tags:  # written after the root files, page for page from the Kazakh edition
        pages[LATIN_DIR] = pages[SOURCE]
    entries = []
    for lang in tags:
        for path in sorted(pages[lang]):
            entry = [f"<url><loc>{escape(urls.absolute(base, lang + '/' + path))}</loc>"]
            for other, tag in tags.items():
                if path in pages[other]:
                    entry.append(f'<xhtml:link rel="alternate" hreflang="{tag}" '
                                 f'href={quoteattr(urls.absolute(base, other + "/" + path))}/>')
            entry.append("</url>")
            entries.append("\n".join(entry))
    write_sitemaps(site, base, entries)
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(base, 'sitemap.xml')}\n",
                                     encoding="utf-8")
