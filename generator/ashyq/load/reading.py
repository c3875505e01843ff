"""What bounds reading a file, what reading can find wrong, and how a value's place in it is named."""

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


def format_path(path: Path_) -> str:
    """``('agenda', 2, 'title', 'kk')`` -> ``agenda[2].title.kk`` (1-based lists)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out
