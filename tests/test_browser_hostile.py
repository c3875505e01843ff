"""A portal with script in every text field, every page opened in a real Chromium: nothing runs.

The field list comes from the pydantic models, not from a hand-kept list:
every ``Text``, name and unconstrained string field of every record type
(council, composition and members, plans, meetings, recommendations and
responses, hearings, reports) and of ``site_config.yml`` gets its own
payload, numbered so a failure names the field. Fields the synthetic records
leave out are added. Protocol bodies carry the Markdown attacks, and
``safety.markup`` is switched off: the renderer alone must hold.

Each built page is loaded in Debian's headless Chromium (as ``test_browser``
does). The test fails on any dialog, on ``window.__pwned`` set by a payload,
and on any Content-Security-Policy violation (one of the site's own scripts
needing something the policy forbids, or a payload that reached the page as
markup). A search renders Pagefind results for the payloads too.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ashyq.config import SiteConfig
from ashyq.models import Composition, CouncilInfo, Text
from ashyq.kinds.hearing.model import Hearing
from ashyq.kinds.meeting.model import Meeting
from ashyq.kinds.plan.model import Plan
from ashyq.kinds.recommendation.model import Recommendation
from ashyq.kinds.report.model import Report
from buildkit import TODAY, Site, build_ok, once, parse, search_links, serve_folder
from test_browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler, sync_api
from test_escaping import BODY_ATTACKS, danger, dump

SLUG = "council-001"
FILES = {"council.yml": CouncilInfo, "members.yml": Composition, "plans": Plan, "meetings": Meeting,
         "recommendations": Recommendation, "hearings": Hearing, "reports": Report}
# Filled only where a consent allows it, as a secretary would; not printed on pages but still planted.
CONSENTS = {"biography": "biography", "email": "contacts", "phone": "contacts", "photo": "photo"}
SKIP = {"file", "published_with_consent", "allowed"}  # a path that must exist; lists that are settings, not text
ATTACHMENT = "attachments/draft.pdf"  # the synthetic portal's own attachment
PHOTO = "attachments/photo.png"  # written beside it: a 1×1 PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0a20000000049454e44ae426082")


def payload(n: int) -> str:
    """Every way record text was ever turned into script, tagged with the field's number."""
    return (f"P{n} <img src=x onerror=\"window.__pwned='img{n}';alert('img{n}')\"> "
            f"\"><script>window.__pwned='script{n}';alert('script{n}')</script> "
            f"[link{n}](javascript:window.__pwned='link{n}') "
            f"![a{n}](x.png){{: onerror=\"window.__pwned='attr{n}'\" }} "
            f"<svg onload=\"window.__pwned='svg{n}'\"></svg>")


# --- the fields, from the models ----------------------------------------------------------------


def field_kind(annotation: Any) -> Any:
    """"text", "name", "str", ("model", cls), ("list", kind) or None (dates, numbers, constrained strings)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if set(args) == {str, Text}:
            return "name"
        return field_kind(args[0]) if len(args) == 1 else None
    if origin is Annotated:
        return None  # ids, URLs, BINs, times: patterns a payload cannot match
    if origin is list:
        inner = field_kind(get_args(annotation)[0])
        return ("list", inner) if inner else None
    if annotation is Text:
        return "text"
    if annotation is str:
        return "str"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


def kind_of_field(info: FieldInfo) -> Any:
    """The kind of a model field; pydantic keeps the pattern of a constrained string in ``metadata``."""
    return None if info.metadata else field_kind(info.annotation)


def text_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every text field reachable from ``model``: ``Meeting.agenda[].title`` and so on."""
    out = set()
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind = kind_of_field(info)
        while isinstance(kind, tuple) and kind[0] == "list":
            kind, key = kind[1], key + "[]"
        if key.rstrip("[]") in SKIP:
            continue
        if isinstance(kind, tuple):
            out |= text_fields(kind[1], f"{prefix}{key}.")
        elif kind:
            out.add(prefix + key)
    return out


