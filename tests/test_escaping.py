"""Record text never becomes script in a reader's browser: one regression test per attack of issue #8.

A one-council synthetic portal is built once with every attack planted where
it used to work: a council name in the navigation and the titles, Markdown
links and attribute lists in plain-text fields (recommendation and response
text, follow-up, biography, "about", commission), attribute lists and
entity- or tab-encoded ``javascript:`` URLs in a protocol body, and a crafted
attachment file name. ``safety.markup`` is switched off in that portal: the
sanitiser must hold on its own. The tests parse the built HTML with
``html.parser`` and look for any ``on…`` attribute, any link with a
dangerous scheme and any script that is not one of the site's own files.
Separate tests run ``ashyq check`` with the rule on and expect each body
attack reported with its line.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from buildkit import LANGS, TODAY, Site, build_ok, check_json, once, parse

SLUG = "council-001"
NAME_IMG = "<img src=x onerror=alert(1)>"
NAME_BREAKOUT = '"><script>alert(2)</script>'
COUNCIL_NAME = f"Кеңес {NAME_IMG} {NAME_BREAKOUT}"
# Markdown that used to be live in fields printed as HTML-escaped text inside a Markdown page.
FIELD_LINK = "[сілтеме](javascript:alert(3))"
FIELD_ATTR_IMAGE = "![p](x.png){: onerror=alert(4) }"
FIELD_TEXT = f"Мәтін {FIELD_LINK} және {FIELD_ATTR_IMAGE}"
# Protocol body attacks that passed safety.markup, each on a line of its own.
BODY_ATTACKS = {
    "attr-list-onclick": 'Басылған абзац.\n{: onclick="alert(5)" }',
    "attr-list-onerror": '![сурет](x.png){: onerror="alert(6)" }',
    "entity-decimal": "[бір](&#106;avascript:alert(7))",
    "entity-hex": "[екі](&#x6A;avascript:alert(8))",
    "entity-tab": "[үш](java&#9;script:alert(9))",
    "literal-tab": "[төрт](java\tscript:alert(10))",
    "vbscript-entity": "[бес](&#118;bscript:msgbox(11))",
    "data-newline": "[алты](da&#10;ta:text/html,<b>12</b>)",
}
BODY_MARKERS = {"**Қалың**", "| А | Б |"}  # ordinary Markdown that must keep working
ATTACHMENT_NAME = "attachments/a){: onclick=alert(13) }(b.pdf"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "form"}
# The one form a page may carry: the theme's own list filter (templates/pages/_filters.md.j2), hidden until
# ashyq-filter.js runs, with no action and nothing a record could have put there. Record text never yields it.
THEME_FILTER_FORM = {"class": "ashyq-filter", "data-ashyq-filter": "", "hidden": ""}
THEME_FILTER_FORM_ATTRS = {*THEME_FILTER_FORM, "aria-label", "data-shown"}


# --- the hostile portal ------------------------------------------------------------------------


class _NoAliases(yaml.SafeDumper):
    """Each value in full: records may not use YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)


def _edit_yaml(path: Path, change) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        end = text.index("\n---\n", 3)
        data, body = yaml.safe_load(text[4:end + 1]), text[end + 5:]
    else:
        data, body = yaml.safe_load(text), None
    body = change(data, body)
    dumped = dump(data)
    path.write_text(dumped if body is None and path.suffix != ".md" else f"---\n{dumped}---\n{body or ''}",
                    encoding="utf-8")


def both(value: str) -> dict[str, str]:
    return {"kk": value, "ru": value}


def hostile_body() -> str:
    attacks = "\n\n".join(BODY_ATTACKS.values())
    ordinary = "## Қорытынды\n\n**Қалың** мәтін, [сілтеме](https://example.kz/a?b=1&c=2).\n\n| А | Б |\n|---|---|\n| 1 | 2 |"
    return f"<!-- lang: kk -->\n{ordinary}\n\n{attacks}\n\n<!-- lang: ru -->\n{ordinary}\n\n{attacks}\n"


