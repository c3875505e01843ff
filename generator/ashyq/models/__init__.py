"""Typed records: the building blocks every record shares, the council and its composition, the portal.

Each record type's own model lives with its type (``ashyq.kinds.<type>.model``).
"""

from .common import LANGS, Attachment, Record, Text, Votes, iter_instances, iter_texts, text_of
from .council import Composition, CouncilInfo, Member
from .portal import Council, Portal

__all__ = [
    "LANGS", "Attachment", "Composition", "Council", "CouncilInfo", "Member",
    "Portal", "Record", "Text", "Votes", "iter_instances",
    "iter_texts", "text_of",
]
