"""A maslikhat deputy's quarterly public report (``deputy-reports/<deputy>-<year>-q<n>.md``).

Its figures (appeals received, answered, open, by topic, change from the last
quarter; receptions held) are not fields: the portal computes them from the
registry and the receptions (:mod:`ashyq.kinds.appeal.figures`). The deputy
writes what the seed's template asks in words: what was solved and how, what is
still open and why, their initiatives, the plan for the next quarter.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ...models.common import Attachment, Record, Text
from ...types import Slug


class DeputyReport(Record):
    KIND: ClassVar[str] = "deputy-report"
    FOLDER: ClassVar[str] = "deputy-reports"

    deputy: Slug = Field(description="The deputy's id in members.yml")
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    published: dt.date | None = Field(None, description="Date the report was made public")
    channels: list[Text] = Field([], description="Where it was published (site, Telegram channel, meeting)")
    resolved: list[Text] = Field([], description="Problems solved in the quarter, and how")
    unresolved: list[Text] = Field([], description="Appeals still open, and why")
    initiatives: list[Text] = Field([], description="Proposals the deputy made")
    plan: list[Text] = Field([], description="Priorities and main actions for the next quarter")
    attachments: list[Attachment] = []