def write_hostile_portal(root: Path) -> Path:
    from ashyq.synthetic import write_portal

    write_portal(root, councils=1, today=dt.date.fromisoformat(TODAY))
    council = root / "councils" / SLUG

    def config(data, _):
        rules = data.setdefault("rules", {})
        rules["safety.markup"] = {"enabled": False}  # the early warning is off: the sanitiser must hold alone
        rules["safety.attachment"] = {"enabled": False}  # likewise for file names: the page must link them safely

    def info(data, _):
        data["name"] = both(COUNCIL_NAME)
        data["about"] = both(FIELD_TEXT)

    def recommendation(data, _):
        data["text"] = both(FIELD_TEXT)
        data["follow_up"] = both(FIELD_TEXT)
        data["response"]["text"] = both(FIELD_TEXT)

    def members(data, _):
        first = data["members"][0]
        first["biography"] = both(FIELD_TEXT)
        first["consent"] = {"biography": True}

    def plan(data, _):
        data["kind"] = "commission"
        data["commission"] = both(FIELD_TEXT)

    def meeting_body(data, _):
        return hostile_body()

    def meeting_attachment(data, body):
        data["attachments"] = [{"file": ATTACHMENT_NAME, "title": both("Хаттама")}]
        return body

    _edit_yaml(root / "site_config.yml", config)
    _edit_yaml(council / "council.yml", info)
    _edit_yaml(council / "recommendations" / "2025-r1.yml", recommendation)
    _edit_yaml(council / "members.yml", members)
    _edit_yaml(council / "plans" / "2025.yml", plan)
    _edit_yaml(council / "meetings" / "2025-01.md", meeting_body)
    _edit_yaml(council / "meetings" / "2025-02.md", meeting_attachment)
    (council / ATTACHMENT_NAME).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    def make(folder: Path) -> Site:
        root = write_hostile_portal(folder / "portal")
        proc = build_ok(root, folder / "site")
        return Site(root, folder / "site", proc.stdout)
    return once(tmp_path_factory, "escaping", make)


# --- reading what a browser would run -----------------------------------------------------------


@dataclass
class Danger:
    """Everything on a page that could run script, as a browser parses it."""

    handlers: list[str] = field(default_factory=list)  # tag[on…=value]
    urls: list[str] = field(default_factory=list)  # tag[attr=value] with a dangerous scheme
    scripts: list[str] = field(default_factory=list)  # <script> that is not one of the site's files or JSON
    tags: list[str] = field(default_factory=list)  # iframe, object, base, …

    def __bool__(self) -> bool:
        return bool(self.handlers or self.urls or self.scripts or self.tags)


def dangerous_url(value: str) -> bool:
    """True for a URL a browser would run or render as a document.

    As the URL standard parses: entities decoded, leading and trailing C0 controls and spaces stripped,
    tabs and newlines removed anywhere (a space inside the scheme makes it a relative path).
    """
    value = re.sub(r"[\t\n\r]", "", html.unescape(value).strip("".join(map(chr, range(0x21))))).lower()
    return value.startswith(DANGEROUS_SCHEMES)


def theme_filter_form(tag: str, a: dict[str, str]) -> bool:
    """True for the theme's filter form exactly as its template writes it: no action, no other attribute."""
    return (tag == "form" and set(a) == THEME_FILTER_FORM_ATTRS
            and all(a[k] == v for k, v in THEME_FILTER_FORM.items()))


