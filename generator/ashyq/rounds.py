"""Work over the councils a round at a time: the outputs made council by council (pages, feeds, calendars,
data) take their councils in rounds, and whoever calls them decides where a round runs.

A round is ``work(slugs)`` for some councils in sorted order; a :data:`Rounds` runs ``work`` over every
round in order and yields each round's councils with its result. :func:`one_round` runs all councils at
once, here; the build runs each round in a fresh fork of itself (:func:`ashyq.write.lanes.in_forks`):
reading an object writes its reference count, so a process that reads every council's records ends up
holding its own copy of the portal (about 700 MB at national size, per side step), while a fresh fork
per round copies only its round's councils.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

R = TypeVar("R")

# Councils a round takes. A round ends when its slowest council does, and a fork costs a few milliseconds:
# 48 keeps both small (and each round's copy of what it read, a twenty-eighth of a national portal).
ROUND = 48


class Rounds(Protocol):
    def __call__(self, slugs: Sequence[str], work: Callable[[list[str]], Any]) -> Iterator[tuple[list[str], Any]]:
        ...


def slices(slugs: Sequence[str], size: int = ROUND) -> Iterator[list[str]]:
    """The councils of each round, in order."""
    for start in range(0, len(slugs), size):
        yield list(slugs[start:start + size])


def one_round(slugs: Sequence[str], work: Callable[[list[str]], R]) -> Iterator[tuple[list[str], R]]:
    """Every council in one round, in this process."""
    if slugs:
        yield list(slugs), work(list(slugs))


def in_process(size: int = ROUND) -> Rounds:
    """Rounds of ``size`` councils, each in this process (the same files as :func:`one_round`: tested)."""
    def rounds(slugs: Sequence[str], work: Callable[[list[str]], Any]) -> Iterator[tuple[list[str], Any]]:
        for part in slices(slugs, size):
            yield part, work(part)
    return rounds
