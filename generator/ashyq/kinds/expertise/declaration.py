"""Public expertise (``expertise/<id>.md``): the declaration and everything type-specific about it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from .model import CONCLUSION_WORKING_DAYS, Expertise, Method
from ...render import datamodels as d
from ...render.context import SiteContext
from ...render.feedtext import findings_lines, finish, format_date, one_line, say, text_in, votes_text
from ..spec import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold

HERE = Path(__file__).resolve().parent  # this type's page and scaffold templates

State = Literal["petition", "refused", "in-progress", "not-approved", "approved", "sent"]
# A state's badge variant; its words are the locale key expertise.state-<state>.
VARIANTS: dict[str, str] = {"petition": "pending", "refused": "cancelled", "in-progress": "pending",
                            "not-approved": "warn", "approved": "ok", "sent": "ok"}


def label(rec: Expertise, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title) or rec.id, used


def conclusion_due(ctx: SiteContext, rec: Expertise) -> dt.date | None:
    approved = rec.approved_on
    return ctx.calendar.add_working_days(approved, CONCLUSION_WORKING_DAYS) if approved else None


def summary(ctx: SiteContext, rec: Expertise, council: str, lang: str) -> str:
    lines = [council,
             say(lang, "expertise.feed-petition", date=format_date(rec.petition, lang),
                 initiator=one_line(text_in(rec.initiator.name, lang)[0])),
             say(lang, "expertise.feed-state", state=say(lang, f"expertise.state-{rec.state}"))]
    dec = rec.decision
    if dec is not None and dec.outcome == "refuse":
        lines.append(say(lang, "expertise.feed-refused", date=format_date(dec.date, lang)))
        lines.append(one_line(text_in(dec.reasons, lang)[0]))
    elif dec is not None:
        lines.append(say(lang, "expertise.feed-hold", date=format_date(dec.date, lang)))
    if rec.plan is not None and rec.plan.posted:
        lines.append(say(lang, "expertise.feed-plan", date=format_date(rec.plan.posted, lang)))
    approval = rec.approval
    if approval is not None:
        key = "expertise.feed-approved" if approval.approved else "expertise.feed-not-approved"
        lines.append(say(lang, key, date=format_date(approval.date, lang), votes=votes_text(approval.votes, lang)))
    if rec.sent_to:
        names = "; ".join(one_line(text_in(a.name, lang)[0]) for a in rec.sent_to)
        lines.append(say(lang, "expertise.feed-sent", date=format_date(min(a.date for a in rec.sent_to), lang),
                         addressees=names))
    lines += findings_lines(ctx, rec, lang)
    return finish(lines)


# --------------------------------------------------------------------- open data


class ExpertiseInitiator(d.Out):
    name: d.Text
    kind: Literal["person", "ngo", "other"]
    foreignBranch: bool
    bin: str | None


class ExpertiseDecision(d.Out):
    outcome: Literal["hold", "refuse"]
    date: d.Date
    meeting: str | None
    reasons: d.Text | None
    notified: d.Date | None


class ExpertiseCommission(d.Out):
    formedBy: list[d.Text]
    formed: d.Date | None
    firstSitting: d.Date | None
    head: d.Text | None
    members: list[d.Text]


class ExpertisePlan(d.Out):
    posted: d.Date | None
    url: d.Url | None
    file: d.File | None


class ExpertiseSitting(d.Out):
    date: d.Date
    membersPresent: d.Count
    voteEvent: d.VoteEvent | None
    summary: d.Text | None


class ExpertiseApproval(d.Out):
    date: d.Date
    meeting: str | None
    membersPresent: d.Count | None
    voteEvent: d.VoteEvent
    approved: bool


class ExpertiseConclusion(d.Out):
    submitted: d.Date | None
    signedByHead: bool
    signedByMembers: bool
    file: d.File | None
    approval: ExpertiseApproval | None


class ExpertiseAnswer(d.Out):
    date: d.Date
    text: d.Text | None
    file: d.File | None


class ExpertiseAddressee(d.Out):
    name: d.Text
    date: d.Date
    answer: ExpertiseAnswer | None


class ExpertiseOut(d.Out):
    """A public expertise: petition, the council's decision, commission, plan, sittings, conclusion, addressees."""

    type: Literal["Expertise"] = "Expertise"
    id: str
    council: str
    web: d.Web
    name: d.Text
    draftOf: d.Text | None
    method: list[Method]
    expertiseState: State
    initiator: ExpertiseInitiator
    petition: d.Date
    decision: ExpertiseDecision | None
    bodiesInformed: d.Date | None
    commission: ExpertiseCommission | None
    plan: ExpertisePlan | None
    sittings: list[ExpertiseSitting]
    conclusion: ExpertiseConclusion | None
    conclusionDeadline: d.Date | None
    sentTo: list[ExpertiseAddressee]
    recommendations: list[str]
    text: d.Text | None
    auxiliaryFile: list[d.File]
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def _vote(votes) -> d.VoteEvent | None:
    return None if votes is None else d.VoteEvent(counts=d.counts(votes))


