"""The one warning a shallow clone gets from ``ashyq check`` and ``ashyq build``: on stderr, never a finding.

A clone made with ``git clone --depth N`` (a CI job's default checkout) lacks the
older commits: record pages show a partial revision history (they say so
themselves, :mod:`ashyq.render.revisionpage`), and a record without ``created``
is dated by the oldest commit the clone holds. Nothing in the records is wrong,
so this is said once per command, in the user's language, and changes no exit code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .i18n import t
from .load.history import RecordDates


def is_shallow(root: Path, dates: RecordDates) -> bool:
    """Whether the portal's repository is a shallow clone; ``False`` outside git."""
    if dates.in_git:
        return dates.shallow
    # ``check`` over many councils reads the history in its worker processes and keeps no dates: ask git
    # (one quick call; outside a repository it fails and the answer is no).
    try:
        proc = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0 and proc.stdout.strip() == b"true"


def warn_if_shallow(root: Path, dates: RecordDates, lang: str, out: TextIO | None = None) -> bool:
    """Print the shallow-clone warning to ``out`` (stderr) when it applies; whether it was printed."""
    if not is_shallow(root, dates):
        return False
    print(t(lang, "history.shallow"), file=out or sys.stderr)
    return True
