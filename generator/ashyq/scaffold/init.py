"""``ashyq init``: a new portal that checks and builds as created.

What a new portal holds::

    site_config.yml                the portal's settings, titled with the council's names
    councils/<slug>/council.yml    one example council (type, host body, term)
    councils/<slug>/members.yml    an example composition: chair, deputy, members, secretary
    councils/<slug>/plans/<year>.yml  this year's work plan
    templates/                     record templates to copy in GitHub's web editor
    schemas/                       JSON Schemas of the record files (editor completion)
    .github/workflows/             check on pull requests, deploy on push to main
    .vscode/                       editor settings: schemas wired, recommended extensions
    admin/config.yml               the web editor's configuration (generated; the build writes the site's)
    .pre-commit-config.yaml        ``ashyq check`` before every commit
    requirements.txt               the tool, pinned: CI and secretaries install the same version
    README.md                      for the secretary, in Kazakh and Russian

The workflows are rendered from the same templates as this repository's own
``.github/workflows/`` (see :func:`render_workflow`); a test keeps them equal.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..kinds import registry
from .new import TEMPLATES, _indent, member_item, render, render_record
from .cms import EDITIONS, CouncilEntry, EditorSite, render_config
from .schemas import write_schemas, yaml_schema_map

DEFAULT_BASE_URL = "https://kenes.example.kz/"
DEFAULT_SLUG = "kenes"
PYTHON_VERSION = "3.11"

# How each workflow installs the tool. In this repository: the checked-out
# source. In a portal: the pinned requirement in requirements.txt (never the
# bare PyPI name "ashyq", which belongs to an unrelated package).
INSTALL = {
    "repo": ("pip install -e .", "pyproject.toml"),
    "portal": ("pip install -r requirements.txt", "requirements.txt"),
}
WORKFLOWS = ("check.yml", "deploy.yml")
HEADERS = {
    "repo": "Rendered from generator/ashyq/scaffold/templates/workflows/ (ashyq init writes the same for portals).",
    "portal": "Written by ashyq init; the same workflow the ashyq repository runs.",
}

# Invented people for the example composition; the README says to replace them.
EXAMPLE_PEOPLE = [
    "Сейітқали Айгүл", "Оразов Нұрлан", "Бекмұханова Сәуле", "Ысқақов Ерболат", "Тұрсынова Динара",
    "Әміров Қанат", "Жұмағұлова Ләйлә", "Нұрпейісов Марат", "Қуанышева Гүлмира", "Сәрсенбаев Азамат",
    "Төлеубаева Жанна", "Мұқанов Берік", "Ахметова Самал", "Ибраев Талғат", "Шәкенова Алма",
    "Рақымжанов Дәурен", "Есенова Ақмарал", "Байжанов Ғалым", "Молдабекова Әсел", "Құрманов Бақыт",
]
EXAMPLE_SECRETARY = "Жақсылықова Мадина"
ROLES = ["chair", "deputy-chair"]


def render_workflow(name: str, flavour: str) -> str:
    """The workflow ``name`` for this repository (``repo``) or for a portal made by init (``portal``)."""
    text = (TEMPLATES / "workflows" / name).read_text(encoding="utf-8")
    install, cache_path = INSTALL[flavour]
    return (text.replace("@@HEADER@@", HEADERS[flavour]).replace("@@INSTALL@@", install)
            .replace("@@CACHE_PATH@@", cache_path))


def vscode_settings(schema_dir: str) -> str:
    settings = {
        "yaml.schemas": yaml_schema_map(schema_dir),
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "files.trimTrailingWhitespace": True,
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def vscode_extensions() -> str:
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def project_urls() -> dict[str, str]:
    """``[project.urls]``, lower-cased labels: from the source tree's pyproject.toml when ashyq runs from
    one (an editable install's metadata is as old as the install), else from the installed metadata."""
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == "ashyq":
            return {k.lower(): v for k, v in project.get("urls", {}).items()}
    try:
        meta = metadata.metadata("ashyq")
    except metadata.PackageNotFoundError:  # pragma: no cover - neither a source tree nor an install
        return {}
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    return urls


def tool_requirement() -> str | None:
    """``ashyq @ git+<repository>@v<version>`` from the project's ``[project.urls]``, if it names a repository."""
    urls = project_urls()
    for label in ("repository", "source", "source code", "code", "homepage"):
        url = urls.get(label)
        if url and url.startswith("https://"):
            return f"ashyq @ git+{url.removesuffix('/')}@v{__version__}"
    return None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def example_members(council_type: str, today: dt.date) -> list[str]:
    """The example composition as ``members`` list items: legal size, two thirds civil society, a secretary."""
    size = 15 if council_type in ("ministry", "central-body") else 10 if council_type == "quasi-public" else 9
    state = size - math.ceil(size * 2 / 3)
    items = []
    for i in range(size):
        state_body = i >= size - state
        values: dict[str, Any] = {
            "name": EXAMPLE_PEOPLE[i],
            "role": ROLES[i] if i < len(ROLES) else "member",
            "category": "state-body" if state_body else "civil-society",
            "civil_servant": state_body,
            "organisation_kk": "Мемлекеттік орган (үлгі)" if state_body else f"№{i + 1} қоғамдық бірлестік (үлгі)",
            "organisation_ru": "Государственный орган (образец)" if state_body
            else f"Общественное объединение № {i + 1} (образец)",
        }
        items.append(member_item(values, f"m{i + 1:02d}", today, comments=False))
    items.append(member_item({
        "name": EXAMPLE_SECRETARY, "role": "secretary", "category": "state-body", "civil_servant": True,
        "voting": False, "organisation_kk": "Кеңес жанындағы мемлекеттік органның аппараты (үлгі)",
        "organisation_ru": "Аппарат государственного органа при совете (образец)",
    }, "secretary", today, comments=False))
    return [_indent(item, 2).rstrip("\n") for item in items]


def portal_files(*, name_kk: str, name_ru: str, slug: str, council_type: str, base_url: str, today: dt.date,
                 host_kk: str | None = None, host_ru: str | None = None, region_kk: str | None = None,
                 region_ru: str | None = None, repository: str | None = None,
                 requirement: str | None = None) -> dict[str, str]:
    """``relative path -> text`` of a new portal (schemas are written separately)."""
    values = {
        "name_kk": name_kk, "name_ru": name_ru, "slug": slug, "type": council_type, "base_url": base_url,
        "repository": repository, "today": today.isoformat(), "year": today.year, "id": str(today.year),
        "host_kk": host_kk or "Мемлекеттік орган (үлгі)", "host_ru": host_ru or "Государственный орган (образец)",
        "region_kk": region_kk or "Қазақстан Республикасы", "region_ru": region_ru or "Республика Казахстан",
        "term_start": today.isoformat(), "term_end": (_add_years(today, 3) - dt.timedelta(days=1)).isoformat(),
        "members": example_members(council_type, today), "version": __version__,
        "requirement": requirement or tool_requirement(), "python": PYTHON_VERSION,
    }
    council = f"councils/{slug}"
    files = {
        "site_config.yml": render("records/site_config.yml.j2", **values),
        f"{council}/council.yml": render("records/council.yml.j2", **values),
        f"{council}/members.yml": render("records/members.yml.j2", **values),
        f"{council}/plans/{today.year}.yml": _record("plan", **values),
        "README.md": render("portal/README.md.j2", **values),
        "requirements.txt": render("portal/requirements.txt.j2", **values),
        ".gitignore": (TEMPLATES / "portal" / "gitignore").read_text(encoding="utf-8"),
        ".pre-commit-config.yaml": (TEMPLATES / "portal" / "pre-commit-config.yaml").read_text(encoding="utf-8"),
        ".vscode/settings.json": vscode_settings("schemas"),
        ".vscode/extensions.json": vscode_extensions(),
    }
    for name in WORKFLOWS:
        files[f".github/workflows/{name}"] = render_workflow(name, "portal")
    # The web editor's configuration, for a local editor; the build writes the site's own (site/admin/).
    editor = EditorSite((CouncilEntry(slug, {"kk": name_kk, "ru": name_ru}),), repository, base_url)
    for lang, sub in EDITIONS.items():
        files[f"admin/{sub}config.yml"] = render_config(editor, lang)
    files.update(record_templates(today))
    return files


def _record(kind: str, **values) -> str:
    """A record of a registered type, from the type's own scaffold template."""
    return render_record(registry.by_kind()[kind], **values)


def record_templates(today: dt.date) -> dict[str, str]:
    """``templates/<kind>``: what a secretary copies in GitHub's web editor (id and dates to fill in)."""
    common = {"today": "<<ЖЖЖЖ-АА-КК>>", "date": "<<ЖЖЖЖ-АА-КК>>", "time": None, "title_kk": None,
              "title_ru": None, "place_kk": None, "place_ru": None}
    out = {
        "templates/meeting.md": _record("meeting", **common, id="<<ЖЖЖЖ-NN>>", number=1,
                                       status="planned", held=False, attendance=[]),
        "templates/meeting-held.md": _record("meeting", **common, id="<<ЖЖЖЖ-NN>>", number=1,
                                            status="held", held=True, attendance=["m01", "m02", "m03"]),
        "templates/hearing.md": _record("hearing", **common, id="<<ЖЖЖЖ-hN>>", status="planned"),
        "templates/recommendation.yml": _record("recommendation", **common, id="<<ЖЖЖЖ-rN>>",
                                               addressee_kk=None, addressee_ru=None, basis=None),
        "templates/report.md": _record("report", **{**common, "title_kk": "<<есептің атауы>>",
                                                                  "title_ru": "<<название отчёта>>"},
                                      id="<<ЖЖЖЖ-h1>>", period="h1", year=today.year),
        "templates/member.yml": _indent(render("records/member.yml.j2", id="<<mNN>>", name=None, role="member",
                                       category="civil-society", organisation_kk=None, organisation_ru=None,
                                       civil_servant=False, voting=True, date="<<ЖЖЖЖ-АА-КК>>", comments=True), 2),
    }
    return out


def is_empty(target: Path) -> bool:
    return not target.exists() or (target.is_dir() and not any(target.iterdir()))


def init_portal(target: Path, *, today: dt.date, **options: Any) -> list[Path]:
    """Create a new portal in ``target`` (missing or empty); return the files written."""
    files = portal_files(today=today, **options)  # everything rendered before anything is written
    # Empty record folders, kept in git, so the web editor shows where each kind of record goes.
    for folder in ("meetings", "hearings", "recommendations", "reports", "attachments"):
        files[f"councils/{options['slug']}/{folder}/.gitkeep"] = ""
    target.mkdir(parents=True, exist_ok=True)
    return _write_files(target, files) + write_schemas(target / "schemas")


def _write_files(root: Path, files: dict[str, str]) -> list[Path]:
    written = []
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def write_repo_files(root: Path) -> list[Path]:
    """(Re)write this repository's workflows and editor settings from the shared templates."""
    files = {f".github/workflows/{name}": render_workflow(name, "repo") for name in WORKFLOWS}
    files[".vscode/settings.json"] = vscode_settings("generator/ashyq/schemas")
    files[".vscode/extensions.json"] = vscode_extensions()
    return _write_files(root, files)

