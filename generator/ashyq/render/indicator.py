"""The feedback indicator F of Order No. 17-НҚ of 16 January 2024 (seed 004, p. 22–23; domain.md §6).

    F = (B / C) · (E / G) · 100 %

B accepted remarks and proposals, C remarks and proposals received, E
comments answered, G comments received. Seed 004, p. 22: «ескертулер мен
ұсыныстар түспеген жағдайларда … қатынас 1-ге (бірлік) тең болады» — a ratio
whose denominator is zero counts as 1. Seed 004, p. 23: F is set to zero when
drafts, reports, or interim and final results were not openly available
(«ашық қолжетімділікте болмаған жағдайда кері байланыс көрсеткіші нөлге
теңестіріледі»). Bands (p. 23): below 50 % ineffective; 50–69.9 % low;
70–89.9 % medium; 90–100 % high.

Where the figures come from. The records hold no register of individual
remarks, proposals and comments, so B, C, E and G are taken from the
``feedback`` section of the council's activity report for the period
(:class:`ashyq.models.report.Feedback`), the figures the council itself
reports. For the year, the annual report's figures count; when the
annual report has none, the two half-year reports are added up (public only
if both were).

When the reports give no figures for a period, the council's public
consultations held in it give them (seed 001: citizens' proposals are
collected and the council publishes its position): C and B are the
proposals received and accepted, G and E the comments received and
answered, summed over the consultations that record their figures. The
results were openly available only if every one of them has its position
published (``position.published``). The indicator names its records
(``source``) and says which they are (``basis``), so the page can tell the
reader where the figures came from. A period with neither has no indicator
(``None``): "no figures" is not "nothing received".

F is computed exactly (fractions) and rounded half up to one decimal; the
band is taken from the rounded value, so the figure shown and its band
always agree (69.96 shows as 70.0 and is "medium").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..i18n import t
from ..models import Council
from ..kinds.consultation.model import Consultation
from ..kinds.report.model import Report, period_bounds

PERIODS = ("h1", "h2", "year")
BANDS = ("ineffective", "low", "medium", "high")


def band_of(f: float | Decimal) -> str:
    """The band of a value of F in percent: edges 50, 70 and 90 belong to the upper band."""
    value = Decimal(str(f))
    if value < 50:
        return "ineffective"
    if value < 70:
        return "low"
    if value < 90:
        return "medium"
    return "high"


def _ratio(numerator: int, denominator: int) -> Fraction:
    return Fraction(1) if denominator == 0 else Fraction(numerator, denominator)


@dataclass(frozen=True)
class Indicator:
    """The feedback indicator of one council for one period."""

    B: int  # accepted remarks and proposals
    C: int  # remarks and proposals received
    E: int  # comments answered
    G: int  # comments received
    public: bool  # drafts, reports and results were openly available
    F: float  # percent, one decimal
    band: str  # ineffective | low | medium | high
    council: str = ""
    year: int = 0
    period: str = ""  # h1 | h2 | year
    source: tuple[str, ...] = ()  # uids of the records the figures come from
    basis: str = "report"  # report | consultations: which records those are

    @property
    def proposals_ratio(self) -> float:
        """B / C (1 when nothing was received)."""
        return float(_ratio(self.B, self.C))

    @property
    def comments_ratio(self) -> float:
        """E / G (1 when nothing was received)."""
        return float(_ratio(self.E, self.G))

    def band_name(self, lang: str) -> str:
        return t(lang, f"indicator.band.{self.band}")

    def sentence(self, lang: str) -> str:
        """One line for feeds and pages: 'F = 75.0 % (medium): B/C = 3/4, E/G = 5/5'."""
        key = "indicator.sentence" if self.public else "indicator.sentence-not-public"
        return t(lang, key, F=format_percent(self.F, lang), band=self.band_name(lang), B=self.B, C=self.C,
                 E=self.E, G=self.G)

    def basis_note(self, lang: str) -> str:
        """Where the figures come from: the activity report, or the consultations of the period."""
        if self.basis == "consultations":
            return t(lang, "indicator.basis-consultations", n=len(self.source))
        return t(lang, "indicator.basis-report")

    def to_json(self) -> dict:
        return {"council": self.council, "year": self.year, "period": self.period, "B": self.B, "C": self.C,
                "E": self.E, "G": self.G, "public": self.public, "F": self.F, "band": self.band,
                "basis": self.basis, "reports": list(self.source)}


def format_percent(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang in ("kk", "ru") else text


def indicator(B: int, C: int, E: int, G: int, public: bool = True, **where) -> Indicator:
    """F and its band from the four figures (the formula alone, for pages and tests)."""
    if public:
        exact = _ratio(B, C) * _ratio(E, G) * 100
        value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    else:
        value = Decimal("0.0")
    return Indicator(B=B, C=C, E=E, G=G, public=public, F=float(value), band=band_of(value), **where)


def _report(council: Council, year: int, period: str) -> Report | None:
    found = [r for r in council.reports if r.year == year and r.period == period and r.feedback is not None]
    return sorted(found, key=lambda r: r.id)[0] if found else None


def _from_consultations(council: Council, year: int, period: str, where: dict) -> Indicator | None:
    """The figures of the consultations held in the period that record them; None when there are none."""
    first, last = period_bounds(year, period)
    held: list[Consultation] = sorted(
        (c for c in council.of("consultation") if c.status == "held" and first <= c.date <= last
         and c.proposals_received is not None), key=lambda c: (c.date, c.id))  # type: ignore[union-attr]
    if not held:
        return None
    return indicator(sum(c.proposals_accepted or 0 for c in held), sum(c.proposals_received or 0 for c in held),
                     sum(c.comments_answered or 0 for c in held), sum(c.comments_received or 0 for c in held),
                     all(c.position is not None and c.position.published is not None for c in held),
                     source=tuple(c.uid for c in held), basis="consultations", **where)


def compute(council: Council, year: int, period: str) -> Indicator | None:
    """The indicator of ``council`` for ``year`` and ``period`` (``h1``, ``h2`` or ``year``).

    From the period's report, else (a year) its two half-year reports, else
    the consultations held in the period; None when the records hold no figures for it.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    where = {"council": council.slug, "year": year, "period": period}
    report = _report(council, year, period)
    if report is not None:
        fb = report.feedback
        return indicator(fb.proposals_accepted, fb.proposals_received, fb.comments_answered, fb.comments_received,
                         fb.public, source=(report.uid,), **where)
    halves = [_report(council, year, half) for half in ("h1", "h2")] if period == "year" else [None]
    if any(h is None for h in halves):
        return _from_consultations(council, year, period, where)
    fbs = [h.feedback for h in halves]
    return indicator(sum(f.proposals_accepted for f in fbs), sum(f.proposals_received for f in fbs),
                     sum(f.comments_answered for f in fbs), sum(f.comments_received for f in fbs),
                     all(f.public for f in fbs), source=tuple(h.uid for h in halves), **where)


def for_council(council: Council) -> list[Indicator]:
    """Every period of the council that has figures, newest first (year before its halves)."""
    years = sorted({r.year for r in council.reports}
                   | {c.date.year for c in council.of("consultation") if c.status == "held"}, reverse=True)
    out = []
    for year in years:
        for period in ("year", "h2", "h1"):
            found = compute(council, year, period)
            if found is not None:
                out.append(found)
    return out
