"""Open data of report hearings: ``data/report-hearings.json`` items and the ``report-hearings.csv`` table."""

from __future__ import annotations

from typing import Any, Literal

from ...render import datamodels as d
from ...render.context import SiteContext
from .model import Outcome, ReportHearing, SpeakerRole

State = Literal["planned", "held", "postponed", "cancelled"]


class ReportHearingSpeaker(d.Out):
    name: d.Text
    position: d.Text | None
    role: SpeakerRole
    summary: d.Text | None


class ReportHearingResolution(d.Out):
    adopted: d.Date
    assessment: d.Text | None
    recommendations: list[d.Text]
    proposals: list[d.Text]
    published: d.Date | None
    url: d.Url | None
    file: d.File | None


class ReportHearingVote(d.Out):
    """Popolo VoteEvent of the members' open vote on the report, with its result."""

    type: Literal["VoteEvent"] = "VoteEvent"
    membersPresent: d.Count
    counts: list[d.Count_]
    result: Outcome


class ReportHearingPublication(d.Out):
    date: d.Date
    url: d.Url | None
    channels: list[d.Text]


class ReportHearingOut(d.Out):
    """The hearing of a state body's (or quasi-public entity's) report on the results of its work."""

    type: Literal["ReportHearing"] = "ReportHearing"
    id: str
    council: str
    web: d.Web
    name: d.Text
    reportingBody: d.Text
    basis: d.Text | None
    period: d.Text | None
    reportHearingState: State
    cancelled: bool
    agreedWithBody: d.Date | None
    start: d.When
    end: d.Stamp | None
    location: d.Location
    meeting: str | None
    present: d.Count | None
    agenda: list[d.Text]
    speakers: list[ReportHearingSpeaker]
    resolution: ReportHearingResolution | None
    voteEvent: ReportHearingVote | None
    reportPublished: ReportHearingPublication | None
    bodyNotified: d.Date | None
    rehearing: str | None
    recommendations: list[str]
    protocol: d.Text | None
    auxiliaryFile: list[d.File]
    video: d.Url | None
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx: SiteContext, rec: ReportHearing) -> ReportHearingOut:
    res = None
    if rec.resolution is not None:
        r = rec.resolution
        res = ReportHearingResolution(adopted=r.adopted.isoformat(), assessment=d.text(r.assessment),
                            recommendations=d.texts(r.recommendations), proposals=d.texts(r.proposals),
                            published=d.date(r.published), url=r.url, file=d.file(r.file))
    vote = None
    if rec.vote is not None:
        vote = ReportHearingVote(membersPresent=rec.vote.members_present, counts=d.counts(rec.vote.votes),
                          result=rec.vote.outcome)
    pub = None
    if rec.report_published is not None:
        p = rec.report_published
        pub = ReportHearingPublication(date=p.date.isoformat(), url=p.url, channels=d.texts(p.channels))
    return ReportHearingOut(
        id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title),
        reportingBody=d.text(rec.reporting_body), basis=d.text(rec.basis), period=d.text(rec.period),
        reportHearingState=rec.status, cancelled=rec.status == "cancelled",
        agreedWithBody=d.date(rec.agreed_with_body), start=d.start(rec.date, rec.time),
        end=d.end(rec.date, rec.time, rec.end_time),
        location=d.Location(description=d.text(rec.place), online=rec.online), meeting=rec.meeting,
        present=rec.present, agenda=d.texts(rec.agenda),
        speakers=[ReportHearingSpeaker(name=d.text(s.name), position=d.text(s.position), role=s.role,
                             summary=d.text(s.summary)) for s in rec.speakers],
        resolution=res, voteEvent=vote, reportPublished=pub, bodyNotified=d.date(rec.notified),
        rehearing=rec.rehearing, recommendations=list(rec.recommendation_ids), protocol=d.body(rec),
        auxiliaryFile=[d.file(a) for a in rec.attachments], video=rec.video,
        compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class ReportHearingRow(d.Out):
    council: d.Cell
    report_hearing: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    body_kk: d.Cell
    body_ru: d.Cell
    status: d.Cell
    date: d.Cell
    time: d.Cell
    place_kk: d.Cell
    place_ru: d.Cell
    meeting: d.Cell
    present: d.Cell
    speakers: d.Cell
    resolution_adopted: d.Cell
    recommendations: d.Cell
    proposals: d.Cell
    members_present: d.Cell
    votes_for: d.Cell
    votes_against: d.Cell
    votes_abstained: d.Cell
    outcome: d.Cell
    report_published: d.Cell
    report_url: d.Cell
    created: d.Cell
    modified: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(h: dict[str, Any]) -> list[ReportHearingRow]:
    day, _, clock = h["start"].partition("T")
    res = h["resolution"] or {}
    vote = h["voteEvent"] or {}
    counts = {c["option"]: c["value"] for c in vote.get("counts", [])}
    pub = h["reportPublished"] or {}
    return [ReportHearingRow(
        council=h["council"], report_hearing=d.rid(h), **d.both("title", h["name"]),
        **d.both("body", h["reportingBody"]), status=h["reportHearingState"], date=day, time=clock[:5] or None,
        **d.both("place", h["location"]["description"]), meeting=h["meeting"], present=h["present"],
        speakers=len(h["speakers"]), resolution_adopted=res.get("adopted"),
        recommendations=len(res.get("recommendations", [])), proposals=len(res.get("proposals", [])),
        members_present=vote.get("membersPresent"), votes_for=counts.get("yes"), votes_against=counts.get("no"),
        votes_abstained=counts.get("abstain"), outcome=vote.get("result"), report_published=pub.get("date"),
        report_url=pub.get("url"), created=h["created"], modified=h["modified"], **d.pages(h))]
