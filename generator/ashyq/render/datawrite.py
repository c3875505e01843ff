"""``data/``: the open data written council by council, each file streamed to disk as its items are made.

A council's document (``councils/<slug>.json``) is made, written and dropped before the next council's; the
portal-wide files (a JSON list per type, the CSV tables) take its items as they come, as text. So the data
step holds one council's objects at a time, not every record's as objects plus every file's bytes (which
grew the side lane by 420 MB at 500 councils). The ZIP is made last from the written files, one at a time.
The bytes are those of dumping each file whole (:func:`.datafiles.json_bytes`, ``csv.writer``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from ..kinds import registry
from ..rounds import Rounds, one_round
from ..rules.fidelity import rows as fidelity_rows
from . import bodydata, urls
from .archive import write_archive
from .context import SiteContext
from .csvout import CsvWriter, csv_columns, csv_rows
from .datafiles import (
    ZIP_NAME, Earlier, compliance_findings, council_json, dumps, envelope, finding_json, finish,
    json_bytes, json_files, membership_json, tombstone_json)
from .datapart import CouncilPart, council_part
from .dataschema import schema
from .feedtext import tombstones
from .files import write_file
from .members_data import council_people

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)


class JsonList:
    """A portal-wide JSON file written item by item, as :func:`.datafiles.json_bytes` writes
    ``{<envelope>, "data": [<items>]}`` at once. A record type's removed records (tombstones) go last, by id."""

    def __init__(self, out: TextIO, head: dict[str, Any]):
        self._out = out
        out.write(dumps({**head, "data": []})[:-2])  # up to '"data":[': the items follow
        self._first = True
        self._removed: list[tuple[str, str]] = []

    def add(self, items: Iterable[dict[str, Any]], records: bool = False) -> None:
        for item in items:
            text = dumps(item)
            if records and item["deleted"]:
                self._removed.append((item["id"], text))
            else:
                self._put(text)

    def add_joined(self, text: str) -> None:
        """Items already dumped (:data:`.datafiles.dumps`) and joined by commas."""
        if text:
            self._put(text)

    def remove(self, removed: Iterable[tuple[str, str]]) -> None:
        """Removed records already dumped, as ``(id, item)``: they go last, by id."""
        self._removed.extend(removed)

    def _put(self, text: str) -> None:
        self._out.write(text if self._first else "," + text)
        self._first = False

    def close(self) -> None:
        for _, text in sorted(self._removed, key=lambda removed: removed[0]):  # stable: as read for equal ids
            self._put(text)
        self._out.write("]}\n")


def council_documents(ctx: SiteContext, site: Path, slugs: list[str], earlier: Earlier | None = None
                      ) -> tuple[dict[str, CouncilPart], list[str]]:
    """One round: ``data/councils/<slug>.json`` of the councils ``slugs`` and each one's part of the
    portal-wide files (:mod:`.datapart`), sent back for them; and the councils whose document was brought over.

    Of a council whose inputs held, ``earlier`` may give the part a build made before, and bring its
    document's file over from the previous site; or give the document as that site holds it, when only
    the part must be made.
    """
    types = registry.record_types()
    names = [rt.data.name for rt in types]
    folders = {rt.folder: rt.data.name for rt in types}
    mine = frozenset(slugs)
    stones: dict[str, list[dict]] = {}
    for stone in tombstones(ctx):
        if stone.council in mine:
            stones.setdefault(stone.council, []).append({"folder": folders[stone.folder],
                                                         "item": tombstone_json(ctx, stone)})
    parts: dict[str, CouncilPart] = {}
    brought: list[str] = []
    for slug in slugs:
        rel = urls.data(f"councils/{slug}.json")
        part = earlier.part(slug) if earlier is not None else None
        if part is not None and earlier is not None and earlier.bring(slug, rel):
            parts[slug] = part
            brought.append(slug)
            continue
        council = ctx.portal.councils[slug]
        doc = earlier.document(slug) if earlier is not None else None
        if doc is None:
            doc = {"council": council_json(ctx, council),
                   "members": [membership_json(ctx, council, m)
                               for m in (council.composition.members if council.composition else [])],
                   "findings": [finding_json(ctx, f) for f in ctx.council_findings(council)]}
            for rt in types:
                doc[rt.data.name] = [rt.data.item(ctx, rec).model_dump(mode="json") for rec in council.of(rt.kind)]
            for stone in stones.get(slug, ()):
                doc[stone["folder"]].append(stone["item"])
            finish(doc, names)
        write_file(f"{site}/{rel}", json_bytes({**envelope(ctx, "council"), **doc}))
        parts[slug] = council_part(doc, council_people(ctx, council, doc["members"]))
        if earlier is not None:
            earlier.keep(slug, parts[slug])
    return parts, brought


