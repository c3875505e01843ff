"""The cyclic garbage collector and a loaded portal.

A portal loads into hundreds of thousands of small objects (records, their fields, their
texts) that all live until the command ends. Python's cyclic collector walks
every tracked object of a generation each time it collects it, so while a
portal loads, and on every full collection after that, it walks the whole
portal again, for nothing: a fifth of ``ashyq check``'s time at 200 councils
(2.2 of 10 s, measured with ``gc.callbacks``). So:

* :func:`paused` turns the collector off while a portal is loaded and checked
  (reference counting still frees what is dropped; the few cycles made
  meanwhile wait for the next full collection), and hands what it made to the
  oldest generation: left in the youngest, the whole portal was walked by the
  first two collections after it (0.5 s of a build at 1,350 councils);
* :func:`frozen` moves what exists (the checked portal) out of the
  collector's sight for the build (``gc.freeze``), so that the collections
  of the build and of the processes it forks see only what the build makes.

Both restore the collector as they found it, so a test or a long-lived
process that loads many portals frees them as before. :func:`may_fork` says
whether the loaded portal may be shared with a forked process now.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if gc.get_freeze_count() == 0:  # (inside frozen(), thawing would undo it: left as it is)
                gc.freeze()  # every tracked object to the permanent generation, and back to the oldest
                gc.unfreeze()
            gc.enable()


@contextmanager
def frozen() -> Iterator[None]:
    """Every object alive now is left out of cyclic collections until the block ends."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def may_fork() -> bool:
    """Whether forking is safe now: a fork copies the locks every thread holds but only the calling
    thread, so never beside other threads (the preview server's)."""
    return threading.active_count() == 1
