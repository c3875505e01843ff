"""Figures computed from the registry and the receptions: never typed twice.

The problem map's table, the open data's aggregates and a deputy's quarterly
report all count with these functions, so the same appeal is counted the same
way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...models import Council
from .model import Appeal


def appeals(council: Council) -> Iterator[Appeal]:
    """Every entry of the council's registry, month by month."""
    for month in council.of("appeal"):
        yield from month.appeals  # type: ignore[attr-defined]


def okrug_names(council: Council) -> dict[int, object]:
    """Okrug number -> its name (a Text), from the deputies' entries in members.yml."""
    out: dict[int, object] = {}
    for m in council.composition.members if council.composition else ():
        if m.okrug is not None:
            out.setdefault(m.okrug.number, m.okrug.name)
    return out


def deputy_okrugs(council: Council) -> dict[str, int]:
    return {m.id: m.okrug.number for m in (council.composition.members if council.composition else ())
            if m.okrug is not None}


def of_deputy(council: Council, deputy: str) -> list[Appeal]:
    """The appeals addressed to ``deputy``, and those from their okrug addressed to no one in particular."""
    okrug = deputy_okrugs(council).get(deputy)
    return [a for a in appeals(council) if a.deputy == deputy or (a.deputy is None and okrug == a.okrug)]


@dataclass
class Cell:
    okrug: int
    topic: str
    month: str
    received: int = 0
    answered: int = 0
    redirected: int = 0
    rejected: int = 0
    open: int = 0
    public_complaints: int = 0


def aggregates(council: Council) -> list[Cell]:
    """Appeals by okrug × topic × month (the month received), with their states today."""
    cells: dict[tuple[int, str, str], Cell] = {}
    for a in appeals(council):
        key = (a.okrug, a.topic, f"{a.received.year:04d}-{a.received.month:02d}")
        cell = cells.setdefault(key, Cell(*key))
        cell.received += 1
        if a.status == "answered":
            cell.answered += 1
        elif a.status == "redirected":
            cell.redirected += 1
        elif a.status == "rejected":
            cell.rejected += 1
        else:
            cell.open += 1
        cell.public_complaints += a.public_complaint
    return [cells[k] for k in sorted(cells)]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def last_ended_quarter(today: dt.date) -> tuple[int, int]:
    return previous_quarter(today.year, (today.month - 1) // 3 + 1)


@dataclass
class QuarterFigures:
    """A deputy's quarter, as the seed's report template asks: appeals (number, topics, dynamics), receptions."""

    year: int
    quarter: int
    received: int = 0
    answered: int = 0
    redirected: int = 0
    rejected: int = 0
    open: int = 0
    previous: int = 0  # received in the previous quarter
    topics: list[tuple[str, int]] = field(default_factory=list)  # most frequent first
    receptions: int = 0
    citizens: int = 0

    @property
    def change(self) -> int:
        return self.received - self.previous

    @property
    def change_percent(self) -> int | None:
        return round(100 * self.change / self.previous) if self.previous else None


def _in(items: Iterable[Appeal], start: dt.date, end: dt.date) -> list[Appeal]:
    return [a for a in items if start <= a.received <= end]


def quarter_figures(council: Council, deputy: str, year: int, quarter: int) -> QuarterFigures:
    """The figures of ``deputy``'s report for the quarter, from the registry and the receptions as they are."""
    mine = of_deputy(council, deputy)
    start, end = quarter_bounds(year, quarter)
    now = _in(mine, start, end)
    before = _in(mine, *quarter_bounds(*previous_quarter(year, quarter)))
    states = Counter(a.status for a in now)
    topics = Counter(a.topic for a in now)
    held = [r for r in council.of("reception") if getattr(r, "deputy", None) == deputy
            and getattr(r, "status", "") == "held" and start <= r.date <= end]  # type: ignore[attr-defined]
    return QuarterFigures(
        year=year, quarter=quarter, received=len(now), answered=states["answered"],
        redirected=states["redirected"], rejected=states["rejected"],
        open=states["received"] + states["in-progress"], previous=len(before),
        topics=sorted(topics.items(), key=lambda kv: (-kv[1], kv[0])), receptions=len(held),
        citizens=sum(r.citizens or 0 for r in held))  # type: ignore[attr-defined]

