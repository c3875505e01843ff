"""Public hearings (``hearings/<id>.md``): announcement, protocol, final protocol."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text, Votes
from ...types import Clock, Status, Url


class Speech(Model):
    speaker: Name
    summary: Text


class FinalProtocol(Model):
    adopted: dt.date
    members_present: int = Field(ge=0, description="Council members present at the vote")
    votes: Votes
    compliance_information: Text | None = None
    recommendations: list[Text] = []
    amendments: list[Text] = Field([], description="Proposals to amend legal acts")
    justification: Text | None = Field(None, description="Motivated justification")
    signed_by_chair: bool = False
    signed_by_secretary: bool = False
    published: dt.date | None = None
    file: Attachment | None = None


class Addressee(Model):
    name: Text
    kind: Literal["state-body", "supervisory", "media", "other"]
    date: dt.date


class Hearing(Record):
    KIND: ClassVar[str] = "hearing"
    FOLDER: ClassVar[str] = "hearings"

    topic: Text
    basis: Text | None = Field(None, description="Legal basis of the hearing")
    status: Status = "planned"
    agreed_with_body: dt.date | None = None
    announced: dt.date | None = None
    channels: list[Text] = Field([], description="Where it was announced")
    materials_published: dt.date | None = None
    materials: list[Attachment] = []
    date: dt.date
    time: Clock | None = None
    end_time: Clock | None = None
    place: Text | None = None
    online: Url | None = None
    present: int | None = Field(None, ge=0, description="Number of people present")
    chair: Name | None = None
    secretary: Name | None = None
    agenda: list[Text] = []
    speeches: list[Speech] = []
    proposals: list[Text] = []
    final_protocol: FinalProtocol | None = None
    sent_to: list[Addressee] = []
    attachments: list[Attachment] = []
    video: Url | None = None
