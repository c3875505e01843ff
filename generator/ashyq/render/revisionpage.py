"""A record page's revision history and correction notice, in the reader's language.

:class:`~ashyq.render.pages.Renderer` calls :func:`with_revisions` for every
record page of every type, so no type's template has to remember it: the
history (``_revisions.html.j2``) is appended, and a correction made after
publication is announced right under the page's dates. Fields are named
with the labels the pages already use, else by their path in the file.
Old text is shown as literal text; a line the privacy scan would flag is
withheld unless the present record publishes the same data: a version
taken down on purpose is never put back on the page by its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..clock import local_date
from ..load.reading import format_path
from ..models import Council, Record
from ..validate.privacy import scan_text
from .revisions import FileHistory, Revision, council_histories, shown_value
from .htmlpage import markdown_heading
from .text import md
from .wording import translator

TEMPLATE = "_revisions.html.j2"  # HTML, printed in a Markdown page too (its headings as Markdown's)
MAX_LINES_SHOWN = 30  # body lines per revision and language; the rest are counted
MAX_LINE_CHARS = 400
MAX_FIELDS_SHOWN = 12
MAX_PATHS_SHOWN = 3  # nested paths named beside a field's label
# A field's label: the one the pages already use (ui.*), else the history's own (revisions.field-*).
UI_LABELS = {
    "date": "date", "status": "status", "place": "place", "online": "online", "number": "protocol-number",
    "moved_from": "moved-from", "joint_with": "joint-with", "agenda_published": "agenda-published",
    "agenda": "agenda", "attendance": "attendance", "invited": "invited", "protocol_published": "protocol-published",
    "decisions": "decisions", "attachments": "attachments", "video": "video", "addressee": "addressee",
    "basis": "basis", "meeting": "meeting", "hearing": "kind-hearing", "sent": "sent", "response": "response",
    "follow_up": "follow-up", "topic": "topic", "announced": "announced", "channels": "channels",
    "materials_published": "materials-published", "materials": "materials", "present": "present",
    "chair": "chair", "secretary": "secretary", "speeches": "speeches", "proposals": "proposals",
    "final_protocol": "final-protocol", "sent_to": "sent-to", "period": "period", "approved": "approved",
    "recommendations": "recommendations", "recommendation_ids": "recommendations", "vote": "vote",
    "updated": "updated", "created": "posted", "kind": "kind",
}
OWN_LABELS = frozenset({
    "id", "title", "text", "time", "end_time", "cancellation_reason", "published_with_consent", "published",
    "year", "commission", "items", "file", "agreed_with_body", "entity", "activity", "decision", "permanent",
    "start", "end", "goals", "approach", "methods", "methodology", "performers", "conclusion", "draft_of",
    "method", "initiator", "petition", "bodies_informed", "plan", "sittings", "reporting_body", "speakers",
    "resolution", "report_published", "notified", "rehearing", "issue", "draft_act", "questions", "schedule",
    "format", "participants", "proposals_received", "proposals_accepted", "comments_received",
    "comments_answered", "draft_recommendation", "position", "feedback",
})


@dataclass
class DiffLine:
    op: str  # del, ins, withheld, more
    text: str = ""
    count: int = 0


@dataclass
class Row:
    """One revision as the page lists it."""

    date: str
    stamp: str  # ISO 8601, for <time datetime>
    subject: str
    commit: str
    kind: str  # created, boundary, changed
    correction: bool
    renamed_from: str = ""
    readable: bool = True
    changes: dict[str, list[Markup]] = field(default_factory=dict)  # added/changed/removed -> labels
    more_fields: int = 0
    diff: list[DiffLine] = field(default_factory=list)


@dataclass
class HistoryView:
    state: str  # ok, no-git, none (nothing to show: a record not committed yet)
    rows: list[Row] = field(default_factory=list)
    more: int = 0
    partial: bool = False
    corrections: list[str] = field(default_factory=list)  # formatted dates, newest first


def _label(renderer, key: Any) -> str | None:
    if key in UI_LABELS:
        return renderer.t(f"ui.{UI_LABELS[key]}")
    if key in OWN_LABELS:
        return renderer.t(f"revisions.field-{str(key).replace('_', '-')}")
    return None


def _value(renderer, value: Any) -> str:
    shown = shown_value(value)
    if isinstance(shown, bool):
        return renderer.t("ui.yes" if shown else "ui.no")
    if isinstance(shown, dt.date):
        return renderer.date(shown)
    return "" if shown is None else str(shown)


def _changes(renderer, rev: Revision, lang: str) -> tuple[dict[str, list[Markup]], int]:
    """Top-level fields by what happened to them, each named once, nested paths beside the label."""
    groups: dict[str, dict[Any, list]] = {"added": {}, "changed": {}, "removed": {}}
    for change in rev.fields:
        top = change.path[0]
        op = change.op if len(change.path) == 1 else "changed"
        if not any(top in g for g in groups.values()):
            groups[op][top] = []
        entry = next(g[top] for g in groups.values() if top in g)
        entry.append(change)
    out: dict[str, list[Markup]] = {}
    total = 0
    for op, tops in groups.items():
        items = []
        for top, changes in tops.items():
            total += 1
            if total > MAX_FIELDS_SHOWN:
                continue
            label = _label(renderer, top)
            text = md(label) if label else Markup(f"<code>{md(top)}</code>")
            single = changes[0] if len(changes) == 1 else None
            if single is not None and len(single.path) == 1 and op == "changed":
                old, new = _value(renderer, single.old), _value(renderer, single.new)
                if old and new:
                    text += Markup(f" ({md(old)} → {md(new)})")
            elif any(len(c.path) > 1 for c in changes):
                paths = [format_path(c.path) for c in changes[:MAX_PATHS_SHOWN]]
                extra = ", …" if len(changes) > MAX_PATHS_SHOWN else ""
                text += Markup(" (" + ", ".join(f"<code>{md(p)}</code>" for p in paths) + extra + ")")
            items.append(text)
        if items:
            out[op] = items
    for body_lang in rev.body:  # the body's languages after the fields, the reader's first
        key = f"revisions.body-{body_lang}" if body_lang in ("kk", "ru") else "revisions.body-other"
        out.setdefault("changed", []).append(md(renderer.t(key, lang=body_lang)))
    return out, max(0, total - MAX_FIELDS_SHOWN)


def _short(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS].rstrip() + "…"


def _diff(rev: Revision, lang: str, published: str) -> list[DiffLine]:
    out: list[DiffLine] = []
    shown = 0
    for hunk in rev.body.get(lang, []):
        for op, lines in (("del", hunk.removed), ("ins", hunk.added)):
            for line in lines:
                if shown == MAX_LINES_SHOWN:
                    out.append(DiffLine("more", count=1))
                    shown += 1
                    continue
                if shown > MAX_LINES_SHOWN:
                    out[-1].count += 1
                    continue
                shown += 1
                hits = scan_text(line)
                if any(hit.text not in published for hit in hits):
                    out.append(DiffLine("withheld"))
                else:
                    out.append(DiffLine(op, _short(line)))
    return out


def _local(value: dt.date | dt.datetime | None) -> dt.date | None:
    return local_date(value) if value is not None else None


def history_view(renderer, council: Council, record: Record) -> HistoryView:
    ctx = renderer.ctx
    if not ctx.dates.in_git:
        return HistoryView("no-git")
    history: FileHistory | None = council_histories(ctx, council).get(record.source.file)
    if history is None or not history.revisions:
        return HistoryView("none")
    posted = _local(ctx.posted(record))
    # What the page shows now may be shown again in a diff; joined only for a history that has one.
    diffs = any(rev.readable and rev.body.get(renderer.lang) for rev in history.revisions)
    published = "\n".join(record.body.values()) if diffs else ""
    view = HistoryView("ok", more=history.more, partial=ctx.dates.shallow)
    for rev in history.revisions:
        correction = (rev.kind == "changed" and rev.readable and rev.rewrites and posted is not None
                      and (day := _local(rev.when)) is not None and day > posted)
        changes, more = _changes(renderer, rev, renderer.lang) if rev.readable else ({}, 0)
        row = Row(renderer.date(rev.when), rev.when.isoformat(), rev.subject, rev.commit[:10], rev.kind,
                  correction, rev.renamed_from, rev.readable, changes, more,
                  _diff(rev, renderer.lang, published) if rev.readable else [])
        view.rows.append(row)
        if correction:
            view.corrections.append(row.date)
    return view


def _after_dates(body: str, notice: str) -> str:
    """``notice`` right under the page's dates line (every record page has one), else under its first line."""
    at = body.find('<p class="ashyq-meta">')
    if body.startswith("<a ", at + len('<p class="ashyq-meta">')):  # the council's line above the dates
        at = body.find('<p class="ashyq-meta">', at + 1)
    if at < 0:
        at = 0 if body.startswith("# ") else body.find("\n# ") + 1
    end = body.find("\n", at)
    end = len(body) if end < 0 else end
    return f"{body[:end]}\n\n{notice.strip()}\n{body[end:]}"


