"""The rule reference page for secretaries, generated from the rule catalogue.

Every rule the engine runs and every rule the catalogue describes gets a
heading whose anchor is the rule id, so a check message's ``[rule.id]``
finds its explanation at ``rules/#rule.id``. Nothing here is written by hand:
titles, explanations, fixes and sources come from ``rules/catalogue.yml``,
kinds, severities and parameters from the engine's registry, so the page
cannot drift from what ``ashyq check`` does.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from ..i18n import t
from ..rules import catalogue, fidelity
from ..rules.registry import LEVELS, REGISTRY, RuleSpec

KIND_LABELS = {"data": "cli.label-data", "safety": "cli.label-safety", "compliance": "cli.label-finding"}
QUOTE_ORDER = {"kk": ("kk", "ru"), "ru": ("ru", "kk"), "en": ("ru", "kk")}


def _kind_label(kind: str, severity: str, lang: str) -> str:
    if kind == "compliance" and severity == "W":
        return t(lang, "cli.label-finding-w")
    return t(lang, KIND_LABELS[kind]) if kind in KIND_LABELS else kind or "—"


def _registry() -> dict[str, RuleSpec]:
    from ..validate import rules  # noqa: F401  (importing registers every rule)

    return REGISTRY


def _text(value: Any, lang: str) -> str:
    """A catalogue text in ``lang``, falling back to kk, then ru, then en."""
    if isinstance(value, dict):
        for code in (lang, "kk", "ru", "en"):
            if value.get(code):
                return str(value[code]).strip()
        return ""
    return str(value or "").strip()


def _param_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not value.is_integer():
        frac = Fraction(value).limit_denominator(12)
        if abs(float(frac) - value) < 1e-9:
            return f"{round(value, 4)} ({frac.numerator}/{frac.denominator})"
        return str(round(value, 4))
    return json.dumps(value, ensure_ascii=False)


def _yaml_value(value: Any) -> str:
    if isinstance(value, float) and not value.is_integer():
        return str(round(value, 4))
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _families(entries: dict[str, dict], registry: dict[str, RuleSpec]) -> dict[str, list[str]]:
    """Family -> rule ids, in catalogue order; rules only the engine knows join their id's prefix."""
    families: dict[str, list[str]] = {}
    for rule_id, entry in entries.items():
        families.setdefault(entry.get("family") or rule_id.split(".")[0], []).append(rule_id)
    for rule_id in registry:
        if rule_id not in entries:
            families.setdefault(rule_id.split(".")[0], []).append(rule_id)
    return families


def _family_title(family: str, lang: str) -> str:
    key = f"rules-page.family-{family}"
    title = t(lang, key)
    return family if title == key else title


def _quote(source: dict, lang: str) -> list[str]:
    quote = source.get("quote")
    if not isinstance(quote, dict):
        return []
    for code in QUOTE_ORDER.get(lang, ("kk", "ru")):
        words = quote.get(code)
        if words:
            lines = [f"> «{' '.join(str(words).split())}»"]
            if code != lang:
                lines += [">", f"> *({t(lang, f'rules-page.quote-in-{code}')})*"]
            return lines
    return []


