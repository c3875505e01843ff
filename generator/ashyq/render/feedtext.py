"""The text helpers of feeds, calendars and open data, and a record's feed entry as data.

Shared by the writers (feeds, calendars, data) and by the record types'
own summaries in :mod:`ashyq.kinds`; imports no record type, so a type can
use it without an import cycle.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..clock import TZ, moment
from ..i18n import t
from ..kinds import registry
from ..load.tombstones import Tombstone, read_tombstones
from ..models import Council, Record
from ..models.common import text_in, text_of
from .context import SiteContext
from .text import format_date as _format_date

SUMMARY_LIMIT = 1500  # characters of a summary before it is cut with "…"
TITLE_LIMIT = 300

# Characters XML 1.0 (and RFC 5545, and most spreadsheets) cannot carry: C0
# controls except tab and newlines, DEL, C1 controls, lone surrogates, and the
# non-characters U+FFFE/U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# --------------------------------------------------------------------- helpers shared by the writers


def say(lang: str, key: str, **params) -> str:
    """``t()`` for sentences: a date ending in "г." or a text ending in "." before the final "." gives one dot."""
    text = t(lang, key, **params)
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def plain(text: object) -> str:
    """Text safe for XML, iCalendar, JSON and CSV: unsafe characters dropped, CRLF made LF."""
    if text is None:
        return ""
    return _UNSAFE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: object) -> str:
    return " ".join(plain(text).split())


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """'2026 ж. 12 наурыз' / '12 марта 2026 г.' (Babel, long format)."""
    return _format_date(value, lang, missing="")


def site_title(ctx: SiteContext, lang: str) -> str:
    return one_line(ctx.portal.config.title.get(lang))


def council_name(council: Council | None, lang: str, short: bool = False) -> str:
    if council is None or council.info is None:
        return council.slug if council else ""
    if short and council.info.short_name:
        return one_line(council.info.short_name.get(lang))
    return one_line(council.info.name.get(lang))


def record_title(rec: Record, lang: str) -> tuple[str, str]:
    """``(title, language)``: the record's one label (its type's :attr:`RecordType.label`)."""
    return registry.of(rec).label(rec, lang)


def posted(ctx: SiteContext, rec: Record) -> dt.datetime:
    """When the record was published, as an aware datetime.

    :meth:`SiteContext.posted` (the record, else git); outside git and
    without ``created`` the record's own publication date (its type's
    :attr:`RecordType.published`) stands in, and finally the build's
    ``today`` (so output never depends on the clock).
    """
    value = ctx.posted(rec)
    if value is None:
        value = registry.of(rec).published(rec) or ctx.today
    return moment(value)


def dated_by_today(ctx: SiteContext, rec: Record) -> bool:
    """Whether :func:`posted` falls back to the build's day for ``rec`` (a record never committed, without
    ``created`` or a date of publication of its own)."""
    return ctx.posted(rec) is None and registry.of(rec).published(rec) is None


def updated(ctx: SiteContext, rec: Record) -> dt.datetime:
    value = moment(ctx.updated(rec))
    first = posted(ctx, rec)
    return first if value is None or value < first else value


def newest_change(ctx: SiteContext, council: Council | None) -> dt.datetime:
    """The newest :func:`updated` of the council's records (of the portal's, without one; worked out once);
    the build's day where there are none. An empty feed's own date: it changes when what the feed draws
    on does, not every day, as the build's day alone would."""
    if council is not None:
        return max((updated(ctx, r) for r in council.records()), default=None) or moment(ctx.today)
    cached = ctx.__dict__.get("_ashyq_newest_change")
    if cached is None:
        cached = ctx.__dict__["_ashyq_newest_change"] = max(
            (newest_change(ctx, c) for c in ctx.portal.councils.values() if any(True for _ in c.records())),
            default=moment(ctx.today))
    return cached


def tombstones(ctx: SiteContext) -> list[Tombstone]:
    """Withdrawn records of the portal (read from git once per context, cached on it).

    A removed file whose record still exists under the same council, kind
    and id (a ``.yml`` rewritten as ``.md``, say) is no tombstone; of several
    removed files with the same id the latest removal counts.
    """
    cached = ctx.__dict__.get("_ashyq_tombstones")
    if cached is not None:
        return cached
    live = {rec.uid for rec in ctx.portal.all_records()}
    latest: dict[str, Tombstone] = {}
    for stone in read_tombstones(ctx.portal.root, ctx.dates):
        if stone.uid in live:
            continue
        old = latest.get(stone.uid)
        if old is None or (stone.removed or dt.datetime.min.replace(tzinfo=TZ)) >= (
                old.removed or dt.datetime.min.replace(tzinfo=TZ)):
            latest[stone.uid] = stone
    result = [latest[uid] for uid in sorted(latest)]
    ctx.__dict__["_ashyq_tombstones"] = result
    return result


