"""``site_config.yml``: the portal's settings, and rule settings by rule id."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .calendar import CalendarConfig
from .filetypes import DEFAULT_ALLOWED
from .load.reading import ReadLimits
from .models.common import Document, Model, Slug, Text, Url

Lang = Literal["kk", "ru"]


class Licence(Model):
    name: str = "CC BY 4.0"
    url: Url = "https://creativecommons.org/licenses/by/4.0/"


class CouncilSettings(Model):
    """Per-council overrides, keyed by the council's folder name."""

    rules: dict[str, dict[str, Any]] = Field({}, description="Rule settings by rule id, as at the top level")


class AttachmentSettings(Model):
    """Which attached files are published, and how much of each is read for the privacy scan."""

    allowed: list[str] = Field(
        list(DEFAULT_ALLOWED),
        description="File types (extensions) councils may attach; HTML, SVG, scripts and Markdown are always refused")
    scan_max_mb: int = Field(25, ge=1, le=1024,
                             description="Largest document (MB) whose text is scanned for personal data; "
                                         "a larger one stops the build")
    scan_max_pages: int = Field(1000, ge=1, le=100000,
                                description="Most PDF pages scanned for personal data; a longer PDF stops the build")


class LimitSettings(Model):
    """Bounds on one record file: a hostile or broken file is refused with a message, never read at any cost."""

    record_max_mb: int = Field(5, ge=1, le=100, strict=True,
                               description="Largest record file (MB) that is read; a larger one stops the build")
    max_depth: int = Field(32, ge=8, le=64, strict=True,
                           description="Deepest nesting of fields and lists in a record; records need fewer than 8")
    revisions_per_record: int = Field(20, ge=1, le=100, strict=True,
                                      description="Most revisions listed on a record's page; older ones are counted")

    def read_limits(self) -> ReadLimits:
        return ReadLimits(max_bytes=self.record_max_mb * 1024 * 1024, max_depth=self.max_depth)


class MapSettings(Model):
    """The problem map's background: a tile server (OpenStreetMap by default) and the credit it asks for."""

    tiles: Url = Field("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                       description="Tile URL template with {z}, {x}, {y} (and {s} where the server uses it)")
    attribution: str = Field("© OpenStreetMap contributors", description="The credit the tile server requires")


class SiteConfig(Document):
    title: Text
    description: Text | None = None
    base_url: Url = Field(description="Absolute URL where the portal is published, e.g. https://kenes.example.kz/")
    languages: list[Lang] = Field(["kk", "ru"], description="Editions to build; kk is the state language and comes first")
    operator: Text | None = Field(None, description="Who runs the portal")
    contact_email: str | None = None
    repository: Url | None = Field(None, description="The records' git repository, for 'edit this page' links")
    licence: Licence = Licence()
    websub_hub: Url | None = Field(
        None, description="A WebSub hub every feed names (<link rel=\"hub\">); the publishing workflow, not ashyq, "
                          "tells the hub after each deployment that the feeds changed")
    timezone: Literal["Asia/Almaty"] = "Asia/Almaty"
    rules: dict[str, dict[str, Any]] = Field(
        {}, description="Rule settings by rule id: severity (E/W), enabled (true/false), and the rule's parameters")
    councils: dict[Slug, CouncilSettings] = {}
    calendar: CalendarConfig = CalendarConfig()
    attachments: AttachmentSettings = AttachmentSettings()
    limits: LimitSettings = LimitSettings()
    map: MapSettings = Field(MapSettings(), description="The maslikhats' problem map: tile server and its credit")
    strict: bool = Field(False, description="Treat compliance findings as failures in CI")
    latin_edition: bool = Field(
        False, description="Also publish the Kazakh edition in the 2021 Latin alphabet at kk-latn/ "
                           "(transliterated from kk/, with its own search, feeds and calendars); needs kk in languages")

    def site_url(self) -> str:
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"
