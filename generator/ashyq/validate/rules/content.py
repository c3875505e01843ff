"""Rules over every published text: both languages, markup, dates shown, alt text.

The personal-data rule is in :mod:`.personal_data`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...findings import Kind
from ...load.source import format_path
from ...models import Attachment, Council, Text, iter_instances
from ...models.common import Model
from ..engine import Context, body_line, rule
from ..markup import UNSAFE_MARKUP


def published(council: Council) -> Iterator[Model]:
    """Everything of a council that ends up on the portal."""
    if council.info:
        yield council.info
    if council.composition:
        yield council.composition
    yield from council.records()


def _texts(holder: Model) -> Iterator[tuple[tuple, Text]]:
    yield from iter_instances(holder, Text)


@rule("language.state", level="portal", kind=Kind.DATA)
def state_language(ctx: Context) -> None:
    for holder in published(ctx.council):
        for path, text in _texts(holder):
            if not (text.kk or "").strip():
                ctx.report("language.state", holder, *path, field=format_path(path))
        body = getattr(holder, "body", {})
        if body and not body.get("kk", "").strip():
            ctx.report("language.state/body", holder, line=holder.source.body_line)


@rule("language.russian", level="advice")
def russian(ctx: Context) -> None:
    for holder in published(ctx.council):
        for path, text in _texts(holder):
            if (text.kk or "").strip() and not (text.ru or "").strip():
                ctx.report("language.russian", holder, *path, field=format_path(path))
        body = getattr(holder, "body", {})
        if body.get("kk", "").strip() and not body.get("ru", "").strip():
            ctx.report("language.russian/body", holder, line=holder.source.body_line)


@rule("safety.markup", level="portal", kind=Kind.SAFETY)
def markup(ctx: Context) -> None:
    # Bodies are the only Markdown in a record; every other field is printed as plain text.
    for holder in published(ctx.council):
        for lang, body in getattr(holder, "body", {}).items():
            for match in UNSAFE_MARKUP.finditer(body):
                ctx.report("safety.markup", holder, "body", lang, line=body_line(holder, lang, match.start()),
                           snippet=match.group(0)[:40])


@rule("dates.posted-updated", level="law")
def posted_updated(ctx: Context) -> None:
    for record in ctx.council.records():
        created = record.created or ctx.dates.first(record.source.file)
        updated = record.updated or ctx.dates.last(record.source.file)
        if created is None:
            ctx.report("dates.posted-updated/unknown", record, "created")
        elif updated is not None and _day(updated) < _day(created):
            ctx.report("dates.posted-updated/order", record, "updated")


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@rule("a11y.alt-text", level="portal")
def alt_text(ctx: Context) -> None:
    council = ctx.council
    for holder in published(council):
        for path, attachment in iter_instances(holder, Attachment):
            if attachment.is_image and not _both(attachment.alt):
                ctx.report("a11y.alt-text", holder, *path, file=attachment.file)
    if council.composition:
        for i, m in enumerate(council.composition.members):
            if m.photo and not _both(m.photo.alt):
                ctx.report("a11y.alt-text", council.composition, "members", i, "photo", file=m.photo.file)


def _both(text: Text | None) -> bool:
    return bool(text and (text.kk or "").strip() and (text.ru or "").strip())
