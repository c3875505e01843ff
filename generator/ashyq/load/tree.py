"""Read a portal tree: ``site_config.yml`` and ``councils/<slug>/…``.

Layout of a council folder::

    council.yml            who the council is
    members.yml            composition
    plans/*.yml            work plans
    meetings/*.md|yml      meetings (Markdown body: the protocol)
    recommendations/*.yml  recommendations and responses
    hearings/*.md|yml      public hearings (Markdown body: the protocol)
    reports/*.md|yml       activity reports (Markdown body: the report)
    attachments/…          files the records link to

Folders reserved for record types still to come (expertise, report-hearings,
consultations, feedback) are accepted and not read yet.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..config import SiteConfig
from ..findings import Finding, Kind
from ..models import Composition, Council, CouncilInfo, Portal
from ..models import RECORD_TYPES
from .schema import build_model
from .source import Document, read_document

CONFIG_FILE = "site_config.yml"
COUNCILS_DIR = "councils"
RECORD_SUFFIXES = (".yml", ".yaml", ".md")
RESERVED = {"attachments", "expertise", "report-hearings", "consultations", "feedback"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def _data_finding(key: str, file: str, rule: str = "data.required", council: str | None = None, **params) -> Finding:
    return Finding(rule, Kind.DATA, "E", file, None, None, None, key, params, council)


def load_config(root: Path) -> tuple[SiteConfig | None, list[Finding]]:
    path = root / CONFIG_FILE
    if not path.is_file():
        return None, [_data_finding("load.no-config", CONFIG_FILE, "data.config")]
    doc = read_document(path, root)
    config, findings = build_model(SiteConfig, doc)
    # A broken config is a configuration problem, whatever pydantic called it.
    findings = [Finding("data.config", f.kind, f.severity, f.file, f.line, f.column, f.field, f.key, f.params)
                for f in findings]
    return config, findings


def _record_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in RECORD_SUFFIXES
                  and not p.name.startswith("."))


def load_council(root: Path, folder: Path) -> tuple[Council, list[Finding]]:
    slug = folder.name
    rel = folder.relative_to(root).as_posix()
    council = Council(slug=slug, path=rel)
    findings: list[Finding] = []
    if not _SLUG.match(slug):
        findings.append(_data_finding("load.bad-council-folder", rel, "data.type", slug, name=slug))

    info_path = folder / "council.yml"
    if info_path.is_file():
        council.info, found = build_model(CouncilInfo, read_document(info_path, root), slug)
        findings += found
    else:
        findings.append(_data_finding("load.no-council-file", f"{rel}/council.yml", council=slug))

    members_path = folder / "members.yml"
    if members_path.is_file():
        council.composition, found = build_model(Composition, read_document(members_path, root), slug)
        findings += found

    known = {"council.yml", "members.yml"} | {cls.FOLDER for cls in RECORD_TYPES} | RESERVED
    for entry in sorted(folder.iterdir()):
        if entry.name not in known and not entry.name.startswith("."):
            findings.append(Finding("data.unknown-field", Kind.DATA, "E", entry.relative_to(root).as_posix(),
                                    None, None, None, "load.unknown-entry", {"name": entry.name}, slug))

    for cls in RECORD_TYPES:
        target = council.records_of(cls)
        for path in _record_files(folder / cls.FOLDER):
            doc: Document = read_document(path, root)
            record, found = build_model(cls, doc, slug)
            findings += found
            if record is None:
                continue
            record._body = doc.body
            record._council = slug
            target.append(record)
        target.sort(key=_record_order)
    return council, findings


def _record_order(record) -> tuple:
    # Stable order for pages, feeds and data: by date where there is one, then id.
    day = getattr(record, "date", None) or getattr(record, "sent", None) or getattr(record, "year", None)
    return (str(day or ""), record.id)


def council_folders(root: Path) -> list[Path]:
    councils_dir = root / COUNCILS_DIR
    if not councils_dir.is_dir():
        return []
    return sorted(p for p in councils_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_portal(root: Path, only: set[str] | None = None) -> tuple[Portal | None, list[Finding]]:
    """Load everything under ``root``; all problems come back, none is raised.

    With ``only``, the other councils are present by name (for references)
    but their records are not read: a worker of a parallel check.
    """
    root = root.resolve()
    config, findings = load_config(root)
    if config is None:
        return None, findings
    portal = Portal(root=root, config=config)
    if not (root / COUNCILS_DIR).is_dir():
        findings.append(_data_finding("load.no-councils", COUNCILS_DIR))
        return portal, findings
    for folder in council_folders(root):
        if only is not None and folder.name not in only:
            portal.councils[folder.name] = Council(slug=folder.name, path=folder.relative_to(root).as_posix())
            continue
        council, found = load_council(root, folder)
        portal.councils[council.slug] = council
        findings += found
    return portal, findings
