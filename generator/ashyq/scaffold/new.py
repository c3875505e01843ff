"""``ashyq new``: write a new record a secretary then fills in.

Every record comes from a template in ``templates/records/``: both languages'
fields side by side, today's date (Asia/Almaty), the next free id, and
``<<…>>`` placeholders where the secretary has not given a value yet.
``ashyq check`` reports each placeholder left (rule ``data.placeholder``), so
nothing half-filled reaches the portal. A member is appended to
``members.yml`` without rewriting the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..kinds import registry
from ..kinds.spec import RecordType
from ..load.tree import CONFIG_FILE, COUNCILS_DIR
from ..types import CATEGORIES, CLOCK, REPORT_PERIODS, ROLES, SLUG, STATUSES
from ..validate.rules.integrity import PLACEHOLDER
from .ids import ID_LINE, existing_ids, members_of, next_member_id

TEMPLATES = Path(__file__).resolve().parent / "templates"



def kinds() -> tuple[str, ...]:
    """What ``ashyq new`` writes: every registered record type with a scaffold, and a member."""
    return (*(rt.kind for rt in registry.record_types() if rt.scaffold is not None), "member")


def __getattr__(name: str):
    # The old constant names, derived from the registry (complete only once the types are loaded).
    types = {rt.kind: rt for rt in registry.record_types() if rt.scaffold is not None}
    if name == "KINDS":
        return kinds()
    if name == "FOLDERS":
        return {kind: rt.folder for kind, rt in types.items()}
    if name == "SUFFIXES":
        return {kind: rt.scaffold.suffix for kind, rt in types.items()}
    if name == "QUESTIONS":
        return {**{kind: list(rt.scaffold.questions) for kind, rt in types.items()}, "member": MEMBER_QUESTIONS}
    raise AttributeError(name)


class ScaffoldError(Exception):
    """A usage problem: the CLI prints ``t(lang, key, **params)`` and exits 2."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Written:
    """What ``new`` (or ``init``) wrote: the file, the id, the placeholders left to fill."""

    path: Path
    rel: str
    id: str
    placeholders: list[str] = field(default_factory=list)


# --- templates ---------------------------------------------------------------------------------------------------

