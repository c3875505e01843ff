"""The appeals registry (``appeals/<YYYY-MM>.yml``): one file per month, one entry per appeal.

An entry describes the problem, never the person: there is no field for a name,
an address or a contact, and an unknown field is refused by the model. Free
text (``summary``, ``reason``) goes through the privacy scan like any record.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from ...models.common import Model, Record, Text
from ...types import Clock, Slug
from .topics import Topic

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
AppealStatus = Literal["received", "in-progress", "answered", "redirected", "rejected"]
Channel = Literal["reception", "letter", "e-otinish", "email", "messenger", "social-media", "phone", "meeting"]
STATUSES: tuple[str, ...] = ("received", "in-progress", "answered", "redirected", "rejected")
CHANNELS: tuple[str, ...] = ("reception", "letter", "e-otinish", "email", "messenger", "social-media", "phone",
                             "meeting")
CLOSED = ("answered", "redirected", "rejected")


class Point(Model):
    """Where the problem is (a pothole, a broken pipe): a point on the map, never a home address."""

    lat: float = Field(ge=40.0, le=56.0, description="Latitude (Kazakhstan lies between 40.5 and 55.5)")
    lon: float = Field(ge=46.0, le=88.0, description="Longitude (Kazakhstan lies between 46.5 and 87.4)")


class Appeal(Model):
    """One appeal: when, which okrug, what about, how it went. Nothing about who wrote it."""

    id: Slug = Field(description="The registry number, unique in the maslikhat, e.g. 2026-03-017")
    received: dt.date = Field(description="Date the appeal was received")
    time: Clock | None = Field(None, description="Time received (HH:MM), for the 72-hour answer to a public complaint")
    okrug: int = Field(ge=1, le=999, description="Number of the okrug the problem is in")
    deputy: Slug | None = Field(None, description="Id of the deputy (members.yml) it was addressed to")
    topic: Topic = Field(description="One topic of the portal's list")
    channel: Channel = Field(description="How it came: reception, letter, e-otinish, email, messenger, ...")
    status: AppealStatus = "received"
    answered: dt.date | None = Field(None, description="Date of the answer (or of redirecting, or of the refusal)")
    answered_time: Clock | None = Field(None, description="Time of the answer (HH:MM)")
    redirected_to: Text | None = Field(None, description="The body it was redirected to")
    reason: Text | None = Field(None, description="Why it was rejected or redirected")
    public_complaint: bool = Field(False, description="A complaint made in public (social media, a meeting): "
                                                    "answered within 72 hours")
    location: Point | None = None
    summary: Text | None = Field(None, description="The problem in a few words, without any personal data")

    def received_at(self) -> dt.datetime:
        return _moment(self.received, self.time, dt.time(0, 0))

    def answered_at(self) -> dt.datetime | None:
        return _moment(self.answered, self.answered_time, dt.time(23, 59)) if self.answered else None

    @property
    def closed(self) -> bool:
        return self.status in CLOSED


def _moment(day: dt.date, clock: str | None, default: dt.time) -> dt.datetime:
    if not clock:
        return dt.datetime.combine(day, default)
    hours, minutes = clock.split(":")
    return dt.datetime.combine(day, dt.time(int(hours), int(minutes)))


class AppealMonth(Record):
    """``appeals/<YYYY-MM>.yml``: the registry's entries received in one month."""

    KIND: ClassVar[str] = "appeal"
    FOLDER: ClassVar[str] = "appeals"

    month: Month = Field(description="The month, YYYY-MM; every entry was received in it")
    published: dt.date | None = Field(None, description="Date the month's registry was published")
    appeals: list[Appeal] = []

    def first_day(self) -> dt.date:
        year, month = self.month.split("-")
        return dt.date(int(year), int(month), 1)
