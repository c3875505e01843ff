"""A council's part of the portal-wide open data files, as text: what :mod:`.datawrite` joins into them.

Each portal-wide file (a JSON list per type, the people, the CSV tables) holds every council's items one
council after another. A council's share of them follows from its document and its people alone, so it is
made once, as the bytes that go into the files, and a warm build may keep it under the council's fingerprint
(:mod:`ashyq.write.remember`) and write the portal's files by joining bytes: making every council's items,
rows and people again was most of a warm build's data step (36-41 s at national size).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kinds import registry
from .csvout import csv_rows, rows_text
from .datafiles import dumps


@dataclass
class CouncilPart:
    """One council's share of the portal-wide files."""

    lists: dict[str, bytes] = field(default_factory=dict)  # JSON list -> its live items, dumped, joined by commas
    removed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # JSON list -> (id, item) removed
    tables: dict[str, bytes] = field(default_factory=dict)  # CSV table -> its rows as CSV
    findings: list[dict[str, Any]] = field(default_factory=list)  # as its document holds them


def council_part(doc: dict[str, Any], people: list[dict[str, Any]]) -> CouncilPart:
    """The council's share of each file, from its document (as ``data/councils/<slug>.json`` holds it) and
    its people (``people.json``). A record type's removed records go to the end of their file, by id."""
    records = [rt.data.name for rt in registry.record_types()]
    part = CouncilPart(findings=doc["findings"])
    lists = {"councils": [doc["council"]], "members": doc["members"], **{name: doc[name] for name in records}}
    for name, items in {**lists, "people": people}.items():
        live = []
        for item in items:
            if name in records and item["deleted"]:
                part.removed.setdefault(name, []).append((item["id"], dumps(item)))
            else:
                live.append(dumps(item))
        if live:
            part.lists[name] = ",".join(live).encode("utf-8")
    for name, rows in csv_rows(lists).items():
        if rows:
            part.tables[name] = rows_text(rows).encode("utf-8")
    return part
