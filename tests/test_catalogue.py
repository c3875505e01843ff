"""The rule catalogue and the message catalogues agree with the code.

``rules/catalogue.yml`` is the rule documentation the portal publishes: every
rule the engine runs and every rule id the loader reports must be there, with
title, explanation and fix in kk, ru and en, and the same kind and severity
as the code. ``locales/*.yml`` hold the messages: no language may miss a key,
and every key the checker uses must exist.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

import ashyq
import ashyq.validate.rules  # noqa: F401  (importing registers the rules)
from ashyq.findings import Kind
from ashyq.load.schema import _PATTERN_HINTS
from ashyq.rules import catalogue_files
from ashyq.validate.engine import REGISTRY

PACKAGE = Path(ashyq.__file__).parent
CATALOGUE = PACKAGE / "rules" / "catalogue.yml"
LOCALES = PACKAGE / "locales"
LANGS = ("kk", "ru", "en")
LOADER_RULES = {"data.syntax", "data.type", "data.required", "data.unknown-field", "data.config", "data.date"}
# Safety errors the loader itself reports while walking the tree (a link is never read, so no rule sees it).
LOADER_SAFETY_RULES = {"safety.symlink"}
# Record types the loader does not read yet (tree.RESERVED): their rules are documented ahead of the code.
PLANNED_FAMILIES: set[str] = set()  # families documented before their checks exist (none today)
# Sources of the checker's messages (the site's own strings live in area files).
CHECKER_SOURCES = [PACKAGE / "load", PACKAGE / "validate", PACKAGE / "cli.py", PACKAGE / "report.py",
                   PACKAGE / "findings.py"]


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict]:
    entries = [e for path in catalogue_files() for e in _load(path)]
    assert isinstance(entries, list)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    return {e["id"]: e for e in entries}


# --- the rule catalogue -------------------------------------------------------


def test_every_registered_rule_is_documented(catalogue):
    assert sorted(set(REGISTRY) - set(catalogue)) == []


def test_every_loader_rule_is_documented(catalogue):
    assert sorted(LOADER_RULES - set(catalogue)) == []


def test_every_rule_id_written_in_the_loader_and_engine_is_documented(catalogue):
    used: set[str] = set()
    for path in sorted((PACKAGE / "load").glob("*.py")) + [PACKAGE / "validate" / "engine.py"]:
        used |= set(re.findall(r'"(data\.[a-z-]+)"', path.read_text(encoding="utf-8")))
    assert used >= {"data.syntax", "data.config"}  # the scan itself works
    assert sorted(used - set(catalogue)) == []


def test_every_documented_rule_is_implemented_or_planned(catalogue):
    orphans = [i for i, e in catalogue.items()
               if i not in REGISTRY and i not in LOADER_RULES | LOADER_SAFETY_RULES
               and e.get("family") not in PLANNED_FAMILIES]
    assert orphans == []


@pytest.mark.parametrize("part", ["title", "explanation", "fix"])
def test_every_entry_has_title_explanation_and_fix_in_three_languages(catalogue, part):
    missing = [(i, lang) for i, e in catalogue.items() for lang in LANGS
               if not isinstance((e.get(part) or {}).get(lang), str) or not e[part][lang].strip()]
    assert missing == []


def test_kinds_and_severities_are_valid(catalogue):
    kinds = {k.value for k in Kind}
    assert [i for i, e in catalogue.items() if e.get("kind") not in kinds] == []
    assert [i for i, e in catalogue.items() if e.get("severity") not in ("E", "W")] == []


def test_kind_and_severity_match_the_engine(catalogue):
    differ = [(rule_id, (catalogue[rule_id]["kind"], catalogue[rule_id]["severity"]),
               (spec.kind.value, spec.severity))
              for rule_id, spec in REGISTRY.items()
              if (catalogue[rule_id]["kind"], catalogue[rule_id]["severity"]) != (spec.kind.value, spec.severity)]
    assert differ == []


def test_loader_rules_are_data_errors(catalogue):
    assert {catalogue[i]["kind"] for i in LOADER_RULES} == {"data"}


def test_rule_id_starts_with_its_family(catalogue):
    assert [i for i, e in catalogue.items() if i.split(".")[0] != e.get("family")] == []


def test_privacy_is_a_safety_rule_and_a_missing_state_language_text_is_broken_data():
    assert REGISTRY["privacy.personal-data"].kind is Kind.SAFETY
    # A record without its Kazakh text cannot be published (it blocks the build), but it harms no one:
    # it is labelled a data error, not a safety error.
    assert REGISTRY["language.state"].kind is Kind.DATA
    assert REGISTRY["language.russian"].kind is Kind.COMPLIANCE


# --- the message catalogues ---------------------------------------------------


def _areas() -> list[str]:
    """'' for the checker's messages (kk.yml …), 'ui' for ui.kk.yml, and so on."""
    areas = {""}
    for path in LOCALES.glob("*.yml"):
        stem, _, lang = path.name[:-4].rpartition(".")
        if lang in LANGS and stem:
            areas.add(stem)
    return sorted(areas)


