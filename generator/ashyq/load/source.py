"""Read YAML and Markdown-with-front-matter files, keeping line numbers, within limits.

A secretary fixes a record by line, so every value we load remembers where
it stood: :mod:`.compose` builds values from the parser's events and records
``path -> (line, column)`` as it goes. Problems are collected, never raised,
so one run reports everything, and one hostile file (huge, deeply nested, an
alias bomb, control characters, bad bytes) becomes findings, never an
exception, a crash or an exhausted machine.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .compose import Composer, Stop
from .digests import handed
from .reading import Path_, Problem, ReadLimits, format_path

__all__ = ["Document", "Path_", "Problem", "ReadLimits", "Source", "format_path", "parse_yaml",
           "read_document", "split_languages"]

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_LANG_MARK = re.compile(r"^<!--\s*lang:\s*([a-z]{2}(?:-[A-Za-z]+)?)\s*-->[ \t]*$", re.M)
# Characters YAML refuses (the reader's own set): C0/C1 controls, DEL, U+FFFE/U+FFFF.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
DEFAULT_LIMITS = ReadLimits()


@dataclass
class Source:
    """Where a record came from: its file, and the position of every value.

    The positions are worked out when first asked, by reading the file's YAML again
    (:func:`positions`): only a value with a finding needs one, and held for every value
    of every record they were half a checked portal's memory (120 of 260 MB at 200 councils).
    """

    file: str  # posix path relative to the portal root
    yaml: bytes | None = None  # the YAML read (UTF-8), to find positions in; None once a build no longer needs it
    line_offset: int = 0  # lines above the YAML in the file
    body_line: int | None = None  # first line of the Markdown body
    body_lang_lines: dict[str, int] = dc_field(default_factory=dict)
    found: tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]] | None = dc_field(
        default=None, repr=False, compare=False)  # (marks, key_marks) once worked out

    def __getstate__(self) -> dict:
        """Pickled without the positions worked out: the YAML holds them, in a tenth of the space."""
        return {**self.__dict__, "found": None}

    def _positions(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
        if self.found is None:
            self.found = positions(self)
        return self.found

    @property
    def marks(self) -> dict[Path_, tuple[int, int]]:
        """``path -> (line, column)`` of every value."""
        return self._positions()[0]

    @property
    def key_marks(self) -> dict[Path_, tuple[int, int]]:
        """``path -> (line, column)`` of every field name."""
        return self._positions()[1]

    def line(self, *path: str | int) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        marks = self.marks
        p: Path_ = tuple(path)
        while True:
            if p in marks:
                return marks[p][0]
            if not p:
                return None
            p = p[:-1]

    def column(self, *path: str | int) -> int | None:
        marks = self.marks
        p: Path_ = tuple(path)
        while p and p not in marks:
            p = p[:-1]
        return marks.get(p, (None, None))[1]


@dataclass
class Document:
    """The parsed data of one file plus where everything came from."""

    data: Any
    source: Source
    body: dict[str, str] = dc_field(default_factory=dict)  # lang -> Markdown
    problems: list[Problem] = dc_field(default_factory=list)


def _position(text: str, index: int, line_offset: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1 + line_offset
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _control_characters(text: str, line_offset: int) -> list[Problem]:
    problems = []
    for match in _NON_PRINTABLE.finditer(text):
        line, col = _position(text, match.start(), line_offset)
        problems.append(Problem("data.syntax", "limits.control-character", line, col, None,
                                {"code": f"U+{ord(match.group()):04X}"}))
        if len(problems) == 10:  # enough to find them all with the editor's search
            break
    return problems


def parse_yaml(text: str, file: str, line_offset: int = 0, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Parse one YAML document; every problem is collected on the document, none is raised."""
    return _parse_yaml(text, Source(file, text.encode("utf-8"), line_offset), limits.max_depth)


def positions(source: Source) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
    """``(marks, key_marks)`` of the YAML ``source`` was read from: where each value and field name stands."""
    marks: dict[Path_, tuple[int, int]] = {}
    key_marks: dict[Path_, tuple[int, int]] = {}
    if source.yaml is not None:
        # It was read within its limits once: no depth limit can stop it now.
        _parse_yaml(source.yaml.decode("utf-8"), Source(source.file, None, source.line_offset), sys.maxsize,
                    marks, key_marks)
    return marks, key_marks