def yaml_quote(value: Any, placeholder: str | None = None) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML) or the placeholder."""
    if value is None or value == "":
        if placeholder is None:
            return '""'
        value = placeholder
    return json.dumps(str(value), ensure_ascii=False)


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # YAML and Markdown, not HTML  # noqa: S701
)
_ENV.filters["q"] = yaml_quote
_ENV.filters["pad"] = lambda text, width=32: str(text).ljust(width - 1) + " "  # aligns trailing comments


def render(template: str, **values: Any) -> str:
    return _ENV.get_template(template).render(**values)


@lru_cache(maxsize=None)
def _env_for(folder: Path) -> jinja2.Environment:
    """The template environment of a record type's own folder (a plugin's), with the same filters."""
    env = _ENV.overlay(loader=jinja2.FileSystemLoader(str(folder)))
    return env


def render_record(rt: RecordType, **values: Any) -> str:
    return _env_for(rt.scaffold.template_dir).get_template(rt.scaffold.template).render(**values)


def placeholders_in(text: str) -> list[str]:
    """The placeholders left in ``text``, comments aside (they mention ``<<…>>`` to explain it)."""
    return [m.group(0) for line in text.splitlines() if not line.lstrip().startswith("#")
            for m in PLACEHOLDER.finditer(line) if m.group(0) != "TODO"]


# --- the portal ----------------------------------------------------------------------------------------------------

def council_folder(root: Path, slug: str) -> Path:
    if not (root / CONFIG_FILE).is_file():
        raise ScaffoldError("scaffold.no-portal", path=root)
    folder = root / COUNCILS_DIR / slug
    if not SLUG.match(slug) or not folder.is_dir():
        councils = root / COUNCILS_DIR
        known = sorted(p.name for p in councils.iterdir() if p.is_dir()) if councils.is_dir() else []
        raise ScaffoldError("scaffold.no-council", council=slug, known=", ".join(known) or "—")
    return folder


# --- new records ---------------------------------------------------------------------------------------------------

def new_record(root: Path, kind: str, council: str, *, today: dt.date, values: dict[str, Any],
               record_id: str | None = None) -> Written:
    """Write a new record of any registered type (or a member) of ``council``; return what was written."""
    if kind == "member":
        return new_member(root, council, today=today, values=values, member_id=record_id)
    rt = registry.by_kind()[kind]
    scaffold = rt.scaffold
    folder = council_folder(root, council) / rt.folder
    day: dt.date = values.get("date") or today
    ids = existing_ids(folder)
    ctx: dict[str, Any] = {
        "today": today.isoformat(), "date": day.isoformat(), "time": values.get("time"),
        "title_kk": values.get("title_kk"), "title_ru": values.get("title_ru"),
        "place_kk": values.get("place_kk"), "place_ru": values.get("place_ru"),
    }
    record_id = record_id or scaffold.next_id(ids, day, {**values, "today": today})
    if not SLUG.match(record_id):
        raise ScaffoldError("scaffold.bad-id", id=record_id)
    target = folder / f"{record_id}{scaffold.suffix}"
    taken = [p for p in (folder / f"{record_id}{s}" for s in rt.suffixes) if p.exists()]
    if taken or record_id in ids:
        shown = taken[0] if taken else target
        raise ScaffoldError("scaffold.id-taken", id=record_id, path=shown.relative_to(root).as_posix())
    ctx["id"] = record_id
    if scaffold.values is not None:
        ctx.update(scaffold.values(folder, values, ctx, today))
    text = render_record(rt, **ctx)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Written(target, target.relative_to(root).as_posix(), record_id, placeholders_in(text))


def member_item(values: dict[str, Any], member_id: str, day: dt.date, comments: bool = True) -> str:
    """One ``members`` list item, at column 0 (``- id: …``); ``comments`` explain the fields."""
    role = values.get("role") or "member"
    category = values.get("category") or "civil-society"
    return render("records/member.yml.j2", id=member_id, name=values.get("name"), role=role, category=category,
                  organisation_kk=values.get("organisation_kk"), organisation_ru=values.get("organisation_ru"),
                  civil_servant=bool(values.get("civil_servant", category == "state-body")),
                  # The secretary is no member of the council and does not vote (art. 7 of the law).
                  voting=values.get("voting", role != "secretary"), date=day.isoformat(), comments=comments)


def new_member(root: Path, council: str, *, today: dt.date, values: dict[str, Any],
               member_id: str | None = None) -> Written:
    folder = council_folder(root, council)
    path = folder / "members.yml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    ids = {m.get("id") for m in members_of(folder)} | set(ID_LINE.findall(text))
    member_id = member_id or next_member_id({i for i in ids if i}, values.get("name"))
    if not SLUG.match(member_id):
        raise ScaffoldError("scaffold.bad-id", id=member_id)
    if member_id in ids:
        raise ScaffoldError("scaffold.id-taken", id=member_id, path=path.relative_to(root).as_posix())
    item = member_item(values, member_id, values.get("date") or today)
    new_text = append_member(text, item)
    path.write_text(new_text, encoding="utf-8")
    return Written(path, path.relative_to(root).as_posix(), member_id, placeholders_in(item))


def append_member(text: str, item: str) -> str:
    """``text`` (a ``members.yml``) with ``item`` added as the last member; every other line kept as it was."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if text.strip() else None
    except yaml.YAMLError as exc:
        raise ScaffoldError("scaffold.members-unreadable", detail=str(exc).splitlines()[0]) from None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ScaffoldError("scaffold.members-unreadable", detail="not a mapping")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    members = None
    key_node = None
    for k, v in (node.value if node is not None else []):
        if isinstance(k, yaml.ScalarNode) and k.value == "members":
            key_node, members = k, v
    if members is None:
        return "".join(lines) + "members:\n" + _indent(item, 2)
    if isinstance(members, yaml.SequenceNode) and not members.flow_style and members.value:
        indent = members.start_mark.column
        insert = members.end_mark.line if members.end_mark.column == 0 else members.end_mark.line + 1
        insert = min(insert, len(lines))
        # Comments and blank lines at the left margin before the next key belong to that key.
        while insert > 0 and (not lines[insert - 1].strip()
                              or (lines[insert - 1].startswith("#"))):
            insert -= 1
        # An item ends at the last line that holds its content.
        insert = max(insert, members.value[-1].end_mark.line if members.value[-1].end_mark.column else 0)
        return "".join(lines[:insert]) + _indent(item, indent) + "".join(lines[insert:])
    if isinstance(members, (yaml.SequenceNode, yaml.ScalarNode)):
        # ``members: []`` or ``members:`` with nothing: replace the empty value with a block list.
        start = key_node.start_mark
        end = members.end_mark
        head = "".join(lines[:start.line]) + lines[start.line][:start.column]
        rest_line = lines[end.line] if end.line < len(lines) else ""
        tail = rest_line[end.column:] + "".join(lines[end.line + 1:])
        tail = tail.lstrip(" \t")
        if tail.startswith("#"):
            tail = "  " + tail
        elif tail.startswith("\n"):
            tail = tail[1:]
        return head + "members:\n" + _indent(item, start.column + 2) + tail
    raise ScaffoldError("scaffold.members-unreadable", detail="members is not a list")


