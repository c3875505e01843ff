"""The constrained values every part of the portal agrees on, declared once.

The models validate with these types, the loader turns a pattern mismatch into
a hint the secretary understands (:data:`PATTERN_HINTS`), and ``ashyq new`` and
``ashyq init`` check answers and offer choices with the same patterns and
literals. Imports nothing from the package, so anything may use it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union, get_args

from pydantic import StringConstraints

# --------------------------------------------------------------------- patterns

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
BIN_PATTERN = r"^\d{12}$"
CLOCK_PATTERN = r"^([01]?\d|2[0-3]):[0-5]\d$"  # 9:30 and 09:30 alike
URL_PATTERN = r"^https?://\S+$"
DOMAIN_PATTERN = r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
# Art. 5 p.1 (and art. 5-1 p.1) subparagraph: "5.1.1" is art. 5 p.1 sub. 1,
# which sets a 10-working-day response deadline instead of a month;
# "5.1.4-1" is subparagraph 4-1).
BASIS_PATTERN = r"^5(-1)?\.1\.[1-9]\d?(-1)?$"
PERIOD_PATTERN = r"^(Q[1-4]|H[12]|year|(0?[1-9]|1[0-2]))$"

SLUG = re.compile(SLUG_PATTERN)
CLOCK = re.compile(CLOCK_PATTERN)
URL = re.compile(URL_PATTERN)

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Bin = Annotated[str, StringConstraints(pattern=BIN_PATTERN)]
Clock = Annotated[str, StringConstraints(pattern=CLOCK_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
# A domain as written in an address: labels of letters, digits and hyphens.
Domain = Annotated[str, StringConstraints(pattern=DOMAIN_PATTERN)]
Basis = Annotated[str, StringConstraints(pattern=BASIS_PATTERN)]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
Stamp = Union[dt.datetime, dt.date]

# What a constrained string should look like, in the secretary's terms (message key suffix).
PATTERN_HINTS: dict[str, str] = {
    SLUG_PATTERN: "slug",
    BIN_PATTERN: "bin",
    CLOCK_PATTERN: "clock",
    URL_PATTERN: "url",
    BASIS_PATTERN: "basis",
    PERIOD_PATTERN: "period",
}

# --------------------------------------------------------------------- choices

# "maslikhat": the elected local representative body, kept on the portal beside the councils it approves.
CouncilType = Literal["ministry", "central-body", "oblast", "city", "district", "quasi-public", "village", "maslikhat"]
Role = Literal["chair", "deputy-chair", "secretary", "member"]
Category = Literal["civil-society", "state-body"]
Status = Literal["planned", "held", "postponed", "cancelled"]
ReportPeriod = Literal["h1", "h2", "year"]

COUNCIL_TYPES: tuple[str, ...] = get_args(CouncilType)
ROLES: tuple[str, ...] = get_args(Role)
CATEGORIES: tuple[str, ...] = get_args(Category)
STATUSES: tuple[str, ...] = get_args(Status)
REPORT_PERIODS: tuple[str, ...] = get_args(ReportPeriod)

# How the portal's home page lists councils: national bodies first, then down to villages.
COUNCIL_TYPE_ORDER: tuple[str, ...] = ("ministry", "central-body", "quasi-public", "oblast", "city", "district",
                                       "village", "maslikhat")
