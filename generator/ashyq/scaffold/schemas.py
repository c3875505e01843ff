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
from ..models import Composition, CouncilInfo, Hearing, Meeting, Plan, Recommendation, Report

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A URN rather than a web address: the schemas are shipped with the tool and
# copied into each portal, so there is no single place to fetch them from.
ID_PREFIX = "urn:ashyq:schema:"
PACKAGE_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

# name -> (model, title, description, files it describes)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str, tuple[str, ...]]] = {
    "site_config": (SiteConfig, "Portal settings (site_config.yml)",
                    "The portal's title, address, languages and rule settings by rule id.",
                    ("site_config.yml",)),
    "council": (CouncilInfo, "Council (council.yml)",
                "Who the council is: names, type, host body, region, term, official contacts.",
                ("councils/*/council.yml",)),
    "members": (Composition, "Composition (members.yml)",
                "The council's composition: every membership with role, category, organisation and dates.",
                ("councils/*/members.yml",)),
    "plan": (Plan, "Work plan (plans/<id>.yml)",
             "An annual or commission work plan with its items by period.",
             ("councils/*/plans/*.yml", "councils/*/plans/*.yaml")),
    "meeting": (Meeting, "Meeting (meetings/<id>.md, front matter)",
                "A meeting: date, place, agenda, attendance, decisions. In a .md file this is the front matter; "
                "the protocol is the Markdown body, marked <!-- lang: kk --> and <!-- lang: ru -->.",
                ("councils/*/meetings/*.yml", "councils/*/meetings/*.yaml")),
    "recommendation": (Recommendation, "Recommendation (recommendations/<id>.yml)",
                       "A recommendation sent to a state body, with the legal basis that sets the response "
                       "deadline, and the body's response.",
                       ("councils/*/recommendations/*.yml", "councils/*/recommendations/*.yaml")),
    "hearing": (Hearing, "Public hearing (hearings/<id>.md, front matter)",
                "A public hearing: announcement, materials, protocol fields, final protocol, addressees. In a .md "
                "file this is the front matter; the protocol is the Markdown body.",
                ("councils/*/hearings/*.yml", "councils/*/hearings/*.yaml")),
    "report": (Report, "Activity report (reports/<id>.md, front matter)",
               "A half-year or annual activity report. In a .md file this is the front matter; the report text is "
               "the Markdown body.",
               ("councils/*/reports/*.yml", "councils/*/reports/*.yaml")),
}


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of record type ``name`` (a key of :data:`SCHEMAS`)."""
    model, title, description, _globs = SCHEMAS[name]
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
    for name in SCHEMAS:
        path = out / f"{name}.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


def yaml_schema_map(schema_dir: str) -> dict[str, list[str]]:
    """``yaml.schemas`` for VS Code: schema file -> the globs of files it describes."""
    prefix = schema_dir.rstrip("/") + "/" if schema_dir else ""
    return {f"{prefix}{name}.json": list(globs) for name, (_m, _t, _d, globs) in SCHEMAS.items()}
