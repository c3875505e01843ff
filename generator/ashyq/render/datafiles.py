"""The open-data JSON of the portal's own objects, and of each file's envelope.

See :mod:`ashyq.render.opendata` for the published format. Record items
come from each type's declaration (:attr:`RecordType.data`).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..deadlines import response_status
from ..findings import Finding, Kind
from ..i18n import t
from ..kinds import registry
from ..models import Council
from ..validate.privacy import is_valid_iin
from . import urls
from .context import SiteContext
from .datamodels import OUTPUT_LANGS, camel, counts_keys, text
from .datamodels import date as _date
from .datamodels import stamp as _stamp
from .dataschema import FORMAT_VERSION
from .feedtext import plain, tombstones
from .indicator import for_council
from .members_data import membership_attendance

if TYPE_CHECKING:
    from .datapart import CouncilPart

ZIP_NAME = "ashyq-data.zip"


def _text(value) -> dict[str, str | None] | None:
    out = text(value)
    return out.model_dump() if out is not None else None


def _per_lang(ctx: SiteContext, value) -> dict[str, Any]:
    """``{kk: …, ru: …}`` of a value made per language; null for a language the portal does not publish."""
    return {lang: value(lang) if lang in ctx.langs else None for lang in OUTPUT_LANGS}


def json_files() -> tuple[str, ...]:
    return ("councils", "members", "people", *(rt.data.name for rt in registry.record_types()), "bodies", "findings",
            "rules")

def _public_bin(value: str | None) -> str | None:
    """A legal entity's BIN; None for a person's IIN used as BIN (an individual entrepreneur)."""
    if not value or is_valid_iin(value):
        return None
    return value


def membership_json(ctx: SiteContext, council: Council, member) -> dict:
    contacts = []
    if member.consent.contacts:
        if member.email:
            contacts.append({"type": "email", "value": plain(member.email)})
        if member.phone:
            contacts.append({"type": "voice", "value": plain(member.phone)})
    return {
        "type": "Membership", "id": f"{council.slug}/member/{member.id}", "organization_id": council.slug,
        "person_id": f"{council.slug}/{member.id}", "person_name": _text(member.name), "role": member.role,
        "label": _per_lang(ctx, lambda lang: t(lang, f"data.role.{member.role}")),
        "category": member.category,
        "organisation": {"name": _text(member.organisation), "bin": _public_bin(member.bin)},
        "civil_servant": member.civil_servant, "voting": member.voting,
        "start_date": member.start.isoformat(), "end_date": _date(member.end), "active": member.active_on(ctx.today),
        "contact_details": contacts,
        "biography": _text(member.biography) if member.consent.biography else None,
        "image": plain(member.photo.file) if member.photo and member.consent.photo else None,
        "attendance": membership_attendance(council, member),
    }


def _council_stamps(ctx: SiteContext, council: Council) -> dict[str, str | None]:
    info = council.info
    path = f"{council.path}/council.yml"
    created = (info.created if info else None) or ctx.dates.first(path)
    modified = (info.updated if info else None) or ctx.dates.last(path) or created
    return {"created": _stamp(created), "modified": _stamp(modified)}


def council_json(ctx: SiteContext, council: Council) -> dict:
    info = council.info
    members = council.composition.active(ctx.today) if council.composition else []
    civil = sum(1 for m in members if m.category == "civil-society")
    statuses = [response_status(r, ctx.calendar, ctx.today).state for r in council.recommendations]
    contacts = info.contacts if info else None
    return {
        "type": "Organization", "id": council.slug, "classification": info.type if info else None,
        "name": _text(info.name) if info else {"kk": council.slug, "ru": council.slug},
        "shortName": _text(info.short_name) if info else None,
        "hostBody": _text(info.host_body) if info else None, "region": _text(info.region) if info else None,
        "term": {"start": info.term.start.isoformat(), "end": info.term.end.isoformat()} if info else None,
        "contacts": {"email": contacts.email if contacts else None, "phone": contacts.phone if contacts else None,
                     "address": _text(contacts.address) if contacts else None,
                     "website": contacts.website if contacts else None},
        "about": _text(info.about) if info else None, "formedBy": _text(info.formed_by) if info else None,
        "approvedBy": info.approved_by if info else None,  # the maslikhat that approved the composition
        "web": _per_lang(ctx, lambda lang: ctx.url(urls.council(lang, council.slug))),
        "feeds": _per_lang(ctx, lambda lang: {fmt: ctx.url(urls.feed(lang, "all", fmt, council.slug))
                                              for fmt in ("atom", "rss")}),
        "calendar": _per_lang(ctx, lambda lang: ctx.url(urls.calendar(lang, council.slug))),
        "data": ctx.url(urls.data(f"councils/{council.slug}.json")),
        "composition": {
            "approved": _date(council.composition.approved) if council.composition else None,
            "published": _date(council.composition.published) if council.composition else None,
            "members": len(members), "civilSociety": civil,
            "civilSocietyShare": round(civil / len(members), 4) if members else None,
        },
        "counts": _counts(ctx, council, statuses),
        "indicator": [i.to_json() for i in for_council(council)],
        **_council_stamps(ctx, council),
    }


def _counts(ctx: SiteContext, council: Council, statuses: list[str]) -> dict[str, int]:
    """How many records of each type a council has (``counts_keys`` order), and the derived counts."""
    counts = {camel(rt.data.name): len(council.of(rt.kind)) for rt in registry.record_types()}
    counts.update(meetingsHeld=sum(1 for m in council.meetings if m.status == "held"),
                  recommendationsOverdue=statuses.count("overdue"), findings=len(ctx.council_findings(council)))
    return {key: counts[key] for key in counts_keys()}


def finding_json(ctx: SiteContext, f: Finding) -> dict:
    web = None
    if f.council and f.council in ctx.portal.councils:
        rec = None
        if f.record:
            slug, kind, rid = (f.record.split("/") + ["", "", ""])[:3]
            council = ctx.portal.councils.get(slug)
            rec = council.find(kind, rid) if council else None
        web = _per_lang(ctx, lambda lang: ctx.url(urls.record(lang, rec) if rec
                                                  else urls.council(lang, f.council, "compliance")))
    return {"rule": f.rule, "severity": f.severity, "level": f.level, "council": f.council, "record": f.record, "file": f.file,
            "line": f.line, "field": f.field,
            "message": _per_lang(ctx, lambda lang: plain(f.message(lang))), "web": web}


def tombstone_json(ctx: SiteContext, stone) -> dict:
    return {"type": registry.by_kind()[stone.kind].data.type_name, "id": stone.uid, "council": stone.council,
            "web": _per_lang(ctx, lambda lang: ctx.url(urls.record_by_parts(lang, stone.council, stone.folder,
                                                                            stone.id))),
            "name": {lang: plain(stone.title.get(lang)) if stone.title.get(lang) else None for lang in OUTPUT_LANGS},
            "created": _stamp(stone.created), "modified": _stamp(stone.removed), "deleted": True}


def compliance_findings(ctx: SiteContext) -> list[Finding]:
    """The findings the portal publishes: compliance only (data and safety errors stop the build)."""
    return [f for f in ctx.findings if f.kind is Kind.COMPLIANCE]


class Earlier(Protocol):
    """What a warm build knows of the open data earlier builds made of a council (:mod:`.datawrite`): only of
    one whose inputs did not change since, so that the files come out as a cold build writes them."""

    def holds(self, slug: str) -> bool:
        """Whether its part is kept and its document can be brought over: it is then taken, not made."""

    def part(self, slug: str) -> CouncilPart | None:
        """Its part of the portal-wide files as a build made it (:mod:`.datapart`)."""

    def bring(self, slug: str, rel: str) -> bool:
        """Its document's file ``rel`` brought over from the previous site; False if it cannot be."""

    def previous(self, rel: str) -> Path | None:
        """The previous site's file ``rel`` (the archive, whose entries of files brought over are copied)."""

    def document(self, slug: str) -> dict[str, Any] | None:
        """Its document as the previous site holds it (:func:`council_document`)."""

    def document_file(self, slug: str, rel: str) -> bytes | None:
        """Its document's file ``rel`` as the previous site holds it, whatever day it was judged on."""

    def keep(self, slug: str, part: CouncilPart) -> None:
        """Keep the part made now for the next builds."""

    def segments(self, first: str) -> dict[str, tuple[bytes, bytes]] | None:
        """What a build deflated of the group of councils beginning with ``first`` (:mod:`.datawrite`): file ->
        (digest of the bytes, their segment)."""

    def keep_segments(self, first: str, segments: dict[str, tuple[bytes, bytes]]) -> None:
        """Keep the group's segments made now for the next builds."""


