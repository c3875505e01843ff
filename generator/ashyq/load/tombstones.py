"""Records removed from the repository, read back from git: the source of tombstones.

OParl 1.1 asks that a deleted object stays visible as deleted, never silently
gone. :func:`read_history` already knows which record files were removed and
by which commit; the removed file still exists in that commit's parent, so its
id and title can be read back. All removed files are read with one
``git cat-file --batch`` call (plus one ``git rev-parse``), however many
there are.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..kinds import registry
from .history import RecordDates



def record_folders() -> dict[str, tuple[str, tuple[str, ...]]]:
    """folder -> (kind, file suffixes) of every registered record type."""
    return {rt.folder: (rt.kind, rt.suffixes) for rt in registry.record_types()}


def __getattr__(name: str):
    if name == "RECORD_FOLDERS":  # folder -> kind, as before the registry
        return {folder: kind for folder, (kind, _) in record_folders().items()}
    raise AttributeError(name)

# The field that names a record of each kind, in the order tried.
TITLE_FIELDS = ("title", "topic")


@dataclass(frozen=True)
class Tombstone:
    """A record that was published and then removed from the repository."""

    path: str  # the removed file, relative to the portal root
    council: str
    folder: str  # meetings, hearings, …
    kind: str  # meeting, hearing, …
    id: str
    title: dict[str, str] = field(default_factory=dict)  # lang -> the title it had ({} when unreadable)
    created: dt.datetime | None = None
    removed: dt.datetime | None = None
    commit: str = ""

    @property
    def uid(self) -> str:
        return f"{self.council}/{self.kind}/{self.id}"


def _parts(path: str) -> tuple[str, str, str] | None:
    """``councils/<slug>/<folder>/<file>`` -> ``(slug, folder, stem)`` for record files only."""
    parts = path.split("/")
    folders = record_folders()
    if len(parts) != 4 or parts[0] != "councils" or parts[2] not in folders:
        return None
    name = parts[3]
    suffix = next((s for s in folders[parts[2]][1] if name.endswith(s)), None)
    if suffix is None or name.startswith("."):
        return None
    return parts[1], parts[2], name[: -len(suffix)]


def _front_matter(text: str, is_markdown: bool) -> dict:
    if text.startswith("\ufeff"):
        text = text[1:]
    if is_markdown:
        if not text.startswith("---"):
            return {}
        end = text.find("\n---", 3)
        if end < 0:
            return {}
        text = text[3:end]
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~10x faster
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _title(data: dict) -> dict[str, str]:
    for name in TITLE_FIELDS:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return {"kk": value, "ru": value}
        if isinstance(value, dict):
            out = {lang: str(value[lang]) for lang in ("kk", "ru") if isinstance(value.get(lang), (str, int))}
            if out:
                return out
    return {}


def _git_prefix(root: Path) -> str | None:
    """The portal root's path inside its repository (``""`` at the top), or None outside git."""
    try:
        out = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out


def _cat_files(root: Path, specs: list[str]) -> list[bytes | None]:
    """The contents of ``<commit>^:<path>`` objects, in order, from one ``git cat-file --batch``."""
    if not specs:
        return []
    stdin = "".join(spec + "\n" for spec in specs).encode("utf-8")
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=stdin, capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return [None] * len(specs)
    results: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = out.find(b"\n", pos)
        if end < 0:
            results.append(None)
            continue
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            results.append(out[pos:pos + size])
            pos += size + 1  # content is followed by a newline
        else:  # "<spec> missing" or not a blob
            results.append(None)
    return results


def read_tombstones(root: Path, dates: RecordDates) -> list[Tombstone]:
    """A tombstone for every removed record file, sorted by path.

    The id is the one the record had (its ``id`` field, else the file name);
    the title is read from the file as it was before the removing commit.
    Outside a git checkout, or when git cannot show the old file, the
    tombstone still comes back, with the file name as id and no title.
    """
    candidates = []
    for path, removal in sorted(dates.removed.items()):
        parts = _parts(path)
        if parts is not None:
            candidates.append((path, removal, parts))
    if not candidates:
        return []
    prefix = _git_prefix(Path(root))
    contents: list[bytes | None]
    if prefix is None:
        contents = [None] * len(candidates)
    else:
        contents = _cat_files(Path(root), [f"{removal.commit}^:{prefix}{path}" for path, removal, _ in candidates])
    tombstones = []
    for (path, removal, (slug, folder, stem)), blob in zip(candidates, contents):
        data: dict = {}
        if blob is not None:
            data = _front_matter(blob.decode("utf-8", errors="replace"), path.endswith(".md"))
        record_id = data.get("id")
        if not isinstance(record_id, (str, int)) or isinstance(record_id, bool) or not str(record_id).strip():
            record_id = stem
        tombstones.append(Tombstone(path=path, council=slug, folder=folder, kind=record_folders()[folder][0],
                                    id=str(record_id), title=_title(data), created=removal.created,
                                    removed=removal.removed, commit=removal.commit))
    return tombstones
