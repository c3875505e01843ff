"""Recommendations (``recommendations/<id>.yml``) and the state body's response."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar, Literal, Union

from pydantic import Field, PrivateAttr

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
    # A body's id from bodies.yml, or its name written out (still accepted). The loader puts the body's
    # names here and keeps the id in ``body_id`` (load/bodies.py).
    addressee: Union[Text, Slug] = Field(
        description="The state body it is sent to: its id in bodies.yml, or its name in kk and ru")
    basis: Basis = Field(description="Legal basis: 5.1.N = art. 5 p.1 sub. N (a state body's council), "
                                     "5-1.1.N = art. 5-1 p.1 sub. N (a quasi-public entity's); N=1: 10 working days")
    meeting: Slug | None = Field(None, description="Id of the meeting that adopted it")
    decision: int | None = Field(None, ge=1, description="Agenda item number of the meeting's decision that adopted it")
    hearing: Slug | None = Field(None, description="Id of the hearing it came from")
    authors: list[Slug] = Field(
        [], description="Ids of the council members who drafted or proposed it (members of members.yml)")
    sent: dt.date
    received: dt.date | None = Field(
        None, description="Date the body received it (its incoming stamp); the response time counts from it")
    response: Response | None = None
    follow_up: Text | None = None

    _body_id: str | None = PrivateAttr(None)

    @property
    def body_id(self) -> str | None:
        """The addressee's id in bodies.yml; None for an addressee written as free text."""
        return self._body_id

    def body_refs(self) -> Iterator[tuple[Any, str, tuple[str, ...]]]:
        yield self, "addressee", ("addressee",)

    @property
    def short_deadline(self) -> bool:
        """Sub-point 1): ten working days (art. 5 p.2, art. 5-1 p.2)."""
        return self.basis.split(".")[-1] == "1"
