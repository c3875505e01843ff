"""Values pickled into files of the user's cache folder, written atomically, read without following links.

Only ever used for the cache folder (:mod:`.cache`): a pickle runs code when read, so one is never read
from the portal tree, where a pull request could plant it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def read(path: Path) -> Any:
    """The value pickled in ``path``; raises when it is missing, a link or unreadable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        return pickle.load(fh)


def write(path: Path, value: Any, prefix: str) -> bool:
    """Pickle ``value`` into ``path`` through a hidden file beside it (``prefix``), replaced in one step:
    a reader sees the old file or the new one, never half of one. False where it could not (a full disk, a
    value that will not pickle): a cache that is not written is only a miss next time."""
    tmp = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=prefix, delete=False) as fh:
            tmp = Path(fh.name)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except Exception:  # noqa: BLE001
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        return False
