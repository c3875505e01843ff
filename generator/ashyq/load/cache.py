"""The parse cache: each council as last read, so a check after a small change reads only what changed.

Reading is most of a check's time (at 500 councils, 26 of 42 s in one process: the YAML
events, the models). What a council folder reads to depends only on its folder's listing,
the bytes of its record files, the reading limits and the code that reads them, so a council
whose inputs hash the same loads from its cached copy: one file per council, named
``<slug>.<hash>.council``, holding exactly what :func:`~ashyq.load.tree.load_council` returned
(records, bodies, the YAML positions are found in, findings). ``ashyq check`` also keeps each council's findings
(:mod:`ashyq.validate.remembered`), under a key that adds what the rules read besides: small entries,
kept for every council in one file (``findings.pack``, :mod:`.packs`).

The cache lives in the user's cache folder (``$ASHYQ_CACHE_DIR``, else
``$XDG_CACHE_HOME/ashyq``, else ``~/.cache/ashyq``), one folder per portal,
and never inside the portal tree: records are untrusted, and unpickling a file
a pull request could plant would run its code. ``ASHYQ_CACHE_DIR=""`` or
``--no-cache`` switches it off. A cache entry that cannot be read is a miss,
never an error; the folder must be a real folder of this user.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ..kinds import registry
from . import later, packs, pickled
from .digests import Digests, attach
from .reading import ReadLimits
from .walk import Entry, listing, lstat, once

ENV = "ASHYQ_CACHE_DIR"
CACHE_FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "python-frontmatter")
# Read by the loader: their bytes are hashed. Anything else (attachments) is only listed, by name and kind.
_READ = ("council.yml", "members.yml")
NAMED = "named"  # the kind of entry :meth:`ParseCache.named` keeps


def cache_home() -> Path | None:
    """Where caches go; None when switched off (``ASHYQ_CACHE_DIR`` set empty)."""
    if ENV in os.environ:
        value = os.environ[ENV]
        return Path(value).expanduser() if value else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ashyq"


def cache_folder(root: Path, name: str) -> Path | None:
    """The folder ``name`` of the cache home, made if missing, for a build of the portal at ``root`` (resolved);
    None where there may be none: caching off, the home inside the portal (a file there is the records' to
    plant), or the folder a link or another user's (not ours to trust)."""
    home = cache_home()
    if home is None:
        return None
    home = Path(os.path.abspath(home))
    if home == root or root in home.parents:
        return None
    folder = home / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return folder


