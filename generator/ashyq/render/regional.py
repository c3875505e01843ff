"""A large portal's pages that list every council, split by region: the compliance overview and the calendar's
months. Each page then is a summary linking to one page per region.

The compliance overview lists every council three times (findings by family, by level, indicator F by period):
at 740 councils 2.0 MB a page in each edition, the indicator's rows growing by one a council every half-year,
and any council's finding changed rewrote it whole. A calendar month listed every council's events of the
month: 0.5-0.9 MB a page at 740 councils, rewritten by any change to one of them. Past the number of councils
the menu lists, the councils go to their region's page (``<lang>/compliance/<region>/``,
``<lang>/calendar/<month>/<region>/``; the region as :mod:`ashyq.regions` finds it in ``council.yml``; a region
of more councils than that, by type: ``<region>-<type>``), and the overview sums each page's findings by level,
the month each page's events, linking to it: a change rewrites the summary and one region's page. Each such
region has its calendar to subscribe to as well (``<lang>/calendar/<region>.ics``: :mod:`.calendars`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import t
from ..models import Council
from ..regions import Region, region_of
from .navdata import by_type, region_rank, sorted_councils

BY_REGION_ABOVE = 30  # councils; as many as the menu lists (render/sitepages.py: NAV_COUNCILS_LIMIT)


@dataclass(frozen=True)
class Part:
    """One page of a split list: a region's councils, or of a region of more than
    :data:`BY_REGION_ABOVE` councils (the national level, most often), those of one type."""

    slug: str  # its page's name
    region: Region
    kind: str | None  # the councils' type, when the region is split by type
    councils: list[Council]  # in name order


def part_name(part: Part, lang: str) -> str:
    """The page's name for a reader: its region's, and its councils' type where the region is split by type."""
    name = part.region.name(lang)
    return f"{name} · {t(lang, f'ui.type-{part.kind}')}" if part.kind else name


def by_region(councils: Iterable[Council]) -> bool:
    """Whether the lists are split: the portal has more councils than the menu lists."""
    return len(list(councils)) > BY_REGION_ABOVE


def region_slug(region: Region) -> str:
    """The region's page name: its id, or for a region text no table names, a hash of it (an ASCII address
    that stays while the text does)."""
    if region.known:
        return region.id
    return "other-" + hashlib.sha256(region.id.encode()).hexdigest()[:10]


def slugs(councils: Iterable[Council]) -> list[str]:
    """The pages' names, sorted."""
    return sorted(part.slug for part in parts(councils, "kk"))


def parts(councils: Iterable[Council], lang: str) -> list[Part]:
    """The pages: each region (the national level, the three cities, the oblasts, any other text), a large
    one by type of council, in the order the councils' index lists them."""
    found: dict[str, tuple[Region, list[Council]]] = {}
    for council in councils:
        region = region_of(council)
        found.setdefault(region_slug(region), (region, []))[1].append(council)
    out = []
    for slug, (region, members) in sorted(found.items(), key=lambda item: region_rank(item[1][0], lang)):
        if len(members) <= BY_REGION_ABOVE:
            out.append(Part(slug, region, None, sorted_councils(members, lang)))
        else:
            out += [Part(f"{slug}-{group.kind}", region, group.kind, group.councils) for group in by_type(members, lang)]
    return out
