"""Find personal data in text before it is published (rule ``privacy.personal-data``).

Law No. 383-V (art. 7 p.2 sub. 5, as seed 000 paraphrases it) and seed 003
(«список участников (с согласия)») allow a council to publish a person's data
only with that person's consent. Secretaries paste protocols from Word, and
an IIN, a mobile number or a home address slips in easily — often with
invisible characters inside, or wrapped onto the next line. The scan:

* normalises the text (:mod:`.normalise`) and maps every hit back to the
  original, so the line reported is the line written;
* finds ``iin`` (:mod:`.iin`), ``phone`` (:mod:`.phones`), ``email``
  (:mod:`.emails`, obfuscated forms too) and ``address`` (:mod:`.addresses`);
* passes over what the council publishes on purpose (:mod:`.allowed`).

Everything here is pattern matching on plain text: a hit is a strong hint
for a human reviewer, not a legal judgement, and a miss is possible.
"""

from __future__ import annotations

from .allowed import Allowed, allowed_from, domain_of
from .emails import ORGANISATIONAL_DOMAIN_SUFFIXES, PUBLIC_MAIL_DOMAINS, is_public_mail_domain
from .hit import PrivacyHit, line_col
from .iin import is_valid_iin
from .normalise import Normalised, normalise
from .scan import scan_text

__all__ = [
    "ORGANISATIONAL_DOMAIN_SUFFIXES",
    "PUBLIC_MAIL_DOMAINS",
    "Allowed",
    "Normalised",
    "PrivacyHit",
    "allowed_from",
    "domain_of",
    "is_public_mail_domain",
    "is_valid_iin",
    "line_col",
    "normalise",
    "scan_text",
]
