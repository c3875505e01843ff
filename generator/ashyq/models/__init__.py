"""Typed records: what a council keeps, as the secretary writes it."""

from .common import LANGS, Attachment, Record, Text, Votes, iter_instances, iter_texts, text_of
from .council import Composition, CouncilInfo, Member
from .hearing import Hearing
from .meeting import Meeting
from .plan import Plan
from .portal import Council, Portal
from .recommendation import Recommendation
from .report import Report



__all__ = [
    "LANGS", "Attachment", "Composition", "Council", "CouncilInfo", "Hearing", "Meeting", "Member", "Plan",
    "Portal", "Recommendation", "Record", "Report", "Text", "Votes", "iter_instances",
    "iter_texts", "text_of",
]
