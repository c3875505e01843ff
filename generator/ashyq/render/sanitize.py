"""A record's Markdown body as safe HTML: rendered here, cleaned by an allow-list, embedded raw.

MkDocs never reads a record's own Markdown: extensions it runs for the
hand-written pages (``attr_list``, ``md_in_html``) would let a body add event
handlers. Here a body is rendered with Python-Markdown and only safe
extensions, then passed through ammonia (``nh3``), which keeps the tags and
attributes listed below, drops every other attribute (``on…``, ``style``)
and every URL whose scheme is not http, https or mailto — after decoding
entities and blanks, as a browser would. The result goes into the page as
raw HTML blocks, which Python-Markdown passes through untouched.

Top-level headings are made by the page (Markdown headings as escaped plain
text, or the HTML page's own headings) so that they are listed in the table of
contents and get permalinks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from .text import clean, md

# A '<' that would open a tag, comment or processing instruction: raw HTML in a body is shown as text.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
EXTENSIONS = ["tables", "def_list", "sane_lists"]
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # align="…", not style="…" (the CSP has no inline styles)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = {"p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "code", "pre", "kbd",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
        "abbr", *HEADINGS}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "ol": {"start"}}
ALIGN = {tag: {"align": {"left", "center", "right"}} for tag in ("th", "td")}
URL_SCHEMES = {"http", "https", "mailto"}
VOID = {"br", "hr", "img", "wbr"}
# Blanks a browser would keep inside a scheme make it a relative path; drop such look-alikes all the same.
_BLANKS = re.compile(r"[\s\x00-\x1f\x7f]+")
_SCRIPT_LIKE = ("javascript:", "vbscript:", "data:")


def _url_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src") and _BLANKS.sub("", value).lower().startswith(_SCRIPT_LIKE):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep only the allowed tags, attributes and URL schemes; links get ``rel="noopener noreferrer"``."""
    return nh3.clean(html, tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
                     tag_attribute_values=ALIGN, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                     attribute_filter=_url_filter, strip_comments=True)


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")


def render_markdown(text: str) -> str:
    """Record Markdown to sanitised HTML; raw HTML written in the text is shown as text."""
    source = _TAG_OPEN.sub("&lt;", clean(text))
    return sanitize(_markdown().reset().convert(source))


class _TopLevel(HTMLParser):
    """Finds the headings at the top level of sanitised HTML: ``(start, end, level, text)``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = [0]
        for line in html.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.headings: list[tuple[int, int, int, str]] = []
        self._depth = 0
        self._heading: tuple[int, int, list[str]] | None = None
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._depth == 0 and tag in HEADINGS:
            self._heading = (self._offset(), int(tag[1]), [])
        if tag not in VOID:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self._depth -= 1
        if self._depth == 0 and self._heading is not None and tag in HEADINGS:
            start, level, text = self._heading
            self.headings.append((start, self._offset() + len(f"</{tag}>"), level, " ".join("".join(text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)


def _raw_block(html: str) -> str:
    html = html.strip()
    return f'\n<div class="ashyq-md">\n{html}\n</div>\n\n' if html else ""


def _markdown_heading(level: int, text: str) -> str:
    return f"\n{'#' * level} {md(text)}\n\n"


def markdown_blocks(text: str | None, heading: Callable[[int, str], str] = _markdown_heading) -> Markup:
    """A record body for a generated page: raw HTML blocks, with its top-level headings made by ``heading``
    (Markdown headings as escaped text by default; a page's ``h()`` on an HTML page, render/htmlpage.py)."""
    html = render_markdown(text or "")
    out: list[str] = []
    done = 0
    for start, end, level, title in _TopLevel(html).headings:
        out.append(_raw_block(html[done:start]))
        out.append(str(heading(level, title)))
        done = end
    out.append(_raw_block(html[done:]))
    return Markup("".join(out))
