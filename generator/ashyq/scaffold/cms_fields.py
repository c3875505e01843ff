"""Decap CMS fields from a pydantic model: the right widget for every field, labelled from the reference.

One field of the model is one field of the form, under the same name (its YAML key), so what the
editor saves is the file the checker reads: texts as ``{kk, ru}`` objects, dates as ``YYYY-MM-DD``,
times as ``HH:MM``, lists' values from the model's ``Literal`` options, member and record ids
picked from the council's own files (relation widgets), attachments uploaded into the council's
``attachments/`` folder.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..models.common import Attachment, Record, Text

# Words the reference does not hold (the parts of a bilingual text, of an attachment).
WORDS = {
    "kk": {"kk": "Қазақша", "ru": "Орысша", "file": "Файл", "title": "Файлдың атауы",
           "alt": "Суреттің мәтіндік сипаттамасы", "types": "Рұқсат етілген файл түрлері",
           "item": "Мән", "body": "Мәтін (хаттама, есеп)", "body_kk": "Қазақша мәтін", "body_ru": "Орысша мәтін"},
    "ru": {"kk": "На казахском", "ru": "На русском", "file": "Файл", "title": "Название файла",
           "alt": "Текстовое описание изображения", "types": "Разрешённые типы файлов",
           "item": "Значение", "body": "Текст (протокол, отчёт)", "body_kk": "Текст на казахском",
           "body_ru": "Текст на русском"},
}
SHARED = ("created", "updated", "published_with_consent")
DATE_FORMAT = {"kk": "DD.MM.YYYY", "ru": "DD.MM.YYYY"}


@dataclass(frozen=True)
class Targets:
    """What ids in one council's records point at: the collections its relation widgets search."""

    members: str  # the council's files collection holding members.yml
    folders: dict[str, str]  # record folder -> its collection name
    kinds: dict[str, str]  # words naming a type in a field description ("report hearing") -> folder
    councils: tuple[str, ...]  # every council of the portal (joint meetings)
    allowed: tuple[str, ...]  # attachment types (extensions) from site_config
    media_folder: str  # /councils/<slug>/attachments


@dataclass
class Labels:
    """Labels and hints in one language: the reference's table of one page, by section."""

    lang: str
    page: dict[str, dict[str, str]] = field(default_factory=dict)

    def meaning(self, section: str, name: str) -> str:
        for key in (section, ""):
            text = self.page.get(key, {}).get(name)
            if text:
                return text
        return ""

    def word(self, key: str) -> str:
        return WORDS[self.lang][key]


def label_of(meaning: str, fallback: str) -> str:
    """The first clause of the reference's meaning, capitalised: short enough for a form's label."""
    bare = re.sub(r"\s*\([^)]*\)", "", meaning)
    first = re.split(r"[;:—]| - ", bare, maxsplit=1)[0].strip().rstrip(",.")
    if not first:
        return fallback
    return first[0].upper() + first[1:]


def _args(annotation: Any) -> tuple[Any, ...]:
    return typing.get_args(annotation)


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (Union, types.UnionType)


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """``(type, metadata)`` without ``Annotated`` and ``None``."""
    meta: list[Any] = []
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation, *extra = _args(annotation)
            meta += extra
        elif _is_union(annotation):
            arms = [a for a in _args(annotation) if a is not type(None)]
            if len(arms) != 1:
                return Union[tuple(arms)], meta  # type: ignore[return-value]
            annotation = arms[0]
        else:
            return annotation, meta


def _pattern(meta: list[Any]) -> str | None:
    for m in meta:
        pattern = getattr(m, "pattern", None)
        if pattern:
            return pattern
    return None


def _is_model(tp: Any, cls: type = BaseModel) -> bool:
    return isinstance(tp, type) and issubclass(tp, cls)


def _relation(description: str, targets: Targets) -> dict[str, Any] | None:
    """A relation widget for an id field whose description names what it points at."""
    text = description.lower()
    if "member" in text:
        return {"widget": "relation", "collection": targets.members, "file": "members",
                "value_field": "members.*.id", "search_fields": ["members.*.name", "members.*.id"],
                "display_fields": ["members.*.id"]}
    if "councils" in text:
        return {"widget": "select", "options": list(targets.councils)}
    for words in sorted(targets.kinds, key=len, reverse=True):
        if words in text:
            folder = targets.kinds[words]
            return {"widget": "relation", "collection": targets.folders[folder], "value_field": "id",
                    "search_fields": ["id", "title.kk", "title.ru"], "display_fields": ["id"]}
    return None


def text_fields(labels: Labels, multiline: bool = True) -> list[dict[str, Any]]:
    widget = "text" if multiline else "string"
    return [{"name": lang, "label": labels.word(lang), "widget": widget, "required": False}
            for lang in ("kk", "ru")]