def with_revisions(renderer, page, body: str, h=None, helpers: dict[str, Any] | None = None) -> str:
    """A record page with its correction notice and its revision history: Markdown, or HTML given the
    page's headings ``h`` (render/htmlpage.py); ``helpers``, the page's own (``Renderer.helpers``), when
    its template was just given them."""
    record, council = page.record, page.council
    if record is None or council is None:
        return body
    markdown = h is None
    h = markdown_heading if h is None else h
    # Records committed together and not changed since (a council's first import, a pull request adding a
    # meeting and its protocol) list the same history: made once for the council, without its view.
    lists = renderer.council_memory("history-lists", council.slug)
    key = _plain_key(renderer, council, record)
    listed = lists.get((key, markdown)) if key is not None else None
    if listed is None:
        view = history_view(renderer, council, record)
        if view.state == "none":
            return body
        template = (renderer.env if markdown else renderer.html_env).get_template(TEMPLATE)
        values = {**(helpers or renderer.helpers(page)), "history": view, "h": h}
        if view.corrections:
            body = _after_dates(body, template.render(**values, part="notice"))
        listed = template.render(**values, part="section")
        if key is not None:
            lists[key, markdown] = listed
    # The page's own heading, made after its other headings: it enters its table of contents.
    heading = h(2, translator(renderer.lang, council)("revisions.heading"), "revisions")
    return body.rstrip("\n") + f"\n\n{heading}\n\n{listed}"


def _plain_key(renderer, council: Council, record: Record) -> tuple | None:
    """What the history's list shows when no revision of the record changed a field or its text (no field
    list, no diff, no correction): each revision's date, message, version, kind and former name. None for
    any other history, whose list is the record's own, and for a record with nothing to list."""
    ctx = renderer.ctx
    if not ctx.dates.in_git:
        return ("no-git",)
    history = council_histories(ctx, council).get(record.source.file)
    if history is None or not history.revisions or any(rev.fields or rev.body for rev in history.revisions):
        return None
    return (history.more, ctx.dates.shallow, tuple((rev.when, rev.commit, rev.subject, rev.kind, rev.renamed_from,
                                                    rev.readable) for rev in history.revisions))