def write_opendata(ctx: SiteContext, site: Path, earlier: Earlier | None = None, rounds: Rounds = one_round
                   ) -> list[str]:
    """Write ``data/…`` into ``site``; the site-relative paths written, sorted.

    The councils' documents are written a round at a time (``rounds``: :func:`council_documents`), which
    sends back each council's part of the portal-wide files as text, so this process reads no record and
    only joins texts. ``earlier`` gives what earlier builds made of a council whose inputs did not change
    (:class:`.datafiles.Earlier`): making it again was most of a warm build's data step.
    """
    files: list[str] = []  # under data/
    made: set[str] = set()
    of_council: dict[str, list[dict]] = {}  # the councils' findings, as their documents hold them
    unchanged: set[str] = set()  # files brought over from the previous site, under data/

    def write(name: str, data: bytes) -> None:
        write_file(f"{site}/{urls.data(name)}", data, made)
        files.append(name)

    with ExitStack() as stack:
        def opened(name: str, encoding: str) -> TextIO:
            path = f"{site}/{urls.data(name)}"
            os.makedirs(os.path.dirname(path), exist_ok=True)
            files.append(name)
            return stack.enter_context(os.fdopen(os.open(path, _FLAGS, 0o666), "w", encoding=encoding, newline=""))

        lists = {name: JsonList(opened(f"{name}.json", "utf-8"), envelope(ctx, name)) for name in json_files()}
        tables = {name: CsvWriter(opened(f"{name}.csv", "utf-8-sig"), header) for name, header in csv_columns().items()}
        for slugs, (parts, brought) in rounds(sorted(ctx.portal.councils),
                                              functools.partial(council_documents, ctx, site, earlier=earlier)):
            unchanged.update(f"councils/{slug}.json" for slug in brought)
            for slug in slugs:
                part = parts[slug]
                files.append(f"councils/{slug}.json")
                of_council[slug] = part.findings
                for name, text in part.lists.items():
                    lists[name].add_joined(text)
                for name, removed in part.removed.items():
                    lists[name].remove(removed)
                for name, text in part.tables.items():
                    tables[name].add_text(text)
        folders = {rt.folder: rt.data.name for rt in registry.record_types()}
        for stone in tombstones(ctx):  # a removed council's records
            if stone.council not in ctx.portal.councils:
                lists[folders[stone.folder]].add([tombstone_json(ctx, stone)], records=True)
        findings = _findings(ctx, of_council)
        bodies = bodydata.items(ctx)
        lists["bodies"].add(bodies)
        lists["findings"].add(findings)
        lists["rules"].add(row.to_json() for row in fidelity_rows())  # the fidelity table: what each rule rests on
        for name, rows in csv_rows({"bodies": bodies, "findings": findings}).items():
            tables[name].add(rows)
        for listing in lists.values():
            listing.close()
    for name in [*json_files(), "council"]:
        write(f"schema/{name}.schema.json", json_bytes(schema(ctx, name)))
    previous = earlier.previous(urls.data(ZIP_NAME)) if earlier is not None and unchanged else None
    write_archive(site / urls.data(ZIP_NAME), site / urls.data(""), sorted(files), previous, unchanged)
    return sorted(urls.data(name) for name in [*files, ZIP_NAME])


def _findings(ctx: SiteContext, of_council: dict[str, list[dict]]) -> list[dict]:
    """Every published finding in the portal's order: a council's as its document holds them (the same
    items, so no record is read here again), the rest (of no council of the portal) made here."""
    taken: dict[str, int] = {}
    found = []
    for f in compliance_findings(ctx):
        if f.council in of_council:
            at = taken[f.council] = taken.get(f.council, -1) + 1
            found.append(of_council[f.council][at])
        else:
            found.append(finding_json(ctx, f))
    return found
