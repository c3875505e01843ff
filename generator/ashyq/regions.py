"""The regions councils are grouped by: the 17 oblasts, the 3 cities of republican significance, and the
national level.

``council.yml`` gives its region as free text in both languages
(«Батыс Қазақстан облысы, Жаңақала ауданы»); :func:`region_of` finds which
of these regions the text names first, in either language, so a district
council is listed under its oblast. A text that names none is its own group
(:class:`Region` with ``known`` False), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models.common import text_of

NATIONAL = "national"
CITIES = ("astana", "almaty", "shymkent")


@dataclass(frozen=True)
class Region:
    id: str
    kk: str
    ru: str
    known: bool = True

    def name(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.kk

    @property
    def level(self) -> int:
        """The order of the groups: national, the three cities, the oblasts, then any other text."""
        return 0 if self.id == NATIONAL else 1 if self.id in CITIES else 2 if self.known else 3


# id, Kazakh name, Russian name, the stems that name it in a free text (lower case, either language).
_TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (NATIONAL, "Республикалық деңгей", "Республиканский уровень", ("республика",)),
    ("astana", "Астана қаласы", "город Астана", ("астана",)),
    ("almaty", "Алматы қаласы", "город Алматы", ("алматы",)),
    ("shymkent", "Шымкент қаласы", "город Шымкент", ("шымкент",)),
    ("abai", "Абай облысы", "область Абай", ("абай облыс", "область абай", "семей")),
    ("akmola", "Ақмола облысы", "Акмолинская область", ("ақмола", "акмол", "көкшетау", "кокшетау")),
    ("aktobe", "Ақтөбе облысы", "Актюбинская область", ("ақтөбе", "актюбин", "актобе")),
    ("almaty-oblast", "Алматы облысы", "Алматинская область", ("алматы облыс", "алматинск", "қонаев", "конаев")),
    ("atyrau", "Атырау облысы", "Атырауская область", ("атырау",)),
    ("east-kazakhstan", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
     ("шығыс қазақстан", "восточно-казахстан", "өскемен", "усть-каменогорск")),
    ("zhambyl", "Жамбыл облысы", "Жамбылская область", ("жамбыл", "тараз")),
    ("zhetisu", "Жетісу облысы", "область Жетісу", ("жетісу", "жетысу", "талдықорған", "талдыкорган")),
    ("west-kazakhstan", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
     ("батыс қазақстан", "западно-казахстан", "орал", "уральск")),
    ("karaganda", "Қарағанды облысы", "Карагандинская область", ("қарағанды", "караганд")),
    ("kostanay", "Қостанай облысы", "Костанайская область", ("қостанай", "костанай")),
    ("kyzylorda", "Қызылорда облысы", "Кызылординская область", ("қызылорда", "кызылорд")),
    ("mangystau", "Маңғыстау облысы", "Мангистауская область", ("маңғыстау", "мангистау", "мангыстау", "ақтау",
                                                                 "актау")),
    ("pavlodar", "Павлодар облысы", "Павлодарская область", ("павлодар",)),
    ("north-kazakhstan", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область",
     ("солтүстік қазақстан", "северо-казахстан", "петропавл")),
    ("turkestan", "Түркістан облысы", "Туркестанская область", ("түркістан", "туркестан")),
    ("ulytau", "Ұлытау облысы", "область Ұлытау", ("ұлытау", "улытау", "жезқазған", "жезказган")),
)
REGIONS: dict[str, Region] = {rid: Region(rid, kk, ru) for rid, kk, ru, _stems in _TABLE}
# Council types that work for the whole country whatever their address says.
NATIONAL_TYPES = ("ministry", "central-body", "quasi-public")


def _first_named(text: str) -> str | None:
    """The region named earliest in ``text``; at the same place the longer stem wins
    («Алматы облысы» is the oblast, «Алматы» alone the city). «Республика» counts only when
    nothing else is named («Қазақстан Республикасы, Алматы қаласы» is the city)."""
    low = text.lower().replace("ё", "е")
    best: tuple[int, int, str] | None = None
    for rid, _kk, _ru, stems in _TABLE[1:]:
        for stem in stems:
            at = low.find(stem)
            if at >= 0 and (best is None or (at, -len(stem)) < best[:2]):
                best = (at, -len(stem), rid)
    return best[2] if best else NATIONAL if "республик" in low else None


def region_of(council) -> Region:
    """The region a council is listed under (a :class:`ashyq.models.Council`)."""
    info = council.info
    if info is None:
        return Region("other", "—", "—", known=False)
    if info.type in NATIONAL_TYPES:
        return REGIONS[NATIONAL]
    for lang in ("kk", "ru"):
        found = _first_named(text_of(info.region, lang) or "")
        if found:
            return REGIONS[found]
    kk, ru = text_of(info.region, "kk"), text_of(info.region, "ru")
    return Region("other-" + re.sub(r"\W+", "-", (kk or ru).lower()).strip("-"), kk or ru, ru or kk, known=False)
