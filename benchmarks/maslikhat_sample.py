"""Write the sample maslikhat's receptions and appeals registry (run once; the files are committed).

Invented data, the same on every run (a fixed seed): a year of monthly receptions for each deputy, with
two months missed and one reception announced too late, and about 200 appeals over five okrugs and the
portal's topics, some with a point on the map, a few public complaints (two answered after 72 hours).
No appeal names a person: the registry's format has no field for one.

    python benchmarks/maslikhat_sample.py [portal root]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

DEPUTIES = {  # id: (okrug, centre of the okrug, reception room kk, ru)
    "ermekov": (3, (43.2275, 76.9800), "Медеу ауданы әкімдігінің ғимараты, 1-қабат, қабылдау бөлмесі",
                "здание акимата Медеуского района, 1 этаж, приёмная"),
    "abdrakhmanova": (7, (43.2510, 76.9230), "Алмалы аудандық мәслихат депутаттарының қабылдау бөлмесі",
                      "приёмная депутатов по Алмалинскому району"),
    "kim": (12, (43.2330, 76.8550), "Жетісу-3 шағын ауданындағы аудандық кітапхана, оқу залы",
            "районная библиотека в микрорайоне Жетысу-3, читальный зал"),
    "nurpeisova": (15, (43.2090, 76.8980), "Орбита шағын ауданындағы жастар орталығы",
                   "молодёжный центр в микрорайоне Орбита"),
    "seitkali": (21, (43.1950, 76.8120), "Шұғыла шағын ауданындағы мектептің акт залы",
                 "актовый зал школы в микрорайоне Шугыла"),
}
MISSED = {("kim", 2026, 7), ("seitkali", 2026, 9)}  # planted: no reception that month
LATE = ("nurpeisova", 2026, 5)  # planted: announced on the day itself
TOPICS = {
    "housing-utilities": ("Көпқабатты үйдің шатырынан су ағады", "Протекает кровля многоэтажного дома"),
    "roads-transport": ("Көшедегі жол шұңқырлары жөнделмеген", "Не отремонтированы ямы на дороге"),
    "water": ("Ыстық су жиі өшіріледі", "Частые отключения горячей воды"),
    "land": ("Жер учаскесінің шекарасы туралы дау", "Спор о границах земельного участка"),
    "social-support": ("Көпбалалы отбасыларға көмек туралы сұрақ", "Вопрос о помощи многодетным семьям"),
    "improvement": ("Аулада балалар алаңы жоқ", "Во дворе нет детской площадки"),
    "education": ("Мектепте орын жетіспейді", "Не хватает мест в школе"),
    "health": ("Емханаға жазылу қиын", "Трудно записаться в поликлинику"),
    "safety": ("Көшеде жарық жоқ, кешке қауіпті", "На улице нет освещения, вечером опасно"),
    "environment": ("Аулада қоқыс уақытында шығарылмайды", "Мусор во дворе вывозится не вовремя"),
    "budget": ("Ауданды абаттандыруға бюджет туралы сұрақ", "Вопрос о бюджете на благоустройство района"),
}
WEIGHTS = [22, 20, 14, 6, 9, 12, 5, 5, 4, 3, 2]
CHANNELS = ["reception", "letter", "e-otinish", "email", "messenger", "social-media", "phone", "meeting"]
CHANNEL_WEIGHTS = [30, 10, 25, 8, 12, 8, 5, 2]
TODAY = dt.date(2026, 11, 20)  # the sample is checked as of 21 November too: nothing after this day


def months() -> list[tuple[int, int]]:
    return [(2025, 12)] + [(2026, m) for m in range(1, 12)]


def receptions(rng: random.Random) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for deputy, (_okrug, _c, place_kk, place_ru) in DEPUTIES.items():
        for year, month in months():
            if (deputy, year, month) in MISSED:
                continue
            day = dt.date(year, month, rng.randint(8, 16 if (year, month) == (2026, 11) else 24))
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            lead = 0 if (deputy, year, month) == LATE else rng.choice([3, 5, 7, 7, 10])
            topics = sorted(rng.sample(list(TOPICS), rng.randint(1, 3)))
            out[f"{day.isoformat()}-{deputy}"] = {
                "id": f"{day.isoformat()}-{deputy}", "deputy": deputy, "status": "held", "date": day,
                "time": rng.choice(["10:00", "11:00", "15:00", "16:00"]),
                "place": {"kk": place_kk, "ru": place_ru}, "announced": day - dt.timedelta(days=lead),
                "channels": [{"kk": "депутаттың Telegram арнасы", "ru": "Telegram-канал депутата"},
                             {"kk": "мәслихаттың сайты", "ru": "сайт маслихата"}],
                "citizens": rng.randint(3, 14), "topics": topics,
                "follow_ups": [{"kk": "Көтерілген мәселелер бойынша аудан әкімдігіне депутаттық сауал жіберілді.",
                                "ru": "По поднятым вопросам направлен депутатский запрос в акимат района."}],
                "created": day, "updated": day}
    # One planned for December, announced already.
    out["2026-12-09-ermekov"] = {
        "id": "2026-12-09-ermekov", "deputy": "ermekov", "status": "planned", "date": dt.date(2026, 12, 9),
        "time": "11:00", "place": {"kk": DEPUTIES["ermekov"][2], "ru": DEPUTIES["ermekov"][3]},
        "announced": dt.date(2026, 11, 27),
        "channels": [{"kk": "депутаттың Telegram арнасы", "ru": "Telegram-канал депутата"}],
        "created": dt.date(2026, 11, 27), "updated": dt.date(2026, 11, 27)}
    return out


def appeals(rng: random.Random) -> dict[str, dict]:
    by_month: dict[str, dict] = {}
    public_done = 0
    for year, month in months():
        key = f"{year:04d}-{month:02d}"
        entries = []
        for n in range(1, rng.randint(14, 20) + 1):
            deputy = rng.choice(list(DEPUTIES))
            okrug, (lat, lon), *_ = DEPUTIES[deputy]
            day = dt.date(year, month, rng.randint(1, 20 if (year, month) == (2026, 11) else 28))
            topic = rng.choices(list(TOPICS), WEIGHTS)[0]
            channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
            public = channel in ("social-media", "meeting") and rng.random() < 0.6
            age = (TODAY - day).days
            entry: dict = {"id": f"{key}-{n:03d}", "received": day, "okrug": okrug, "topic": topic,
                           "channel": channel}
            if rng.random() < 0.5:
                entry["deputy"] = deputy
            if public:
                entry["time"] = f"{rng.randint(9, 17):02d}:{rng.choice(['00', '15', '30', '45'])}"
            if age < 10 and rng.random() < 0.7:
                entry["status"] = "received"
            elif age < 40 and rng.random() < 0.5:
                entry["status"] = "in-progress"
            else:
                state = rng.choices(["answered", "redirected", "rejected"], [80, 14, 6])[0]
                entry["status"] = state
                if public:
                    public_done += 1
                    late = public_done in (3, 7)  # planted: two public complaints answered after 72 hours
                    answered = day + dt.timedelta(days=rng.randint(4, 6) if late else rng.randint(0, 2))
                    entry["answered"] = answered
                    entry["answered_time"] = entry["time"] if not late else "12:00"
                else:
                    entry["answered"] = min(day + dt.timedelta(days=rng.randint(3, 30)), TODAY)
                if state == "redirected":
                    entry["redirected_to"] = {"kk": "Аудан әкімдігі", "ru": "Акимат района"}
                    entry["reason"] = {"kk": "Мәселе аудан әкімдігінің құзыретінде.",
                                       "ru": "Вопрос в компетенции акимата района."}
                if state == "rejected":
                    entry["reason"] = {"kk": "Мәселе мәслихаттың құзыретіне жатпайды, өтініш берушіге түсіндірілді.",
                                       "ru": "Вопрос не относится к компетенции маслихата, заявителю дано разъяснение."}
            if public:
                entry["public_complaint"] = True
            if rng.random() < 0.6 and topic not in ("social-support", "budget"):
                entry["location"] = {"lat": round(lat + rng.uniform(-0.012, 0.012), 5),
                                     "lon": round(lon + rng.uniform(-0.015, 0.015), 5)}
            kk, ru = TOPICS[topic]
            entry["summary"] = {"kk": kk, "ru": ru}
            entries.append(entry)
        entries.sort(key=lambda e: (e["received"], e["id"]))
        for i, e in enumerate(entries, 1):
            e["id"] = f"{key}-{i:03d}"
        last = dt.date(year + (month == 12), 1 if month == 12 else month + 1, 1)
        by_month[key] = {"id": key, "month": key, "published": min(last + dt.timedelta(days=4), TODAY),
                         "appeals": entries, "created": min(last + dt.timedelta(days=4), TODAY),
                         "updated": min(last + dt.timedelta(days=4), TODAY)}
    return by_month


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # records refuse YAML anchors: write every value out
        return True


def dump(path: Path, data: dict, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(header + text, encoding="utf-8")


def main(root: Path) -> None:
    rng = random.Random(15)
    council = root / "councils" / "almaty-maslikhat"
    for rid, data in receptions(rng).items():
        dump(council / "receptions" / f"{rid}.yml", data, "")
    for month, data in appeals(rng).items():
        dump(council / "appeals" / f"{month}.yml", data,
             "# The appeals registry, one month. No appeal names its author: there is no field for a person.\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
