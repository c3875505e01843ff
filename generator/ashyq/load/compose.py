"""Build values from YAML parse events, one event at a time, within limits.

PyYAML's composer (and libyaml's, in C) recurses once per nesting level and
shares aliased nodes: a few thousand nested brackets crash the process, and a
1 KB "billion laughs" of aliases grows into gigabytes once walked. Records
need neither, so we read the parser's events in a flat loop with an explicit
stack, stop at the depth limit before the parser reads deeper, refuse anchors,
aliases, merge keys and tags other than the core scalar ones, and record every
value's ``(line, column)`` as we go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .reading import Path_, Problem, format_path

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_TIMESTAMP = _TAG + "timestamp"
# Tags a record may write explicitly: the core schema, plus dates, which every
# record uses implicitly anyway. Anything else (!!binary, !!set, !!python/…,
# !custom) is refused.
SCALAR_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_COLLECTION_TAGS = {yaml.MappingStartEvent: _TAG + "map", yaml.SequenceStartEvent: _TAG + "seq"}
MAX_PROBLEMS = 100  # per file: enough to fix, bounded however hostile the file is

# YAML 1.1 reads an unquoted 10:00 as the sexagesimal integer 600; a meeting
# time is what the secretary meant.
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
# A bare 2025-02-30 fails inside PyYAML's constructor; we report it ourselves.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$")

_SCALAR, _ALIAS, _MAP, _SEQ = yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
# Plain scalars' tags by their text: field names and short values repeat in every record, and resolving
# one is a dozen regular expressions. Bounded, however many distinct values a portal holds.
_PLAIN: dict[str, str] = {}
_PLAIN_LENGTH, _PLAIN_MAX = 40, 100_000
# Short dates, numbers and booleans as built, by tag and text: the same dates and counts recur in every
# record, and PyYAML builds each through a regular expression and a node. All are immutable: shared, they are
# the values a new build would give.
_BUILT: dict[tuple[str, str], Any] = {}
_SKIP = object()  # the key of an entry that is reported and dropped (a merge key, a complex key)
_MERGE_KEY = object()


class Stop(Exception):
    """Reading this document cannot usefully go on (too deep, too many problems, a second document)."""


@dataclass(slots=True)
class _Frame:
    """A mapping or list being filled."""

    value: dict | list
    path: Path_
    keep: bool  # False for a key that is itself a mapping or list: read, reported, dropped
    is_map: bool
    key: Any = None  # in a mapping: the key read, waiting for its value
    has_key: bool = False
    key_mark: tuple[int, int] = (0, 0)


@dataclass
class Composer:
    """Turns the events of one YAML document into plain values plus marks."""

    loader: Any  # yaml.CSafeLoader or yaml.SafeLoader, positioned after DocumentStart
    problems: list[Problem]
    offset: int  # lines above the text (front matter starts below the opening '---')
    max_depth: int
    # Where each value and field name stands, filled only when given: see Source (positions are asked rarely).
    marks: dict[Path_, tuple[int, int]] | None = None
    key_marks: dict[Path_, tuple[int, int]] | None = None
    stack: list[_Frame] = field(default_factory=list)

    def mark(self, event: yaml.Event) -> tuple[int, int]:
        return event.start_mark.line + 1 + self.offset, event.start_mark.column + 1

    def problem(self, rule: str, message: str, event: yaml.Event, path: Path_, /, **params: Any) -> None:
        line, column = self.mark(event)
        self.problems.append(Problem(rule, message, line, column, format_path(path) or None, params))
        if len(self.problems) >= MAX_PROBLEMS:
            raise Stop

    def compose(self) -> Any:
        """The document's value (after its DocumentStart event, up to its DocumentEnd).

        One flat loop, inlined: it runs once per value of every record.
        """
        result: list[Any] = []
        get_event, stack, marks, key_marks = self.loader.get_event, self.stack, self.marks, self.key_marks
        recording = marks is not None
        below = self.offset + 1
        while True:
            event = get_event()
            kind = type(event)
            parent = stack[-1] if stack else None
            if (kind is _SCALAR and not recording and event.anchor is None and event.tag is None
                    and (event.style or _PLAIN.get(event.value) == _STR)):
                # Most values: text, where no position is recorded. Nothing to report: no path, no mark.
                value, mark, container = event.value, (0, 0), False
            elif kind is _SCALAR or kind is _ALIAS or kind is _MAP or kind is _SEQ:
                start = event.start_mark
                mark = (start.line + below, start.column + 1)
                # Where the value goes; nothing is recorded inside a key, or inside the value of a dropped key.
                if parent is None:
                    path, keep, in_key = (), True, False
                elif not parent.is_map:
                    path, keep, in_key = parent.path + (len(parent.value),), parent.keep, False
                elif not parent.has_key:
                    path, keep, in_key = parent.path, False, True
                elif parent.key is _SKIP:
                    path, keep, in_key = parent.path, False, False
                else:
                    path, keep, in_key = parent.path + (parent.key,), parent.keep, False
                if kind is not _ALIAS and event.anchor is not None:
                    self.problem("data.syntax", "limits.anchor", event, path, name=event.anchor)
                if kind is _SCALAR:
                    if keep and recording:
                        marks[path] = mark
                    value = event.value if event.tag is None and event.style else self.scalar(event, path)
                elif kind is _ALIAS:
                    self.problem("data.syntax", "limits.alias", event, path, name=event.anchor)
                    value = None
                else:
                    if len(stack) >= self.max_depth:
                        self.problem("data.syntax", "limits.too-deep", event, path, limit=self.max_depth)
                        raise Stop  # before the parser reads deeper: its scanner slows down with depth
                    if event.tag not in (None, "!", _COLLECTION_TAGS[kind]):
                        self.problem("data.syntax", "limits.tag", event, path, tag=event.tag)
                    if in_key:
                        self.problem("data.type", "load.complex-key", event, parent.path)
                    elif keep and recording:
                        marks[path] = mark
                    is_map = kind is _MAP
                    stack.append(_Frame({} if is_map else [], path, keep, is_map))
                    continue
                container = False
            elif kind is _MAP_END or kind is _SEQ_END:
                frame = stack.pop()
                value = frame.value if frame.keep else _SKIP
                parent = stack[-1] if stack else None
                mark, container = (0, 0), True
            elif kind is yaml.DocumentEndEvent:
                return result[0] if result else None
            else:
                raise Stop  # nothing else can come inside a document
            # Put the complete value where it belongs: the document, a list, a key, or a key's value.
            if parent is None:
                result.append(value)
            elif not parent.is_map:
                parent.value.append(value)
            elif not parent.has_key:
                # Most keys are new names: taken as they are, without a call (see ``key`` for the others).
                if type(value) is not str or (parent.keep and value in parent.value):
                    value = self.key(value, event, parent)
                parent.has_key, parent.key, parent.key_mark = True, value, mark
            else:
                key, parent.key, parent.has_key = parent.key, None, False
                if key is not _SKIP and parent.keep:
                    parent.value[key] = value
                    if recording:
                        where = parent.path + (key,)
                        key_marks[where] = parent.key_mark
                        if container:
                            # A block value starts on the next line; the key's line is the one to fix.
                            marks[where] = parent.key_mark

    def key(self, value: Any, event: yaml.Event, parent: _Frame) -> Any:
        if value is _SKIP:
            return _SKIP  # a mapping or list as a key: reported when it began
        if value is _MERGE_KEY:
            self.problem("data.syntax", "load.merge-key", event, parent.path)
            return _SKIP
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            value = str(value)
        if parent.keep and value in parent.value:
            # The later value wins, as in any YAML reader; its line is the one reported.
            self.problem("data.syntax", "load.duplicate-key", event, parent.path + (value,), key=value)
        return value

    def plain_tag(self, value: str, event: yaml.ScalarEvent) -> str:
        """What an untagged, unquoted scalar is (text, a number, a date…), remembered for short ones."""
        resolvers = self.loader.yaml_implicit_resolvers
        if _CLOCK.match(value) or (value[:1] not in resolvers and None not in resolvers):
            tag = _STR  # nothing but text starts like this
        else:
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if len(value) <= _PLAIN_LENGTH and len(_PLAIN) < _PLAIN_MAX:
            _PLAIN[value] = tag
        return tag

    def scalar(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        value = event.value
        tag = event.tag
        if tag is None:
            if event.style:
                return value  # quoted or a block: text
            tag = _PLAIN.get(value) or self.plain_tag(value, event)
        elif tag == "!":
            tag = _STR  # the non-specific tag: plain text
        elif tag not in SCALAR_TAGS:
            self.problem("data.syntax", "limits.tag", event, path, tag=tag)
            return value
        if tag == _STR:
            return value
        if tag == _MERGE:
            return _MERGE_KEY
        built = _BUILT.get((tag, value), _SKIP)
        if built is not _SKIP:
            return built
        constructor = self.loader.yaml_constructors.get(tag)
        if constructor is None:  # a tag a later PyYAML may resolve to: keep the text
            return value
        try:
            built = constructor(self.loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                             event.style))
            if len(value) <= _PLAIN_LENGTH and len(_BUILT) < _PLAIN_MAX:
                _BUILT[(tag, value)] = built
            return built
        except Exception:  # noqa: BLE001 - bad values raise KeyError, AttributeError, IndexError, ValueError…
            if tag == _TIMESTAMP or (event.tag is None and _DATE_LIKE.match(value)):
                self.problem("data.date", "load.bad-date", event, path, value=value)
            elif event.tag is not None:
                self.problem("data.type", "limits.bad-tagged-value", event, path, value=value, tag=event.tag)
            else:
                self.problem("data.type", "load.bad-scalar", event, path, value=value)
            return value
