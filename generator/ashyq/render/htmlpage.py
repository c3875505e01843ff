"""Pages whose templates write HTML (``*.html.j2``): no Markdown round trip.

Record, section, member and council pages are most of a portal. Their templates write
the article's HTML directly; the only thing Markdown gave them for free, the
headings' ids, permalinks and the table of contents, is made here exactly as
Python-Markdown's ``toc`` extension makes it (same slugs, same de-duplication,
same permalink), so the page looks and links as a Markdown page does.

The fast path (:mod:`ashyq.render.fastpages`) pours a :class:`RenderedPage`
into its shell. The MkDocs engine writes it into the docs tree as a marked
file whose Markdown step is skipped (:func:`docs_source`,
``render/mkdocs_hooks.py``): both engines show the same article.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from .text import md

# The first line of a docs file holding a rendered HTML page (render/mkdocs_hooks.py reads it).
MARK = "<!--ashyq-html "
_TAGS = re.compile(r"<[^>]*>")


def is_html_template(name: str | None) -> bool:
    return bool(name and name.endswith(".html.j2"))


@dataclass
class RenderedPage:
    content: str  # the article's HTML
    title: str  # plain text
    toc: list[dict] = field(default_factory=list)  # nested tokens as the toc extension gives them


class Headings:
    """``h(level, text, id=None)`` in HTML templates: a heading with its id and permalink, kept for the TOC."""

    def __init__(self, permalink_title: str):
        self.permalink_title = permalink_title
        # Kept out of search titles and excerpts as the theme's partials/content.html does for Markdown pages
        # (whose replacement this order of attributes does not match a second time).
        self._permalink = f'class="headerlink" data-pagefind-ignore title="{escape(permalink_title)}">&para;</a>'
        self.title: str | None = None  # the first level-1 heading's plain text
        self._ids: set[str] = set()
        self._counters: dict[str, int] = {}
        self._tokens: list[dict] = []

    def __call__(self, level: int, text: object, id: str | None = None) -> Markup:
        inner = text if isinstance(text, Markup) else escape(text)
        name = str(inner)
        if "<" in name:
            name = _TAGS.sub("", name)  # the toc extension's `name`: inner HTML without tags
        if id is None:
            id = unique(_slug(name), self._ids, self._counters)
        else:
            self._ids.add(id)
        if level == 1 and self.title is None:
            self.title = html.unescape(name)
        self._tokens.append({"level": level, "id": id, "name": name})
        return Markup(f'<h{level} id="{id}">{inner}<a href="#{id}" {self._permalink}</h{level}>')

    def tokens(self) -> list[dict]:
        return nest_toc_tokens([dict(token) for token in self._tokens])


@lru_cache(maxsize=8192)  # pages repeat their headings («Шешімдер», «Қатысу»); the toc's slugify is 40 µs
def _slug(name: str) -> str:
    return slugify(html.unescape(name), "-")


def file_title(src_uri: str) -> str:
    """MkDocs' last resort: the file's name (the folder's, for an index)."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem in ("index", "README"):
        stem = posixpath.basename(posixpath.dirname(src_uri)) or stem
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def markdown_heading(level: int, text: object, id: str | None = None) -> Markup:
    """``h()`` for a Markdown template: a heading line with blank lines around it (the toc extension does the rest)."""
    return Markup(f"\n{'#' * level} {md(text)}{f' {{ #{id} }}' if id else ''}\n\n")


def page_of(content: str, headings: Headings, fallback_title: str) -> RenderedPage:
    """The page: one without a heading of its own gets the theme's fallback heading (partials/content.html)."""
    if headings.title is None:
        content = f"<h1>{escape(fallback_title)}</h1>\n{content}"
    return RenderedPage(content, headings.title or fallback_title, headings.tokens())


def docs_source(page: RenderedPage, meta: dict | None = None) -> str:
    """The page as a docs file for the MkDocs engine: a marker line with its title, TOC and front matter
    (``meta``: a council's page announces its feeds), then its HTML."""
    head = json.dumps({"title": page.title, "toc": page.toc, **({"meta": meta} if meta else {})},
                      ensure_ascii=False, sort_keys=True)
    # No "-->" can end the comment early, and no "<" can open anything inside it.
    head = head.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{MARK}{head} -->\n{page.content}"


def read_docs_source(text: str) -> tuple[dict, str] | None:
    """(title, TOC and front matter, HTML) of a docs file :func:`docs_source` wrote; ``None`` for any other file."""
    if not text.startswith(MARK):
        return None
    head, _, content = text.partition(" -->\n")
    return json.loads(head[len(MARK):]), content
