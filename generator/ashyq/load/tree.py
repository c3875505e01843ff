"""Read a portal tree: ``site_config.yml`` and ``councils/<slug>/…``.

Layout of a council folder::

    council.yml            who the council is
    members.yml            composition
    plans/*.yml            work plans
    meetings/*.md|yml      meetings (Markdown body: the protocol)
    recommendations/*.yml  recommendations and responses
    hearings/*.md|yml      public hearings (Markdown body: the protocol)
    monitoring/*.md|yml    public monitoring (Markdown body: the conclusion)
    expertise/*.md|yml     public expertise (Markdown body: the conclusion)
    report-hearings/…      hearings of a state body's report (Markdown body: the protocol)
    consultations/…        public consultations (Markdown body: the council's position)
    reports/*.md|yml       activity reports (Markdown body: the report)
    attachments/…          files the records link to

At the portal's top, beside ``site_config.yml``, ``bodies.yml`` (optional)
lists the state bodies records name by id (:mod:`ashyq.load.bodies`).

Besides the record types' folders, ``feedback`` (reserved for a type still to
come) is accepted and not read yet.

Nothing vanishes silently: a record saved with a near-miss suffix (``.MD``,
``.markdown``, ``.yml.txt``), a hidden folder, a sub-folder of a record
folder is reported (a hidden *file* is a deliberate draft and is skipped); a symbolic link anywhere is a safety error and is
never followed (:mod:`ashyq.load.walk`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from ..attachments import linked_files
from ..config import SiteConfig
from ..filetypes import HOUSEKEEPING, KNOWN, REFUSED
from ..findings import Finding, Kind
from ..models import Composition, Council, CouncilInfo, Portal
from ..kinds import registry
from ..types import SLUG
from .bodies import load_bodies, resolve
from . import later
from .cache import ParseCache
from .digests import drop_handed
from .schema import build_model
from .source import DEFAULT_LIMITS, Document, ReadLimits, read_document
from .walk import Entry, entries, kind_of, listing, unsafe

CONFIG_FILE = "site_config.yml"
COUNCILS_DIR = "councils"
CONTENT_DIR = "content"
RECORD_SUFFIXES = (".yml", ".yaml", ".md")
RESERVED = {"attachments", "feedback"}  # besides every record type's folder
# A record saved by an editor that chose the suffix: what it most likely should be called.
_NEAR_MISS = re.compile(r"^(?P<stem>.+?)\.(?P<suffix>md|markdown|mdown|mkd|yml|yaml|txt|json|text)"
                        r"(\.(txt|md|yml|yaml|bak|orig))?$", re.I)


def _data_finding(key: str, file: str, rule: str = "data.required", council: str | None = None, **params) -> Finding:
    return Finding(rule, Kind.DATA, "E", file, None, None, None, key, params, council)


def _symlink(entry: Entry, root: Path, council: str | None = None) -> Finding:
    key = "tree.symlink" if entry.kind == "link" else "tree.special-file"
    return Finding("safety.symlink", Kind.SAFETY, "E", entry.rel(root), None, None, None, key,
                   {"file": entry.rel(root)}, council)


def load_config(root: Path) -> tuple[SiteConfig | None, list[Finding]]:
    """The configuration, plus the checks of the portal's top level.

    Both ways of checking a portal (one process, or councils in parallel
    workers) read the configuration exactly once, so the top-level checks
    live here and are reported once: links in ``content/`` and at the top of
    ``councils/``, and entries there that are not council folders.
    """
    path = root / CONFIG_FILE
    kind = kind_of(path)
    if kind in ("link", "special"):
        return None, [_symlink(Entry(CONFIG_FILE, os.fspath(path), kind), root)]
    if kind != "file":
        return None, [_data_finding("load.no-config", CONFIG_FILE, "data.config")]
    doc = read_document(path, root)
    config, findings = build_model(SiteConfig, doc)
    # A broken config is a configuration problem, whatever pydantic called it.
    findings = [Finding("data.config", f.kind, f.severity, f.file, f.line, f.column, f.field, f.key, f.params)
                for f in findings]
    if config is not None:
        findings += _check_attachment_types(config)
        # bodies.yml is portal-wide, reported once with the configuration (a parallel check's workers skip it).
        findings += load_bodies(root, config.limits.read_limits())[1]
    return config, findings + top_level_findings(root)


def _check_attachment_types(config: SiteConfig) -> list[Finding]:
    """``attachments.allowed`` names known document and image types, never a type a browser runs."""
    source = config._source
    out = []
    for i, ext in enumerate(config.attachments.allowed):
        name = ext.lower().lstrip(".")
        if name in KNOWN:
            continue
        path = ("attachments", "allowed", i)
        key = "attachments.config-refused" if name in REFUSED else "attachments.config-unknown"
        out.append(Finding("data.config", Kind.DATA, "E", CONFIG_FILE, source.line(*path) if source else None,
                           source.column(*path) if source else None, f"attachments.allowed[{i + 1}]", key,
                           {"ext": ext, "known": ", ".join(sorted(KNOWN))}))
    return out


def top_level_findings(root: Path) -> list[Finding]:
    """Links in ``content/`` and ``councils/`` itself; entries of ``councils/`` that are not council folders."""
    findings = [_symlink(e, root) for e in unsafe(root / CONTENT_DIR)]
    councils = root / COUNCILS_DIR
    if kind_of(councils) in ("link", "special"):
        return findings + [_symlink(e, root) for e in unsafe(councils)]
    for entry in entries(councils):
        if entry.kind in ("link", "special"):
            findings.append(_symlink(entry, root))
        elif entry.name in HOUSEKEEPING:
            continue
        elif entry.name.startswith("."):
            if entry.kind == "dir":
                findings.append(_tree_finding("load.hidden-entry", entry, root))
        elif entry.kind != "dir":
            findings.append(_tree_finding("load.not-a-council", entry, root))
    return findings


def _tree_finding(key: str, entry: Entry, root: Path, council: str | None = None, **params) -> Finding:
    return Finding("data.unknown-field", Kind.DATA, "E", entry.rel(root), None, None, None, key,
                   {"name": entry.name, **params}, council)


def _record_files(root: Path, children: list[Entry], slug: str,
                  suffixes: tuple[str, ...] = RECORD_SUFFIXES) -> tuple[list[Path], list[Finding]]:
    """The record files among a record folder's ``children``, and a finding for everything else in it."""
    files: list[Path] = []
    findings: list[Finding] = []
    for entry in children:
        if entry.kind in ("link", "special") or entry.name in HOUSEKEEPING:
            continue  # links are reported by the walk of the council folder
        if entry.name.startswith("."):
            if entry.kind == "dir":  # a hidden file is a deliberate draft; a hidden folder is easily a mistake
                findings.append(_tree_finding("load.hidden-entry", entry, root, slug))
        elif entry.kind == "dir":
            findings.append(_tree_finding("load.record-subfolder", entry, root, slug))
        elif _suffix(entry.name) in suffixes:
            files.append(entry.path)
        else:
            findings.append(_not_a_record(entry, root, slug))
    return files, findings


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``, without making a path of each of a portal's files."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _not_a_record(entry: Entry, root: Path, slug: str) -> Finding:
    match = _NEAR_MISS.match(entry.name)
    if match is None:
        return _tree_finding("load.not-a-record", entry, root, slug)
    suffix, stem = match["suffix"].lower(), match["stem"]
    if suffix in ("md", "markdown", "mdown", "mkd"):
        return _tree_finding("load.near-miss", entry, root, slug, suggestion=stem + ".md")
    if suffix in ("yml", "yaml"):
        return _tree_finding("load.near-miss", entry, root, slug, suggestion=f"{stem}.{suffix}")
    return _tree_finding("load.near-miss-either", entry, root, slug, md=stem + ".md", yml=stem + ".yml")