def finish(doc: dict[str, Any], names: list[str]) -> None:
    """Live records first, in the order read, then removed ones (tombstones) by id."""
    for name in names:
        doc[name] = [i for i in doc[name] if not i["deleted"]] + sorted(
            (i for i in doc[name] if i["deleted"]), key=lambda i: i["id"])


ENVELOPE = ("format_version", "schema", "licence", "publisher", "as_of")  # the keys of every file's envelope


def envelope(ctx: SiteContext, name: str) -> dict[str, Any]:
    config = ctx.portal.config
    return {"format_version": FORMAT_VERSION, "schema": ctx.url(urls.data(f"schema/{name}.schema.json")),
            "licence": {"name": config.licence.name, "url": config.licence.url}, "publisher": _text(config.title),
            "as_of": ctx.today.isoformat()}


def redated(ctx: SiteContext, data: bytes) -> bytes | None:
    """A council's document written on another day (``data``, its file's bytes) with this build's envelope;
    None if it does not begin with an envelope of this portal. The envelope comes first and differs in its
    day alone (``as_of``, the key it ends with), so the rest is the document's, byte for byte: the document
    of a council whose inputs held is not read, only its day replaced (every council's, on a new day)."""
    new = json_bytes(envelope(ctx, "council"))
    head = new[: new.rindex(b'"as_of":') + len(b'"as_of":')]
    day = len(head) + len(b'"2026-01-01"')
    if not data.startswith(head) or data[day:day + 1] != b",":
        return None
    return new[: -len(b"}\n")] + data[day:]


# Compact: Python's C encoder writes it (an indented dump runs the pure-Python one, ten times slower,
# the larger part of the data step at national scale); a browser or `jq` shows it indented.
dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))  # one item, as every file holds it


def json_bytes(data: Any) -> bytes:
    return (dumps(data) + "\n").encode("utf-8")


def council_document(site: Path, slug: str) -> dict[str, Any] | None:
    """A council's document as ``data/councils/<slug>.json`` of the site at ``site`` holds it, without the
    envelope; None if it cannot be read."""
    path = site / urls.data(f"councils/{slug}.json")
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "council" not in data:
        return None
    return {key: value for key, value in data.items() if key not in ENVELOPE}
