"""RSS 2.0 and Atom feeds for readers who follow councils by subscription.

Per language (``kk``, ``ru``):

* portal-wide ``all`` and one feed per record type: ``meetings`` (new
  meetings and their agendas), ``decisions`` (held meetings' decisions and
  protocols), ``hearings`` (hearing announcements), ``reports`` and
  ``overdue`` (responses of state bodies past their deadline);
* per council ``all`` (its records, joint meetings it takes part in, and its
  withdrawn records).

Each file exists as ``<name>.atom.xml`` and ``<name>.rss.xml`` at the paths of
:func:`ashyq.render.urls.feed`. Generated with feedgen, never string templates.

What a reader can rely on:

* **Stable ids.** An entry's id (Atom ``id``, RSS ``guid``) is the record's
  absolute permalink. It never changes, so rebuilding never shows an entry
  twice; a record that moves from "meeting announced" to "decisions
  published" keeps its id and its ``updated`` date moves.
* **Dates.** ``published`` is when the record was published
  (:meth:`SiteContext.posted`: the record's ``created``, else its first
  commit), never the meeting date, which may lie in the future. In the
  ``decisions`` feed it is when the protocol was published, in ``overdue``
  the day the response became overdue (never before the record was posted).
  ``updated`` is :meth:`SiteContext.updated`, never earlier than
  ``published``. Entries are ordered newest ``updated`` first and the feed
  keeps the newest :data:`MAX_ENTRIES`. The feed's own date is its newest
  entry's ``updated`` (feedgen's default "now" is overridden), so two builds
  of the same records are byte-identical.
* **Text.** Titles and summaries are plain text (XML-escaped by lxml; control
  characters XML cannot carry are dropped; Atom summaries are
  ``type="text"``, RSS descriptions, which readers render as HTML, are
  HTML-escaped once more with ``<br/>`` for line breaks) in the entry's language, marked
  with ``xml:lang`` on the entry. When a text is missing in the feed's
  language the other language is used and the entry says so with its own
  ``xml:lang``.
* **Tombstones.** A record file removed from the repository (OParl 1.1:
  deletions are never silent) leaves a "withdrawn" entry whose id is the old
  permalink; its link goes to the council's section page, which still exists.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_format_date
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

from .. import __version__
from ..deadlines import response_status
from ..i18n import t
from ..load.tombstones import Tombstone, read_tombstones
from ..models import Council, Hearing, Meeting, Plan, Recommendation, Record, Report, Text, text_of
from . import urls
from .context import SiteContext
from .indicator import compute

TZ = ZoneInfo("Asia/Almaty")
MAX_ENTRIES = 50
SUMMARY_LIMIT = 1500  # characters of a summary before it is cut with "…"
TITLE_LIMIT = 300
PORTAL_FEEDS = ("all", "meetings", "decisions", "hearings", "reports", "overdue")
COUNCIL_FEEDS = ("all",)
FORMATS = ("atom", "rss")
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
BABEL_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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


def text_in(value: Text | str | None, lang: str) -> tuple[str, str]:
    """``(text, language it is in)``: the text in ``lang``, else in the other language."""
    if value is None:
        return "", lang
    if isinstance(value, str):
        return value, lang
    own = getattr(value, lang, None)
    if own:
        return own, lang
    for other in ("kk", "ru"):
        if getattr(value, other, None):
            return getattr(value, other), other
    return "", lang


def moment(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    """A date or datetime as an aware datetime in Asia/Almaty (a date is its local midnight)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=TZ)
        return value.astimezone(TZ)
    return dt.datetime(value.year, value.month, value.day, tzinfo=TZ)


def local_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    m = moment(value)
    return m.date() if m else None


def format_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """'2026 ж. 12 наурыз' / '12 марта 2026 г.' (Babel, long format)."""
    day = local_date(value)
    if day is None:
        return ""
    return _long_date(day, lang)


@lru_cache(maxsize=8192)
def _long_date(day: dt.date, lang: str) -> str:
    return _babel_format_date(day, "long", locale=BABEL_LOCALES.get(lang, lang))


def site_title(ctx: SiteContext, lang: str) -> str:
    return one_line(ctx.portal.config.title.get(lang))


def council_name(council: Council | None, lang: str, short: bool = False) -> str:
    if council is None or council.info is None:
        return council.slug if council else ""
    if short and council.info.short_name:
        return one_line(council.info.short_name.get(lang))
    return one_line(council.info.name.get(lang))


