"""What the scan reports: a hit with its place in the original text, and its mask."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Found", "PrivacyHit", "line_col"]

_MASK = "•"


@dataclass(frozen=True)
class Found:
    """A detector's match in the *normalised* text, before it is mapped back."""

    kind: str
    start: int
    end: int
    value: str  # the canonical value: digits of an IIN or a phone, "local@domain", an address


@dataclass(frozen=True)
class PrivacyHit:
    """One piece of personal data found in a text.

    ``start``/``end`` are offsets in the text as given (before normalisation),
    so ``text`` is exactly what the secretary typed, invisible characters and
    line breaks included; ``value`` is the canonical form the scan compared.
    """

    kind: str  # "iin" | "phone" | "email" | "address"
    start: int
    end: int
    text: str
    value: str = field(default="", compare=False)

    @property
    def masked(self) -> str:
        """The hit with most of it hidden, safe to print in a CI log.

        Logs of a public repository are public too, so the mask never
        shows the whole value: an IIN keeps 2 leading and 1 trailing digit
        (the birth date stays hidden), a phone keeps its operator or city
        code and the last 2 digits, an e-mail keeps the first letter and the
        domain, an address keeps its words and hides every number. Invisible
        characters are dropped and line breaks become spaces, so the mask
        prints on one line.
        """
        shown = _printable(self.text)
        if self.kind == "iin":
            return _mask_digits(shown, keep_head=2, keep_tail=1)
        if self.kind == "phone":
            n_digits = sum(ch.isdigit() for ch in shown)
            # "+7 701" / "8 (7172)" → keep prefix and 3-digit code; no prefix → the code
            return _mask_digits(shown, keep_head=max(n_digits - 7, 1), keep_tail=2)
        if self.kind == "email":
            address = self.value if "@" in self.value else shown
            local, _, domain = address.partition("@")
            return f"{local[:1]}{_MASK * 3}@{domain}"
        # an address: the street may stay, the house and flat numbers may not
        return re.sub(r"\d", _MASK, shown)


def _printable(text: str) -> str:
    """``text`` without format characters (soft hyphen, zero-width space …), on one line."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\t\n\r")
    return " ".join(visible.split())


def _mask_digits(text: str, *, keep_head: int, keep_tail: int) -> str:
    """Replace digits with the mask except the first and last few; keep separators."""
    total = sum(ch.isdigit() for ch in text)
    keep_head = min(keep_head, max(total - keep_tail - 1, 0))  # always hide ≥ 1 digit
    out: list[str] = []
    seen = 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > total - keep_tail else _MASK)
        else:
            out.append(ch)
    return "".join(out)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (``len(text)`` allowed)."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside text of length {len(text)}")
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
