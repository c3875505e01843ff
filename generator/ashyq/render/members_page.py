"""What a member's page and the members section show (templates/pages/member.html.j2, section_members.html.j2)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..kinds.meeting.rollcall import absent, totals, votes_of
from ..models import Council
from ..models.common import Name, text_of
from .text import clean
from .members import (
    activity, feed_url, member_named, memberships, name_of, page_url, percent, person_of, rates)


def alt_text(lang: str) -> Callable[[Name | None], str]:
    """``alt(value)``: a photo's description as one plain line for an attribute, not a ``<span lang>``."""
    return lambda value: " ".join(clean(text_of(value, lang)).split())


def member_context(renderer: Any, council: Council, member_id: str) -> dict[str, Any]:
    """The member's roles over time, consented biography and photo, attendance, votes, speeches and chairs."""
    lang = renderer.lang
    today = renderer.ctx.today
    terms = memberships(council, member_id)
    act = activity(council)[member_id]
    current = next((m for m in reversed(terms) if m.active_on(today)), None)
    ended = max((m.end for m in terms if m.end), default=None) if current is None else None
    # Only what the person agreed to publish, from their latest membership that says so.
    bio = next((m.biography for m in reversed(terms) if m.consent.biography and m.biography), None)
    photo = next((m.photo for m in reversed(terms) if m.consent.photo and m.photo), None)
    return {
        "member_id": member_id, "name": name_of(council, member_id, lang), "terms": terms,
        "current": current, "ended": ended, "biography": bio, "photo": photo, "activity": act,
        "rate": percent(act.rate, lang),
        "feeds": {fmt: feed_url(lang, council.slug, member_id, fmt) for fmt in ("atom", "rss")},
        "option": lambda option: renderer.t(f"members.option-{option}"),
        "alt": alt_text(lang),
        "rows": _rows(_once(renderer, council.slug), act),
    }


def _rows(once: Callable[..., Any], act: Any) -> Callable[..., Markup]:
    """``rows(which, macro, cols)``: the attendance (``"meetings"``) or votes (``"votes"``) table's rows, newest
    first, each made once for the council (:func:`_once`); joined here rather than in a template loop, which
    cost more than the rows themselves."""
    def rows(which: str, macro: Callable[..., Any], cols: list[str]) -> Markup:
        if which == "meetings":
            made = (once(p.meeting, p.present, macro, p.meeting, p.present, cols) for p in reversed(act.meetings))
        else:
            made = (once(c.decision, c.option, macro, c, cols) for c in reversed(act.votes))
        return Markup("".join(f"{row}\n" for row in made))
    return rows


def _once(renderer: Any, slug: str) -> Callable[..., Any]:
    """``once(of, variant, macro, *args)``: the macro's output for the record part ``of`` and the member's
    ``variant`` of it (present or absent, the option voted), made once for all the council's member pages.

    A member page repeats each meeting and decision of the council (its date, link and text); a row
    differs between members only by the variant. Every member page of a council lies at the same depth,
    so a relative link made for one is right for all. The memory is the council's only: another council
    starts it anew.
    """
    cells = renderer.council_memory("member-cells", slug)

    def once(of: Any, variant: Any, macro: Callable[..., Any], *args: Any) -> Any:
        key = (macro.name, id(of), variant)
        if key not in cells:
            cells[key] = (of, macro(*args))  # holding ``of`` keeps its id from being reused
        return cells[key][1]
    return once


@dataclass(frozen=True)
class Author:
    """A member named in a record's ``authors``: their name as their page gives it, and that page."""

    id: str
    name: str
    url: str | None  # None for an id the composition does not hold (reported by data.reference)


def authors_of(lang: str, council: Council, ids: Iterable[str]) -> list[Author]:
    """The members who drafted a record, each person once, in the order written."""
    out: dict[str, Author] = {}
    for member_id in ids:
        if council.composition is None or council.composition.member(member_id) is None:
            out.setdefault(member_id, Author(member_id, member_id, None))
            continue
        person = person_of(council, member_id)
        out.setdefault(person, Author(member_id, name_of(council, person, lang),
                                      page_url(lang, council.slug, person)))
    return list(out.values())


def section_extra(renderer: Any, council: Council) -> dict[str, Any]:
    """The members section: attendance rates and each member's page."""
    return {"attendance": rates(council, renderer.lang), "alt": alt_text(renderer.lang),
            "member_page": _member_page(renderer.lang, council)}


def _member_page(lang: str, council: Council) -> Callable[[str], str]:
    """``member_page(member_id)``: the page of the person a membership belongs to."""
    return lambda member_id: page_url(lang, council.slug, person_of(council, member_id))


def meeting_extra(renderer: Any, council: Council, meeting: Any) -> dict[str, Any]:
    """A meeting page: who was absent, each decision's roll call by option, speakers who are members."""
    comp = council.composition
    rolls = []
    for decision in meeting.decisions:
        votes = votes_of(meeting, decision, comp)
        groups: dict[str, list[str]] = {}
        for member, option in (votes or {}).items():
            groups.setdefault(option, []).append(member)
        rolls.append({"totals": totals(meeting, decision, comp), "groups": groups if votes is not None else None})
    member_page = _member_page(renderer.lang, council)
    return {
        "absent": absent(meeting, comp), "rolls": rolls,
        "speaker_id": lambda item: member_named(council, item.speaker, meeting.date),
        "member_page": member_page,
        "member_links": _member_links(renderer, council, member_page),
        "option": lambda option: renderer.t(f"members.option-{option}"),
    }


def _member_links(renderer: Any, council: Council, member_page: Callable[[str], str]
                  ) -> Callable[[Iterable[str], Callable[[str], str]], Markup]:
    """``member_links(ids, link)``: the members' names, each a link to their page, comma-separated.

    A meeting page names every attendee, every absentee and each decision's voters (60 links a page at
    200 councils); one call here rather than three template calls and an escape per name.
    """
    def member_links(ids: Iterable[str], link: Callable[[str], str]) -> Markup:
        return Markup(", ".join(f'<a href="{link(member_page(i))}">{escape(renderer.member_name(council, i))}</a>'
                                for i in ids))
    return member_links

