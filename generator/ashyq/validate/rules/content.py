"""Rules over every published text: privacy, both languages, markup, dates shown, alt text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ...findings import Kind
from ...load.source import format_path
from ...models import Attachment, Council, Text, iter_instances, iter_texts
from ...models.common import Model
from ..engine import Context, body_line, rule
from ..privacy import scan_text


def published(council: Council) -> Iterator[Model]:
    """Everything of a council that ends up on the portal."""
    if council.info:
        yield council.info
    if council.composition:
        yield council.composition
    yield from council.records()


def _allowed(council: Council, holder: Model) -> set[str]:
    allowed: set[str] = set(getattr(holder, "published_with_consent", []))
    if council.info:
        allowed.update(v for v in (council.info.contacts.email, council.info.contacts.phone) if v)
    if council.composition:
        for m in council.composition.members:
            if m.consent.contacts:
                allowed.update(v for v in (m.email, m.phone) if v)
    return allowed


# Every kind of personal data the scan finds has a digit (IIN, phone, flat number) or an '@'.
_MAYBE_PERSONAL = re.compile(r"[\d@]")


@rule("privacy.personal-data", kind=Kind.SAFETY)
def personal_data(ctx: Context) -> None:
    council = ctx.council
    for holder in published(council):
        allowed = _allowed(council, holder)
        for path, _lang, text in iter_texts(holder):
            if not _MAYBE_PERSONAL.search(text):
                continue
            for hit in scan_text(text, allowed=allowed):
                ctx.report(f"privacy.personal-data/{hit.kind}", holder, *path, masked=hit.masked)
        for lang, body in getattr(holder, "body", {}).items():
            if not _MAYBE_PERSONAL.search(body):
                continue
            for hit in scan_text(body, allowed=allowed):
                ctx.report(f"privacy.personal-data/{hit.kind}", holder, "body", lang,
                           line=body_line(holder, lang, hit.start), masked=hit.masked)
    comp = council.composition
    if comp:
        for i, m in enumerate(comp.members):
            if (m.email or m.phone) and not m.consent.contacts:
                ctx.report("privacy.personal-data/contacts-consent", comp, "members", i,
                           "email" if m.email else "phone", id=m.id)
            if m.photo and not m.consent.photo:
                ctx.report("privacy.personal-data/photo-consent", comp, "members", i, "photo", id=m.id)
            if m.biography and not m.consent.biography:
                ctx.report("privacy.personal-data/biography-consent", comp, "members", i, "biography", id=m.id)


def _texts(holder: Model) -> Iterator[tuple[tuple, Text]]:
    yield from iter_instances(holder, Text)


@rule("language.state", kind=Kind.SAFETY)
def state_language(ctx: Context) -> None:
    for holder in published(ctx.council):
        for path, text in _texts(holder):
            if not (text.kk or "").strip():
                ctx.report("language.state", holder, *path, field=format_path(path))
        body = getattr(holder, "body", {})
        if body and not body.get("kk", "").strip():
            ctx.report("language.state/body", holder, line=holder.source.body_line)


@rule("language.russian", severity="W")
def russian(ctx: Context) -> None:
    for holder in published(ctx.council):
        for path, text in _texts(holder):
            if (text.kk or "").strip() and not (text.ru or "").strip():
                ctx.report("language.russian", holder, *path, field=format_path(path))
        body = getattr(holder, "body", {})
        if body.get("kk", "").strip() and not body.get("ru", "").strip():
            ctx.report("language.russian/body", holder, line=holder.source.body_line)


# Markdown bodies are rendered as HTML: raw HTML that runs code must not reach a reader's browser.
UNSAFE_MARKUP = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|meta|link|base)\b"
    r"|<[^>]*\s(on[a-z]+)\s*="
    r"|\]\(\s*(javascript|vbscript|data):"
    r"|(javascript|vbscript):",
    re.I,
)


@rule("safety.markup", kind=Kind.SAFETY)
def markup(ctx: Context) -> None:
    for holder in published(ctx.council):
        for lang, body in getattr(holder, "body", {}).items():
            for match in UNSAFE_MARKUP.finditer(body):
                ctx.report("safety.markup", holder, "body", lang, line=body_line(holder, lang, match.start()),
                           snippet=match.group(0)[:40])


@rule("dates.posted-updated")
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


@rule("a11y.alt-text")
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
