"""Public consultations (``consultations/<id>.md``): the 7 steps of the 2024 ministry recommendations.

The record follows the steps of seed 001: the meeting that decided to hold
it and approved the questions (steps 1–2), the quarterly schedule it belongs
to, the announcement (step 3), the consultation itself (step 4), what
citizens proposed (step 5), the draft recommendation on a draft legal act
(step 6) and the council's published position (step 7; its text is the
Markdown body).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Record, Text
from ...types import Clock, Slug, Status, Url

Format = Literal["in-person", "online", "mixed", "survey"]


class Schedule(Model):
    """The schedule of consultations this one is in: approved at a meeting, published in social networks or media."""

    meeting: Slug | None = Field(None, description="Id of the meeting that approved the schedule")
    published: dt.date | None = Field(None, description="When the schedule was published")
    channels: list[Text] = Field([], description="Where the schedule was published")


class Position(Model):
    """Step 7: the council tells citizens its position; the text is the record's Markdown body."""

    published: dt.date | None = Field(None, description="When the council's position was published")
    channels: list[Text] = Field([], description="Social networks or media where it was published")
    link: Url | None = Field(None, description="Address of the publication")


class Consultation(Record):
    KIND: ClassVar[str] = "consultation"
    FOLDER: ClassVar[str] = "consultations"

    issue: Text = Field(description="The issue citizens are consulted on")
    draft_act: Text | None = Field(None, description="The draft legal act consulted on, if any (step 6)")
    meeting: Slug | None = Field(None, description="Id of the meeting that decided to hold it and approved the questions")
    questions: list[Text] = Field([], description="The questions put to citizens, as the meeting approved them")
    schedule: Schedule | None = None
    status: Status = "planned"
    announced: dt.date | None = None
    channels: list[Text] = Field([], description="Social networks or media where it was announced")
    date: dt.date = Field(description="Day it is held (planned or held)")
    time: Clock | None = None
    end_time: Clock | None = None
    format: Format | None = Field(None, description="in-person, online, mixed (both) or survey")
    place: Text | None = None
    online: Url | None = None
    participants: int | None = Field(None, ge=0, description="Number of citizens who took part")
    proposals_received: int | None = Field(None, ge=0, description="Remarks and proposals received (C)")
    proposals_accepted: int | None = Field(None, ge=0, description="Of them accepted by the council (B)")
    comments_received: int | None = Field(None, ge=0, description="Comments without a concrete proposal (G)")
    comments_answered: int | None = Field(None, ge=0, description="Of them answered (E)")
    proposals: list[Text] = Field([], description="The list of proposals and recommendations received (step 5)")
    draft_recommendation: Text | None = Field(
        None, description="Step 6: the council's draft recommendation on the draft act, taking the proposals into account")
    recommendations: list[Slug] = Field([], description="Ids of the recommendations that came from it")
    position: Position | None = None
    cancellation_reason: Text | None = None
    attachments: list[Attachment] = []