def load_council(root: Path, folder: Path, limits: ReadLimits = DEFAULT_LIMITS,
                 listed: dict[Path, list[Entry]] | None = None) -> tuple[Council, list[Finding]]:
    """One council folder: its council, composition and records, and what was wrong reading them."""
    slug = folder.name
    rel = folder.relative_to(root).as_posix()
    council = Council(slug=slug, path=rel)
    findings: list[Finding] = []
    if not SLUG.match(slug):
        findings.append(_data_finding("load.bad-council-folder", rel, "data.type", slug, name=slug))

    # One walk of the whole folder: a link anywhere in it (attachments included) is reported here.
    listed = listing(folder) if listed is None else listed
    findings += [_symlink(e, root, slug) for children in listed.values() for e in children
                 if e.kind in ("link", "special")]

    info_path = folder / "council.yml"
    info_kind = kind_of(info_path)
    if info_kind == "file":
        council.info, found = build_model(CouncilInfo, read_document(info_path, root, limits), slug)
        findings += found
    elif info_kind is None:
        findings.append(_data_finding("load.no-council-file", f"{rel}/council.yml", council=slug))

    members_path = folder / "members.yml"
    if kind_of(members_path) == "file":
        council.composition, found = build_model(Composition, read_document(members_path, root, limits), slug)
        council.composition_broken = council.composition is None  # reported; members are then unknown, not wrong
        findings += found

    types = registry.record_types()
    known = {"council.yml", "members.yml"} | {rt.folder for rt in types} | RESERVED
    for entry in listed.get(folder, []):
        if entry.kind in ("link", "special") or entry.name in known or entry.name in HOUSEKEEPING:
            continue
        if not entry.name.startswith("."):
            findings.append(_tree_finding("load.unknown-entry", entry, root, slug))
        elif entry.kind == "dir":
            findings.append(_tree_finding("load.hidden-entry", entry, root, slug))

    for rt in types:
        target = council.of(rt.kind)
        paths, found = _record_files(root, listed.get(folder / rt.folder, []), slug, rt.suffixes)
        findings += found
        for path in paths:
            doc: Document = read_document(path, root, limits)
            record, found = build_model(rt.model, doc, slug)
            findings += found
            if record is None:
                council.broken.add((rt.kind, path.stem))
                continue
            private = record.__pydantic_private__  # past pydantic's __setattr__, for each of 20,000 records
            private["_body"], private["_council"] = doc.body, slug
            target.append(record)
        target.sort(key=rt.sort_key)
    council.linked = linked_files(council)
    return council, findings