class Planter:
    """Writes a numbered payload into every text field of a record's data, guided by its model.

    A nested object the record leaves out (an attachment, a response's file) is added when everything it
    requires can be filled: text, a payload; a file, the synthetic portal's own attachment; a number (an
    okrug's), its smallest allowed value. One with no text field to carry a payload (a decision's roll
    call) is not added: empty, it would state something of its own (a roll call listing nobody says no
    one voted) and turn the portal into one that fails.
    """

    def __init__(self) -> None:
        self.fields: dict[int, str] = {}  # payload number -> "file: Model.field"
        self.planted: set[str] = set()  # "Model.field[].sub"

    def value(self, kind: str, file: str, label: str) -> Any:
        n = len(self.fields) + 1
        self.fields[n] = f"{file}: {label}"
        self.planted.add(label)
        text = payload(n)
        return {"kk": text, "ru": text} if kind == "text" else text

    def skeleton(self, model: type[BaseModel]) -> dict[str, Any] | None:
        """The required fields of an absent nested object, or None when one cannot or need not be made up."""
        if not text_fields(model):
            return None
        data: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            if not info.is_required():
                continue
            if (info.alias or name) == "file":
                data["file"] = PHOTO if model.__name__ == "Photo" else ATTACHMENT
            elif info.annotation is int:  # a number (an okrug's): its smallest allowed value
                data[info.alias or name] = max([getattr(m, "ge", None) or 1 for m in info.metadata] or [1])
            elif kind_of_field(info) not in ("text", "name", "str"):
                return None
        return data

    def plant(self, data: dict[str, Any], model: type[BaseModel], file: str, label: str) -> None:
        for name, info in model.model_fields.items():
            key = info.alias or name
            kind = kind_of_field(info)
            if kind is None or key in SKIP:
                continue
            if key in CONSENTS and "consent" in model.model_fields:
                data.setdefault("consent", {})[CONSENTS[key]] = True
            here = f"{label}.{key}"
            if isinstance(kind, str):
                data[key] = self.value(kind, file, here)
            elif kind[0] == "model":
                if not isinstance(data.get(key), dict) and (made := self.skeleton(kind[1])) is not None:
                    data[key] = made
                if isinstance(data.get(key), dict):
                    self.plant(data[key], kind[1], file, here)
            elif isinstance(kind[1], str):
                data[key] = [self.value(kind[1], file, here + "[]")]
            else:
                items = [i for i in data.get(key) or [] if isinstance(i, dict)]
                if not items and (made := self.skeleton(kind[1][1])) is not None:
                    data[key] = items = [made]
                for item in items:
                    self.plant(item, kind[1][1], file, here + "[]")


def _read(path: Path) -> tuple[dict[str, Any], str | None]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        end = text.index("\n---\n", 3)
        return yaml.safe_load(text[4:end + 1]), text[end + 5:]
    return yaml.safe_load(text), None


def _write(path: Path, data: dict[str, Any], body: str | None) -> None:
    dumped = dump(data)
    path.write_text(f"---\n{dumped}---\n{body}" if body is not None else dumped, encoding="utf-8")


def hostile_body(n: int) -> str:
    attacks = "\n\n".join([payload(n), *BODY_ATTACKS.values()])
    return f"<!-- lang: kk -->\n## Хаттама\n\n{attacks}\n\n<!-- lang: ru -->\n## Протокол\n\n{attacks}\n"


def write_portal(root: Path) -> Planter:
    from ashyq.synthetic import write_portal as synthetic

    synthetic(root, councils=1, today=dt.date.fromisoformat(TODAY))
    planter = Planter()
    config, _ = _read(root / "site_config.yml")
    planter.plant(config, SiteConfig, "site_config.yml", "SiteConfig")
    config["rules"]["safety.markup"] = {"enabled": False}  # the sanitiser, not the early warning, is tested
    config.pop("contact_email", None)  # an address, checked as one
    _write(root / "site_config.yml", config, None)
    council = root / "councils" / SLUG
    (council / PHOTO).write_bytes(PNG)
    for name, model in FILES.items():
        for path in ([council / name] if name.endswith(".yml") else sorted((council / name).iterdir())):
            data, body = _read(path)
            planter.plant(data, model, path.relative_to(root).as_posix(), model.__name__)
            if body is not None:
                body = hostile_body(len(planter.fields) + 1)
            _write(path, data, body)
    return planter


# --- building and browsing -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Planter]:
    def make(folder: Path) -> Site:
        write_portal(folder / "portal")
        proc = build_ok(folder / "portal", folder / "site")
        return Site(folder / "portal", folder / "site", proc.stdout)

    site = once(tmp_path_factory, "browser-hostile", make)
    # Planting is deterministic: plant once more (without building) to know which number is which field.
    return site, write_portal(tmp_path_factory.mktemp("replant"))


@pytest.fixture(scope="module")
def server(hostile):
    site, _ = hostile
    with serve_folder(site.out, QuietHandler) as url:
        yield url


STATE = "[window.__pwned || null, window.__csp || []]"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def tab(server):
    """One Chromium page that records dialogs and CSP violations; nothing off the local server is loaded."""
    events: dict[str, list[str]] = {"dialogs": [], "console": []}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(service_workers="block")
        context.add_init_script(WATCH)
        context.route(lambda url: not url.startswith(server), lambda route: route.abort())
        page = context.new_page()
        page.set_default_timeout(20_000)

        def on_dialog(dialog) -> None:
            events["dialogs"].append(f"{page.url}: {dialog.type} {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: events["console"].append(f"{page.url}: {m.text}")
                if "Content Security Policy" in m.text else None)
        try:
            yield page, events
        finally:
            browser.close()


