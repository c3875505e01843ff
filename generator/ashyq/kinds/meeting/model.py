"""Meetings (``meetings/<id>.md``): agenda, attendance, protocol, decisions."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text, Votes
from ...types import Clock, Slug, Status, Url


class AgendaItem(Model):
    number: int | None = Field(None, ge=1, description="Default: position in the list")
    title: Text
    speaker: Name | None = None
    materials: list[Attachment] = []


class Decision(Model):
    item: int = Field(ge=1, description="Number of the agenda item decided")
    text: Text
    votes: Votes | None = None


class Moved(Model):
    """An earlier date and time of a rescheduled meeting (keeps its calendar UID)."""

    date: dt.date
    time: Clock | None = None


class Meeting(Record):
    KIND: ClassVar[str] = "meeting"
    FOLDER: ClassVar[str] = "meetings"

    number: int | None = Field(None, ge=1, description="Protocol number within the year")
    title: Text | None = None
    date: dt.date
    time: Clock | None = None
    end_time: Clock | None = None
    place: Text | None = None
    online: Url | None = None
    status: Status = "planned"
    moved_from: list[Moved] = Field([], description="Earlier dates of a rescheduled meeting, oldest first")
    joint_with: list[Slug] = Field([], description="Other councils of the portal taking part")
    agenda_published: dt.date | None = None
    agenda: list[AgendaItem] = []
    attendance: list[Slug] = Field([], description="Ids of the members present")
    invited: list[Name] = []
    protocol_published: dt.date | None = None
    decisions: list[Decision] = []
    attachments: list[Attachment] = []
    video: Url | None = None
    cancellation_reason: Text | None = None

    def item_number(self, index: int) -> int:
        return self.agenda[index].number or index + 1