def _rule_section(rule_id: str, entry: dict | None, spec: RuleSpec | None, lang: str) -> list[str]:
    title = _text(entry.get("title"), lang) if entry else ""
    heading = f"### `{rule_id}`" + (f" — {title}" if title else "") + f" {{ #{rule_id} }}"
    kind = (spec.kind.value if spec else None) or (entry or {}).get("kind", "")
    severity = (spec.severity if spec else None) or (entry or {}).get("severity", "")
    level = (spec.level if spec else None) or (entry or {}).get("level", "portal")
    out = [heading, ""]
    out += [f"| {t(lang, 'rules-page.label-id')} | {t(lang, 'rules-page.label-kind')} "
            f"| {t(lang, 'levels.label')} | {t(lang, 'rules-page.label-severity')} |", "|---|---|---|---|",
            f"| `{rule_id}` | {_kind_label(kind, severity, lang)} | {t(lang, f'levels.{level}')} "
            f"| {t(lang, f'rules-page.severity-{severity}') if severity in ('E', 'W') else severity or '—'} |", "",
            f"*{t(lang, f'levels.{level}')}: {t(lang, f'levels.why-{level}')}*", ""]
    if entry is None:
        out += [f"*{t(lang, 'rules-page.not-in-catalogue')}*", ""]
    else:
        if spec is None:
            out += [f"!!! note \"{t(lang, 'rules-page.not-checked')}\"", ""]
        explanation, fix = _text(entry.get("explanation"), lang), _text(entry.get("fix"), lang)
        if explanation:
            out += [f"**{t(lang, 'rules-page.label-explanation')}.** {explanation}", ""]
        if fix:
            out += [f"**{t(lang, 'rules-page.label-fix')}.** {fix}", ""]
        source = entry.get("source") or {}
        if source:
            ref = _text(source.get("ref"), lang)
            line = f"**{t(lang, 'rules-page.label-source')}.** {ref}".rstrip()
            if ref and not ref.endswith((".", "»", ")")):
                line += "."
            elif ref.endswith(("»", ")")):
                line += "."
            if source.get("seed"):
                # The document's name (locales/documents.*.yml), never the collection's file name.
                line += f" {t(lang, 'rules-page.label-seed')}: {t(lang, 'documents.' + source['seed'].removesuffix('.txt'))}."
            out += [line, ""]
            quote = _quote(source, lang)
            if quote:
                out += quote + [""]
            elif source.get("quote_missing"):
                out += [f"*{t(lang, 'rules-page.quote-missing')}*", ""]
    if spec is not None:
        out += [f"**{t(lang, 'rules-page.label-params')}.**", ""]
        if spec.params:
            out += [f"- `{name}`: `{_param_value(value)}`" for name, value in spec.params.items()]
            settings = ", ".join(f"{name}: {_yaml_value(value)}" for name, value in spec.params.items())
            out += ["", t(lang, "rules-page.params-how"), "", "```yaml", "rules:",
                    f"  {rule_id}: {{{settings}}}", "```", ""]
        else:
            out += [t(lang, "rules-page.no-params"), ""]
    return out


def rules_markdown(lang: str) -> str:
    """The rule reference page in ``lang`` (kk, ru or en), as Markdown for MkDocs (``attr_list`` anchors)."""
    entries = catalogue()
    registry = _registry()
    families = _families(entries, registry)
    out = [f"# {t(lang, 'rules-page.title')}", "", t(lang, "rules-page.intro"), "",
           f"## {t(lang, 'rules-page.kinds-title')} {{ #kinds }}", ""]
    for kind in ("data", "safety", "compliance"):
        label = t(lang, KIND_LABELS[kind])
        explanation = t(lang, f"rules-page.kind-{kind}")
        out.append(f"- **{label}** — {explanation}")
    out += ["", f"## {t(lang, 'levels.title')} {{ #levels }}", "", t(lang, "levels.intro"), ""]
    out += [f"- **{t(lang, f'levels.{level}')}** (`{level}`) — {t(lang, f'levels.why-{level}')}" for level in LEVELS]
    out += ["", f"{t(lang, 'rules-page.label-severity')}: {t(lang, 'rules-page.severity-E')}; "
                f"{t(lang, 'rules-page.severity-W')}.", ""]
    for family, ids in families.items():  # a short index first: one line per family
        links = ", ".join(f"[`{rule_id}`](#{rule_id})" for rule_id in ids)
        out.append(f"- [{_family_title(family, lang)}](#family-{family}): {links}")
    out.append("")
    for family, ids in families.items():
        out += [f"## {_family_title(family, lang)} {{ #family-{family} }}", ""]
        for rule_id in ids:
            out += _rule_section(rule_id, entries.get(rule_id), registry.get(rule_id), lang)
    out += fidelity_table(lang)
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fidelity_table(lang: str) -> list[str]:
    """Rule, level, the source's words, what is checked, what cannot be: one row per rule."""
    out = [f"## {t(lang, 'levels.fidelity-title')} {{ #fidelity }}", "", t(lang, "levels.fidelity-intro"), "",
           f"| {t(lang, 'levels.col-rule')} | {t(lang, 'levels.col-level')} | {t(lang, 'levels.col-words')} "
           f"| {t(lang, 'levels.col-checks')} | {t(lang, 'levels.col-cannot')} |", "|---|---|---|---|---|"]
    for row in fidelity.rows():
        words = next((f"«{row.words[code]}»" for code in QUOTE_ORDER.get(lang, ("kk", "ru")) if row.words.get(code)),
                     "")
        ref = _text(row.ref, lang)
        if not words:
            words = t(lang, "levels.no-seed", ref=ref or "—")
        elif ref:
            words += f" — {ref}"
        cannot = _text(row.cannot, lang) or t(lang, "levels.cannot-data" if row.kind == "data"
                                                 else "levels.cannot-default")
        out.append(f"| [`{row.rule}`](#{row.rule}) | {t(lang, f'levels.{row.level}')} | {_cell(words)} "
                   f"| {_cell(_text(row.checks, lang))} | {_cell(cannot)} |")
    return out + [""]
