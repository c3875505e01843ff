"""Files at the site root: the language redirect, one bilingual sitemap, robots.txt.

MkDocs writes a sitemap per edition with the build date as ``lastmod``;
we replace them with one sitemap whose entries carry ``hreflang``
alternates and no clock-dependent dates, so two builds are identical.
"""

from __future__ import annotations

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
# Each edition's name in its own language, for the root page's links.
LANGUAGE_NAMES = {"kk": "Қазақша", LATIN_DIR: LATIN_NAME, "ru": "Русский"}


def _pages(site: Path, lang: str) -> list[str]:
    root = site / lang
    paths = []
    for index in root.rglob("index.html"):
        rel = index.parent.relative_to(root).as_posix()
        if rel.startswith(("assets", "search")) or rel == "404":
            continue
        paths.append("" if rel == "." else rel + "/")
    return sorted(paths)


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
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in tags:
        for path in sorted(pages[lang]):
            lines.append(f"<url><loc>{escape(urls.absolute(base, lang + '/' + path))}</loc>")
            for other, tag in tags.items():
                if path in pages[other]:
                    lines.append(f'<xhtml:link rel="alternate" hreflang="{tag}" '
                                 f'href={quoteattr(urls.absolute(base, other + "/" + path))}/>')
            lines.append("</url>")
    lines.append("</urlset>")
    (site / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(base, 'sitemap.xml')}\n",
                                     encoding="utf-8")
