"""What git knows about each record file, from one ``git log`` over the whole tree.

Pages must show when an item was posted and last updated (access to
information law, art. 16 p.3), and every change made to it since
(:mod:`ashyq.render.revisions`). A record may give its dates itself;
otherwise git knows. One ``git log --raw`` over the whole tree costs the
same for 10 or 10,000 records, where one call per file would dominate the
build: it gives each file's commits and, per commit, the blob ids of the
file before and after, so old versions can be read later in one
``git cat-file --batch`` (:mod:`.revisions`) without another walk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Revisions kept per file, newest first: memory stays bounded on a repository with years of edits.
# Pages show fewer (``limits.revisions_per_record``); the rest are only counted.
MAX_KEPT = 100
# Record files, whose versions can be read and compared; attachments get dates only.
RECORD_SUFFIXES = (".yml", ".yaml", ".md")
NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Removal:
    """A record file that existed and was removed: the source of a tombstone."""

    path: str
    created: dt.datetime
    removed: dt.datetime
    commit: str  # the commit that removed it; its parent still has the file


@dataclass(frozen=True)
class Commit:
    """One commit of the walk; ``subject`` is the first line of its message, untrusted text."""

    id: str
    when: dt.datetime
    subject: str
    root: bool  # no parent known: the first commit, or the boundary of a shallow clone


@dataclass(frozen=True, slots=True)
class Change:
    """What one commit did to one file (the file's path after any renames since is the key)."""

    commit: int  # index into ``RecordDates.commits``
    status: str  # A (added), M (modified), R (renamed, maybe modified too), T (type changed)
    old_blob: str = NO_BLOB  # not kept for A: a creation is never compared
    new_blob: str = NO_BLOB
    old_path: str = ""  # R: the name it had before, relative to the portal root


@dataclass
class FileLog:
    """A present record file's changes, newest first, following renames; at most :data:`MAX_KEPT` kept."""

    changes: list[Change] = field(default_factory=list)
    total: int = 0  # all changes seen, kept or not


@dataclass
class RecordDates:
    """``path -> (first commit, last commit)`` and each record file's changes; empty outside a git checkout."""

    by_path: dict[str, tuple[dt.datetime, dt.datetime]] = field(default_factory=dict)
    removed: dict[str, Removal] = field(default_factory=dict)
    revisions: dict[str, FileLog] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)
    in_git: bool = False
    shallow: bool = False  # a clone without the full history: the oldest commits seen are not the first
    git_prefix: str = ""  # the portal root inside the repository ("" at its top, else ending in "/")
    # Versions already read and compared (:mod:`ashyq.render.revisions`), per council, per process.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def first(self, path: str) -> dt.datetime | None:
        entry = self.by_path.get(path)
        return entry[0] if entry else None

    def last(self, path: str) -> dt.datetime | None:
        entry = self.by_path.get(path)
        return entry[1] if entry else None

    def logs_under(self, prefix: str) -> list[tuple[str, FileLog]]:
        """``(path, log)`` of the record files under ``prefix`` (a council's folder), sorted by path.

        Files are grouped by council once: a portal of 1,000 councils is not scanned 1,000 times.
        """
        groups = self.cache.get(_GROUPS)
        if groups is None:
            groups = self.cache[_GROUPS] = {}
            for path in sorted(self.revisions):
                groups.setdefault(_council_folder(path), []).append((path, self.revisions[path]))
        if prefix == _council_folder(prefix + "x"):
            return groups.get(prefix, [])
        return [(p, log) for p, log in sorted(self.revisions.items()) if p.startswith(prefix)]

    def dates_key(self, prefix: str) -> str:
        """A digest of the first and last dates and the removals of the files under ``prefix`` (a council's
        folder). Grouped by council once: each council's fingerprint is not a scan and sort of the whole portal."""
        groups = self.cache.get(_DATE_GROUPS)
        if groups is None:
            groups = self.cache[_DATE_GROUPS] = {}
            for path, (first, last) in sorted(self.by_path.items()):
                groups.setdefault(_council_folder(path), []).append(f"{path}\0{first.isoformat()}\0{last.isoformat()}\n")
            for path, removal in sorted(self.removed.items()):
                groups.setdefault(_council_folder(path), []).append(f"{path}\0{removal!r}\n")
        if prefix == _council_folder(prefix + "x"):
            lines = groups.get(prefix, [])
        else:
            lines = [line for _, group in sorted(groups.items()) for line in group if line.startswith(prefix)]
        return hashlib.sha256("".join(lines).encode()).hexdigest()

    def revision_key(self, prefix: str) -> str:
        """A digest of the commits behind every record file under ``prefix``: what its history shows."""
        h = hashlib.sha256(f"{self.in_git}\0{self.shallow}\n".encode())
        for path, log in self.logs_under(prefix):
            ids = ",".join(f"{self.commits[c.commit].id}:{c.status}:{c.old_path}" for c in log.changes)
            h.update(f"{path}\0{log.total}\0{ids}\n".encode())
        return h.hexdigest()


_GROUPS = "\0groups"  # the key of the by-council grouping in ``RecordDates.cache``
_DATE_GROUPS = "\0date groups"  # likewise, of the dates and removals


def _council_folder(path: str) -> str:
    """``councils/<slug>/`` of a file's path (its first two folders)."""
    return "/".join(path.split("/", 2)[:2]) + "/"


