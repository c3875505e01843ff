"""The state bodies' pages, figures and feeds: every recommendation sent to a body, across councils.

A body is an entry of ``bodies.yml`` (:mod:`ashyq.load.bodies`); records name
it by id. Its page (``<lang>/bodies/<id>/``) lists the recommendations sent
to it with their answers and states, the hearings whose results it received,
and its figures; the index (``<lang>/bodies/``) compares the bodies. The
figures come from the records alone (:func:`figures`):

* on-time rate: answered on time ÷ recommendations whose deadline has passed
  (answered on time, answered late, overdue); none while no deadline has passed;
* average days late: the mean of the days past the deadline of the answers
  that came late (an unanswered one is counted in "overdue now" instead).

Each body has a feed (Atom and RSS) in which every recommendation sent to it
and every answer it gave is an entry of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ..collation import sort_key
from ..deadlines import ResponseStatus, response_status
from ..load.bodies import Body
from ..models import Council, Record
from . import urls
from .context import SiteContext
from .feedtext import (
    TITLE_LIMIT, Entry, LazyEntry, council_name, finish, format_date, moment, one_line, posted, say, shorten,
    text_in, updated)

FOLDER = "bodies"  # <lang>/bodies/ and <lang>/bodies/<id>/
FEED = "all"


def index_url(lang: str) -> str:
    return urls.portal_page(lang, FOLDER)


def body_url(lang: str, body_id: str) -> str:
    return urls.portal_page(lang, f"{FOLDER}/{body_id}")


def feed_url(lang: str, body_id: str, fmt: str) -> str:
    """``fmt`` is ``atom`` or ``rss``: ``<lang>/bodies/<id>/all.<fmt>.xml``, beside the body's page."""
    return f"{body_url(lang, body_id)}{FEED}.{fmt}.xml"


@dataclass(frozen=True)
class Sent:
    """A recommendation sent to a body, with where it stands."""

    council: Council
    record: Record
    status: ResponseStatus


@dataclass
class Figures:
    recommendations: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    overdue: int = 0
    pending: int = 0
    days_late: list[int] = field(default_factory=list)  # of the late answers

    @property
    def due(self) -> int:
        """Recommendations whose deadline has passed: the on-time rate's denominator."""
        return self.answered_on_time + self.answered_late + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        return round(self.answered_on_time / self.due, 4) if self.due else None

    @property
    def average_days_late(self) -> float | None:
        return round(sum(self.days_late) / len(self.days_late), 1) if self.days_late else None

    @property
    def average_days(self) -> int | float | None:
        """The average delay as shown: a whole number of days when it is one (plural forms follow it)."""
        value = self.average_days_late
        return None if value is None else int(value) if value == int(value) else value

    @property
    def percent(self) -> int | None:
        rate = self.on_time_rate
        return None if rate is None else round(100 * rate)


def figures(sent: list[Sent]) -> Figures:
    out = Figures(recommendations=len(sent))
    for item in sent:
        state = item.status.state
        if state == "answered":
            out.answered_on_time += 1
        elif state == "late":
            out.answered_late += 1
            out.days_late.append(item.status.days_overdue)
        elif state == "overdue":
            out.overdue += 1
        else:
            out.pending += 1
    return out


