"""Validate a portal: load it, read its history, run every rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Kind
from ..load.history import RecordDates, read_history
from ..load.tree import load_portal
from ..models import Portal
from .engine import REGISTRY, run_rules


@dataclass
class CheckResult:
    portal: Portal | None
    findings: list[Finding]
    dates: RecordDates
    today: dt.date

    def count(self, kind: Kind) -> int:
        return sum(1 for f in self.findings if f.kind is kind)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.blocking) or (strict and any(not f.blocking for f in self.findings))


def check_portal(root: Path, today: dt.date) -> CheckResult:
    portal, findings = load_portal(root)
    dates = read_history(root) if portal else RecordDates()
    if portal is not None:
        # Rules need whole records; a record that failed to load is already reported.
        findings += run_rules(portal, today=today, dates=dates)
    unique = {f.sort_key(): f for f in findings}  # union branches and shared models can repeat a finding
    findings = [unique[k] for k in sorted(unique)]
    return CheckResult(portal, findings, dates, today)


__all__ = ["REGISTRY", "CheckResult", "check_portal"]