def record_title(rec: Record, lang: str) -> tuple[str, str]:
    """``(title, language)`` of a record as feeds, calendars and data name it."""
    if isinstance(rec, Meeting):
        text, used = text_in(rec.title, lang)
        if text:
            return one_line(text), used
        key = "feeds.meeting-numbered" if rec.number else "feeds.meeting-untitled"
        return say(lang, key, number=rec.number or "", date=format_date(rec.date, lang)), lang
    if isinstance(rec, Hearing):
        text, used = text_in(rec.topic, lang)
        return one_line(text), used
    if isinstance(rec, Plan):
        text, used = text_in(rec.title, lang)
        if text:
            return one_line(text), used
        return say(lang, "feeds.plan-untitled", year=rec.year), lang
    text, used = text_in(getattr(rec, "title", None), lang)
    return one_line(text) or rec.id, used


def posted(ctx: SiteContext, rec: Record) -> dt.datetime:
    """When the record was published, as an aware datetime.

    :meth:`SiteContext.posted` (the record, else git); outside git and
    without ``created`` the record's own publication date stands in, and
    finally the build's ``today`` (so output never depends on the clock).
    """
    value = ctx.posted(rec)
    if value is None:
        value = (getattr(rec, "agenda_published", None) or getattr(rec, "announced", None)
                 or getattr(rec, "published", None) or getattr(rec, "sent", None) or ctx.today)
    return moment(value)


def updated(ctx: SiteContext, rec: Record) -> dt.datetime:
    value = moment(ctx.updated(rec))
    first = posted(ctx, rec)
    return first if value is None or value < first else value


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
    title = stone.title.get(lang)
    if title:
        return one_line(title), lang
    for other in ("kk", "ru"):
        if stone.title.get(other):
            return one_line(stone.title[other]), other
    return stone.id, lang


def councils_of(ctx: SiteContext, rec: Record) -> list[str]:
    """The councils a record belongs to: its own, plus those it is a joint meeting with."""
    slugs = [rec.council]
    for other in getattr(rec, "joint_with", []) or []:
        if other in ctx.portal.councils and other not in slugs:
            slugs.append(other)
    return slugs


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

    def sort_key(self) -> tuple:
        return (-self.updated.timestamp(), -self.published.timestamp(), self.id)


def _finish(lines: Iterable[str]) -> str:
    return shorten(plain("\n".join(line for line in lines if line)), SUMMARY_LIMIT)


def _when(day: dt.date, time: str | None, lang: str) -> str:
    return f"{format_date(day, lang)}, {time}" if time else format_date(day, lang)


def _place(rec: Meeting | Hearing, lang: str) -> str:
    place = one_line(text_in(rec.place, lang)[0])
    online = rec.online or ""
    return " · ".join(p for p in (place, online) if p)


def _findings_lines(ctx: SiteContext, rec: Record, lang: str) -> list[str]:
    found = ctx.findings_for(rec)
    if not found:
        return []
    return [say(lang, "feeds.findings")] + [f"— {one_line(f.message(lang))}" for f in found]


def _agenda_lines(rec: Meeting, lang: str) -> list[str]:
    lines = []
    for i, item in enumerate(rec.agenda):
        line = f"{rec.item_number(i)}. {one_line(text_in(item.title, lang)[0])}"
        speaker = one_line(text_of(item.speaker, lang))
        if speaker:
            line += f" ({speaker})"
        lines.append(line)
    return ([say(lang, "feeds.agenda")] + lines) if lines else []


def _votes(votes, lang: str) -> str:
    if votes is None:
        return ""
    return say(lang, "feeds.votes", yes=votes.for_, no=votes.against, abstained=votes.abstained)


def _decision_lines(rec: Meeting, lang: str) -> list[str]:
    lines = []
    for d in rec.decisions:
        line = f"{d.item}. {one_line(text_in(d.text, lang)[0])}"
        votes = _votes(d.votes, lang)
        lines.append(f"{line} ({votes})" if votes else line)
    return ([say(lang, "feeds.decisions")] + lines) if lines else []


def _status_line(rec: Meeting | Hearing, lang: str) -> str:
    line = say(lang, "feeds.status", status=say(lang, f"feeds.status.{rec.status}"))
    reason = one_line(text_in(getattr(rec, "cancellation_reason", None), lang)[0])
    return f"{line} {reason}".strip() if reason and rec.status in ("cancelled", "postponed") else line


