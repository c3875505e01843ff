"""Data rules: references, duplicate ids, impossible dates, missing files, placeholders."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from ...clock import time_of_day
from ...findings import Kind
from ...models import Attachment, iter_instances, iter_texts
from ..engine import Context, body_line, rule

PLACEHOLDER = re.compile(r"<<[^<>]*>>|\bTODO\b")


@rule("data.duplicate-id", level="portal", kind=Kind.DATA)
def duplicate_ids(ctx: Context) -> None:
    council = ctx.council
    by_kind = Counter((r.KIND, r.id) for r in council.records())
    for record in council.records():
        if by_kind[(record.KIND, record.id)] > 1:
            ctx.report("data.duplicate-id", record, "id", id=record.id)
    if council.composition:
        ids = Counter(m.id for m in council.composition.members)
        for i, member in enumerate(council.composition.members):
            if ids[member.id] > 1:
                ctx.report("data.duplicate-member", council.composition, "members", i, "id", id=member.id)


@rule("data.reference", level="portal", kind=Kind.DATA)
def references(ctx: Context) -> None:
    council = ctx.council
    members = council.member_ids()
    meeting_ids, hearing_ids = council.ids("meeting"), council.ids("hearing")
    for meeting in council.meetings:
        for i, member in enumerate(meeting.attendance):
            if member not in members and not council.composition_broken:  # a broken members.yml is reported once
                ctx.report("data.reference-member", meeting, "attendance", i, id=member)
        numbers = {meeting.item_number(i) for i in range(len(meeting.agenda))}
        for i, decision in enumerate(meeting.decisions):
            if decision.item not in numbers:
                ctx.report("data.reference-agenda", meeting, "decisions", i, "item", item=decision.item)
        for i, other in enumerate(meeting.joint_with):
            if other not in ctx.portal.councils or other == council.slug:
                ctx.report("data.reference-council", meeting, "joint_with", i, id=other)
    _approved_by(ctx)
    for rec in council.recommendations:
        if rec.meeting and rec.meeting not in meeting_ids:
            ctx.report("data.reference-meeting", rec, "meeting", id=rec.meeting)
        if rec.hearing and rec.hearing not in hearing_ids:
            ctx.report("data.reference-hearing", rec, "hearing", id=rec.hearing)
        for i, member in enumerate(rec.authors):
            if member not in members and not council.composition_broken:
                ctx.report("data.reference-member", rec, "authors", i, id=member)


def _approved_by(ctx: Context) -> None:
    """``approved_by`` names a maslikhat of this portal; a maslikhat is elected, so it names none."""
    info = ctx.council.info
    slug = info.approved_by if info else None
    if not slug:
        return
    other = ctx.portal.councils.get(slug)
    if info.type == "maslikhat":
        ctx.report("maslikhat2.approved-by-maslikhat", info, "approved_by", id=slug)
    elif other is None or other is ctx.council:
        ctx.report("maslikhat2.approved-by-unknown", info, "approved_by", id=slug)
    elif other.info and other.info.type != "maslikhat":  # a broken council.yml is reported on its own
        ctx.report("maslikhat2.approved-by-not-maslikhat", info, "approved_by", id=slug, type=other.info.type)


@rule("data.date", level="portal", kind=Kind.DATA)
def date_order(ctx: Context) -> None:
    council = ctx.council
    info = council.info
    if info and info.term.end < info.term.start:
        ctx.report("data.date-term", info, "term", "end")
    if council.composition:
        for i, m in enumerate(council.composition.members):
            if m.end and m.end < m.start:
                ctx.report("data.date-member", council.composition, "members", i, "end", id=m.id)
    for meeting in council.meetings:
        if meeting.status == "held" and meeting.date > ctx.today:
            ctx.report("data.date-held-future", meeting, "date", date=meeting.date)
        if meeting.protocol_published and meeting.protocol_published < meeting.date:
            ctx.report("data.date-before", meeting, "protocol_published", field="protocol_published",
                       other="date")
        # As times, not text: "9:30" sorts after "12:00" as a string.
        if meeting.end_time and meeting.time and time_of_day(meeting.end_time) <= time_of_day(meeting.time):
            ctx.report("data.date-end-time", meeting, "end_time")
    for rec in council.recommendations:
        if rec.response and rec.response.date < rec.sent:
            ctx.report("data.date-before", rec, "response", "date", field="response.date", other="sent")
    for hearing in council.hearings:
        if hearing.status == "held" and hearing.date > ctx.today:
            ctx.report("data.date-held-future", hearing, "date", date=hearing.date)
        fp = hearing.final_protocol
        if fp and fp.adopted < hearing.date:
            ctx.report("data.date-before", hearing, "final_protocol", "adopted", field="final_protocol.adopted",
                       other="date")
    for report in council.reports:
        if report.published and report.published < report.period_bounds()[0]:
            ctx.report("data.date-before", report, "published", field="published", other="period")


@rule("data.attachment", level="portal", kind=Kind.DATA)
def attachments(ctx: Context) -> None:
    council = ctx.council
    folder = ctx.portal.root / council.path
    holders = [council.composition, *council.records()]
    for holder in holders:
        if holder is None:
            continue
        for path, value in iter_instances(holder, Attachment):
            _check_file(ctx, holder, folder, value.file, path + ("file",))
        if council.composition is holder:
            for i, m in enumerate(holder.members):
                if m.photo:
                    _check_file(ctx, holder, folder, m.photo.file, ("members", i, "photo", "file"))


def _check_file(ctx: Context, holder, folder, name: str, path: tuple) -> None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name:
        ctx.report("data.attachment-outside", holder, *path, file=name)
    elif not _is_file(folder / pure):
        ctx.report("data.attachment-missing", holder, *path, file=name)


def _is_file(path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name the file system cannot hold (too long): no such file
        return False


@rule("data.placeholder", level="portal", kind=Kind.DATA)
def placeholders(ctx: Context) -> None:
    council = ctx.council
    for holder in [council.info, council.composition, *council.records()]:
        if holder is None:
            continue
        for path, _lang, text in iter_texts(holder):
            match = PLACEHOLDER.search(text)
            if match:
                ctx.report("data.placeholder", holder, *path, placeholder=match.group(0))
        for lang, body in getattr(holder, "body", {}).items():
            match = PLACEHOLDER.search(body)
            if match:
                ctx.report("data.placeholder", holder, "body", lang, line=body_line(holder, lang, match.start()),
                           placeholder=match.group(0))
