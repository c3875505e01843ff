"""The loaded portal: the configuration and every council's records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .common import Record
from .council import Composition, CouncilInfo

if TYPE_CHECKING:
    from ..config import SiteConfig
    from ..load.bodies import Bodies
    from ..kinds.meeting.model import Meeting
    from ..kinds.hearing.model import Hearing
    from ..kinds.plan.model import Plan
    from ..kinds.recommendation.model import Recommendation
    from ..kinds.report.model import Report


@dataclass
class Council:
    """A council and its records, held by kind (``meeting``, ``hearing``, …): any registered type fits."""

    slug: str
    path: str  # the council folder, relative to the portal root
    info: CouncilInfo | None = None
    composition: Composition | None = None
    composition_broken: bool = False  # members.yml is there but could not be read (already reported)
    # kind -> its records in display order; the loader fills the kinds in the registry's order.
    records_by_kind: dict[str, list[Record]] = field(default_factory=dict)
    # (kind, file stem) of record files that are there but could not be read (already reported): a reference
    # to one is not a second error.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # The files its records link to (ashyq.attachments.linked_files), worked out by the loader once the council
    # is complete and kept with it in the parse cache: a build asked it of every council in each language.
    linked: dict[str, list] | None = field(default=None, compare=False, repr=False)

    def of(self, kind: str) -> list[Record]:
        """The records of one kind (an empty list for a kind the council has none of)."""
        return self.records_by_kind.setdefault(kind, [])

    def ids(self, kind: str) -> set[str]:
        """The ids a reference to a record of ``kind`` may name: its records, and its files that are broken."""
        return {r.id for r in self.of(kind)} | {stem for k, stem in self.broken if k == kind}

    def add(self, record: Record) -> None:
        self.of(record.KIND).append(record)

    def records(self) -> Iterator[Record]:
        for records in list(self.records_by_kind.values()):
            yield from records

    def records_of(self, cls: type[Record]) -> list[Record]:
        return self.of(cls.KIND)

    # Read-only views by attribute for the page templates and rules written for the built-in types.
    @property
    def plans(self) -> list[Plan]:
        return self.of("plan")  # type: ignore[return-value]

    @property
    def meetings(self) -> list[Meeting]:
        return self.of("meeting")  # type: ignore[return-value]

    @property
    def recommendations(self) -> list[Recommendation]:
        return self.of("recommendation")  # type: ignore[return-value]

    @property
    def hearings(self) -> list[Hearing]:
        return self.of("hearing")  # type: ignore[return-value]

    @property
    def reports(self) -> list[Report]:
        return self.of("report")  # type: ignore[return-value]

    def find(self, kind: str, record_id: str) -> Record | None:
        for record in self.records():
            if record.KIND == kind and record.id == record_id:
                return record
        return None

    def member_ids(self) -> set[str]:
        return {m.id for m in self.composition.members} if self.composition else set()

    def name(self, lang: str) -> str:
        return self.info.name.get(lang) if self.info else self.slug


def _no_bodies() -> Bodies:
    from ..load.bodies import Bodies  # late: the loader imports the models

    return Bodies()


@dataclass
class Portal:
    root: Path
    config: SiteConfig
    councils: dict[str, Council] = field(default_factory=dict)
    bodies: Bodies = field(default_factory=_no_bodies)  # bodies.yml: the state bodies records name by id

    def all_records(self) -> Iterator[Record]:
        for council in self.councils.values():
            yield from council.records()

    def forget_positions(self) -> None:
        """What a build does not read of a checked portal: see :meth:`.common.Document.forget_positions`."""
        for council in self.councils.values():
            for document in (council.info, council.composition, *council.records()):
                if document is not None:
                    document.forget_positions()
        self.config.forget_positions()
