"""Validate a portal: load it, read its history, run every rule."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import heap
from ..findings import Finding, Kind
from ..load import later
from ..load.cache import ParseCache
from ..load.history import RecordDates, read_history
from ..load.source import ReadLimits
from ..load.tree import COUNCILS_DIR, Loaded, council_folders, load_config, load_councils, load_portal
from ..load.walk import steady
from ..models import Council, Portal
from . import rules  # noqa: F401  (importing registers every rule, before anything reads REGISTRY)
from .engine import REGISTRY, check_settings, run_rules
from .remembered import Remembered

PARALLEL_FROM = 40  # councils; below this, starting processes costs more than it saves


@dataclass
class CheckResult:
    portal: Portal | None
    findings: list[Finding]
    dates: RecordDates
    today: dt.date

    def count(self, kind: Kind) -> int:
        return sum(1 for f in self.findings if f.kind is kind)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.blocking) or (strict and any(not f.blocking for f in self.findings))


def _unique(findings: list[Finding]) -> list[Finding]:
    unique = {f.sort_key(): f for f in findings}  # union branches and shared models can repeat a finding
    return [unique[k] for k in sorted(unique)]


Learned = dict  # what a worker found and stored: file hashes, packed entries (load/cache.py: ParseCache.learned)


def _check_councils(root: Path, today: dt.date, only: set[str], cache: bool = False,
                    dates: RecordDates | None = None, limits: ReadLimits | None = None,
                    memo: Remembered | None = None) -> tuple[list[Finding], Learned]:
    """A worker of :func:`check_portal`: load and check some councils; with ``limits`` (the portal's, and a
    cache), keep their findings (:mod:`.remembered`), keyed here, on both cores: a cold check of a national
    portal had hashed every file in the parent first. Returns the findings and what it learned and stored
    (file hashes, packed entries: the parent saves them).
    Run in the parent instead, it takes the parent's ``memo``, which keyed the councils it recalled. In a
    worker, the councils it reads are stored in the parse cache by a writer of their own, which finishes after
    the check has answered (:mod:`ashyq.load.later`).

    One look at the files (:func:`ashyq.load.walk.steady`): the parse cache's key and the findings' key share
    one pass over a council's files, and the loader parses the bytes that pass read; whether a council was
    edited while judged is then asked of the files as they are now (``fresh``)."""
    with heap.paused(), steady():
        dates = _FORKED.get("dates") if dates is None else dates  # type: ignore[assignment]
        dates = read_history(root) if dates is None else dates
        own = memo is None and limits is not None
        memo = Remembered.open(root.resolve(), limits, today, dates) if own else memo
        portal, findings = load_portal(root, only, cache=cache)
        if memo:  # the keys as the files stood before they were read: those the loader took
            memo.judging(root.resolve() / COUNCILS_DIR / slug for slug in sorted(only) if slug not in memo.keys)
        if portal is None:
            return [], {}
        findings = [f for f in findings if f.council in only]  # config problems are the parent's to report
        rules_of, kept = memo.again(only) if memo else ({}, [])  # judged another day: the day's rules run again
        noted: dict[str, set[str]] = {}
        findings += run_rules(portal, today=today, dates=dates, only=only, noted=noted, rules_of=rules_of) + kept
        if memo is None:
            return findings, {}
        memo.remember(only, findings, noted, fresh=True)
        return findings, memo.store.learned() if own else {}


# What a forked process inherits rather than reads again or is sent: the loaded portal, for the process
# forked to run half its rules; the history, for the workers of a parallel check (0.2 s each, read again).
_FORKED: dict[str, object] = {}


def _rules_of(slugs: set[str]) -> tuple[list[Finding], dict[str, set[str]]]:
    """In the forked process: the rules of the councils in ``slugs`` over the inherited portal, and the rules
    that read the day."""
    noted: dict[str, set[str]] = {}
    return run_rules(_FORKED["portal"], today=_FORKED["today"], dates=_FORKED["dates"],  # type: ignore[arg-type]
                     only=slugs, rules_of=_FORKED["rules_of"], noted=noted), noted  # type: ignore[arg-type]


def _forked_helper(councils: int) -> ProcessPoolExecutor | None:
    """One process forked from this one to share work on ``councils`` councils; None where it does not pay
    (few councils) or is not safe (other threads running: :func:`ashyq.heap.may_fork`; no fork at all)."""
    if (councils < PARALLEL_FROM or not heap.may_fork()
            or "fork" not in multiprocessing.get_all_start_methods()):
        return None
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))


def _rules(portal: Portal, today: dt.date, dates: RecordDates, jobs: int, skip: frozenset[str] | set[str],
           rules_of: dict[str, set[str]], noted: dict[str, set[str]]) -> list[Finding]:
    """Every rule, but over the councils in ``skip``, and of a council in ``rules_of`` only those it names;
    ``noted`` gets the rules that read the day. With ``jobs`` > 1 and many councils, half the councils'
    rules run in a process forked from this one (it inherits the loaded portal: nothing is loaded twice or
    sent across)."""
    slugs = sorted(set(portal.councils) - set(skip))
    helper = _forked_helper(len(slugs)) if jobs > 1 else None
    if helper is None:
        return run_rules(portal, today=today, dates=dates, skip=skip, rules_of=rules_of, noted=noted)
    theirs = set(slugs[1::2])
    _FORKED.update(portal=portal, today=today, dates=dates, rules_of=rules_of)
    try:
        with helper as pool:
            future = pool.submit(_rules_of, theirs)
            mine = run_rules(portal, today=today, dates=dates, skip=theirs | set(skip), rules_of=rules_of,
                             noted=noted)
            found, their_notes = future.result()
            noted.update(their_notes)
            return mine + found
    finally:
        _FORKED.clear()


def _judge(root: Path, today: dt.date, names: list[str], jobs: int, cache: bool,
           dates: RecordDates | None, memo: Remembered | None = None) -> list[Finding]:
    """Load and check the councils ``names``: in ``jobs`` processes when they are many, else here; with
    ``memo``, their findings are kept for the next check."""
    if not names:
        return []
    limits = memo.store.limits if memo else None
    if jobs < 2 or len(names) < PARALLEL_FROM:
        return _check_councils(root, today, set(names), cache, dates, memo=memo)[0]
    found: list[Finding] = []
    chunks = [set(names[i::jobs]) for i in range(jobs)]
    _FORKED["dates"] = dates  # inherited where the workers are forked; None without the cache: each reads it
    try:
        with later.run(), ProcessPoolExecutor(jobs) as pool:
            for part, learned in pool.map(_check_councils, [root] * jobs, [today] * jobs, chunks, [cache] * jobs,
                                          [None] * jobs, [limits] * jobs):
                found += part
                if memo:
                    memo.store.learn(learned)
    finally:
        _FORKED.clear()
    return found


def _load_halves(root: Path, folders: list[Path], limits: ReadLimits, cache: bool = False) -> Loaded:
    """The councils of ``folders``: from the parse cache where it holds them, the others read here and,
    every other one, by a forked process that sends them back pickled.

    A build needs every record in this process, so a build's load cannot be split like ``ashyq check``'s;
    unpickling a council costs about a seventh of reading it (measured at 200 councils). A council the
    cache holds is not sent through the forked process: that would unpickle it twice. A council it holds
    nothing for is not keyed here: the reader keys it and parses what that key's hashing read.
    """
    store = ParseCache.open(root, limits) if cache else None
    found = {folder: hit for folder in folders if store and store.has(folder.name, "council")
             and (hit := store.lookup(root, folder)) is not None}
    todo = [folder for folder in folders if folder not in found]
    helper = _forked_helper(len(todo))
    if helper is None:
        found.update(zip(todo, load_councils(root, todo, limits, cache)))
    else:
        with helper as pool:
            future = pool.submit(load_councils, root, todo[1::2], limits, cache)
            found.update(zip(todo[0::2], load_councils(root, todo[0::2], limits, cache)))
            found.update(zip(todo[1::2], future.result()))
    return [found[folder] for folder in folders]


def check_portal(root: Path, today: dt.date, *, jobs: int = 1, keep_records: bool = True,
                 cache: bool = False) -> CheckResult:
    """Load and check a portal, its rules over ``jobs`` processes when it has many councils.

    Without ``keep_records`` (what ``ashyq check`` needs), the councils are
    loaded and checked in ``jobs`` parallel processes and the result carries
    the findings only, no records: twice as fast on two cores. With it (a
    build), the portal is loaded here and half the councils' rules run in a
    forked process. With ``cache``, an unchanged council's records come from the parse cache
    (:mod:`ashyq.load.cache`) and its findings from :mod:`.remembered`: it is neither read nor judged again.
    """
    folders = [p.name for p in council_folders(root)]
    if jobs > 1 and not keep_records and len(folders) >= PARALLEL_FROM:
        config, findings = load_config(root.resolve())
        if config is not None:
            dates = read_history(root) if cache else None
            memo = Remembered.open(root.resolve(), config.limits.read_limits(), today, dates) if dates is not None else None
            known = memo.recall(memo.stored(council_folders(root.resolve()))) if memo else {}
            todo = [name for name in folders if name not in known]
            found = _judge(root, today, todo, jobs, cache, dates, memo)  # which remember what they judge
            if memo:
                memo.store.keep_only(set(folders))
                memo.store.save()
            findings += [f for name in folders for f in known.get(name, ())] + found
            # Settings name councils and rules only: a portal of council names is enough.
            stub = Portal(root.resolve(), config, {name: Council(name, f"{COUNCILS_DIR}/{name}") for name in folders})
            findings += check_settings(stub)
        return CheckResult(None, _unique(findings), RecordDates(), today)
    # What loads lives on: the cyclic collector would only walk it again and again. One look at the files: the
    # findings' keys are those the loader took before it read (it parses what their hashing read).
    with heap.paused(), steady():
        portal, findings = load_portal(root, loader=_load_halves if jobs > 1 else load_councils, cache=cache)
        dates = read_history(root) if portal else RecordDates()
        if portal is not None:
            memo = Remembered.open(portal.root, portal.config.limits.read_limits(), today, dates) if cache else None
            known = memo.recall(portal.root / c.path for c in portal.councils.values()) if memo else {}
            findings = [f for f in findings if f.council not in known] + [f for fs in known.values() for f in fs]
            rules_of, kept = memo.again(set(portal.councils) - set(known)) if memo else ({}, [])  # another day
            # Rules need whole records; a record that failed to load is already reported.
            noted: dict[str, set[str]] = {}
            findings += _rules(portal, today, dates, jobs, set(known), rules_of, noted) + kept
            if memo:
                memo.remember([slug for slug in portal.councils if slug not in known], findings, noted)
                memo.store.save()
    return CheckResult(portal, _unique(findings), dates, today)


__all__ = ["REGISTRY", "CheckResult", "check_portal"]