def tombstone_title(stone: Tombstone, lang: str) -> tuple[str, str]:
    title, used = text_in(stone.title, lang)
    return (one_line(title), used) if title else (stone.id, lang)


def councils_of(ctx: SiteContext, rec: Record) -> list[str]:
    """The councils a record belongs to: its own, plus those it is a joint meeting with."""
    slugs = [rec.council]
    for other in getattr(rec, "joint_with", []) or []:
        if other in ctx.portal.councils and other not in slugs:
            slugs.append(other)
    return slugs


def joined(ctx: SiteContext) -> dict[str, list[Record]]:
    """Slug -> the records of other councils it belongs to (joint meetings it takes part in: :func:`councils_of`).

    Made once per context and cached on it: a council's feeds and calendar then read its partners' few
    records, not every record of the portal (the build makes it before it forks the processes that use it).
    """
    cached = ctx.__dict__.get("_ashyq_joined")
    if cached is not None:
        return cached
    found: dict[str, list[Record]] = {}
    for council in ctx.portal.councils.values():
        for rec in council.records():
            if getattr(rec, "joint_with", None):
                for slug in councils_of(ctx, rec)[1:]:
                    found.setdefault(slug, []).append(rec)
    ctx.__dict__["_ashyq_joined"] = found
    return found


# --------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    id: str  # absolute permalink, the stable entry id
    link: str  # absolute URL of a page that exists
    title: str
    summary: str
    lang: str  # language the title is in (xml:lang)
    published: dt.datetime
    updated: dt.datetime
    kind: str  # category term: meeting, hearing, …, withdrawn
    council: str
    permalink: bool = True  # False for tombstones: the id no longer resolves



def newest_first(updated: dt.datetime, published: dt.datetime) -> tuple[float, float]:
    """Where an entry goes in a feed, newest ``updated`` first, then newest ``published`` (its id breaks ties)."""
    return -updated.timestamp(), -published.timestamp()


def finish(lines: Iterable[str]) -> str:
    return shorten(plain("\n".join(line for line in lines if line)), SUMMARY_LIMIT)


def when(day: dt.date, time: str | None, lang: str) -> str:
    return f"{format_date(day, lang)}, {time}" if time else format_date(day, lang)


def place(rec: Record, lang: str) -> str:
    place = one_line(text_in(rec.place, lang)[0])
    online = rec.online or ""
    return " · ".join(p for p in (place, online) if p)


def findings_lines(ctx: SiteContext, rec: Record, lang: str) -> list[str]:
    found = ctx.findings_for(rec)
    if not found:
        return []
    return [say(lang, "feeds.findings")] + [f"— {one_line(f.message(lang))}" for f in found]


def agenda_lines(rec: Record, lang: str) -> list[str]:
    lines = []
    for i, item in enumerate(rec.agenda):
        line = f"{rec.item_number(i)}. {one_line(text_in(item.title, lang)[0])}"
        speaker = one_line(text_of(item.speaker, lang))
        if speaker:
            line += f" ({speaker})"
        lines.append(line)
    return ([say(lang, "feeds.agenda")] + lines) if lines else []


def votes_text(votes, lang: str) -> str:
    if votes is None:
        return ""
    return say(lang, "feeds.votes", yes=votes.for_, no=votes.against, abstained=votes.abstained)


def decision_lines(rec: Record, lang: str) -> list[str]:
    lines = []
    for d in rec.decisions:
        line = f"{d.item}. {one_line(text_in(d.text, lang)[0])}"
        votes = votes_text(d.votes, lang)
        lines.append(f"{line} ({votes})" if votes else line)
    return ([say(lang, "feeds.decisions")] + lines) if lines else []


def status_line(rec: Record, lang: str) -> str:
    line = say(lang, "feeds.status", status=say(lang, f"feeds.status.{rec.status}"))
    reason = one_line(text_in(getattr(rec, "cancellation_reason", None), lang)[0])
    return f"{line} {reason}".strip() if reason and rec.status in ("cancelled", "postponed") else line


class LazyEntry:
    """A feed entry known by its id and dates; its text is built only if it makes a feed's newest 50."""

    __slots__ = ("id", "published", "updated", "_build", "_entry")

    def __init__(self, entry_id: str, published: dt.datetime, last: dt.datetime, build: Callable[[], Entry]):
        self.id, self.published, self.updated, self._build, self._entry = entry_id, published, last, build, None

    def sort_key(self) -> tuple:
        return (*newest_first(self.updated, self.published), self.id)

    def entry(self) -> Entry:
        if self._entry is None:
            self._entry = self._build()
            assert (self._entry.id, self._entry.published, self._entry.updated) == (self.id, self.published,
                                                                                   self.updated)
        return self._entry
