"""Material's page chrome rendered once per distinct chrome, then filled per page.

A record or section page differs from its neighbours only in its title, its
URL (canonical, hreflang, language switcher), its table of contents and its
article; a council's page also in its feeds' ``<link>``s. MkDocs renders one
placeholder page (a *shell*) per chrome key with the real theme, and each page
is a string fill of its shell. The key is the language, the page kind (which
fixes the depth, hence every relative link) and, while councils are listed in
the menu, the council (links to it are shorter). A council's own page goes
through MkDocs while the menu lists it (it is the menu's active item there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .sitepages import NAV_COUNCILS_LIMIT, SitePage, SitePages, mkdocs_url_of

FAST_KINDS = ("record", "section", "member", "council")  # pages outside the menu, one chrome per kind and place
SHELL = "ashyq-shell"
TITLE, TOC, CONTENT = "ASHYQSHELLTITLE", "ASHYQSHELLTOC", "ASHYQSHELLCONTENT"
_FEED_MARK = "ASHYQSHELLFEED"
FEED, FEED_TITLE = f"https://ashyq.invalid/{_FEED_MARK}", f"{_FEED_MARK}TITLE"
SHELL_MARKDOWN = f"# {TITLE}\n\n## {TOC}\n\n{CONTENT}\n"
# A council's page announces its own feeds in the head (render/pages.py: ``Renderer.meta``): its shell has a
# placeholder feed where they go.
SHELL_FEEDS = f"---\nfeeds:\n- href: {FEED}\n  title: {FEED_TITLE}\n  type: application/atom+xml\n---\n\n"
_TOKENS = re.compile("\x00([HUTCSF])")


def is_fast(page: SitePage) -> bool:
    return page.kind in FAST_KINDS and page.council is not None and not page.in_menu


def mkdocs_url(page_or_dest: SitePage | str) -> str:
    """The page's URL inside its edition as MkDocs has it (``File.url``): ``./`` for the home page."""
    return mkdocs_url_of(page_or_dest) if isinstance(page_or_dest, str) else page_or_dest.mkdocs_url


def councils_listed(pages: SitePages) -> bool:
    """Whether the menu lists the councils (render/sitepages.py: ``navigation``)."""
    return len(pages.of_kind("council")) <= NAV_COUNCILS_LIMIT


def shell_key(page: SitePage, listed: bool) -> tuple[str, str]:
    """(kind, council slug or ``*``): the council matters only while the menu lists the councils."""
    assert page.council is not None
    kind = "record" if page.kind == "member" else page.kind  # a member's page sits at a record's depth
    return kind, page.council.slug if listed else "*"


def shell_src(key: tuple[str, str]) -> str:
    """The docs path of a shell: at the depth of the pages it serves, in the same council folder."""
    kind, slug = key
    folder = f"councils/{slug if slug != '*' else SHELL}"
    if kind == "council":
        return f"{folder}/index.md"
    return f"{folder}/{SHELL}/{SHELL}.md" if kind == "record" else f"{folder}/{SHELL}.md"


def shell_markdown(key: tuple[str, str]) -> str:
    return (SHELL_FEEDS if key[0] == "council" else "") + SHELL_MARKDOWN


def shell_keys(pages: SitePages) -> list[tuple[str, str]]:
    listed = councils_listed(pages)
    return sorted({shell_key(page, listed) for page in pages if is_fast(page)})


@dataclass(frozen=True)
class Shell:
    """A rendered placeholder page cut into literal parts around the page-specific slots."""

    parts: tuple[str, ...]  # literal, slot letter, literal, slot letter, …, literal
    toc_open: str  # `<nav class="md-nav md-nav--secondary" aria-label="…">`
    toc_label: str  # the TOC's `<label …>…</label>`
    skip: str  # Material's skip link to the first heading, with `\x00` where its id goes
    feed: str = ""  # what stands between two feed `<link>`s (main.html), when the shell has a slot for them

    @classmethod
    def parse(cls, html: str, url: str) -> Shell:
        start = html.index(f'<h1 id="{TITLE.lower()}">')
        end = html.index(f"<p>{CONTENT}</p>", start) + len(f"<p>{CONTENT}</p>")
        html = html[:start] + "\x00C" + html[end:]
        nav = html.index('<nav class="md-nav md-nav--secondary"')
        nav_end = html.index("</nav>", nav) + len("</nav>")
        block = html[nav:nav_end]
        label = block[block.index("<label"):block.index("</label>") + len("</label>")]
        html = html[:nav] + "\x00T" + html[nav_end:]
        skip_at = html.index(f'<a href="#{TITLE.lower()}" class="md-skip">')
        skip_end = html.index("</a>", skip_at) + len("</a>")
        skip = html[skip_at:skip_end].replace(f"#{TITLE.lower()}", "#\x00")
        html = html[:skip_at] + "\x00S" + html[skip_end:]
        feed = ""
        if FEED_TITLE in html:  # the placeholder feed: its `<link>`, and the indent before it, which repeats
            at = html.index(f'title="{FEED_TITLE}"')
            start, end = html.rindex("<link", 0, at), html.index(">", at) + 1
            feed = "\n" + html[html.rindex("\n", 0, start) + 1:start]
            html = html[:start] + "\x00F" + html[end:]
        html = html.replace(TITLE, "\x00H").replace(url, "\x00U")
        if SHELL in html or TOC in html or CONTENT in html or _FEED_MARK in html:
            raise ValueError("a page-specific value of the shell was not found in its slots")
        return cls(tuple(_TOKENS.split(html)), block[:block.index(">") + 1], label, skip, feed)

    def fill(self, title: str, url: str, toc: list[dict], content: str, feeds: list[dict] = ()) -> str:
        skip = self.skip.replace("\x00", toc[0]["id"]) if toc else ""  # only a page with headings has one
        values = {"H": str(escape(title)), "U": url, "T": self.toc(toc), "C": content, "S": skip,
                  "F": self.feed.join(_feed_link(feed) for feed in feeds)}
        return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(self.parts))

    def toc(self, tokens: list[dict]) -> str:
        """Material's ``partials/toc.html`` over the toc extension's tokens."""
        if tokens and tokens[0]["level"] == 1:
            tokens = tokens[0]["children"]
        if not tokens:
            return self.toc_open + "\n</nav>"
        items = "".join(_toc_item(token) for token in tokens)
        return (f'{self.toc_open}\n{self.toc_label}\n<ul class="md-nav__list" data-md-component="toc" '
                f'data-md-scrollfix>\n{items}</ul>\n</nav>')


def _feed_link(feed: dict) -> str:
    """``main.html``'s autodiscovery ``<link>`` of one feed; its href is absolute (``SiteContext.url``)."""
    assert feed["href"].startswith(("https://", "http://")), feed["href"]
    return (f'<link rel="alternate" type="{escape(feed.get("type") or "application/rss+xml")}" '
            f'title="{escape(feed["title"])}" href="{escape(feed["href"])}">')


def _toc_item(token: dict) -> str:
    """``partials/toc-item.html``: a heading's name is HTML already (the toc extension's ``name``)."""
    children = ""
    if token["children"]:
        label = escape(Markup(token["name"]).striptags())
        inner = "".join(_toc_item(child) for child in token["children"])
        children = f'\n<nav class="md-nav" aria-label="{label}">\n<ul class="md-nav__list">\n{inner}</ul>\n</nav>'
    return (f'<li class="md-nav__item">\n<a href="#{token["id"]}" class="md-nav__link">\n'
            f'<span class="md-ellipsis">\n{token["name"]}\n</span>\n</a>{children}\n</li>\n')
