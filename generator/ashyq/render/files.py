"""Copy the attachments (and any single file) into the docs tree, never through a link.

``ashyq check`` already stops a build on any symbolic link (``safety.symlink``)
and any attachment that may not be published (``safety.attachment``); this
is the second guard. Folders are walked without following links, only
regular files are copied, each opened with ``O_NOFOLLOW``, and of a
council's ``attachments/`` only the files its records link to are copied.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from ..load.walk import kind_of
from ..models import Portal
from ..attachments import publishable
from . import unchanged, urls


def write_file(path: str, data: bytes, made: set[str] | None = None) -> None:
    """Write one output file with as few system calls as may be: the folder is made unless ``made`` (the
    folders made so far) holds it, then one open, write and close. Tens of thousands of pages, feeds and
    index fragments are written a build; through ``pathlib`` each cost twice as much (60 against 30 µs).
    A file already at ``path`` is replaced, never written into."""
    folder = os.path.dirname(path)
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)
    if unchanged.kept(path, data):  # the live site's file, linked (a warm build: render/unchanged.py)
        return
    fd = unchanged.create(path)
    try:
        unchanged.write_all(fd, data)
    finally:
        os.close(fd)


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is itself a regular file (not a link); else None."""
    fd = unchanged.open_regular(path)
    if fd is None:
        return None
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def copy_regular_file(src: Path, dst: Path) -> bool:
    """Copy ``src`` to ``dst`` if ``src`` itself is a regular file (not a link); False when refused."""
    fd = unchanged.open_regular(src)  # None for a link (ELOOP with O_NOFOLLOW), or a file gone since the check
    if fd is None:
        return False
    with os.fdopen(fd, "rb") as fh:
        dst.parent.mkdir(parents=True, exist_ok=True)
        with unchanged.Stream(os.fspath(dst)) as out:  # the live site's copy where it is the same
            while chunk := fh.read(1 << 20):
                out.write(chunk)
            out.close()
    return True


def copy_attachments(portal: Portal, docs: Path, skip: Collection[str] = frozenset()) -> int:
    """Copy the files the records link to, beside the council's pages under the same relative paths; not those
    of the councils in ``skip`` (a warm build brings their folders over whole: :mod:`ashyq.write.reuse`)."""
    copied = 0
    for council in portal.councils.values():
        if council.slug in skip:
            continue
        base = portal.root / council.path
        if kind_of(portal.root / "councils") != "dir" or kind_of(base) != "dir":
            continue
        target = docs / urls.COUNCILS / council.slug
        for rel in publishable(council, portal.root, portal.config.attachments):
            copied += copy_regular_file(base / rel, target / rel)
    return copied
