"""List a portal's folders without ever following a symbolic link.

A symbolic link in the records could point anywhere on the build machine:
``/etc/passwd``, the repository's own ``.git/config`` (on CI it holds the
job's token), ``/proc/self/environ``. ashyq never reads or copies through a
link: every entry is classified with ``lstat`` (``os.scandir`` without
following links), and ``Path.is_file()`` / ``is_dir()``, which follow links,
are not used on portal paths. Special files (pipes, devices, sockets) are
refused the same way: reading a pipe would hang the check.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

EntryKind = Literal["file", "dir", "link", "special"]
T = TypeVar("T")


class Entry(NamedTuple):
    """One entry of a folder (a named tuple: a frozen dataclass cost a third of listing a national portal)."""

    name: str
    where: str  # its path as text: most callers hash or stat it (a Path for each of a national portal's ~75,000
    # entries cost 0.3 s of every listing); ``path`` makes one when asked
    kind: EntryKind

    @property
    def path(self) -> Path:
        return Path(self.where)

    def rel(self, root: Path) -> str:
        return self.path.relative_to(root).as_posix()


def kind_of(path: Path) -> EntryKind | None:
    """What ``path`` itself is (a link is a link, whatever it points to); None when it does not exist."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    return _kind(mode)


def _kind(mode: int) -> EntryKind:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return "special"


def entries(folder: Path) -> list[Entry]:
    """The entries of a real folder, sorted by name; [] when ``folder`` is missing, a link or unreadable."""
    if kind_of(folder) != "dir":
        return []
    return _scan(folder)


def _scan(folder: Path) -> list[Entry]:
    out: list[Entry] = []
    try:
        with os.scandir(folder) as it:
            for item in it:
                # The directory entry's own type (d_type, or lstat where the file system has none): no link followed.
                try:  # files first: most entries are
                    if item.is_file(follow_symlinks=False):
                        kind: EntryKind = "file"
                    elif item.is_dir(follow_symlinks=False):
                        kind = "dir"
                    elif item.is_symlink():
                        kind = "link"
                    else:
                        kind = "special"
                except OSError:
                    kind = "special"
                out.append(Entry(item.name, item.path, kind))
    except OSError:
        return []
    out.sort()  # by name: names are unique in a folder, so nothing after the name is compared
    return out


_STEADY: list[dict] = []  # while :func:`steady` holds: folder -> its listing, and a file's hash (load/digests.py)


@contextmanager
def steady() -> Iterator[None]:
    """Inside, the portal is taken as it stood when first looked at: each folder is listed once, each file's
    hash looked up once (:mod:`ashyq.load.digests`). A build lists and hashes every council three times
    (its parse cache key, its remembered findings' key, its fingerprint): at 1,350 councils two of those
    passes cost about 2 s. Only for one command's run: an edit after it started is the next run's. Inside
    another one (a check inside a build), the look is the outer one's."""
    _STEADY.append(_STEADY[-1] if _STEADY else {})
    try:
        yield
    finally:
        _STEADY.pop()


def once(key: tuple, look: Callable[[], T], fresh: bool = False) -> T:
    """``look()``, or inside :func:`steady` what it gave the first time for ``key``; ``fresh`` looks again."""
    if fresh or not _STEADY:
        return look()
    kept = _STEADY[-1]
    if key not in kept:
        kept[key] = look()
    return kept[key]


def lstat(path: str, fresh: bool = False) -> os.stat_result | None:
    """``os.lstat(path)``, None where it fails; inside :func:`steady` asked once: the check's keys and the
    councils' fingerprints each looked at every file of the portal (60,750 at national size, 0.2-0.4 s)."""
    return once(("lstat", path), lambda: _lstat(path), fresh)


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def listing(folder: Path, fresh: bool = False) -> dict[Path, list[Entry]]:
    """The entries of ``folder`` and of every real folder under it, listed once; links are never entered.
    ``fresh`` lists it again even inside :func:`steady` (to see whether it changed while it was read)."""
    return once(("listing", folder), lambda: _listing(folder), fresh)


def _listing(folder: Path) -> dict[Path, list[Entry]]:
    found: dict[Path, list[Entry]] = {}
    if kind_of(folder) != "dir":
        return found
    stack = [folder]
    while stack:
        current = stack.pop()
        children = found[current] = _scan(current)
        stack.extend(e.path for e in reversed(children) if e.kind == "dir")
    return found


def tree(folder: Path) -> Iterator[Entry]:
    """Every entry under ``folder``; links are listed, never entered."""
    for children in listing(folder).values():
        yield from children


def unsafe(folder: Path) -> Iterator[Entry]:
    """The links and special files under ``folder`` (and ``folder`` itself when it is one)."""
    kind = kind_of(folder)
    if kind in ("link", "special"):
        yield Entry(folder.name, os.fspath(folder), kind)
        return
    yield from (e for e in tree(folder) if e.kind in ("link", "special"))
