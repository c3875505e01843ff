"""Synthetic records of the forms of public control (monitoring, expertise, report hearings, consultations).

:mod:`ashyq.synthetic` calls :func:`forms_files` once per council and year: a
clean record of each form (no finding), decided at the year's first meeting,
so the synthetic portals of the tests and benchmarks exercise every record
type and its schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .calendar import WorkCalendar

PAGE = [{"kk": "Кеңестің парақшасы", "ru": "Страница совета"}]


def forms_files(year: int, topic: dict[str, str], first_meeting: tuple[str, dt.date], chair: str,
                today: dt.date, cal: WorkCalendar) -> dict[str, tuple[dict[str, Any], Any]]:
    """The year's records of the four forms, each only once its dates have passed."""
    meeting, decided = first_meeting
    files: dict[str, tuple[dict[str, Any], Any]] = {}
    files.update(_consultations(year, topic, meeting, decided, today, cal))
    start = cal.next_working_day(dt.date(year, 3, 2))
    adopted = cal.next_working_day(dt.date(year, 6, 10))
    if adopted + dt.timedelta(days=10) < today and decided < start:
        files[f"monitoring/{year}-m1.md"] = ({
            "id": f"{year}-m1", "title": {"kk": f"Мониторинг: {topic['kk']}", "ru": f"Мониторинг: {topic['ru']}"},
            "entity": {"kk": "Қалалық әкімдік", "ru": "Городской акимат"},
            "activity": {"kk": "Мемлекеттік қызметтер көрсету", "ru": "Оказание государственных услуг"},
            "decision": {"meeting": meeting, "date": decided}, "status": "completed", "start": start,
            "end": adopted - dt.timedelta(days=5),
            "goals": [{"kk": "Қызмет сапасын бағалау", "ru": "Оценить качество услуг"}],
            "methods": ["surveys"], "performers": [{"name": chair, "kind": "member"}],
            "conclusion": {
                "adopted": adopted,
                "negative_consequences": {"kk": "Анықталмады.", "ru": "Не выявлено."},
                "efficiency_proposals": {"kk": "Кезекті қысқарту.", "ru": "Сократить очереди."},
                "violation_recommendations": {"kk": "Жоқ.", "ru": "Нет."},
                "amendments": {"kk": "Жоқ.", "ru": "Нет."},
                "published": adopted + dt.timedelta(days=1)},
            "sent_to": [{"name": {"kk": "Қалалық әкімдік", "ru": "Городской акимат"}, "kind": "state-body",
                         "date": adopted + dt.timedelta(days=3)}],
            "created": start,
        }, {"kk": "Мониторинг қорытындысы.", "ru": "Заключение мониторинга."})
    petition = cal.next_working_day(dt.date(year, 1, 5))
    if decided > petition and decided + dt.timedelta(days=10) < today:
        files[f"expertise/{year}-e1.yml"] = ({
            "id": f"{year}-e1", "title": {"kk": f"Шешім жобасы: {topic['kk']}", "ru": f"Проект решения: {topic['ru']}"},
            "initiator": {"name": chair, "kind": "person"}, "petition": petition,
            "decision": {"outcome": "refuse", "date": decided, "meeting": meeting,
                         "reasons": {"kk": "Жоба әзірге жарияланбаған.", "ru": "Проект ещё не опубликован."},
                         "notified": decided + dt.timedelta(days=2)},
            "created": petition,
        }, None)
    files.update(_report_hearing(year, chair, today, cal))
    return files


def _report_hearing(year: int, chair: str, today: dt.date, cal: WorkCalendar) -> dict[str, tuple[dict[str, Any], Any]]:
    """The report of the body the council is attached to, heard in September and approved."""
    day = cal.next_working_day(dt.date(year, 9, 15))
    if day + dt.timedelta(days=10) >= today:
        return {}
    body = {"kk": "Қалалық әкімдік", "ru": "Городской акимат"}
    return {f"report-hearings/{year}-rh1.md": ({
        "id": f"{year}-rh1", "title": {"kk": f"Әкімдіктің {year} жылғы есебі", "ru": f"Отчёт акимата за {year} год"},
        "reporting_body": body, "status": "held", "date": day, "time": "10:00",
        "place": {"kk": "Әкімдік ғимараты", "ru": "Здание акимата"}, "present": 30,
        "agenda": [{"kk": "Әкімдіктің есебі", "ru": "Отчёт акимата"}],
        "speakers": [{"name": "Төлегенов Марат", "position": {"kk": "Әкім", "ru": "Аким"}, "role": "report",
                      "summary": {"kk": "Жыл қорытындысы.", "ru": "Итоги года."}},
                     {"name": chair, "position": {"kk": "Кеңес төрағасы", "ru": "Председатель совета"},
                      "role": "co-report", "summary": {"kk": "Кеңестің бағасы.", "ru": "Оценка совета."}}],
        "resolution": {"adopted": day, "assessment": {"kk": "Қанағаттанарлық.", "ru": "Удовлетворительно."},
                       "recommendations": [{"kk": "Кезекті қысқарту.", "ru": "Сократить очереди."}],
                       "proposals": [{"kk": "Ашық деректерді жариялау.", "ru": "Публиковать открытые данные."}],
                       "published": day + dt.timedelta(days=3)},
        "vote": {"members_present": 10, "votes": {"for": 9, "against": 1, "abstained": 0}, "outcome": "approved"},
        "report_published": {"date": day + dt.timedelta(days=3), "url": "https://example.gov.kz/report",
                             "channels": PAGE},
        "created": day - dt.timedelta(days=14),
    }, {"kk": "Есеп тыңдалды.", "ru": "Отчёт заслушан."})}


def _consultations(year: int, topic: dict[str, str], meeting: str, decided: dt.date, today: dt.date,
                   cal: WorkCalendar) -> dict[str, tuple[dict[str, Any], Any]]:
    """One consultation a quarter, on the schedule the year's first meeting approved."""
    files: dict[str, tuple[dict[str, Any], Any]] = {}
    for q in range(1, 5):
        day = cal.next_working_day(dt.date(year, 3 * q - 1, 12))
        if day + dt.timedelta(days=10) >= today or day <= decided:
            break
        files[f"consultations/{year}-c{q}.md"] = ({
            "id": f"{year}-c{q}", "issue": topic, "meeting": meeting,
            "questions": [{"kk": "Не өзгерту керек?", "ru": "Что изменить?"}],
            "schedule": {"meeting": meeting, "published": decided + dt.timedelta(days=2)},
            "status": "held", "announced": day - dt.timedelta(days=14), "channels": PAGE, "date": day,
            "format": "in-person", "proposals_received": 10, "proposals_accepted": 4,
            "proposals": [{"kk": "Ұсыныс.", "ru": "Предложение."}],
            "position": {"published": day + dt.timedelta(days=10), "channels": PAGE},
            "created": day - dt.timedelta(days=14),
        }, {"kk": "Кеңес 10 ұсыныстың 4-еуін қолдады.", "ru": "Совет поддержал 4 из 10 предложений."})
    return files
