"""Earlier versions of record files, read back from git: what each revision of a record said.

:func:`~ashyq.load.history.read_history` gives every change's blob ids;
here the blobs are read in one ``git cat-file --batch`` (after a
``--batch-check`` that learns their sizes, so a file once too large is
refused before a byte of it is read) and parsed with the same bounded
readers as the present files (:mod:`.source`). An old version is input like
any other: broken, huge or hostile, it becomes "unreadable", never an
exception.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter

from .reading import ReadLimits
from .source import DEFAULT_LIMITS, Source, parse_yaml, split_languages

# Bytes of old versions read for one council at most: beyond it, older versions are left unread.
BUDGET = 64 * 1024 * 1024
# git must never go to the network for an object a partial clone lacks: a missing version is unreadable.
_ENV = {**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}


@dataclass
class Version:
    """One version of a record file: its fields and its Markdown body per language; ``ok`` False if unreadable."""

    data: dict[str, Any] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)
    ok: bool = True


UNREADABLE = Version(ok=False)


def _run(root: Path, args: list[str], stdin: bytes) -> bytes | None:
    try:
        return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=True,
                              env=_ENV).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def read_blobs(root: Path, blobs: list[str], limits: ReadLimits = DEFAULT_LIMITS,
               budget: int = BUDGET) -> dict[str, bytes]:
    """``blob id -> bytes`` of the blobs git has and that fit the limits; others are left out."""
    wanted = sorted(set(blobs))
    if not wanted:
        return {}
    listing = _run(root, ["cat-file", "--batch-check"], "".join(b + "\n" for b in wanted).encode())
    if listing is None:
        return {}
    fits: list[str] = []
    for line in listing.decode("ascii", "replace").splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit():
            size = int(parts[2])
            if size <= limits.max_bytes and size <= budget:
                fits.append(parts[0])
                budget -= size
    out = _run(root, ["cat-file", "--batch"], "".join(b + "\n" for b in fits).encode()) if fits else None
    if out is None:
        return {}
    found: dict[str, bytes] = {}
    pos = 0
    while pos < len(out):
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            found[header[0].decode("ascii")] = out[pos:pos + size]
            pos += size + 1  # the content is followed by a newline
    return found


def parse_version(raw: bytes | None, rel: str, limits: ReadLimits = DEFAULT_LIMITS) -> Version:
    """The fields and body of one old version of ``rel`` (a ``.yml`` or ``.md`` record file)."""
    if raw is None:
        return UNREADABLE
    try:
        return _parse(raw, rel, limits)
    except Exception:  # noqa: BLE001 - an old version is untrusted input: it can only be unreadable
        return UNREADABLE


def _parse(raw: bytes, rel: str, limits: ReadLimits) -> Version:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return UNREADABLE
    text = text.removeprefix("\ufeff")
    if not rel.endswith(".md"):
        doc = parse_yaml(text, rel, limits=limits)
        return Version(doc.data, {}) if isinstance(doc.data, dict) else UNREADABLE
    if not text.startswith("---"):
        return UNREADABLE
    try:
        fm, body = frontmatter.YAMLHandler().split(text)
    except ValueError:  # an opening '---' with no closing one
        return UNREADABLE
    doc = parse_yaml(fm, rel, limits=limits)
    if not isinstance(doc.data, dict):
        return UNREADABLE
    dash_line = text.count("\n", 0, len(text) - len(body)) + 1
    parts, _problems = split_languages(body, dash_line, Source(rel))
    return Version(doc.data, parts)
