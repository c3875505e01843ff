"""The rule catalogue: titles, explanations, fixes and sources by rule id.

The engine holds what a rule does; the catalogue holds what it means, in
kk, ru and en, with the seed's own words. The portal-wide families live in
``rules/catalogue.yml``; a record type's rules live beside it, in
``kinds/<type>/catalogue.yml`` (a plugin type names its file in its
declaration, ``catalogue``). Pages, the rule reference and tests read them
through :func:`catalogue`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("catalogue.yml")
BUILTIN_KINDS = Path(__file__).resolve().parent.parent / "kinds"


def catalogue_files() -> list[Path]:
    """The catalogue's files in order: the portal-wide one, the built-in types', then plugins'."""
    from ..kinds import registry  # lazily: the types' modules import the renderers, which read the catalogue

    files = [CATALOGUE, *sorted(BUILTIN_KINDS.glob("*/catalogue.yml"))]
    for rt in registry.record_types():
        if rt.catalogue is not None and rt.catalogue not in files:
            files.append(rt.catalogue)
    return files


def load_entries(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []


@functools.cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Rule id -> entry, in the catalogue's order; an id in two files is an error of the package."""
    out: dict[str, dict[str, Any]] = {}
    for path in catalogue_files():
        for entry in load_entries(path):
            if entry["id"] in out:
                raise RuntimeError(f"rule {entry['id']} is in the catalogue twice ({path.name})")
            out[entry["id"]] = entry
    return out
