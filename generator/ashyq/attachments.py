"""A council's attachments: which files its records link to, and whether a file may be published.

Only a file that a record links to, that lies in the council's
``attachments/`` folder, that is a regular file reached without passing a
symbolic link, whose name is safe and whose type is allowed and matches its
content, is published. The rules (:mod:`ashyq.validate.rules.attachments`)
report every other file; the build copies exactly :func:`publishable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import AttachmentSettings
from .filetypes import HOUSEKEEPING, KNOWN, REFUSED, Mismatch, extension, safe_name, sniff, suggest_name
from .load.walk import kind_of, tree
from .models import Attachment, Council, iter_instances
from .models.common import Model

FOLDER = "attachments"


@dataclass(frozen=True)
class Link:
    """Where a record links to a file: the record (or composition) and the path of its ``file`` field."""

    holder: Model
    path: tuple[str | int, ...]


def normalise(name: str) -> str | None:
    """``./attachments//a.pdf`` -> ``attachments/a.pdf``; None for a path that leaves the council folder."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or not pure.parts:
        return None
    return pure.as_posix()


def holders(council: Council) -> list[Model]:
    return [h for h in (council.info, council.composition, *council.records()) if h is not None]


def linked_files(council: Council) -> dict[str, list[Link]]:
    """Every file the council's records link to (member photos included), by normalised path; what the loader
    worked out (``Council.linked``) when it did."""
    if council.linked is not None:
        return council.linked
    links: dict[str, list[Link]] = {}
    for holder in holders(council):
        for path, value in iter_instances(holder, Attachment):
            _add(links, value.file, Link(holder, path + ("file",)))
    if council.composition:
        for i, member in enumerate(council.composition.members):
            if member.photo:
                _add(links, member.photo.file, Link(council.composition, ("members", i, "photo", "file")))
    return links


def _add(links: dict[str, list[Link]], name: str, link: Link) -> None:
    rel = normalise(name)
    if rel is not None:
        links.setdefault(rel, []).append(link)


def is_real_file(base: Path, rel: str) -> bool:
    """``base/rel`` is a regular file and no folder on the way is a symbolic link."""
    parts = PurePosixPath(rel).parts
    current = base
    for part in parts[:-1]:
        current = current / part
        if kind_of(current) != "dir":
            return False
    return kind_of(base / rel) == "file"


def stored_files(council_dir: Path) -> list[str]:
    """Regular files under ``attachments/`` (relative to the council folder); links are never entered."""
    return sorted(e.path.relative_to(council_dir).as_posix() for e in tree(council_dir / FOLDER)
                  if e.kind == "file" and e.name not in HOUSEKEEPING)


def file_problems(rel: str, path: Path, settings: AttachmentSettings) -> list[Mismatch]:
    """What stops the file ``rel`` (relative to the council folder) from being published; [] when nothing."""
    bad = [part for part in PurePosixPath(rel).parts[1:] if not safe_name(part)]
    if bad:
        return [Mismatch("attachments.bad-name", name=bad[0], suggestion=suggest_name(bad[0]))]
    ext = extension(path.name)
    allowed = {e.lower().lstrip(".") for e in settings.allowed}
    if ext in REFUSED:
        return [Mismatch("attachments.refused-type", ext=ext)]
    if ext not in KNOWN:
        return [Mismatch("attachments.unknown-type", ext=ext or "—", allowed=", ".join(sorted(allowed & set(KNOWN))))]
    if ext not in allowed:
        return [Mismatch("attachments.not-allowed", ext=ext, allowed=", ".join(sorted(allowed & set(KNOWN))))]
    try:
        sniff(path, ext, settings.scan_max_mb * 2**20)
    except Mismatch as problem:
        return [problem]
    return []


def publishable(council: Council, root: Path, settings: AttachmentSettings) -> list[str]:
    """The files the build copies: linked, inside ``attachments/``, real, safe and of an allowed type."""
    base = root / council.path
    out = []
    for rel in sorted(linked_files(council)):
        if rel.split("/", 1)[0] != FOLDER or not is_real_file(base, rel):
            continue
        if not file_problems(rel, base / rel, settings):
            out.append(rel)
    return out
