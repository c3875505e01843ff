"""What each revision of a record changed: fields added, changed, removed, and the body's lines.

The comparison is language-neutral and made once per council and process,
on first use: a council's old versions are read in one
``git cat-file --batch`` (:mod:`ashyq.load.revisions`), each blob parsed
once; :mod:`ashyq.render.revisionpage` says it in the reader's language.
A record that was only created, or whose history is unknown, costs no git
call at all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import without
from ..load.history import NO_BLOB, Change, RecordDates
from ..load.revisions import UNREADABLE, Version, parse_version, read_blobs
from ..models import Council
from .context import SiteContext

MAX_FIELD_CHANGES = 200  # per revision: a rewritten file is "everything changed" well before that
MAX_SUBJECT = 300  # characters of a commit message's first line shown
MAX_DIFF_LINES = 2000  # a longer body is compared as "changed", not line by line (difflib is quadratic)
# Bookkeeping, not content: changing these is no correction of what was published.
LIFECYCLE = frozenset({"updated", "created", "status"})

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldChange:
    path: Path_  # the field in the file: ("decisions", 1, "text", "ru")
    op: str  # added, changed, removed
    old: Any = None  # the old and new values when they are plain scalars (shown for dates, times, numbers)
    new: Any = None


@dataclass(frozen=True)
class Hunk:
    """A run of lines of the body replaced by others (either side may be empty)."""

    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass
class Revision:
    """One commit's change to one record file, compared with the version before it."""

    when: dt.datetime
    commit: str
    subject: str  # the first line of the commit message: untrusted text
    kind: str  # created, changed, boundary (a shallow clone's oldest commit: what came before is unknown)
    renamed_from: str = ""
    fields: list[FieldChange] = field(default_factory=list)
    body: dict[str, list[Hunk]] = field(default_factory=dict)  # lang -> hunks; a language listed changed
    readable: bool = True  # both versions could be read and compared

    @property
    def rewrites(self) -> bool:
        """It changes or removes what was there (adding a field or a translation is no correction)."""
        if any(f.op != "added" and f.path[0] not in LIFECYCLE for f in self.fields):
            return True
        return any(h.removed for hunks in self.body.values() for h in hunks)


@dataclass
class FileHistory:
    revisions: list[Revision] = field(default_factory=list)  # newest first
    more: int = 0  # older revisions not kept


# --- comparing two versions -------------------------------------------------------------------------

def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, dt.date))


def field_changes(old: Any, new: Any, path: Path_ = (), out: list[FieldChange] | None = None) -> list[FieldChange]:
    """Every leaf or subtree that differs between two parsed files, in file order; bounded."""
    out = [] if out is None else out
    if len(out) >= MAX_FIELD_CHANGES:
        return out
    if isinstance(old, dict) and isinstance(new, dict):
        for key in new:
            if key not in old:
                out.append(FieldChange((*path, key), "added", None, _plain(new[key])))
            else:
                field_changes(old[key], new[key], (*path, key), out)
        out.extend(FieldChange((*path, key), "removed", _plain(old[key]), None) for key in old if key not in new)
    elif isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new)):
            field_changes(a, b, (*path, i), out)
        out.extend(FieldChange((*path, i), "added", None, _plain(new[i])) for i in range(len(old), len(new)))
        out.extend(FieldChange((*path, i), "removed", _plain(old[i]), None) for i in range(len(new), len(old)))
    elif type(old) is not type(new) or old != new:
        out.append(FieldChange(path, "changed", _plain(old), _plain(new)))
    del out[MAX_FIELD_CHANGES:]
    return out


def _plain(value: Any) -> Any:
    return value if _scalar(value) else None


