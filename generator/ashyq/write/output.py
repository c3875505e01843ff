"""Where a site may be written, and how it replaces the previous one.

A build writes nothing but a staging folder beside the output until it
succeeds; then the new site takes the output's place in one atomic step, and
the old one is kept as the next build's spare (:mod:`.spare`) or deleted in
the background. The output may never be the portal, hold it, or lie
inside anything the portal reads, and an existing folder is replaced only if
ashyq built it (a marker file says so) or the user says ``--force``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..render.files import write_file

MARKER = ".ashyq-site"
# The format of the marker: no date, no version of the tool, so two builds stay byte-identical.
MARKER_TEXT = "ashyq-site 1\n"
STAGING = ".ashyq-staging-"
DISCARD = ".ashyq-discard-"  # a finished build's staging folder (the previous site), deleted in the background
MIRROR = ".ashyq-mirror-"  # the next build's spare while it is linked (:mod:`.mirror`)
# What the portal reads: the output may be none of these, nor inside one of them.
INPUTS = ("councils", "content", ".git", "theme", "templates", "site_config.yml")
AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputRefused(Exception):
    """``--out`` would destroy something; ``key`` is the message in ``locales/output.*.yml``."""

    def __init__(self, key: str, params: dict[str, str]):
        super().__init__(key, params)
        self.key = key
        self.params = params


def _inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or lies under it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_output(root: Path, out: Path, force: bool = False) -> Path:
    """The resolved output folder, or :class:`OutputRefused` saying why it may not be written."""
    real_root = os.path.realpath(root)
    real_out = os.path.realpath(out)
    shown = {"out": str(out), "root": real_root}
    if real_out == real_root:
        raise OutputRefused("output.is-portal", shown)
    if _inside(real_root, real_out):
        raise OutputRefused("output.contains-portal", shown)
    for name in INPUTS:
        # also when it does not exist yet: a site written there would be read as records by the next build
        if _inside(real_out, os.path.realpath(Path(real_root) / name)):
            raise OutputRefused("output.inside-input", {**shown, "input": name})
    target = Path(real_out)
    if target.exists() and not target.is_dir():
        raise OutputRefused("output.is-file", shown)
    if target.is_dir() and not force and not built_by_ashyq(target) and any(target.iterdir()):
        raise OutputRefused("output.not-a-site", shown)
    return target


def built_by_ashyq(folder: Path) -> bool:
    """ashyq writes its marker into every site it builds; nothing else is replaced without ``--force``."""
    return (folder / MARKER).is_file()


def write_marker(site: Path) -> None:
    write_file(os.fspath(site / MARKER), MARKER_TEXT.encode("utf-8"))


# --- staging folders ---------------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _owner(folder: Path) -> int | None:
    """The pid in ``.ashyq-staging-<pid>-<random>`` (or ``.ashyq-discard-…``, ``.ashyq-mirror-<pid>-<name>``)."""
    prefix = next((p for p in (DISCARD, MIRROR) if folder.name.startswith(p)), STAGING)
    head = folder.name[len(prefix):].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def make_staging(out: Path) -> Path:
    """A new staging folder beside ``out`` (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=out.parent))


def remove_stale(out: Path) -> None:
    """Remove staging folders of builds that died; restore a site a crash left only there.

    A crash between the two renames of the fallback swap leaves no output and
    the previous site in ``<staging>/old``: it is put back before anything else.
    """
    parent = out.parent
    if not parent.is_dir():
        return
    for folder in sorted(parent.glob(f"{STAGING}*")):
        pid = _owner(folder)
        if not folder.is_dir() or folder.is_symlink() or pid is None or _alive(pid):
            continue
        old = folder / "old"
        if not os.path.lexists(out) and (old / MARKER).is_file():
            with contextlib.suppress(OSError):
                old.rename(out)
        shutil.rmtree(folder, ignore_errors=True)
    for folder in sorted(parent.glob(f"{DISCARD}*")):  # an old site whose deletion was cut short
        pid = _owner(folder)
        if folder.is_dir() and not folder.is_symlink() and pid is not None and not _alive(pid):
            # In the background too: the deleting process a build leaves behind outlives it (the name
            # holds the build's pid), so right after a build its old site is still being deleted.
            _delete_later(folder)
    for folder in sorted(parent.glob(f"{MIRROR}*")):  # a spare whose making was cut short (a live one gives way)
        pid = _owner(folder)
        if folder.is_dir() and not folder.is_symlink() and pid is not None and not _alive(pid):
            target = folder.with_name(f"{DISCARD}{os.getpid()}-{folder.name}")
            with contextlib.suppress(OSError):
                folder.rename(target)
                _delete_later(target)


# --- the swap ----------------------------------------------------------------------------------------------------


def discard_later(staging: Path) -> None:
    """Delete a finished build's staging folder (the previous site in it) without making the build wait.

    The folder is renamed out of the way and removed by a detached process, so
    the command returns as soon as the new site is in place; a deletion cut
    short is finished by the next build (:func:`remove_stale`).
    """
    target = staging.with_name(DISCARD + staging.name[len(STAGING):])
    try:
        staging.rename(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    _delete_later(target)


# The deleting process first renames the folder after its own pid: while it lives, the next build's
# remove_stale leaves the folder to it rather than start a second deleter on the same tree (deleting a
# national site's 471,792 files took minutes here; two deleters at once only fought over it).
_DELETER = (
    "import os, shutil, sys\n"
    "folder = sys.argv[1]\n"
    "parent, name = os.path.split(folder)\n"
    "mine = os.path.join(parent, sys.argv[2] + str(os.getpid()) + '-' + name[len(sys.argv[2]):].split('-', 1)[-1])\n"
    "try:\n"
    "    os.rename(folder, mine)\n"
    "except OSError:\n"
    "    mine = folder  # another deleter took it, or it is gone: nothing is left to do\n"
    "shutil.rmtree(mine, ignore_errors=True)\n")


def _delete_later(target: Path) -> None:
    """Delete ``target`` (a ``.ashyq-discard-…`` folder) in a detached process (here, if none can be started)."""
    try:
        _DISCARDING.append(subprocess.Popen(
            [sys.executable, "-c", _DELETER, str(target), DISCARD], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True))
    except OSError:
        shutil.rmtree(target, ignore_errors=True)


_DISCARDING: list[subprocess.Popen] = []  # kept, so no warning about a child still running is printed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where that does not exist."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system (or kernel) cannot exchange: fall back to two renames
    raise OSError(err, os.strerror(err), str(b))


def swap(site: Path, out: Path, old: Path) -> None:
    """Put ``site`` at ``out``; the previous site (if any) ends at ``old``, inside the staging folder.

    With ``renameat2`` the output is a complete site at every instant. The
    fallback has a moment with no output; an exception there puts the old site
    back, and a kill there is repaired by the next build (:func:`remove_stale`).
    """
    if not out.is_dir():
        site.rename(out)
        return
    if _exchange(site, out):
        site.rename(old)
        return
    out.rename(old)
    try:
        site.rename(out)
    except BaseException:
        old.rename(out)
        raise
