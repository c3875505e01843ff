"""Scan one text: normalise it, run every detector, drop what is allowed, map back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .addresses import find_addresses
from .allowed import Allowed, allowed_from
from .emails import find_emails
from .hit import Found, PrivacyHit
from .iin import find_iins
from .normalise import normalise
from .phones import find_phones

__all__ = ["scan_text"]

# Every kind of personal data has a digit (IIN, phone, flat number), an "@"
# or a word standing for it: most texts are passed over without more work.
_MAYBE_PERSONAL_RE = re.compile(
    r"[\d@\uff20\ufe6b]|(?<![a-zа-яё])(?:at|dot|собака|точка|нүкте)(?![a-zа-яё])", re.I
)


def scan_text(text: str, *, allowed: Iterable[str] | str | Allowed = ()) -> list[PrivacyHit]:
    """Every piece of personal data in ``text``, sorted by start offset.

    The text is normalised first (see :mod:`.normalise`); each hit's
    ``start``/``end``/``text`` point into ``text`` as given, so its line is the
    line the secretary wrote. ``allowed`` lists contacts published on purpose
    (see :mod:`.allowed`): phones compare by their last 10 digits, e-mails
    case-insensitively, ``@domain`` allows a whole domain. Overlapping hits are
    reduced to the earliest (then longest) one, so one number is reported once.
    """
    if not text:
        return []
    candidates = _SEEN.get(text)  # before the quick test: a dictionary look-up costs a tenth of it
    if candidates is None:
        candidates = _candidates(text) if _MAYBE_PERSONAL_RE.search(text) else ()
        if len(text) <= _SEEN_LENGTH and len(_SEEN) < _SEEN_MAX:
            _SEEN[text] = candidates
    if not candidates:
        return []
    permits = allowed if isinstance(allowed, Allowed) else allowed_from(allowed)
    return [PrivacyHit(f.kind, start, end, text[start:end], f.value)
            for f, start, end in candidates if not permits.permits(f)]


# What the detectors found in a short text, before the council's published contacts are let through: a
# text's hits depend on the text alone. The same short values come back in every record (members' ids in
# each attendance list, times, vote counts): at national size 70,000 texts a worker scanned were 2,500
# distinct ones. Bounded, however many distinct values a portal holds.
_SEEN: dict[str, tuple[tuple[Found, int, int], ...]] = {}
_SEEN_LENGTH, _SEEN_MAX = 200, 100_000


def _candidates(text: str) -> tuple[tuple[Found, int, int], ...]:
    """Every detector's hits in ``text`` with their place in it, overlapping ones reduced to the earliest
    (then longest)."""
    norm = normalise(text)
    found: list[Found] = (find_iins(norm.text) + find_phones(norm.text) + find_emails(norm.text)
                          + find_addresses(norm.text))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[tuple[Found, int, int]] = []
    last_end = -1
    for f in found:
        if f.start < last_end:
            continue
        last_end = f.end
        kept.append((f, *norm.span(f.start, f.end)))
    return tuple(kept)
