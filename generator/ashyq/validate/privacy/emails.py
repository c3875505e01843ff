"""E-mail addresses, plain and obfuscated, and which domains are organisational.

Runs on normalised text (see :mod:`.normalise`). Besides ``name@mail.ru``
this finds the ways people hide an address from robots, which hide nothing
from readers: ``name [at] gmail.com``, ``name (at) mail dot ru``,
``name собака mail.ru``, ``name @ mail [dot] ru``, ``name at mail точка kz``.
"""

from __future__ import annotations

import re

from .hit import Found

__all__ = [
    "ORGANISATIONAL_DOMAIN_SUFFIXES",
    "PUBLIC_MAIL_DOMAINS",
    "domain_matches",
    "find_emails",
    "is_organisational",
    "is_public_mail_domain",
]

#: E-mail domains of state bodies and institutions. An address on one of
#: these, or on a sub-domain of one (``press@akorda.kz``,
#: ``kenes@astana.gov.kz``), is an office address, never a private one.
#: Everything else (gmail.com, mail.ru, yandex.kz, an NGO's own domain …) is
#: reported unless the council declares it (``official_contacts``).
ORGANISATIONAL_DOMAIN_SUFFIXES: tuple[str, ...] = (
    ".gov.kz",
    ".kz.gov",
    ".edu.kz",
    ".parlam.kz",
    ".akorda.kz",
)

#: Public mail services: anyone gets an address there, so they are personal
#: wherever they appear, can never be declared as a council's domain, and a
#: "state" domain that contains one (``name@gmail.gov.kz``,
#: ``name@mail.ru.gov.kz``) is a disguise, not a state body.
PUBLIC_MAIL_DOMAINS: frozenset[str] = frozenset({
    "gmail.com", "googlemail.com", "mail.ru", "bk.ru", "list.ru", "inbox.ru", "internet.ru", "mail.kz",
    "inbox.kz", "yandex.ru", "yandex.kz", "yandex.com", "ya.ru", "rambler.ru", "hotmail.com", "outlook.com",
    "live.com", "yahoo.com", "icloud.com", "me.com", "protonmail.com", "proton.me", "aol.com", "gmx.com", "gmx.net",
    "mail.com", "zoho.com", "tut.by", "ukr.net",
})
# Brand names that never label a state body's mail server.
_PUBLIC_MAIL_BRANDS = frozenset({
    "gmail", "googlemail", "yandex", "rambler", "hotmail", "outlook", "yahoo", "icloud", "protonmail", "proton",
    "inbox",
})

# Plain address: local part, "@" (maybe with spaces), dotted domain ending in
# a letters-only TLD; a full stop ending the sentence is not taken in.
_EMAIL_RE = re.compile(r"(?<![\w.%+-])(?P<local>[\w.%+-]+) ?@ ?(?P<domain>(?:[\w-]+\.)+[^\W\d_]{2,})(?![\w-])")

# Obfuscated address: Latin local part and domain labels, "at" and "dot" in
# brackets or as words. The words alone ("at", "собака") need a Latin address
# around them, so "meet at 10" or the Russian word for a dog in a sentence
# are not addresses.
_AT = r"(?: ?@ ?| ?[\[({<] ?(?:at|@|собака|эт) ?[\])}>] ?| (?:at|собака) )"
_DOT = r"(?:\.|[ ]?[\[({<] ?(?:dot|точка|нүкте|\.) ?[\])}>] ?| (?:dot|точка|нүкте) )"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_OBFUSCATED_RE = re.compile(
    rf"(?<![\w.%+-])(?P<local>[A-Za-z0-9][A-Za-z0-9._%+-]*){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}})(?![\w-])",
    re.I,
)
_DOT_SPLIT_RE = re.compile(_DOT, re.I)


def domain_matches(domain: str, suffix: str) -> bool:
    """True when ``domain`` is ``suffix`` or a sub-domain of it (never a mere substring)."""
    domain, suffix = domain.lower().rstrip("."), suffix.lower().strip(".")
    return domain == suffix or domain.endswith("." + suffix)


def is_public_mail_domain(domain: str) -> bool:
    """True for a public mail service (gmail.com, mail.ru, yandex.kz …) or a sub-domain of one."""
    return any(domain_matches(domain, public) for public in PUBLIC_MAIL_DOMAINS)


def _disguised(domain: str, suffix: str) -> bool:
    """True when the part before a state suffix names a public mail service."""
    head = domain.lower()[: -len(suffix.strip("."))].strip(".")
    labels = head.split(".") if head else []
    if any(label in _PUBLIC_MAIL_BRANDS for label in labels):
        return True
    return any(".".join(labels[i:j]) in PUBLIC_MAIL_DOMAINS
               for i in range(len(labels)) for j in range(i + 1, len(labels) + 1))


def is_organisational(domain: str, declared: tuple[str, ...] = ()) -> bool:
    """True for a state or declared domain, matched as a real suffix and not a disguise."""
    for suffix in (*ORGANISATIONAL_DOMAIN_SUFFIXES, *declared):
        if domain_matches(domain, suffix):
            return not _disguised(domain, suffix)
    return False


def find_emails(text: str) -> list[Found]:
    """Every e-mail address in ``text``, organisational ones included (the caller decides)."""
    hits = [Found("email", m.start(), m.end(), f"{m['local']}@{m['domain'].lower()}")
            for m in _EMAIL_RE.finditer(text)]
    for m in _OBFUSCATED_RE.finditer(text):
        if _EMAIL_RE.fullmatch(m.group()):
            continue  # a plain address, found above
        domain = ".".join(_DOT_SPLIT_RE.split(m["domain"])).lower()
        hits.append(Found("email", m.start(), m.end(), f"{m['local']}@{domain}"))
    return hits
