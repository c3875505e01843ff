"""Rules over every published text: personal data, both languages, unsafe markup, dates shown, alt text.

Bodies are Markdown below the front matter, split by ``<!-- lang: kk -->`` and
``<!-- lang: ru -->`` markers; a hit inside a body is reported at its own line.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from ashyq.validate.privacy import is_valid_iin

D = dt.date.fromisoformat
JAN = "meetings/2026-01.md"
M = "members.yml"
REC = "recommendations/2026-r2.yml"
IIN = "850412300006"  # born 12 April 1985, a man, with a correct control digit


def protocol(kk_extra: str = "", ru_extra: str = "") -> dict[str, str]:
    return {
        "kk": f"## Хаттама\n\nБюджет мәселесі талқыланды.\n{kk_extra}",
        "ru": f"## Протокол\n\nОбсуждён вопрос бюджета.\n{ru_extra}",
    }


# --- privacy.personal-data ---------------------------------------------------


def test_iin_in_protocol_text_is_a_safety_error_on_its_line(portal):
    assert is_valid_iin(IIN)
    portal.edit_yaml(JAN, lambda d: None, body=protocol(ru_extra=f"Выступил житель (ИИН {IIN})."))
    code, r = portal.check()
    f = r.one("privacy.personal-data")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "ИИН"))
    assert (f["kind"], f["severity"], f["field"]) == ("safety", "E", "body.ru")
    assert IIN not in f["message"] and IIN not in str(f["params"])  # CI logs are public: masked
    assert code == 1


def test_personal_mobile_number_in_a_decision_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: d["decisions"][0]["text"].update(ru="Обращаться по тел. +7 701 234 56 78."))
    f = portal.findings().one("privacy.personal-data")
    assert f["line"] == portal.line_of(JAN, "+7 701 234 56 78") and f["field"] == "decisions[1].text.ru"


def test_phone_published_with_consent_passes(portal):
    portal.edit_yaml(JAN, lambda d: (d["decisions"][0]["text"].update(ru="Обращаться по тел. +7 701 234 56 78."),
                                     d.update(published_with_consent=["+7 701 234 56 78"])))
    assert portal.findings().of("privacy.personal-data") == []


def test_home_address_in_protocol_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: None,
                     body=protocol(ru_extra="Жалоба жителя: г. Алматы, ул. Абая, д. 10, кв. 25."))
    f = portal.findings().one("privacy.personal-data")
    assert f["line"] == portal.line_of(JAN, "ул. Абая")


def test_official_council_contacts_and_bins_are_not_personal_data(portal):
    # council.yml has the council's e-mail and phone; members.yml has BINs.
    assert portal.findings().of("privacy.personal-data") == []


def test_member_contacts_without_consent_are_reported(portal):
    portal.edit_yaml(M, lambda d: d["members"][2].update(email="galymov.e@mail.ru"))
    found = portal.findings().of("privacy.personal-data")  # the e-mail itself, and the missing consent
    assert found
    for f in found:
        assert f["file"] == portal.file(M) and f["kind"] == "safety"
        assert f["line"] == portal.line_of(M, "id: m03", "email:") and f["field"] == "members[3].email"


def test_member_contacts_with_consent_pass(portal):
    portal.edit_yaml(M, lambda d: d["members"][2].update(email="galymov.e@mail.ru", consent={"contacts": True}))
    assert portal.findings().of("privacy.personal-data") == []


def test_member_biography_without_consent_is_reported(portal):
    portal.edit_yaml(M, lambda d: d["members"][2].update(biography={"kk": "Заңгер.", "ru": "Юрист."}))
    f = portal.findings().one("privacy.personal-data")
    bio = portal.line_of(M, "id: m03", "biography:")
    assert f["line"] in (bio, bio + 1) and f["field"] == "members[3].biography"


# --- language.state ----------------------------------------------------------


def test_title_without_kazakh_is_a_data_error(portal):
    portal.edit_yaml(JAN, lambda d: d["title"].pop("kk"))
    code, r = portal.check()
    f = r.one("language.state")
    title = portal.line_of(JAN, "title:")
    assert f["file"] == portal.file(JAN) and f["line"] in (title, title + 1)
    assert (f["kind"], f["field"]) == ("data", "title")
    assert code == 1


def test_blank_kazakh_text_counts_as_missing(portal):
    portal.edit_yaml("council.yml", lambda d: d["region"].update(kk="  "))
    f = portal.findings().one("language.state")
    region = portal.line_of("council.yml", "region:")
    assert f["line"] in (region, region + 1) and f["field"] == "region"


def test_protocol_body_without_kazakh_part_is_reported(portal):
    portal.edit_yaml(JAN, lambda d: None, body={"ru": "## Протокол\n\nОбсуждён вопрос бюджета."})
    f = portal.findings().one("language.state")
    assert (f["file"], f["kind"]) == (portal.file(JAN), "data")


def test_protocol_body_without_kazakh_part_points_at_the_body(portal):
    portal.edit_yaml(JAN, lambda d: None, body={"ru": "## Протокол\n\nОбсуждён вопрос бюджета."})
    f = portal.findings().one("language.state")
    assert f["line"] == portal.line_of(JAN, "<!-- lang: ru -->")


def test_texts_in_both_languages_pass(portal):
    assert portal.findings().of("language.state") == []


# --- language.russian --------------------------------------------------------


def test_text_without_russian_is_a_warning(portal):
    portal.edit_yaml(REC, lambda d: d["title"].pop("ru"))
    code, r = portal.check()
    f = r.one("language.russian")
    title = portal.line_of(REC, "title:")
    assert f["file"] == portal.file(REC) and f["line"] in (title, title + 1)
    assert (f["kind"], f["severity"], f["field"]) == ("compliance", "W", "title")
    assert code == 0


def test_body_without_russian_part_is_a_warning(portal):
    portal.edit_yaml(JAN, lambda d: None, body={"kk": "## Хаттама\n\nБюджет мәселесі талқыланды."})
    f = portal.findings().one("language.russian")
    assert (f["line"], f["severity"]) == (portal.line_of(JAN, "<!-- lang: kk -->"), "W")


def test_russian_can_be_made_required_or_switched_off(portal):
    portal.edit_yaml(REC, lambda d: d["title"].pop("ru"))
    portal.config(lambda d: d["rules"].update({"language.russian": {"severity": "E"}}))
    assert portal.findings().one("language.russian")["severity"] == "E"
    portal.config(lambda d: d["rules"].update({"language.russian": {"enabled": False}}))
    assert portal.findings().of("language.russian") == []


# --- safety.markup -----------------------------------------------------------


def test_script_tag_in_protocol_is_a_safety_error_on_its_line(portal):
    portal.edit_yaml(JAN, lambda d: None, body=protocol(kk_extra="<script>alert('x')</script>"))
    code, r = portal.check()
    f = r.one("safety.markup")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "<script>"))
    assert (f["kind"], f["field"]) == ("safety", "body.kk")
    assert code == 1


@pytest.mark.parametrize("markup", [
    '<img src="x.png" onerror="alert(1)">',
    "[басу](javascript:alert(1))",
    '<iframe src="https://example.com"></iframe>',
])
def test_markup_that_runs_code_is_reported(portal, markup):
    portal.edit_yaml(JAN, lambda d: None, body=protocol(ru_extra=markup))
    f = portal.findings().one("safety.markup")
    assert f["line"] == portal.line_of(JAN, markup[:12])


def test_ordinary_markdown_and_html_formatting_pass(portal):
    portal.edit_yaml(JAN, lambda d: None, body=protocol(
        ru_extra="<b>Решение</b> принято; см. [сайт](https://example.gov.kz/) и <br> таблицу."))
    assert portal.findings().of("safety.markup") == []


# --- dates.posted-updated ----------------------------------------------------


def test_record_without_posting_date_outside_git_is_reported(portal):
    portal.edit_yaml(REC, lambda d: d.pop("created"))
    f = portal.findings().one("dates.posted-updated")
    assert (f["file"], f["line"], f["field"]) == (portal.file(REC), 1, "created")
    assert (f["kind"], f["severity"]) == ("compliance", "E")


def test_updated_before_created_is_reported(portal):
    portal.edit_yaml(REC, lambda d: d.update(updated=D("2026-01-01")))
    f = portal.findings().one("dates.posted-updated")
    assert f["line"] == portal.line_of(REC, "updated:") and f["field"] == "updated"


def test_posting_date_comes_from_git_history(portal):
    portal.edit_yaml(REC, lambda d: d.pop("created"))
    git = ["git", "-c", "user.name=Secretary", "-c", "user.email=secretary@example.gov.kz",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    try:
        subprocess.run([*git, "init", "-q"], cwd=portal.root, check=True)
        subprocess.run([*git, "add", "-A"], cwd=portal.root, check=True)
        subprocess.run([*git, "commit", "-q", "-m", "records"], cwd=portal.root, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    assert portal.findings().of("dates.posted-updated") == []


# --- a11y.alt-text -----------------------------------------------------------


def _photo(alt=None):
    att = {"file": "attachments/hall.jpg", "title": {"kk": "Отырыс залы", "ru": "Зал заседаний"}}
    if alt is not None:
        att["alt"] = alt
    return att


def test_image_without_alt_text_is_reported(portal):
    portal.write("attachments/hall.jpg", b"\xff\xd8\xff\xe0 jpeg")
    portal.edit_yaml(JAN, lambda d: d.update(attachments=[_photo()]))
    f = portal.findings().one("a11y.alt-text")
    assert (f["file"], f["line"]) == (portal.file(JAN), portal.line_of(JAN, "- file: attachments/hall.jpg"))
    assert (f["kind"], f["severity"], f["level"], f["field"]) == ("compliance", "W", "portal", "attachments[1]")


def test_image_with_alt_text_in_one_language_only_is_reported(portal):
    portal.write("attachments/hall.jpg", b"\xff\xd8\xff\xe0 jpeg")
    portal.edit_yaml(JAN, lambda d: d.update(attachments=[_photo({"kk": "Мүшелер үстел басында"})]))
    assert len(portal.findings().of("a11y.alt-text")) == 1


def test_image_with_alt_text_in_both_languages_passes(portal):
    portal.write("attachments/hall.jpg", b"\xff\xd8\xff\xe0 jpeg")
    portal.edit_yaml(JAN, lambda d: d.update(attachments=[_photo({"kk": "Мүшелер үстел басында",
                                                                  "ru": "Члены совета за столом"})]))
    assert portal.findings().of("a11y.alt-text") == []


def test_pdf_needs_no_alt_text(portal):
    # The clean hearings attach attachments/draft.pdf without alt.
    assert portal.findings().of("a11y.alt-text") == []


def test_member_photo_without_alt_text_is_reported(portal):
    portal.write("attachments/m01.jpg", b"\xff\xd8\xff\xe0 jpeg")
    portal.edit_yaml(M, lambda d: d["members"][0].update(photo={"file": "attachments/m01.jpg"},
                                                         consent={"photo": True}))
    f = portal.findings().one("a11y.alt-text")
    photo = portal.line_of(M, "id: m01", "photo:")
    assert f["file"] == portal.file(M) and f["line"] in (photo, photo + 1)
    assert f["field"] == "members[1].photo"
