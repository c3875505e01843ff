"""The record types the portal knows, in registration order: built-ins first, then plugins.

The five built-in types register through :func:`register`, the same door a
third-party type uses. Plugins are found two ways (as Datasette finds its
plugins): installed packages declaring an entry point in the group
``ashyq.record_types``, and modules in the folders named by the environment
variable ``ASHYQ_PLUGINS_DIR`` (``os.pathsep``-separated; handy for a
portal's own types kept beside its records). Either way the object is a
:class:`RecordType`, or a module whose ``RECORD_TYPES`` lists them.

Loading is lazy (on the first question to the registry), so importing this
module never imports the types' code: the renderers the types use can ask
the registry without an import cycle.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from ..models.common import Record
from .spec import RecordType

ENTRY_POINT_GROUP = "ashyq.record_types"
PLUGINS_ENV = "ASHYQ_PLUGINS_DIR"

_TYPES: dict[str, RecordType] = {}
_loaded = False


def register(rt: RecordType) -> RecordType:
    """Add a record type; its kind and folder must be new."""
    for other in _TYPES.values():
        if other.kind == rt.kind or other.folder == rt.folder:
            if other == rt:
                return rt
            raise ValueError(f"record type {rt.kind!r} ({rt.folder}) is already registered")
    _TYPES[rt.kind] = rt
    return rt


def unregister(kind: str) -> None:
    """Remove a type (tests that register a type of their own put the registry back)."""
    _TYPES.pop(kind, None)


def _declared(obj: object) -> Iterable[RecordType]:
    if isinstance(obj, RecordType):
        return [obj]
    if isinstance(obj, ModuleType):
        return list(getattr(obj, "RECORD_TYPES", ()))
    if callable(obj):
        return _declared(obj())
    return list(obj)  # type: ignore[call-overload]


def _import_file(path: Path) -> ModuleType:
    name = f"ashyq_plugin_{path.stem if path.is_file() else path.name}"
    if name in sys.modules:
        return sys.modules[name]
    target = path / "__init__.py" if path.is_dir() else path
    spec = importlib.util.spec_from_file_location(name, target)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import a plugin from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_plugin_dir(folder: Path) -> list[RecordType]:
    """Register the types of every module (``x.py``) and package (``x/__init__.py``) in ``folder``."""
    added = []
    for path in sorted(Path(folder).iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if (path.is_file() and path.suffix == ".py") or (path / "__init__.py").is_file():
            for rt in _declared(_import_file(path)):
                added.append(register(rt))
    return added


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    importlib.import_module(".builtin", __package__)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        for rt in _declared(ep.load()):
            register(rt)
    for folder in filter(None, os.environ.get(PLUGINS_ENV, "").split(os.pathsep)):
        load_plugin_dir(Path(folder))


def record_types() -> tuple[RecordType, ...]:
    _load()
    return tuple(_TYPES.values())


def by_kind() -> dict[str, RecordType]:
    _load()
    return dict(_TYPES)


def by_folder() -> dict[str, RecordType]:
    return {rt.folder: rt for rt in record_types()}


def of(record: Record | type[Record]) -> RecordType:
    """The declaration of a record (or record class)."""
    kind = record.KIND
    _load()
    return _TYPES[kind]
