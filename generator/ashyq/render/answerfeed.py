"""The "recommendations and answers" feed: each recommendation, and each answer as an entry of its own.

A state body's answer only updates the recommendation's page, and readers
such as newsboat do not show an updated entry again; so the answer gets its
own entry (id: the recommendation's permalink + ``#response``), published
the day it is dated, as on a state body's feed (:mod:`ashyq.render.bodies`).
The feed exists portal-wide (``<lang>/feeds/answers.*.xml``) and per council.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..deadlines import response_status
from ..models import Record
from . import urls
from .bodies import answer_dates, answer_id, answer_summary
from .context import SiteContext
from .feedtext import TITLE_LIMIT, Entry, LazyEntry, one_line, posted, say, shorten, text_in, updated

NAME = "answers"


def answer_entry(ctx: SiteContext, rec: Record, lang: str) -> Entry:
    status = response_status(rec, ctx.calendar, ctx.today)
    title, used = text_in(rec.title, lang)
    addressee = one_line(text_in(rec.addressee, used)[0])
    published, last = answer_dates(ctx, rec)
    return Entry(id=answer_id(ctx, rec, lang), link=answer_id(ctx, rec, lang),
                 title=shorten(say(used, "nav.feed-answer-title", addressee=addressee,
                                   title=one_line(title) or rec.id), TITLE_LIMIT),
                 summary=answer_summary(ctx.portal.councils.get(rec.council), rec, status, lang), lang=used, published=published, updated=last, kind=rec.KIND,
                 council=rec.council)


def entries(ctx: SiteContext, rec: Record, lang: str,
            record_entry: Callable[[SiteContext, Record, str], Entry]) -> list[LazyEntry]:
    """A recommendation's entries in the feed: itself, then its answer if there is one.

    ``record_entry`` is :func:`ashyq.render.feeds.record_entry`, passed in (the feed writer imports this module).
    """
    found = [LazyEntry(ctx.url(urls.record(lang, rec)), posted(ctx, rec), updated(ctx, rec),
                       partial(record_entry, ctx, rec, lang))]
    if rec.response is not None:
        found.append(LazyEntry(answer_id(ctx, rec, lang), *answer_dates(ctx, rec), partial(answer_entry, ctx, rec, lang)))
    return found
