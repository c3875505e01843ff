"""``site_config.yml``: the portal's settings, and rule settings by rule id."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .calendar import CalendarConfig
from .models.common import Model, Slug, Text, Url

Lang = Literal["kk", "ru"]


class Licence(Model):
    name: str = "CC BY 4.0"
    url: Url = "https://creativecommons.org/licenses/by/4.0/"


class CouncilSettings(Model):
    """Per-council overrides, keyed by the council's folder name."""

    rules: dict[str, dict[str, Any]] = Field({}, description="Rule settings by rule id, as at the top level")


class SiteConfig(Model):
    title: Text
    description: Text | None = None
    base_url: Url = Field(description="Absolute URL where the portal is published, e.g. https://kenes.example.kz/")
    languages: list[Lang] = Field(["kk", "ru"], description="Editions to build; kk is the state language and comes first")
    operator: Text | None = Field(None, description="Who runs the portal")
    contact_email: str | None = None
    repository: Url | None = Field(None, description="The records' git repository, for 'edit this page' links")
    licence: Licence = Licence()
    timezone: Literal["Asia/Almaty"] = "Asia/Almaty"
    rules: dict[str, dict[str, Any]] = Field(
        {}, description="Rule settings by rule id: severity (E/W), enabled (true/false), and the rule's parameters")
    councils: dict[Slug, CouncilSettings] = {}
    calendar: CalendarConfig = CalendarConfig()
    strict: bool = Field(False, description="Treat compliance findings as failures in CI")

    def site_url(self) -> str:
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"
