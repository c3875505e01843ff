"""Every way a build can fail becomes one message in the user's language, never a traceback.

``with failsafe(lang, debug) as outcome:`` around a command turns a refused
output (exit 2), a file error such as a full disk or a read-only folder
(exit 1), a signal (exit 128 + signal) and any unexpected exception (exit 1,
"internal error in step X … please report") into a message on stderr. The
traceback is printed only with ``--debug`` or ``ASHYQ_DEBUG=1``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

from ..i18n import t
from .output import OutputRefused
from .procs import Interrupted

# File errors a secretary can act on, explained in their language; others keep the system's words.
REASONS = {errno.ENOSPC: "no-space", errno.EROFS: "read-only", errno.EACCES: "denied", errno.EPERM: "denied",
           errno.EDQUOT: "no-space"}


class BuildError(Exception):
    """A step of the build failed; the message says which, in the user's language."""


class StepFailed(Exception):
    """An unexpected exception in a step of the build: a bug to report, not the user's fault."""

    def __init__(self, step: str, error: BaseException):
        super().__init__(step, error)
        self.step = step
        self.error = error


@dataclass
class Outcome:
    code: int = 0


def debugging(flag: bool = False) -> bool:
    return flag or os.environ.get("ASHYQ_DEBUG", "") not in ("", "0")


def os_error_message(lang: str, exc: OSError) -> str:
    key = REASONS.get(exc.errno or 0)
    reason = t(lang, f"output.reason-{key}") if key else (exc.strerror or str(exc))
    if not exc.filename:  # a write that found the disk full names no file: say what happened without ''
        return t(lang, "output.os-error-unnamed", reason=reason)
    return t(lang, "output.os-error", path=exc.filename, reason=reason)


@contextlib.contextmanager
def failsafe(lang: str, debug: bool = False) -> Iterator[Outcome]:
    outcome = Outcome()
    internal = False
    caught: BaseException
    try:
        yield outcome
        return
    except OutputRefused as exc:
        print(t(lang, exc.key, **exc.params), file=sys.stderr)
        outcome.code = 2
        return
    except (Interrupted, KeyboardInterrupt) as exc:
        caught = exc
        print(t(lang, "output.interrupted"), file=sys.stderr)
        outcome.code = 128 + (exc.signum if isinstance(exc, Interrupted) else 2)
    except OSError as exc:
        caught = exc
        print(os_error_message(lang, exc), file=sys.stderr)
        outcome.code = 1
    except StepFailed as exc:
        caught = exc
        print(t(lang, "output.internal-error", step=exc.step, detail=_describe(exc.error)), file=sys.stderr)
        outcome.code, internal = 1, True
    except Exception as exc:  # noqa: BLE001 - the point: no traceback reaches a secretary
        caught = exc
        print(t(lang, "output.internal-error", step="check", detail=_describe(exc)), file=sys.stderr)
        outcome.code, internal = 1, True
    if debugging(debug):
        traceback.print_exception(caught)
    elif internal:
        print(t(lang, "output.debug-hint"), file=sys.stderr)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error)[:500]}"
