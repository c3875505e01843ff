"""The loaded portal: the configuration and every council's records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .common import Record
from .council import Composition, CouncilInfo
from .hearing import Hearing
from .meeting import Meeting
from .plan import Plan
from .recommendation import Recommendation
from .report import Report

if TYPE_CHECKING:
    from ..config import SiteConfig


@dataclass
class Council:
    slug: str
    path: str  # the council folder, relative to the portal root
    info: CouncilInfo | None = None
    composition: Composition | None = None
    composition_broken: bool = False  # members.yml is there but could not be read (already reported)
    plans: list[Plan] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)

    def records(self) -> Iterator[Record]:
        yield from self.plans
        yield from self.meetings
        yield from self.recommendations
        yield from self.hearings
        yield from self.reports

    def records_of(self, cls: type[Record]) -> list[Record]:
        return {Plan: self.plans, Meeting: self.meetings, Recommendation: self.recommendations,
                Hearing: self.hearings, Report: self.reports}[cls]

    def find(self, kind: str, record_id: str) -> Record | None:
        for record in self.records():
            if record.KIND == kind and record.id == record_id:
                return record
        return None

    def member_ids(self) -> set[str]:
        return {m.id for m in self.composition.members} if self.composition else set()

    def name(self, lang: str) -> str:
        return self.info.name.get(lang) if self.info else self.slug


@dataclass
class Portal:
    root: Path
    config: SiteConfig
    councils: dict[str, Council] = field(default_factory=dict)

    def all_records(self) -> Iterator[Record]:
        for council in self.councils.values():
            yield from council.records()
