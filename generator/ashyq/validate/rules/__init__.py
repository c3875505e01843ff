"""Importing this package registers every rule with the engine."""

from . import composition, content, hearings, integrity, meetings, recommendations, reports  # noqa: F401
