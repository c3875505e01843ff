"""Line folding for icalendar without its character-by-character walk.

``icalendar`` (pinned, 7.3.0) folds every content line (RFC 5545 §3.1: at
most 75 octets a line) by walking it in Python one character at a time,
encoding each: 40 % of the calendars step, measured, although most lines
are shorter than the limit. :func:`install` puts :func:`foldline` in its
place: the same cuts, found on the line's UTF-8 bytes (a cut never splits
a character, and a ``\\`` or ``^`` that would end a line moves to the next,
as the library does for escapes), so the bytes are the library's
(``tests/test_calendars.py`` compares both on generated text).
"""

from __future__ import annotations

from icalendar.parser import content_line

LIBRARY = content_line._foldline  # what the library folds with; the tests compare against it
_ESCAPES = (0x5C, 0x5E)  # "\" and "^"


def _first_char_end(data: bytes, at: int) -> int:
    lead = data[at]
    return at + (1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4)


def foldline(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    """The library's ``_foldline``: lines of at most ``limit - 1`` octets, cut between characters."""
    data = line.encode("utf-8")
    if len(data) < limit:
        return line
    chunks, start, size, carried = [], 0, len(data), False
    while size - start >= limit:
        cut = start + limit - 1
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        first = _first_char_end(data, start)
        # A line takes its first character whatever its size, and after a carried escape the character
        # that made the library cut too (it adds that one before it counts again).
        cut = max(cut, _first_char_end(data, first) if carried and first < size else first)
        carried = data[cut - 1] in _ESCAPES and cut - 1 >= first  # keep an escape with what it escapes
        if carried:
            cut -= 1
        chunks.append(data[start:cut])
        start = cut
    if start < size:
        chunks.append(data[start:])
    return fold_sep.join(chunk.decode("utf-8") for chunk in chunks)


def install() -> None:
    """Make the library's content lines fold through :func:`foldline` (idempotent)."""
    content_line._foldline = foldline
