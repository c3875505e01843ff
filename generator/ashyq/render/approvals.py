"""The link between a public council and the maslikhat that approved its composition, shown both ways.

A public council names the maslikhat in ``approved_by`` (``council.yml``);
the check (``data.reference``) makes sure it is a maslikhat of this portal.
The maslikhat's page lists the councils that name it; each of them links back.
"""

from __future__ import annotations

from ..collation import sorted_by
from ..models import Council, Portal


def is_maslikhat(council: Council | None) -> bool:
    return council is not None and council.info is not None and council.info.type == "maslikhat"


def approver(portal: Portal, council: Council) -> Council | None:
    """The maslikhat the council names in ``approved_by``, when it is one of this portal's."""
    slug = council.info.approved_by if council.info else None
    other = portal.councils.get(slug) if slug else None
    return other if is_maslikhat(other) and other is not council and not is_maslikhat(council) else None


def approved(portal: Portal, maslikhat: Council, lang: str) -> list[Council]:
    """The public councils that name ``maslikhat`` in ``approved_by``, by name in ``lang``'s order."""
    if not is_maslikhat(maslikhat):
        return []
    named = [c for c in portal.councils.values() if approver(portal, c) is maslikhat]
    return sorted_by(named, lang, lambda c: c.name(lang))
