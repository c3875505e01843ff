"""Every rule says what it rests on: the law, a guide's advice, or the portal's own standard.

The level's vocabulary is closed; the code and the catalogue agree on it; a
rule of law names a legal reference and either quotes a seed or says that no
seed holds the words; the severity follows the level; and the findings, the
JSON output, the open data and the rules page say the level.
"""

from __future__ import annotations

import re

import pytest
from buildkit import check_json, sample_root

import ashyq.validate.rules  # noqa: F401  (importing registers the rules)
from ashyq.findings import Finding, Kind
from ashyq.rules import catalogue
from ashyq.rules.fidelity import rows
from ashyq.rules.registry import LEVELS, default_severity, rule
from ashyq.validate.engine import REGISTRY

LAW_WORDS = re.compile(r"Закон|Кодекс|Конституци|Приказ|Постановлени|Заң|бұйрық", re.I)


def test_the_vocabulary_is_closed():
    assert LEVELS == ("law", "advice", "portal")
    assert {spec.level for spec in REGISTRY.values()} <= set(LEVELS)
    assert [i for i, e in catalogue().items() if e.get("level") not in LEVELS] == []


def test_a_rule_without_a_level_or_with_another_word_is_refused():
    with pytest.raises(TypeError):
        rule("x.no-level")  # type: ignore[call-arg]
    with pytest.raises(RuntimeError, match="level"):
        rule("x.bad-level", level="guide")


def test_code_and_catalogue_agree_on_the_level():
    entries = catalogue()
    assert [(i, spec.level, entries[i].get("level")) for i, spec in REGISTRY.items()
            if entries[i].get("level") != spec.level] == []


def test_severity_follows_the_level():
    assert [(i, spec.level, spec.severity) for i, spec in REGISTRY.items()
            if spec.severity != default_severity(spec.kind, spec.level)] == []


def test_no_rule_of_law_lacks_a_legal_reference():
    bad = []
    for rule_id, entry in catalogue().items():
        if entry.get("level") != "law":
            continue
        source = entry.get("source") or {}
        refs = source.get("ref") or {}
        if not all(LAW_WORDS.search(refs.get(lang, "")) for lang in ("kk", "ru")):
            bad.append((rule_id, "no law in the reference"))
        if not (source.get("quote") and source.get("seed")) and source.get("quote_missing") is not True:
            bad.append((rule_id, "neither a quote nor quote_missing"))
    assert bad == []


def test_every_compliance_rule_has_a_quote_or_says_no_seed_holds_it():
    bad = [i for i, e in catalogue().items() if e["kind"] == "compliance"
           and not ((e.get("source") or {}).get("quote") or (e.get("source") or {}).get("quote_missing"))]
    assert bad == []


def test_a_quote_says_nothing_missing_and_a_missing_quote_has_no_words():
    both = [i for i, e in catalogue().items()
            if (e.get("source") or {}).get("quote") and (e.get("source") or {}).get("quote_missing")]
    assert both == []


def test_the_portal_standard_is_never_called_the_law():
    for lang in ("kk", "ru", "en"):
        for rule_id, entry in catalogue().items():
            if entry.get("level") == "portal" and entry["kind"] == "compliance":
                said = entry["explanation"][lang].lower()
                assert any(w in said for w in ("порталдың", "портала", "portal")), (rule_id, lang)


def test_the_issue_s_rules_have_their_levels():
    levels = {i: s.level for i, s in REGISTRY.items()}
    assert levels["report.annual"] == levels["meeting.decisions-published"] == "portal"
    assert levels["a11y.alt-text"] == levels["language.state"] == levels["composition.secretary"] == "portal"
    assert levels["plan.annual"] == levels["language.russian"] == "advice"
    assert levels["recommendation.response-deadline"] == levels["report.half-year"] == "law"


def test_a_finding_takes_its_rule_s_level_unless_it_names_one():
    f = Finding("report.annual", Kind.COMPLIANCE, "W", "a.yml", 1, None, None, "report.annual/missing")
    assert f.level == "portal" and f.to_json("ru")["level"] == "portal"
    g = Finding("meeting.agenda-published", Kind.COMPLIANCE, "W", None, None, None, None, "x", level="portal")
    assert g.level == "portal"
    assert Finding("data.syntax", Kind.DATA, "E", None, None, None, None, "x").level == "portal"


def test_every_rule_is_in_the_fidelity_table():
    table = {r.rule: r for r in rows()}
    assert set(table) == set(catalogue())
    deadline = table["recommendation.response-deadline"]
    assert deadline.level == "law" and "5-1" in deadline.words["ru"] and deadline.cannot
    assert table["composition.size"].words == {} and table["composition.size"].ref


def test_the_rules_page_shows_levels_and_the_fidelity_table():
    from ashyq.render.rules_page import rules_markdown

    for lang, portal in (("kk", "Порталдың стандарты"), ("ru", "Стандарт портала")):
        page = rules_markdown(lang)
        assert "{ #levels }" in page and "{ #fidelity }" in page
        table = page[page.index("{ #fidelity }"):]
        row = next(line for line in table.splitlines() if line.startswith("| [`report.annual`]"))
        assert portal in row
        assert table.count("\n| [`") == len(catalogue())


def test_check_json_says_the_level_of_every_finding():
    data = check_json(sample_root())
    levels = {(f["rule"], f["level"]) for f in data["findings"]}
    assert all(f["level"] in LEVELS for f in data["findings"])
    assert ("report.annual", "law") not in levels
    # The sample portal shows each level: a late plan (advice and portal), a late response (law).
    assert {lvl for _, lvl in levels} == set(LEVELS)
    laws = [f for f in data["findings"] if f["level"] == "law" and f["kind"] == "compliance"]
    assert laws and all(f["severity"] == "E" for f in laws)
    assert all(f["severity"] == "W" for f in data["findings"] if f["level"] != "law" and f["kind"] == "compliance")



def test_the_fidelity_table_is_in_the_open_data(tmp_path):
    """``data/rules.json``: one row per catalogued rule, its level, reference and the source's words."""
    import json

    from ashyq.rules import catalogue
    from ashyq.rules.fidelity import rows

    items = [row.to_json() for row in rows()]
    assert [i["rule"] for i in items] == list(catalogue())
    for item in items:
        assert item["level"] in ("law", "advice", "portal") and item["checks"].get("ru"), item["rule"]
        if item["level"] == "law":
            assert item["reference"] and item["reference"].get("ru"), item["rule"]
        assert (item["seed"] is None) == (not item["words"]), item["rule"]
    json.dumps(items, ensure_ascii=False)  # plain JSON: what data/rules.json holds
