"""MkDocs hook: every page title is plain text, so the theme can escape each one exactly once.

MkDocs takes a title from front matter or the navigation as plain text, but
from a page's first heading as HTML (entities kept). The theme escapes every
title it prints (``theme/partials``); a title taken from a heading is turned
into plain text here first, or ``"`` would show as ``&#34;``.
"""

from __future__ import annotations

import html


def on_page_content(content: str, page, **_kwargs) -> str:
    if "title" not in page.meta and page.title:
        page.meta["title"] = html.unescape(page.title)
    return content