def read_history(root: Path, subdir: str = "councils") -> RecordDates:
    """Walk ``git log`` once, newest first, collecting every file's dates and changes."""
    try:
        top, _, shallow = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--is-shallow-repository"], cwd=root, capture_output=True,
            check=True).stdout.decode("utf-8", "replace").strip().partition("\n")
    except (OSError, subprocess.CalledProcessError):
        return RecordDates()
    # git prints paths relative to the repository top; records use the portal root.
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    dates = RecordDates(in_git=True, shallow=shallow.strip() == "true", git_prefix=prefix)
    walk = _Walk(dates, prefix)
    # --raw gives the blob ids before and after; -M names renames (R) so histories follow them.
    # The output is read line by line: a long history is never held whole in memory.
    try:
        with subprocess.Popen(["git", "-c", "core.quotepath=off", "log", "--raw", "-M", "--no-abbrev",
                               "--format=%x00%H %P%x00%cI%x00%s", "--", subdir], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
            assert proc.stdout is not None
            for raw in proc.stdout:
                walk.line(raw.decode("utf-8", "replace").rstrip("\n"))
    except OSError:
        return RecordDates()
    if proc.returncode != 0:  # a repository without commits yet, or a broken one: no history
        return RecordDates()
    walk.finish()
    return dates


class _Walk:
    """One pass over ``git log --raw`` output, newest commit first."""

    def __init__(self, dates: RecordDates, prefix: str):
        self.dates, self.prefix = dates, prefix
        self.first: dict[str, dt.datetime] = {}  # path -> oldest date seen so far
        self.newest: dict[str, tuple[str, dt.datetime, str]] = {}  # path -> (status, date, commit) of its last change
        # A path as it was named at this point of the walk -> the present path whose history it is.
        self.lineage: dict[str, str] = {}
        self.settled: set[str] = set()  # paths whose present file has been found (or that were removed)
        self.when: dt.datetime | None = None  # the date of the commit being read

    def line(self, line: str) -> None:
        if line.startswith("\x00"):
            head, _, rest = line[1:].partition("\x00")
            stamp, _, subject = rest.partition("\x00")
            ids = head.split(" ")
            self.when = dt.datetime.fromisoformat(stamp.strip())
            self.dates.commits.append(Commit(ids[0], self.when, subject.strip(), root=not any(ids[1:])))
        elif line.startswith(":") and not line.startswith("::") and self.when is not None:  # not a merge
            self._change(line, len(self.dates.commits) - 1, self.when)

    def finish(self) -> None:
        for path, (status, newest, commit) in self.newest.items():
            if status == "D":
                self.dates.removed[path] = Removal(path, self.first[path], newest, commit)
            else:
                self.dates.by_path[path] = (self.first[path], newest)

    def _local(self, path: str) -> str | None:
        """The path relative to the portal root; None outside it or quoted by git (unusual characters)."""
        if path.startswith('"') or not path.startswith(self.prefix):
            return None
        return path[len(self.prefix):]

    def _dated(self, path: str, status: str, when: dt.datetime, commit: str) -> None:
        # Dates treat a rename as the old file removed and a new one added, as ``--no-renames`` would.
        self.first[path] = when
        self.newest.setdefault(path, (status, when, commit))

    def _change(self, line: str, index: int, when: dt.datetime) -> None:
        meta, *paths = line.split("\t")
        fields = meta.split(" ")
        if len(fields) < 5 or not paths:
            return
        old_blob, new_blob, status = fields[2], fields[3], fields[4][:1]
        commit = self.dates.commits[index].id
        if status in ("R", "C") and len(paths) == 2:
            old, new = self._local(paths[0]), self._local(paths[1])
            if new is not None:
                self._dated(new, "A", when, commit)
            if old is not None and status == "R":
                self._dated(old, "D", when, commit)
            if new is not None:
                self._revision(new, Change(index, "R", old_blob, new_blob, old or ""), follow=old)
            return
        path = self._local(paths[0])
        if path is None:
            return
        self._dated(path, status, when, commit)
        if status == "D":
            if path not in self.lineage:
                self.settled.add(path)  # removed: no page, no history to show (its tombstone has one)
            return
        # A creation is listed, never compared: its blob ids are not kept (most files have only that).
        self._revision(path, Change(index, "A") if status == "A" else Change(index, status, old_blob, new_blob))

    def _revision(self, path: str, change: Change, follow: str | None = None) -> None:
        """Add ``change`` to the history of the present file ``path`` was (or is)."""
        if not path.endswith(RECORD_SUFFIXES):
            return
        present = self.lineage.get(path)
        if present is None:
            if path in self.settled:
                return  # an older file of that name, removed before the present one was added
            present = path
            self.settled.add(path)
        log = self.dates.revisions.get(present)
        if log is None:  # not setdefault: a FileLog made for every line of a long history, and dropped
            log = self.dates.revisions[present] = FileLog()
        log.total += 1
        if len(log.changes) < MAX_KEPT:
            log.changes.append(change)
        # Older commits name the file by its earlier name; an add ends the line (older ones are another file).
        self.lineage.pop(path, None)
        if change.status == "A":
            self.settled.add(path)
        elif follow is not None:
            self.lineage[follow] = present
        else:
            self.lineage[path] = present
