"""The rule engine: rules register by id; the engine runs them per council.

A rule is a small function that receives a :class:`Context` and calls
``ctx.report(...)`` for every finding. Its id, kind, default severity and
parameters are declared once, in the decorator (the parameters as a typed,
bounded model from :mod:`.params`); ``site_config.yml`` may change severity,
switch a rule off, or set parameters, portal-wide or per council, and a
setting of the wrong type or out of range is reported on its line, not used::

    rules:
      meeting.decisions-published: {working_days: 5}
    councils:
      almaty-city:
        rules:
          composition.size: {local_min: 9, local_max: 15}

A rule judges one council from what :mod:`.remembered` keys its findings by: the council's own
files (attachments included) and their git dates, the portal's settings and ``bodies.yml``,
and of other councils their names and ``council.yml`` only; and the day, which it reads as
``ctx.today`` (never from the clock): the engine notes the rules that read it, and only those
run again on a new day. A rule that read another council's records would be judged on a stale
copy after that council changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..calendar import WorkCalendar
from ..findings import Finding, Kind
from ..load.source import Source, format_path
from ..models import Council, Portal, Record
from ..models.common import Model
from ..rules.params import ParamError, resolve
from ..rules.registry import REGISTRY, RuleSpec, default_severity, rule  # noqa: F401  (rule modules import them)

RESERVED_SETTINGS = ("severity", "enabled")


@dataclass
class Context:
    """What a rule sees: one council (or the portal), its settings, the calendar, today."""

    portal: Portal
    council: Council | None
    spec: RuleSpec
    params: dict[str, Any]
    severity: str
    day: dt.date  # read through ``today``, which notes that it was
    calendar: WorkCalendar
    dates: Any  # load.history.RecordDates: when each file was first and last committed
    out: list[Finding] = field(default_factory=list)
    severity_set: bool = False  # site_config.yml sets this rule's severity: it wins over a finding's level
    read_day: bool = False  # the rule read the day: its findings may differ on another (validate/remembered.py)

    @property
    def today(self) -> dt.date:
        """The day deadlines are judged on. A rule that never asks for it gives the same findings on any day
        for the same inputs (what it reads and does follows from them alone), so they are remembered across
        days; a rule that asks is run again on a new day."""
        self.read_day = True
        return self.day

    def report(self, key: str, where: Model | Source | None, *path: str | int, severity: str | None = None,
               line: int | None = None, level: str | None = None, **params: Any) -> None:
        """Record a finding at ``path`` inside ``where`` (a record, a model, or a source).

        ``line`` overrides the line found from ``path`` (a hit inside a Markdown body). ``level``
        marks one finding of a rule as resting on another source than the rule's own (the law asks
        for a report, the portal's standard for its date); its severity then follows that level,
        unless the portal's settings set the rule's severity.
        """
        if level is not None and level != self.spec.level and severity is None and not self.severity_set:
            severity = default_severity(self.spec.kind, level)
        source = where if isinstance(where, Source) else getattr(where, "_source", None)
        record = where.uid if isinstance(where, Record) else None
        self.out.append(Finding(
            rule=self.spec.id,
            kind=self.spec.kind,
            severity=severity or self.severity,
            file=source.file if source else None,
            line=line if line is not None else (source.line(*path) if source else None),
            column=None if line is not None else (source.column(*path) if source and path else None),
            field=format_path(path) or None,
            key=key,
            params=params,
            council=self.council.slug if self.council else None,
            record=record,
            level=level or self.spec.level,
        ))


def body_line(record: Record, lang: str, offset: int) -> int | None:
    """The file line of character ``offset`` in the record's ``lang`` body."""
    start = record.source.body_lang_lines.get(lang)
    if start is None:
        return None
    return start + record.body[lang].count("\n", 0, offset)


def _layers(portal: Portal, rule_id: str, council: str | None) -> list[tuple[tuple, dict[str, Any]]]:
    """The settings of a rule where ``site_config.yml`` gives them: portal-wide, then the council's."""
    layers = [(("rules", rule_id), portal.config.rules.get(rule_id, {}))]
    if council and council in portal.config.councils:
        layers.append((("councils", council, "rules", rule_id), portal.config.councils[council].rules.get(rule_id, {})))
    return [(path, settings if isinstance(settings, dict) else {}) for path, settings in layers]


def _params(spec: RuleSpec, layers: list[tuple[tuple, dict[str, Any]]]) -> tuple[dict[str, Any],
                                                                              list[tuple[tuple, ParamError]]]:
    """The parameters a rule runs with: defaults, then each layer's valid settings; and the refused ones."""
    params = dict(spec.params)
    errors: list[tuple[tuple, ParamError]] = []
    for path, settings in layers:
        if any(name in spec.params for name in settings):
            params, found = resolve(spec.model, params, settings)
            errors += [(path + ((err.name,) if err.name else ()), err) for err in found]
    return params, errors


