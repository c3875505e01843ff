"""Ids and numbers of new records: the next free id, protocol number and member id.

``ashyq new`` and each record type's id scheme (``Scaffold.next_id``) read the
record folder as it is on disk, so ids stay unique without loading the portal.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..types import SLUG

ID_LINE = re.compile(r"^\s*-?\s*id:\s*[\"']?([a-z0-9][a-z0-9-]*)", re.M)


def existing_ids(folder: Path) -> set[str]:
    """Ids used in a record folder: file names and the ``id:`` each file declares."""
    ids: set[str] = set()
    if not folder.is_dir():
        return ids
    for path in folder.iterdir():
        if not path.is_file():
            continue
        ids.add(path.stem)
        try:
            ids.update(ID_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return ids


def next_number(ids: set[str], prefix: str) -> int:
    """The next free ``N`` for ids ``<prefix>N``."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    numbers = [int(m.group(1)) for i in ids if (m := pattern.match(i))]
    return max(numbers, default=0) + 1


def next_protocol_number(folder: Path, year: int) -> int:
    """One more than the highest ``number`` of the year's meetings (their count where none is numbered)."""
    numbers, count = [], 0
    for path in folder.glob("*") if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if re.search(rf"^date:\s*[\"']?{year}-", text, re.M):
            count += 1
            numbers += [int(n) for n in re.findall(r"^number:\s*(\d+)", text, re.M)]
    return max(numbers, default=count) + 1


_TRANSLIT = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})


def slug_of(text: str) -> str:
    """Lowercase Latin letters, digits and hyphens from a Kazakh or Russian text ('' if nothing is left)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower().translate(_TRANSLIT)).split()
    return "-".join(w for w in words if w.isascii())[:40].strip("-")


def next_member_id(ids: set[str], name: str | None) -> str:
    """``mNN``; where members are named by surname (``ybyraiym``), the new member's surname too."""
    numbered = any(re.match(r"^m\d+$", i or "") for i in ids)
    if ids and not numbered and name:
        words = name.split()
        base = slug_of(words[0]) if words else ""
        if base:
            candidates = [base] + ([f"{base}-{slug_of(words[1])[:1]}"] if len(words) > 1 else [])
            candidates += [f"{base}-{n}" for n in range(2, 100)]
            return next(c for c in candidates if c and c not in ids and SLUG.match(c))
    return f"m{next_number(ids, 'm'):02d}"


def members_of(folder: Path) -> list[dict[str, Any]]:
    """The members of ``members.yml`` as plain mappings ([] if the file is missing or broken)."""
    from ..load.source import read_document

    path = folder / "members.yml"
    if not path.is_file():
        return []
    doc = read_document(path, folder)
    data = doc.data if isinstance(doc.data, dict) else {}
    members = data.get("members")
    return [m for m in members if isinstance(m, dict)] if isinstance(members, list) else []


def active_voting(members: list[dict[str, Any]], day: dt.date) -> list[str]:
    out = []
    for m in members:
        start, end = m.get("start"), m.get("end")
        if m.get("voting", True) is False or not isinstance(m.get("id"), str):
            continue
        if isinstance(start, dt.date) and start > day:
            continue
        if isinstance(end, dt.date) and end < day:
            continue
        out.append(m["id"])
    return out
