"""Findings: what ``check`` reports, in three kinds that call for different action.

* ``data`` — the record is broken; the build stops.
* ``safety`` — publishing would do harm; the build stops.
* ``compliance`` — the record is fine and shows a requirement unmet; it is
  published, never hidden, and fails only under ``--strict``.

Every finding also says its ``level``, what the requirement rests on: ``law``
(a law or by-law), ``advice`` (a guide's recommended practice) or ``portal``
(the portal's own standard, e.g. a lead time the law does not fix). A finding
that does not set one takes its rule's level from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .i18n import message


class Kind(str, Enum):
    DATA = "data"
    SAFETY = "safety"
    COMPLIANCE = "compliance"


@dataclass(frozen=True)
class Finding:
    rule: str
    kind: Kind
    severity: str  # "E" reported as a violation (the law's default), "W" as a warning
    file: str | None
    line: int | None
    column: int | None
    field: str | None
    key: str  # message key in the locale catalogues
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    council: str | None = None
    record: str | None = None  # the record's portal-wide uid
    level: str = ""  # law | advice | portal; empty: the rule's own level

    def __post_init__(self) -> None:
        if not self.level:
            object.__setattr__(self, "level", rule_level(self.rule))

    @property
    def blocking(self) -> bool:
        return self.kind is not Kind.COMPLIANCE

    def message(self, lang: str) -> str:
        return message(lang, self.key, **self.params)

    def sort_key(self) -> tuple:
        return (self.file or "", self.line or 0, self.column or 0, self.rule, self.field or "", self.key,
                repr(sorted(self.params.items())))

    def to_json(self, lang: str) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind.value,
            "severity": self.severity,
            "level": self.level,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "council": self.council,
            "record": self.record,
            "message": self.message(lang),
            "params": {k: _plain(v) for k, v in sorted(self.params.items())},
        }


def rule_level(rule_id: str) -> str:
    """The level the catalogue gives a rule; a rule it does not know is the portal's own."""
    from .rules import catalogue  # lazily: the catalogue lists the record types' files

    return str((catalogue().get(rule_id) or {}).get("level") or "portal")


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
