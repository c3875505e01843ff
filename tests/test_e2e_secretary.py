"""The secretary's path end to end: init a portal, add a meeting, fill it, check, build, find the page.

Everything runs the real commands (``ashyq.cli.main``, the same entry point as
the ``ashyq`` script) on real files in a temporary folder, judged as of a
fixed day so the results do not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from ashyq.cli import main
from ashyq.i18n import t
from ashyq.load.source import read_document
from ashyq.scaffold.new import ask, placeholders_in
from ashyq.synthetic import DRAFT_PDF

TODAY = "2026-03-02"
SLUG = "almaty-kenes"
PLACEHOLDER = re.compile(r"<<[^<>]*>>")

# What a secretary writes in place of each placeholder of a new record.
FILL = {
    "<<отырыстың тақырыбы>>": "Қоғамдық көліктің жұмысы",
    "<<тема заседания>>": "Работа общественного транспорта",
    "<<өтетін орны>>": "Әкімдік ғимараты, 305 кабинет",
    "<<место проведения>>": "Здание акимата, кабинет 305",
    "<<күн тәртібінің 1-мәселесі>>": "Қала автобустарының кестесі",
    "<<вопрос 1 повестки дня>>": "Расписание городских автобусов",
    "<<баяндамашының аты-жөні / ФИО докладчика>>": "Оразов Нұрлан",
    "<<1-мәселе бойынша шешім>>": "Ақпарат назарға алынсын.",
    "<<решение по вопросу 1>>": "Информацию принять к сведению.",
    "<<5.1.N>>": "5.1.3",
}


def filled(text: str) -> str:
    """``text`` with every placeholder replaced by what a secretary would write."""
    return PLACEHOLDER.sub(lambda m: FILL.get(m.group(0), "Толтырылды / Заполнено"), text)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def check(capsys, root: Path, today: str = TODAY) -> tuple[int, dict]:
    code, out, _err = run(capsys, "check", str(root), "--today", today, "--format", "json")
    return code, json.loads(out)


def is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(line == other for other in it) for line in short)


def added_member_lines(text: str, name: str) -> list[str]:
    """The lines of the member entry holding ``name`` (from its ``- id:`` to the next item or key)."""
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if name in ln)
    start = max(i for i in range(at + 1) if lines[i].lstrip().startswith("- id:"))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return lines[start:end]


def blocking(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["kind"] != "compliance"]


@pytest.fixture
def portal(tmp_path, capsys) -> Path:
    root = tmp_path / "portal"
    code, out, _err = run(capsys, "init", str(root), "--name-kk", "Алматы қаласы әкімдігі жанындағы қоғамдық кеңес",
                          "--name-ru", "Общественный совет при акимате города Алматы", "--slug", SLUG,
                          "--type", "city", "--base-url", "https://kenes.example.kz/", "--today", TODAY,
                          "--no-input")
    assert code == 0, out
    return root


def write_new(capsys, root: Path, kind: str, *args: str, lang: str = "kk") -> tuple[Path, str]:
    code, out, err = run(capsys, "new", kind, SLUG, str(root), "--today", TODAY, "--no-input", "--lang", lang,
                         *args)
    assert code == 0, err
    written = re.search(r"(councils/\S+)", out).group(1)
    return root / written.split(str(root) + "/")[-1], out


# --- the whole path --------------------------------------------------------------------------------------------------

def test_init_new_meeting_fill_check_build(portal, capsys, tmp_path):
    # a new portal checks clean as created
    code, report = check(capsys, portal)
    assert code == 0 and report["findings"] == [], report["findings"]

    # a new meeting, written with flags only
    code, out, _err = run(capsys, "new", "meeting", SLUG, str(portal), "--date", "2026-03-10", "--time", "10:00",
                          "--title-kk", "Қоғамдық көліктің жұмысы", "--today", TODAY, "--no-input")
    assert code == 0
    meeting = portal / "councils" / SLUG / "meetings" / "2026-01.md"
    assert meeting.is_file()
    assert f"councils/{SLUG}/meetings/2026-01.md" in out  # the path written
    assert "ashyq check" in out  # and the next step
    text = meeting.read_text(encoding="utf-8")
    assert "kk: \"Қоғамдық көліктің жұмысы\"" in text and "time: \"10:00\"" in text
    assert "date: 2026-03-10" in text and "agenda_published: 2026-03-02" in text and "created: 2026-03-02" in text
    left = placeholders_in(text)
    assert "<<тема заседания>>" in left and "<<отырыстың тақырыбы>>" not in left

    # check names every placeholder left, with file and line
    code, report = check(capsys, portal)
    assert code == 1
    found = [f for f in report["findings"] if f["rule"] == "data.placeholder"]
    assert sorted({f["params"]["placeholder"] for f in found}) == sorted(set(left))
    lines = text.splitlines()
    for f in found:
        assert f["file"] == f"councils/{SLUG}/meetings/2026-01.md"
        assert f["params"]["placeholder"] in lines[f["line"] - 1]
        assert f["params"]["placeholder"] in f["message"]
    assert blocking(report) == found

    # the secretary fills them in; the check passes
    meeting.write_text(filled(text), encoding="utf-8")
    code, report = check(capsys, portal)
    assert code == 0, blocking(report)
    assert report["findings"] == []

    # and the site has the meeting's page in both languages
    if importlib.util.find_spec("ashyq.write.build") is None:
        pytest.skip("ashyq build (ashyq.write.build) is not written yet")
    site = tmp_path / "site"
    code, out, err = run(capsys, "build", str(portal), "--out", str(site), "--today", TODAY)
    assert code == 0, out + err
    pages = {lang: site / lang / "councils" / SLUG / "meetings" / "2026-01" / "index.html" for lang in ("kk", "ru")}
    for lang, page in pages.items():
        assert page.is_file(), f"no {lang} page for the meeting"
    assert "Қоғамдық көліктің жұмысы" in pages["kk"].read_text(encoding="utf-8")
    assert "Работа общественного транспорта" in pages["ru"].read_text(encoding="utf-8")
    # the rule reference is part of the built portal, with rule ids as anchors
    rules = site / "kk" / "rules" / "index.html"
    if rules.is_file():
        assert 'id="data.placeholder"' in rules.read_text(encoding="utf-8")


# --- init ------------------------------------------------------------------------------------------------------------

def test_init_writes_everything_a_portal_needs(portal):
    for rel in ("site_config.yml", f"councils/{SLUG}/council.yml", f"councils/{SLUG}/members.yml",
                f"councils/{SLUG}/plans/2026.yml", ".github/workflows/check.yml", ".github/workflows/deploy.yml",
                ".vscode/settings.json", ".vscode/extensions.json", ".pre-commit-config.yaml", ".gitignore",
                "README.md", "requirements.txt", "schemas/meeting.json", "templates/meeting.md"):
        assert (portal / rel).is_file(), rel
    config = yaml.safe_load((portal / "site_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == {"kk": "Алматы қаласы әкімдігі жанындағы қоғамдық кеңес",
                               "ru": "Общественный совет при акимате города Алматы"}
    assert config["base_url"] == "https://kenes.example.kz/"
    members = yaml.safe_load((portal / f"councils/{SLUG}/members.yml").read_text(encoding="utf-8"))["members"]
    roles = [m["role"] for m in members]
    assert roles.count("chair") == 1 and roles.count("secretary") == 1 and roles.count("member") >= 5
    readme = (portal / "README.md").read_text(encoding="utf-8")
    assert "## Қазақша" in readme and "## Русский" in readme
    assert f"ashyq new meeting {SLUG}" in readme
    settings = json.loads((portal / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema_file in settings["yaml.schemas"]:
        assert (portal / schema_file).is_file()
    assert not re.search(r"/(tmp|home|root|work)/", "".join(
        p.read_text(encoding="utf-8") for p in portal.rglob("*") if p.is_file()))  # no machine paths


@pytest.mark.parametrize("council_type", ["ministry", "quasi-public", "district", "village"])
def test_init_checks_clean_for_every_size_rule(tmp_path, capsys, council_type):
    root = tmp_path / council_type
    code, _out, _err = run(capsys, "init", str(root), "--type", council_type, "--today", TODAY, "--no-input")
    assert code == 0
    code, report = check(capsys, root)
    assert code == 0 and report["findings"] == []
    # and still clean a year later, once the next year's plan and reports are due, except for those
    code, report = check(capsys, root, "2026-12-31")
    assert code == 0 and not blocking(report)


@pytest.mark.parametrize(("lang", "words"), [("kk", "бос емес"), ("ru", "не пуста"), ("en", "not empty")])
def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys, lang, words):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "init", str(target), "--lang", lang, "--no-input")
    assert code == 2
    assert words in err and "busy" in err and out == ""
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_init_into_an_empty_folder_is_fine(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _out, _err = run(capsys, "init", str(tmp_path / "empty"), "--no-input", "--today", TODAY)
    assert code == 0 and (tmp_path / "empty" / "site_config.yml").is_file()


def test_init_rejects_a_bad_slug_or_address(tmp_path, capsys):
    code, _out, err = run(capsys, "init", str(tmp_path / "a"), "--slug", "Алматы", "--no-input", "--lang", "en")
    assert code == 2 and "not a valid id" in err and not (tmp_path / "a").exists()
    code, _out, err = run(capsys, "init", str(tmp_path / "b"), "--base-url", "kenes.kz", "--no-input", "--lang", "ru")
    assert code == 2 and "не веб-адрес" in err and not (tmp_path / "b").exists()


# --- new, for every record type --------------------------------------------------------------------------------------

KINDS = {
    "meeting": ("meetings/2026-01.md", ["--date", "2026-03-10"]),
    "hearing": ("hearings/2026-h1.md", ["--date", "2026-03-20"]),
    "recommendation": ("recommendations/2026-r1.yml", []),
    "report": ("reports/2025-h2.md", []),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_record_of_every_kind(portal, capsys, kind):
    rel, args = KINDS[kind]
    path, out = write_new(capsys, portal, kind, *args)
    assert path == portal / "councils" / SLUG / rel and path.is_file()
    text = path.read_text(encoding="utf-8")
    doc = read_document(path, portal)
    assert not doc.problems
    data = doc.data
    record_id = Path(rel).stem
    assert data["id"] == record_id and data["created"] == dt.date(2026, 3, 2)
    left = placeholders_in(text)
    assert left, "a record written without answers has placeholders to fill"
    assert str(len(left)) in out  # the count of places to fill is printed
    for lang in ("kk", "ru"):  # both languages' fields side by side
        assert any(isinstance(v, dict) and lang in v for v in data.values())
    if path.suffix == ".md" and kind in ("report",):
        assert "<!-- lang: kk -->" in text and "<!-- lang: ru -->" in text

    code, report = check(capsys, portal)
    assert code == 1
    named = {f["params"].get("placeholder") or f["params"].get("value") for f in blocking(report)}
    assert named & set(left), "check names the placeholders left"

    path.write_text(filled(text), encoding="utf-8")
    code, report = check(capsys, portal)
    assert code == 0, blocking(report)


def test_new_member_appends_and_keeps_the_file(portal, capsys):
    members = portal / "councils" / SLUG / "members.yml"
    before = members.read_text(encoding="utf-8")
    _path, out = write_new(capsys, portal, "member", "--name", "Тестова Әлия", "--role", "member",
                           "--category", "civil-society", "--organisation-kk", "«Жасыл қала» қоғамдық бірлестігі")
    after = members.read_text(encoding="utf-8")
    assert after.startswith(before)  # every line of the file as it was, comments included
    added = after[len(before):]
    assert "Тестова Әлия" in added and "start: 2026-03-02" in added
    data = yaml.safe_load(after)
    assert data["members"][-1]["id"] == "m10" and data["members"][-1]["name"] == "Тестова Әлия"
    assert "m10" in out
    code, report = check(capsys, portal)
    assert code == 1
    assert {f["params"]["placeholder"] for f in blocking(report)} == {"<<организация>>"}
    members.write_text(filled(after), encoding="utf-8")
    code, report = check(capsys, portal)
    assert code == 0 and not blocking(report)


def test_new_member_goes_inside_the_list_when_other_keys_follow(portal, capsys):
    members = portal / "councils" / SLUG / "members.yml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("members:\n", "members:\n", 1) + "\n# Шешім / Решение\ndecision:\n"
                       "  file: attachments/decision.pdf\n  title: {kk: Шешім, ru: Решение}\n", encoding="utf-8")
    (members.parent / "attachments" / "decision.pdf").write_bytes(DRAFT_PDF)  # a real PDF: attachments are read
    before = members.read_text(encoding="utf-8")
    write_new(capsys, portal, "member", "--name", "Тестов Ерлан", "--organisation-kk", "Ұйым",
              "--organisation-ru", "Организация")
    after = members.read_text(encoding="utf-8")
    data = yaml.safe_load(after)
    assert data["members"][-1]["name"] == "Тестов Ерлан" and data["decision"]["file"] == "attachments/decision.pdf"
    assert is_subsequence(before.splitlines(), after.splitlines())  # every line kept, in its order
    assert len(after.splitlines()) - len(before.splitlines()) == len(added_member_lines(after, "Тестов Ерлан"))
    assert after.index("Тестов Ерлан") < after.index("# Шешім / Решение")
    code, report = check(capsys, portal)
    assert code == 0, blocking(report)


def test_ids_count_up_and_a_past_meeting_is_held(portal, capsys):
    first, _ = write_new(capsys, portal, "meeting", "--date", "2026-03-10")
    second, _ = write_new(capsys, portal, "meeting", "--date", "2026-02-20")  # already happened
    other_year, _ = write_new(capsys, portal, "meeting", "--date", "2027-01-15")
    assert (first.name, second.name, other_year.name) == ("2026-01.md", "2026-02.md", "2027-01.md")
    held = read_document(second, portal).data
    assert held["status"] == "held" and held["number"] == 2
    assert "protocol_published" in held and held["decisions"]
    assert "<!-- lang: kk -->" in second.read_text(encoding="utf-8")
    h1, _ = write_new(capsys, portal, "hearing", "--date", "2026-04-01")
    h2, _ = write_new(capsys, portal, "hearing", "--date", "2026-05-01")
    r1, _ = write_new(capsys, portal, "recommendation", "--basis", "5.1.1")
    r2, _ = write_new(capsys, portal, "recommendation")
    assert (h1.stem, h2.stem, r1.stem, r2.stem) == ("2026-h1", "2026-h2", "2026-r1", "2026-r2")
    assert read_document(r1, portal).data["basis"] == "5.1.1"
    annual, _ = write_new(capsys, portal, "report", "--period", "year", "--year", "2025")
    assert annual.name == "2025-year.md"
    assert "2025 жылғы қызмет туралы жылдық есеп" in annual.read_text(encoding="utf-8")


@pytest.mark.parametrize(("argv", "key"), [
    (["new", "meeting", "no-such-council"], "scaffold.no-council"),
    (["new", "meeting", SLUG, "--id", "2026-01"], "scaffold.id-taken"),
    (["new", "meeting", SLUG, "--id", "Заседание 1"], "scaffold.bad-id"),
    (["new", "member", SLUG, "--id", "m01"], "scaffold.id-taken"),
    (["new", "recommendation", SLUG, "--basis", "статья 5"], "scaffold.bad-basis"),
])
def test_new_refuses_wrong_usage_with_exit_2(portal, capsys, argv, key):
    write_new(capsys, portal, "meeting", "--date", "2026-03-10")
    before = sorted(p.relative_to(portal).as_posix() for p in portal.rglob("*"))
    code, out, err = run(capsys, *argv[:3], str(portal), *argv[3:], "--today", TODAY, "--no-input", "--lang", "ru")
    assert code == 2 and out == ""
    expected = t("ru", key).split("{")[0].strip()
    assert expected and expected in err
    assert sorted(p.relative_to(portal).as_posix() for p in portal.rglob("*")) == before


def test_new_outside_a_portal(tmp_path, capsys):
    code, _out, err = run(capsys, "new", "meeting", SLUG, str(tmp_path), "--no-input", "--lang", "en")
    assert code == 2 and "not a portal folder" in err


@pytest.mark.parametrize(("lang", "words"), [("kk", "Келесі қадам"), ("ru", "Следующий шаг"), ("en", "Next")])
def test_new_prints_the_next_step_in_the_chosen_language(portal, capsys, lang, words):
    _path, out = write_new(capsys, portal, "hearing", lang=lang)
    assert words in out and "ashyq check" in out


def test_questions_on_a_terminal_fill_the_record(portal, capsys):
    answers = iter(["31.03.2026", "2026-03-31", "", "Бюджет", "Бюджет", "", ""])
    asked = []

    def prompt(key, text):
        asked.append(key)
        return next(answers)

    values = ask("meeting", {"title_kk": None}, prompt, "ru")
    assert asked == ["date", "date", "time", "title_kk", "title_ru", "place_kk", "place_ru"]
    assert values["date"] == dt.date(2026, 3, 31) and values["title_kk"] == values["title_ru"] == "Бюджет"
    assert "time" not in values or values["time"] is None
    assert "31.03.2026" in capsys.readouterr().out  # the bad answer was named and asked again


# --- the web path: a template copied by hand -------------------------------------------------------------------------

def test_a_copied_template_checks_once_filled(portal, capsys):
    """GitHub's web editor: copy templates/meeting.md to a new file, fill it in, open a pull request."""
    template = (portal / "templates" / "meeting.md").read_text(encoding="utf-8")
    target = portal / "councils" / SLUG / "meetings" / "2026-03.md"
    target.write_text(template, encoding="utf-8")
    code, report = check(capsys, portal)
    assert code == 1
    assert {f["file"] for f in blocking(report)} == {f"councils/{SLUG}/meetings/2026-03.md"}
    text = (template.replace('"<<ЖЖЖЖ-NN>>"', '"2026-03"').replace("<<ЖЖЖЖ-АА-КК>>", "2026-03-10", 1)
            .replace("<<ЖЖЖЖ-АА-КК>>", "2026-03-02"))
    target.write_text(filled(text), encoding="utf-8")
    code, report = check(capsys, portal)
    assert code == 0, blocking(report)


