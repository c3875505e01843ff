"""Report hearings (``report-hearings/<id>.md``): a state body's report heard at a council meeting.

The fields follow the 2022 practical guide (figure 16, table 14): the date agreed with the body, the
report of its head and the co-report of the council's chair, the protocol (date and place, number
present, the officials who spoke, agenda, content of the report and speeches), the resolution
(assessment, recommendations, proposals), the open vote of the members and the publication of the
approved report.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Name, Record, Slug, Text, Votes
from ...types import Clock, Status, Url

# доклад руководителя / содоклад председателя совета (и секретаря маслихата) / выступление
SpeakerRole = Literal["report", "co-report", "speech"]
Outcome = Literal["approved", "not-approved"]


class Speaker(Model):
    name: Name = Field(description="Full name of the official who spoke")
    position: Text | None = Field(None, description="The speaker's position")
    role: SpeakerRole = Field("speech", description="report: the head's report; co-report: the council "
                              "chair's (or maslikhat secretary's) co-report; speech: any other speech")
    summary: Text | None = Field(None, description="Content of the report or speech")


class Resolution(Model):
    adopted: dt.date
    assessment: Text | None = Field(None, description="Assessment of the work of the body and its officials")
    recommendations: list[Text] = Field([], description="Recommendations to remove what infringes or limits "
                                        "the rights and lawful interests found during the hearing")
    proposals: list[Text] = Field([], description="Proposals to improve the body's work")
    published: dt.date | None = None
    url: Url | None = Field(None, description="Where the resolution is published")
    file: Attachment | None = None


class Vote(Model):
    members_present: int = Field(ge=0, description="Council members present at the open vote")
    votes: Votes
    outcome: Outcome = Field(description="approved or not-approved, as the protocol records it")


class Publication(Model):
    date: dt.date = Field(description="When the approved report was published")
    url: Url | None = Field(None, description="Link to the report on the body's internet resource")
    channels: list[Text] = Field([], description="Where the publication was announced (social networks, …)")


class ReportHearing(Record):
    KIND: ClassVar[str] = "report-hearing"
    FOLDER: ClassVar[str] = "report-hearings"

    title: Text = Field(description="Whose report, on what, for which period")
    reporting_body: Text = Field(description="The state body or quasi-public entity that reported")
    basis: Text | None = Field(None, description="Legal basis / subject of the hearing")
    period: Text | None = Field(None, description="The period the report covers")
    status: Status = "planned"
    agreed_with_body: dt.date | None = Field(None, description="When the date was agreed with the body")
    date: dt.date
    time: Clock | None = None
    end_time: Clock | None = None
    place: Text | None = None
    online: Url | None = None
    meeting: Slug | None = Field(None, description="Id of the council meeting the report was heard at")
    present: int | None = Field(None, ge=0, description="Number of people present")
    agenda: list[Text] = []
    speakers: list[Speaker] = Field([], description="The officials who reported and spoke")
    resolution: Resolution | None = None
    vote: Vote | None = None
    report_published: Publication | None = Field(None, description="Publication of the approved report")
    notified: dt.date | None = Field(None, description="A report not approved: when the body was notified "
                                     "of the decision, with the council's recommendations")
    rehearing: Slug | None = Field(None, description="A report not approved: id of the repeat report hearing")
    recommendation_ids: list[Slug] = Field([], description="Ids of the recommendations (records) sent after it")
    attachments: list[Attachment] = []
    video: Url | None = None

    @property
    def approved(self) -> bool:
        return self.vote is not None and self.vote.outcome == "approved"
