"""Files' hashes remembered by what ``stat`` tells of them, as git's index does.

Every check hashes every record file of the portal (the parse cache's key,
:mod:`ashyq.load.cache`), again for the remembered findings' key, and a build
hashes every file of each council once more for its fingerprint
(:mod:`ashyq.write.incremental`). At 500 councils one pass read and hashed
for about 2 s. A file whose size, modification and change times, inode and
device are those it had when it was hashed is not read again: in this process,
and across runs through an index kept in the portal's cache folder (never in
the portal: a planted index would make a changed file look unchanged).

The change time (``ctime``) is set by the kernel on every write, rename and
``utime``: no tool can set it back, so an edited file never keeps its old
signature. A file changed less than :data:`RACY_SECONDS` before it was read may
be changed again within its file system's timestamp granularity without a
visible change: it is never remembered (git calls this "racily clean").
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from pathlib import Path

from . import pickled
from .walk import lstat, once

INDEX = "files.index"
FORMAT = 1
RACY_SECONDS = 2.0
KEEP_RUNS = 8  # an entry not seen for this many runs (a file gone) is dropped from the index

Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def _signature(info: os.stat_result) -> Signature:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _read(path: str | os.PathLike[str], size: int, limit: int | None) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` (at most ``limit`` + 1) and its ``stat`` once read. Plain reads of the size
    ``lstat`` gave, and one more to see the end: a buffered file object for each of a national portal's
    files cost more than reading them."""
    cap = sys.maxsize if limit is None else limit + 1
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        chunks = []
        got = 0
        while got < cap:
            chunk = os.read(fd, min(cap - got, size + 1 - got if got <= size else 65536))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks), os.fstat(fd)  # one chunk, the usual case, is returned as it is, not copied
    finally:
        os.close(fd)


class Digests:
    """SHA-256 of files' bytes, remembered by their signature; ``index`` keeps them between runs."""

    def __init__(self, index: Path | None = None):
        self.index = index
        self.run = 0
        self.known: dict[str, tuple[Signature, bytes, int]] = {}  # path -> signature, digest, run last seen
        self.dirty = False
        if index is not None:
            self._load(index)

    def _load(self, index: Path) -> None:
        try:
            data = pickled.read(index)
            if data["format"] == FORMAT and isinstance(data["files"], dict):
                self.run, self.known = int(data["run"]) + 1, data["files"]
        except Exception:  # noqa: BLE001 - missing, truncated or foreign: start empty
            self.run, self.known = 0, {}

    def of(self, path: str | os.PathLike[str], limit: int | None = None, fresh: bool = False,
           hand: bool = False) -> bytes | None:
        """The hash of ``path``'s bytes; ``size:<n>`` for a file over ``limit`` bytes (not read); None for
        anything but a regular file (a link is never followed) or a file that cannot be read. Inside
        :func:`ashyq.load.walk.steady`, as first found, unless ``fresh``. With ``hand``, bytes it had to read
        are handed on to the reader that comes next (:func:`handed`)."""
        return once(("digest", os.fspath(path), limit), lambda: self._of(path, limit, fresh, hand), fresh)

    def _of(self, path: str | os.PathLike[str], limit: int | None, fresh: bool, hand: bool = False) -> bytes | None:
        info = lstat(os.fspath(path), fresh)
        if info is None or not stat.S_ISREG(info.st_mode):
            return None
        if limit is not None and info.st_size > limit:
            return f"size:{info.st_size}".encode()
        name, sig = os.fspath(path), _signature(info)
        entry = self.known.get(name)
        if entry is not None and entry[0] == sig:
            if self.run - entry[2] >= KEEP_RUNS // 2:  # seen again: kept, without rewriting the index every run
                self.known[name] = (sig, entry[1], self.run)
                self.dirty = True
            return entry[1]
        try:
            data, after = _read(path, info.st_size, limit)
        except OSError:
            return None
        digest = hashlib.sha256(data).digest()
        if hand and (limit is None or len(data) <= limit):
            _HANDED[name] = data
        newest = max(after.st_mtime_ns, after.st_ctime_ns)
        if _signature(after) == sig and newest < time.time_ns() - int(RACY_SECONDS * 1e9):
            self.known[name] = (sig, digest, self.run)
            self.dirty = True
        return digest

    def learned(self) -> dict[str, tuple[Signature, bytes, int]]:
        """The hashes found (or found again) in this run: what a process forked to read part of the portal
        hands back, for the index the parent keeps (:meth:`learn`)."""
        return {name: entry for name, entry in self.known.items() if entry[2] == self.run}

    def learn(self, entries: dict[str, tuple[Signature, bytes, int]]) -> None:
        """Keep what another process of this run found (:meth:`learned`)."""
        if entries:
            self.known.update(entries)
            self.dirty = True

    def save(self) -> None:
        """Write the index (if any) when something changed; entries of files long gone are dropped. A full
        disk is not an error: the next run hashes again."""
        if self.index is None or not self.dirty:
            return
        files = {k: v for k, v in self.known.items() if self.run - v[2] <= KEEP_RUNS}
        if pickled.write(self.index, {"format": FORMAT, "run": self.run, "files": files}, ".files."):
            self.dirty = False


# Bytes just read to hash them, for the loader that parses them next: a check with an empty cache read every
# record file twice (0.7 s of each worker's 13 s at national size). What is parsed is then exactly what the
# key was made of. Held for one council at a time (:func:`drop_handed`).
_HANDED: dict[str, bytes] = {}
_READ_ITSELF = False  # whether the reader read a file itself since the last drop_handed()


def handed(path: str) -> bytes | None:
    """The bytes of ``path`` hashed just before (taken: a second read goes to the file), or None."""
    global _READ_ITSELF
    found = _HANDED.pop(path, None)
    _READ_ITSELF = _READ_ITSELF or found is None
    return found


def drop_handed() -> bool:
    """Forget what no reader took (a council that came from the cache). True when every file read since the
    last call was handed on: what was read is then exactly what the key was made of, whatever happened to
    the files meanwhile."""
    global _READ_ITSELF
    _HANDED.clear()
    as_keyed, _READ_ITSELF = not _READ_ITSELF, False
    return as_keyed


_OPEN: dict[str, Digests] = {}  # the portal's resolved root -> its digests in this process


def attach(root: Path, folder: Path) -> Digests:
    """The portal's digests, kept in its cache ``folder`` (:meth:`ashyq.load.cache.ParseCache.open`)."""
    key = os.fspath(root)
    found = _OPEN.get(key)
    if found is None or found.index != folder / INDEX:
        found = _OPEN[key] = Digests(folder / INDEX)
    return found


def of_portal(root: Path) -> Digests:
    """The portal's digests: those its cache folder keeps when a check opened it, else in memory only."""
    return _OPEN.setdefault(os.fspath(root.resolve()), Digests())

