"""A body's own words for the shared strings on its pages: a maslikhat holds sessions, not meetings.

The pages of every body share one set of templates and strings. A body type
that names a thing differently keeps its words in its own locale area: a key
``<area>.<key>`` (``maslikhat2.ui.section-meetings``: «Сессиялар») replaces
``<key>`` on the pages of a council of that type; every other key reads as
everywhere. Feeds, calendars and data keep the shared words: a record's type
is one vocabulary across the portal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import catalogue, t
from ..models import Council

AREAS = {"maslikhat": "maslikhat2"}  # council type -> the locale area holding its own words


def translator(lang: str, council: Council | None) -> Callable[..., str]:
    """``t(key, **params)`` for the pages of ``council``: its type's own word where the area has one."""
    area = AREAS.get(council.info.type) if council is not None and council.info else None
    if area is None:
        return lambda key, /, **params: t(lang, key, **params)
    own = catalogue(lang)

    def say(key: str, /, **params: Any) -> str:
        alternative = f"{area}.{key}"
        return t(lang, alternative if alternative in own else key, **params)

    return say
