"""The optional Latin edition (``latin_edition: true``): the Kazakh edition in the 2021 Latin alphabet at ``kk-latn/``.

The alphabet is checked letter by letter and on real sentences of the sample
portal; the edition on a real build of the sample portal (a copy with the
setting on): its pages, language, links, switcher, feeds, calendars, search
index, root page and sitemap. The sample itself, built as it is, has no Latin
edition.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

from ashyq.config import SiteConfig
from ashyq.render.latinize import Rewrite, latin_calendar, latin_feed, latin_html
from ashyq.translit import TABLE, to_latin
from buildkit import Site, build_ok, copy_portal, once, parse, sample_root, sample_site, tree_digest

CYRILLIC = re.compile("[\u0400-\u052f]")
# The 2021 alphabet: 31 letters, and Ç for ч.
LETTERS_2021 = set("AÄBDEFGĞHIİJKLMNÑOÖPQRSŞTUŪÜVYZ" "aäbdefgğhıijklmnñoöpqrsştuūüvyz" "Çç")

ALPHABET = "АаӘәБбВвГгҒғДдЕеЁёЖжЗзИиЙйКкҚқЛлМмНнҢңОоӨөПпРрСсТтУуҰұҮүФфХхҺһЦцЧчШшЩщЪъЫыІіЬьЭэЮюЯя"
ALPHABET_LATIN = "AaÄäBbVvGgĞğDdEeİoioJjZzİiİiKkQqLlMmNnÑñOoÖöPpRrSsTtUuŪūÜüFfHhHhTstsÇçŞşŞşşşYyIıEeİuiuİaia"

# Sentences of the sample portal (councils/minzdrav/monitoring/2025-m1.md) and their Latin spelling.
SENTENCES = {
    "Шілде–тамызда төрт өңірде күту мерзімдеріне қоғамдық мониторинг жүргізу, оны кеңес мүшелері мен "
    "«Пациент құқығы» қоғамдық бірлестігіне тапсыру.":
    "Şılde–tamyzda tört öñırde kütu merzımderıne qoğamdyq monitoring jürgızu, ony keñes müşelerı men "
    "«Patsient qūqyğy» qoğamdyq bırlestıgıne tapsyru.",
    "Пациенттердің 18 пайызы МРТ зерттеуін 30 күннен астам күткен; көпшілігі кезектегі өз орнын білмейді.":
    "Patsientterdıñ 18 paiyzy MRT zertteuın 30 künnen astam kütken; köpşılıgı kezektegı öz ornyn bılmeidı.",
    "Астана, Алматы, Шымкент қалалары мен Қарағанды облысының 12 емханасында 612 пациентке сауалнама "
    "жүргізілді; қордан жолдамалар саны туралы деректер сұратылды.":
    "Astana, Almaty, Şymkent qalalary men Qarağandy oblysynyñ 12 emhanasynda 612 patsientke saualnama "
    "jürgızıldı; qordan joldamalar sany turaly derekter sūratyldy.",
    "Қоғамдық кеңестер порталы": "Qoğamdyq keñester portaly",
}
# The example of the 2021 alphabet in the «Kazakh alphabets» article of the English Wikipedia.
WIKIPEDIA = ("Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты.",
             "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty.")


# --- the alphabet -------------------------------------------------------------------------


def test_the_whole_cyrillic_alphabet_has_its_latin_spelling():
    assert to_latin(ALPHABET) == ALPHABET_LATIN
    assert set(TABLE) == set(ALPHABET)


def test_only_letters_of_the_2021_alphabet_come_out():
    assert set(to_latin(ALPHABET)) <= LETTERS_2021
    assert set(to_latin(ALPHABET.upper())) <= LETTERS_2021


@pytest.mark.parametrize("kazakh", sorted(SENTENCES))
def test_sentences_of_the_sample_portal(kazakh: str):
    assert to_latin(kazakh) == SENTENCES[kazakh]


def test_the_published_example_of_the_alphabet():
    assert to_latin(WIKIPEDIA[0]) == WIKIPEDIA[1]


def test_words_in_capitals_keep_their_capitals():
    assert to_latin("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ") == "QAZAQSTAN RESPUBLİKASY"
    assert to_latin("ЦОН, Цех, ЮНЕСКО, Юрий, ЯСЛИ") == "TSON, Tseh, İUNESKO, İurii, İASLİ"


def test_transliteration_is_deterministic_and_keeps_what_is_not_cyrillic():
    text = " ".join([ALPHABET, *SENTENCES, WIKIPEDIA[0]])
    assert to_latin(text) == to_latin(text)
    assert to_latin(to_latin(text)) == to_latin(text)  # Latin text comes back unchanged
    other = "2026-11-21 · «ashyq» — https://example.kz/kk/?q=1 & <b>Ünal</b> 12,5 %"
    assert to_latin(other) == other


# --- pages, feeds and calendars -------------------------------------------------------------

BASE = "https://portal.example.kz/sub/"
PAGE = """<!doctype html>
<html lang="kk" class="no-js">
<head><meta name="description" content="Кеңес"><meta http-equiv="refresh" content="0; url=қате">
<link rel="canonical" href="https://portal.example.kz/sub/kk/a/">
<link rel="alternate" hreflang="kk" href="https://portal.example.kz/sub/kk/a/">
<title>Кеңес - Портал</title>
<script id="__ashyq" type="application/json">{"lang": "kk", "strings": {"table": "\\u041a\\u0435\\u0441\\u0442\\u0435"}}</script>
<script>var s = "Кеңес";</script><style>p::after { content: "Кеңес"; }</style></head>
<body><a href="../ru/a/" class="кеңес" id="кеңес" title="Қала" lang="ru">Совет</a>
<p data-label="Күні">Бүгін <code>kk: Бүгін</code> <pre>Кеңес</pre> &#1179;ала &amp; <img alt="Сурет" src="сурет.png"></p>
<p>Мекенжай: https://portal.example.kz/sub/kk/feeds/all.atom.xml <a href="/sub/kk/x/">Ішкі</a></p>
</body></html>
"""


def test_a_page_changes_in_its_text_and_visible_attributes_only():
    out = latin_html(PAGE, Rewrite(BASE))
    assert '<html lang="kk-Latn" class="no-js">' in out
    assert '<meta name="description" content="Keñes">' in out and 'content="0; url=қате"' in out
    assert '<link rel="canonical" href="https://portal.example.kz/sub/kk-latn/a/">' in out
    assert '<link rel="alternate" hreflang="kk" href="https://portal.example.kz/sub/kk/a/">' in out
    assert "<title>Keñes - Portal</title>" in out
    data = json.loads(re.search(r'id="__ashyq" type="application/json">(.*?)</script>', out).group(1))
    assert data == {"lang": "kk-latn", "strings": {"table": "Keste"}}
    assert '<script>var s = "Кеңес";</script><style>p::after { content: "Кеңес"; }</style>' in out
    # Text in a language of its own is kept, and so are URLs, ids and classes.
    assert '<a href="../ru/a/" class="кеңес" id="кеңес" title="Қала" lang="ru">Совет</a>' in out
    assert '<p data-label="Künı">Bügın <code>kk: Бүгін</code> <pre>Кеңес</pre> qala &amp; ' in out
    assert '<img alt="Suret" src="сурет.png">' in out
    assert ("Mekenjai: https://portal.example.kz/sub/kk-latn/feeds/all.atom.xml "
            '<a href="/sub/kk-latn/x/">Işkı</a>') in out


def test_a_page_without_kazakh_text_is_kept_byte_for_byte():
    page = '<!doctype html>\n<html lang="kk">\n<body class=x><p id=a>2026 · «ok»</p><!-- Кеңес --></body></html>\n'
    assert latin_html(page, Rewrite(BASE)) == page.replace('lang="kk"', 'lang="kk-Latn"', 1)


def test_a_feed_and_a_calendar_move_to_the_latin_edition():
    feed = ('<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="kk">'
            '<id>https://portal.example.kz/sub/kk/feeds/all.atom.xml</id><title>Барлық жазбалар</title>'
            '<link href="https://portal.example.kz/sub/kk/" rel="alternate" hreflang="kk"/>'
            '<category term="meeting" label="отырыс"/></feed>')
    out = latin_feed(feed, Rewrite(BASE))
    assert 'xml:lang="kk-Latn"' in out and "<title>Barlyq jazbalar</title>" in out
    assert "<id>https://portal.example.kz/sub/kk-latn/feeds/all.atom.xml</id>" in out
    assert 'href="https://portal.example.kz/sub/kk-latn/" rel="alternate" hreflang="kk-Latn"' in out
    assert 'term="meeting" label="otyrys"' in out
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    cal.add("url", "https://portal.example.kz/sub/kk/calendar/")
    event = icalendar.Event()
    event.add("uid", "x-meeting-1@portal.example.kz")
    event.add("summary", "Қоғамдық кеңестің ұйымдастыру отырысы, «Қазақстан Республикасы», ЦОН; " * 3,
              parameters={"LANGUAGE": "kk"})
    cal.add_component(event)
    latin = icalendar.Calendar.from_ical(latin_calendar(cal.to_ical().decode(), Rewrite(BASE)))
    (vevent,) = latin.walk("VEVENT")
    assert str(vevent["SUMMARY"]).startswith("Qoğamdyq keñestıñ ūiymdastyru otyrysy, «Qazaqstan Respublikasy», TSON; ")
    assert vevent["SUMMARY"].params["LANGUAGE"] == "kk-Latn"
    assert str(vevent["UID"]) == "x-meeting-1@portal.example.kz"  # the same event in every edition
    assert str(latin["URL"]) == "https://portal.example.kz/sub/kk-latn/calendar/"


# --- builds -----------------------------------------------------------------------------------


def test_the_setting_is_off_by_default():
    assert SiteConfig(title={"kk": "П", "ru": "П"}, base_url="https://x.kz/").latin_edition is False


def test_the_sample_as_it_is_has_no_latin_edition(tmp_path_factory):
    site = sample_site(tmp_path_factory)
    assert not (site.out / "kk-latn").exists()
    assert "kk-latn" not in json.loads((site.out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert "kk-latn" not in (site.out / "index.html").read_text(encoding="utf-8")
    assert "kk-latn" not in (site.out / "sitemap.xml").read_text(encoding="utf-8")
    assert [a["hreflang"] for a in site.page("kk/").switcher] == ["kk", "ru"]


def _latin_portal(folder: Path) -> Path:
    root = copy_portal(sample_root(), folder / "portal")
    if (sample_root() / "theme").is_dir():
        shutil.copytree(sample_root() / "theme", root / "theme")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\nlatin_edition: true\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def latin(tmp_path_factory: pytest.TempPathFactory) -> Site:
    def make(folder: Path) -> Site:
        root = _latin_portal(folder)
        proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "latin", make)


class VisibleText(HTMLParser):
    """The text a reader sees, without code, scripts, styles and text marked as another language."""

    KEPT = {"code", "pre", "kbd", "samp", "script", "style"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SHOWN = {"title", "alt", "placeholder", "aria-label", "data-label", "content", "data-shown", "data-pagefind-filter"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[bool] = []  # per open element: is its text kept as it is
        self.seen: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        kept = bool(self.open and self.open[-1]) or tag in self.KEPT or (tag != "html" and a.get("lang") not in (
            None, "kk-Latn"))
        if not kept:
            self.seen += [v for k, v in attrs if v and (k in self.SHOWN or k.startswith("data-label"))
                          and not (tag == "meta" and k == "content" and a.get("name") != "description")]
        if tag not in self.VOID:
            self.open.append(kept)

    def handle_endtag(self, tag):
        if self.open and tag not in self.VOID:
            self.open.pop()

    def handle_data(self, data):
        if not (self.open and self.open[-1]):
            self.seen.append(data)


def test_every_kazakh_page_has_its_latin_page(latin: Site):
    kk = {p.relative_to(latin.out / "kk") for p in latin.html_files("kk")}
    assert kk and kk == {p.relative_to(latin.out / "kk-latn") for p in latin.html_files("kk-latn")}
    assert all(latin.parsed(p).html_lang == "kk-Latn" for p in latin.html_files("kk-latn"))


def test_no_cyrillic_is_left_in_what_a_reader_sees(latin: Site):
    left = {}
    for file in latin.html_files("kk-latn"):
        parser = VisibleText()
        parser.feed(file.read_text(encoding="utf-8"))
        found = [s.strip()[:60] for s in parser.seen if CYRILLIC.search(s)]
        if found:
            left[file.relative_to(latin.out).as_posix()] = found[:3]
    assert not left, left


def test_the_sample_sentences_are_on_the_latin_page(latin: Site):
    text = latin.page("kk-latn/councils/minzdrav/monitoring/2025-m1/").text
    for kazakh, spelled in SENTENCES.items():
        if kazakh != "Қоғамдық кеңестер порталы":
            assert spelled in text
    assert latin.page("kk-latn/").title.strip() == "Qoğamdyq keñester portaly"


def test_links_of_latin_pages_lead_to_files_that_exist(latin: Site):
    broken = []
    for file in latin.html_files("kk-latn"):
        for tag, attr, value in latin.parsed(file).links:
            target = latin.local_target(file, value)
            if target is None or not target[0] or target[0].startswith("pagefind/"):
                continue
            if not latin.file_of(target[0]).is_file():
                broken.append(f"{file.relative_to(latin.out)}: {value}")
    assert not broken, broken[:10]


def test_latin_pages_keep_every_address_of_the_kazakh_page(latin: Site):
    """URLs are never transliterated: each page links where its Kazakh original links, in its own edition."""
    kk = latin.page("kk/councils/minzdrav/")
    lat = latin.page("kk-latn/councils/minzdrav/")
    def own(links): return [v.replace("/kk-latn/", "/kk/") for _t, a, v in links]
    assert own(lat.links) == own(kk.links)
    assert lat.canonical() == latin.url("kk-latn/councils/minzdrav/")


def test_every_edition_switches_to_the_same_page_in_the_three(latin: Site):
    path = "councils/minzdrav/meetings/"
    for lang in ("kk", "kk-latn", "ru"):
        page = latin.page(f"{lang}/{path}")
        switcher = {a["hreflang"]: a for a in page.switcher}
        assert list(switcher) == ["kk", "kk-Latn", "ru"], lang
        for code, folder in (("kk", "kk"), ("kk-Latn", "kk-latn"), ("ru", "ru")):
            target = latin.local_target(latin.file_of(f"{lang}/{path}"), switcher[code]["href"])
            assert target == (f"{folder}/{path}", "")
        current = [code for code, a in switcher.items() if a.get("aria-current") == "page"]
        assert current == [{"kk": "kk", "kk-latn": "kk-Latn", "ru": "ru"}[lang]]
        alternates = page.alternates()
        assert alternates["kk-Latn"] == latin.url(f"kk-latn/{path}") and alternates["x-default"] == latin.url(
            f"kk/{path}")


def test_the_latin_feeds_and_calendars_read(latin: Site):
    feed = feedparser.parse((latin.out / "kk-latn/feeds/all.atom.xml").read_bytes())
    assert not feed.bozo and feed.entries
    assert feed.feed.title == "Qoğamdyq keñester portaly: barlyq jazbalar"
    assert all(e.link.startswith(latin.url("kk-latn/")) and not CYRILLIC.search(e.title) for e in feed.entries)
    rss = feedparser.parse((latin.out / "kk-latn/feeds/all.rss.xml").read_bytes())
    assert not rss.bozo and rss.feed.language == "kk-Latn" and len(rss.entries) == len(feed.entries)
    cal = icalendar.Calendar.from_ical((latin.out / "kk-latn/calendar.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert events and all(not CYRILLIC.search(str(e["SUMMARY"])) for e in events)
    assert all(e["SUMMARY"].params.get("LANGUAGE") == "kk-Latn" for e in events)


def test_the_latin_edition_has_its_own_search_index(latin: Site):
    shards = json.loads((latin.out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert shards["kk-latn"] == ["kk-latn"] and shards["kk"] == ["kk"]
    entry = json.loads((latin.out / "pagefind" / "kk-latn" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"] and all(v["page_count"] > 0 for v in entry["languages"].values())
    config = json.loads(re.search(r'id="__ashyq" type="application/json">(.*?)</script>',
                                  latin.html("kk-latn/")).group(1))
    assert config["lang"] == "kk-latn"  # the search box opens the edition's own shards


def test_the_root_page_and_the_sitemap_list_the_latin_edition(latin: Site):
    root = parse((latin.out / "index.html").read_text(encoding="utf-8"))
    assert [(t, v) for t, a, v in root.links if t == "a"] == [("a", "kk/"), ("a", "kk-latn/"), ("a", "ru/")]
    assert root.alternates()["kk-Latn"] == latin.url("kk-latn/")
    sitemap = (latin.out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{latin.url('kk-latn/councils/minzdrav/')}</loc>" in sitemap
    assert f'hreflang="kk-Latn" href="{latin.url("kk-latn/councils/minzdrav/")}"' in sitemap


def test_a_warm_build_gives_the_same_latin_edition(latin: Site, tmp_path: Path):
    out = tmp_path / "site"
    shutil.copytree(latin.out, out, symlinks=True)
    before = tree_digest(out / "kk-latn")
    proc = build_ok(latin.root, out)
    assert tree_digest(out / "kk-latn") == before
    assert "latin edition" in proc.stdout
