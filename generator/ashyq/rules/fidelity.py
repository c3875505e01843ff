"""The fidelity table: for every rule, its level, the source's exact words, what is checked and what is not.

One row per rule, from the catalogue (words, checks, limits) and the registry
(level, kind). The rules page prints it and the open data publishes it, so a
council or a journalist can contest a finding on the text of its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import catalogue
from .registry import REGISTRY

LANGS = ("kk", "ru", "en")


@dataclass(frozen=True)
class FidelityRow:
    rule: str
    kind: str
    level: str
    ref: dict[str, str]  # the reference: law and article, guide and section, or the portal's standard
    seed: str | None  # the document of the collection the words come from; None: no seed holds them
    words: dict[str, str]  # the source's exact words (kk, ru); empty when no seed contains them
    checks: dict[str, str]  # what the tool checks: the rule's title
    cannot: dict[str, str]  # what it cannot check; empty: the generic limit of its kind applies

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "kind": self.kind, "level": self.level, "reference": self.ref or None,
                "seed": self.seed, "words": self.words or None, "checks": self.checks, "cannot": self.cannot or None}


def _texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {lang: " ".join(str(value[lang]).split()) for lang in LANGS if value.get(lang)}


def rows() -> list[FidelityRow]:
    """Every catalogued rule, in the catalogue's order."""
    from ..validate import rules  # noqa: F401  (importing registers every rule)

    out = []
    for rule_id, entry in catalogue().items():
        spec = REGISTRY.get(rule_id)
        source = entry.get("source") or {}
        out.append(FidelityRow(
            rule=rule_id, kind=spec.kind.value if spec else str(entry.get("kind")),
            level=spec.level if spec else str(entry.get("level") or "portal"),
            ref=_texts(source.get("ref")), seed=source.get("seed") if source.get("quote") else None,
            words=_texts(source.get("quote")), checks=_texts(entry.get("title")), cannot=_texts(entry.get("cannot"))))
    return out
