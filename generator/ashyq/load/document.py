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
