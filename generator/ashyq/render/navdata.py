"""Finding one's way at national scale: councils by region and type, and the browser filters' choices.

The home page and the council index group councils by region
(:mod:`ashyq.regions`) and type with counts; the calendar, overdue,
compliance and council pages carry a filter form
(``templates/pages/_filters.md.j2``) whose choices come from here. The form
is hidden until ``assets/javascripts/ashyq-filter.js`` runs: without script
the pages stay plain lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..collation import sort_key, sorted_by
from ..models import Council
from ..regions import Region, region_of
from ..types import COUNCIL_TYPE_ORDER


def council_type(council: Council) -> str:
    return council.info.type if council.info else "other"


def type_rank(kind: str) -> int:
    return COUNCIL_TYPE_ORDER.index(kind) if kind in COUNCIL_TYPE_ORDER else len(COUNCIL_TYPE_ORDER)


def region_rank(region: Region, lang: str) -> tuple:
    """National level, then the three cities, then the oblasts and any other text, alphabetically."""
    return (region.level, sort_key(region.name(lang), lang))


def sorted_councils(councils: Iterable[Council], lang: str) -> list[Council]:
    """Alphabetical in the language (Kazakh letters in their places, «№8» before «№36»)."""
    return sorted_by(councils, lang, lambda c: c.name(lang))


@dataclass
class TypeGroup:
    kind: str
    councils: list[Council] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.councils)


@dataclass
class RegionGroup:
    region: Region
    types: list[TypeGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(g.count for g in self.types)

    @property
    def councils(self) -> list[Council]:
        return [c for g in self.types for c in g.councils]


def by_type(councils: Iterable[Council], lang: str) -> list[TypeGroup]:
    groups: dict[str, list[Council]] = {}
    for council in councils:
        groups.setdefault(council_type(council), []).append(council)
    return [TypeGroup(kind, sorted_councils(found, lang)) for kind, found in
            sorted(groups.items(), key=lambda kv: type_rank(kv[0]))]


def by_region(councils: Iterable[Council], lang: str) -> list[RegionGroup]:
    """Regions in :func:`region_rank` order, each with its councils by type."""
    regions: dict[str, tuple[Region, list[Council]]] = {}
    for council in councils:
        region = region_of(council)
        regions.setdefault(region.id, (region, []))[1].append(council)
    ordered = sorted(regions.values(), key=lambda rc: region_rank(rc[0], lang))
    return [RegionGroup(region, by_type(found, lang)) for region, found in ordered]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    region: str = ""  # a council's region and type, so the form narrows its list of councils
    kind: str = ""


def filter_choices(councils: Iterable[Council], lang: str, type_label, months: Iterable[str] = (),
                   month_label=None) -> dict[str, list[Choice]]:
    """The choices of each filter: regions, councils, types and months (``YYYY-MM``)."""
    councils = list(councils)
    regions = {r.region.id: r.region for r in by_region(councils, lang)}
    out = {
        "region": [Choice(rid, region.name(lang)) for rid, region in regions.items()],
        "council": [Choice(c.slug, c.name(lang), region_of(c).id, council_type(c))
                    for c in sorted_councils(councils, lang)],
        "type": [Choice(g.kind, type_label(g.kind)) for g in by_type(councils, lang)],
        "month": [],
    }
    if month_label is not None:
        out["month"] = [Choice(m, month_label(dt.date(int(m[:4]), int(m[5:7]), 1))) for m in months]
    return out


UPCOMING_MONTHS = 3  # the calendar's first page: this month and the next two; the rest by their month pages


def upcoming_by_month(events: list, today: dt.date, day_of) -> tuple[list[tuple[str, dt.date, list]], int]:
    """``events`` (upcoming, oldest first) by month from the current one, at most :data:`UPCOMING_MONTHS`
    months; and how many later events are left to the month pages."""
    months: dict[str, list] = {}
    later = 0
    for event in events:
        day = day_of(event[1])
        if (day.year - today.year) * 12 + day.month - today.month >= UPCOMING_MONTHS:
            later += 1
            continue
        months.setdefault(f"{day:%Y-%m}", []).append(event)
    return [(key, dt.date(int(key[:4]), int(key[5:]), 1), rows) for key, rows in months.items()], later