def check_settings(portal: Portal) -> list[Finding]:
    """Rule settings in ``site_config.yml`` must name real rules and parameters, of the right type and range."""
    findings: list[Finding] = []
    source = portal.config._source
    scopes: list[tuple[tuple, str | None, dict[str, dict[str, Any]]]] = [(("rules",), None, portal.config.rules)]
    for slug, settings in portal.config.councils.items():
        scopes.append((("councils", slug, "rules"), slug, settings.rules))
        if slug not in portal.councils:
            findings.append(_config_finding(source, ("councils", slug), "config.unknown-council", council=slug))
    for prefix, council, rules in scopes:
        for rule_id, settings in rules.items():
            spec = REGISTRY.get(rule_id)
            if spec is None:
                findings.append(_config_finding(source, prefix + (rule_id,), "config.unknown-rule", rule=rule_id))
                continue
            if not isinstance(settings, dict):
                findings.append(_config_finding(source, prefix + (rule_id,), "config.rule-not-mapping", rule=rule_id))
                continue
            for name, value in settings.items():
                path = prefix + (rule_id, name)
                if name == "severity" and value not in ("E", "W"):
                    findings.append(_config_finding(source, path, "config.bad-severity", rule=rule_id, value=value))
                elif name == "enabled" and not isinstance(value, bool):
                    findings.append(_config_finding(source, path, "config.bad-enabled", rule=rule_id, value=value))
                elif name not in RESERVED_SETTINGS and name not in spec.params:
                    known = ", ".join(sorted(spec.params)) or "—"
                    findings.append(_config_finding(source, path, "config.unknown-param", rule=rule_id, param=name,
                                                    known=known))
            # Types and ranges: each layer over the valid values beneath it, reported where it is written.
            layers = _layers(portal, rule_id, council)
            _, errors = _params(spec, layers)
            for path, err in errors:
                if path[:len(prefix) + 1] == prefix + (rule_id,):
                    findings.append(_config_finding(source, path, err.key, rule=rule_id, **err.params))
    return findings


def _config_finding(source: Source | None, path: tuple, key: str, **params: Any) -> Finding:
    return Finding("data.config", Kind.DATA, "E", source.file if source else "site_config.yml",
                   source.line(*path) if source else None, source.column(*path) if source else None,
                   format_path(path), key, params)


def run_rules(portal: Portal, *, today: dt.date, dates: Any, only: set[str] | None = None,
              skip: frozenset[str] | set[str] = frozenset(), rules_of: dict[str, set[str]] | None = None,
              noted: dict[str, set[str]] | None = None) -> list[Finding]:
    """Every enabled rule over every council (or the councils in ``only``, without portal-wide checks),
    but those in ``skip`` (whose rules another process runs); of a council in ``rules_of``, only the rules
    it names (those that read the day, on a new day: :mod:`.remembered`). ``noted`` gets, for each council
    judged, the rules that read the day."""
    calendar = WorkCalendar(portal.config.calendar)
    findings = check_settings(portal) if only is None else []
    for spec in REGISTRY.values():
        if spec.scope == "portal" and only is not None:
            continue
        targets: list[Council | None] = [None] if spec.scope == "portal" else \
            [c for c in portal.councils.values() if (only is None or c.slug in only) and c.slug not in skip]
        for council in targets:
            if council is not None and not spec.judges(council.info.type if council.info else None):
                continue
            if council is not None and rules_of is not None and spec.id not in rules_of.get(council.slug, (spec.id,)):
                continue
            layers = _layers(portal, spec.id, council.slug if council else None)
            merged = {k: v for _, settings in layers for k, v in settings.items()}
            if merged.get("enabled") is False:
                continue
            severity = merged.get("severity")
            severity_set = severity in ("E", "W")  # a wrong one is reported, not used
            params, _ = _params(spec, layers)  # a refused setting is reported by check_settings, not used
            ctx = Context(portal, council, spec, params, severity if severity_set else spec.severity, today,
                          calendar, dates, severity_set=severity_set)
            try:
                spec.check(ctx)
            except Exception as exc:  # noqa: BLE001 - one rule's bug never hides the other findings
                ctx.out.append(_rule_failed(spec, council, exc))
            findings.extend(ctx.out)
            if noted is not None and council is not None and ctx.read_day:
                noted.setdefault(council.slug, set()).add(spec.id)
    return findings


def _rule_failed(spec: RuleSpec, council: Council | None, exc: Exception) -> Finding:
    """A rule that raised (a bug, usually met through extreme data): blocking, named, never a traceback."""
    return Finding(spec.id, Kind.DATA, "E", council.path if council else "site_config.yml", None, None, None,
                   "limits.rule-failed", {"rule": spec.id, "detail": type(exc).__name__},
                   council.slug if council else None)
