"""Public expertise (``expertise/<id>.md``): the ten steps of figure 15 of the 2022 guide, as fields.

Petition → the council's decision (or motivated refusal) → the expert commission
formed by public associations and its head → the plan posted online → the
commission's sittings → the draft conclusion signed by the head and members →
the council's open vote → the approved conclusion sent to the bodies → their
answers. The conclusion's text is the Markdown body.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text, Votes
from ...types import Bin, Slug, Url

# "в срок не более десяти рабочих дней": the approved conclusion goes to the bodies within ten working days.
CONCLUSION_WORKING_DAYS = 10

# The kinds of expertise the guide lists ("Какие способы в распоряжении?").
Method = Literal["legal", "draft-acts", "anti-corruption", "environmental", "sociological", "statistical",
                 "economic", "other"]


class Initiator(Model):
    """Who petitioned: a person or a non-profit organisation (not a branch of a foreign one)."""

    name: Name
    kind: Literal["person", "ngo", "other"] = Field(
        description="person: a natural person or an unregistered group; ngo: a non-profit organisation; "
                    "other: anyone else (a company, a state body) — not entitled to petition")
    foreign_branch: bool = Field(
        False, description="A branch or representation of an international or foreign organisation "
                           "(not entitled to petition)")
    bin: Bin | None = Field(None, description="The organisation's BIN (12 digits)")


class Decision(Model):
    """The council's decision on the petition, taken at its meeting."""

    outcome: Literal["hold", "refuse"]
    date: dt.date = Field(description="Date of the council's decision")
    meeting: Slug | None = Field(None, description="Id of the meeting that decided")
    reasons: Text | None = Field(None, description="The motivated refusal: why the council refused")
    notified: dt.date | None = Field(
        None, description="When the initiator was sent the notice (an extract from the protocol)")


class Commission(Model):
    """The expert commission a public association forms on the council's instruction, for this expertise."""

    formed_by: list[Text] = Field(description="The public association(s) that formed the commission")
    formed: dt.date | None = Field(None, description="When the commission was formed")
    first_sitting: dt.date | None = Field(None, description="Its first sitting, where the head is appointed")
    head: Name | None = Field(None, description="Head of the commission")
    members: list[Name] = Field([], description="All members of the commission, the head included")


class Plan(Model):
    """The expertise plan, drawn up at the first sitting and posted on the body's internet resource."""

    posted: dt.date | None = Field(None, description="When the plan was posted on the internet resource")
    url: Url | None = Field(None, description="Where it is posted")
    file: Attachment | None = None


class Sitting(Model):
    """A sitting of the expert commission."""

    date: dt.date
    members_present: int = Field(ge=0, description="Commission members present")
    votes: Votes | None = Field(None, description="The vote on the sitting's decision, if one was taken")
    summary: Text | None = None


class Approval(Model):
    """The council's open vote on the draft conclusion."""

    date: dt.date = Field(description="Date of the council's decision")
    meeting: Slug | None = Field(None, description="Id of the meeting that voted")
    members_present: int | None = Field(None, ge=0, description="Council members present at the vote")
    votes: Votes
    approved: bool = Field(description="true: approved; false: not approved")


class Conclusion(Model):
    """The commission's draft conclusion and what the council did with it."""

    submitted: dt.date | None = Field(None, description="When the commission passed the draft to the council")
    signed_by_head: bool = False
    signed_by_members: bool = False
    file: Attachment | None = None
    approval: Approval | None = None


class Answer(Model):
    date: dt.date
    text: Text | None = None
    file: Attachment | None = None


class Addressee(Model):
    """A state body or quasi-public entity the approved conclusion was sent to, and its answer."""

    name: Text
    date: dt.date = Field(description="When the conclusion was sent")
    answer: Answer | None = None


class Expertise(Record):
    KIND: ClassVar[str] = "expertise"
    FOLDER: ClassVar[str] = "expertise"

    title: Text = Field(description="What is examined: the draft decision of a body or entity")
    draft_of: Text | None = Field(None, description="The state body or quasi-public entity whose draft decision it is")
    method: list[Method] = Field([], description="Kinds of expertise: legal, anti-corruption, economic, …")
    initiator: Initiator
    petition: dt.date = Field(description="Date of the petition to the council")
    decision: Decision | None = None
    bodies_informed: dt.date | None = Field(
        None, description="When the council informed the bodies and entities that the expertise is held")
    commission: Commission | None = None
    plan: Plan | None = None
    sittings: list[Sitting] = []
    conclusion: Conclusion | None = None
    sent_to: list[Addressee] = []
    recommendations: list[Slug] = Field([], description="Ids of the council's recommendations that came from it")
    attachments: list[Attachment] = []

    @property
    def approval(self) -> Approval | None:
        return self.conclusion.approval if self.conclusion else None

    @property
    def approved_on(self) -> dt.date | None:
        """The day the council approved the conclusion (None: not approved, or not yet voted)."""
        approval = self.approval
        return approval.date if approval is not None and approval.approved else None

    @property
    def state(self) -> str:
        """petition, refused, in-progress, not-approved, approved, sent."""
        if self.decision is None:
            return "petition"
        if self.decision.outcome == "refuse":
            return "refused"
        approval = self.approval
        if approval is None:
            return "in-progress"
        if not approval.approved:
            return "not-approved"
        return "sent" if self.sent_to else "approved"
