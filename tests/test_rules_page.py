"""The rule reference page: every rule the engine defines and every catalogue entry, with its anchor."""

from __future__ import annotations

import re

import markdown
import pytest

from ashyq.i18n import t
from ashyq.render import rules_page
from ashyq.render.rules_page import rules_markdown
from ashyq.rules import catalogue
from ashyq.validate import rules as _registered  # noqa: F401  (importing registers every rule)
from ashyq.validate.engine import REGISTRY

LANGS = ("kk", "ru")
HEADING = re.compile(r"^### `(?P<id>[a-z0-9.-]+)`.*\{ #(?P<anchor>[a-z0-9.-]+) \}$", re.M)
# The Markdown extensions the build gives MkDocs (render/mkdocs_config.py).
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list", "toc"]


def sections(page: str) -> dict[str, str]:
    """Rule id -> the Markdown of its section."""
    marks = list(HEADING.finditer(page))
    out = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(page)
        out[m.group("id")] = page[m.start():end]
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_page_lists_every_rule_the_engine_defines(lang):
    page = rules_markdown(lang)
    listed = {m.group("id") for m in HEADING.finditer(page)}
    missing = sorted(set(REGISTRY) - listed)
    assert not missing, f"rules the engine runs but the page does not list: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_page_lists_every_catalogue_rule_once(lang):
    page = rules_markdown(lang)
    ids = [m.group("id") for m in HEADING.finditer(page)]
    assert sorted(ids) == sorted(set(catalogue()) | set(REGISTRY))
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", LANGS)
def test_anchors_are_the_rule_ids(lang):
    page = rules_markdown(lang)
    for m in HEADING.finditer(page):
        assert m.group("anchor") == m.group("id")
    html = markdown.markdown(page, extensions=EXTENSIONS)
    anchors = set(re.findall(r'<h3 id="([^"]+)"', html))
    assert anchors == set(catalogue()) | set(REGISTRY)
    # the index links reach them
    for target in re.findall(r'href="#([^"]+)"', html):
        assert f'id="{target}"' in html, target


@pytest.mark.parametrize("lang", LANGS)
def test_sections_hold_title_kind_severity_explanation_fix(lang):
    by_id = sections(rules_markdown(lang))
    for rule_id, entry in catalogue().items():
        section = by_id[rule_id]
        assert entry["title"][lang] in section.splitlines()[0]
        assert " ".join(entry["explanation"][lang].split()) in " ".join(section.split())
        assert " ".join(entry["fix"][lang].split()) in " ".join(section.split())
        severity = REGISTRY[rule_id].severity if rule_id in REGISTRY else entry["severity"]
        assert t(lang, f"rules-page.severity-{severity}") in section


@pytest.mark.parametrize("lang", LANGS)
def test_sources_quote_the_seed_in_the_page_language(lang):
    by_id = sections(rules_markdown(lang))
    for rule_id, entry in catalogue().items():
        source = entry.get("source")
        if not source:
            continue
        section = " ".join(by_id[rule_id].split())
        assert " ".join(source["ref"][lang].split()) in section
        quote = source.get("quote") or {}
        if quote.get(lang):
            assert " ".join(quote[lang].split()) in section
            # the document is named, never the collection's file name
            assert " ".join(t(lang, "documents." + source["seed"].removesuffix(".txt")).split()) in section
            assert source["seed"] not in section
        elif source.get("quote_missing"):
            assert t(lang, "rules-page.quote-missing") in section


def test_a_quote_missing_in_the_page_language_falls_back_and_is_marked(monkeypatch):
    entries = {k: dict(v) for k, v in catalogue().items()}
    entry = entries["meeting.agenda-published"]
    entry["source"] = {**entry["source"], "quote": {"ru": entry["source"]["quote"]["ru"]}}
    monkeypatch.setattr(rules_page, "catalogue", lambda: entries)
    section = " ".join(sections(rules_markdown("kk"))["meeting.agenda-published"].split())
    assert " ".join(entry["source"]["quote"]["ru"].split()) in section
    assert t("kk", "rules-page.quote-in-ru") in section


@pytest.mark.parametrize("lang", LANGS)
def test_parameters_and_their_defaults(lang):
    by_id = sections(rules_markdown(lang))
    for rule_id, spec in REGISTRY.items():
        section = by_id[rule_id]
        if spec.params:
            for name in spec.params:
                assert f"- `{name}`: `" in section, (rule_id, name)
            assert f"  {rule_id}: {{" in section  # the site_config.yml example
        else:
            assert t(lang, "rules-page.no-params") in section
    assert "`lead_days`: `1`" in by_id["meeting.agenda-published"]
    assert "`working_days`: `3`" in by_id["meeting.decisions-published"]
    assert "`share`: `0.6667 (2/3)`" in by_id["meeting.quorum"]
    assert "`local_min`: `null`" in by_id["composition.size"]


def test_rules_the_tool_does_not_check_yet_say_so():
    by_id = sections(rules_markdown("ru"))
    for rule_id in set(catalogue()) - set(REGISTRY):
        assert t("ru", "rules-page.not-checked") in by_id[rule_id]
    for rule_id in REGISTRY:
        assert t("ru", "rules-page.not-checked") not in by_id[rule_id]


def test_grouped_by_family_in_catalogue_order():
    page = rules_markdown("kk")
    families = re.findall(r"^## .* \{ #family-([a-z0-9-]+) \}$", page, re.M)
    expected = list(dict.fromkeys(entry["family"] for entry in catalogue().values()))
    assert families[: len(expected)] == expected
    for rule_id, entry in catalogue().items():
        family_at = page.index(f"{{ #family-{entry['family']} }}")
        assert page.index(f"{{ #{rule_id} }}") > family_at
