"""Material's page chrome rendered once per distinct chrome, then filled per page.

A record or section page differs from its neighbours only in its title, its
URL (canonical, hreflang, language switcher), its table of contents and its
article; a council's page also in its feeds' ``<link>``s. MkDocs renders one
placeholder page (a *shell*) per chrome key with the real theme, and each page
is a string fill of its shell. The key is the language, the page kind (which
fixes the depth, hence every relative link) and, while councils are listed in
the menu, the council (links to it are shorter). A council's own page goes
through MkDocs while the menu lists it (it is the menu's active item there).

The portal's generated pages are fast pages too: a calendar month and a state body's page share one shell
each, and a page of the menu (home, councils, calendar, overdue, compliance, bodies) has a shell of its own,
written where the page itself goes, so MkDocs renders the menu with that page active around a placeholder.
The menu then holds the page's table of contents as well (Material's ``nav-item.html``): a second slot.
So an edit to a record, which changes a calendar month or a list, leaves MkDocs' docs tree as it was, and
a warm build does not run MkDocs (:mod:`ashyq.write.mkdocs_kept`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .htmlpage import RenderedPage, docs_source, is_html_template
from .sitepages import NAV_COUNCILS_LIMIT, PORTAL_TEMPLATES, SitePage, SitePages, mkdocs_url_of, unsearched

FAST_KINDS = ("record", "section", "member", "council")  # pages outside the menu, one chrome per kind and place
SHELL = "ashyq-shell"
LIST = "ashyq-list"  # the shell of a council's sections kept out of the search index, beside the others'
EXCLUDED = "---\nsearch:\n  exclude: true\n---\n\n"  # the front matter that keeps a page out of the index
# the portal's shells shared by many pages: a month's, a state body's, a region's part of the compliance overview,
# a region's part of a month (a level deeper)
MONTH, BODY, REGION, MONTH_PART = "calendar-month", "body", "compliance-region", "calendar-part"
_SHARED = {MONTH: "calendar", BODY: "bodies", REGION: "compliance",  # -> the folder their shell is put in
           MONTH_PART: f"calendar/{SHELL}"}
TITLE, TOC, CONTENT = "ASHYQSHELLTITLE", "ASHYQSHELLTOC", "ASHYQSHELLCONTENT"
_FEED_MARK = "ASHYQSHELLFEED"
FEED, FEED_TITLE = f"https://ashyq.invalid/{_FEED_MARK}", f"{_FEED_MARK}TITLE"
SHELL_MARKDOWN = f"# {TITLE}\n\n## {TOC}\n\n{CONTENT}\n"
# A council's page announces its own feeds in the head (render/pages.py: ``Renderer.meta``): its shell has a
# placeholder feed where they go.
SHELL_FEEDS = f"---\nfeeds:\n- href: {FEED}\n  title: {FEED_TITLE}\n  type: application/atom+xml\n---\n\n"
_TOKENS = re.compile("\x00([HUTCSFLN])")
# A page of the menu: Material's nav-item.html gives its active item a label that opens the page's table of
# contents, then the table itself, both only when the page has headings below its title.
_MENU_LABEL = '<label class="md-nav__link md-nav__link--active" for="__toc">'
_SECONDARY = '<nav class="md-nav md-nav--secondary"'


def is_fast(page: SitePage) -> bool:
    return page.kind == "portal" or (page.kind in FAST_KINDS and page.council is not None and not page.in_menu)


def mkdocs_url(page_or_dest: SitePage | str) -> str:
    """The page's URL inside its edition as MkDocs has it (``File.url``): ``./`` for the home page."""
    return mkdocs_url_of(page_or_dest) if isinstance(page_or_dest, str) else page_or_dest.mkdocs_url


def councils_listed(pages: SitePages) -> bool:
    """Whether the menu lists the councils (render/sitepages.py: ``navigation``)."""
    return len(pages.of_kind("council")) <= NAV_COUNCILS_LIMIT


def shell_key(page: SitePage, listed: bool) -> tuple[str, str]:
    """(kind, council slug or ``*``): the council matters only while the menu lists the councils. A portal
    page's: ("portal", its name), or the shell its kind shares (:data:`MONTH`, :data:`BODY`); a council's
    section kept out of the search index: ("list", …)."""
    if page.kind == "portal":
        name = page.name or ""
        return "portal", (BODY if "/" in name else name)  # a month's and a region's name is their shell's
    assert page.council is not None
    kind = "record" if page.kind == "member" else page.kind  # a member's page sits at a record's depth
    if unsearched(page.kind, page.name):  # its article has no search marker: a chrome of its own
        kind = "list"
    return kind, page.council.slug if listed else "*"


