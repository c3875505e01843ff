"""The web editor's two pages in each language: the list of councils, and the editor of one council.

``admin/`` (Kazakh) and ``admin/ru/`` list the portal's councils by region and type, as the portal's
council index does: plain HTML, no script, so the list is read and followed with or without
JavaScript. Each council links to the edition's editor page, ``edit/?council=<slug>``, which loads
Decap and our scripts from ``admin/`` under a Content-Security-Policy of its own;
``ashyq-admin.js`` reads the council from the address and fills ``../config.yml`` in for it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:
    from .cms import EditorSite

EDITIONS = {"kk": "", "ru": "ru/"}  # language -> folder under admin/
EDITOR = "edit/"  # the editor page, under each edition's folder
SCRIPTS = ("ashyq-boot.js", "decap-cms.js", "ashyq-locale-kk.js", "ashyq-admin.js")


@dataclass(frozen=True)
class ListGroup:
    """A heading of the council list: the councils under it (slug, name) or its sub-groups."""

    title: str
    anchor: str
    groups: tuple[ListGroup, ...] = ()
    councils: tuple[tuple[str, str], ...] = ()

    @property
    def count(self) -> int:
        return len(self.councils) + sum(g.count for g in self.groups)


def _other(lang: str) -> str:
    return "ru" if lang == "kk" else "kk"


def _origin(url: str | None) -> str:
    m = re.match(r"^(https?://[^/]+)", url or "")
    return m.group(1) if m else ""


def _head(lang: str, csp: str, title: str, extra: str = "") -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
  <meta name="robots" content="noindex">
  <title>{html.escape(title)}</title>
{extra}</head>
"""


def _councils(councils: tuple[tuple[str, str], ...]) -> str:
    items = "".join(f'\n    <li><a href="{EDITOR}?council={html.escape(slug)}">{html.escape(name)}</a></li>'
                    for slug, name in councils)
    return f"  <ul class=\"ashyq-councils\">{items}\n  </ul>\n"


def list_html(site: EditorSite, lang: str) -> str:
    """The council list: one link per council to its editor, grouped by region and then type."""
    up = "../" * EDITIONS[lang].count("/")
    other = _other(lang)
    other_href = up + EDITIONS[other]
    csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'self'; form-action 'none'"
    head = _head(lang, csp, f"{t(lang, 'cms.title')}: {t(lang, 'cms.list-title')}",
                 f'  <link rel="stylesheet" href="{up}ashyq-list.css">\n'
                 f'  <link rel="alternate" hreflang="{other}" href="{other_href or "./"}">\n')
    groups = site.listing.get(lang, ())
    body = [f'<body>\n<p class="ashyq-lang"><a href="{other_href or "./"}" hreflang="{other}" lang="{other}">'
            f'{html.escape(t(other, "cms.switch"))}</a></p>\n<main>\n<h1>{html.escape(t(lang, "cms.title"))}</h1>\n'
            f'<p>{html.escape(t(lang, "cms.choose"))}</p>\n'
            f'<noscript><p>{html.escape(t(lang, "cms.needs-js"))}</p></noscript>\n']
    if not groups:
        body.append(_councils(tuple((c.slug, c.names[lang]) for c in site.councils)))
    if len(groups) > 1:  # a table of contents of the regions
        links = "".join(f'\n    <li><a href="#{html.escape(g.anchor)}">{html.escape(g.title)}</a> ({g.count})</li>'
                        for g in groups)
        body.append(f'<nav aria-labelledby="ashyq-regions">\n  <h2 id="ashyq-regions">'
                    f'{html.escape(t(lang, "nav.by-region"))}</h2>\n  <ul>{links}\n  </ul>\n</nav>\n')
    for g in groups:
        body.append(f'<section aria-labelledby="{html.escape(g.anchor)}">\n'
                    f'  <h2 id="{html.escape(g.anchor)}">{html.escape(g.title)} ({g.count})</h2>\n')
        for tg in g.groups:
            body.append(f'  <h3 id="{html.escape(tg.anchor)}">{html.escape(tg.title)}</h3>\n'
                        + _councils(tg.councils))
        if g.councils:
            body.append(_councils(g.councils))
        body.append("</section>\n")
    return head + "".join(body) + "</main>\n</body>\n</html>\n"


def editor_html(site: EditorSite, lang: str) -> str:
    """The editor of the council named in the address: Decap and our scripts from ``admin/``."""
    up = "../" * (EDITIONS[lang].count("/") + 1)
    connect = ["'self'", "https://api.github.com"] + ([_origin(site.auth_url)] if site.auth_url else [])
    # Decap compiles its configuration's JSON Schema validator (ajv) with new Function(): 'unsafe-eval'
    # is needed here and only here; emotion injects the editor's styles: 'unsafe-inline' for styles.
    csp = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data: blob: https://avatars.githubusercontent.com https://*.githubusercontent.com; "
           f"connect-src {' '.join(connect)}; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; "
           "form-action 'self'")
    other = _other(lang)
    metas = {"ashyq-config": "../config.yml", "ashyq-councils": "../",
             "ashyq-attachments": " ".join(site.allowed),
             "ashyq-file-refused": t(lang, "cms.file-refused", types=", ".join(site.allowed)),
             "ashyq-config-failed": t(lang, "cms.config-failed")}
    extra = "".join(f'  <meta name="{name}" content="{html.escape(value)}">\n' for name, value in metas.items())
    extra += "".join(f'  <script src="{up}{name}" defer></script>\n' for name in SCRIPTS)
    # The corner: back to the council list, and the other language (ashyq-admin.js adds the council and
    # the place in the editor to its address).
    corner = "position:fixed;right:0;bottom:0;margin:0;padding:6px 10px;background:#fff;z-index:999"
    links = (f'<a href="../">{html.escape(t(lang, "cms.councils"))}</a> · '
             f'<a class="ashyq-admin-lang" href="{up}{EDITIONS[other]}{EDITOR}" hreflang="{other}" lang="{other}">'
             f'{html.escape(t(other, "cms.switch"))}</a>')
    return (_head(lang, csp, t(lang, "cms.title"), extra)
            + f'<body>\n  <p class="ashyq-admin-links" style="{corner}">{links}</p>\n</body>\n</html>\n')
