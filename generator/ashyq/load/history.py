"""When each record file was first and last committed, from one ``git log``.

Pages must show when an item was posted and last updated (access to
information law, art. 16 p.3). A record may say so itself; otherwise git
knows. One ``git log`` over the whole tree costs the same for 10 or 10,000
records, where one call per file would dominate the build.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Removal:
    """A record file that existed and was removed: the source of a tombstone."""

    path: str
    created: dt.datetime
    removed: dt.datetime
    commit: str  # the commit that removed it; its parent still has the file


@dataclass
class RecordDates:
    """``path -> (first commit, last commit)``; empty outside a git checkout."""

    by_path: dict[str, tuple[dt.datetime, dt.datetime]] = field(default_factory=dict)
    removed: dict[str, Removal] = field(default_factory=dict)

    def first(self, path: str) -> dt.datetime | None:
        entry = self.by_path.get(path)
        return entry[0] if entry else None

    def last(self, path: str) -> dt.datetime | None:
        entry = self.by_path.get(path)
        return entry[1] if entry else None


def read_history(root: Path, subdir: str = "councils") -> RecordDates:
    """Walk ``git log`` once, newest first, collecting every file's dates."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.strip()
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%H %cI", "--name-status", "--no-renames",
             "--", subdir],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return RecordDates()
    # git prints paths relative to the repository top; records use the portal root.
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    events: dict[str, list[tuple[str, dt.datetime, str]]] = {}  # newest first
    commit, when = "", None
    for line in out.splitlines():
        if line.startswith("\x00"):
            commit, _, stamp = line[1:].partition(" ")
            when = dt.datetime.fromisoformat(stamp.strip())
            continue
        status, _, path = line.partition("\t")
        if when is None or not path.startswith(prefix):
            continue
        events.setdefault(path[len(prefix):], []).append((status[:1], when, commit))
    dates = RecordDates()
    for path, history in events.items():
        created = history[-1][1]
        status, newest, commit = history[0]
        if status == "D":
            dates.removed[path] = Removal(path, created, newest, commit)
        else:
            dates.by_path[path] = (created, newest)
    return dates
