"""What each generated page shows: the data its template is given, computed from the records.

:class:`PageData` is the half of the renderer that knows the portal's
figures (a council's summary, the home page, the calendar, the period
figures of a report, related records); :class:`ashyq.render.pages.Renderer`
adds the templates and the writing. Type-specific data comes from each
type's declaration (``page_data``, ``held``, ``refs``, ``badge``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice
from typing import Any

from markupsafe import Markup

from ..deadlines import response_status
from ..kinds import registry
from ..kinds.meeting.model import Meeting
from ..kinds.spec import RecordType
from ..models import Council, Record, text_of
from ..rules.registry import REGISTRY
from ..collation import sort_key
from .approvals import approved, approver
from . import regional
from .context import SiteContext
from .indicator import for_council
from .navdata import by_region, by_type, filter_choices, upcoming_by_month
from .text import format_month
from .subscribe import subscribe_markdown, subscribe_parts


def _day(record: Record) -> dt.date:
    day = registry.of(record).date(record)
    return day if isinstance(day, dt.date) else dt.date(int(day or 1), 1, 1)


def _held_in(rt: RecordType, record: Record, start: dt.date, end: dt.date) -> bool:
    day = rt.held(record) if rt.held else None
    return day is not None and start <= day <= end


def event_records(council: Council) -> list[Record]:
    """The council's dated events (meetings, hearings, report hearings, consultations, …)."""
    return [r for rt in registry.record_types() if rt.event for r in council.of(rt.kind)]


def _month_page(month: str, rows: list, months: list[str], filters: Any) -> dict[str, Any]:
    """A calendar month's page: its rows, and the months before and after it of ``months``."""
    i = months.index(month) if month in months else -1
    year, number = map(int, month.split("-"))
    return {"rows": rows, "first_day": dt.date(year, number, 1), "month_key": month, "filters": filters,
            "previous": months[i - 1] if i > 0 else None, "next": months[i + 1] if 0 <= i < len(months) - 1 else None}


def upcoming_events(council: Council, today: dt.date) -> list[Record]:
    """The council's events on or after ``today`` that are not cancelled, soonest first."""
    upcoming = [r for r in event_records(council) if _day(r) >= today and getattr(r, "status", "") != "cancelled"]
    return sorted(upcoming, key=lambda r: (_day(r), r.id))


def current_plan(council: Council, today: dt.date) -> Record | None:
    """The work plan of the latest year up to ``today``'s."""
    return next((p for p in sorted(council.plans, key=lambda p: -p.year) if p.year <= today.year), None)


def related_index(council: Council) -> dict[tuple[str, str], list[Record]]:
    """(kind, id) -> the records linked with it either way, by the types' ``refs``."""
    found: dict[tuple[str, str], dict[str, Record]] = defaultdict(dict)
    known = {(r.KIND, r.id): r for r in council.records()}
    for rt in registry.record_types():
        if rt.refs is None:
            continue
        for rec in council.of(rt.kind):
            for target in rt.refs(rec):
                other = known.get(target)
                if other is None or other is rec:
                    continue
                found[(rec.KIND, rec.id)][other.uid] = other
                found[target][rec.uid] = rec
    order = {rt.kind: i for i, rt in enumerate(registry.record_types())}
    return {key: sorted(recs.values(), key=lambda r: (order.get(r.KIND, 99), registry.of(r).sort_key(r)))
            for key, recs in found.items()}


