"""Typed, bounded parameters of the rules, as ``site_config.yml`` may set them.

Each rule with parameters names its model here in its ``@rule(..., params=…)``
decorator; the defaults are the models' defaults. A setting of the wrong type
or out of range (``working_days: 2.5``, ``-5``, ``100000000``, ``"nine"``,
``true``) is reported with its line and not used, so no rule ever computes a
deadline from a value that would crash it or make no sense. The bounds are
generous: they keep out typos and absurd values, not unusual choices.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from annotated_types import Ge, Gt, Le
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError


class RuleParams(BaseModel):
    """Base of every rule's parameters: strict (``true`` is not 1, ``2.5`` is not 2), nothing unknown."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class NoParams(RuleParams):
    pass


def _days(default: int, most: int = 365) -> Any:
    return Field(default, ge=0, le=most)


class Share(RuleParams):
    """A share of the members: ``2/3`` by default."""

    share: float = Field(2 / 3, gt=0, le=1)


class CompositionSize(RuleParams):
    national_min: int = Field(15, ge=1, le=200)
    national_max: int = Field(30, ge=1, le=200)
    quasi_min: int = Field(10, ge=1, le=200)
    quasi_max: int = Field(15, ge=1, le=200)
    local_min: int | None = Field(None, ge=1, le=200)  # set by the maslikhat: none by default
    local_max: int | None = Field(None, ge=1, le=200)

    @model_validator(mode="after")
    def _ordered(self) -> CompositionSize:
        for group in ("national", "quasi", "local"):
            low, high = getattr(self, f"{group}_min"), getattr(self, f"{group}_max")
            if low is not None and high is not None and low > high:
                raise PydanticCustomError("param_order", "{low} is greater than {high}",
                                          {"low": f"{group}_min", "high": f"{group}_max",
                                           "low_value": low, "high_value": high})
        return self


class MonthsBefore(RuleParams):
    months_before: int = Field(2, ge=0, le=24)


class Days(RuleParams):
    days: int = _days(10)


class FinalProtocolDays(RuleParams):
    days: int = _days(30)


class LeadDays(RuleParams):
    lead_days: int = _days(1)


class WorkingDays(RuleParams):
    working_days: int = Field(3, ge=0, le=60)


class GraceDays(RuleParams):
    grace_days: int = _days(30)


class PlanGraceDays(RuleParams):
    grace_days: int = _days(31)


class AnnualDue(RuleParams):
    due_month: int = Field(3, ge=1, le=12)
    due_day: int = Field(31, ge=1, le=31)

    @model_validator(mode="after")
    def _a_date_every_year(self) -> AnnualDue:
        try:
            dt.date(2027, self.due_month, self.due_day)  # not a leap year: 29 February is refused
        except ValueError:
            raise PydanticCustomError("param_date", "not a date in every year",
                                      {"month": self.due_month, "day": self.due_day}) from None
        return self


# --- settings -> values, and what was wrong with them -----------------------------------------


class ParamError:
    """One refused setting: the parameter (None for the rule as a whole), a message key and its values."""

    __slots__ = ("name", "key", "params")

    def __init__(self, name: str | None, key: str, params: dict[str, Any]):
        self.name, self.key, self.params = name, key, params


def defaults(model: type[RuleParams]) -> dict[str, Any]:
    return model().model_dump()


def bounds(model: type[RuleParams], name: str) -> tuple[Any, Any]:
    low = high = None
    for item in model.model_fields[name].metadata:
        if isinstance(item, Ge):
            low = item.ge
        elif isinstance(item, Gt):
            low = item.gt
        elif isinstance(item, Le):
            high = item.le
    return low, high


def _shown(value: Any) -> str:
    """A setting as it was written in YAML, cut short."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _field_error(model: type[RuleParams], name: str, value: Any) -> ParamError:
    low, high = bounds(model, name)
    annotation = model.model_fields[name].annotation
    key = "config.param-share" if annotation is float else "config.param-whole"
    return ParamError(name, key, {"param": name, "value": _shown(value), "min": low, "max": high})


def resolve(model: type[RuleParams], base: dict[str, Any], layer: dict[str, Any]
            ) -> tuple[dict[str, Any], list[ParamError]]:
    """``base`` (valid values) updated with the good settings of ``layer``; the bad ones reported.

    A value that is wrong on its own is dropped and the rest applied; when the
    values are each fine but wrong together (a minimum above the maximum), the
    whole layer is dropped.
    """
    errors: list[ParamError] = []
    layer = {k: v for k, v in layer.items() if k in model.model_fields}
    try:
        return model.model_validate({**base, **layer}).model_dump(), errors
    except ValidationError as exc:
        bad = {err["loc"][0] for err in exc.errors(include_url=False) if err["loc"] and err["loc"][0] in layer}
        errors += [_field_error(model, name, layer[name]) for name in sorted(bad, key=str)]
        whole = [err for err in exc.errors(include_url=False) if not err["loc"]]
    good = {k: v for k, v in layer.items() if k not in bad}
    if not whole:
        try:
            return model.model_validate({**base, **good}).model_dump(), errors
        except ValidationError as exc:
            whole = [err for err in exc.errors(include_url=False) if not err["loc"]]
    for err in whole[:1]:
        ctx = err.get("ctx") or {}
        errors.append(ParamError(None, f"config.{err['type'].replace('_', '-')}", dict(ctx)))
    return dict(base), errors
