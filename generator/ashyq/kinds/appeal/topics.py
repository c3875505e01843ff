"""The portal-wide list of topics of appeals and receptions (labels: ``appeal.topic-<id>``).

One list for every maslikhat, so figures, filters and open data add up across
okrugs and deputies. The first five are the ones the deputies' manual names
(budget, housing and utilities, land use, transport, safety: seed 002, 2.2).
"""

from __future__ import annotations

from typing import Literal, get_args

Topic = Literal["housing-utilities", "roads-transport", "water", "land", "social-support", "improvement",
                "education", "health", "safety", "environment", "budget", "other"]
TOPICS: tuple[str, ...] = get_args(Topic)


def topic_key(topic: str) -> str:
    return f"appeal.topic-{topic}"