def _parse_yaml(text: str, source: Source, max_depth: int, marks: dict | None = None,
                key_marks: dict | None = None) -> Document:
    line_offset = source.line_offset
    problems = _control_characters(text, line_offset)
    if problems:
        return Document(None, source, problems=problems)
    loader = _Loader(text)
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return Document({}, source, problems=problems)
        loader.get_event()  # DocumentStart
        data = Composer(loader, problems, line_offset, max_depth, marks=marks, key_marks=key_marks).compose()
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.peek_event()
            problems.append(Problem("data.syntax", "limits.several-documents",
                                    event.start_mark.line + 1 + line_offset, 1, None))
            return Document(None, source, problems=problems)
    except Stop:
        return Document(None, source, problems=problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        problems.append(Problem("data.syntax", "load.yaml-syntax", line, col, None,
                                {"detail": exc.problem or exc.context or str(exc)}))
        return Document(None, source, problems=problems)
    except yaml.YAMLError as exc:  # reader errors; libyaml counts their position in UTF-8 bytes
        position = getattr(exc, "position", None)
        line = col = None
        if isinstance(position, int):
            index = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
            line, col = _position(text, index, line_offset)
        problems.append(Problem("data.syntax", "load.yaml-syntax", line, col, None,
                                {"detail": getattr(exc, "reason", None) or str(exc)}))
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


def read_document(path: Path, root: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a ``.yml`` or ``.md`` record file; never raises, whatever the file holds."""
    rel = _relative(path, root)
    try:
        return _read(path, rel, limits)
    except Exception as exc:  # noqa: BLE001 - belt and braces: one broken file never stops the others
        return Document(None, Source(rel), problems=[Problem("data.syntax", "limits.unreadable", None, None, None,
                                                             {"detail": type(exc).__name__})])


def _relative(path: Path, root: Path) -> str:
    """``path.relative_to(root).as_posix()``, as text where it can: once for every file read."""
    text, top = os.fspath(path), os.fspath(root)
    if text.startswith(top + "/"):  # paths are normal: no "//" or "/./" in them (elsewhere than POSIX: no "/")
        return text[len(top) + 1:]
    return path.relative_to(root).as_posix()


def _too_large(rel: str, size: int, limits: ReadLimits) -> Document:
    mb = 1024 * 1024
    return Document(None, Source(rel), problems=[Problem(
        "data.syntax", "limits.too-large", None, None, None,
        {"size": f"{size / mb:.1f}", "limit": f"{limits.max_bytes / mb:g}"})])


def _read(path: Path, rel: str, limits: ReadLimits) -> Document:
    raw = handed(os.fspath(path))  # read a moment ago for the cache's key: what that key is made of
    try:
        if raw is None:
            size = path.stat().st_size
            if size > limits.max_bytes:
                return _too_large(rel, size, limits)  # refused before a byte is read
            with path.open("rb") as fh:
                raw = fh.read(limits.max_bytes + 1)  # the file may grow, or not be a plain file
    except OSError as exc:
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.unreadable", None, None, None,
                                                             {"detail": exc.strerror or str(exc)})])
    if len(raw) > limits.max_bytes:
        return _too_large(rel, len(raw), limits)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.encoding", line, None, None,
                                                             {"detail": str(exc)})])
    if text.startswith("\ufeff"):
        text = text[1:]
    if path.suffix != ".md":
        return parse_yaml(text, rel, limits=limits)
    try:
        fm, body = frontmatter.YAMLHandler().split(text) if text.startswith("---") else (None, text)
    except ValueError:  # an opening '---' with no closing one
        fm = None
    if fm is None:
        return Document(None, Source(rel), problems=[Problem("data.syntax", "load.no-front-matter", 1, 1, None)])
    doc = parse_yaml(fm, rel, limits=limits)  # fm keeps the newline after the opening '---', so lines match
    head = len(text) - len(body)  # the body is the file's tail, starting with the closing '---' line's newline
    dash_line = text.count("\n", 0, head) + 1
    doc.source.body_line = dash_line + 1
    doc.body, problems = split_languages(body, dash_line, doc.source)
    doc.problems.extend(problems)
    return doc
