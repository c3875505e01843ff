"""Public hearing rules: announcement and materials 10 days ahead, protocol, final protocol, distribution."""

from __future__ import annotations

import datetime as dt

from ...models import text_of
from ...kinds.hearing.model import Hearing
from ...validate.engine import Context, rule
from ...rules.params import Days, FinalProtocolDays


def _active(ctx: Context) -> list[Hearing]:
    return [h for h in ctx.council.hearings if h.status != "cancelled"]


@rule("hearing.announced", level="law", params=Days)
def announced(ctx: Context) -> None:
    for hearing in _active(ctx):
        due = hearing.date - dt.timedelta(days=ctx.params["days"])
        if hearing.announced is None:
            if due <= ctx.today:
                ctx.report("hearing.announced/missing", hearing, "announced", date=hearing.date, due=due)
        elif hearing.announced > due:
            ctx.report("hearing.announced/late", hearing, "announced", announced=hearing.announced,
                       date=hearing.date, days=(hearing.date - hearing.announced).days, need=ctx.params["days"])


@rule("hearing.materials", level="law", params=Days)
def materials(ctx: Context) -> None:
    for hearing in _active(ctx):
        due = hearing.date - dt.timedelta(days=ctx.params["days"])
        if due > ctx.today:
            continue
        if not hearing.materials:
            ctx.report("hearing.materials/none", hearing, "materials")
        if hearing.materials_published is None:
            ctx.report("hearing.materials/missing", hearing, "materials_published", due=due)
        elif hearing.materials_published > due:
            ctx.report("hearing.materials/late", hearing, "materials_published",
                       published=hearing.materials_published, days=(hearing.date - hearing.materials_published).days,
                       need=ctx.params["days"])


def _full_name(name) -> bool:
    # "Full names" of chair and secretary: at least a surname and a given name, not initials only.
    words = [w for w in text_of(name, "kk").replace(".", ". ").split() if len(w.strip(".")) > 1]
    return len(words) >= 2


@rule("hearing.protocol", level="law")
def protocol(ctx: Context) -> None:
    for hearing in ctx.council.hearings:
        if hearing.status != "held":
            continue
        missing = []
        if hearing.place is None and hearing.online is None:
            missing.append("place")
        if hearing.present is None:
            missing.append("present")
        if hearing.chair is None or not _full_name(hearing.chair):
            missing.append("chair")
        if hearing.secretary is None or not _full_name(hearing.secretary):
            missing.append("secretary")
        if not hearing.agenda:
            missing.append("agenda")
        if not hearing.speeches and not hearing.body:
            missing.append("speeches")
        for name in missing:
            ctx.report(f"hearing.protocol/{name}", hearing, name)


@rule("hearing.final-protocol", level="law", params=FinalProtocolDays)
def final_protocol(ctx: Context) -> None:
    for hearing in ctx.council.hearings:
        if hearing.status != "held":
            continue
        fp = hearing.final_protocol
        if fp is None:
            due = hearing.date + dt.timedelta(days=ctx.params["days"])
            if due < ctx.today:
                ctx.report("hearing.final-protocol/missing", hearing, "final_protocol", due=due)
            continue
        if fp.votes.for_ * 2 <= fp.members_present:
            ctx.report("hearing.final-protocol/majority", hearing, "final_protocol", "votes",
                       votes=fp.votes.for_, present=fp.members_present)
        if fp.compliance_information is None:
            ctx.report("hearing.final-protocol/compliance", hearing, "final_protocol")
        if not fp.recommendations and not fp.amendments:
            ctx.report("hearing.final-protocol/recommendations", hearing, "final_protocol")
        if not (fp.signed_by_chair and fp.signed_by_secretary):
            ctx.report("hearing.final-protocol/signatures", hearing, "final_protocol")


@rule("hearing.recommendations-sent", level="law")
def recommendations_sent(ctx: Context) -> None:
    for hearing in ctx.council.hearings:
        fp = hearing.final_protocol
        if hearing.status != "held" or fp is None:
            continue
        kinds = {a.kind for a in hearing.sent_to}
        for kind in ("state-body", "supervisory", "media"):
            if kind not in kinds:
                ctx.report(f"hearing.recommendations-sent/{kind}", hearing, "sent_to")
        if fp.published is None:
            ctx.report("hearing.recommendations-sent/not-published", hearing, "final_protocol")
        if fp.justification is None:
            ctx.report("hearing.recommendations-sent/justification", hearing, "final_protocol")


@rule("hearing.addressee-id", level="portal")
def addressee_id(ctx: Context) -> None:
    """An addressee written as the name of a registered body: its id links the body's page (portal standard)."""
    for hearing in ctx.council.hearings:
        for i, addressee in enumerate(hearing.sent_to):
            if addressee.body_id is None:
                match = ctx.portal.bodies.match(addressee.name)
                if match:
                    ctx.report("hearing.addressee-id", hearing, "sent_to", i, "name", id=match)