class DangerParser(HTMLParser):
    def __init__(self, theme_form: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Danger()
        self._theme_forms = 1 if theme_form else 0  # how many theme filter forms the page may still carry
        self._script: list[str] | None = None
        self._script_attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        for key, value in a.items():
            if key.startswith("on"):
                self.found.handlers.append(f"{tag}[{key}={value[:60]}]")
            if key in URL_ATTRS and dangerous_url(value):
                self.found.urls.append(f"{tag}[{key}={value[:60]}]")
        refresh = tag == "meta" and a.get("http-equiv", "").lower() == "refresh"
        if tag == "form" and self._theme_forms and theme_filter_form(tag, a):
            self._theme_forms -= 1
        elif tag in FORBIDDEN_TAGS or (refresh and dangerous_url(a.get("content", "").partition("url=")[2])):
            self.found.tags.append(f"<{tag} {a}>"[:120])
        if tag == "script":
            self._script, self._script_attrs = [], a

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            src, kind = self._script_attrs.get("src", ""), self._script_attrs.get("type", "")
            own = src and not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I) and src.endswith(".js")
            if not (own or kind == "application/json"):
                self.found.scripts.append(f"<script {self._script_attrs}>{''.join(self._script)[:80]}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def danger(page_html: str, theme_form: bool = False) -> Danger:
    """What could run script on a page; ``theme_form`` allows one theme filter form (built pages only)."""
    # A browser reads <title> as text up to the first </title>; html.parser does not.
    page_html = re.sub(r"(<title>)(.*?)(</title>)", lambda m: m.group(1) + html.escape(m.group(2)) + m.group(3),
                       page_html, flags=re.S | re.I)
    parser = DangerParser(theme_form)
    parser.feed(page_html)
    parser.close()
    return parser.found


def assert_safe(site: Site, site_path: str) -> str:
    page_html = site.html(site_path)
    found = danger(page_html, theme_form=True)
    assert not found, f"{site_path}: {found}"
    return page_html


def page_text(site: Site, site_path: str) -> str:
    return site.page(site_path).text


# --- the attacks, one test each -------------------------------------------------------------------


def test_no_page_of_the_hostile_portal_can_run_script(hostile: Site):
    found = {hostile.site_path_of(f): d for f in hostile.html_files()
             if (d := danger(f.read_text("utf-8"), theme_form=True))}
    assert not found, f"{len(found)} pages: " + "; ".join(f"{p}: {d}" for p, d in list(found.items())[:5])


@pytest.mark.parametrize("lang", LANGS)
def test_a_council_name_is_text_in_the_navigation_titles_and_header(hostile: Site, lang: str):
    for path in (f"{lang}/", f"{lang}/councils/", f"{lang}/councils/{SLUG}/", f"{lang}/councils/{SLUG}/members/",
                 f"{lang}/calendar/"):
        page_html = assert_safe(hostile, path)
        assert "<img src=x" not in page_html and "<script>alert" not in page_html, path
        assert COUNCIL_NAME in page_text(hostile, path), path
    page_html = hostile.html(f"{lang}/councils/{SLUG}/")
    title = re.search(r"<title>(.*?)</title>", page_html, re.S).group(1)
    assert html.unescape(title).startswith(COUNCIL_NAME), title
    topic = re.findall(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                       page_html, re.S)
    assert topic and html.unescape(topic[0]) == COUNCIL_NAME, topic
    nav = re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                     hostile.html(f"{lang}/"), re.S)
    assert COUNCIL_NAME in [html.unescape(n) for n in nav], nav


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_in_plain_text_fields_stays_text(hostile: Site, lang: str):
    """Recommendation, response, follow-up, biography, "about" and commission are plain text."""
    pages = {"recommendation": f"{lang}/councils/{SLUG}/recommendations/2025-r1/",
             "members": f"{lang}/councils/{SLUG}/members/", "council": f"{lang}/councils/{SLUG}/",
             "plan": f"{lang}/councils/{SLUG}/plans/2025/"}
    for what, path in pages.items():
        page_html = assert_safe(hostile, path)
        article = hostile.page(path).article
        assert FIELD_LINK in article and FIELD_ATTR_IMAGE in article, f"{what}: the text is not shown as written"
        assert "javascript:" not in re.sub(r">[^<]*<", "><", page_html), what  # only as text, never in markup
    rec = hostile.page(pages["recommendation"]).article
    assert rec.count(FIELD_LINK) >= 3, "recommendation, response and follow-up"


