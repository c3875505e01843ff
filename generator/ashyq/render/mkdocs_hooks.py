"""MkDocs hooks: plain-text titles, and pages ashyq rendered to HTML itself.

MkDocs takes a title from front matter or the navigation as plain text, but
from a page's first heading as HTML (entities kept). The theme escapes every
title it prints (``theme/partials``); a title taken from a heading is turned
into plain text here first, or ``"`` would show as ``&#34;``.

A docs file written by :func:`ashyq.render.htmlpage.docs_source` holds a page
whose article is HTML already: its Markdown step is skipped, and its title and
table of contents are the ones ashyq made, so the MkDocs engine shows exactly
the article the fast path shows, in MkDocs' own chrome.
"""

from __future__ import annotations

import html

from mkdocs.structure.toc import get_toc

from ashyq.render.htmlpage import read_docs_source


def on_page_markdown(markdown: str, page, **_kwargs) -> str:
    rendered = read_docs_source(markdown)
    if rendered is None:
        return markdown
    head, content = rendered
    page.meta.update(head.get("meta", {}))
    page.meta["title"] = head["title"]
    page.meta["ashyq_html"] = (content, head["toc"])
    return ""  # nothing for Python-Markdown to do


def on_page_content(content: str, page, **_kwargs) -> str:
    rendered = page.meta.pop("ashyq_html", None)
    if rendered is not None:
        content, tokens = rendered
        page.toc = get_toc(tokens)
        return content
    if "title" not in page.meta and page.title:
        page.meta["title"] = html.unescape(page.title)
    return content
