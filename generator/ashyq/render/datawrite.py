"""``data/``: the open data written council by council, each file streamed to disk as its items are made.

A council's document (``councils/<slug>.json``) is made, written and dropped before the next council's; the
portal-wide files (a JSON list per type, the CSV tables) take its part as it comes, as bytes already deflated
for the archive (:class:`.archive.Packed`). So the data step holds one council's objects at a time, not every
record's as objects plus every file's bytes (which grew the side lane by 420 MB at 500 councils). The ZIP is
made last, from the portal-wide files' segments and the other files, one at a time. The bytes are those of
dumping each file whole (:func:`.datafiles.json_bytes`, ``csv.writer``).
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ..kinds import registry
from ..rounds import Rounds, one_round
from ..rules.fidelity import rows as fidelity_rows
from . import archive, bodydata, urls
from .archive import Packed, segment, write_archive
from .context import SiteContext
from .csvout import CsvWriter, csv_columns, csv_rows
from .datafiles import (
    ZIP_NAME, Earlier, compliance_findings, council_json, dumps, envelope, finding_json, finish,
    json_bytes, json_files, membership_json, redated, tombstone_json)
from .datapart import CouncilPart, council_part
from .dataschema import schema
from .feedtext import tombstones
from .files import write_file
from .members_data import council_people

class JsonList:
    """A portal-wide JSON file written item by item, as :func:`.datafiles.json_bytes` writes
    ``{<envelope>, "data": [<items>]}`` at once. A record type's removed records (tombstones) go last, by id."""

    def __init__(self, out: Packed, head: dict[str, Any]):
        self._out = out
        out.glue(dumps({**head, "data": []})[:-2].encode("utf-8"))  # up to '"data":[': the items follow
        self._first = True
        self._removed: list[tuple[str, str]] = []

    def add(self, items: Iterable[dict[str, Any]], records: bool = False) -> None:
        for item in items:
            text = dumps(item)
            if records and item["deleted"]:
                self._removed.append((item["id"], text))
            else:
                self._put(text)

    def add_part(self, data: bytes, packed: bytes) -> None:
        """Councils' items already dumped (:data:`.datafiles.dumps`) and joined by commas, and deflated
        (:func:`.archive.segment`)."""
        if not self._first:
            self._out.glue(b",")
        self._out.part(data, packed)
        self._first = False

    def remove(self, removed: Iterable[tuple[str, str]]) -> None:
        """Removed records already dumped, as ``(id, item)``: they go last, by id."""
        self._removed.extend(removed)

    def _put(self, text: str) -> None:
        self._out.glue((text if self._first else "," + text).encode("utf-8"))
        self._first = False

    def close(self) -> Packed:
        for _, text in sorted(self._removed, key=lambda removed: removed[0]):  # stable: as read for equal ids
            self._put(text)
        self._out.glue(b"]}\n")
        return self._out.close()