def _messages(area: str, lang: str) -> dict[str, str]:
    path = LOCALES / (f"{area}.{lang}.yml" if area else f"{lang}.yml")
    assert path.is_file(), f"{path.name} is missing"
    data = _load(path) or {}
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("area", _areas())
def test_every_message_exists_in_kk_ru_and_en(area):
    keys = {lang: set(_messages(area, lang)) for lang in LANGS}
    every = set().union(*keys.values())
    missing = {lang: sorted(every - have) for lang, have in keys.items() if every - have}
    assert missing == {}


@pytest.mark.parametrize("area", _areas())
def test_messages_use_the_same_placeholders_in_every_language(area):
    messages = {lang: _messages(area, lang) for lang in LANGS}
    differ = []
    for key, kk in messages["kk"].items():
        want = set(re.findall(r"\{(\w+)\}", str(kk)))
        for lang in ("ru", "en"):
            got = set(re.findall(r"\{(\w+)\}", str(messages[lang].get(key, ""))))
            if key in messages[lang] and got != want:
                differ.append((key, lang, sorted(want), sorted(got)))
    assert differ == []


def _key_arguments() -> list[ast.expr]:
    """The message-key argument of every call that reports something in the checker's code."""
    found: list[ast.expr] = []
    positions = {"report": 0, "Problem": 1, "_data_finding": 0, "_config_finding": 2, "t": 1, "Finding": 7}
    files = []
    for source in CHECKER_SOURCES:
        files += sorted(source.rglob("*.py")) if source.is_dir() else [source]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            index = positions.get(name)
            if index is not None and len(node.args) > index:
                found.append(node.args[index])
            for kw in node.keywords:
                if kw.arg == "key" and name in positions:
                    found.append(kw.value)
    return found


def _pattern(node: ast.expr) -> str | None:
    """A regular expression for a key written as a literal or an f-string; None for a variable."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9-]+" for v in node.values)
    return None


def test_every_message_key_the_checker_uses_exists():
    kk = {key: text for area in _areas() for key, text in _messages(area, "kk").items()}  # as i18n merges them
    patterns = [p for p in map(_pattern, _key_arguments()) if p]
    assert len(patterns) > 50  # the scan found the rules' reports
    missing = sorted({p for p in patterns if not any(re.fullmatch(p, key) for key in kk)})
    assert missing == []


def test_every_computed_message_key_exists():
    kk = _messages("", "kk")
    computed = (
        [f"privacy.personal-data/{kind}" for kind in ("iin", "phone", "email", "address")]
        + [f"hearing.protocol/{part}" for part in ("place", "present", "chair", "secretary", "agenda", "speeches")]
        + [f"hearing.recommendations-sent/{kind}" for kind in ("state-body", "supervisory", "media")]
        + [f"recommendation.response-deadline/{state}-{basis}" for state in ("overdue", "late")
           for basis in ("10", "month")]
        + [f"load.pattern-{hint}" for hint in _PATTERN_HINTS.values()]
        + [f"cli.label-{kind.value}" for kind in Kind if kind is not Kind.COMPLIANCE]
        + ["cli.label-finding", "cli.label-finding-w", "cli.summary-ok", "cli.summary-failed"]
    )
    assert sorted(k for k in computed if k not in kk) == []


def test_every_registered_rule_has_its_own_tests():
    families = ("composition", "meetings", "reports_plans", "recommendations", "hearings", "content", "integrity")
    here = Path(__file__).parent
    files = [f"test_rules_{family}.py" for family in families] + ["test_attachments.py", "test_tree_safety.py"]
    files += sorted(p.name for p in here.glob("test_kind_*.py"))  # a record type's own tests
    files += ["test_bodies.py", "test_votes.py", "test_member_pages.py", "test_revisions.py"]
    files = [name for name in files if (here / name).is_file()]
    tests = "".join((here / name).read_text(encoding="utf-8") for name in files)
    assert sorted(i for i in REGISTRY if f'"{i}"' not in tests) == []


def test_each_area_file_holds_only_its_own_keys():
    """``<area>.<lang>.yml`` holds exactly keys ``<area>.*``, so a key's file follows from its name."""
    strays = {f"{area}.{lang}.yml": sorted(k for k in _messages(area, lang) if k.split(".")[0] != area)
              for area in _areas() if area for lang in LANGS}
    assert {name: keys for name, keys in strays.items() if keys} == {}


def test_no_key_is_defined_in_two_files():
    for lang in LANGS:
        seen: dict[str, str] = {}
        twice = []
        for area in _areas():
            for key in _messages(area, lang):
                if key in seen:
                    twice.append((key, seen[key], area))
                seen[key] = area
        assert twice == [], lang


def test_every_language_has_the_same_keys():
    keys = {lang: {k for area in _areas() for k in _messages(area, lang)} for lang in LANGS}
    assert {lang: sorted(keys["kk"] ^ have) for lang, have in keys.items() if keys["kk"] ^ have} == {}
