"""Building blocks shared by every record: bilingual text, attachments, votes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..load.source import Source
from ..types import Bin, Clock, Slug, Stamp, Url  # noqa: F401  (the models' names for them)

LANGS: tuple[str, ...] = ("kk", "ru")  # kk is the state language and the default



class Model(BaseModel):
    """Strict base: an unknown field is a typo to report, not data to drop."""

    # An unquoted id like 2026 is what the secretary meant as text.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False,
                              coerce_numbers_to_str=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given: pydantic makes one per instance (216 bytes, 91,000 of them at
        200 councils, in 39 kinds), a seventh of a loaded portal."""
        given = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", _GIVEN.setdefault(given, given))

    def __setattr__(self, name: str, value: Any) -> None:
        # A field assigned after loading (a body's name resolved, load/bodies.py): pydantic adds it to the
        # given fields, so the instance gets a set of its own first. Private attributes are not fields.
        if name[0] != "_" and type(self.__pydantic_fields_set__) is frozenset:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


_GIVEN: dict[frozenset[str], frozenset[str]] = {}  # the sets of given fields, one object each (Model)


class Document(Model):
    """A model read from a file of its own (a record, a council's composition, the settings): it knows where.

    Only these carry private attributes: pydantic sets them up on every instance, and a portal's nested
    values (texts, members, votes) are counted in hundreds of thousands (a sixth of loading, measured).
    """

    _source: Source | None = PrivateAttr(None)
    _nodes: Any = PrivateAttr(None)  # see walk()

    def __getstate__(self) -> dict:
        """Pickled (the parse cache, a forked reader's councils) without the walk :func:`walk` cached:
        a memo of this process, rebuilt on demand, that would only make the copy bigger."""
        state = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private and private.get("_nodes") is not None:
            state["__pydantic_private__"] = {**private, "_nodes": None}
        return state

    def changed(self) -> None:
        """A value was put in place after loading (a body's name for its id): the walk made while loading
        (:func:`walk`, which found the dates) no longer holds."""
        self.__pydantic_private__["_nodes"] = None

    def forget_positions(self) -> None:
        """Drop what only the check reads: the YAML that positions are found in (findings carry their lines
        already) and the rules' walk (:func:`walk`), which a build would carry through every process it
        forks."""
        private = self.__pydantic_private__
        source = private["_source"]
        if source is not None and source.yaml is not None:
            private["_source"] = dataclasses.replace(source, yaml=None, found=None)  # the file stays: pages use it
        private["_nodes"] = None

    @property
    def source(self) -> Source:
        """Where this model was read from (set by the loader)."""
        # Read past pydantic's __getattr__ for private attributes: this is called on every record, often.
        source = self.__pydantic_private__["_source"]
        assert source is not None
        return source


class Text(Model):
    """A text the reader sees, in Kazakh and Russian side by side."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"description": "Text in Kazakh (kk) and Russian (ru)."})

    kk: str | None = Field(None, description="Kazakh, the state language (required for publishing)")
    ru: str | None = Field(None, description="Russian")

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language."""
        return text_in(self, lang)[0]


# A person's name is usually the same in both languages, so a plain string is
# allowed; a mapping gives language-specific forms (patronymics differ).
Name = Union[str, Text]


def text_in(value: Text | Mapping[str, str] | str | None, lang: str) -> tuple[str, str]:
    """``(text, language it is in)``: the text in ``lang``, else in the other language.

    The one fallback every page, feed, calendar and data file uses; a plain
    string (a name) is the same in every language.
    """
    if value is None:
        return "", lang
    if isinstance(value, str):
        return value, lang
    for candidate in (lang, *LANGS):
        text = value.get(candidate) if isinstance(value, Mapping) else getattr(value, candidate, None)
        if text:
            return text, candidate
    return "", lang


def text_of(value: Name | None, lang: str) -> str:
    """The text of a name or :class:`Text` in ``lang``, else in the other language."""
    return text_in(value, lang)[0]


class Attachment(Model):
    """A file published with a record, stored in the repository."""

    file: str = Field(description="Path relative to the council folder, e.g. attachments/2025/plan.pdf")
    title: Text
    alt: Text | None = Field(None, description="Alternative text, required for images")

    IMAGE_SUFFIXES: ClassVar[tuple[str, ...]] = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

    @property
    def is_image(self) -> bool:
        return self.file.lower().endswith(self.IMAGE_SUFFIXES)


class Votes(Model):
    """A vote as Popolo counts it: yes / no / abstain."""

    for_: int = Field(0, alias="for", ge=0)
    against: int = Field(0, ge=0)
    abstained: int = Field(0, ge=0)

    @property
    def cast(self) -> int:
        return self.for_ + self.against + self.abstained