def attachment_fields(labels: Labels, targets: Targets, optional: bool = False) -> list[dict[str, Any]]:
    kinds = ", ".join(targets.allowed)
    fields = [
        {"name": "file", "label": labels.word("file"), "widget": "file", "media_folder": targets.media_folder,
         "public_folder": "attachments", "choose_url": False, "hint": f"{labels.word('types')}: {kinds}"},
        {"name": "title", "label": labels.word("title"), "widget": "object", "fields": text_fields(labels, False)},
        {"name": "alt", "label": labels.word("alt"), "widget": "object", "required": False,
         "fields": text_fields(labels, False)},
    ]
    if optional:
        for f in fields:
            f["required"] = False
    return fields


def options(tp: Any, labels: Labels, section: str) -> list[Any]:
    """A select's options: the Literal's values, labelled by the reference's table of values."""
    out: list[Any] = []
    for value in _args(tp):
        meaning = labels.meaning(section, str(value))
        out.append({"label": f"{value} — {meaning}", "value": value} if meaning else value)
    return out


def widget_of(tp: Any, meta: list[Any], name: str, description: str, labels: Labels, targets: Targets,
              section: str, optional: bool = False) -> dict[str, Any]:
    """The widget settings (``widget`` and its options) for one value of type ``tp``."""
    origin = typing.get_origin(tp)
    if _is_union(tp):
        stripped = [_strip(a) for a in _args(tp)]
        arms = [a for a, _m in stripped]
        if set(arms) <= {dt.date, dt.datetime}:  # created, updated: a day is enough in a form
            return widget_of(dt.date, [], name, description, labels, targets, section)
        if any(a is str and not _pattern(m) for a, m in stripped):  # a name: a plain string is usual
            return {"widget": "string"}
        if Text in arms:  # an id or a text: the text is always valid
            return {"widget": "object", "fields": text_fields(labels)}
        raise TypeError(f"{name}: no widget for {tp!r}")
    if tp is Text:
        return {"widget": "object", "fields": text_fields(labels)}
    if tp is Attachment:
        return {"widget": "object", "fields": attachment_fields(labels, targets, optional)}
    if _is_model(tp):
        return {"widget": "object", "collapsed": True, "fields": model_fields(tp, labels, targets, name, optional)}
    if origin is Literal:
        return {"widget": "select", "options": options(tp, labels, name)}
    if tp is bool:
        return {"widget": "boolean"}
    if tp is int:
        out: dict[str, Any] = {"widget": "number", "value_type": "int"}
        for m in meta:
            if getattr(m, "ge", None) is not None:
                out["min"] = m.ge
            if getattr(m, "le", None) is not None:
                out["max"] = m.le
        return out
    if tp is float:
        return {"widget": "number", "value_type": "float"}
    if tp in (dt.date, dt.datetime):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": DATE_FORMAT[labels.lang],
                "time_format": False, "picker_utc": True}
    if origin is list:
        (item,) = _args(tp)
        item_tp, item_meta = _strip(item)
        if typing.get_origin(item_tp) is Literal:
            return {"widget": "select", "multiple": True, "options": options(item_tp, labels, name)}
        inner = widget_of(item_tp, item_meta, name, description, labels, targets, section)  # an item is added
        if inner["widget"] in ("relation", "select"):
            return {**inner, "multiple": True}
        if inner["widget"] == "object":
            return {"widget": "list", "fields": inner["fields"]}
        return {"widget": "list", "field": {"name": "item", "label": labels.word("item"), **inner}}
    if tp is str:
        pattern = _pattern(meta)
        if pattern and "a-z0-9" in pattern and name != "id":
            relation = _relation(description, targets)
            if relation:
                return relation
        out = {"widget": "string"}
        if pattern:
            out["pattern"] = [pattern, pattern]
        return out
    raise TypeError(f"{name}: no widget for {tp!r}")


def field_of(name: str, info: FieldInfo, labels: Labels, targets: Targets, section: str,
             optional: bool = False) -> dict[str, Any]:
    """One form field; inside an object that may be left out (``optional``) nothing is required: Decap would
    refuse to save an empty optional part, and the check says what a part that is filled in lacks."""
    key = info.alias or name
    tp, meta = _strip(info.annotation)
    required = info.is_required() and not optional
    settings = widget_of(tp, meta + list(info.metadata), key, info.description or "", labels, targets, section,
                         not required)
    meaning = labels.meaning(section, key)
    out: dict[str, Any] = {"name": key, "label": label_of(meaning, key), **settings}
    hint = " · ".join(h for h in (meaning, f"`{key}`", settings.pop("hint", "")) if h)
    out.pop("hint", None)
    out["hint"] = hint
    if not required:
        out["required"] = False
    if settings["widget"] == "list" and "collapsed" not in out:
        out["collapsed"] = True
    return out


def model_fields(model: type[BaseModel], labels: Labels, targets: Targets, section: str = "",
                 optional: bool = False) -> list[dict[str, Any]]:
    """Every field of ``model``, in the model's order (the order the files are written in)."""
    names = list(model.model_fields)
    if issubclass(model, Record):  # what every record shares goes last, as in the files
        names = names[:1] + [n for n in names[1:] if n not in SHARED] + [n for n in names if n in SHARED]
    return [field_of(name, model.model_fields[name], labels, targets, section, optional) for name in names]
