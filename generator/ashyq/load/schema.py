"""Turn a parsed document into a typed model, and pydantic's errors into findings.

Pydantic speaks of ``loc`` tuples and English messages; a secretary needs the
file, the line, the field as written, and a sentence in her language.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Kind
from ..models.common import iter_instances
from ..types import PATTERN_HINTS
from .source import Document, Problem, Source, format_path

M = TypeVar("M", bound=BaseModel)

# pydantic error type -> (rule id, message key)
_ERRORS: dict[str, tuple[str, str]] = {
    "missing": ("data.required", "load.missing"),
    "extra_forbidden": ("data.unknown-field", "load.unknown-field"),
    "literal_error": ("data.type", "load.choice"),
    "enum": ("data.type", "load.choice"),
    "string_pattern_mismatch": ("data.type", "load.pattern"),
    "string_type": ("data.type", "load.expected-text"),
    "int_type": ("data.type", "load.expected-number"),
    "int_parsing": ("data.type", "load.expected-number"),
    "int_from_float": ("data.type", "load.expected-number"),
    "bool_type": ("data.type", "load.expected-bool"),
    "bool_parsing": ("data.type", "load.expected-bool"),
    "list_type": ("data.type", "load.expected-list"),
    "dict_type": ("data.type", "load.expected-mapping"),
    "model_type": ("data.type", "load.expected-mapping"),
    "model_attributes_type": ("data.type", "load.expected-mapping"),
    "date_type": ("data.date", "load.expected-date"),
    "date_parsing": ("data.date", "load.expected-date"),
    "date_from_datetime_parsing": ("data.date", "load.expected-date"),
    "date_from_datetime_inexact": ("data.date", "load.expected-date"),
    "datetime_type": ("data.date", "load.expected-date"),
    "datetime_parsing": ("data.date", "load.expected-date"),
    "datetime_from_date_parsing": ("data.date", "load.expected-date"),
    "greater_than_equal": ("data.type", "load.too-small"),
    "less_than_equal": ("data.type", "load.too-large"),
}

# What a constrained string should look like, in the secretary's terms.
_PATTERN_HINTS = PATTERN_HINTS


# Dates a council record can hold. Outside them a date is a typo (0202 for 2020), and deadline
# arithmetic near year 1 or 9999 would overflow: such a record is refused, not checked.
EARLIEST, LATEST = dt.date(1991, 1, 1), dt.date(2099, 12, 31)


def _implausible_dates(instance: BaseModel, source: Source, council: str | None) -> list[Finding]:
    found = []
    # Every date of the model, with its path as written in the file: the walk the rules take again later,
    # made once here and kept on the record.
    for path, value in iter_instances(instance, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not EARLIEST <= day <= LATEST:
            found.append(Finding("data.date", Kind.DATA, "E", source.file, source.line(*path), source.column(*path),
                                 format_path(path), "limits.date-range",
                                 {"value": value.isoformat(), "earliest": EARLIEST.year, "latest": LATEST.year},
                                 council))
    return found


def problem_finding(problem: Problem, file: str | None, council: str | None = None) -> Finding:
    return Finding(problem.rule, Kind.DATA, "E", file, problem.line, problem.column, problem.field,
                   problem.key, problem.params, council)


def _descend(data: Any, loc: tuple) -> tuple[tuple, Any, bool]:
    """Follow ``loc`` through ``data``, dropping pydantic's union-branch tags.

    Returns the data path, the value found there, and whether a union tag was
    crossed (the error then belongs to one branch of several).
    """
    path: list[str | int] = []
    node = data
    tagged = False
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif last and isinstance(node, dict):
            path.append(part)  # a missing field: point at its parent, name the field
            node = None
        else:
            tagged = True  # e.g. ('name', 'str') / ('name', 'Text', 'kk')
    return tuple(path), node, tagged


def _error_to_finding(err: dict, data: Any, source: Source, council: str | None,
                      known: list[str]) -> Finding | None:
    path, value, tagged = _descend(data, err["loc"])
    if tagged and isinstance(value, dict) and err["type"] == "string_type":
        return None  # the plain-string branch of a name given as a kk/ru mapping
    if err["type"].startswith("calendar_"):
        # A contradiction in site_config.yml's calendar: point at the entry, say it in the user's language.
        ctx = err.get("ctx") or {}
        path = path + tuple(ctx.get("at", ()))
        params = {name: ctx.get(name, "") for name in ("list", "other", "date")}
        return Finding("data.config", Kind.DATA, "E", source.file, source.line(*path), source.column(*path),
                       format_path(path), "config." + err["type"].replace("_", "-"), params, council)
    rule, key = _ERRORS.get(err["type"], ("data.type", "load.invalid"))
    params: dict[str, Any] = {"field": format_path(path)}
    if err["type"] == "missing":
        line = source.line(*path[:-1])
        params["field"] = str(path[-1]) if path else ""
    else:
        line = source.line(*path)
    if err["type"] == "extra_forbidden":
        line, column = source.key_marks.get(path, (line, source.column(*path)))
        params["guess_column"] = column
        guess = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        if guess:
            key = "load.unknown-field-guess"
            params["guess"] = guess[0]
    elif err["type"] in ("literal_error", "enum"):
        params["expected"] = err.get("ctx", {}).get("expected", "")
        params["value"] = value
    elif err["type"] == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(err.get("ctx", {}).get("pattern", ""))
        key = f"load.pattern-{hint}" if hint else "load.pattern"
        params["value"] = value
    elif err["type"] in ("greater_than_equal", "less_than_equal"):
        params["limit"] = next(iter(err.get("ctx", {}).values()), "")
        params["value"] = value
    elif key == "load.invalid" or key.startswith("load.expected"):
        params["value"] = "" if isinstance(value, (dict, list)) or value is None else str(value)
        params["detail"] = err.get("msg", "")
    column = params.pop("guess_column", None) or source.column(*path)
    return Finding(rule, Kind.DATA, "E", source.file, line, column, format_path(path), key, params, council)


def _field_names(model: type[BaseModel]) -> list[str]:
    names: set[str] = set()
    stack = [model]
    seen: set[type] = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(info.alias or name)
            for arg in _nested_models(info.annotation):
                stack.append(arg)
    return sorted(names)


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    out = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_nested_models(arg))
    return out


def build_model(model: type[M], doc: Document, council: str | None = None) -> tuple[M | None, list[Finding]]:
    """Validate ``doc.data`` as ``model``; every error becomes a data finding, nothing is raised."""
    try:
        return _build_model(model, doc, council)
    except Exception as exc:  # noqa: BLE001 - belt and braces: one broken file never stops the others
        return None, [problem_finding(p, doc.source.file, council) for p in doc.problems] + [
            Finding("data.syntax", Kind.DATA, "E", doc.source.file, None, None, None, "limits.unreadable",
                    {"detail": type(exc).__name__}, council)]


def _build_model(model: type[M], doc: Document, council: str | None) -> tuple[M | None, list[Finding]]:
    findings = [problem_finding(p, doc.source.file, council) for p in doc.problems]
    if doc.data is None:
        return None, findings
    if not isinstance(doc.data, dict):
        findings.append(Finding("data.type", Kind.DATA, "E", doc.source.file, doc.source.line(), 1, None,
                                "load.top-not-mapping", {}, council))
        return None, findings
    # A value already reported with its own line (a bad date, a refused tag or alias) is not reported twice.
    bad = {p.field for p in doc.problems if p.field}
    try:
        instance = model.model_validate(doc.data)
    except ValidationError as exc:
        known = _field_names(model)
        seen: set[str] = set()
        for err in exc.errors(include_url=False):
            finding = _error_to_finding(err, doc.data, doc.source, council, known)
            if finding is None or finding.field in bad or finding.field in seen:
                continue  # one message per field: union branches fail together
            seen.add(finding.field or "")
            findings.append(finding)
        return None, findings
    implausible = _implausible_dates(instance, doc.source, council)
    if implausible:
        return None, findings + implausible
    instance._source = doc.source  # type: ignore[attr-defined]
    return instance, findings
