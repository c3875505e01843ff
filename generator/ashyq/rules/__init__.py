"""The rule catalogue (``catalogue.yml``): titles, explanations, fixes and sources by rule id.

The engine holds what a rule does; the catalogue holds what it means, in
kk, ru and en, with the seed's own words. Pages, the rule reference and
tests read it through :func:`catalogue`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("catalogue.yml")


@functools.cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Rule id -> entry, in the catalogue's order."""
    with CATALOGUE.open(encoding="utf-8") as fh:
        entries = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {entry["id"]: entry for entry in entries}
