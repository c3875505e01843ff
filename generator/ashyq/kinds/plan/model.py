"""Work plans (``plans/<id>.yml``): the annual plan and commission plans."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from ...models.common import Attachment, Model, Record, Text
from ...types import Period


class PlanItem(Model):
    period: Period = Field(description="Q1–Q4, H1/H2, year, or a month number 1–12")
    topic: Text
    form: Literal["meeting", "hearing", "expertise", "report-hearing", "monitoring", "consultation", "other"] = "meeting"
    responsible: Text | None = None
    done: bool | None = None
    result: Text | None = None


class Plan(Record):
    KIND: ClassVar[str] = "plan"
    FOLDER: ClassVar[str] = "plans"

    year: int = Field(ge=2000, le=2100)
    kind: Literal["annual", "commission"] = "annual"
    title: Text | None = None
    commission: Text | None = None
    approved: dt.date | None = None
    published: dt.date | None = None
    items: list[PlanItem] = []
    file: Attachment | None = None
