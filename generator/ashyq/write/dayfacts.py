"""What the build's day decides of one council's pages, feeds and open data.

Deadlines are judged on the build's day, so a new day may change what a page
says. It used to be part of the site's fingerprint (:mod:`.incremental`): every
new day, every council was rendered again, at national size a rebuild of 88 s
for a change of one record. Yet on most days the day changes nothing a
council's pages show. So the site's fingerprint leaves the day out, and each
council's holds what the day decides for it (:func:`day_key`); a council whose
answer did not change since the live site was built is kept as it was.

The day reaches a council's outputs through these, and only these:

- its findings, which the rules make on the day (the council's fingerprint
  holds them already, parameters included: "12 days late");
- each recommendation's response state, and by how many days it is overdue
  (its page, the council's page, the feeds, the open data);
- who is a member on the day, and on the day the composition is judged on
  (the last of a finished term): the council's and the members' pages, the data;
- the events still to come (the council's page) and the current year's work
  plan (the council's page);
- the day itself where nothing else dates a record (a file never committed,
  without ``created``: its feed entries carry the build's day) or a council's
  empty feeds (a council without records).

The portal's own pages that show deadlines across all councils (the home
page, the calendar's first page, overdue responses, state bodies) are rendered
again on a new day: their cache key holds it (:mod:`ashyq.render.pagememo`).
The calendar's months, the councils' index and the compliance pages are kept
across days: what they show of the day is in their data (``DAYLESS``).
Each council's open data document says the day it was judged on (``as_of``):
on a new day its file is written again with that date replaced
(:func:`ashyq.render.datafiles.redated`). ``tests/test_dayfacts.py`` lists the
modules that read the day, so that a new use of it is added here.

A response overdue is a day more overdue every day, so its council is rendered
again every night. What moves with the day is kept out of the search index
(the days overdue, the findings: ``data-pagefind-ignore``), so that council's
pages read the same to Pagefind and its shard is brought over, not indexed
again (:func:`ashyq.write.reuse.reuse_shard`).
"""

from __future__ import annotations

import hashlib

from ..deadlines import response_status
from ..models import Council
from ..render.context import SiteContext
from ..render.feedtext import dated_by_today
from ..render.pagedata import current_plan, upcoming_events
from ..validate.rules.composition import reference_day


def day_key(ctx: SiteContext, council: Council) -> bytes:
    """A digest of what :data:`SiteContext.today` decides of the council's outputs (see the module)."""
    today = ctx.today
    facts: list[object] = []
    for rec in council.recommendations:
        status = response_status(rec, ctx.calendar, today)
        facts.append((rec.uid, status.state, status.days_overdue))
    if council.composition:
        judged = reference_day(council, today)
        facts.append([(m.active_on(today), m.active_on(judged)) for m in council.composition.members])
    facts.append([r.uid for r in upcoming_events(council, today)])
    plan = current_plan(council, today)
    facts.append(plan.uid if plan is not None else None)
    records = list(council.records())
    if not records or any(dated_by_today(ctx, r) for r in records):
        facts.append(today.isoformat())
    return hashlib.sha256(repr(facts).encode()).digest()