def _named(root: Path, folder: Path, limits: ReadLimits) -> Council:
    """A council another worker reads: its name and ``council.yml`` only (rules that judge a council read the
    type of the maslikhat it names), its problems left to that worker."""
    council = Council(slug=folder.name, path=folder.relative_to(root).as_posix())
    info = folder / "council.yml"
    if kind_of(info) == "file":
        council.info = build_model(CouncilInfo, read_document(info, root, limits), folder.name)[0]
    return council


def council_folders(root: Path) -> list[Path]:
    """The real council folders: links and hidden folders are reported by :func:`top_level_findings`."""
    return [e.path for e in entries(root / COUNCILS_DIR) if e.kind == "dir" and not e.name.startswith(".")]


Loaded = list[tuple[Council, list[Finding]]]


def load_councils(root: Path, folders: list[Path], limits: ReadLimits, cache: bool = False) -> Loaded:
    """Each council of ``folders``, with its findings, in that order; with ``cache``, an unchanged council
    comes from the parse cache (:mod:`.cache`), and those read are stored once all are read: in a parallel
    check's worker, by a writer of their own (:mod:`.later`)."""
    store = ParseCache.open(root, limits) if cache else None
    if store is None:
        return [load_council(root, folder, limits) for folder in folders]
    loaded: Loaded = []
    puts: list[later.Put] = []
    for folder in folders:
        listed = listing(folder)
        drop_handed()  # nothing read before counts for this council
        key = store.key(root, folder, listed, hand=True)
        council = store.get(folder.name, key)
        if council is None:
            council = load_council(root, folder, limits, listed)
            # Kept if it read what the key hashed (handed on), or its files are still those the key hashed.
            if drop_handed() or store.key(root, folder, listing(folder, fresh=True), fresh=True) == key:
                puts.append((folder.name, key, council))
        else:
            drop_handed()  # what the key's hashing read of a council the cache held
        loaded.append(council)
    later.write(store, puts)  # now: nothing has changed them yet
    return loaded


def load_portal(root: Path, only: set[str] | None = None,
                loader: Callable[..., Loaded] = load_councils, cache: bool = False
                ) -> tuple[Portal | None, list[Finding]]:
    """Load everything under ``root``; all problems come back, none is raised.

    With ``only``, the other councils are present by name and ``council.yml``
    (for references) but their records are not read: a worker of a parallel check. ``loader``
    reads the councils (:func:`load_councils`, or a parallel one that gives
    the same result); ``cache`` lets it use the parse cache.
    """
    root = root.resolve()
    config, findings = load_config(root)
    if config is None:
        return None, findings
    portal = Portal(root=root, config=config)
    councils_kind = kind_of(root / COUNCILS_DIR)
    if councils_kind != "dir":
        if councils_kind in (None, "file"):
            findings.append(_data_finding("load.no-councils", COUNCILS_DIR))
        return portal, findings  # a link in its place is reported with the configuration (safety.symlink)
    folders = council_folders(root)
    todo = [folder for folder in folders if only is None or folder.name in only]
    limits = config.limits.read_limits()
    loaded = dict(zip(todo, loader(root, todo, limits, cache)))
    store = ParseCache.open(root, limits) if cache else None
    if store and only is None:
        store.keep_only({folder.name for folder in folders})
    for folder in folders:
        if folder not in loaded:
            read = functools.partial(_named, root, folder, limits)
            portal.councils[folder.name] = store.named(root, folder, read) if store else read()
            continue
        council, found = loaded[folder]
        portal.councils[council.slug] = council
        findings += found
    portal.bodies = load_bodies(root, limits)[0]  # its problems came with the config
    findings += resolve(portal.bodies, portal.all_records())
    return portal, findings