@dataclass
class BodyIndex:
    """Every body's recommendations and hearings, found in one pass over the portal."""

    sent: dict[str, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    hearings: dict[str, list[tuple[Council, Record, Any]]] = field(default_factory=lambda: defaultdict(list))

    def figures(self, body_id: str) -> Figures:
        return figures(self.sent.get(body_id, []))


def body_index(ctx: SiteContext) -> BodyIndex:
    """The index of ``ctx``'s portal, made once per build context."""
    cached = ctx.__dict__.get("_ashyq_body_index")
    if cached is not None:
        return cached
    index = BodyIndex()
    for council in ctx.portal.councils.values():
        for rec in council.recommendations:
            if rec.body_id:
                index.sent[rec.body_id].append(Sent(council, rec, response_status(rec, ctx.calendar, ctx.today)))
        for hearing in council.hearings:
            for addressee in hearing.sent_to:
                if addressee.body_id:
                    index.hearings[addressee.body_id].append((council, hearing, addressee))
    for items in index.sent.values():
        items.sort(key=lambda s: (s.record.sent, s.record.uid), reverse=True)
    for found in index.hearings.values():
        found.sort(key=lambda h: (h[2].date, h[1].uid), reverse=True)
    ctx.__dict__["_ashyq_body_index"] = index
    return index


def body_name(body: Body, lang: str, short: bool = False) -> str:
    if short and body.short_name:
        return one_line(text_in(body.short_name, lang)[0])
    return one_line(text_in(body.name, lang)[0])


# --------------------------------------------------------------------- pages


def page_context(renderer: Any, name: str) -> dict[str, Any]:
    """The data of ``bodies`` (the index) or ``bodies/<id>`` (one body's page)."""
    ctx: SiteContext = renderer.ctx
    index = body_index(ctx)
    if name == FOLDER:
        rows = [{"body": body, "figures": index.figures(body.id)} for body in ctx.portal.bodies]
        rows.sort(key=lambda r: (r["figures"].percent if r["figures"].percent is not None else 101,
                                 -r["figures"].overdue, sort_key(body_name(r["body"], renderer.lang), renderer.lang)))
        return {"rows": rows}
    body = ctx.portal.bodies.get(name.split("/", 1)[1])
    assert body is not None
    sent = index.sent.get(body.id, [])
    return {
        "body": body, "figures": figures(sent),
        "sent": [{"council": s.council, "record": s.record, "status": s.status, "badge": renderer.status(s.record)}
                 for s in sent],
        "answers": sorted((s for s in sent if s.record.response is not None),
                          key=lambda s: (s.record.response.date, s.record.uid), reverse=True),
        "overdue_now": [s for s in sent if s.status.state == "overdue"],
        "hearings": index.hearings.get(body.id, []),
        "parent": ctx.portal.bodies.get(body.parent),
        "children": [b for b in ctx.portal.bodies if b.parent == body.id],
        "feeds": {fmt: feed_url(renderer.lang, body.id, fmt) for fmt in ("atom", "rss")},
    }


# --------------------------------------------------------------------- feeds


def answer_id(ctx: SiteContext, rec: Record, lang: str) -> str:
    return ctx.url(urls.record(lang, rec)) + "#response"


def answer_dates(ctx: SiteContext, rec: Record) -> tuple[dt.datetime, dt.datetime]:
    """An answer is published the day it is dated; updated when the record was, never before."""
    published = moment(rec.response.date)
    return published, max(published, updated(ctx, rec))


def answer_summary(council: Council | None, rec: Record, status: ResponseStatus, lang: str) -> str:
    """An answer's entry text, in every feed that carries it: who sent the recommendation, when the answer came
    against its deadline, its outcome and its words."""
    resp = rec.response
    late = say(lang, "bodies.feed-late", days=status.days_overdue) if status.state == "late" \
        else say(lang, "bodies.feed-on-time")
    return finish([council_name(council, lang),
                   say(lang, "bodies.feed-answer-line", date=format_date(resp.date, lang),
                       sent=format_date(rec.sent, lang), deadline=format_date(status.deadline, lang)),
                   late,
                   say(lang, "feeds.outcome", outcome=say(lang, f"feeds.outcome.{resp.outcome}")),
                   one_line(text_in(resp.text, lang)[0])])


def answer_entry(ctx: SiteContext, body: Body, sent: Sent, lang: str) -> Entry:
    rec, status = sent.record, sent.status
    title, used = text_in(rec.title, lang)
    published, last = answer_dates(ctx, rec)
    return Entry(id=answer_id(ctx, rec, lang), link=answer_id(ctx, rec, lang),
                 title=shorten(say(used, "bodies.feed-answer-title", body=body_name(body, used, short=True),
                                   title=one_line(title) or rec.id), TITLE_LIMIT),
                 summary=answer_summary(sent.council, rec, status, lang), lang=used, published=published, updated=last, kind=rec.KIND,
                 council=rec.council)


def feed_entries(ctx: SiteContext, lang: str, record_entry: Callable[[SiteContext, Record, str], Entry],
                 councils: Container[str] | None = None) -> dict[str, list[LazyEntry]]:
    """Body id -> its feed's candidate entries: each recommendation sent to it, each answer it gave (of the
    ``councils`` only, if given: the feeds are written a round of councils at a time).

    ``record_entry`` is the ordinary entry of a record (:func:`ashyq.render.feeds.record_entry`),
    passed in so this module does not import the feed writer that imports it.
    """
    out: dict[str, list[LazyEntry]] = {}
    index = body_index(ctx)
    for body in ctx.portal.bodies:
        entries: list[LazyEntry] = []
        for sent in index.sent.get(body.id, []):
            if councils is not None and sent.council.slug not in councils:
                continue
            rec = sent.record
            link = ctx.url(urls.record(lang, rec))
            entries.append(LazyEntry(link, posted(ctx, rec), updated(ctx, rec), partial(record_entry, ctx, rec, lang)))
            if rec.response is not None:
                entries.append(LazyEntry(answer_id(ctx, rec, lang), *answer_dates(ctx, rec),
                                         partial(answer_entry, ctx, body, sent, lang)))
        out[body.id] = entries
    return out


def feed_title(ctx: SiteContext, lang: str, body_id: str) -> str:
    body = ctx.portal.bodies.get(body_id)
    return say(lang, "bodies.feed-title", body=body_name(body, lang) if body else body_id)


def feed_links(ctx: SiteContext, lang: str, body_id: str) -> list[dict[str, str]]:
    """Autodiscovery links of a body's feed (its page's front matter ``feeds:``), Atom then RSS."""
    title = feed_title(ctx, lang, body_id)
    types = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
    return [{"title": f"{title} ({say(lang, f'feeds.format.{fmt}')})", "href": ctx.url(feed_url(lang, body_id, fmt)),
             "type": media} for fmt, media in types.items()]