# --- the tests ------------------------------------------------------------------------------------


def test_every_text_field_of_every_record_type_carries_a_payload(hostile):
    _, planter = hostile
    expected = set()
    for model in (SiteConfig, *FILES.values()):
        expected |= {f"{model.__name__}.{f}" for f in text_fields(model)}
    missing = sorted(expected - planter.planted)
    assert len(expected) > 40, sorted(expected)
    assert not missing, f"text fields without a payload: {missing}"


def test_no_page_runs_a_payload_in_chromium(hostile, tab, server):
    site, planter = hostile
    page, events = tab
    paths = sorted(site.site_path_of(f) for f in site.html_files())  # every page, the 404 pages too
    assert len(paths) > 80 and any(p.endswith("404.html") for p in paths), paths
    pwned: list[str] = []
    violations: list[str] = []
    for path in paths:
        page.goto(server + path, wait_until="load")
        if path == "":  # the root page sends readers on to the Kazakh edition: arrive before the next goto
            page.wait_for_url(server + "kk/", wait_until="load")
        state = page.evaluate(STATE)
        if state[0]:
            number = int("".join(c for c in state[0] if c.isdigit()) or 0)
            pwned.append(f"{path}: {state[0]} from {planter.fields.get(number, '?')}")
        violations += [f"{path}: {v}" for v in state[1]]
    assert not events["dialogs"], f"{len(events['dialogs'])} dialogs: {events['dialogs'][:5]}"
    assert not pwned, f"{len(pwned)} pages ran a payload: {pwned[:5]}"
    assert not violations and not events["console"], f"CSP violations: {(violations + events['console'])[:5]}"


def test_search_results_show_payloads_as_text(hostile, tab, server):
    """Pagefind's result titles and excerpts come from the pages: the payloads stay text there too."""
    page, events = tab
    for lang in ("kk", "ru"):
        page.goto(server + f"{lang}/", wait_until="networkidle")
        box = page.locator("#ashyq-search-ui .pagefind-ui__search-input")
        box.fill("onerror")
        titles = page.locator("#ashyq-search-ui .pagefind-ui__result-title")
        for _ in range(100):  # polled from here: wait_for_function would need 'unsafe-eval' in the page
            if any("<img src=x onerror=" in t for t in titles.all_inner_texts()):
                break
            page.wait_for_timeout(100)
        assert any("<img src=x onerror=" in t for t in titles.all_inner_texts()), titles.all_inner_texts()[:3]
        page.wait_for_timeout(300)
        state = page.evaluate(STATE)
        assert state == [None, []], state
    assert not events["dialogs"], events["dialogs"][:5]


def test_a_council_named_in_script_is_searched_by_its_own_filter(hostile, tab, server):
    """A council's page searches its council by the filter it reads from the page: a name made of markup
    still picks the council's pages (read as Pagefind holds it, never run), and nothing runs."""
    site, _ = hostile
    page, events = tab
    for lang in ("kk", "ru"):
        council = next(d.name for d in sorted((site.out / lang / "councils").iterdir()) if d.is_dir())
        page.goto(server + f"{lang}/councils/{council}/", wait_until="networkidle")
        links = search_links(page, "onerror")
        assert links and all(link.startswith(f"/{lang}/councils/{council}/") for link in links), links[:3]
        assert page.locator(".ashyq-search__scope input[value=council]").is_checked()
        state = page.evaluate(STATE)
        assert state == [None, []], state
    assert not events["dialogs"], events["dialogs"][:5]


def without_search_hooks(file: Path) -> str:
    """A page without its hidden, never-shown block of Pagefind filters: those are escaped once more for
    Pagefind on purpose (render/searchfacets.py); what the search box makes of them is tested above."""
    return re.sub(r'<div hidden data-pagefind-ignore class="ashyq-pagefind-hooks">.*?</div>', "",
                  file.read_text("utf-8"), flags=re.S)


def test_the_static_html_has_no_live_markup_and_no_double_escaping(hostile):
    site, _ = hostile
    found = {site.site_path_of(f): d for f in site.html_files()
             if (d := danger(f.read_text("utf-8"), theme_form=True))}
    assert not found, f"{len(found)} pages: " + "; ".join(f"{p}: {d}" for p, d in list(found.items())[:3])
    shown = [site.site_path_of(f) for f in site.html_files()
             if re.search(r"&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot);", parse(without_search_hooks(f)).text)]
    assert not shown, f"{len(shown)} pages show character references as text, e.g. {shown[:5]}"
