"""A deputy's personal reception of citizens (``receptions/<id>.yml``)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ...models.common import Attachment, Record, Text
from ...types import Clock, Slug, Status, Url
from ..appeal.topics import Topic


class Reception(Record):
    KIND: ClassVar[str] = "reception"
    FOLDER: ClassVar[str] = "receptions"

    deputy: Slug = Field(description="The deputy's id in members.yml")
    status: Status = "planned"
    date: dt.date
    time: Clock | None = None
    end_time: Clock | None = None
    place: Text | None = Field(None, description="Where: the address of the reception room, never a home address")
    online: Url | None = Field(None, description="The online channel, for a reception held online")
    announced: dt.date | None = Field(None, description="Date the reception was announced")
    channels: list[Text] = Field([], description="Where it was announced")
    citizens: int | None = Field(None, ge=0, description="Number of citizens received")
    topics: list[Topic] = Field([], description="Topics raised, from the portal's list")
    appeals: list[Slug] = Field([], description="Numbers of the appeals registered at the reception")
    follow_ups: list[Text] = Field([], description="What the deputy undertook to do")
    attachments: list[Attachment] = []