def council_documents(ctx: SiteContext, site: Path, slugs: list[str], earlier: Earlier | None = None
                      ) -> tuple[dict[str, CouncilPart], list[str]]:
    """One round: ``data/councils/<slug>.json`` of the councils ``slugs`` and each one's part of the
    portal-wide files (:mod:`.datapart`), sent back for them; and the councils whose document was brought over.

    Of a council whose inputs held, ``earlier`` may give the part a build made before, and bring its
    document's file over from the previous site, or give that file of another day to be written with this
    build's (:func:`.datafiles.redated`); or give the document as that site holds it, when only the part
    must be made.
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
        if part is not None and earlier is not None:  # inputs held, the day did not: its day replaced
            old = earlier.document_file(slug, rel)
            if old is not None and (new := redated(ctx, old)) is not None:
                write_file(f"{site}/{rel}", new)
                parts[slug] = part
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


def _parts(ctx: SiteContext, site: Path, earlier: Earlier | None, rounds: Rounds
           ) -> Iterator[tuple[str, CouncilPart, bool]]:
    """Each council's part, in name order, and whether its document was brought over.

    A council whose part the cache keeps and whose document the previous site holds is taken here; only the
    others go to the rounds (:func:`council_documents`), which send their parts back pickled: sending every
    kept part through a round (read in the fork, pickled, read again here) was a second or two of a warm
    national build, beside forking the process 28 times for nothing.
    """
    slugs = sorted(ctx.portal.councils)
    todo = [slug for slug in slugs if earlier is None or not earlier.holds(slug)]
    made = iter(rounds(todo, functools.partial(council_documents, ctx, site, earlier=earlier)))
    waiting: dict[str, CouncilPart] = {}
    brought: set[str] = set()
    for slug in slugs:
        if earlier is not None and slug not in waiting and earlier.holds(slug):
            part = earlier.part(slug)
            if part is not None and earlier.bring(slug, urls.data(f"councils/{slug}.json")):
                yield slug, part, True
                continue
            waiting.update(council_documents(ctx, site, [slug], earlier)[0])  # unreadable after all: made here
        while slug not in waiting:
            _, (parts, came) = next(made)
            waiting.update(parts)
            brought.update(came)
        yield slug, waiting.pop(slug), slug in brought


GROUP = 48  # councils in a group of the archive's segments, on average


def opens_group(slug: str) -> bool:
    """Whether a council begins a new group of the portal-wide files' archive segments: about one in
    :data:`GROUP`, decided by its name alone, so that a council added or removed changes its own group only.

    A segment per council would have doubled the archive (each starts without the previous one's words);
    one per file would be deflated again whole by every build.
    """
    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:4], "big") % GROUP == 0


class _Segments:
    """Each group's bytes of each portal-wide file deflated, or taken from an earlier build (``earlier``) when
    the same bytes were deflated before (same digest, same zlib)."""

    def __init__(self, earlier: Earlier | None):
        self._earlier = earlier

    def __call__(self, first: str, blobs: dict[str, bytes]) -> dict[str, bytes]:
        kept = self._earlier.segments(first) if self._earlier is not None else None
        made: dict[str, tuple[bytes, bytes]] = {}
        for name, data in blobs.items():
            digest = hashlib.sha256(f"{zlib.ZLIB_RUNTIME_VERSION}\0{archive.LEVEL}\0".encode() + data).digest()
            old = kept.get(name) if kept else None
            made[name] = old if old is not None and old[0] == digest else (digest, segment(data))
        if self._earlier is not None and made != kept:
            self._earlier.keep_segments(first, made)
        return {name: packed for name, (_digest, packed) in made.items()}


def write_opendata(ctx: SiteContext, site: Path, earlier: Earlier | None = None, rounds: Rounds = one_round
                   ) -> list[str]:
    """Write ``data/…`` into ``site``; the site-relative paths written, sorted.

    The councils' documents are written a round at a time (``rounds``: :func:`council_documents`), which
    sends back each council's part of the portal-wide files, so this process reads no record and only joins
    bytes. ``earlier`` gives what earlier builds made of a council whose inputs did not change, and of a group
    of councils whose bytes did not (:class:`.datafiles.Earlier`): making them again was most of a warm
    build's data step.
    """
    files: list[str] = []  # under data/
    made: set[str] = set()
    of_council: dict[str, list[dict]] = {}  # the councils' findings, as their documents hold them
    unchanged: set[str] = set()  # files brought over from the previous site, under data/

    def write(name: str, data: bytes) -> None:
        write_file(f"{site}/{urls.data(name)}", data, made)
        files.append(name)

    with ExitStack() as stack:
        def opened(name: str) -> Packed:
            files.append(name)
            return stack.enter_context(Packed(f"{site}/{urls.data(name)}"))

        lists = {name: JsonList(opened(f"{name}.json"), envelope(ctx, name)) for name in json_files()}
        tables = {name: CsvWriter(opened(f"{name}.csv"), header) for name, header in csv_columns().items()}
        group: list[tuple[str, CouncilPart]] = []
        deflate = _Segments(earlier)

        def flush() -> None:
            """The group's bytes of each file, one segment each; then their removed items, for the end."""
            blobs = {f"{name}.json": b",".join(p.lists[name] for _, p in group if name in p.lists) for name in lists}
            blobs.update({f"{name}.csv": b"".join(p.tables[name] for _, p in group if name in p.tables)
                          for name in tables})
            packed = deflate(group[0][0], {name: data for name, data in blobs.items() if data})
            for name, data in blobs.items():
                if data:
                    (lists[name[:-5]] if name.endswith(".json") else tables[name[:-4]]).add_part(data, packed[name])
            for _, part in group:
                for name, removed in part.removed.items():
                    lists[name].remove(removed)
            group.clear()

        for slug, part, came in _parts(ctx, site, earlier, rounds):
            if group and opens_group(slug):
                flush()
            files.append(f"councils/{slug}.json")
            if came:
                unchanged.add(f"councils/{slug}.json")
            of_council[slug] = part.findings
            group.append((slug, part))
        if group:
            flush()
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
        packed = {f"{name}.json": listing.close() for name, listing in lists.items()}
        packed.update({f"{name}.csv": table.close() for name, table in tables.items()})
    for name in [*json_files(), "council"]:
        write(f"schema/{name}.schema.json", json_bytes(schema(ctx, name)))
    previous = earlier.previous(urls.data(ZIP_NAME)) if earlier is not None and unchanged else None
    write_archive(site / urls.data(ZIP_NAME), site / urls.data(""), sorted(files), previous, unchanged, packed)
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