def data_item(ctx: SiteContext, rec: Expertise) -> ExpertiseOut:
    i, dec, com, plan, con = rec.initiator, rec.decision, rec.commission, rec.plan, rec.conclusion
    approval = None
    if con is not None and con.approval is not None:
        a = con.approval
        approval = ExpertiseApproval(date=a.date.isoformat(), meeting=a.meeting, membersPresent=a.members_present,
                               voteEvent=_vote(a.votes), approved=a.approved)
    return ExpertiseOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title), draftOf=d.text(rec.draft_of),
        method=list(rec.method), expertiseState=rec.state,
        initiator=ExpertiseInitiator(name=d.text(i.name), kind=i.kind, foreignBranch=i.foreign_branch, bin=i.bin),
        petition=rec.petition.isoformat(),
        decision=None if dec is None else ExpertiseDecision(
            outcome=dec.outcome, date=dec.date.isoformat(), meeting=dec.meeting, reasons=d.text(dec.reasons),
            notified=d.date(dec.notified)),
        bodiesInformed=d.date(rec.bodies_informed),
        commission=None if com is None else ExpertiseCommission(
            formedBy=d.texts(com.formed_by), formed=d.date(com.formed), firstSitting=d.date(com.first_sitting),
            head=d.text(com.head), members=d.texts(com.members)),
        plan=None if plan is None else ExpertisePlan(posted=d.date(plan.posted), url=plan.url, file=d.file(plan.file)),
        sittings=[ExpertiseSitting(date=s.date.isoformat(), membersPresent=s.members_present, voteEvent=_vote(s.votes),
                             summary=d.text(s.summary)) for s in rec.sittings],
        conclusion=None if con is None else ExpertiseConclusion(
            submitted=d.date(con.submitted), signedByHead=con.signed_by_head, signedByMembers=con.signed_by_members,
            file=d.file(con.file), approval=approval),
        conclusionDeadline=d.date(conclusion_due(ctx, rec)),
        sentTo=[ExpertiseAddressee(name=d.text(a.name), date=a.date.isoformat(), answer=None if a.answer is None else
                             ExpertiseAnswer(date=a.answer.date.isoformat(), text=d.text(a.answer.text),
                                       file=d.file(a.answer.file))) for a in rec.sent_to],
        recommendations=list(rec.recommendations), text=d.body(rec),
        auxiliaryFile=[d.file(a) for a in rec.attachments], compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class ExpertiseRow(d.Out):
    council: d.Cell
    expertise: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    state: d.Cell
    initiator_kk: d.Cell
    initiator_ru: d.Cell
    initiator_kind: d.Cell
    petition: d.Cell
    decision: d.Cell
    decision_date: d.Cell
    decision_meeting: d.Cell
    initiator_notified: d.Cell
    plan_posted: d.Cell
    sittings: d.Cell
    approval_date: d.Cell
    approved: d.Cell
    votes_for: d.Cell
    votes_against: d.Cell
    votes_abstained: d.Cell
    conclusion_deadline: d.Cell
    first_sent: d.Cell
    recipients: d.Cell
    answers: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(e: dict[str, Any]) -> list[ExpertiseRow]:
    dec = e["decision"] or {}
    approval = (e["conclusion"] or {}).get("approval") or {}
    counts = {c["option"]: c["value"] for c in (approval.get("voteEvent") or {}).get("counts", [])}
    sent = [a["date"] for a in e["sentTo"]]
    return [ExpertiseRow(
        council=e["council"], expertise=d.rid(e), **d.both("title", e["name"]), state=e["expertiseState"],
        **d.both("initiator", e["initiator"]["name"]), initiator_kind=e["initiator"]["kind"],
        petition=e["petition"], decision=dec.get("outcome"), decision_date=dec.get("date"),
        decision_meeting=dec.get("meeting"), initiator_notified=dec.get("notified"),
        plan_posted=(e["plan"] or {}).get("posted"), sittings=len(e["sittings"]), approval_date=approval.get("date"),
        approved=approval.get("approved"), votes_for=counts.get("yes"), votes_against=counts.get("no"),
        votes_abstained=counts.get("abstain"), conclusion_deadline=e["conclusionDeadline"],
        first_sent=min(sent) if sent else None, recipients=len(sent),
        answers=sum(1 for a in e["sentTo"] if a["answer"]), created=e["created"], modified=e["modified"],
        **d.pages(e))]