# --- a council that names its records its own way --------------------------------------------------------------------

def test_new_follows_the_councils_own_naming(tmp_path, capsys):
    """Meetings named by date, recommendations numbered YYYY-NN, members by surname: new records do the same."""
    from ashyq.synthetic import write_portal

    root = write_portal(tmp_path / "portal", councils=1)
    council = root / "councils" / "council-001"
    renamed = {}
    for path in sorted((council / "meetings").glob("*.md")):
        day = read_document(path, root).data["date"].isoformat()
        renamed[path.stem] = day
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: '{day}'", text, count=1, flags=re.M)
        path.unlink()
        (council / "meetings" / f"{day}.md").write_text(text, encoding="utf-8")
    for path in sorted(council.glob("*/*")):  # the records that name the meeting that decided them follow
        if path.parent.name != "meetings" and path.suffix in (".md", ".yml"):
            text = re.sub(r"^(\s*meeting: )['\"]?([\w-]+)['\"]?$",
                          lambda m: f"{m[1]}'{renamed.get(m[2], m[2])}'", path.read_text(encoding="utf-8"), flags=re.M)
            path.write_text(text, encoding="utf-8")
    for path in sorted((council / "recommendations").glob("*.yml")):
        new_id = re.sub(r"-r(\d)$", r"-0\1", path.stem)
        text = re.sub(r"^id: .*$", f"id: {new_id}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        path.unlink()
        (council / "recommendations" / f"{new_id}.yml").write_text(text, encoding="utf-8")
    members = council / "members.yml"
    members.write_text(members.read_text(encoding="utf-8").replace("id: m", "id: person-"), encoding="utf-8")
    for path in (council / "meetings").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("- m", "- person-"), encoding="utf-8")
    code, report = check(capsys, root, "2026-11-21")
    assert code == 0, blocking(report)

    def new(*argv):
        code, out, err = run(capsys, "new", *argv[:1], "council-001", str(root), "--today", "2026-11-21",
                             "--no-input", *argv[1:])
        assert code == 0, err
        return out

    assert "meetings/2026-12-24.md" in new("meeting", "--date", "2026-12-24")
    assert "meetings/2026-12-24-2.md" in new("meeting", "--date", "2026-12-24")
    text = (council / "meetings" / "2026-12-24.md").read_text(encoding="utf-8")
    assert re.search(r"^number: 9 ", text, re.M)  # after the year's eight numbered meetings
    assert "recommendations/2026-04.yml" in new("recommendation")
    assert "ermekov" in new("member", "--name", "Ермеков Сұлтан")
    assert yaml.safe_load(members.read_text(encoding="utf-8"))["members"][-1]["id"] == "ermekov"
