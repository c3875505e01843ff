"""Public monitoring (``monitoring/<id>.md``): the council's decision, the plan, who carried it out, the conclusion.

Law No. 383-V art. 18 p.1 and art. 20 as the 2022 guide (seed 000) explains
them: a permanent (systematic) or temporary observation of the results of a
state body's or a quasi-public entity's activity; the council decides and
assigns it; those who carried it out draw up a conclusion; the council's
recommendations from it go to the bodies concerned.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Text
from ...types import Slug

# The seed's three ways (table 8) and its methods (figure 11).
Approach = Literal["field", "digital", "combined"]
Method = Literal["information-requests", "appeals", "site-visits", "surveys", "interviews", "focus-groups",
                 "open-data", "media", "websites"]
PerformerKind = Literal["member", "ngo", "citizen", "expert"]
MonitoringStatus = Literal["planned", "ongoing", "completed", "cancelled"]
APPROACHES: tuple[str, ...] = ("field", "digital", "combined")
METHODS: tuple[str, ...] = ("information-requests", "appeals", "site-visits", "surveys", "interviews",
                            "focus-groups", "open-data", "media", "websites")
PERFORMER_KINDS: tuple[str, ...] = ("member", "ngo", "citizen", "expert")


class Decision(Model):
    meeting: Slug = Field(description="Id of the council meeting that decided to carry out the monitoring")
    date: dt.date = Field(description="Date of the decision (the day of that meeting)")
    text: Text | None = Field(None, description="The decision as the protocol words it")


class Performer(Model):
    name: Name
    kind: PerformerKind = Field(description="member: a council member; ngo: a non-profit organisation's "
                                            "representative; citizen: a citizen; expert: a civil-society expert")
    organisation: Text | None = None


class Conclusion(Model):
    adopted: dt.date = Field(description="When the council adopted the conclusion and its recommendations")
    meeting: Slug | None = Field(None, description="Id of the meeting that adopted it")
    negative_consequences: Text | None = Field(
        None, description="Information on negative consequences for citizens and infringements of public interests "
                          "found (say so if none were found)")
    efficiency_proposals: Text | None = Field(
        None, description="Proposals to improve the efficiency of the monitored bodies or entities")
    violation_recommendations: Text | None = Field(
        None, description="Recommendations to remove the causes and conditions of the violations of law found")
    amendments: Text | None = Field(
        None, description="Proposals to amend legal acts or internal documents of the quasi-public sector")
    published: dt.date | None = Field(None, description="When the conclusion was published")
    file: Attachment | None = None


class Addressee(Model):
    name: Text
    kind: Literal["state-body", "quasi-public", "other"]
    date: dt.date


class Monitoring(Record):
    KIND: ClassVar[str] = "monitoring"
    FOLDER: ClassVar[str] = "monitoring"

    title: Text
    entity: Text = Field(description="The state body or quasi-public entity whose activity is monitored")
    activity: Text = Field(description="Which results of its activity are observed")
    decision: Decision | None = None
    status: MonitoringStatus = "planned"
    permanent: bool = Field(False, description="Permanent (systematic) rather than temporary")
    start: dt.date
    end: dt.date | None = Field(None, description="Last day of a temporary monitoring")
    goals: list[Text] = Field([], description="Goals and tasks of the monitoring plan")
    approach: Approach | None = None
    methods: list[Method] = []
    methodology: Text | None = None
    performers: list[Performer] = []
    conclusion: Conclusion | None = None
    recommendations: list[Slug] = Field([], description="Ids of the recommendation records that came out of it")
    sent_to: list[Addressee] = []
    attachments: list[Attachment] = []
