"""Typed records: what a council keeps, as the secretary writes it."""

from .common import LANGS, Attachment, Record, Text, Votes, iter_instances, iter_texts, text_of
from .council import Composition, CouncilInfo, Member
from ..kinds.hearing.model import Hearing
from ..kinds.meeting.model import Meeting
from ..kinds.plan.model import Plan
from .portal import Council, Portal
from ..kinds.recommendation.model import Recommendation
from ..kinds.report.model import Report



__all__ = [
    "LANGS", "Attachment", "Composition", "Council", "CouncilInfo", "Hearing", "Meeting", "Member", "Plan",
    "Portal", "Recommendation", "Record", "Report", "Text", "Votes", "iter_instances",
    "iter_texts", "text_of",
]