# --------------------------------------------------------------------- scaffold, pages, links


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    from ...scaffold.ids import next_number

    return f"{day.year}-e{next_number(ids, f'{day.year}-e')}"


def scaffold_values(folder: Path, values: dict[str, Any], ctx: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {"initiator": values.get("initiator")}


def page_data(renderer, council, rec: Expertise) -> dict[str, Any]:
    return {"conclusion_due": conclusion_due(renderer.ctx, rec)}


def refs(rec: Expertise) -> list[tuple[str, str]]:
    """The meetings that decided on it (to hold or refuse, to approve the conclusion) and its recommendations."""
    meetings = [rec.decision.meeting if rec.decision else None, rec.approval.meeting if rec.approval else None]
    return [("meeting", m) for m in dict.fromkeys(meetings) if m] + [("recommendation", r) for r in rec.recommendations]


def badge(rec: Expertise) -> tuple[str, str]:
    return VARIANTS[rec.state], f"expertise.state-{rec.state}"


EXPERTISE = RecordType(
    kind="expertise", folder="expertise", model=Expertise, label=label, date=lambda r: r.petition,
    published=lambda r: r.petition, feed_summary=summary, feeds=(Feed("expertise", 34, ""),),
    data=OpenData("expertise", ExpertiseOut, data_item, (CsvTable("expertise", ExpertiseRow, rows),)),
    scaffold=Scaffold("expertise.md.j2", ".md", next_id,
                      (("date", "expertise.ask-petition"), ("title_kk", "expertise.ask-title-kk"),
                       ("title_ru", "expertise.ask-title-ru"), ("initiator", "expertise.ask-initiator")),
                      scaffold_values, template_dir=HERE / "scaffold"),
    schema=EditorSchema(
        "Public expertise (expertise/<id>.md, front matter)",
        "A public expertise: the initiator's petition, the council's decision or motivated refusal, the expert "
        "commission, the plan posted online, the commission's sittings, the draft conclusion and the council's "
        "vote, the bodies it was sent to and their answers. In a .md file this is the front matter; the "
        "conclusion is the Markdown body."),
    rules="ashyq.kinds.expertise.rules",
    held=lambda r: r.approved_on, refs=refs, badge=badge, page_data=page_data,
    template_dir=HERE / "pages",
)