def _lines(text: str) -> list[str]:
    """The body's non-blank lines: moving a blank line is no change a reader would see."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def body_hunks(old: str, new: str) -> list[Hunk]:
    a, b = _lines(old), _lines(new)
    if a == b:
        return []
    if len(a) > MAX_DIFF_LINES or len(b) > MAX_DIFF_LINES:
        return [Hunk(tuple(a[:1]), tuple(b[:1]))] if a or b else []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [Hunk(tuple(a[i1:i2]), tuple(b[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def compare(old: Version, new: Version) -> tuple[list[FieldChange], dict[str, list[Hunk]]]:
    fields = field_changes(old.data, new.data)
    body = {}
    for lang in sorted(set(old.body) | set(new.body)):
        hunks = body_hunks(old.body.get(lang, ""), new.body.get(lang, ""))
        if hunks:
            body[lang] = hunks
    return fields, body


# --- a council's histories ---------------------------------------------------------------------------

def council_histories(ctx: SiteContext, council: Council) -> dict[str, FileHistory]:
    """``path -> FileHistory`` of the council's record files, computed once per process (none when the
    benchmark switch turns the history off: :mod:`ashyq.diagnostics`)."""
    dates = ctx.dates
    cached = dates.cache.get(council.slug)
    if cached is None:
        cached = dates.cache[council.slug] = {} if without("history") else \
            _histories(ctx, dates, f"{council.path.rstrip('/')}/")
    return cached


def _shown(ctx: SiteContext) -> int:
    """How many revisions a page lists (``limits.revisions_per_record`` in site_config.yml)."""
    return ctx.portal.config.limits.revisions_per_record


def _histories(ctx: SiteContext, dates: RecordDates, prefix: str) -> dict[str, FileHistory]:
    shown = max(1, _shown(ctx))
    logs = dict(dates.logs_under(prefix))
    need: list[str] = []
    for log in logs.values():
        for change in log.changes[:shown]:
            if change.status != "A" and change.old_blob != change.new_blob:
                need += [change.old_blob, change.new_blob]
    limits = ctx.portal.config.limits.read_limits()
    blobs = read_blobs(ctx.portal.root, [b for b in need if b != NO_BLOB], limits) if need else {}
    parsed: dict[tuple[str, str], Version] = {}

    def version(blob: str, path: str) -> Version:
        key = (blob, path[path.rfind("."):])  # the same bytes read as YAML or as Markdown
        if key not in parsed:
            parsed[key] = parse_version(blobs.get(blob), path, limits) if blob in blobs else UNREADABLE
        return parsed[key]

    out: dict[str, FileHistory] = {}
    for path, log in logs.items():
        kept = log.changes[:shown]
        history = FileHistory(more=log.total - len(kept))
        for change in kept:
            history.revisions.append(_revision(dates, change, path, version))
        out[path] = history
    return out


def _revision(dates: RecordDates, change: Change, path: str, version) -> Revision:
    commit = dates.commits[change.commit]
    subject = commit.subject if len(commit.subject) <= MAX_SUBJECT else commit.subject[:MAX_SUBJECT] + "…"
    rev = Revision(commit.when, commit.id, subject, "changed", renamed_from=change.old_path)
    if change.status == "A":
        # In a shallow clone the oldest commit seen shows every file as added: not when it was created.
        rev.kind = "boundary" if dates.shallow and commit.root else "created"
        return rev
    if change.old_blob == change.new_blob:
        return rev  # renamed only
    old, new = version(change.old_blob, change.old_path or path), version(change.new_blob, path)
    if not (old.ok and new.ok):
        rev.readable = False
        return rev
    rev.fields, rev.body = compare(old, new)
    return rev


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{1,2}:\d{2}")


def shown_value(value: Any) -> Any:
    """A value safe and short enough to show as "old → new": a date, a time, a small number, a yes/no.

    Free text is never shown here: an old value may be what was taken down on purpose.
    """
    if isinstance(value, bool) or isinstance(value, dt.date):
        return value
    if isinstance(value, int) and abs(value) < 10000:
        return value
    if isinstance(value, str) and _TIME.fullmatch(value):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
