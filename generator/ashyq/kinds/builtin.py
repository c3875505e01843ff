"""The five built-in record types, registered through the same door as any plugin's type."""

from __future__ import annotations

from .hearing import HEARING
from .meeting import MEETING
from .plan import PLAN
from .recommendation import RECOMMENDATION
from .registry import register
from .report import REPORT

# Registration order is the portal's order of types: loading, a council's records, the lists of a
# council's data file (plans last, as the published format has them).
for _rt in (MEETING, RECOMMENDATION, HEARING, REPORT, PLAN):
    register(_rt)
