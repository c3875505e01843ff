"""Importing this package registers every rule with the engine."""

from . import (  # noqa: F401
    attachments, composition, content, hearings, integrity, meetings, personal_data, recommendations, reports,
)
