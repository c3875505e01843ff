"""The spare: the site before the live one, kept so that a warm build moves what did not change.

A warm build used to bring every unchanged file over from the live site by a hard link of its own:
471,792 links and the folders around them at national size, 40 s and more of the kernel's time
however little had changed. Now the site a swap replaces is not deleted but kept beside the output as
``.ashyq-spare-<name>`` (:func:`keep_spare`). It shares every file that did not change in the last
build with the live site (they are the same hard links), and its ``.ashyq-cache.json`` says what it was
built from. The next warm build takes it into its staging folder (:func:`take_spare`) and moves each
folder that is still right into the new site with one rename (:func:`adopt`): a council's folder in an
edition (its pages, feeds, members' feeds, calendar and attachments), a search shard. A folder the
spare does not have right (its council changed in the live site's build) is linked from the live site,
file by file, as before; what the build does not take of the spare is deleted in the background with
the staging folder.

The live site is never written to, so a failed build still leaves it untouched; a failed build that
had taken the spare deletes it with its staging folder, and the next build links from the live site.
The spare is a site ashyq wrote (its marker says so), never a record's content: no check of its
files is made beyond that.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from .incremental import BuildCache
from .output import built_by_ashyq

SPARE = ".ashyq-spare-"
TAKEN = "spare"  # the spare's folder inside a staging folder, once a build took it


def spare_path(out: Path) -> Path:
    """Where the spare of the site at ``out`` is kept: beside it, on the same file system."""
    return out.with_name(SPARE + out.name)


@dataclass
class Spare:
    root: Path  # inside the build's staging folder
    cache: BuildCache  # what it was built from


def take_spare(out: Path, staging: Path) -> Spare | None:
    """Move the spare of ``out`` into ``staging`` (the build now owns it: deleted with the staging folder
    unless the build keeps parts of it); None if there is none a build of ashyq left."""
    path = spare_path(out)
    if path.is_symlink() or not path.is_dir():
        return None
    taken = staging / TAKEN
    try:
        path.rename(taken)
    except OSError:
        return None
    if not built_by_ashyq(taken):
        return None  # deleted with the staging folder
    return Spare(taken, BuildCache.load(taken))


def set_aside(out: Path, staging: Path) -> None:
    """Move a spare no build took into ``staging``, to be deleted with it (it no longer matches anything)."""
    path = spare_path(out)
    if os.path.lexists(path) and not os.path.lexists(staging / TAKEN):
        path.rename(staging / TAKEN)


def keep_spare(out: Path, old: Path, staging: Path, useful: bool) -> None:
    """After the swap: the site it replaced (``old``, inside ``staging``) becomes the spare, if ``useful``: built
    for the same day, configuration and code as the new one (a next build made otherwise could take nothing
    from it, and would only delete it while it runs). Else it is deleted with the staging folder."""
    set_aside(out, staging)
    if (useful and old.is_dir() and not old.is_symlink() and built_by_ashyq(old)
            and not os.path.lexists(spare_path(out))):
        old.rename(spare_path(out))


def adopt(source: Path, target: Path) -> None:
    """Move the folder ``source`` to ``target`` with one rename. Where ``target`` exists already (MkDocs
    copies a council's attachments into the new site before this), what it lacks is moved into it: the
    files it has are the new build's own, the same bytes."""
    try:
        os.rename(source, target)
        return
    except FileNotFoundError:
        if not source.is_dir():
            raise
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or target.is_symlink() or not target.is_dir():
            raise
    move_into(source, target, keep=True)


def move_into(source: Path, target: Path, keep: bool = False) -> None:
    """Move what the folder ``source`` holds into the folder ``target``: what ``target`` lacks with one rename,
    the folders both hold entered. A file both hold stays ``target``'s with ``keep`` (the same bytes, see
    :func:`adopt`); else it is a fault of the build, never settled by a choice."""
    if not source.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            there = target / entry.name
            if not os.path.lexists(there):
                os.rename(entry.path, there)
            elif entry.is_dir(follow_symlinks=False) and there.is_dir() and not there.is_symlink():
                move_into(Path(entry.path), there, keep)
            elif not keep:
                raise FileExistsError(f"{there}: written twice")
