"""Files a warm build writes only where they differ from the live site's: an output whose bytes are the ones
the live site holds at its place is that file, hard-linked, not a copy written again.

A one-record change at national size (740 councils) rewrote 3,790 files, 217 MB, of which 3,773 files
(155 MB) came out byte for byte as the live site had them: the portal's open data and calendar, its
calendar months and compliance overview, the editor's script, the untouched language's search shard, the
changed council's other pages. Each copy was a new file for the disk to store and, for a deploy that
compares times and sizes (``rsync``), one more to upload. The whole-portal files still change with any
record (``meetings.json`` holds every meeting); the others now keep their inode and time.

A build says which of its folders have a counterpart in the live site worth comparing with
(:func:`comparing`): a step's own folders, for as long as it writes them. :func:`.files.write_file` and
:class:`Stream` (a file written piece by piece) then read the counterpart as they go: equal bytes to the
end make a link, the first difference writes the file (what matched is copied from the counterpart by the
kernel). A counterpart is read only if it is a regular file, never through a link. A file of the new site is
never written into: one that exists is replaced (it may be the live site's, linked).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
_PAIRS: list[tuple[str, str]] = []  # (a folder of the new site + "/", its counterpart + "/"), the latest first


@contextmanager
def comparing(site: Path | str, previous: Path | str | None, folders: Iterable[str] = ("",)) -> Iterator[None]:
    """While the block runs, files written under ``site/<folder>`` are compared with ``previous/<folder>``'s
    (nothing is compared without ``previous``). Forked processes inherit what is compared."""
    added = [] if previous is None else [
        (os.path.join(site, folder, ""), os.path.join(previous, folder, "")) for folder in folders]
    _PAIRS[:0] = added
    try:
        yield
    finally:
        for pair in added:
            _PAIRS.remove(pair)


def counterpart(path: str) -> str | None:
    """The live site's file at ``path``'s place, if ``path`` is in a folder being compared."""
    for mine, theirs in _PAIRS:
        if path.startswith(mine):
            return theirs + path[len(mine):]
    return None


def open_regular(path: str | os.PathLike | None) -> int | None:
    """A descriptor of ``path`` if it is a regular file (not a link), else None."""
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    if stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    return None


def create(path: str) -> int:
    """A new file at ``path``, replacing whatever is there without writing into it."""
    try:
        return os.open(path, _NEW, 0o666)
    except FileExistsError:
        os.unlink(path)
        return os.open(path, _NEW, 0o666)


def _link(source: str, path: str) -> bool:
    """``path`` made a hard link of ``source``; False where links cannot be made (the file is written)."""
    try:
        os.link(source, path, follow_symlinks=False)
        return True
    except FileExistsError:
        os.unlink(path)
        return _link(source, path)
    except OSError:
        return False


def kept(path: str, data: bytes) -> bool:
    """Whether ``path`` is now the live site's file, because that file holds ``data`` exactly."""
    source = counterpart(path)
    fd = open_regular(source)
    if fd is None:
        return False
    try:
        same = os.fstat(fd).st_size == len(data) and _read(fd, len(data)) == data
    finally:
        os.close(fd)
    return same and _link(source, path)  # type: ignore[arg-type]


def settle(path: str) -> bool:
    """A file another program wrote (MkDocs): replaced by the live site's if its bytes are the same. Read
    only where there is a counterpart of its size (a cold build reads nothing)."""
    source = counterpart(path)
    if source is None:
        return False
    try:
        if os.lstat(source).st_size != os.lstat(path).st_size:
            return False
    except OSError:
        return False
    fd = open_regular(path)
    if fd is None:
        return False
    try:
        data = _read(fd, os.fstat(fd).st_size)
    finally:
        os.close(fd)
    return kept(path, data)


def _read(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class Stream:
    """A file written piece by piece, kept as the live site's file if its bytes come out the same: until they
    differ nothing is written, then what matched is copied from the counterpart and the rest written."""

    def __init__(self, path: str):
        self.path = path
        self._source = counterpart(path)
        self._old = open_regular(self._source)
        self._out: int | None = None if self._old is not None else create(path)
        self._same = 0  # bytes so far equal to the counterpart's
        self._size = 0
        self._open = True

    def tell(self) -> int:
        return self._size

    def write(self, data: bytes) -> None:
        if not data:
            return
        self._size += len(data)
        if self._out is None:
            if _read(self._old, len(data)) == data:  # type: ignore[arg-type]
                self._same += len(data)
                return
            self._differ()
        write_all(self._out, data)  # type: ignore[arg-type]

    def writelines(self, pieces: Iterable[bytes]) -> None:
        for piece in pieces:
            self.write(piece)

    def _differ(self) -> None:
        """Write from here on: the file made, what matched copied from the counterpart."""
        out = self._out = create(self.path)
        offset = 0
        while offset < self._same:
            chunk = os.pread(self._old, min(self._same - offset, 1 << 20), offset)  # type: ignore[arg-type]
            if not chunk:
                raise OSError(f"{self._source}: changed while compared")
            write_all(out, chunk)
            offset += len(chunk)

    def close(self) -> None:
        """The file complete: the counterpart linked if it holds exactly what was written."""
        if self._open and self._out is None:
            if os.read(self._old, 1) or not _link(self._source, self.path):  # type: ignore[arg-type]
                self._differ()  # the counterpart is longer, or cannot be linked
        self.release()

    def release(self) -> None:
        """Let go of the files (a failed step: what was written is of no use)."""
        if self._open:
            self._open = False
            for fd in (self._old, self._out):
                if fd is not None:
                    os.close(fd)

    def __enter__(self) -> Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd``, however many writes it takes."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
