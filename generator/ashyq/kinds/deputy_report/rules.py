"""Deputy report rules: a known deputy, a quarter that has ended, not published before it ended."""

from __future__ import annotations

from ...findings import Kind
from ...validate.engine import Context, rule
from ..appeal.figures import quarter_bounds


@rule("deputy-report.integrity", level="portal", kind=Kind.DATA)
def integrity(ctx: Context) -> None:
    members = ctx.council.member_ids()
    seen: set[tuple[str, int, int]] = set()
    for rep in ctx.council.of("deputy-report"):
        if rep.deputy not in members:  # type: ignore[attr-defined]
            ctx.report("deputy-report.integrity/deputy", rep, "deputy", deputy=rep.deputy)  # type: ignore[attr-defined]
        key = (rep.deputy, rep.year, rep.quarter)  # type: ignore[attr-defined]
        if key in seen:
            ctx.report("deputy-report.integrity/twice", rep, "quarter", deputy=key[0], year=key[1], quarter=key[2])
        seen.add(key)
        _, end = quarter_bounds(rep.year, rep.quarter)  # type: ignore[attr-defined]
        if rep.published is not None and rep.published < end:  # type: ignore[attr-defined]
            ctx.report("deputy-report.integrity/early", rep, "published", published=rep.published, end=end)  # type: ignore[attr-defined]
