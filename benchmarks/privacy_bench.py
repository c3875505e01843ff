"""Recall and false alarms of the personal-data scan on a generated corpus.

Usage: python benchmarks/privacy_bench.py [--seed N] [--planted N] [--lookalikes N]

Plants personal data in many formats in Kazakh and Russian sentences
(``privacy_corpus.py``) and mixes in look-alikes (``privacy_lookalikes.py``);
a share of the sentences is wrapped as a Markdown paragraph or list item at
40-72 characters, as secretaries write. Each sentence is scanned with the
contacts its council declares, exactly as ``ashyq check`` does. Recall counts
a planted item found, with the right kind, over its span; a false alarm is a
look-alike sentence with any hit. Prints both per category and overall; exits
1 when recall is under 99 % or false alarms over 1 %.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass

from privacy_corpus import (
    ADDRESS_FORMATS,
    COUNCILS,
    EMAIL_FORMATS,
    IIN_FORMATS,
    LANDLINE_FORMATS,
    PHONE_FORMATS,
    make_iin,
    make_landline,
    make_mobile,
)
from privacy_lookalikes import LOOKALIKES

from ashyq.validate.privacy import scan_text
from ashyq.validate.rules.personal_data import council_allowed

RECALL_TARGET = 0.99
FALSE_ALARM_TARGET = 0.01

_NAMES = ("Ахметов А.Б.", "Сейітова Г.М.", "Ким О.В.", "Жұмабекова А.С.", "Петров И.И.", "Нұрланов Д.Е.")
_LOCALS = ("aigerim.s", "ivanov1985", "d_nurlanov", "Marat.K", "gulnara77", "a.zhaksylyk", "serik_b", "olga.petrova")
_PROVIDERS = ("gmail.com", "mail.ru", "yandex.kz", "inbox.ru", "bk.ru", "list.ru", "mail.kz", "outlook.com",
              "icloud.com", "yandex.ru")
_LABELS = {
    "iin": (("ИИН", "ИИН:"), ("ЖСН", "ЖСН:")),
    "phone": (("тел.", "моб. тел.", "телефон", "WhatsApp:"), ("тел.", "ұялы тел.", "байланыс телефоны")),
    "email": (("эл. почта", "e-mail:", "почта"), ("эл. пошта", "e-mail:")),
    "address": (("адрес: г. Астана,", "проживает по адресу: г. Алматы,"), ("мекенжайы: Астана қ.,", "тұратын жері:")),
}
_TEMPLATES = (
    ("Заявитель {name} ({label} {x}) выступил по второму вопросу повестки дня 21.03.2026.",
     "Для связи с инициативной группой: {label} {x} (после 18:00).",
     "Присутствовал представитель жителей {name}, {label} {x}, протокол № 3/2026.",
     "В протокол внесены данные заявителя — {label} {x}; ответ направить до 31.03.2026."),
    ("Өтініш беруші {name}, {label} {x}, 2026 жылғы 14 наурыздағы отырысқа қатысты.",
     "Бастамашыл топпен байланыс: {label} {x}, жұмыс күндері 09:00–18:00.",
     "Тұрғын {name} ({label} {x}) екінші мәселе бойынша сөз сөйледі.",
     "Өтініш 2026 жылы тіркелді, өтініш берушінің деректері: {label} {x}."),
)
_PLANTED = {"iin": IIN_FORMATS, "phone": PHONE_FORMATS, "landline": LANDLINE_FORMATS, "email": EMAIL_FORMATS,
            "address": ADDRESS_FORMATS}
_OPEN, _CLOSE = "\x01", "\x02"  # mark the planted value through wrapping


@dataclass(frozen=True)
class Sample:
    category: str
    kind: str | None  # what was planted; None for a look-alike
    text: str
    span: tuple[int, int] | None
    council: str


def _wrap(text: str, rng: random.Random) -> str:
    """Wrap on spaces at 40-72 characters, as a paragraph or as a list item (50 % of sentences)."""
    if rng.random() < 0.5 or "\n" in text:  # a value wrapped on purpose stays as its format wraps it
        return text
    width, item = rng.randint(40, 72), rng.random() < 0.3
    lines, line = [], "- " if item else ""
    for word in text.split(" "):
        if line.strip("- ") and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "  " if item else ""
        line += (" " if line.strip("- ") else "") + word
    return "\n".join([*lines, line])


def _value(kind: str, rng: random.Random) -> str:
    if kind == "iin":
        return make_iin(rng)
    if kind == "phone":
        return make_mobile(rng)
    if kind == "landline":
        return make_landline(rng)
    if kind == "email":
        return f"{rng.choice(_LOCALS)}@{rng.choice(_PROVIDERS)}"
    return ""


def _planted(kind: str, fmt: str, rng: random.Random) -> Sample:
    shown = _PLANTED[kind][fmt](_value(kind, rng), rng)
    lang = rng.randint(0, 1)
    label = rng.choice(_LABELS["phone" if kind == "landline" else kind][lang])
    text = rng.choice(_TEMPLATES[lang]).format(name=rng.choice(_NAMES), label=label, x=f"{_OPEN}{shown}{_CLOSE}")
    text = _wrap(text, rng)
    start = text.index(_OPEN)
    text = text.replace(_OPEN, "")
    end = text.index(_CLOSE)
    return Sample(f"{kind}: {fmt}", "phone" if kind == "landline" else kind, text.replace(_CLOSE, ""),
                  (start, end), rng.choice(sorted(COUNCILS)))


def corpus(seed: int = 8, planted: int = 2400, lookalikes: int = 2400) -> list[Sample]:
    """``planted`` sentences with personal data and ``lookalikes`` without, spread evenly over the categories."""
    rng = random.Random(seed)
    kinds = [(kind, fmt) for kind, formats in _PLANTED.items() for fmt in formats]
    samples = [_planted(*kinds[i % len(kinds)], rng) for i in range(planted)]
    names = sorted(LOOKALIKES)
    for i in range(lookalikes):
        name, slug = names[i % len(names)], rng.choice(sorted(COUNCILS))
        text = _wrap(LOOKALIKES[name](rng, COUNCILS[slug]), rng)
        samples.append(Sample(name, None, text, None, slug))
    return samples


@dataclass
class Tally:
    total: int = 0
    flagged: int = 0  # planted: found with its kind over its span; look-alike: any hit
    stray: int = 0  # planted sentences with a hit outside the planted item


def measure(samples: list[Sample]) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Per-category tallies of planted items and of look-alikes."""
    allowed = {slug: council_allowed(c) for slug, c in COUNCILS.items()}
    planted: dict[str, Tally] = defaultdict(Tally)
    looks: dict[str, Tally] = defaultdict(Tally)
    for s in samples:
        hits = scan_text(s.text, allowed=allowed[s.council])
        tally = (planted if s.kind else looks)[s.category]
        tally.total += 1
        if s.kind is None:
            tally.flagged += bool(hits)
            continue
        start, end = s.span
        on_it = [h for h in hits if h.start < end and h.end > start]
        tally.flagged += any(h.kind == s.kind for h in on_it)
        tally.stray += len(hits) > len(on_it)
    return planted, looks


