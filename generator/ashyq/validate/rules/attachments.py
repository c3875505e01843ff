"""Safety rules over attached files: what may be published, and personal data inside documents.

``safety.attachment``: every file in a council's ``attachments/`` folder
must have a safe name and an allowed type whose content matches its
extension, and must be linked from a record; a record may link only to files
in ``attachments/``. A file no record links to is never published: it is
reported so that it does not sit in the repository unreviewed, or vanish
from the portal without a word.

``privacy.attachment``: the text of every linked document is scanned for
personal data with the same scanner and the same consents as the records'
texts (``privacy.personal-data``); the message says on which page, paragraph,
line or cell.
"""

from __future__ import annotations

import bisect

from ...filetypes import KNOWN, extension
from ...findings import Kind
from ...load.source import Source
from ..attachment_text import Limits, Piece, Unreadable, pieces
from ...attachments import FOLDER, file_problems, is_real_file, linked_files, stored_files
from ..engine import Context, rule
from ..privacy import scan_text
from .personal_data import allowed_contacts

# A document with thousands of phone numbers is one problem: its first hits say enough.
MAX_HITS_PER_FILE = 20


@rule("safety.attachment", level="portal", kind=Kind.SAFETY)
def attachment_files(ctx: Context) -> None:
    council = ctx.council
    base = ctx.portal.root / council.path
    settings = ctx.portal.config.attachments
    links = linked_files(council)
    for rel, found in links.items():
        if rel.split("/", 1)[0] != FOLDER and is_real_file(base, rel):
            for link in found:
                ctx.report("attachments.outside-folder", link.holder, *link.path, file=rel)
    for rel in stored_files(base):
        source = Source(f"{council.path}/{rel}")
        problems = file_problems(rel, base / rel, settings)
        for problem in problems:
            ctx.report(problem.key, source, file=rel, **problem.params)
        if not problems and rel not in links:
            ctx.report("attachments.unlinked", source, file=rel)


@rule("privacy.attachment", level="law", kind=Kind.SAFETY)
def attachment_privacy(ctx: Context) -> None:
    council = ctx.council
    base = ctx.portal.root / council.path
    settings = ctx.portal.config.attachments
    limits = Limits(settings.scan_max_mb * 2**20, settings.scan_max_pages)
    for rel, links in sorted(linked_files(council).items()):
        kind = KNOWN.get(extension(rel))
        if (kind is None or kind.reader is None or rel.split("/", 1)[0] != FOLDER or not is_real_file(base, rel)
                or file_problems(rel, base / rel, settings)):
            continue  # not scanned: images, or a file safety.attachment / data.attachment already stops
        source = Source(f"{council.path}/{rel}")
        try:
            found = pieces(base / rel, kind.reader, limits)
        except Unreadable as problem:
            ctx.report(problem.key, source, file=rel, **problem.params)
            continue
        allowed: set[str] = set()
        for link in links:
            allowed |= allowed_contacts(council, link.holder)
        _report_hits(ctx, source, rel, found, allowed)


def _report_hits(ctx: Context, source: Source, rel: str, found: list[Piece], allowed: set[str]) -> None:
    # One scan over the whole document; pieces are separated by a blank line so that nothing joins across them.
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for piece in found:
        starts.append(offset)
        parts.append(piece.text)
        offset += len(piece.text) + 2
    text = "\n\n".join(parts)
    hits = scan_text(text, allowed=allowed)
    for hit in hits[:MAX_HITS_PER_FILE]:
        index = bisect.bisect_right(starts, hit.start) - 1
        piece = found[index]
        n = piece.n
        if piece.unit == "line":
            n = piece.text.count("\n", 0, hit.start - starts[index]) + 1
        ctx.report(f"attachments.personal-data-{piece.unit}", source, file=rel, masked=hit.masked, kind=hit.kind,
                   n=n, sheet=piece.sheet, cell=piece.cell)
    if len(hits) > MAX_HITS_PER_FILE:
        ctx.report("attachments.personal-data-more", source, file=rel, count=len(hits) - MAX_HITS_PER_FILE)
