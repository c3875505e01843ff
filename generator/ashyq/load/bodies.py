"""The portal's registry of state bodies (``bodies.yml``): who recommendations and hearings are sent to.

A recommendation's ``addressee`` and a hearing's ``sent_to[].name`` may name a
body by its id instead of writing its name out::

    addressee: minzdrav            # the id of a body in bodies.yml
    addressee: {kk: …, ru: …}      # free text: still accepted

After the councils are read, :func:`resolve` replaces each id by the body's
names (so every page, feed and data file shows the name) and remembers the id
on the record (``body_id``). An id that is not in the registry is a data
error (``data.reference``) on the line where it stands.

``bodies.yml`` is optional; it is read like a record (bounded YAML, never
through a link) and checked here: duplicate ids and BINs, parents that do not
exist or that loop back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from ..findings import Finding, Kind
from ..models.common import LANGS, Document, Model, Text
from ..types import Bin, Slug, Url
from .reading import ReadLimits
from .schema import build_model
from .source import DEFAULT_LIMITS, format_path, read_document
from .walk import kind_of

BODIES_FILE = "bodies.yml"
_QUOTES = re.compile(r"[«»\"“”„'’`]")


class Body(Model):
    """A state body (or quasi-public entity) the councils send recommendations to."""

    id: Slug = Field(description="Stable identifier, used by records: lowercase Latin letters, digits, hyphens")
    name: Text = Field(description="Full official name in Kazakh and Russian")
    short_name: Text | None = Field(None, description="Short name for tables and headings")
    bin: Bin = Field(description="Business identification number (БСН / БИН): 12 digits")
    website: Url = Field(description="Official website")
    parent: Slug | None = Field(None, description="Id of the body it reports to (a ministry for its committee)")
    region: Text | None = Field(None, description="Region of a local body")


class BodiesFile(Document):
    """``bodies.yml``: the list of bodies."""

    bodies: list[Body] = []


def normalise(name: str) -> str:
    """A name as compared: case, quotes and runs of spaces do not matter."""
    return " ".join(_QUOTES.sub(" ", name).casefold().split())


@dataclass
class Bodies:
    """The registry: bodies by id, and by normalised name for the free-text suggestion."""

    by_id: dict[str, Body] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Body]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def __contains__(self, body_id: object) -> bool:
        return body_id in self.by_id

    def get(self, body_id: str | None) -> Body | None:
        return self.by_id.get(body_id) if body_id else None

    def add(self, body: Body) -> None:
        self.by_id.setdefault(body.id, body)
        for text in (body.name, body.short_name):
            for lang in LANGS:
                value = getattr(text, lang, None) if text else None
                if value:
                    self.by_name.setdefault(normalise(value), body.id)

    def match(self, text: Text | str | None) -> str | None:
        """The id of the registered body whose name ``text`` is, in either language."""
        if text is None:
            return None
        values = [text] if isinstance(text, str) else [getattr(text, lang) for lang in LANGS]
        return next((self.by_name[n] for n in map(normalise, filter(None, values)) if n in self.by_name), None)


def _finding(key: str, file: str, line: int | None, column: int | None, fld: str | None,
             rule: str = "data.reference", council: str | None = None, **params: Any) -> Finding:
    return Finding(rule, Kind.DATA, "E", file, line, column, fld, key, params, council)


def load_bodies(root: Path, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[Bodies, list[Finding]]:
    """The registry of ``root/bodies.yml`` (empty if there is none) and the problems found in it."""
    path = root / BODIES_FILE
    kind = kind_of(path)
    if kind is None:
        return Bodies(), []
    if kind != "file":
        return Bodies(), [Finding("safety.symlink", Kind.SAFETY, "E", BODIES_FILE, None, None, None,
                                  "tree.symlink" if kind == "link" else "tree.special-file", {"file": BODIES_FILE})]
    parsed, findings = build_model(BodiesFile, read_document(path, root, limits))
    bodies = Bodies()
    if parsed is None:
        return bodies, findings
    source = parsed.source
    seen_bins: dict[str, str] = {}
    for i, body in enumerate(parsed.bodies):
        where = ("bodies", i)
        if body.id in bodies:
            findings.append(_finding("data.duplicate-id", BODIES_FILE, source.line(*where, "id"),
                                     source.column(*where, "id"), f"bodies[{i + 1}].id", "data.duplicate-id",
                                     id=body.id))
            continue
        if body.bin in seen_bins:
            findings.append(_finding("load.state-body-duplicate-bin", BODIES_FILE, source.line(*where, "bin"),
                                     source.column(*where, "bin"), f"bodies[{i + 1}].bin", "data.duplicate-id",
                                     bin=body.bin, other=seen_bins[body.bin]))
        seen_bins.setdefault(body.bin, body.id)
        bodies.add(body)
    for i, body in enumerate(parsed.bodies):
        if body.parent is None or bodies.get(body.id) is not body:
            continue
        where = ("bodies", i, "parent")
        if body.parent not in bodies:
            findings.append(_finding("load.state-body-unknown-parent", BODIES_FILE, source.line(*where),
                                     source.column(*where), f"bodies[{i + 1}].parent", id=body.parent))
        elif _loops(bodies, body):
            findings.append(_finding("load.state-body-parent-loop", BODIES_FILE, source.line(*where),
                                     source.column(*where), f"bodies[{i + 1}].parent", id=body.id))
    return bodies, findings


def _loops(bodies: Bodies, body: Body) -> bool:
    """Whether following ``parent`` from ``body`` comes back to it."""
    seen = {body.id}
    current = bodies.get(body.parent)
    while current is not None:
        if current.id in seen:
            return True
        seen.add(current.id)
        current = bodies.get(current.parent)
    return False


# --------------------------------------------------------------------- records naming bodies


def resolve(bodies: Bodies, records: Iterator[Any]) -> list[Finding]:
    """Put each named body's names in place of its id; an unknown id is a finding on its line.

    A record takes part by offering ``body_refs()``: ``(holder model, field, path in the file)`` of
    every value that may be a body id (a record type that names bodies declares it on its model).
    """
    findings: list[Finding] = []
    for record in records:
        refs = getattr(record, "body_refs", None)
        if refs is None:
            continue
        for holder, name, path in refs():
            value = getattr(holder, name)
            if not isinstance(value, str):
                continue
            body = bodies.get(value)
            if body is None:
                source = record._source
                findings.append(_finding(
                    "load.state-body-unknown", source.file if source else None, source.line(*path) if source else None,
                    source.column(*path) if source else None, format_path(path), council=record.council,
                    id=value, known=", ".join(sorted(bodies.by_id)[:12]) or "—"))
                continue
            setattr(holder, name, body.name)
            holder._body_id = body.id
            record.changed()
    return findings
