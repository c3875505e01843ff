"""JSON Schemas of the record files, generated from the pydantic models.

One schema per file type a secretary writes. For a Markdown record the schema
describes its front matter (the YAML between the two ``---`` lines); the body
is free Markdown. The committed copies in ``ashyq/schemas/`` are what editors
and open-data users read; ``tests/test_schemas.py`` regenerates and compares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..config import SiteConfig
from ..kinds import registry
from ..load.bodies import BodiesFile
from ..models import Composition, CouncilInfo

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A URN rather than a web address: the schemas are shipped with the tool and
# copied into each portal, so there is no single place to fetch them from.
ID_PREFIX = "urn:ashyq:schema:"
PACKAGE_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

# name -> (model, title, description, files it describes): the portal's own files; record types add theirs.
PORTAL_SCHEMAS: dict[str, tuple[type[BaseModel], str, str, tuple[str, ...]]] = {
    "site_config": (SiteConfig, "Portal settings (site_config.yml)",
                    "The portal's title, address, languages and rule settings by rule id.",
                    ("site_config.yml",)),
    "council": (CouncilInfo, "Council (council.yml)",
                "Who the council is: names, type, host body, region, term, official contacts.",
                ("councils/*/council.yml",)),
    "members": (Composition, "Composition (members.yml)",
                "The council's composition: every membership with role, category, organisation and dates.",
                ("councils/*/members.yml",)),
    "bodies": (BodiesFile, "State bodies (bodies.yml)",
               "The portal's registry of the state bodies records name by id: names, BIN, website, parent, region.",
               ("bodies.yml",)),
}


def schemas() -> dict[str, tuple[type[BaseModel], str, str, tuple[str, ...]]]:
    """Every schema: the portal's files, then each registered record type's (named by its kind)."""
    out = dict(PORTAL_SCHEMAS)
    for rt in registry.record_types():
        out[rt.kind] = (rt.model, rt.schema.title, rt.schema.description, rt.editor_globs)
    return out


def __getattr__(name: str):
    if name == "SCHEMAS":
        return schemas()
    raise AttributeError(name)


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of file type ``name`` (a key of :func:`schemas`)."""
    model, title, description, _globs = schemas()[name]
    body = model.model_json_schema(by_alias=True, mode="validation")
    body.pop("title", None)
    body.pop("description", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{ID_PREFIX}{name}",
        "title": title,
        "description": f"{description} Generated from the ashyq models (`ashyq schema`); do not edit by hand.",
        **body,
    }


def render(name: str) -> str:
    """The schema as the committed file holds it (stable key order, UTF-8, final newline)."""
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write every schema to ``out/<name>.json``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in schemas():
        path = out / f"{name}.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


def yaml_schema_map(schema_dir: str) -> dict[str, list[str]]:
    """``yaml.schemas`` for VS Code: schema file -> the globs of files it describes."""
    prefix = schema_dir.rstrip("/") + "/" if schema_dir else ""
    return {f"{prefix}{name}.json": list(globs) for name, (_m, _t, _d, globs) in schemas().items()}
