"""Small cache entries of every council in one file of the portal's cache folder, not in a file each.

A council's remembered findings (:mod:`ashyq.validate.remembered`) and what a parallel check's worker
knows of a council by name and ``council.yml`` (:meth:`ashyq.load.cache.ParseCache.named`) are a few
hundred bytes each. Kept one file per council, an empty-cache check of a national portal created 1,480 of
them (0.4-0.7 ms each on a busy disk, against 0.05 ms idle), and a check after one change opened as many.
A pack holds ``slug -> (key, value)`` for one kind of entry: read once per process, written once per run
by the process that saves the cache. A worker's new entries go back to its parent (:meth:`Pack.learned`),
so two workers never write the same file. Two runs at once lose some entries, never mix them up: an entry
is only ever taken under the key it was stored with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import pickled

FORMAT = 1
Entries = dict[str, tuple[str, Any]]  # slug -> (key, value)


class Pack:
    """One kind of entry of every council, in ``<kind>.pack``."""

    def __init__(self, path: Path):
        self.path = path
        self._entries: Entries | None = None
        self._new: Entries = {}  # stored in this process since it started (or forked)
        self._dirty = False

    def _all(self) -> Entries:
        if self._entries is None:
            self._entries = {}
            try:
                data = pickled.read(self.path)
                if data["format"] == FORMAT and isinstance(data["entries"], dict):
                    self._entries = data["entries"]
            except Exception:  # noqa: BLE001 - missing, truncated or foreign: start empty
                pass
        return self._entries

    def has(self, slug: str) -> bool:
        """Whether an entry is kept for ``slug``, under any key."""
        return slug in self._all()

    def get(self, slug: str, key: str) -> Any | None:
        """The value kept for ``slug`` under ``key``, or None."""
        entry = self._all().get(slug)
        if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != key:
            return None
        return entry[1]

    def put(self, slug: str, key: str, value: Any) -> None:
        """Keep ``value`` for ``slug`` under ``key``, in place of its older entry (written by :meth:`save`)."""
        self._all()[slug] = self._new[slug] = (key, value)
        self._dirty = True

    def learned(self) -> Entries:
        """What this process stored: a forked worker hands it to the parent, which saves the pack."""
        return dict(self._new)

    def learn(self, entries: Entries) -> None:
        """Keep what another process of this run stored (:meth:`learned`)."""
        if entries:
            self._all().update(entries)
            self._dirty = True

    def keep_only(self, slugs: set[str]) -> None:
        """Forget the councils that are gone."""
        entries = self._all()
        for slug in sorted(set(entries) - slugs):
            del entries[slug]
            self._dirty = True

    def save(self) -> None:
        """Write the pack when something changed, atomically; a full disk is not an error (the next run
        judges again)."""
        if not self._dirty or self._entries is None:
            return
        if pickled.write(self.path, {"format": FORMAT, "entries": self._entries}, ".pack."):
            self._dirty = False


# A pack's file -> the pack, one per process while a run uses it: every ParseCache of the folder shares it.
_OPEN: dict[Path, Pack] = {}


def pack(folder: Path, kind: str) -> Pack:
    """The pack of ``kind`` in the cache ``folder``."""
    path = folder / f"{kind}.pack"
    found = _OPEN.get(path)
    if found is None:
        found = _OPEN[path] = Pack(path)
    return found


def opened(folder: Path) -> dict[str, Pack]:
    """The packs of ``folder`` this process has opened, by kind."""
    return {path.name.removesuffix(".pack"): p for path, p in _OPEN.items() if path.parent == folder}


def save(folder: Path) -> None:
    """Write the packs of ``folder`` that changed, and let go of them all: the next run (``ashyq serve``
    builds again and again) reads them anew, with what other runs kept meanwhile."""
    for path in [path for path in _OPEN if path.parent == folder]:
        _OPEN.pop(path).save()
