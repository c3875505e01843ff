"""A benchmark switch: build without some parts of the site, to measure what they cost.

``ASHYQ_BENCH_WITHOUT=history,members`` (what ``benchmarks/build_bench.py --features`` sets)
builds the record pages without their revision history (no old version is read or
compared; the one ``git log`` walk stays, it dates every record) and the councils
without member pages and member feeds. It is no portal setting and is documented
nowhere for secretaries: the law asks a record page for what such a site leaves out,
and the links to member pages lead nowhere. This is the only place that reads it.
"""

from __future__ import annotations

import os

WITHOUT_ENV = "ASHYQ_BENCH_WITHOUT"
PARTS = ("history", "members")


def switched_off() -> tuple[str, ...]:
    """The parts the environment turns off, in :data:`PARTS` order (unknown names are not parts)."""
    asked = {part.strip() for part in os.environ.get(WITHOUT_ENV, "").split(",")}
    return tuple(part for part in PARTS if part in asked)


def without(part: str) -> bool:
    """Whether ``part`` (one of :data:`PARTS`) is turned off for this process."""
    assert part in PARTS, part
    return part in switched_off()
