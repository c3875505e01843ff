"""What every renderer needs: the portal, its findings, dates, calendar and URLs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..calendar import WorkCalendar
from ..findings import Finding, Kind
from ..load.history import RecordDates
from ..models import Council, Portal, Record
from . import urls


@dataclass
class SiteContext:
    portal: Portal
    findings: list[Finding]
    dates: RecordDates
    today: dt.date
    langs: tuple[str, ...] = ("kk", "ru")
    calendar: WorkCalendar = field(init=False)

    def __post_init__(self) -> None:
        self.calendar = WorkCalendar(self.portal.config.calendar)

    @property
    def base_url(self) -> str:
        return self.portal.config.site_url()

    def url(self, path: str) -> str:
        """Absolute URL of a site-relative path."""
        return urls.absolute(self.base_url, path)

    def posted(self, record: Record) -> dt.datetime | dt.date | None:
        """When the record was first published: the record says, else its first commit."""
        return record.created or self.dates.first(record.source.file)

    def updated(self, record: Record) -> dt.datetime | dt.date | None:
        return record.updated or self.dates.last(record.source.file) or self.posted(record)

    @cached_property
    def _compliance(self) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
        by_record: dict[str, list[Finding]] = defaultdict(list)
        by_council: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            if f.kind is not Kind.COMPLIANCE:
                continue
            if f.record:
                by_record[f.record].append(f)
            if f.council:
                by_council[f.council].append(f)
        return by_record, by_council

    def findings_for(self, record: Record) -> list[Finding]:
        """Compliance findings about one record (published on its page)."""
        return self._compliance[0].get(record.uid, [])

    def group_findings(self) -> None:
        """Group the compliance findings by record and by council now, before the build forks processes that
        read them (each would group them again)."""
        self._compliance  # noqa: B018 - a cached property

    def council_findings(self, council: Council) -> list[Finding]:
        """Every compliance finding of a council (its compliance card)."""
        return self._compliance[1].get(council.slug, [])
