"""Where everything lives on the portal. Paths never change between builds.

Pages are per language (``kk/…``, ``ru/…``) with identical paths in both, so
the language switcher and ``hreflang`` links are a prefix swap. Data files are
language-neutral (``data/…``). All functions return paths relative to the
site root, without a leading slash; :func:`absolute` adds the base URL.
"""

from __future__ import annotations

from ..models import Record

COUNCILS = "councils"


def home(lang: str) -> str:
    return f"{lang}/"


def council(lang: str, slug: str, section: str | None = None) -> str:
    """A council's page, or one of its sections: members, plans, meetings, recommendations, hearings,
    reports, compliance."""
    base = f"{lang}/{COUNCILS}/{slug}/"
    return base + (f"{section}/" if section else "")


def record(lang: str, rec: Record) -> str:
    return f"{lang}/{COUNCILS}/{rec.council}/{rec.FOLDER}/{rec.id}/"


def record_by_parts(lang: str, slug: str, folder: str, record_id: str) -> str:
    """For records that no longer load (tombstones): the URL they had."""
    return f"{lang}/{COUNCILS}/{slug}/{folder}/{record_id}/"


def portal_page(lang: str, name: str) -> str:
    """Portal-wide pages: councils, calendar, overdue, compliance, data, search."""
    return f"{lang}/{name}/"


def compliance_region(lang: str, region: str) -> str:
    """One region's part of the compliance overview, once the portal's councils are too many for one page."""
    return f"{lang}/compliance/{region}/"


def calendar_month(lang: str, month: str) -> str:
    """One month of the portal's calendar (``2026-11``): the calendar grows with time, its pages do not."""
    return f"{lang}/calendar/{month}/"


def calendar_part(lang: str, month: str, part: str) -> str:
    """One region's events of a month, once the portal's councils are too many for one page (render/regional.py)."""
    return f"{lang}/calendar/{month}/{part}/"


def feed(lang: str, name: str, fmt: str, slug: str | None = None) -> str:
    """``fmt`` is ``atom`` or ``rss``; ``name`` is ``all`` or a record type (meetings, decisions, hearings,
    reports, overdue); per council when ``slug`` is given."""
    where = f"{lang}/{COUNCILS}/{slug}/" if slug else f"{lang}/feeds/"
    return f"{where}{name}.{fmt}.xml"


def calendar(lang: str, slug: str | None = None) -> str:
    return f"{lang}/{COUNCILS}/{slug}/calendar.ics" if slug else f"{lang}/calendar.ics"


def calendar_region(lang: str, part: str) -> str:
    """A large portal's calendar of one region (a page name of :mod:`.regional`), beside its months' folders."""
    return f"{lang}/calendar/{part}.ics"


def data(name: str) -> str:
    """Open data files: ``data/<name>`` (json, csv, zip, schema)."""
    return f"data/{name}"


def absolute(base_url: str, path: str) -> str:
    return (base_url if base_url.endswith("/") else base_url + "/") + path