def _overall(tallies: dict[str, Tally]) -> Tally:
    return Tally(sum(t.total for t in tallies.values()), sum(t.flagged for t in tallies.values()),
                 sum(t.stray for t in tallies.values()))


def _table(title: str, tallies: dict[str, Tally], rate: str) -> None:
    print(f"\n{title:<40} {'n':>6} {'flagged':>8} {rate:>9}")
    for name in sorted(tallies):
        t = tallies[name]
        print(f"{name:<40} {t.total:>6} {t.flagged:>8} {100 * t.flagged / t.total:>8.1f}%")
    t = _overall(tallies)
    print(f"{'overall':<40} {t.total:>6} {t.flagged:>8} {100 * t.flagged / t.total:>8.2f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--planted", type=int, default=2400)
    parser.add_argument("--lookalikes", type=int, default=2400)
    args = parser.parse_args(argv)
    planted, looks = measure(corpus(args.seed, args.planted, args.lookalikes))
    _table("planted personal data", planted, "recall")
    _table("look-alikes and declared contacts", looks, "false")
    found, false = _overall(planted), _overall(looks)
    recall, false_rate = found.flagged / found.total, false.flagged / false.total
    print(f"\nrecall {100 * recall:.2f}% (target ≥ {100 * RECALL_TARGET:.0f}%), "
          f"false alarms {100 * false_rate:.2f}% (target ≤ {100 * FALSE_ALARM_TARGET:.0f}%), "
          f"planted sentences with a stray hit: {found.stray}")
    return 0 if recall >= RECALL_TARGET and false_rate <= FALSE_ALARM_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
