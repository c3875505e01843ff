"""Read YAML and Markdown-with-front-matter files, keeping line numbers.

A secretary fixes a record by line, so every value we load remembers where
it stood. PyYAML's constructors throw those positions away; we compose the
node graph (libyaml when available) and construct values ourselves, recording
``path -> (line, column)`` as we go. Problems are collected, never raised, so
one run reports everything.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

try:  # libyaml is ~10x faster; the pure-Python loader gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

# YAML 1.1 reads an unquoted 10:00 as the sexagesimal integer 600; a meeting
# time is what the secretary meant.
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
# A bare 2025-02-30 fails inside PyYAML's constructor; we report it ourselves.
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$")
_STR = "tag:yaml.org,2002:str"
_LANG_MARK = re.compile(r"^<!--\s*lang:\s*([a-z]{2}(?:-[A-Za-z]+)?)\s*-->[ \t]*$", re.M)


@dataclass
class Problem:
    """A problem found while reading a file, before any model sees it."""

    rule: str
    key: str  # message key in the locale catalogues
    line: int | None = None
    column: int | None = None
    field: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict)


@dataclass
class Source:
    """Where a record came from: its file, and the position of every value."""

    file: str  # posix path relative to the portal root
    marks: dict[Path_, tuple[int, int]] = dc_field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = dc_field(default_factory=dict)  # where each field name stands
    body_line: int | None = None  # first line of the Markdown body
    body_lang_lines: dict[str, int] = dc_field(default_factory=dict)

    def line(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p: Path_ = tuple(path)
        while True:
            if p in self.marks:
                return self.marks[p][0]
            if not p:
                return None
            p = p[:-1]

    def column(self, *path: str | int) -> int | None:
        p: Path_ = tuple(path)
        while p and p not in self.marks:
            p = p[:-1]
        return self.marks.get(p, (None, None))[1]


@dataclass
class Document:
    """The parsed data of one file plus where everything came from."""

    data: Any
    source: Source
    body: dict[str, str] = dc_field(default_factory=dict)  # lang -> Markdown
    problems: list[Problem] = dc_field(default_factory=list)


def format_path(path: Path_) -> str:
    """``('agenda', 2, 'title', 'kk')`` -> ``agenda[2].title.kk`` (1-based lists)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, source: Source, problems: list[Problem], line_offset: int):
        self.loader = loader
        self.source = source
        self.problems = problems
        self.offset = line_offset

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.marks[path] = self.mark(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    line, col = self.mark(key_node)
                    self.problems.append(Problem("data.syntax", "load.merge-key", line, col, format_path(path)))
                    continue
                key = self.scalar(key_node, path)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    key = str(key)
                if key in out:
                    line, col = self.mark(key_node)
                    self.problems.append(
                        Problem("data.syntax", "load.duplicate-key", line, col, format_path(path + (key,)), {"key": key})
                    )
                out[key] = self.build(value_node, path + (key,))
                self.source.key_marks[path + (key,)] = self.mark(key_node)
                if not isinstance(value_node, yaml.ScalarNode):
                    # A block value starts on the next line; the key's line is the one to fix.
                    self.source.marks[path + (key,)] = self.mark(key_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            line, col = self.mark(node)
            self.problems.append(Problem("data.type", "load.complex-key", line, col, format_path(path)))
            return None
        value = node.value
        if node.tag == _STR:
            return value  # most scalars: skip the constructor machinery
        if not node.style and _CLOCK.match(value):
            return value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError, OverflowError):
            line, col = self.mark(node)
            rule = "data.date" if _DATE_LIKE.match(value) else "data.type"
            self.problems.append(Problem(rule, "load.bad-date" if rule == "data.date" else "load.bad-scalar",
                                         line, col, format_path(path), {"value": value}))
            return value


def parse_yaml(text: str, file: str, line_offset: int = 0) -> Document:
    source = Source(file)
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document({}, source, problems=problems)
        data = _Builder(loader, source, problems, line_offset).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        problems.append(Problem("data.syntax", "load.yaml-syntax", line, col, None,
                                {"detail": exc.problem or exc.context or str(exc)}))
        return Document(None, source, problems=problems)
    except yaml.YAMLError as exc:  # reader errors: bad bytes, control characters
        position = getattr(exc, "position", None)
        line = col = None
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1 + line_offset
            col = position - (text.rfind("\n", 0, position) + 1) + 1
        problems.append(Problem("data.syntax", "load.yaml-syntax", line, col, None, {"detail": str(exc)}))
        return Document(None, source, problems=problems)
    finally:
        loader.dispose()
    return Document(data, source, problems=problems)


def split_languages(body: str, dash_line: int, source: Source) -> tuple[dict[str, str], list[Problem]]:
    """Split a Markdown body on ``<!-- lang: kk -->`` markers.

    Both languages live in one file so a translation that is missing shows as
    a gap right beside the text it should translate.
    """
    problems: list[Problem] = []
    parts: dict[str, str] = {}
    marks = list(_LANG_MARK.finditer(body))
    first_text = dash_line + body.count("\n", 0, len(body) - len(body.lstrip()))  # first non-blank line
    if not marks:
        if body.strip():
            problems.append(Problem("data.syntax", "load.body-no-language", first_text, 1, "body"))
        return parts, problems
    lead = body[: marks[0].start()].strip()
    if lead:
        problems.append(Problem("data.syntax", "load.body-no-language", first_text, 1, "body"))
    for i, m in enumerate(marks):
        lang = m.group(1)
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        line = dash_line + body.count("\n", 0, m.start())
        if lang in parts:
            problems.append(Problem("data.syntax", "load.body-duplicate-language", line, 1, f"body.{lang}", {"lang": lang}))
            continue
        # Keep leading blank lines so offsets in the text map back to file lines.
        parts[lang] = body[m.end() + 1:end].rstrip()
        source.body_lang_lines[lang] = line + 1
    return parts, problems


def read_document(path: Path, root: Path) -> Document:
    """Read a ``.yml`` or ``.md`` record file; never raises on bad content."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.encoding", None, None, None,
                                                             {"detail": str(exc)})])
    except OSError as exc:
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.unreadable", None, None, None,
                                                             {"detail": exc.strerror or str(exc)})])
    if text.startswith("\ufeff"):
        text = text[1:]
    if path.suffix != ".md":
        return parse_yaml(text, rel)
    try:
        fm, body = frontmatter.YAMLHandler().split(text) if text.startswith("---") else (None, text)
    except ValueError:  # an opening '---' with no closing one
        fm = None
    if fm is None:
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.no-front-matter", 1, 1, None)])
    doc = parse_yaml(fm, rel)  # fm keeps the newline after the opening '---', so lines match the file
    head = len(text) - len(body)  # the body is the file's tail, starting with the closing '---' line's newline
    dash_line = text.count("\n", 0, head) + 1
    doc.source.body_line = dash_line + 1
    doc.body, problems = split_languages(body, dash_line, doc.source)
    doc.problems.extend(problems)
    return doc
