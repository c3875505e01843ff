"""What a council publishes on purpose: official e-mails, domains and numbers.

The scan is given plain strings (from ``published_with_consent``, the
council's ``contacts`` and ``official_contacts``) and compares hits with
them after the same normalisation, so ``+7 (7172) 74-36-00`` allows
``87172743600`` and ``Kenes@Minzdrav.gov.kz`` allows ``kenes@minzdrav.gov.kz``.
A string names a whole domain when it is ``@domain``, ``*.domain``, a bare
domain (``minzdrav.gov.kz``) or a web address (its host, without ``www.``):
every address on that domain or a sub-domain of it is then allowed. Public
mail services (gmail.com, mail.ru …) are never allowed as a domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .emails import is_organisational, is_public_mail_domain
from .hit import Found
from .normalise import normalise

__all__ = ["Allowed", "allowed_from", "domain_of"]

_DOMAIN_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}", re.I)
_URL_RE = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)


@dataclass(frozen=True)
class Allowed:
    """Normalised contacts that are never reported."""

    keys: frozenset[tuple[str, str]] = frozenset()
    domains: tuple[str, ...] = ()

    def permits(self, found: Found) -> bool:
        if (found.kind, found.value.lower() if found.kind == "email" else found.value) in self.keys:
            return True
        if found.kind == "email":
            return is_organisational(found.value.rpartition("@")[2], self.domains)
        return False


def domain_of(item: str) -> str | None:
    """The domain a string names (see the module's note), or None."""
    raw = item.strip().lower()
    if _URL_RE.match(raw):
        try:
            raw = urlsplit(raw).hostname or ""
        except ValueError:  # not a real address, e.g. "http://[": names no domain
            return None
    elif raw.startswith(("@", "*.")):
        raw = raw.lstrip("@*.")
    elif not _DOMAIN_RE.fullmatch(raw):
        return None
    raw = raw.rstrip(".").removeprefix("www.")
    if not _DOMAIN_RE.fullmatch(raw) or is_public_mail_domain(raw):
        return None
    return raw


def _address_key(text: str) -> str:
    return " ".join(text.casefold().split())


def allowed_from(items: Iterable[str] | str) -> Allowed:
    """Parse official contacts: e-mails, domains, phone numbers, IINs, addresses."""
    if isinstance(items, str):  # one contact passed bare
        items = (items,)
    keys: set[tuple[str, str]] = set()
    domains: list[str] = []
    for item in items:
        raw = normalise(str(item)).text.strip()
        if raw.lower().startswith("mailto:"):
            raw = raw[len("mailto:") :]
        domain = domain_of(raw) if "@" not in raw.lstrip("@") else None
        if domain:
            domains.append(domain)
            continue
        if "@" in raw:
            keys.add(("email", raw.lower()))
            continue
        digits = re.sub(r"\D", "", raw)
        if len(digits) >= 10:
            keys.add(("phone", digits[-10:]))
        if len(digits) == 12:
            keys.add(("iin", digits))
        keys.add(("address", _address_key(raw)))
    return Allowed(frozenset(keys), tuple(dict.fromkeys(domains)))