class Attributes(HTMLParser):
    """Every attribute value on a page."""

    def __init__(self, page_html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.feed(page_html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [f"{tag}[{k}={v}]" for k, v in attrs if v]


@pytest.mark.parametrize("attack", sorted(BODY_ATTACKS))
def test_a_protocol_body_attack_is_neutralised(hostile: Site, attack: str):
    """The attack's payload is in no attribute of the page: no handler, no link, no image source."""
    marker = re.search(r"(alert|msgbox)\(\d+\)|<b>\d+</b>", BODY_ATTACKS[attack]).group(0)
    for lang in LANGS:
        path = f"{lang}/councils/{SLUG}/meetings/2025-01/"
        page_html = assert_safe(hostile, path)
        carried = [v for v in Attributes(page_html).values if marker in v]
        assert not carried, f"{path}: {carried}"


def test_a_protocol_body_keeps_its_markdown(hostile: Site):
    for lang in LANGS:
        path = f"{lang}/councils/{SLUG}/meetings/2025-01/"
        page_html = hostile.html(path)
        assert "<strong>Қалың</strong>" in page_html
        assert re.search(r"<table>\s*<thead>\s*<tr>\s*<th>А</th>", page_html)
        assert re.search(r'<a href="https://example.kz/a\?b=1&amp;c=2" rel="noopener noreferrer">сілтеме</a>',
                         page_html)
        assert re.search(r"<h2[^>]*>Қорытынды", page_html)


def test_a_crafted_attachment_file_name_is_only_a_link(hostile: Site):
    """The name is percent-encoded into the link (the file itself is refused by ``safety.attachment``)."""
    for lang in LANGS:
        path = f"{lang}/councils/{SLUG}/meetings/2025-02/"
        assert_safe(hostile, path)
        links = [v for tag, attr, v in hostile.page(path).links if tag == "a" and "b.pdf" in v]
        assert links == ["../attachments/a%29%7B%3A%20onclick%3Dalert%2813%29%20%7D%28b.pdf"], links


# --- the early warning: safety.markup with file and line -----------------------------------------


def test_safety_markup_reports_each_body_attack_with_its_line(tmp_path: Path):
    root = write_hostile_portal(tmp_path / "portal")
    _edit_yaml(root / "site_config.yml", lambda data, _: data["rules"].pop("safety.markup") and None)
    report = check_json(root)
    found = [f for f in report["findings"] if f["rule"] == "safety.markup"]
    text = (root / "councils" / SLUG / "meetings" / "2025-01.md").read_text(encoding="utf-8").splitlines()
    lines = {f["line"] for f in found if f["file"].endswith("meetings/2025-01.md")}
    for attack, snippet in BODY_ATTACKS.items():
        first = snippet.splitlines()[-1]
        expected = {i for i, line in enumerate(text, 1) if line == first}
        assert len(expected) == 2, (attack, expected)
        assert expected <= lines, f"{attack}: lines {sorted(expected)} not reported; reported {sorted(lines)}"


# --- by construction: the two ways record text reaches a page -------------------------------------

VECTORS = [
    "<script>alert(20)</script>", "<img src=x onerror=alert(21)>", "<svg onload=alert(22)>",
    "<iframe srcdoc='<script>alert(23)</script>'></iframe>", "<a href='javascript:alert(24)'>a</a>",
    "[a](javascript:alert(25))", "[a](JAVASCRIPT:alert(26))", "[a]( javascript:alert(27))",
    "[a][r]\n\n[r]: javascript:alert(28)", "<javascript:alert(29)>", "![a](javascript:alert(30))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgzMSk8L3NjcmlwdD4=)", "[a](&#x6a;avascript&colon;alert(32))",
    "x\n{: onmouseover=alert(33) }", "<style>*{background:url(javascript:alert(34))}</style>",
    "<form action=javascript:alert(35)><button>b</button></form>", "<math><a xlink:href=javascript:alert(36)>m</a>",
    "`<script>alert(37)</script>`", "<!-- <script>alert(38)</script> -->", "<base href='javascript:alert(39)//'>",
    # a copy of the theme's filter form in record text is no filter: the sanitiser drops it like any form
    '<form class="ashyq-filter" data-ashyq-filter hidden aria-label="f" data-shown="s"><button>b</button></form>',
]


@pytest.mark.parametrize("vector", VECTORS)
def test_the_sanitiser_leaves_nothing_that_runs(vector: str):
    from ashyq.render.sanitize import markdown_blocks

    out = str(markdown_blocks(f"Мәтін.\n\n{vector}\n\n## Тақырып {vector}\n"))
    assert not danger(out), (vector, out)
    assert not [v for v in Attributes(out).values if "alert" in v], out


def test_a_template_cannot_print_record_text_as_markup():
    """Any value a page template prints without a filter is literal in Markdown and HTML alike."""
    import markdown

    from ashyq.render.pages import environment

    text = f"{FIELD_TEXT} {NAME_IMG} <b>x</b> *y* {{: .c }}"
    source = environment().from_string("# {{ v }}\n\n{{ v }}\n\n| {{ v }} |\n|---|\n| {{ v }} |\n\n"
                                        '<p class="x">{{ v }}</p>\n').render(v=text)
    html_out = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "def_list"])
    assert not danger(html_out), html_out
    assert "<a" not in html_out and "<img" not in html_out and "<b>" not in html_out and "<em>" not in html_out
    shown = parse(html_out).text
    assert shown.count(" ".join(text.split())) == 5, shown  # heading, paragraph, two cells, HTML block
