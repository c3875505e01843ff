"""Typed records: what a council keeps, as the secretary writes it."""

from .common import LANGS, Attachment, Record, Text, Votes, iter_instances, iter_texts, text_of
from .council import Composition, CouncilInfo, Member
from .hearing import Hearing
from .meeting import Meeting
from .plan import Plan
from .portal import Council, Portal
from .recommendation import Recommendation
from .report import Report



def __getattr__(name: str):
    # The record classes the registry knows (built-in and plugin), in registration order. Derived lazily:
    # the registry's declarations import the models, so the models cannot import them up front.
    if name == "RECORD_TYPES":
        from ..kinds.registry import record_types

        return tuple(rt.model for rt in record_types())
    raise AttributeError(name)


__all__ = [
    "LANGS", "Attachment", "Composition", "Council", "CouncilInfo", "Hearing", "Meeting", "Member", "Plan",
    "Portal", "RECORD_TYPES", "Recommendation", "Record", "Report", "Text", "Votes", "iter_instances",
    "iter_texts", "text_of",
]
