"""Record types: one declaration per type (:class:`RecordType`) and the registry the portal reads them from."""

from .registry import by_folder, by_kind, record_types, register
from .spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

__all__ = ["CsvTable", "EditorSchema", "Feed", "OpenData", "RecordType", "Scaffold", "by_folder", "by_kind",
           "record_types", "register"]
