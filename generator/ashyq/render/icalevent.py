"""A calendar event (VEVENT) as a small dataclass, written straight to bytes.

A portal's calendars hold every meeting and hearing twice (kk and ru), and
each is written once and shared by the portal's and the councils' files. The
``icalendar`` library made each one through a dozen property objects, their
parameter dictionaries and content-line objects: half of the calendars step
building them and half serialising them (26 s of 340 at 200 councils, one
core, measured). :meth:`Event.to_ical` writes the same bytes from the
fields (the library's order: its canonical properties, then the others
alphabetically; its TEXT escaping and parameter quoting; lines folded where
it folds them, :mod:`.icalfold`), and :meth:`Event.component` builds the
library's own event from the same fields: the reference the tests compare
with, byte for byte, on every event of a portal and on generated text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import icalendar

from ..clock import TZ_NAME
from .icalfold import foldline

_QUOTABLE = re.compile("[,;:’]")  # noqa: RUF001 - the library quotes a parameter value holding one of these


def _text(value: str) -> str:
    """RFC 5545 TEXT, escaped in the library's order (``\\N`` first, line ends last)."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _param(value: str) -> str:
    value = value.replace('"', "'")
    return f'"{value}"' if _QUOTABLE.search(value) else value


def _line(name: str, value: str, **params: str) -> str:
    head = ";".join([name, *(f"{key}={_param(params[key])}" for key in sorted(params))])
    return foldline(f"{head}:{value}") + "\r\n"


def _uri(value: str) -> str:
    """A URI as it is: one that would break the line (and so start a property of its own) is refused, as the
    library refuses it."""
    if "\n" in value or "\r" in value:
        raise ValueError(f"a line break in a calendar URI: {value!r}")
    return value


def _when(name: str, value: dt.date | dt.datetime) -> str:
    """DTSTART/DTEND: a day (``VALUE=DATE``), or a local time with its zone (``TZID``)."""
    if not isinstance(value, dt.datetime):
        return _line(name, f"{value:%Y%m%d}", VALUE="DATE")
    return _line(name, f"{value:%Y%m%dT%H%M%S}", TZID=TZ_NAME)


def _utc(value: dt.datetime) -> str:
    return f"{value.astimezone(dt.timezone.utc):%Y%m%dT%H%M%S}Z"


@dataclass(frozen=True)
class Event:
    """What a dated record's VEVENT says (render/calendars.py ``event`` fills it)."""

    uid: str
    stamp: dt.datetime  # the record's last change: DTSTAMP and LAST-MODIFIED
    created: dt.datetime
    sequence: int
    start: dt.date | dt.datetime  # a day (all-day event) or a time in Asia/Almaty
    end: dt.date | dt.datetime
    summary: str  # plain text
    summary_lang: str
    description: str  # plain text
    lang: str
    location: str | None  # a place in ``lang``, or the online link when there is no place
    location_is_place: bool
    conference: str | None  # the online link
    url: str
    status: str
    transp: str
    category: str

    def to_ical(self) -> bytes:
        """The VEVENT's bytes, as ``self.component().to_ical()`` gives them."""
        lines = ["BEGIN:VEVENT\r\n", _line("SUMMARY", _text(self.summary), LANGUAGE=self.summary_lang),
                 _when("DTSTART", self.start), _when("DTEND", self.end), _line("DTSTAMP", _utc(self.stamp)),
                 _line("UID", _text(self.uid)), _line("SEQUENCE", str(self.sequence)),
                 _line("CATEGORIES", _text(self.category)), "CLASS:PUBLIC\r\n"]
        if self.conference:
            lines.append(_line("CONFERENCE", _uri(self.conference), FEATURE="VIDEO", VALUE="URI"))
        lines += [_line("CREATED", _utc(self.created)),
                  _line("DESCRIPTION", _text(self.description), LANGUAGE=self.lang),
                  _line("LAST-MODIFIED", _utc(self.stamp))]
        if self.location:
            lines.append(_line("LOCATION", _text(self.location), LANGUAGE=self.lang) if self.location_is_place
                         else _line("LOCATION", _text(self.location)))
        lines += [_line("STATUS", _text(self.status)), _line("TRANSP", _text(self.transp)),
                  _line("URL", _uri(self.url)), "END:VEVENT\r\n"]
        return "".join(lines).encode("utf-8")

    def component(self) -> icalendar.Event:
        """The same event built by the ``icalendar`` library: the reference, and what :func:`calendar` holds."""
        ev = icalendar.Event()
        ev.add("uid", self.uid)
        ev.add("dtstamp", self.stamp.astimezone(dt.timezone.utc))
        ev.add("created", self.created.astimezone(dt.timezone.utc))
        ev.add("last-modified", self.stamp.astimezone(dt.timezone.utc))
        ev.add("sequence", self.sequence)
        ev.add("dtstart", self.start)
        ev.add("dtend", self.end)
        ev.add("summary", self.summary, parameters={"LANGUAGE": self.summary_lang})
        ev.add("description", self.description, parameters={"LANGUAGE": self.lang})
        if self.location:
            ev.add("location", self.location, parameters={"LANGUAGE": self.lang} if self.location_is_place else None)
        if self.conference:
            ev.add("conference", self.conference, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        ev.add("url", self.url)
        ev.add("status", self.status)
        ev.add("transp", self.transp)
        ev.add("class", "PUBLIC")
        ev.add("categories", [self.category])
        return ev