@functools.cache
def _package() -> bytes:
    """ashyq's own code and the parsing libraries' versions: read once per process."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.version}\0".encode())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=?\0".encode())
    for path in sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.digest()


_WITH_TYPES: dict[tuple[int, ...], bytes] = {}  # the registered types (by identity) -> :func:`code_digest`


def code_digest() -> bytes:
    """:func:`_package`, and the record types registered now: each one's kind, folder and suffixes, and the
    files of its declaration's and its model's modules (a plugin's code, outside the package)."""
    types = registry.record_types()
    marker = tuple(id(rt) for rt in types)
    if marker not in _WITH_TYPES:
        h = hashlib.sha256(_package())
        files: set[Path] = set()
        for rt in types:
            h.update(f"{rt.kind}\0{rt.folder}\0{rt.suffixes}\0".encode())
            for module in (type(rt).__module__, rt.model.__module__):
                file = getattr(sys.modules.get(module), "__file__", None)
                if file and PACKAGE not in Path(file).resolve().parents:
                    files.add(Path(file).resolve())
        for path in sorted(files):
            h.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        _WITH_TYPES[marker] = h.digest()
    return _WITH_TYPES[marker]


class Shelf:
    """Values pickled in a cache folder, one file per council and kind of value: ``<slug>.<key>.<kind>``.
    A council keeps one entry of each kind: storing a new one drops the older."""

    _names: dict[str, set[str]] | None = None  # see _entries

    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def of_portal(cls, root: Path, name: str = "") -> Shelf | None:
        """The shelf of the portal at ``root`` (resolved): the parse cache's folder, or its subfolder ``name``
        for entries of no council; None where there may be none."""
        folder = portal_folder(root, name)
        return None if folder is None else cls(folder)

    def get(self, slug: str, key: str, kind: str = "council") -> Any | None:
        """What was stored under ``key``, or None (missing, or unreadable: a miss, never an error)."""
        try:
            return pickled.read(self.folder / f"{slug}.{key}.{kind}")
        except Exception:  # noqa: BLE001 - missing, truncated or foreign: a miss
            return None

    def holds(self, slug: str, key: str, kind: str = "council") -> bool:
        """Whether an entry is stored under ``key`` (it may still turn out unreadable: :meth:`get` says)."""
        return f"{slug}.{key}.{kind}" in self._entries().get(slug, ())

    def has(self, slug: str, kind: str) -> bool:
        """Whether an entry of ``kind`` is kept for ``slug``, under any key."""
        return any(name.endswith(f".{kind}") for name in self._entries().get(slug, ()))

    def put(self, slug: str, key: str, value: Any, kind: str = "council") -> None:
        """Store ``value`` under ``key``, replacing the council's older entry of that ``kind`` (its parse, its
        findings); a full disk is not an error."""
        target = self.folder / f"{slug}.{key}.{kind}"
        if not pickled.write(target, value, f".{slug}."):
            return
        entries = self._entries().setdefault(slug, set())
        entries.add(target.name)
        for name in sorted(entries):
            if name != target.name and name.endswith(f".{kind}"):
                self._drop(slug, name)

    def keep_only(self, slugs: set[str]) -> None:
        """Forget the councils that are gone."""
        for slug in sorted(self._entries().keys() - slugs):
            for name in sorted(self._entries()[slug]):
                self._drop(slug, name)

    def _entries(self) -> dict[str, set[str]]:
        """Slug -> the names of its entries, the folder listed once (a fill stores three entries for each of
        1,350 councils: listing the folder for each had cost a few seconds)."""
        if self._names is None:
            self._names = {}
            try:
                names = os.listdir(self.folder)
            except OSError:
                names = []
            for name in names:
                parts = name.rsplit(".", 2)
                if len(parts) == 3 and not name.startswith("."):
                    self._names.setdefault(parts[0], set()).add(name)
        return self._names

    def _drop(self, slug: str, name: str) -> None:
        (self.folder / name).unlink(missing_ok=True)
        entries = self._entries()[slug]
        entries.discard(name)
        if not entries:
            del self._entries()[slug]


def portal_folder(root: Path, name: str = "") -> Path | None:
    """The cache folder of the portal at ``root`` (resolved), one per portal, or its subfolder ``name``; None
    where there may be none."""
    folder = hashlib.sha256(str(root).encode()).hexdigest()[:32]
    return cache_folder(root, f"{folder}/{name}" if name else folder)


@dataclass
class ParseCache(Shelf):
    """One portal's cached councils."""

    folder: Path
    limits: ReadLimits
    digests: Digests = field(default_factory=Digests)  # the record files' hashes, by their signature

    @classmethod
    def open(cls, root: Path, limits: ReadLimits) -> ParseCache | None:
        """The cache of the portal at ``root`` (resolved); None where there may be none."""
        folder = portal_folder(root)
        if folder is None:
            return None
        later.settled(folder)  # the councils another run's writers are still storing
        return cls(folder, limits, attach(root, folder))

    def _hash(self, root: Path, folder: Path):
        """What every key of ``folder`` starts from: the code that reads it, the limits, where it is."""
        return hashlib.sha256(code_digest() + repr(self.limits).encode() + folder.relative_to(root).as_posix().encode())

    def key(self, root: Path, folder: Path, listed: dict[Path, list[Entry]], salt: bytes = b"",
            attachments: bool = False, fresh: bool = False, hand: bool = False) -> str:
        """A hash of everything loading ``folder`` reads: its listing and its record files' bytes; with
        ``attachments``, also the size and time of every other file (the rules read attachments), and
        ``salt`` (what else the caller's result depends on). ``fresh``: the files as they are now, even inside
        :func:`ashyq.load.walk.steady`. ``hand``: the record files read to hash them are handed to the loader
        (:func:`ashyq.load.digests.handed`), which reads ``folder`` next."""
        h = self._hash(root, folder)
        h.update(salt)
        files = once(("council files", folder, self.limits.max_bytes),
                     lambda: self._files(folder, listed, fresh, hand), fresh)
        h.update(files[0] + (files[1] if attachments else b""))
        return h.hexdigest()

    def _files(self, folder: Path, listed: dict[Path, list[Entry]], fresh: bool,
               hand: bool = False) -> tuple[bytes, bytes]:
        """Hashes of ``folder``'s listing with its read files' bytes, and of its other files' signatures: both
        in one pass, which the parse cache's key and the remembered findings' key share."""
        read_h, other_h = hashlib.sha256(), hashlib.sha256()
        folders = {rt.folder for rt in registry.record_types()}
        for parent in sorted(listed):
            rel = parent.relative_to(folder).as_posix()
            read = (rel == "." and _READ) or (rel in folders and "*")
            for entry in listed[parent]:
                read_h.update(f"\0{rel}/{entry.name}\0{entry.kind}".encode())
                if entry.kind != "file":
                    continue
                if read and (read == "*" or entry.name in read):
                    read_h.update(self.digests.of(entry.where, self.limits.max_bytes, fresh, hand) or b"unreadable")
                else:
                    other_h.update(f"\0{rel}/{entry.name}\0".encode() + _signature(entry.where, fresh))
        return read_h.digest(), other_h.digest()

    def named(self, root: Path, folder: Path, read: Callable[[], Any]) -> Any:
        """What ``read()`` makes of a council known only by its name and ``council.yml`` (each worker of a
        parallel check knows the others' so), kept under that file's hash: at 1,350 councils reading them
        all took about a second of each check."""
        digest = self.digests.of(folder / "council.yml", self.limits.max_bytes)
        if digest is None:  # missing, or not a plain file: read() reports nothing and keeps nothing
            return read()
        h = self._hash(root, folder)
        h.update(b"\0council.yml\0" + digest)
        key = h.hexdigest()
        kept = self.pack(NAMED)
        found = kept.get(folder.name, key)
        if found is None:
            found = read()
            kept.put(folder.name, key, found)
        return found

    def pack(self, kind: str) -> packs.Pack:
        """The small entries of ``kind`` of every council, in one file (:mod:`.packs`)."""
        return packs.pack(self.folder, kind)

    def keep_only(self, slugs: set[str]) -> None:
        super().keep_only(slugs)
        for kept in packs.opened(self.folder).values():
            kept.keep_only(slugs)

    def learned(self) -> dict[str, Any]:
        """What this process found and stored (file hashes, packed entries): a forked worker hands it to the
        parent, which saves the cache (:meth:`learn`, :meth:`save`)."""
        return {"digests": self.digests.learned(),
                "packs": {kind: kept.learned() for kind, kept in packs.opened(self.folder).items()}}

    def learn(self, learned: dict[str, Any]) -> None:
        self.digests.learn(learned.get("digests") or {})
        for kind, entries in (learned.get("packs") or {}).items():
            self.pack(kind).learn(entries)

    def save(self) -> None:
        """Write the file index and the packs, where they changed."""
        self.digests.save()
        packs.save(self.folder)

    def lookup(self, root: Path, folder: Path) -> Any | None:
        """The council of ``folder`` if its inputs did not change since it was stored, else None."""
        return self.get(folder.name, self.key(root, folder, listing(folder)))


def _signature(path: str | os.PathLike[str], fresh: bool = False) -> bytes:
    """A file the loader does not read (an attachment), by size, times and inode, as git's index tells a
    changed file: hashing every PDF of a portal on every check would cost more than it saves. The change
    time is the kernel's: a file written again and given back its old modification time still shows."""
    info = lstat(os.fspath(path), fresh)
    if info is None:
        return b"gone"
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}".encode()
