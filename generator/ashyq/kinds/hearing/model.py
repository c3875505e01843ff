"""Public hearings (``hearings/<id>.md``): announcement, protocol, final protocol."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar, Literal, Union

from pydantic import Field, PrivateAttr

from ...models.common import Attachment, Model, Name, Record, Text, Votes
from ...types import Clock, Slug, Status, Url


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
    # A body's id from bodies.yml, or the name written out (the loader puts the body's names here).
    name: Union[Text, Slug] = Field(description="Its id in bodies.yml, or its name in kk and ru")
    kind: Literal["state-body", "supervisory", "media", "other"]
    date: dt.date

    _body_id: str | None = PrivateAttr(None)

    @property
    def body_id(self) -> str | None:
        return self._body_id


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

    def body_refs(self) -> Iterator[tuple[Any, str, tuple[str | int, ...]]]:
        for i, addressee in enumerate(self.sent_to):
            yield addressee, "name", ("sent_to", i, "name")