class Record(Document):
    """A record with a stable id: its URL, feed id and calendar UID derive from it."""

    KIND: ClassVar[str] = "record"
    FOLDER: ClassVar[str] = ""

    id: Slug = Field(description="Stable identifier, never changed once published (lowercase, digits, hyphens)")
    created: Stamp | None = Field(None, description="When it was first published; default: first commit of the file")
    updated: Stamp | None = Field(None, description="When it was last changed; default: last commit of the file")

    published_with_consent: list[str] = Field(
        [], description="Exact pieces of personal data (a phone, an e-mail) the person agreed to publish here")

    # A default, not a factory: pydantic copies an empty dict, but inspects a factory's signature for every
    # record it makes (twice): 4 % of a check.
    _body: dict[str, str] = PrivateAttr({})
    _council: str = PrivateAttr("")

    @property
    def body(self) -> dict[str, str]:
        return self.__pydantic_private__["_body"]  # see ``Document.source``

    @property
    def council(self) -> str:
        return self.__pydantic_private__["_council"]  # see ``Document.source``

    @property
    def uid(self) -> str:
        """Portal-wide identity: ``council/kind/id``."""
        return f"{self.council}/{self.KIND}/{self.id}"


@dataclasses.dataclass(slots=True)
class _Walked:
    """A model's walk, and the parts of it the rules ask for again and again, by class."""

    nodes: list[tuple[tuple[str | int, ...], Any]]
    of: dict[type, list[tuple[tuple[str | int, ...], Any]]] = dataclasses.field(default_factory=dict)
    texts: list[tuple[tuple[str | int, ...], str, str]] | None = None  # iter_texts: the privacy scan and the
    # placeholders' each went through every value of every record


_NOT_TEXT = frozenset({"id", "created", "updated"})


def _walked(value: Any) -> _Walked:
    cached = getattr(value, "__pydantic_private__", None)
    if cached is not None and cached.get("_nodes") is not None:
        return cached["_nodes"]
    out: list[tuple[tuple[str | int, ...], Any]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while stack:
        path, node = stack.pop()
        out.append((path, node))
        if isinstance(node, Text):
            continue
        if isinstance(node, BaseModel):
            for attribute, written in _names(type(node)):
                child = getattr(node, attribute)
                if child is not None:
                    stack.append((path + (written,), child))
        elif isinstance(node, list):
            for i in range(len(node) - 1, -1, -1):
                stack.append((path + (i,), node[i]))
    walked = _Walked(out)
    if cached is not None:
        cached["_nodes"] = walked
    return walked


_NAMES: dict[type, list[tuple[str, str]]] = {}


def _names(cls: type[BaseModel]) -> list[tuple[str, str]]:
    """A model class's fields as ``(attribute, name in the file)``, last first (the walk's stack pops them)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = [(name, info.alias or name) for name, info in reversed(cls.model_fields.items())]
    return names


def walk(value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """Every nested model, list item and string of ``value`` with its path, walked once.

    Rules look at the same records many times (languages, privacy, markup,
    placeholders, alt text); the walk is cached on the model.
    """
    return _walked(value).nodes


def _of(value: Any, cls: type | tuple[type, ...]) -> list[tuple[tuple[str | int, ...], Any]]:
    """The walk's entries of class ``cls``, picked once per class: five rules ask a record for its
    attachments and three for its texts, and each pick went through every value (a tenth of a check)."""
    walked = _walked(value)
    found = walked.of.get(cls)  # type: ignore[arg-type]
    if found is None:
        found = walked.of[cls] = [entry for entry in walked.nodes if isinstance(entry[1], cls)]  # type: ignore[index]
    return found


def iter_texts(value: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every published string of a model: ``(path, lang or '', text)``.

    Language rules look at :class:`Text` values; the privacy and markup scans
    look at every string, names and plain lists included.
    """
    walked = _walked(value)
    if walked.texts is None:
        texts: list[tuple[tuple[str | int, ...], str, str]] = []
        for path, node in walked.nodes:
            if isinstance(node, Text):
                for lang in LANGS:
                    text = getattr(node, lang)
                    if text is not None:
                        texts.append((path + (lang,), lang, text))
            elif isinstance(node, str) and path and path[0] not in _NOT_TEXT:
                texts.append((path, "", node))
        walked.texts = texts
    return iter(walked.texts)


def iter_instances(value: Any, cls: type) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every nested value of type ``cls`` with its path (for Text and Attachment checks)."""
    return iter(_of(value, cls))
