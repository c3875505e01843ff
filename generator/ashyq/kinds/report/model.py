"""Activity reports (``reports/<id>.md``): half-yearly and annual."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ...models.common import Attachment, Model, Record, Text
from ...types import ReportPeriod


class Feedback(Model):
    """Feedback figures of seed 004 for the report's period (optional)."""

    proposals_received: int = Field(0, ge=0, description="C")
    proposals_accepted: int = Field(0, ge=0, description="B")
    comments_received: int = Field(0, ge=0, description="G")
    comments_answered: int = Field(0, ge=0, description="E")
    public: bool = Field(True, description="Drafts, reports, interim and final results were publicly available")


class Report(Record):
    KIND: ClassVar[str] = "report"
    FOLDER: ClassVar[str] = "reports"

    period: ReportPeriod
    year: int = Field(ge=2000, le=2100)
    title: Text
    published: dt.date | None = None
    channels: list[Text] = []
    feedback: Feedback | None = None
    attachments: list[Attachment] = []

    def period_bounds(self) -> tuple[dt.date, dt.date]:
        return period_bounds(self.year, self.period)


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    if period == "h1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if period == "h2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
