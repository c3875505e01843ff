"""Faceted search: what Pagefind learns about a council's page besides its text.

Every page of a council (its page, sections, records, members) carries a
hidden element inside the indexed article with Pagefind filters (council,
region, record type, year, status) named in the page's language, so the
search box offers them as they are, and a result title that says which
council the page belongs to (a meeting's «Решения» sub-result otherwise
reads the same for every council). Metadata is written as element text,
escaped once. Filters need more: Pagefind's search box shows filter names
and values as HTML (``innerHTML``), and Pagefind (1.5, pinned in
``pyproject.toml``) decodes character references in a filter's text twice
where it decodes a metadata value once. A filter is therefore escaped three
times (:func:`shown`, then as element text), so the box gets it escaped
once and a council named ``<img onerror=…>`` is shown as written, never as
markup (``tests/test_browser_hostile.py`` searches for such a name).
``data-pagefind-ignore`` keeps them out of the full-text index
while Pagefind still reads filters and metadata from them (the theme's
``partials/ashyq/pagefind-meta.html`` does the same for front matter).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache
from typing import Any

from ..i18n import t
from ..kinds import registry
from ..models import Council, Record
from ..regions import region_of
from .feedtext import council_name

_H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
FACETS = ("council", "region", "kind", "year", "status")
COUNCIL_MARK = ' data-ashyq-council="{}"'  # the council's slug on its filter (assets/javascripts/ashyq-search.js)


def _year(record: Record) -> int | None:
    day = registry.of(record).date(record)
    if isinstance(day, (dt.date, dt.datetime)):
        return day.year
    return int(day) if isinstance(day, int) else None


def _span(lang: str, name: str, value: str, mark: str = "") -> str:
    return f'<span data-pagefind-filter="{_filter(lang, name)}"{mark}>{html.escape(shown(value))}</span>'


@lru_cache(maxsize=64)
def _filter(lang: str, name: str) -> str:
    return html.escape(shown(t(lang, "nav.search-" + name)))


# (language, council slug) -> (the council, its and its region's filters, its short and full names): the same
# on each of the council's pages. Holding the council object tells a reloaded portal's council from it.
_COUNCILS: dict[tuple[str, str], tuple[Council, str, str, str]] = {}


def _council_part(lang: str, council: Council) -> tuple[str, str, str]:
    held = _COUNCILS.get((lang, council.slug))
    if held is None or held[0] is not council:
        short = council_name(council, lang, short=True)
        # Marked: the search box reads the council's filter from the page to search that council alone.
        spans = (_span(lang, "council", short, COUNCIL_MARK.format(council.slug))
                 + _span(lang, "region", region_of(council).name(lang)))
        held = _COUNCILS[(lang, council.slug)] = (council, spans, short, council_name(council, lang))
    return held[1:]


def _record_facets(renderer: Any, record: Record) -> dict[str, str]:
    """A record page's own facets (type, year, status), in the renderer's language; every council page has the
    council's and its region's (:func:`_council_part`)."""
    found = {"kind": renderer.kind_name(record)}
    year = _year(record)
    if year:
        found["year"] = str(year)
    status = renderer.status(record)[1]
    if status:
        found["status"] = status
    return found


def shown(value: str) -> str:
    """A filter name or value before it is written as element text: escaped for the search box, which puts
    it into the page as HTML, and once more for Pagefind's second decoding of filters. Quotes and backslashes
    are escaped too, and white space made single spaces: Pagefind (1.5) compares a chosen filter value with
    its JSON text as written, escapes and all, so a council named with quotes could never be chosen, by the
    reader in the filters or by its own pages (``assets/javascripts/ashyq-search.js``)."""
    once = html.escape(" ".join(value.split())).replace("\\", "&#92;")
    return html.escape(once, quote=False)


def markdown_title(body: str) -> str | None:
    """The plain text of a Markdown page's first-level heading."""
    heading = _H1.search(body)
    return html.unescape(_TAG.sub("", heading.group(1))).strip() if heading else None


def hooks(renderer: Any, council: Council, record: Record | None, heading: str | None, title: bool = True) -> str:
    """The hidden block of Pagefind filters and (with ``title``) the result title naming the council,
    as one raw HTML block (of Markdown, or of an HTML page). ``heading`` is the page's title, plain text."""
    lang = renderer.lang
    spans, short, full = _council_part(lang, council)
    if record is not None:
        spans += "".join(_span(lang, name, value) for name, value in _record_facets(renderer, record).items())
    named = heading and any(name and name in heading for name in (short, full))
    if title and heading and not named:
        spans += f'<span data-pagefind-meta="title">{html.escape(heading)} — {html.escape(short)}</span>'
    return '\n\n<div hidden data-pagefind-ignore class="ashyq-pagefind-hooks">' + spans + "</div>\n"
