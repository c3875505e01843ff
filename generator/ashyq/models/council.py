"""The council itself and its composition (``council.yml``, ``members.yml``)."""

from __future__ import annotations

import bisect
import datetime as dt

from pydantic import Field, PrivateAttr

from ..types import Bin, Category, CouncilType, Domain, Role, Slug, Stamp, Url
from .common import Attachment, Document, Model, Name, Text



class Term(Model):
    start: dt.date = Field(description="First day of the council's term")
    end: dt.date = Field(description="Last day of the council's term")


class Contacts(Model):
    """Official contacts, published on purpose (never scanned as personal data)."""

    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    website: Url | None = None


class OfficialContacts(Model):
    """What the council's organisation publishes on purpose, declared once for every record.

    The personal-data check never reports these anywhere in the council; the
    ``contacts`` above (e-mail, its domain, phone, website) are added to them.
    """

    domains: list[Domain] = Field(
        [], description="The organisation's e-mail domains, e.g. minzdrav.gov.kz (sub-domains included)")
    emails: list[str] = Field([], description="Official e-mail addresses on other domains, e.g. a press service")
    phones: list[str] = Field(
        [], description="Official numbers: reception, hotline, press service, in any format")


class CouncilInfo(Document):
    """``council.yml``: who the council is. Its slug is the folder name."""

    name: Text
    short_name: Text | None = None
    type: CouncilType
    host_body: Text = Field(description="The state body or entity the council works at")
    region: Text
    term: Term
    contacts: Contacts = Contacts()
    official_contacts: OfficialContacts = Field(
        OfficialContacts(), description="The organisation's domains, e-mails and numbers published on purpose")
    about: Text | None = None
    formed_by: Text | None = Field(None, description="Who approved the composition (e.g. the maslikhat's decision)")
    approved_by: Slug | None = Field(
        None, description="The maslikhat among the portal's councils that approved the composition: its folder name")
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


class Okrug(Model):
    """A maslikhat deputy's electoral district (округ): its number and name."""

    number: int = Field(ge=1, le=999, description="The okrug's number")
    name: Text | None = Field(None, description="The okrug's name, e.g. the streets or villages it covers")


class Member(Model):
    """One membership: a person holding a role in the council for a period."""

    id: Slug = Field(description="Stable person id within the council, used in attendance lists")
    name: Name
    role: Role = "member"
    category: Category = Field(
        description="civil-society: NGO representative or citizen; state-body: representative of a state body")
    organisation: Text | None = None
    bin: Bin | None = Field(None, description="The organisation's BIN (12 digits)")
    civil_servant: bool = False
    voting: bool = Field(True, description="false for a secretary who is staff of the body, not a member")
    start: dt.date
    end: dt.date | None = None
    person: Slug | None = Field(
        None, description="Id of the same person's first membership, when a new role is a new entry: one member page")
    okrug: Okrug | None = Field(None, description="A maslikhat deputy's electoral district (okrug)")
    consent: Consent = Consent()
    photo: Photo | None = None
    biography: Text | None = None
    email: str | None = None
    phone: str | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Composition(Document):
    """``members.yml``: the composition, with when it was approved and published."""

    approved: dt.date | None = Field(None, description="Date of the decision approving the composition")
    published: dt.date | None = Field(None, description="Date the composition was published on the portal")
    decision: Attachment | None = None
    members: list[Member] = []
    created: Stamp | None = None
    updated: Stamp | None = None

    _timeline: tuple[list[dt.date], list[dt.date]] | None = PrivateAttr(None)
    _by_id: dict[str, list[Member]] | None = PrivateAttr(None)

    def active(self, day: dt.date) -> list[Member]:
        """Voting members on ``day``."""
        return [m for m in self.members if m.voting and m.active_on(day)]

    def voting_count(self, day: dt.date) -> int:
        """``len(self.active(day))`` in O(log n): asked once per meeting, so never a scan of every member."""
        if self._timeline is None:
            spans = [(m.start, m.end) for m in self.members if m.voting and (m.end is None or m.start <= m.end)]
            self._timeline = (sorted(s for s, _ in spans), sorted(e for _, e in spans if e is not None))
        starts, ends = self._timeline
        # started on or before the day, minus those whose term ended before it (those started before it too)
        return bisect.bisect_right(starts, day) - bisect.bisect_left(ends, day)

    def _members_by_id(self) -> dict[str, list[Member]]:
        # Read past pydantic's __getattr__ for private attributes: asked for each member a page names.
        private = self.__pydantic_private__
        by_id = private["_by_id"]
        if by_id is None:
            by_id = private["_by_id"] = {}
            for m in self.members:
                by_id.setdefault(m.id, []).append(m)
        return by_id

    def voting_present(self, ids: list[str], day: dt.date) -> int:
        """How many distinct ``ids`` are voting members on ``day``; linear in ``ids``, not in the members."""
        by_id = self._members_by_id()
        return sum(1 for i in set(ids) if any(m.voting and m.active_on(day) for m in by_id.get(i, ())))

    def member(self, member_id: str) -> Member | None:
        """The first membership with this id."""
        found = self._members_by_id().get(member_id)
        return found[0] if found else None
