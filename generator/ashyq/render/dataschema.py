"""JSON Schemas (2020-12) of the open-data files.

A record type's item schema is generated from its output model
(:attr:`OpenData.model`), so the schema describes exactly what is written.
The portal's own objects (Organization, Membership, Finding) and a
tombstone (Deleted) are declared here.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from pydantic.json_schema import models_json_schema

from ..kinds import registry
from ..types import COUNCIL_TYPES
from . import urls
from .bodydata import schema_def as body_schema
from .context import SiteContext
from .datamodels import OUTPUT_LANGS, counts_keys
from .members_data import people_schema

FORMAT_VERSION = "1.0"

_NULL_STR = {"type": ["string", "null"]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NULL_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STAMP = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}
_NULL_STAMP = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}
_URL = {"type": "string", "pattern": r"^https?://"}
_NULL_URL = {"type": ["string", "null"], "pattern": r"^https?://"}
_INT = {"type": "integer", "minimum": 0}
_NULL_INT = {"type": ["integer", "null"], "minimum": 0}
_BOOL = {"type": "boolean"}
_TEXT = {"$ref": "#/$defs/Text"}
_NULL_TEXT = {"anyOf": [{"$ref": "#/$defs/Text"}, {"type": "null"}]}


def _obj(props: dict[str, Any], description: str | None = None, optional: Iterable[str] = ()) -> dict:
    out: dict[str, Any] = {"type": "object", "properties": props,
                           "required": [k for k in props if k not in set(optional)], "additionalProperties": False}
    if description:
        out = {"description": description, **out}
    return out


def _array(item: dict) -> dict:
    return {"type": "array", "items": item}


_WEB = {"$ref": "#/$defs/Web"}
_NULL_URL_LANG = {"anyOf": [_URL, {"type": "null"}]}  # null for a language the portal does not publish


def _strip_titles(node: Any) -> Any:
    """Pydantic's generated titles ("Meetingstate") say nothing the property name does not."""
    if isinstance(node, dict):
        return {k: _strip_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


def record_defs() -> dict[str, Any]:
    """The ``$defs`` of every record type's output model and of the blocks they share (Text, Web, File, …)."""
    return json.loads(_record_defs(tuple(rt.kind for rt in registry.record_types())))


@functools.cache  # every schema file holds them: pydantic makes them once per build, not once per file
def _record_defs(_kinds: tuple[str, ...]) -> str:
    types = registry.record_types()
    _, top = models_json_schema([(rt.data.model, "serialization") for rt in types], ref_template="#/$defs/{model}")
    text = json.dumps(_strip_titles(top.get("$defs", {})))
    for rt in types:  # a definition is named by the item's type (Meeting), not by the Python class (MeetingOut)
        text = text.replace(f'"#/$defs/{rt.data.model.__name__}"', f'"#/$defs/{rt.data.type_name}"')
    defs = json.loads(text)
    for rt in types:
        defs[rt.data.type_name] = defs.pop(rt.data.model.__name__, None) or defs.pop(rt.data.type_name)
    return json.dumps(defs)


def portal_defs() -> dict[str, Any]:
    """The portal's own objects: Organization, Membership, Finding, and a withdrawn record (Deleted)."""
    by_lang = {lang: _NULL_URL_LANG for lang in OUTPUT_LANGS}
    feeds = {lang: {"anyOf": [_obj({"atom": _URL, "rss": _URL}), {"type": "null"}]} for lang in OUTPUT_LANGS}
    return {
        "Deleted": _obj({"type": {"enum": sorted(rt.data.type_name for rt in registry.record_types())},
                         "id": {"type": "string"}, "council": {"type": "string"}, "web": _WEB, "name": _TEXT,
                         "created": _NULL_STAMP, "modified": _NULL_STAMP, "deleted": {"const": True}},
                        "A tombstone (OParl 1.1): the record was withdrawn; web gives the address it had."),
        "Membership": _obj({
            "type": {"const": "Membership"}, "id": {"type": "string"}, "organization_id": {"type": "string"},
            "person_id": {"type": "string"}, "person_name": _TEXT,
            "role": {"enum": ["chair", "deputy-chair", "secretary", "member"]}, "label": _TEXT,
            "category": {"enum": ["civil-society", "state-body"]},
            "organisation": _obj({"name": _NULL_TEXT, "bin": {"type": ["string", "null"], "pattern": r"^\d{12}$"}}),
            "civil_servant": _BOOL, "voting": _BOOL, "start_date": _DATE, "end_date": _NULL_DATE, "active": _BOOL,
            "contact_details": _array(_obj({"type": {"enum": ["email", "voice"]}, "value": {"type": "string"}})),
            "biography": _NULL_TEXT, "image": _NULL_STR,
            "attendance": _obj({"meetings": _INT, "attended": _INT,
                                "rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1}})},
            "Popolo Membership. Contacts, biography and photo only with the member's consent; attendance: "
            "held meetings of the membership's period with recorded attendance, and those attended."),
        "Organization": _obj({
            "type": {"const": "Organization"}, "id": {"type": "string"},
            "classification": {"enum": [*COUNCIL_TYPES, None]},
            "name": _TEXT, "shortName": _NULL_TEXT, "hostBody": _NULL_TEXT, "region": _NULL_TEXT,
            "term": {"anyOf": [{"type": "null"}, _obj({"start": _DATE, "end": _DATE})]},
            "contacts": _obj({"email": _NULL_STR, "phone": _NULL_STR, "address": _NULL_TEXT, "website": _NULL_URL}),
            "about": _NULL_TEXT, "formedBy": _NULL_TEXT, "approvedBy": _NULL_STR, "web": _WEB, "feeds": _obj(feeds),
            "calendar": _obj(by_lang), "data": _URL,
            "composition": _obj({"approved": _NULL_DATE, "published": _NULL_DATE, "members": _INT,
                                 "civilSociety": _INT,
                                 "civilSocietyShare": {"type": ["number", "null"], "minimum": 0, "maximum": 1}}),
            "counts": _obj({k: _INT for k in counts_keys()}),
            "indicator": _array({"$ref": "#/$defs/Indicator"}), "created": _NULL_STAMP, "modified": _NULL_STAMP},
            "Popolo Organization: a public council, with its feedback indicator per period, or a maslikhat; "
            "approvedBy: the id of the maslikhat that approved a public council's composition."),
        "Finding": _obj({
            "rule": {"type": "string"}, "severity": {"enum": ["E", "W"]},
            "level": {"enum": ["law", "advice", "portal"]}, "council": _NULL_STR, "record": _NULL_STR,
            "file": _NULL_STR, "line": _NULL_INT, "field": _NULL_STR, "message": _TEXT,
            "web": {"anyOf": [_WEB, {"type": "null"}]}},
            "A compliance finding: a requirement the records show unmet (published, never hidden); "
            "level says what it rests on: law, a guide's advice, or the portal's own standard."),
        "StateBody": body_schema(),
        "Rule": _obj({
            "rule": {"type": "string"}, "kind": {"enum": ["data", "safety", "compliance"]},
            "level": {"enum": ["law", "advice", "portal"]}, "reference": {"anyOf": [_LANG_TEXT, {"type": "null"}]},
            "seed": _NULL_STR, "words": {"anyOf": [_LANG_TEXT, {"type": "null"}]}, "checks": _LANG_TEXT,
            "cannot": {"anyOf": [_LANG_TEXT, {"type": "null"}]}},
            "A rule of the checker and what it rests on: its level (law, a guide's advice, the portal's own "
            "standard), the reference, the source's exact words (none when no document of the collection holds "
            "them), what is checked and what cannot be."),
    }


# A text in the message languages (kk, ru, en), each optional.
_LANG_TEXT = {"type": "object", "additionalProperties": False,
              "properties": {lang: {"type": "string"} for lang in ("kk", "ru", "en")}}


PORTAL_ITEMS = {"councils": "Organization", "members": "Membership", "findings": "Finding", "bodies": "StateBody",
                "rules": "Rule"}


def _item_schema(name: str) -> dict:
    types = {rt.data.name: rt.data.type_name for rt in registry.record_types()}
    if name in types:
        return {"oneOf": [{"$ref": f"#/$defs/{types[name]}"}, {"$ref": "#/$defs/Deleted"}]}
    return {"$ref": f"#/$defs/{PORTAL_ITEMS[name]}"}


def _envelope_schema() -> dict[str, Any]:
    return {
        "format_version": {"const": FORMAT_VERSION}, "schema": _URL,
        "licence": _obj({"name": {"type": "string"}, "url": _URL}),
        "publisher": _TEXT, "as_of": _DATE,
    }


def schema(ctx: SiteContext, name: str) -> dict:
    """The JSON Schema of ``data/<name>.json``, or of a per-council file for ``name == "council"``."""
    if name == "people":
        return people_schema(ctx, {**record_defs(), **portal_defs()}, _envelope_schema())
    if name == "council":
        lists = [rt.data.name for rt in registry.record_types()]
        props = {**_envelope_schema(), "council": {"$ref": "#/$defs/Organization"},
                 "members": _array({"$ref": "#/$defs/Membership"}), "findings": _array({"$ref": "#/$defs/Finding"}),
                 **{n: _array(_item_schema(n)) for n in lists}}
        title = "ashyq: one council's data"
    else:
        props = {**_envelope_schema(), "data": _array(_item_schema(name))}
        title = f"ashyq: {name}"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": ctx.url(urls.data(f"schema/{name}.schema.json")), "title": title,
            "description": f"format_version {FORMAT_VERSION}", **_obj(props), "$defs": {**record_defs(), **portal_defs()}}
