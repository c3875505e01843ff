"""The building blocks of the open-data output models, and the values that fill them.

Each record type declares its output model (``kinds/<type>.py``); the JSON
of ``data/<folder>.json`` is that model dumped, its JSON Schema is that
model's schema, and its CSV columns are the fields of its row model. The
blocks here (a bilingual text, a web address, a file, a vote) are shared.
Names follow OParl 1.1 and Popolo; see :mod:`ashyq.render.opendata`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..clock import moment, time_of_day
from ..models import Record, Text as TextIn
from ..models.common import Attachment, Votes
from . import urls
from .context import SiteContext
from .feedtext import plain, posted, updated

DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
STAMP_RE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"
Date = Annotated[str, Field(pattern=DATE_RE)]
Stamp = Annotated[str, Field(pattern=STAMP_RE)]
When = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")]
Url = Annotated[str, Field(pattern=r"^https?://")]
Count = Annotated[int, Field(ge=0)]
Compliance = list[str]  # ids of the compliance rules the record's findings come from
OUTPUT_LANGS = ("kk", "ru")  # a Text always has both keys; a language the portal does not use is null


class Out(BaseModel):
    """An output object: every key always present (null when empty), no other keys."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Text(Out):
    """A text in Kazakh (kk, the state language) and Russian (ru)."""

    kk: str | None
    ru: str | None


class Web(Out):
    """OParl web: the page of the object in each language."""

    kk: Url | None
    ru: Url | None


class File(Out):
    """OParl File: an attachment; fileName is its path in the council's folder of the records repository."""

    type: Literal["File"] = "File"
    name: Text
    fileName: str


class Count_(Out):
    option: Literal["yes", "no", "abstain"]
    value: Count


class VoteEvent(Out):
    """Popolo VoteEvent: counts of the options yes, no and abstain (empty when not recorded)."""

    type: Literal["VoteEvent"] = "VoteEvent"
    counts: list[Count_]


class MotionVote(Out):
    """Popolo VoteEvent on an agenda item's motion."""

    type: Literal["VoteEvent"] = "VoteEvent"
    agendaItem: Count
    motion: Text
    counts: list[Count_]


class Location(Out):
    description: Text | None
    online: Url | None


class Indicator(Out):
    """Feedback indicator F = (B/C)·(E/G)·100 % of Order No. 17-НҚ (2024); 0 when not public."""

    council: str
    year: int
    period: Literal["h1", "h2", "year"]
    B: Count
    C: Count
    E: Count
    G: Count
    public: bool
    F: Annotated[float, Field(ge=0)]
    band: Literal["ineffective", "low", "medium", "high"]
    basis: Literal["report", "consultations"]  # where the figures come from
    reports: list[str]  # the uids of the records that gave them (reports, or consultations)


# --------------------------------------------------------------------- values


def text(value: TextIn | str | None, langs: Iterable[str] = OUTPUT_LANGS) -> Text | None:
    """A record's text for output; languages the portal does not publish are null."""
    if value is None:
        return None
    langs = tuple(langs)
    if isinstance(value, str):
        return Text(**{lang: plain(value) if lang in langs else None for lang in OUTPUT_LANGS})
    return Text(**{lang: plain(getattr(value, lang)) if lang in langs and getattr(value, lang) is not None else None
                   for lang in OUTPUT_LANGS})


def texts(values: Iterable[TextIn | str], langs: Iterable[str] = OUTPUT_LANGS) -> list[Text]:
    return [text(v, langs) for v in values]


def date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def stamp(value: dt.date | dt.datetime | None) -> str | None:
    m = moment(value)
    return m.isoformat(timespec="seconds") if m else None


def start(day: dt.date, time: str | None) -> str:
    if not time:
        return day.isoformat()
    return moment(dt.datetime.combine(day, time_of_day(time))).isoformat(timespec="seconds")


def end(day: dt.date, time: str | None, finish: str | None) -> str | None:
    if not time or not finish:
        return None
    begin, close = dt.datetime.combine(day, time_of_day(time)), dt.datetime.combine(day, time_of_day(finish))
    if close <= begin:
        close += dt.timedelta(days=1)
    return moment(close).isoformat(timespec="seconds")


def web(ctx: SiteContext, rec: Record) -> Web:
    return Web(**{lang: ctx.url(urls.record(lang, rec)) if lang in ctx.langs else None for lang in OUTPUT_LANGS})


def file(att: Attachment | None, langs: Iterable[str] = OUTPUT_LANGS) -> File | None:
    if att is None:
        return None
    return File(name=text(att.title, langs), fileName=plain(att.file))


def counts(votes: Votes | None) -> list[Count_]:
    if votes is None:
        return []
    return [Count_(option="yes", value=votes.for_), Count_(option="no", value=votes.against),
            Count_(option="abstain", value=votes.abstained)]


def body(rec: Record, langs: Iterable[str] = OUTPUT_LANGS) -> Text | None:
    if not rec.body:
        return None
    langs = tuple(langs)
    return Text(**{lang: plain(rec.body[lang]) if lang in langs and rec.body.get(lang) is not None else None
                   for lang in OUTPUT_LANGS})


def stamps(ctx: SiteContext, rec: Record) -> dict[str, Any]:
    return {"created": stamp(posted(ctx, rec)), "modified": stamp(updated(ctx, rec)), "deleted": False}


def compliance(ctx: SiteContext, rec: Record) -> Compliance:
    return sorted({f.rule for f in ctx.findings_for(rec)})


def both(prefix: str, value: dict | None) -> dict[str, Any]:
    """A text as two CSV cells, ``<prefix>_kk`` and ``<prefix>_ru``."""
    value = value or {}
    return {f"{prefix}_kk": value.get("kk"), f"{prefix}_ru": value.get("ru")}


def pages(item: dict) -> dict[str, Any]:
    page = item.get("web") or {}
    return {"page_kk": page.get("kk"), "page_ru": page.get("ru")}


def rid(item: dict) -> str:
    return item["id"].rsplit("/", 1)[-1]


Cell = Any  # a CSV cell: str, int, bool, date or None; formatted by the CSV writer


def camel(name: str) -> str:
    """``report-hearings`` -> ``reportHearings``: a data file's name as a JSON key."""
    head, *rest = name.split("-")
    return head + "".join(part.capitalize() for part in rest)


def snake(key: str) -> str:
    """``meetingsHeld`` -> ``meetings_held``: a JSON key as a CSV column."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


# Counts a council's summary adds after one type's own count.
_DERIVED_COUNTS = {"meetings": ("meetingsHeld",), "recommendations": ("recommendationsOverdue",)}


def counts_keys() -> list[str]:
    """The keys of a council's ``counts``: one per record type (registration order) and the derived ones."""
    from ..kinds import registry

    keys = []
    for rt in registry.record_types():
        keys.append(camel(rt.data.name))
        keys += _DERIVED_COUNTS.get(rt.data.name, ())
    return [*keys, "findings"]
