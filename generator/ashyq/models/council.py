"""The council itself and its composition (``council.yml``, ``members.yml``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .common import Attachment, Bin, Model, Name, Slug, Stamp, Text, Url

CouncilType = Literal["ministry", "central-body", "oblast", "city", "district", "quasi-public", "village"]
Role = Literal["chair", "deputy-chair", "secretary", "member"]


class Term(Model):
    start: dt.date = Field(description="First day of the council's term")
    end: dt.date = Field(description="Last day of the council's term")


class Contacts(Model):
    """Official contacts, published on purpose (never scanned as personal data)."""

    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    website: Url | None = None


class CouncilInfo(Model):
    """``council.yml``: who the council is. Its slug is the folder name."""

    name: Text
    short_name: Text | None = None
    type: CouncilType
    host_body: Text = Field(description="The state body or entity the council works at")
    region: Text
    term: Term
    contacts: Contacts = Contacts()
    about: Text | None = None
    formed_by: Text | None = Field(None, description="Who approved the composition (e.g. the maslikhat's decision)")
    renewal_started: dt.date | None = Field(None, description="When forming the next composition started")
    created: Stamp | None = None
    updated: Stamp | None = None


class Consent(Model):
    """What the person agreed to publish beyond name, role and organisation."""

    photo: bool = False
    biography: bool = False
    contacts: bool = False


class Photo(Model):
    file: str
    alt: Text | None = None


class Member(Model):
    """One membership: a person holding a role in the council for a period."""

    id: Slug = Field(description="Stable person id within the council, used in attendance lists")
    name: Name
    role: Role = "member"
    category: Literal["civil-society", "state-body"] = Field(
        description="civil-society: NGO representative or citizen; state-body: representative of a state body")
    organisation: Text | None = None
    bin: Bin | None = Field(None, description="The organisation's BIN (12 digits)")
    civil_servant: bool = False
    voting: bool = Field(True, description="false for a secretary who is staff of the body, not a member")
    start: dt.date
    end: dt.date | None = None
    consent: Consent = Consent()
    photo: Photo | None = None
    biography: Text | None = None
    email: str | None = None
    phone: str | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Composition(Model):
    """``members.yml``: the composition, with when it was approved and published."""

    approved: dt.date | None = Field(None, description="Date of the decision approving the composition")
    published: dt.date | None = Field(None, description="Date the composition was published on the portal")
    decision: Attachment | None = None
    members: list[Member] = []
    created: Stamp | None = None
    updated: Stamp | None = None

    def active(self, day: dt.date) -> list[Member]:
        """Voting members on ``day``."""
        return [m for m in self.members if m.voting and m.active_on(day)]
