"""Which rules exist: each rule's id, kind, severity, parameters and check, as its module declares it.

Rules register with :func:`rule` when their module is imported; the engine
(:mod:`ashyq.validate.engine`) runs them, and the pages read this registry to
list what is checked without depending on the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..findings import Kind
from .params import NoParams, RuleParams, defaults

if TYPE_CHECKING:
    from ..validate.engine import Context


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: Kind
    severity: str
    params: dict[str, Any]
    check: Callable[[Context], None]
    scope: str = "council"  # or "portal": runs once for the whole portal
    model: type[RuleParams] = NoParams  # the parameters' types and bounds (``params`` are its defaults)


REGISTRY: dict[str, RuleSpec] = {}


def rule(rule_id: str, *, kind: Kind = Kind.COMPLIANCE, severity: str = "E", scope: str = "council",
         params: type[RuleParams] = NoParams) -> Callable:
    """Register ``check`` under ``rule_id``; ``params`` types, bounds and defaults its settings."""

    def register(check: Callable[[Context], None]) -> Callable[[Context], None]:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = RuleSpec(rule_id, kind, severity, defaults(params), check, scope, params)
        return check

    return register