def _meeting_summary(ctx: SiteContext, rec: Meeting, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.meeting-when", when=_when(rec.date, rec.time, lang)), _status_line(rec, lang)]
    if rec.moved_from:
        dates = ", ".join(_when(m.date, m.time, lang) for m in rec.moved_from)
        lines.append(say(lang, "feeds.moved-from", dates=dates))
    place = _place(rec, lang)
    if place:
        lines.append(say(lang, "feeds.place", place=place))
    if rec.agenda_published:
        lines.append(say(lang, "feeds.agenda-published", date=format_date(rec.agenda_published, lang)))
    lines += _agenda_lines(rec, lang)
    if rec.protocol_published:
        lines.append(say(lang, "feeds.protocol-published", date=format_date(rec.protocol_published, lang)))
    lines += _decision_lines(rec, lang)
    lines += _findings_lines(ctx, rec, lang)
    return _finish(lines)


def _hearing_summary(ctx: SiteContext, rec: Hearing, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.hearing-when", when=_when(rec.date, rec.time, lang)), _status_line(rec, lang)]
    place = _place(rec, lang)
    if place:
        lines.append(say(lang, "feeds.place", place=place))
    if rec.announced:
        days = (rec.date - rec.announced).days
        lines.append(say(lang, "feeds.announced", date=format_date(rec.announced, lang), days=days))
    if rec.materials_published:
        lines.append(say(lang, "feeds.materials-published", date=format_date(rec.materials_published, lang)))
    basis = one_line(text_in(rec.basis, lang)[0])
    if basis:
        lines.append(say(lang, "feeds.basis", basis=basis))
    if rec.final_protocol:
        fp = rec.final_protocol
        lines.append(say(lang, "feeds.final-protocol", date=format_date(fp.adopted, lang),
                         votes=_votes(fp.votes, lang)))
    lines += _findings_lines(ctx, rec, lang)
    return _finish(lines)


def _recommendation_summary(ctx: SiteContext, rec: Recommendation, council: str, lang: str) -> str:
    status = response_status(rec, ctx.calendar, ctx.today)
    lines = [council,
             say(lang, "feeds.recommendation-sent", addressee=one_line(text_in(rec.addressee, lang)[0]),
               date=format_date(rec.sent, lang)),
             say(lang, "feeds.deadline", date=format_date(status.deadline, lang)),
             say(lang, f"feeds.response.{status.state}", days=status.days_overdue,
               date=format_date(rec.response.date if rec.response else None, lang))]
    if rec.response is not None:
        lines.append(say(lang, "feeds.outcome", outcome=say(lang, f"feeds.outcome.{rec.response.outcome}")))
    lines.append(one_line(text_in(rec.text, lang)[0]))
    lines += _findings_lines(ctx, rec, lang)
    return _finish(lines)


def _report_summary(ctx: SiteContext, rec: Report, council: str, lang: str) -> str:
    lines = [council, say(lang, f"feeds.report-period.{rec.period}", year=rec.year)]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    council_obj = ctx.portal.councils.get(rec.council)
    ind = compute(council_obj, rec.year, rec.period) if council_obj else None
    if ind is not None:
        lines.append(ind.sentence(lang))
    lines += _findings_lines(ctx, rec, lang)
    return _finish(lines)


def _plan_summary(ctx: SiteContext, rec: Plan, council: str, lang: str) -> str:
    lines = [council, say(lang, "feeds.plan-items", year=rec.year, count=len(rec.items))]
    if rec.published:
        lines.append(say(lang, "feeds.published", date=format_date(rec.published, lang)))
    lines += _findings_lines(ctx, rec, lang)
    return _finish(lines)


_SUMMARIES = {Meeting: _meeting_summary, Hearing: _hearing_summary, Recommendation: _recommendation_summary,
              Report: _report_summary, Plan: _plan_summary}


def record_entry(ctx: SiteContext, rec: Record, lang: str) -> Entry:
    """The entry of a record in ``all`` and its type's feed."""
    council = ctx.portal.councils.get(rec.council)
    title, used = record_title(rec, lang)
    if isinstance(rec, (Meeting, Hearing)) and rec.status in ("cancelled", "postponed"):
        title = say(used, f"feeds.title-{rec.status}", title=title)
    link = ctx.url(urls.record(lang, rec))
    summary = _SUMMARIES[type(rec)](ctx, rec, council_name(council, lang), lang)
    return Entry(id=link, link=link, title=shorten(title, TITLE_LIMIT), summary=summary, lang=used,
                 published=posted(ctx, rec), updated=updated(ctx, rec), kind=rec.KIND, council=rec.council)


def decision_dates(ctx: SiteContext, rec: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """``(published, updated)`` of a meeting in the ``decisions`` feed: from when its protocol was published."""
    first = posted(ctx, rec)
    published = max(first, moment(rec.protocol_published)) if rec.protocol_published else updated(ctx, rec)
    return published, max(published, updated(ctx, rec))


def overdue_dates(ctx: SiteContext, rec: Recommendation, deadline: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """``(published, updated)`` of an overdue response: from the day after the deadline."""
    published = max(posted(ctx, rec), moment(deadline + dt.timedelta(days=1)))
    return published, max(published, updated(ctx, rec))


def decision_entry(ctx: SiteContext, rec: Meeting, lang: str) -> Entry:
    """A held meeting in the ``decisions`` feed: published when its protocol was."""
    council = ctx.portal.councils.get(rec.council)
    title, used = record_title(rec, lang)
    link = ctx.url(urls.record(lang, rec))
    published, last = decision_dates(ctx, rec)
    lines = [council_name(council, lang), say(lang, "feeds.meeting-held", date=format_date(rec.date, lang))]
    if rec.protocol_published:
        lines.append(say(lang, "feeds.protocol-published", date=format_date(rec.protocol_published, lang)))
    if rec.attendance:
        lines.append(say(lang, "feeds.present", count=len(rec.attendance)))
    lines += _decision_lines(rec, lang) or _agenda_lines(rec, lang)
    lines += _findings_lines(ctx, rec, lang)
    return Entry(id=link, link=link, title=shorten(say(used, "feeds.title-decisions", title=title), TITLE_LIMIT),
                 summary=_finish(lines), lang=used, published=published, updated=last, kind="decisions",
                 council=rec.council)


def overdue_entry(ctx: SiteContext, rec: Recommendation, lang: str) -> Entry | None:
    status = response_status(rec, ctx.calendar, ctx.today)
    if status.state != "overdue":
        return None
    council = ctx.portal.councils.get(rec.council)
    title, used = record_title(rec, lang)
    link = ctx.url(urls.record(lang, rec))
    published, last = overdue_dates(ctx, rec, status.deadline)
    addressee = one_line(text_in(rec.addressee, lang)[0])
    lines = [council_name(council, lang),
             say(lang, "feeds.recommendation-sent", addressee=addressee, date=format_date(rec.sent, lang)),
             say(lang, "feeds.overdue-line", date=format_date(status.deadline, lang), days=status.days_overdue,
               today=format_date(ctx.today, lang)),
             one_line(text_in(rec.text, lang)[0])]
    return Entry(id=link, link=link,
                 title=shorten(say(used, "feeds.title-overdue", title=title, addressee=addressee), TITLE_LIMIT),
                 summary=_finish(lines), lang=used, published=published, updated=last, kind="overdue",
                 council=rec.council)


def tombstone_entry(ctx: SiteContext, stone: Tombstone, lang: str) -> Entry:
    title, used = tombstone_title(stone, lang)
    permalink = ctx.url(urls.record_by_parts(lang, stone.council, stone.folder, stone.id))
    council = ctx.portal.councils.get(stone.council)
    # The old page is gone; the council's section (or the portal home) still exists.
    link = ctx.url(urls.council(lang, stone.council, stone.folder) if council else urls.home(lang))
    removed = moment(stone.removed) or moment(ctx.today)
    created = moment(stone.created) or removed
    lines = [council_name(council, lang) if council else stone.council,
             say(lang, "feeds.withdrawn-line", kind=say(lang, f"feeds.kind.{stone.kind}"),
               date=format_date(removed, lang))]
    return Entry(id=permalink, link=link, title=shorten(say(lang, "feeds.title-withdrawn", title=title), TITLE_LIMIT),
                 summary=_finish(lines), lang=lang if used == lang else used, published=min(created, removed),
                 updated=removed, kind="withdrawn", council=stone.council, permalink=False)


# --------------------------------------------------------------------- feed files


class _EntryLang(BaseEntryExtension):
    """Puts ``xml:lang`` on each entry (Atom) / item (RSS)."""

    def __init__(self) -> None:
        self.lang: str | None = None

    def extend_atom(self, entry):
        if self.lang:
            entry.set(XML_LANG, self.lang)
        return entry

    def extend_rss(self, item):
        if self.lang:
            item.set(XML_LANG, self.lang)
        return item


@dataclass(frozen=True)
class FeedSpec:
    name: str
    lang: str
    slug: str | None  # None: portal-wide

    def path(self, fmt: str) -> str:
        return urls.feed(self.lang, self.name, fmt, self.slug)


def _page_for(spec: FeedSpec) -> str:
    if spec.slug:
        return urls.council(spec.lang, spec.slug)
    return {"meetings": urls.portal_page(spec.lang, "calendar"),
            "hearings": urls.portal_page(spec.lang, "calendar"),
            "overdue": urls.portal_page(spec.lang, "overdue"),
            "reports": urls.portal_page(spec.lang, "councils")}.get(spec.name, urls.home(spec.lang))


def feed_title(ctx: SiteContext, spec: FeedSpec) -> str:
    if spec.slug:
        council = ctx.portal.councils.get(spec.slug)
        return say(spec.lang, "feeds.title.council", council=council_name(council, spec.lang))
    return say(spec.lang, f"feeds.title.{spec.name}", portal=site_title(ctx, spec.lang))


def _feed_bytes(ctx: SiteContext, spec: FeedSpec, entries: list[Entry]) -> dict[str, bytes]:
    lang = spec.lang
    fg = FeedGenerator()
    fg.register_extension("ashyq", BaseExtension, _EntryLang)
    atom_url = ctx.url(spec.path("atom"))
    page = ctx.url(_page_for(spec))
    fg.id(atom_url)
    fg.title(feed_title(ctx, spec))
    description = (say(lang, "feeds.description.council") if spec.slug else say(lang, f"feeds.description.{spec.name}"))
    fg.subtitle(description)
    fg.description(description)
    fg.language(lang)
    config = ctx.portal.config
    fg.author({"name": one_line(config.operator.get(lang)) if config.operator else site_title(ctx, lang)})
    fg.rights(f"{config.licence.name} — {config.licence.url}")
    fg.generator("ashyq", version=__version__)
    newest = entries[0].updated if entries else moment(ctx.today)
    fg.updated(newest)
    fg.pubDate(newest)
    added = []
    for entry in entries:
        fe = fg.add_entry(order="append")
        added.append((fe, entry))
        fe.guid(entry.id, permalink=entry.permalink)
        fe.title(entry.title)
        fe.link(href=entry.link, rel="alternate", type="text/html", hreflang=lang)
        fe.summary(entry.summary)
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.category(term=entry.kind, label=say(lang, f"feeds.kind.{entry.kind}"))
        council = ctx.portal.councils.get(entry.council)
        fe.author({"name": council_name(council, lang) if council else entry.council})
        fe.ashyq.lang = entry.lang
    out = {}
    for fmt in FORMATS:
        # RSS takes the channel link from the last link: self first, the page last.
        fg.link([{"href": ctx.url(spec.path(fmt)), "rel": "self", "type": MEDIA_TYPES[fmt]},
                 {"href": page, "rel": "alternate", "type": "text/html", "hreflang": lang}], replace=True)
        if fmt == "atom":
            out[fmt] = fg.atom_str(pretty=True)
        else:
            # Readers render an RSS description as HTML: escape the plain text once more.
            for fe, entry in added:
                fe.description(rss_description(entry.summary), isSummary=True)
            out[fmt] = fg.rss_str(pretty=True)
    return out


def rss_description(summary: str) -> str:
    """Plain text as the HTML an RSS description is read as: escaped, line breaks kept."""
    return html.escape(summary, quote=False).replace("\n", "<br/>")


class _Lazy:
    """A feed entry known by its id and dates; its text is built only if it makes a feed's newest 50."""

    __slots__ = ("id", "published", "updated", "_build", "_entry")

    def __init__(self, entry_id: str, published: dt.datetime, last: dt.datetime, build: Callable[[], Entry]):
        self.id, self.published, self.updated, self._build, self._entry = entry_id, published, last, build, None

    def sort_key(self) -> tuple:
        return (-self.updated.timestamp(), -self.published.timestamp(), self.id)

    def entry(self) -> Entry:
        if self._entry is None:
            self._entry = self._build()
            assert (self._entry.id, self._entry.published, self._entry.updated) == (self.id, self.published,
                                                                                   self.updated)
        return self._entry


def _newest(candidates: Iterable[_Lazy]) -> list[Entry]:
    unique: dict[str, _Lazy] = {}
    for lazy in candidates:
        old = unique.get(lazy.id)
        if old is None or lazy.sort_key() < old.sort_key():
            unique[lazy.id] = lazy
    return [lazy.entry() for lazy in sorted(unique.values(), key=_Lazy.sort_key)[:MAX_ENTRIES]]


def collect(ctx: SiteContext, lang: str) -> dict[FeedSpec, list[Entry]]:
    """Every feed of one language and its entries (newest first, at most :data:`MAX_ENTRIES`).

    Dates decide which entries make a feed; only those get their text built
    (once, however many feeds they appear in).
    """
    portal: dict[str, list[_Lazy]] = {name: [] for name in PORTAL_FEEDS}
    by_council: dict[str, list[_Lazy]] = {slug: [] for slug in ctx.portal.councils}
    type_feed = {"meeting": "meetings", "hearing": "hearings", "report": "reports"}
    for council in ctx.portal.councils.values():
        for rec in council.records():
            link = ctx.url(urls.record(lang, rec))
            lazy = _Lazy(link, posted(ctx, rec), updated(ctx, rec), partial(record_entry, ctx, rec, lang))
            portal["all"].append(lazy)
            if rec.KIND in type_feed:
                portal[type_feed[rec.KIND]].append(lazy)
            for slug in councils_of(ctx, rec):
                by_council[slug].append(lazy)
            if isinstance(rec, Meeting) and rec.status == "held" and (
                    rec.decisions or rec.protocol_published or rec.body):
                portal["decisions"].append(_Lazy(link, *decision_dates(ctx, rec),
                                                 partial(decision_entry, ctx, rec, lang)))
            if isinstance(rec, Recommendation):
                status = response_status(rec, ctx.calendar, ctx.today)
                if status.state == "overdue":
                    portal["overdue"].append(_Lazy(link, *overdue_dates(ctx, rec, status.deadline),
                                                   partial(overdue_entry, ctx, rec, lang)))
    for stone in tombstones(ctx):
        entry = tombstone_entry(ctx, stone, lang)
        lazy = _Lazy(entry.id, entry.published, entry.updated, lambda entry=entry: entry)
        portal["all"].append(lazy)
        if stone.kind in type_feed:
            portal[type_feed[stone.kind]].append(lazy)
        if stone.council in by_council:
            by_council[stone.council].append(lazy)
    feeds = {FeedSpec(name, lang, None): _newest(entries) for name, entries in portal.items()}
    for slug in sorted(by_council):
        feeds[FeedSpec("all", lang, slug)] = _newest(by_council[slug])
    return feeds


def _write(site: Path, rel: str, data: bytes) -> str:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel


def write_feeds(ctx: SiteContext, site: Path) -> list[str]:
    """Write every feed of every language into ``site``; the site-relative paths written, sorted."""
    written = []
    for lang in ctx.langs:
        for spec, entries in collect(ctx, lang).items():
            for fmt, data in _feed_bytes(ctx, spec, entries).items():
                written.append(_write(Path(site), spec.path(fmt), data))
    return sorted(written)


def feed_links(ctx: SiteContext, lang: str, council: Council | str | None = None) -> list[dict[str, str]]:
    """``<link rel="alternate">`` autodiscovery: ``[{title, href, type}]`` with absolute hrefs, Atom then RSS.

    Without ``council``: the portal-wide ``all`` feeds, for every page (the
    theme's site-wide list, ``extra.ashyq.feeds``). With ``council`` (a
    :class:`Council` or its slug): that council's own feeds only, for its
    pages' front matter ``feeds:``; the theme adds the site-wide ones, so
    they are not repeated here.
    """
    slug = council.slug if isinstance(council, Council) else council
    specs = [FeedSpec("all", lang, slug or None)]
    links = []
    for spec in specs:
        title = feed_title(ctx, spec)
        for fmt in FORMATS:
            links.append({"title": f"{title} ({say(lang, f'feeds.format.{fmt}')})", "href": ctx.url(spec.path(fmt)),
                          "type": MEDIA_TYPES[fmt]})
    return links
