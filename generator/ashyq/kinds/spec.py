"""The declaration of a record type: everything the portal does with one kind of record, in one place.

A :class:`RecordType` names the type's model, folder and files, its one
display label, its dates, templates, feeds, calendar, open data, scaffold,
editor schema and rules. The five built-in types and any third-party type
are declared the same way and registered with
:func:`ashyq.kinds.registry.register`; the loader, feeds, calendars, open
data, ``ashyq new`` and ``ashyq schema`` read the registry, never a list of
their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..models.common import Record

if TYPE_CHECKING:
    import icalendar

    from ..render.context import SiteContext
    from ..render.icalevent import Event
    from ..render.feedtext import LazyEntry

# (text, the language it is in): a label falls back to the other language, and feeds mark that with xml:lang.
Label = tuple[str, str]
# The templates shipped with ashyq (pages, sections); a plugin type brings its own folder.
PAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"
SCAFFOLD_TEMPLATES = Path(__file__).resolve().parent.parent / "scaffold" / "templates"


@dataclass(frozen=True)
class Feed:
    """A portal-wide feed a type contributes to.

    ``entries`` None: every record of the type joins the feed with its
    ordinary entry. Otherwise ``entries(ctx, rec, lang)`` gives the derived
    entries (a held meeting's decisions, an overdue response) of the record.
    """

    name: str
    order: int  # where the feed stands among the portal's feeds (subscribe table, feed list)
    page: str = ""  # the portal page the feed's channel link opens ("" the home page)
    entries: Callable[[SiteContext, Record, str], Iterable[LazyEntry]] | None = None


@dataclass(frozen=True)
class CsvTable:
    """One CSV file: its columns are the fields of ``row`` (a pydantic model), its rows come from the JSON items."""

    name: str  # data/<name>.csv
    row: type[BaseModel]
    rows: Callable[[dict[str, Any]], Iterable[BaseModel]]  # one JSON item (a live record) -> its rows

    @property
    def columns(self) -> list[str]:
        return [f.alias or name for name, f in self.row.model_fields.items()]


@dataclass(frozen=True)
class OpenData:
    """The type's open data: ``data/<name>.json`` items of ``model`` (its JSON Schema too) and CSV tables."""

    name: str  # data/<name>.json, and the list's key in a council's file
    model: type[BaseModel]  # the output model of one item; its name is the item's ``type``
    item: Callable[[SiteContext, Record], BaseModel]
    csv: tuple[CsvTable, ...] = ()

    @property
    def type_name(self) -> str:
        """The item's ``type`` (``Meeting``): the default of the model's ``type`` field."""
        return self.model.model_fields["type"].default


@dataclass(frozen=True)
class Scaffold:
    """What ``ashyq new <kind>`` writes: a template filled with values, under the next free id."""

    template: str  # file name under ``template_dir``
    suffix: str  # ".md" or ".yml"
    next_id: Callable[[set[str], dt.date, dict[str, Any]], str]  # (ids taken, day, values) -> the new id
    questions: tuple[tuple[str, str], ...] = ()  # (value key, prompt locale key), asked on a terminal
    values: Callable[[Path, dict[str, Any], dict[str, Any], dt.date], dict[str, Any]] | None = None
    template_dir: Path = SCAFFOLD_TEMPLATES / "records"


@dataclass(frozen=True)
class EditorSchema:
    """The JSON Schema of the type's files for editors (``ashyq schema``, ``.vscode`` ``yaml.schemas``)."""

    title: str
    description: str


@dataclass(frozen=True)
class RecordType:
    kind: str  # meeting: the ``kind`` in uids, URLs of tombstones, feed categories
    folder: str  # meetings: councils/<slug>/<folder>/, the section's URL segment
    model: type[Record]
    label: Callable[[Record, str], Label]  # the ONE display name, in feeds, calendars, pages and data
    date: Callable[[Record], dt.date | int | None]  # the date the record is ordered by
    published: Callable[[Record], dt.date | None]  # its own publication date: feeds' fallback for "posted"
    feed_summary: Callable[[SiteContext, Record, str, str], str]  # (ctx, rec, council name, lang)
    data: OpenData
    scaffold: Scaffold | None
    schema: EditorSchema
    rules: str  # the module of the type's rules (imported when the validator loads)
    feeds: tuple[Feed, ...] = ()
    # None: an undated type. The hook gives render/calendars.py's ``event(...)``: an Event written straight
    # to bytes; the library's icalendar.Event is still taken (a plugin written before), only slower.
    calendar: Callable[[SiteContext, Record, str], Event | icalendar.Event] | None = None
    # The day the activity took place, counted in an activity report's figures (``ui.fig-<folder>``);
    # None from the hook: not held (yet). A type without the hook is not counted.
    held: Callable[[Record], dt.date | None] | None = None
    # (kind, id) of the council's records this one names (the meeting that decided it, the recommendations
    # that came from it): both pages show the link, under "Related records".
    refs: Callable[[Record], Iterable[tuple[str, str]]] | None = None
    # (badge variant, locale key) of a record's state, for types whose states are not a meeting's.
    badge: Callable[[Record], tuple[str, str]] | None = None
    # Extra variables of the record's page template: (renderer, council, record) -> dict.
    page_data: Callable[[Any, Any, Record], dict[str, Any]] | None = None
    # Extra variables of the type's section page: (renderer, council) -> dict (a maslikhat's problem map).
    section_data: Callable[[Any, Any], dict[str, Any]] | None = None
    # The bodies (council types) that keep this type; empty: every council (a maslikhat's receptions: maslikhat).
    council_types: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = (".yml", ".yaml", ".md")
    page_template: str = ""  # default: <kind>.html.j2, else <kind>.md.j2
    section_template: str = ""  # default: section_<folder>.html.j2, else section_<folder>.md.j2
    template_dir: Path = PAGE_TEMPLATES
    catalogue: Path | None = None  # a plugin's rule catalogue (built-in types: kinds/<type>/catalogue.yml)
    reference_dir: Path | None = None  # a plugin's own reference pages (content/<lang>/reference/<folder>.md)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The model's class attributes and the declaration must agree: uids and URLs use both.
        if self.model.KIND != self.kind or self.model.FOLDER != self.folder:
            raise ValueError(f"{self.model.__name__}: KIND/FOLDER disagree with {self.kind}/{self.folder}")
        # A page template writes HTML (<name>.html.j2, render/htmlpage.py) or, failing that, Markdown (<name>.md.j2).
        if not self.page_template:
            object.__setattr__(self, "page_template", self._template(self.kind))
        if not self.section_template:
            object.__setattr__(self, "section_template", self._template(f"section_{self.folder}"))

    def _template(self, stem: str) -> str:
        return f"{stem}.html.j2" if (self.template_dir / f"{stem}.html.j2").is_file() else f"{stem}.md.j2"

    @property
    def section_key(self) -> str:
        """Locale key of the section's title (``ui.section-<folder>``)."""
        return f"ui.section-{self.folder}"

    @property
    def event(self) -> bool:
        """A dated event: on the calendar page, the home page's and the council's "upcoming"."""
        return self.calendar is not None

    @property
    def kind_key(self) -> str:
        """Locale key of the type's name (``feeds.kind.<kind>``)."""
        return f"feeds.kind.{self.kind}"

    def sort_key(self, record: Record) -> tuple[str, str]:
        """Stable order for pages, feeds and data: by date where there is one, then id."""
        day = self.date(record)
        return (str(day or ""), record.id)

    @property
    def editor_globs(self) -> tuple[str, ...]:
        """The files the editor schema describes (front matter of .md files is not matched by YAML editors)."""
        return tuple(f"councils/*/{self.folder}/*{s}" for s in self.suffixes if s != ".md")
