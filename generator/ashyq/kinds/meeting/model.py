"""Meetings (``meetings/<id>.md``): agenda, attendance, protocol, decisions."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text, Votes
from ...types import Clock, Slug, Status, Url


class AgendaItem(Model):
    number: int | None = Field(None, ge=1, description="Default: position in the list")
    title: Text
    speaker: Name | None = None
    materials: list[Attachment] = []


# How a member voted (Popolo Vote options: yes, no, abstain, absent, not voting).
Option = Literal["for", "against", "abstained", "not_voting", "absent"]


class RollCall(Model):
    """Each member's vote, written as the minority lists and ``rest`` for everyone else present.

    ``rest: for`` with ``against: [id]`` says: every present member voted for, except the one
    listed. A member not in the meeting's ``attendance`` is absent without being listed;
    ``absent`` names those present at the meeting who were out of the room for this vote.
    """

    for_: list[Slug] = Field([], alias="for", description="Ids of the members who voted for")
    against: list[Slug] = Field([], description="Ids of the members who voted against")
    abstained: list[Slug] = Field([], description="Ids of the members who abstained")
    not_voting: list[Slug] = Field([], description="Ids of the members present who did not vote")
    absent: list[Slug] = Field([], description="Ids of the members present at the meeting but not at this vote")
    rest: Literal["for", "against", "abstained", "not_voting"] | None = Field(
        None, description="How every other present member voted; without it they did not vote")

    def listed(self) -> list[tuple[Option, int, str]]:
        """``(option, index in its list, member id)`` of every member named, in the order written."""
        return [(option, i, member) for option in ("for", "against", "abstained", "not_voting", "absent")
                for i, member in enumerate(getattr(self, "for_" if option == "for" else option))]


class Decision(Model):
    item: int = Field(ge=1, description="Number of the agenda item decided")
    text: Text
    votes: Votes | None = Field(None, description="Totals: for, against, abstained")
    roll_call: RollCall | None = Field(None, description="Each member's vote (must agree with the totals)")


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