def _indent(block: str, width: int) -> str:
    pad = " " * width
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))


# --- asking on a terminal ------------------------------------------------------------------------------------------

# A member's questions; a record type's come with its declaration (:attr:`Scaffold.questions`).
MEMBER_QUESTIONS = [("name", "scaffold.ask.name"), ("role", "scaffold.ask.role"), ("category", "scaffold.ask.category"),
                    ("organisation_kk", "scaffold.ask.organisation-kk"),
                    ("organisation_ru", "scaffold.ask.organisation-ru")]


def questions(kind: str) -> list[tuple[str, str]]:
    if kind == "member":
        return MEMBER_QUESTIONS
    return list(registry.by_kind()[kind].scaffold.questions)


CHOICES = {"role": ROLES, "category": CATEGORIES, "period": REPORT_PERIODS, "status": STATUSES}


def valid_basis(value: str) -> bool:
    """Whether ``value`` is a legal basis the recommendation model accepts (e.g. 5.1.1, 5-1.1.3)."""
    from pydantic import TypeAdapter, ValidationError

    from ..types import Basis

    try:
        TypeAdapter(Basis).validate_python(value)
    except ValidationError:
        return False
    return True


def parse_answer(key: str, answer: str) -> Any:
    """The typed value of an answer, or raise ValueError (the question is asked again)."""
    if key == "date":
        return dt.date.fromisoformat(answer)
    if key == "year":
        year = int(answer)
        if not 2000 <= year <= 2100:
            raise ValueError(answer)
        return year
    if key in CHOICES and answer not in CHOICES[key]:
        raise ValueError(answer)
    if key == "time" and not CLOCK.match(answer):
        raise ValueError(answer)
    if key == "basis" and not valid_basis(answer):
        raise ValueError(answer)
    return answer


def ask(kind: str, values: dict[str, Any], prompt: Callable[[str, str], str], lang: str) -> dict[str, Any]:
    """Ask for every value of ``kind`` not given by a flag; a blank answer keeps the default or placeholder."""
    from ..i18n import t

    out = dict(values)
    for key, prompt_key in questions(kind):
        if out.get(key) not in (None, ""):
            continue
        choices = CHOICES.get(key)
        hint = f" [{'|'.join(choices)}]" if choices else ""
        while True:
            try:
                answer = prompt(key, t(lang, prompt_key) + hint + ": ").strip()
            except EOFError:
                answer = ""
            if not answer:
                break
            try:
                out[key] = parse_answer(key, answer)
                break
            except ValueError:
                print(t(lang, "scaffold.ask.invalid", value=answer))
    return out
