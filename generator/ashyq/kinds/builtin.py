"""The five built-in record types, registered through the same door as any plugin's type."""

from __future__ import annotations

from .expertise.declaration import EXPERTISE
from .consultation.declaration import CONSULTATION
from .appeal.declaration import APPEAL
from .deputy_report.declaration import DEPUTY_REPORT
from .reception.declaration import RECEPTION
from .hearing.declaration import HEARING
from .meeting.declaration import MEETING
from .monitoring.declaration import MONITORING
from .plan.declaration import PLAN
from .recommendation.declaration import RECOMMENDATION
from .registry import register
from .report.declaration import REPORT
from .report_hearing.declaration import REPORT_HEARING

# Registration order is the portal's order of types: loading, a council's records, the lists of a
# council's data file (plans last, as the published format has them).
for _rt in (MEETING, RECOMMENDATION, HEARING, MONITORING, EXPERTISE, REPORT_HEARING, CONSULTATION, RECEPTION, APPEAL,
            DEPUTY_REPORT, REPORT, PLAN):
    register(_rt)