def shell_src(key: tuple[str, str]) -> str:
    """The docs path of a shell: at the depth of the pages it serves, in the same council folder."""
    kind, slug = key
    if kind == "portal":
        if slug in _SHARED:
            return f"{_SHARED[slug]}/{SHELL}/index.md"
        return "index.md" if slug == "home" else f"{slug}/index.md"  # where the page itself goes
    folder = f"councils/{slug if slug != '*' else SHELL}"
    if kind == "council":
        return f"{folder}/index.md"
    if kind == "list":
        return f"{folder}/{LIST}.md"
    return f"{folder}/{SHELL}/{SHELL}.md" if kind == "record" else f"{folder}/{SHELL}.md"


def shell_markdown(key: tuple[str, str]) -> str:
    """A shell's docs file. A portal page's is made as the page's own is (render/pages.py: ``Renderer.render``,
    ``meta``): the lists are kept out of the search index, a state body's page announces its feeds, and a
    page of the menu from an HTML template is marked as one: MkDocs titles such a page from its marker, not
    from the menu (render/mkdocs_hooks.py)."""
    kind, name = key
    if kind != "portal":
        return {"council": SHELL_FEEDS, "list": EXCLUDED}.get(kind, "") + SHELL_MARKDOWN
    meta = {"search": {"exclude": True}} if unsearched(kind, name) else {}
    if name == BODY:
        return SHELL_FEEDS + SHELL_MARKDOWN
    if name in (MONTH, MONTH_PART) or (name in PORTAL_TEMPLATES and is_html_template(PORTAL_TEMPLATES[name])):
        toc = [{"level": 1, "id": TITLE.lower(), "name": TITLE, "children": [
            {"level": 2, "id": TOC.lower(), "name": TOC, "children": []}]}]
        content = (f'<h1 id="{TITLE.lower()}">{TITLE}</h1>\n<h2 id="{TOC.lower()}">{TOC}</h2>\n'
                   f"<p>{CONTENT}</p>\n")
        return docs_source(RenderedPage(content, TITLE, toc), meta)
    return (EXCLUDED if meta else "") + SHELL_MARKDOWN


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
    menu_label: str = ""  # a page of the menu: its active item's label that opens its table of contents

    @classmethod
    def parse(cls, html: str, url: str) -> Shell:
        start = html.index(f'<h1 id="{TITLE.lower()}">')
        end = html.index(f"<p>{CONTENT}</p>", start) + len(f"<p>{CONTENT}</p>")
        html = html[:start] + "\x00C" + html[end:]
        menu_label = ""
        if _MENU_LABEL in html:  # the table of contents in the menu (see _MENU_LABEL), before the sidebar's
            at = html.index(_MENU_LABEL)
            label_end = html.index("</label>", at) + len("</label>")
            menu_label, html = html[at:label_end], html[:at] + "\x00L" + html[label_end:]
            nav = html.index(_SECONDARY, at)
            html = html[:nav] + "\x00N" + html[html.index("</nav>", nav) + len("</nav>"):]
        nav = html.index(_SECONDARY)
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
        if SHELL in html or LIST in html or TOC in html or CONTENT in html or _FEED_MARK in html:
            raise ValueError("a page-specific value of the shell was not found in its slots")
        return cls(tuple(_TOKENS.split(html)), block[:block.index(">") + 1], label, skip, feed, menu_label)

    def fill(self, title: str, url: str, toc: list[dict], content: str, feeds: list[dict] = ()) -> str:
        skip = self.skip.replace("\x00", toc[0]["id"]) if toc else ""  # only a page with headings has one
        contents = self.toc(toc)
        below = bool(toc[0]["children"] if toc and toc[0]["level"] == 1 else toc)  # headings below the title
        values = {"H": str(escape(title)), "U": url, "T": contents, "C": content, "S": skip,
                  "F": self.feed.join(_feed_link(feed) for feed in feeds),
                  "L": self.menu_label if below else "", "N": contents if below else ""}
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
