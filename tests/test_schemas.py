"""The JSON Schemas: committed copies match the models, and real records validate against them.

Editors (VS Code with ``yaml.schemas``) and open-data users read the committed
files in ``generator/ashyq/schemas/``; if a model changes and the schemas are
not regenerated (``ashyq schema``), the first test fails with the command to run.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ashyq.cli import main
from ashyq.load.source import read_document
from ashyq.scaffold.init import init_portal, vscode_settings
from ashyq.scaffold.schemas import PACKAGE_SCHEMAS, SCHEMAS, render, schema_for
from ashyq.synthetic import write_portal

REPO = Path(__file__).resolve().parents[1]
FOLDER_SCHEMAS = {"plans": "plan", "meetings": "meeting", "recommendations": "recommendation",
                  "hearings": "hearing", "reports": "report", "monitoring": "monitoring", "expertise": "expertise",
                  "report-hearings": "report-hearing", "consultations": "consultation", "receptions": "reception",
                  "appeals": "appeal", "deputy-reports": "deputy-report"}


def plain(value: Any) -> Any:
    """YAML's dates and datetimes as the ISO strings an editor sees; everything else as is."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def schema_name(rel: str) -> str | None:
    """Which schema describes the portal file ``rel`` (None: not a record file)."""
    parts = rel.split("/")
    if rel == "site_config.yml":
        return "site_config"
    if rel == "bodies.yml":
        return "bodies"
    if len(parts) == 3 and parts[0] == "councils" and parts[2] in ("council.yml", "members.yml"):
        return parts[2].removesuffix(".yml")
    if len(parts) == 4 and parts[0] == "councils" and parts[2] in FOLDER_SCHEMAS \
            and parts[3].endswith((".yml", ".yaml", ".md")):
        return FOLDER_SCHEMAS[parts[2]]
    return None


def records(root: Path) -> list[tuple[str, str, Any]]:
    """``(relative path, schema name, data)`` of every record file of a portal (front matter for .md)."""
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        name = schema_name(rel) if path.is_file() else None
        if name is None:
            continue
        doc = read_document(path, root)
        assert not doc.problems, (rel, doc.problems)
        out.append((rel, name, plain(doc.data)))
    return out


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


# --- the committed files ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schema_matches_the_models(name):
    path = PACKAGE_SCHEMAS / f"{name}.json"
    assert path.is_file(), f"{path.name} is missing: run `ashyq schema`"
    assert path.read_text(encoding="utf-8") == render(name), (
        f"{path.name} is out of date with the models: run `ashyq schema` and commit the result")


def test_no_stray_schema_files():
    assert sorted(p.stem for p in PACKAGE_SCHEMAS.glob("*.json")) == sorted(SCHEMAS)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_is_valid_and_described(name):
    schema = json.loads((PACKAGE_SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:ashyq:schema:{name}"
    assert schema["title"] and schema["description"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False  # a misspelt field is flagged in the editor too


def test_schema_command_writes_the_same_files(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path), "--lang", "en"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{name}.json" for name in SCHEMAS)
    for name in SCHEMAS:
        assert (tmp_path / f"{name}.json").read_text(encoding="utf-8") == render(name)
    assert "Written:" in capsys.readouterr().out


# --- records validate ------------------------------------------------------------------------------------------------

# What only a maslikhat keeps, and the portal's registry of state bodies: the synthetic public councils have
# none of them; the sample portal does (test_the_sample_portal_covers_every_schema).
NOT_SYNTHETIC = {"reception", "appeal", "deputy-report", "bodies"}


def test_every_synthetic_record_validates(tmp_path):
    root = write_portal(tmp_path / "portal", councils=4)
    found = records(root)
    kinds = {name for _rel, name, _data in found}
    assert kinds == set(SCHEMAS) - NOT_SYNTHETIC, f"the synthetic portal should exercise every schema, has {sorted(kinds)}"
    problems = {rel: errs for rel, name, data in found if (errs := errors(name, data))}
    assert not problems


def test_every_record_of_a_new_portal_validates(tmp_path, capsys):
    root = tmp_path / "portal"
    init_portal(root, today=dt.date(2026, 3, 2), name_kk="Кеңес", name_ru="Совет", slug="kenes",
                council_type="ministry", base_url="https://kenes.example.kz/")
    for kind in ("meeting", "hearing", "recommendation", "report", "member", "monitoring", "expertise",
                 "report-hearing", "consultation"):
        assert main(["new", kind, "kenes", str(root), "--today", "2026-03-02", "--no-input",
                     *(["--basis", "5.1.1"] if kind == "recommendation" else [])]) == 0
    capsys.readouterr()
    found = records(root)
    assert {name for _r, name, _d in found} == set(SCHEMAS) - NOT_SYNTHETIC  # a ministry's council, no maslikhat
    problems = {rel: errs for rel, name, data in found if (errs := errors(name, data))}
    assert not problems
    # the schemas copied into the portal are the committed ones
    for name in SCHEMAS:
        assert (root / "schemas" / f"{name}.json").read_text(encoding="utf-8") == render(name)


def test_the_sample_portal_validates():
    if not (REPO / "councils").is_dir() or not any((REPO / "councils").iterdir()):
        pytest.skip("the repository has no sample councils yet")
    found = records(REPO)
    assert {name for _r, name, _d in found} == set(SCHEMAS)  # the sample covers every schema, the maslikhat's too
    problems = {rel: errs for rel, name, data in found if (errs := errors(name, data))}
    assert not problems


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("meeting", {"id": "2025-01", "date": "2025-03-14", "statuss": "held"}, "statuss"),
    ("meeting", {"id": "2025-01", "date": "2025-03-14", "status": "done"}, "done"),
    ("meeting", {"id": "2025-01", "date": "14.03.2025"}, "14.03.2025"),
    ("meeting", {"id": "2025-01", "date": "2025-03-14", "time": "25:00"}, "25:00"),
    ("recommendation", {"id": "r1", "title": {"kk": "a"}, "text": {"kk": "a"}, "addressee": {"kk": "a"},
                        "basis": "5.1", "sent": "2025-01-01"}, "5.1"),
    ("members", {"members": [{"id": "m1", "name": "A", "category": "ngo", "start": "2025-01-01"}]}, "ngo"),
    ("council", {"name": {"kk": "a"}, "type": "city"}, "host_body"),
])
def test_schema_rejects_what_the_loader_rejects(name, data, expected):
    found = errors(name, data)
    assert found and any(expected in e for e in found), found


# --- editor settings -------------------------------------------------------------------------------------------------

def test_vscode_settings_wire_every_schema(tmp_path):
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert (REPO / ".vscode" / "settings.json").read_text(encoding="utf-8") == vscode_settings(
        "generator/ashyq/schemas"), "regenerate with ashyq.scaffold.init.write_repo_files"
    mapping = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"generator/ashyq/schemas/{name}.json" for name in SCHEMAS)
    for schema_file in mapping:
        assert (REPO / schema_file).is_file()
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
    # the globs reach every YAML record file of a portal, each with the schema the loader uses for it
    root = write_portal(tmp_path / "portal", councils=1)
    for rel, name, _data in records(root):
        if rel.endswith(".md"):
            continue  # front matter cannot be wired to a schema in VS Code (documented in the guide)
        matches = [Path(f).stem for f, globs in mapping.items() if any(fnmatch.fnmatch(rel, g) for g in globs)]
        assert matches == [name], (rel, matches)
