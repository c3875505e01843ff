"""A recommendation's story: adopted at a meeting → sent → deadline → answer or overdue → follow-up.

The steps come from the records (:mod:`ashyq.kinds.recommendation.timeline`);
the page shows them as an ordered list whose items carry their date
(``<time datetime>``) and their state in words, in kk and ru. Checked on the
synthetic portal loaded from disk and on the real build of the sample.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ashyq.calendar import WorkCalendar
from ashyq.deadlines import response_status
from ashyq.i18n import t
from ashyq.kinds.recommendation.timeline import STATES, adoption, steps
from ashyq.load.tree import load_portal
from buildkit import TODAY, Site, parse, sample_site
from conftest import PortalFiles

D = dt.date.fromisoformat
R = "recommendations/2025-r1.yml"


def story(portal: PortalFiles, today: str = "2026-11-21"):
    loaded, _ = load_portal(portal.root)
    council = loaded.councils["council-001"]
    rec = council.find("recommendation", "2025-r1")
    status = response_status(rec, WorkCalendar(loaded.config.calendar), D(today))
    return rec, status, steps(council, rec, status, D(today), "Акимат")


def keys(found) -> list[str]:
    return [s.key for s in found]


def test_an_answer_on_time_comes_before_the_deadline(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: d.update(meeting="2025-01", decision=1, follow_up={"kk": "Бақылауда.",
                                                                                       "ru": "На контроле."}))
    rec, status, found = story(portal)
    assert status.state == "answered" and rec.response.date < status.deadline
    assert keys(found) == ["adopted", "sent", "answer", "deadline", "follow-up"]
    adopted = found[0]
    assert (adopted.title, adopted.params, adopted.record.id) == ("bodies.tl-adopted-decision", {"item": 1}, "2025-01")
    assert [s.state for s in found] == ["done", "done", "ok", "done", "info"]
    assert all(s.state in STATES for s in found)


def test_a_late_answer_comes_after_the_deadline(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: d["response"].update(date=D("2025-03-20")))
    rec, status, found = story(portal)
    assert keys(found) == ["sent", "deadline", "answer"]  # no meeting or hearing named: no adoption step
    assert found[-1].state == "late" and found[-1].params["days"] == status.days_overdue > 0


def test_no_answer_past_the_deadline_is_overdue_as_of_today(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: (d.pop("response"), d.update(meeting="2025-01")))
    rec, status, found = story(portal)
    assert keys(found) == ["adopted", "sent", "deadline", "overdue"]
    assert found[0].title == "bodies.tl-adopted-meeting"
    assert (found[-1].state, found[-1].date, found[-1].params["days"]) == ("overdue", D("2026-11-21"),
                                                                          status.days_overdue)


def test_no_answer_before_the_deadline_is_awaited(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: (d.pop("response"), d.update(sent=D("2026-11-20"))))
    _, status, found = story(portal)
    assert keys(found) == ["sent", "deadline", "pending"]
    assert (found[1].state, found[2].state, found[2].date) == ("ahead", "pending", None)


def test_a_recommendation_from_a_hearing_is_adopted_by_its_final_protocol(portal: PortalFiles):
    portal.edit_yaml(R, lambda d: d.update(hearing="2025-h1"))
    loaded, _ = load_portal(portal.root)
    council = loaded.councils["council-001"]
    rec = council.find("recommendation", "2025-r1")
    hearing = council.find("hearing", "2025-h1")
    found = adoption(council, rec)
    assert found.record is hearing and found.date == hearing.final_protocol.adopted


# --------------------------------------------------------------------- the page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return sample_site(tmp_path_factory)


def timeline_html(site: Site, path: str) -> str:
    html = site.html(path)
    found = re.search(r'<ol class="ashyq-timeline">(.*?)</ol>', html, re.S)
    assert found, f"{path}: no timeline"
    return found.group(1)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_page_shows_the_story_as_an_ordered_list_with_dates_and_states(site: Site, lang: str):
    council = site.portal.councils["minzdrav"]
    rec = council.find("recommendation", "2025-04")  # adopted by decision 1 of 2025-09-18, answered late
    block = timeline_html(site, f"{lang}/councils/minzdrav/recommendations/{rec.id}/")
    items = re.findall(r"<li class=\"ashyq-timeline__step ashyq-timeline__step--(\w+)\">(.*?)</li>", block, re.S)
    assert [state for state, _ in items] == ["done", "done", "done", "late"]
    dates = [re.search(r'<time datetime="([^"]+)"', body).group(1).replace("&#45;", "-") for _, body in items]
    assert dates == ["2025-09-18", "2025-09-24", "2025-10-24", "2025-11-06"]
    text = [" ".join(parse(body).text.split()) for _, body in items]
    assert t(lang, "bodies.tl-adopted-decision", item=1) in text[0]
    assert t(lang, "bodies.state-late") in text[3] and t(lang, "ui.outcome-partly") in text[3]
    for line in text:  # every step says its state in words, not by colour alone
        assert t(lang, "bodies.tl-state") + ":" in line


def test_an_overdue_recommendation_says_so_with_the_days(site: Site):
    council = site.portal.councils["minzdrav"]
    rec = council.find("recommendation", "2026-02")
    status = response_status(rec, WorkCalendar(site.portal.config.calendar), D(TODAY))
    assert status.state == "overdue"
    block = timeline_html(site, f"ru/councils/minzdrav/recommendations/{rec.id}/")
    text = " ".join(parse(block).text.split())
    assert t("ru", "bodies.tl-overdue") in text and t("ru", "ui.days-late", n=status.days_overdue) in text
    assert "ashyq-timeline__step--overdue" in block


def test_the_timeline_stylesheet_is_served_with_every_page(site: Site):
    assert (site.out / "kk" / "assets" / "stylesheets" / "ashyq-timeline.css").is_file()
    assert "assets/stylesheets/ashyq-timeline.css" in site.html("ru/councils/minzdrav/recommendations/2025-04/")


def test_a_hearing_links_the_bodies_it_sent_its_results_to(site: Site):
    html = site.html("ru/councils/almaty-akimat/hearings/2025-byudzhet/")
    for body in ("almaty-akimat", "almaty-maslikhat", "almaty-prokuratura"):
        assert f'href="../../../../bodies/{body}/"' in html
    assert "Информационное агентство «Дыхание города»" in html  # a media outlet stays free text
