"""Findings remembered per council: a council whose inputs held is not read or judged again.

A council's findings (those of reading it and those of the rules that judge it) depend on its
own files, attachments included, their git dates, the portal's settings and ``bodies.yml``,
ashyq's code, of the other councils only their names and ``council.yml`` (the maslikhat a
council names, a joint meeting's partners), and, for the rules that ask for it, the day. They are
kept in the parse cache's folder (:mod:`ashyq.load.cache`) under a hash of exactly those inputs
but the day, with the day they were made on and the rules that read it
(:attr:`ashyq.validate.engine.Context.today` notes them). A check after a one-record change reads
and judges one council; on a new day, a council whose inputs held is judged by the rules that
read the day only (the deadlines'), the others' findings kept: they follow from the inputs alone. A rule, a plugin's included, judges its own
council through those inputs only (:mod:`ashyq.validate.engine` says so); findings of the portal
as a whole (its settings, its top level) are made anew every time. A council with a data or
safety error is not remembered: a link out of its folder or a symbolic link reaches what no key
covers, and such a council is being fixed anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import switched_off
from ..findings import Finding
from ..load.cache import ParseCache
from ..load.reading import ReadLimits
from ..load.history import RecordDates
from ..load.tree import CONFIG_FILE, COUNCILS_DIR, council_folders
from ..load.walk import kind_of, listing
from ..rules.registry import REGISTRY

KIND = "findings"
_PORTAL_FILES = (CONFIG_FILE, "bodies.yml")


@dataclass(frozen=True)
class Judged:
    """What is kept of a council: its findings, the day they were made on, the rules that read it."""

    findings: list[Finding]
    day: str
    day_rules: frozenset[str]

    def without_the_day(self) -> list[Finding]:
        """Its findings that hold on any day: those of the rules that did not read it (the loader's are made
        again by reading the council)."""
        return [f for f in self.findings if f.rule in REGISTRY and f.rule not in self.day_rules]


class Remembered:
    """The remembered findings of one portal's councils, judged on ``today``."""

    def __init__(self, store: ParseCache, root: Path, today: dt.date, dates: RecordDates):
        self.store, self.root, self.dates, self.today = store, root, dates, today.isoformat()
        h = hashlib.sha256(f"{','.join(switched_off())}\0".encode())
        for name in _PORTAL_FILES:
            h.update(name.encode() + b"\0" + self._digest(root / name))
        for folder in council_folders(root):  # every council's name and council.yml: what rules read of them
            h.update(folder.name.encode() + b"\0" + self._digest(folder / "council.yml"))
        self.portal = h.digest()
        self.keys: dict[str, str] = {}

    def _digest(self, path: Path) -> bytes:
        """A small file's hash, from the file index (:mod:`ashyq.load.digests`); its kind instead when it is not
        a plain file (a link is never read)."""
        return self.store.digests.of(path) or f"<{kind_of(path)}>".encode()

    @classmethod
    def open(cls, root: Path, limits: ReadLimits, today: dt.date, dates: RecordDates) -> Remembered | None:
        store = ParseCache.open(root, limits)
        return None if store is None else cls(store, root, today, dates)

    def _key(self, folder: Path, fresh: bool = False) -> str:
        prefix = f"{folder.relative_to(self.root).as_posix()}/"
        salt = self.portal + self.dates.dates_key(prefix).encode() + f"{self.dates.in_git}{self.dates.shallow}".encode()
        return self.store.key(self.root, folder, listing(folder, fresh), salt, attachments=True, fresh=fresh)

    def stored(self, folders: Iterable[Path]) -> list[Path]:
        """The councils of ``folders`` with findings kept, of whatever inputs: the only ones :meth:`recall`
        may find. The others need no key yet: hashing every file of a national portal took 1.7 s."""
        kept = self.store.pack(KIND)
        return [folder for folder in folders if kept.has(folder.name)]

    def judging(self, folders: Iterable[Path]) -> None:
        """The keys of ``folders``, taken before they are read and judged (see :meth:`remember`)."""
        for folder in folders:
            self.keys[folder.name] = self._key(folder)

    def recall(self, folders: Iterable[Path]) -> dict[str, list[Finding]]:
        """Slug -> the remembered findings of each council of ``folders`` whose inputs held, judged today."""
        found: dict[str, list[Finding]] = {}
        for folder in folders:
            judged = self._judged(folder.name, self._key(folder))
            if judged is not None and judged.day == self.today:
                found[folder.name] = judged.findings
        return found

    def earlier(self, slugs: Iterable[str]) -> dict[str, Judged]:
        """Slug -> what is kept of each council of ``slugs`` (keyed before: :meth:`judging`, :meth:`recall`) whose
        inputs held, judged on another day: only the rules that read the day need run again."""
        found = {slug: self._judged(slug, self.keys[slug]) for slug in slugs if slug in self.keys}
        return {slug: judged for slug, judged in found.items() if judged is not None and judged.day != self.today}

    def again(self, slugs: Iterable[str]) -> tuple[dict[str, set[str]], list[Finding]]:
        """Of the councils of ``slugs`` judged on another day (:meth:`earlier`): the rules to run again for
        each (those that read the day), and the other rules' findings, kept."""
        earlier = self.earlier(slugs)
        return ({slug: set(judged.day_rules) for slug, judged in earlier.items()},
                [f for judged in earlier.values() for f in judged.without_the_day()])

    def _judged(self, slug: str, key: str) -> Judged | None:
        self.keys[slug] = key
        value = self.store.pack(KIND).get(slug, key)
        if isinstance(value, Judged) and all(isinstance(f, Finding) for f in value.findings):
            return value
        return None

    def remember(self, slugs: Iterable[str], findings: list[Finding], noted: dict[str, set[str]],
                 fresh: bool = False) -> None:
        """Keep the findings of each council of ``slugs`` (recalled before, so its key is known), judged now;
        ``noted``: the rules that read the day, by council. ``fresh``: see whether it was edited while judged
        even inside :func:`ashyq.load.walk.steady`."""
        mine: dict[str, list[Finding]] = {slug: [] for slug in slugs}
        for f in findings:
            if f.council in mine:
                mine[f.council].append(f)
        for slug, found in mine.items():
            if any(f.blocking for f in found):
                continue  # a link out of its folder or a symbolic link is an error, and reads what no key covers
            if self._key(self.root / COUNCILS_DIR / slug, fresh) == self.keys[slug]:  # not edited while judged
                judged = Judged(found, self.today, frozenset(noted.get(slug, ())))
                self.store.pack(KIND).put(slug, self.keys[slug], judged)
