"""Which rules exist: each rule's id, kind, level, severity, parameters and check, as its module declares it.

Every rule declares its ``level``: what its source is (see :data:`LEVELS`).
The level is a fact about the source, so ``site_config.yml`` cannot change
it; severity (E/W, how loudly a finding is reported) follows from it unless
the rule or the portal's settings say otherwise.

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


# law: a law or by-law says it (quoted, or its article cited where no seed holds the words);
# advice: a guide's or ministry's recommended practice;
# portal: the portal's own standard (a lead time or format the law does not fix), set in site_config.yml.
LEVELS: tuple[str, ...] = ("law", "advice", "portal")


def default_severity(kind: Kind, level: str) -> str:
    """E for the law and for every blocking rule; W for advice and the portal's standard."""
    return "E" if level == "law" or kind is not Kind.COMPLIANCE else "W"


@dataclass(frozen=True)
class RuleSpec:
    id: str
    kind: Kind
    severity: str
    params: dict[str, Any]
    check: Callable[[Context], None]
    scope: str = "council"  # or "portal": runs once for the whole portal
    model: type[RuleParams] = NoParams  # the parameters' types and bounds (``params`` are its defaults)
    level: str = "law"
    # The bodies (council types, ``types.CouncilType``) the rule judges. None: a compliance rule judges the
    # public councils (the Law «On public councils» is not a maslikhat's law); a data or safety rule, every body.
    council_types: tuple[str, ...] | None = None

    def judges(self, council_type: str | None) -> bool:
        if self.council_types is not None:
            return council_type in self.council_types
        return self.kind is not Kind.COMPLIANCE or council_type not in NOT_PUBLIC_COUNCILS


NOT_PUBLIC_COUNCILS = ("maslikhat",)  # bodies on the portal that are not public councils
REGISTRY: dict[str, RuleSpec] = {}


def rule(rule_id: str, *, level: str, kind: Kind = Kind.COMPLIANCE, severity: str | None = None,
         scope: str = "council", params: type[RuleParams] = NoParams,
         council_types: tuple[str, ...] | None = None) -> Callable:
    """Register ``check`` under ``rule_id``; ``level`` names its source, ``params`` types its settings."""
    if level not in LEVELS:
        raise RuntimeError(f"rule {rule_id}: level {level!r} is not one of {', '.join(LEVELS)}")

    def register(check: Callable[[Context], None]) -> Callable[[Context], None]:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = RuleSpec(rule_id, kind, severity or default_severity(kind, level), defaults(params),
                                     check, scope, params, level, council_types)
        return check

    return register
