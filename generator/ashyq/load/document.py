"""What reading a file gives: the data, where each value stood, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on one record file; ``site_config.yml`` may change them (``limits:``)."""

    max_bytes: int = 5 * 1024 * 1024
    max_depth: int = 32  # nested mappings and lists; records need fewer than 8


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
    """Where a record came from: its file, and the position of every value.

    The positions are worked out when first asked, by reading the file's YAML again
    (:func:`ashyq.load.source.positions`): only a value with a finding needs one, and held for every value
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
            from .source import positions  # the reader builds Sources: imported when first asked

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


def format_path(path: Path_) -> str:
    """``('agenda', 2, 'title', 'kk')`` -> ``agenda[2].title.kk`` (1-based lists)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out
