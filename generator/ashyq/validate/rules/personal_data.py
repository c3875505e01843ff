"""Rule ``privacy.personal-data``: no IIN, personal phone, e-mail or home address without consent.

The scan itself is :mod:`ashyq.validate.privacy`; this module decides what a
council publishes on purpose (:func:`allowed_contacts`) and where a hit is
reported: the field of a record, or the line of a Markdown body.
"""

from __future__ import annotations

from ...findings import Kind
from ...models import Council, iter_texts
from ...models.common import Model
from ..engine import Context, body_line, rule
from ..privacy import Allowed, allowed_from, scan_text
from .content import published

__all__ = ["allowed_contacts", "council_allowed", "personal_data"]


def allowed_contacts(council: Council, holder: Model | None = None) -> set[str]:
    """Contacts never reported in ``holder`` (or anywhere in ``council`` when None).

    The council's declared ``official_contacts`` (domains as ``@domain``,
    e-mails, numbers), its ``contacts`` (e-mail and that e-mail's domain,
    phone, the website's host as a domain), the contacts of members who
    agreed to publish them, and ``holder``'s own ``published_with_consent``.
    Pass the result to :func:`~ashyq.validate.privacy.scan_text` as ``allowed``;
    public mail services (gmail.com …) never count as a domain there.
    """
    allowed: set[str] = set(getattr(holder, "published_with_consent", None) or ())
    info = council.info
    if info:
        contacts = info.contacts
        allowed.update(v for v in (contacts.email, contacts.phone) if v)
        if contacts.email and "@" in contacts.email:
            allowed.add("@" + contacts.email.rpartition("@")[2])
        if contacts.website:
            allowed.add(contacts.website)
        official = info.official_contacts
        allowed.update("@" + d for d in official.domains)
        allowed.update(official.emails)
        allowed.update(official.phones)
    if council.composition:
        for m in council.composition.members:
            if m.consent.contacts:
                allowed.update(v for v in (m.email, m.phone) if v)
    return allowed


def council_allowed(council: Council, holder: Model | None = None) -> Allowed:
    """:func:`allowed_contacts` parsed once, ready for many calls to ``scan_text``."""
    return allowed_from(allowed_contacts(council, holder))


@rule("privacy.personal-data", level="law", kind=Kind.SAFETY)
def personal_data(ctx: Context) -> None:
    council = ctx.council
    shared = allowed_contacts(council)
    shared_allowed = allowed_from(shared)  # parsed once; a record's own consents make its own set
    for holder in published(council):
        consents = getattr(holder, "published_with_consent", None)
        allowed = allowed_from(shared | set(consents)) if consents else shared_allowed
        for path, _lang, text in iter_texts(holder):
            for hit in scan_text(text, allowed=allowed):
                ctx.report(f"privacy.personal-data/{hit.kind}", holder, *path, masked=hit.masked)
        for lang, body in getattr(holder, "body", {}).items():
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
