"""Synthetic portals: clean, realistic-shaped records for tests and benchmarks.

``write_portal(root, councils=N)`` writes N councils with two years of
records each that pass every rule as of ``today``; tests then break one
thing at a time and assert the one finding it causes. Deterministic: the
same arguments give the same files.

``overdue=N`` leaves the latest recommendation of every N-th council (the
first, the N+1-th, ...) unanswered, as a real portal has them: its response
comes due and is then overdue, one more day each day, which is what a
benchmark of the next day's build must meet.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from .calendar import WorkCalendar
from .deadlines import basis_article
from .regions import NATIONAL, NATIONAL_TYPES, REGIONS
from .synthetic_forms import forms_files

TYPES = ("ministry", "city", "district", "oblast", "quasi-public", "village", "central-body")
SIZES = {"ministry": 15, "central-body": 15, "quasi-public": 11}
TOPICS = [
    ({"kk": "Жергілікті бюджеттің атқарылуы", "ru": "Исполнение местного бюджета"}),
    ({"kk": "Қоғамдық көліктің жұмысы", "ru": "Работа общественного транспорта"}),
    ({"kk": "Мектепке дейінгі білім беру", "ru": "Дошкольное образование"}),
    ({"kk": "Абаттандыру және көгалдандыру", "ru": "Благоустройство и озеленение"}),
    ({"kk": "Мемлекеттік қызметтердің сапасы", "ru": "Качество государственных услуг"}),
    ({"kk": "Азаматтардың өтініштерін қарау", "ru": "Рассмотрение обращений граждан"}),
    ({"kk": "Экологиялық ахуал", "ru": "Экологическая обстановка"}),
    ({"kk": "Денсаулық сақтау қызметтерінің қолжетімділігі", "ru": "Доступность услуг здравоохранения"}),
]
SURNAMES = ["Әбенов", "Бекова", "Ғалымов", "Дәулетова", "Ержанов", "Жұмабаева", "Исаев", "Қасымова", "Лесов",
            "Мұратова", "Нұрланов", "Оспанова", "Рахимов", "Сейітова", "Тоқтаров", "Уәлиева", "Файзуллин",
            "Хасенова", "Шәріпов", "Ыбыраева"]
GIVEN = ["Асқар", "Әйгерім", "Бауыржан", "Гүлнар", "Дархан", "Жанар", "Ерлан", "Зарина", "Қайрат", "Ләззат"]


class _NoAliases(yaml.SafeDumper):
    """Write each value in full: records may not hold &anchors or *aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_yaml(path: Path, data: Any, body: dict[str, str] | None = None) -> None:
    """A record or configuration file as the loader reads it: YAML, or Markdown with YAML front matter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)
    if path.suffix != ".md":
        path.write_text(text, encoding="utf-8")
    else:
        parts = "".join(f"<!-- lang: {lang} -->\n{value}\n\n" for lang, value in (body or {}).items())
        path.write_text(f"---\n{text}---\n{parts}", encoding="utf-8")


def make_bin(n: int) -> str:
    """A well-formed BIN: registered in April 2015, a legal entity (type 4), with its control digit."""
    for tail in range(n, n + 100):
        digits = [int(c) for c in f"150440{tail % 10**5:05d}"]
        for weights in (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
            check = sum(d * w for d, w in zip(digits, weights)) % 11
            if check != 10:
                break
        if check != 10:
            return "".join(map(str, digits)) + str(check)
    raise ValueError(n)


def site_config(base_url: str = "https://kenes.example.kz/") -> dict[str, Any]:
    return {
        "title": {"kk": "Қоғамдық кеңестер порталы", "ru": "Портал общественных советов"},
        "base_url": base_url,
        "rules": {"composition.size": {"local_min": 9, "local_max": 21}},
    }


def _region(kind: str, index: int) -> dict[str, str]:
    """National bodies at the national level; the others spread over the cities and oblasts in turn."""
    if kind in NATIONAL_TYPES:
        region = REGIONS[NATIONAL]
    else:
        local = [r for rid, r in REGIONS.items() if rid != NATIONAL]
        region = local[index % len(local)]
    return {"kk": region.kk, "ru": region.ru}


def council_files(slug: str, index: int, years: tuple[int, int], today: dt.date) -> dict[str, tuple]:
    """``relative path -> (data, body)`` for one clean council."""
    rnd = random.Random(f"{slug}:{index}")
    cal = WorkCalendar()
    kind = TYPES[index % len(TYPES)]
    first, last = years
    files: dict[str, tuple] = {}
    name = {"kk": f"№{index + 1} қоғамдық кеңес", "ru": f"Общественный совет №{index + 1}"}
    files["council.yml"] = ({
        "name": name,
        "type": kind,
        "host_body": {"kk": f"№{index + 1} мемлекеттік орган", "ru": f"Государственный орган №{index + 1}"},
        "region": _region(kind, index),
        "term": {"start": dt.date(first, 1, 1), "end": dt.date(last + 2, 12, 31)},
        "contacts": {"email": f"kenes{index + 1}@example.gov.kz", "phone": "+7 727 271 00 00"},
        "created": dt.date(first, 1, 10),
    }, None)

    size = SIZES.get(kind, 12)
    members = []
    for i in range(size):
        role = "chair" if i == 0 else "deputy-chair" if i == 1 else "member"
        state = i >= size - (size // 3 - 1)  # fewer than a third from state bodies
        members.append({
            "id": f"m{i + 1:02d}",
            "name": f"{SURNAMES[(i + index) % len(SURNAMES)]} {GIVEN[(i * 3 + index) % len(GIVEN)]}",
            "role": role,
            "category": "state-body" if state else "civil-society",
            "organisation": {"kk": f"№{i + 1} ұйым", "ru": f"Организация №{i + 1}"},
            "bin": make_bin(index * 1000 + i * 10),
            "civil_servant": state,
            "start": dt.date(first, 1, 1),
        })
    members.append({"id": "secretary", "name": "Хатшыбаева Дина", "role": "secretary", "category": "state-body",
                     "civil_servant": True, "voting": False, "start": dt.date(first, 1, 1),
                     "organisation": {"kk": "Аппарат", "ru": "Аппарат"}})
    files["members.yml"] = ({"approved": dt.date(first, 1, 5), "published": dt.date(first, 1, 8),
                             "members": members}, None)

    voting = [m["id"] for m in members if m.get("voting", True)]
    for year in range(first, last + 1):
        start_of_year = dt.date(year, 1, 1)
        if start_of_year > today:
            break
        files[f"plans/{year}.yml"] = ({
            "id": str(year), "year": year, "approved": dt.date(year, 1, 12), "published": dt.date(year, 1, 15),
            "title": {"kk": f"{year} жылғы жұмыс жоспары", "ru": f"План работы на {year} год"},
            "items": [{"period": f"Q{q}", "topic": TOPICS[(q + index) % len(TOPICS)]} for q in range(1, 5)],
            "created": dt.date(year, 1, 15),
        }, None)
        for n in range(8):
            day = cal.next_working_day(dt.date(year, 1 + n * 3 // 2, 10 + rnd.randrange(10)))
            held = day < today
            topic = TOPICS[(n + index) % len(TOPICS)]
            meeting: dict[str, Any] = {
                "id": f"{year}-{n + 1:02d}", "number": n + 1,
                "title": {"kk": f"{n + 1}-отырыс: {topic['kk']}", "ru": f"Заседание № {n + 1}: {topic['ru']}"},
                "date": day, "time": "10:00", "end_time": "12:00",
                "place": {"kk": "Әкімдік ғимараты, 305 кабинет", "ru": "Здание акимата, кабинет 305"},
                "status": "held" if held else "planned",
                "agenda_published": day - dt.timedelta(days=5),
                "agenda": [{"title": topic, "speaker": members[2]["name"]},
                           {"title": {"kk": "Әртүрлі мәселелер", "ru": "Разное"}}],
                "created": day - dt.timedelta(days=5),
            }
            body = None
            if held:
                present = voting[: max(len(voting) * 3 // 4, -(-len(voting) * 2 // 3))]
                meeting.update({
                    "attendance": present,
                    "protocol_published": cal.add_working_days(day, 2),
                    "decisions": [{"item": 1, "text": {"kk": "Ақпарат назарға алынсын.", "ru": "Информацию принять к сведению."},
                                   "votes": {"for": len(present), "against": 0, "abstained": 0}}],
                })
                body = {"kk": f"## Хаттама\n\n{topic['kk']} мәселесі талқыланды.",
                        "ru": f"## Протокол\n\nОбсуждён вопрос: {topic['ru']}."}
            if meeting["agenda_published"] > today:
                meeting.pop("agenda_published")
            files[f"meetings/{year}-{n + 1:02d}.md"] = (meeting, body)
        for r in range(3):
            sent = cal.next_working_day(dt.date(year, 2 + r * 3, 5))
            if sent >= today:
                continue
            rec: dict[str, Any] = {
                "id": f"{year}-r{r + 1}",
                "title": {"kk": f"{r + 1}-ұсыным", "ru": f"Рекомендация № {r + 1}"},
                "text": {"kk": "Азаматтардың өтініштерін қарау мерзімін қысқарту ұсынылады.",
                         "ru": "Рекомендуется сократить сроки рассмотрения обращений граждан."},
                "addressee": {"kk": "Қалалық әкімдік", "ru": "Городской акимат"},
                "basis": f"{basis_article(kind)}.1.{1 if r == 0 else 3}",  # a quasi-public entity's council: art. 5-1
                "sent": sent, "created": sent,
            }
            deadline = cal.add_working_days(sent, 10) if r == 0 else cal.add_months(sent, 1)
            answer = min(sent + dt.timedelta(days=7), deadline)
            if answer < today:
                rec["response"] = {"date": answer, "outcome": "accepted",
                                   "signatory": {"name": "Төлегенов Марат", "position": {"kk": "Әкім", "ru": "Аким"}},
                                   "text": {"kk": "Ұсыным қабылданды.", "ru": "Рекомендация принята."}}
            files[f"recommendations/{year}-r{r + 1}.yml"] = (rec, None)
        hday = cal.next_working_day(dt.date(year, 4, 20))
        if hday - dt.timedelta(days=14) <= today:
            held = hday < today
            hearing: dict[str, Any] = {
                "id": f"{year}-h1", "topic": {"kk": "Қалалық бюджет жобасы", "ru": "Проект городского бюджета"},
                "status": "held" if held else "planned",
                "announced": hday - dt.timedelta(days=14), "materials_published": hday - dt.timedelta(days=12),
                "channels": [{"kk": "Кеңестің сайты", "ru": "Сайт совета"}],
                "materials": [{"file": "attachments/draft.pdf", "title": {"kk": "Жоба", "ru": "Проект"}}],
                "date": hday, "time": "15:00",
                "place": {"kk": "Мәслихат ғимараты", "ru": "Здание маслихата"},
                "created": hday - dt.timedelta(days=14),
            }
            if held and hday + dt.timedelta(days=7) < today:
                hearing.update({
                    "present": 40, "chair": members[0]["name"], "secretary": "Хатшыбаева Дина",
                    "agenda": [{"kk": "Бюджет жобасын талқылау", "ru": "Обсуждение проекта бюджета"}],
                    "speeches": [{"speaker": members[2]["name"],
                                  "summary": {"kk": "Жобаны қолдады.", "ru": "Поддержал проект."}}],
                    "final_protocol": {
                        "adopted": hday + dt.timedelta(days=5), "members_present": 10,
                        "votes": {"for": 9, "against": 1, "abstained": 0},
                        "compliance_information": {"kk": "Заңнама сақталған.", "ru": "Законодательство соблюдено."},
                        "recommendations": [{"kk": "Шығыстарды қайта қарау.", "ru": "Пересмотреть расходы."}],
                        "justification": {"kk": "Тұрғындардың ұсыныстары негізінде.", "ru": "На основе предложений жителей."},
                        "signed_by_chair": True, "signed_by_secretary": True,
                        "published": hday + dt.timedelta(days=6),
                    },
                    "sent_to": [{"name": {"kk": "Әкімдік", "ru": "Акимат"}, "kind": "state-body", "date": hday + dt.timedelta(days=6)},
                                {"name": {"kk": "Прокуратура", "ru": "Прокуратура"}, "kind": "supervisory", "date": hday + dt.timedelta(days=6)},
                                {"name": {"kk": "Қалалық газет", "ru": "Городская газета"}, "kind": "media", "date": hday + dt.timedelta(days=6)}],
                })
            if not held or "final_protocol" in hearing:
                files[f"hearings/{year}-h1.md"] = (hearing, None)
        first = files.get(f"meetings/{year}-01.md")
        if first is not None and first[0]["status"] == "held":
            files.update(forms_files(year, TOPICS[index % len(TOPICS)], (first[0]["id"], first[0]["date"]),
                                     members[0]["name"], today, cal))
        for period, published in (("h1", dt.date(year, 7, 20)), ("year", dt.date(year + 1, 2, 20))):
            if published >= today:
                continue
            files[f"reports/{year}-{period}.md"] = ({
                "id": f"{year}-{period}", "period": period, "year": year, "published": published,
                "title": {"kk": f"{year} жылғы есеп", "ru": f"Отчёт за {year} год"}, "created": published,
            }, {"kk": "Кеңес жоспарланған жұмысты орындады.", "ru": "Совет выполнил запланированную работу."})
    return files


def unanswered(files: dict[str, tuple]) -> None:
    """The council's latest recommendation left without its response (the files as :func:`council_files` gives
    them)."""
    recs = sorted((data["sent"], rel) for rel, (data, _) in files.items() if rel.startswith("recommendations/"))
    if recs:
        files[recs[-1][1]][0].pop("response", None)


# A real one-page PDF ("Synthetic draft"): attachments are read for the privacy scan, so it must parse.
DRAFT_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    b"\nendobj\n3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n4 0 obj\n<< /Length 46 >>\n"
    b"stream\nBT /F1 12 Tf 72 720 Td (Synthetic draft) Tj ET\nendstream\nendobj\n5 0 obj\n<< /Type /Page /Parent 2 0 R"
    b" /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>\nendobj\nxref\n0 6\n"
    b"0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n0000000185 00000 n \n"
    b"0000000281 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n407\n%%EOF\n"
)


def write_portal(root: Path, councils: int = 3, years: tuple[int, int] = (2025, 2026),
                 today: dt.date = dt.date(2026, 11, 21), overdue: int = 0) -> Path:
    """Write a clean synthetic portal of ``councils`` councils under ``root`` (``overdue``: see the module)."""
    root.mkdir(parents=True, exist_ok=True)
    write_yaml(root / "site_config.yml", site_config())
    for index in range(councils):
        slug = f"council-{index + 1:03d}"
        folder = root / "councils" / slug
        files = council_files(slug, index, years, today)
        if overdue and index % overdue == 0:
            unanswered(files)
        for rel, (data, body) in files.items():
            write_yaml(folder / rel, data, body)
        (folder / "attachments").mkdir(parents=True, exist_ok=True)
        (folder / "attachments" / "draft.pdf").write_bytes(DRAFT_PDF)
    return root