class PageData:
    """The data of the generated pages of one language edition (mixed into the renderer)."""

    ctx: SiteContext
    lang: str
    _related: dict[str, dict[tuple[str, str], list[Record]]]

    # The renderer gives these: t(key, **params), text(value), status(record).
    t: Any
    text: Any
    status: Any

    def record_extra(self, council: Council, record: Record) -> dict[str, Any]:
        rt = registry.of(record)
        extra: dict[str, Any] = {
            "findings": self.ctx.findings_for(record),
            "posted": self.ctx.posted(record),
            "updated": self.ctx.updated(record),
            "badge": self.status(record),
            "related": self.related(council, record),
        }
        if rt.page_data is not None:
            extra.update(rt.page_data(self, council, record))
        return extra

    def related(self, council: Council, record: Record) -> list[Record]:
        """The council's records this one names and the ones that name it, in the portal's order of types."""
        index = self._related.get(council.slug)
        if index is None:
            index = self._related[council.slug] = related_index(council)
        return index.get((record.KIND, record.id), [])

    def period_figures(self, council: Council, start: dt.date, end: dt.date) -> dict[str, int]:
        """The period's figures, computed from the records themselves."""
        held = [m for m in council.meetings if m.status == "held" and start <= m.date <= end]
        recs = [r for r in council.recommendations if start <= r.sent <= end]
        statuses = [response_status(r, self.ctx.calendar, self.ctx.today).state for r in recs]
        return {
            "meetings_held": len(held),
            "decisions": sum(len(m.decisions) for m in held),
            "recommendations_sent": len(recs),
            "answered_on_time": statuses.count("answered"),
            "answered_late": statuses.count("late"),
            "unanswered": statuses.count("pending") + statuses.count("overdue"),
            # Every other form of work the types count (hearings, monitoring, …): (locale key, number).
            "activities": [(f"ui.fig-{rt.folder}", sum(1 for r in council.of(rt.kind) if _held_in(rt, r, start, end)))
                           for rt in registry.record_types() if rt.held is not None and rt.kind != "meeting"],
        }

    def composition_summary(self, council: Council) -> dict[str, Any]:
        comp = council.composition
        if not comp:
            return {"active": [], "former": [], "civil": 0, "voting": 0, "share": 0}
        from ..validate.rules.composition import reference_day

        day = reference_day(council, self.ctx.today)
        active = [m for m in comp.members if m.active_on(day)]
        voting = [m for m in active if m.voting]
        civil = sum(1 for m in voting if m.category == "civil-society")
        order = {"chair": 0, "deputy-chair": 1, "secretary": 2, "member": 3}
        active.sort(key=lambda m: (order[m.role], sort_key(text_of(m.name, self.lang), self.lang)))
        current = {id(m) for m in active}  # identity: `m not in active` compares models pairwise, quadratic
        former = [m for m in comp.members if id(m) not in current]
        share = round(100 * civil / len(voting)) if voting else 0
        return {"active": active, "former": former, "civil": civil, "voting": len(voting), "share": share}

    def council_summary(self, council: Council) -> dict[str, Any]:
        latest = sorted((m for m in council.meetings if m.status == "held"), key=lambda m: m.date, reverse=True)
        return {
            **self.composition_summary(council),
            "upcoming": upcoming_events(council, self.ctx.today)[:5], "latest": latest[:5],
            "plan": current_plan(council, self.ctx.today),
            "rows": self.overdue_rows([council], everything=True)[:10],
            "findings": self.ctx.council_findings(council),
            "indicators": self.indicators(council),
            "subscribe": subscribe_parts(self.ctx, self.lang, council),  # laid out by the page's HTML template
            # the maslikhat that approved the composition, or the public councils a maslikhat approved
            "approver": approver(self.ctx.portal, council), "approved": approved(self.ctx.portal, council, self.lang),
        }

    def indicators(self, council: Council) -> list[Any]:
        """Indicator F of every period with figures: from the reports, else from the consultations."""
        return for_council(council)

    def subscribe(self) -> Markup:
        """The portal home's block: Markdown written by ashyq itself, which escapes what it holds."""
        return Markup(subscribe_markdown(self.ctx, self.lang))

    def overdue_rows(self, councils, everything: bool = False) -> list[dict[str, Any]]:
        rows = []
        for council in councils:
            for rec in council.recommendations:
                status = response_status(rec, self.ctx.calendar, self.ctx.today)
                if everything or status.state == "overdue":
                    rows.append({"council": council, "record": rec, "status": status, "badge": self.status(rec)})
        rows.sort(key=lambda r: (-r["status"].days_overdue, r["record"].sent, r["record"].uid) if not everything
                  else (r["record"].sent, r["record"].uid), reverse=everything)
        return rows

    def portal_overdue(self) -> list[dict[str, Any]]:
        """Every council's overdue responses, most overdue first: the home page shows ten, the overdue page all;
        worked out once per edition (each recommendation of the portal is judged)."""
        cached = self.__dict__.get("_overdue")
        if cached is None:
            cached = self.__dict__["_overdue"] = self.overdue_rows(self.ctx.portal.councils.values())
        return cached

    def overdue_page(self) -> dict[str, Any]:
        """The overdue responses, with filters naming only the councils (regions, types) that have one: at 740
        councils, 148 with a response overdue, the filters of every council were 89 KB of the page's 207 KB
        (19 KB now), most of their choices showing nothing."""
        rows = self.portal_overdue()
        councils = {row["council"].slug: row["council"] for row in rows}.values()
        return {"rows": rows, "filters": self.choices(councils)}

    def events(self) -> tuple[list[tuple[Council, Record]], list[tuple[Council, Record]]]:
        """The portal's dated events, upcoming (soonest first) and past (latest first); computed once per edition."""
        cached = self.__dict__.get("_events")
        if cached is None:
            keyed = [((_day(r), r.uid), c, r) for c in self.ctx.portal.councils.values() for r in event_records(c)]
            keyed.sort(key=lambda e: e[0])
            upcoming = [(c, r) for key, c, r in keyed if key[0] >= self.ctx.today]
            past = [(c, r) for key, c, r in reversed(keyed) if key[0] < self.ctx.today]
            cached = self.__dict__["_events"] = (upcoming, past)
        return cached

    def events_by_month(self) -> dict[str, list[tuple[Council, Record]]]:
        """``"YYYY-MM"`` -> that month's events, oldest first; months in order. Once per edition: a portal has
        a page per month, and each would otherwise sort every event again."""
        cached = self.__dict__.get("_by_month")
        if cached is None:
            upcoming, past = self.events()
            grouped: dict[str, list[tuple[Council, Record]]] = {}
            for council, rec in [*reversed(past), *upcoming]:  # events() sorted them: oldest first
                grouped.setdefault(f"{_day(rec):%Y-%m}", []).append((council, rec))
            cached = self.__dict__["_by_month"] = grouped
        return cached

    def home(self) -> dict[str, Any]:
        upcoming, past = self.events()
        # the ten latest: the portal's past events are hundreds of thousands at national size
        decisions = list(islice(((c, m) for c, m in past if isinstance(m, Meeting) and m.status == "held"
                                 and m.decisions), 10))
        return {
            "groups": self.council_groups(), "regions": by_region(self.ctx.portal.councils.values(), self.lang),
            "upcoming": upcoming[:10], "decisions": decisions,
            "overdue": self.portal_overdue()[:10],
            "subscribe": self.subscribe(),  # portal feeds are in every page's head already
        }

    def council_groups(self) -> list[tuple[str, list[Council]]]:
        """Councils by type, each type's in alphabetical order (render/navdata.py)."""
        return [(g.kind, g.councils) for g in by_type(self.ctx.portal.councils.values(), self.lang)]

    def councils_index(self) -> dict[str, Any]:
        return {"groups": self.council_groups(), "regions": by_region(self.ctx.portal.councils.values(), self.lang),
                "filters": self.filters()}

    def filters(self, months: list[str] | None = None) -> dict[str, list[Any]]:
        """The choices of the browser filters on portal-wide lists (templates/pages/_filters.md.j2)."""
        if not months and "_filters" in self.__dict__:  # every month page has the same: made once
            return self.__dict__["_filters"]
        choices = self.choices(self.ctx.portal.councils.values(), months or ())
        if not months:
            self.__dict__["_filters"] = choices
        return choices

    def choices(self, councils: Iterable[Council], months: Iterable[str] = ()) -> dict[str, list[Any]]:
        """The filters' choices of a list of ``councils`` (and ``months``), named in the edition's language."""
        return filter_choices(councils, self.lang, lambda k: self.t(f"ui.type-{k}"), months,
                              lambda day: format_month(day, self.lang))

    def calendar(self) -> dict[str, Any]:
        """The calendar's first page: what is coming, then the months (newest first) with their counts."""
        upcoming, past = self.events()
        counts: dict[str, int] = {}
        for _council, rec in [*upcoming, *past]:
            day = _day(rec)
            key = f"{day.year:04d}-{day.month:02d}"
            counts[key] = counts.get(key, 0) + 1
        current = f"{self.ctx.today.year:04d}-{self.ctx.today.month:02d}"
        years: dict[int, list[tuple[str, dt.date, int]]] = {}
        for key in sorted(counts, reverse=True):
            year, month = map(int, key.split("-"))
            years.setdefault(year, []).append((key, dt.date(year, month, 1), counts[key]))
        months, later = upcoming_by_month(upcoming, self.ctx.today, _day)
        return {"upcoming": upcoming, "upcoming_months": months, "later": later,
                "years": sorted(years.items(), reverse=True), "current": current,
                "filters": self.filters([key for key, _first, _rows in months]),
                "regions": [(part.slug, regional.part_name(part, self.lang)) for part in self._parts]
                if regional.by_region(self.ctx.portal.councils.values()) else []}

    def calendar_month(self, month: str) -> dict[str, Any]:
        """One month's events, oldest first, with the months before and after that have any; on a split portal
        (:mod:`.regional`) the page lists the month's regions instead, each with its number of events."""
        by_month = self.events_by_month()
        data = _month_page(month, by_month.get(month, []), list(by_month), self.filters())
        if regional.by_region(self.ctx.portal.councils.values()):
            data["parts"] = [{"part": part, "name": regional.part_name(part, self.lang), "count": len(months[month])}
                             for part, months in self._calendar_parts if month in months]
        return data

    def calendar_part(self, key: str) -> dict[str, Any]:
        """One region's events of a month (``<month>/<region's page>``), with that region's months before and
        after that have any."""
        month, slug = key.split("/", 1)
        for part, months in self._calendar_parts:
            if part.slug == slug:
                return {**_month_page(month, months.get(month, []), list(months), self._part_filters(part)),
                        "name": regional.part_name(part, self.lang), "part": slug}
        raise KeyError(key)

    def _part_filters(self, part: regional.Part) -> dict[str, list[Any]]:
        """The filters' choices of a region's pages: its councils and their types, not the portal's (740 councils
        at national size), made once a region."""
        made = self.__dict__.setdefault("_filters_of_part", {})
        if part.slug not in made:
            made[part.slug] = self.choices(part.councils)
        return made[part.slug]

    @functools.cached_property
    def _calendar_parts(self) -> list[tuple[regional.Part, dict[str, list[tuple[Council, Record]]]]]:
        """Each region's page and its events by month (months in order): once an edition, not once a page."""
        of_council = {council.slug: i for i, part in enumerate(self._parts) for council in part.councils}
        found: list[dict[str, list[tuple[Council, Record]]]] = [{} for _ in self._parts]
        for month, rows in self.events_by_month().items():
            for council, rec in rows:
                found[of_council[council.slug]].setdefault(month, []).append((council, rec))
        return list(zip(self._parts, found))

    def compliance_overview(self) -> dict[str, Any]:
        """Every council's findings by family, by level and indicator F; on a large portal, each region's
        findings summed by level instead, its councils on its own page (:mod:`.regional`)."""
        councils = list(self.ctx.portal.councils.values())
        if not regional.by_region(councils):
            families = self._families()
            return {"families": families, "rows": [self._compliance_row(c, families) for c in councils]}
        return {"regions": [{"part": part, "name": regional.part_name(part, self.lang), "councils": len(part.councils),
                             "levels": self._levels(part.councils)} for part in self._parts]}

    def compliance_region(self, slug: str) -> dict[str, Any]:
        """One region's part of the compliance overview: its councils' rows, as the overview has them."""
        for part in self._parts:
            if part.slug == slug:
                families = self._families()
                return {"families": families, "name": regional.part_name(part, self.lang),
                        "rows": [self._compliance_row(c, families) for c in part.councils]}
        raise KeyError(slug)

    @functools.cached_property
    def _parts(self) -> list[regional.Part]:
        """A split portal's regions' pages (the overview's, the months'), worked out once an edition (5 ms at 740
        councils, for each of 23 pages)."""
        return regional.parts(self.ctx.portal.councils.values(), self.lang)

    @staticmethod
    def _families() -> list[str]:
        return sorted({spec.id.split(".")[0] for spec in REGISTRY.values() if spec.kind.value == "compliance"})

    def _compliance_row(self, council: Council, families: list[str]) -> dict[str, Any]:
        counts = {f: 0 for f in families}
        for finding in self.ctx.council_findings(council):
            counts[finding.rule.split(".")[0]] = counts.get(finding.rule.split(".")[0], 0) + 1
        return {"council": council, "counts": counts, "total": sum(counts.values()), "levels": self._levels([council]),
                "indicators": self.indicators(council)}

    def _levels(self, councils: list[Council]) -> dict[str, int]:
        """The councils' findings by level: law apart from practice apart from the portal's own."""
        levels = {"law": 0, "advice": 0, "portal": 0}
        for council in councils:
            for finding in self.ctx.council_findings(council):
                levels[finding.level] = levels.get(finding.level, 0) + 1
        return levels
