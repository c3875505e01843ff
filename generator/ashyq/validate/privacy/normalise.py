"""Normalise pasted text before scanning, and map every match back to the original.

Text pasted from a word processor hides numbers from a plain pattern: a soft
hyphen (U+00AD) or a zero-width space inside an IIN, a non-breaking hyphen
(U+2011) or a thin space (U+2009, U+202F) between the groups of a phone,
full-width digits, and a number wrapped onto the next line of a Markdown
paragraph. :func:`normalise` turns all of these into plain ASCII digits,
``-`` and single spaces, and keeps a map so a hit is still reported (and
masked) at its place in the text the secretary wrote.

What changes:

* format characters (Unicode category Cf: soft hyphen, zero-width space and
  joiners, word joiner, BOM, direction marks) are dropped;
* every dash and minus becomes ``-``; every space, tab and control
  character becomes `` ``;
* everything else outside plain ASCII and Cyrillic goes through NFKC
  (full-width digits and ``＠``, ligatures, ``²``); ``№`` is kept, because
  NFKC would make it ``No`` and protocol numbers are recognised by it;
* a line break inside a paragraph, with the blanks around it, becomes one
  space. A break stays when either line is blank, or the next line starts a
  block (list item, heading, quote, table row, fence, HTML), or the line
  before it is a heading or a table row.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalised", "normalise"]

_BLANK = "[ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\u00ad\ufeff]"
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d")

# One unit to look at: a line break with the blanks around it; a letter with
# combining marks (NFKC composes them); one character outside the set that
# never changes (ASCII printable, Cyrillic with Kazakh letters, quotes, №).
_UNIT_RE = re.compile(
    rf"(?P<br>{_BLANK}*(?:\r\n|[\r\n\u2028\u2029\x85]){_BLANK}*)"
    r"|(?P<marks>.[\u0300-\u036f]+)"
    "|[^\x20-\x7e\u0400-\u04ff\n«»“”„‘’№]",
    re.S,
)

# A line that begins a Markdown block: never glued to the line before it.
_BLOCK_START_RE = re.compile(
    r"(?:[-*+](?:[ \t]|$)|[0-9]{1,2}\.[ \t]|#|>|\||```|~~~|<|={3,}[ \t]*$|$)", re.M
)
# A line after which a break is real: a heading or a table row.
_BLOCK_LINE_RE = re.compile(r"[ \t]{0,3}(?:#|\|)")


@dataclass(frozen=True)
class Normalised:
    """The normalised text and the way back to the original offsets.

    The map is a list of segments: a *linear* segment was copied verbatim
    (offsets shift by a constant), any other segment replaced one unit of
    the original (a dropped or changed character, a joined line break) as a
    whole.
    """

    text: str
    original: str
    _n_starts: tuple[int, ...]
    _segments: tuple[tuple[int, int, bool], ...]  # (original start, original end, linear)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``[start, end)``."""
        if not self._n_starts:
            return start, end
        i = bisect.bisect_right(self._n_starts, start) - 1
        o_start, _, linear = self._segments[i]
        first = o_start + (start - self._n_starts[i]) if linear else o_start
        j = bisect.bisect_right(self._n_starts, max(end - 1, start)) - 1
        o_start, o_end, linear = self._segments[j]
        last = o_start + (end - self._n_starts[j]) if linear else o_end
        return first, max(last, first)


def _joins(text: str, m: re.Match[str]) -> bool:
    """True when the line break in ``m`` wraps a paragraph (and becomes a space)."""
    line_start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
    before = text[line_start : m.start()]
    if not before.strip() or _BLOCK_LINE_RE.match(before):
        return False
    return not _BLOCK_START_RE.match(text, m.end())


def _replacement(text: str, m: re.Match[str]) -> str:
    unit = m.group()
    if m.group("br"):
        return " " if _joins(text, m) else "\n"
    if m.group("marks"):
        return unicodedata.normalize("NFKC", unit)
    if unit in _DASHES:
        return "-"
    category = unicodedata.category(unit)
    if category == "Cf":
        return ""
    if category in ("Zs", "Cc"):
        return " "
    return unicodedata.normalize("NFKC", unit)


def normalise(text: str) -> Normalised:
    """``text`` ready for the detectors, with the map back to ``text``."""
    pieces: list[str] = []
    n_starts: list[int] = []
    segments: list[tuple[int, int, bool]] = []
    pos = n_pos = 0
    changed = False
    for m in _UNIT_RE.finditer(text):
        repl = _replacement(text, m)
        if repl == m.group():
            continue  # unchanged: stays inside the verbatim segment around it
        changed = True
        if m.start() > pos:
            n_starts.append(n_pos)
            segments.append((pos, m.start(), True))
            pieces.append(text[pos : m.start()])
            n_pos += m.start() - pos
        if repl:
            n_starts.append(n_pos)
            segments.append((m.start(), m.end(), False))
            pieces.append(repl)
            n_pos += len(repl)
        pos = m.end()
    if not changed:
        return Normalised(text, text, (), ())
    if pos < len(text):
        n_starts.append(n_pos)
        segments.append((pos, len(text), True))
        pieces.append(text[pos:])
    return Normalised("".join(pieces), text, tuple(n_starts), tuple(segments))
