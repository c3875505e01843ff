"""Composition rules: publication, the civil-society share, size, chair, secretary, renewal."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import defaultdict

from ...models import Council
from ..engine import Context, rule
from ...rules.params import CompositionSize, MonthsBefore, Share

NATIONAL = ("ministry", "central-body")
LOCAL = ("oblast", "city", "district", "village")


def reference_day(council: Council, today: dt.date) -> dt.date:
    """Judge the composition as it stands today, or on the last day of a finished term."""
    if council.info and council.info.term.end < today:
        return council.info.term.end
    return today


@rule("composition.published", level="law")
def published(ctx: Context) -> None:
    council = ctx.council
    comp = council.composition
    if comp is None or not comp.members:
        ctx.report("composition.published/missing", council.info)
    elif comp.published is None:
        ctx.report("composition.published/no-date", comp, "published")


@rule("composition.civil-society-share", level="law", params=Share)
def civil_society_share(ctx: Context) -> None:
    comp = ctx.council.composition
    if not comp:
        return
    day = reference_day(ctx.council, ctx.today)
    active = comp.active(day)
    if not active:
        return
    civil = sum(1 for m in active if m.category == "civil-society")
    need = math.ceil(ctx.params["share"] * len(active) - 1e-9)
    if civil < need:
        ctx.report("composition.civil-society-share", comp, "members", civil=civil, total=len(active), need=need)


@rule("composition.size", level="law", params=CompositionSize)
def size(ctx: Context) -> None:
    council = ctx.council
    comp = council.composition
    if not comp or not council.info:
        return
    kind = council.info.type
    group = "national" if kind in NATIONAL else "quasi" if kind == "quasi-public" else "local"
    low, high = ctx.params[f"{group}_min"], ctx.params[f"{group}_max"]
    if low is None and high is None:
        return  # local sizes are set by the maslikhat: checked only where the portal configures them
    count = len(comp.active(reference_day(council, ctx.today)))
    if (low is not None and count < low) or (high is not None and count > high):
        ctx.report("composition.size", comp, "members", count=count, low=low if low is not None else "—",
                   high=high if high is not None else "—")


@rule("composition.one-per-organisation", level="law")
def one_per_organisation(ctx: Context) -> None:
    comp = ctx.council.composition
    if not comp:
        return
    day = reference_day(ctx.council, ctx.today)
    seen: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(comp.members):
        if m.bin and m.category == "civil-society" and m.voting and m.active_on(day):
            seen[m.bin].append(i)
    for bin_, indexes in sorted(seen.items()):
        for i in indexes[1:]:
            ctx.report("composition.one-per-organisation", comp, "members", i, "bin", bin=bin_,
                       count=len(indexes))


@rule("composition.chair-not-civil-servant", level="law")
def chair(ctx: Context) -> None:
    comp = ctx.council.composition
    if not comp or not comp.members:
        return
    day = reference_day(ctx.council, ctx.today)
    chairs = [(i, m) for i, m in enumerate(comp.members) if m.role == "chair" and m.active_on(day)]
    if not chairs:
        ctx.report("composition.chair-not-civil-servant/no-chair", comp, "members")
    for i, m in chairs:
        if m.civil_servant:
            ctx.report("composition.chair-not-civil-servant", comp, "members", i, "civil_servant", id=m.id)


@rule("composition.secretary", level="portal")
def secretary(ctx: Context) -> None:
    comp = ctx.council.composition
    if not comp or not comp.members:
        return
    day = reference_day(ctx.council, ctx.today)
    if not any(m.role == "secretary" and m.active_on(day) for m in comp.members):
        ctx.report("composition.secretary", comp, "members")


@rule("composition.renewal", level="law", params=MonthsBefore)
def renewal(ctx: Context) -> None:
    info = ctx.council.info
    if not info:
        return
    end = info.term.end
    month = end.month - ctx.params["months_before"]
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    start_by = dt.date(year, month, min(end.day, calendar.monthrange(year, month)[1]))
    if ctx.today >= start_by and (info.renewal_started is None or info.renewal_started > start_by):
        ctx.report("composition.renewal", info, "renewal_started" if info.renewal_started else "term",
                   end=end, start_by=start_by)
