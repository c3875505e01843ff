"""Recommendations (``recommendations/<id>.yml``) and the state body's response."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text
from ...types import Basis, Slug


class Signatory(Model):
    name: Name
    position: Text
    first_head: bool = Field(True, description="Signed by the first head of the body, as the law asks")


class Response(Model):
    date: dt.date = Field(description="Date of the body's response letter")
    number: str | None = Field(None, description="Outgoing number of the letter")
    signatory: Signatory | None = None
    text: Text | None = None
    file: Attachment | None = None
    motivated: bool = True
    outcome: Literal["accepted", "partly", "rejected"]


class Recommendation(Record):
    KIND: ClassVar[str] = "recommendation"
    FOLDER: ClassVar[str] = "recommendations"

    title: Text
    text: Text
    addressee: Text = Field(description="The state body the recommendation is sent to")
    basis: Basis = Field(description="Legal basis, e.g. 5.1.1 = art. 5 p.1 sub. 1 (10 working days), 5.1.3 (one month)")
    meeting: Slug | None = Field(None, description="Id of the meeting that adopted it")
    hearing: Slug | None = Field(None, description="Id of the hearing it came from")
    sent: dt.date
    response: Response | None = None
    follow_up: Text | None = None

    @property
    def short_deadline(self) -> bool:
        return self.basis.split(".")[-1] == "1"
