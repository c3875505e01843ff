"""Print findings for people (text), for programs (json) and for GitHub (annotations).

The JSON shape is a public interface (documented in content/*/reference/check-output.md):
``format_version`` changes only when a field is removed or changes meaning.
"""

from __future__ import annotations

import json
from typing import TextIO

from . import __version__
from .findings import Finding, Kind
from .i18n import t

FORMAT_VERSION = 1


def print_findings(result, fmt: str, lang: str, strict: bool, out: TextIO) -> None:
    if fmt == "json":
        out.write(json.dumps(as_json(result, lang, strict), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "github":
        for finding in result.findings:
            out.write(github_line(finding, lang, strict) + "\n")
        out.write(summary(result, lang, strict) + "\n")
    else:
        for finding in result.findings:
            out.write(text_line(finding, lang) + "\n")
        out.write(summary(result, lang, strict) + "\n")


def as_json(result, lang: str, strict: bool) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "tool": f"ashyq {__version__}",
        "today": result.today.isoformat(),
        "lang": lang,
        "strict": strict,
        "failed": result.failed(strict),
        "summary": {kind.value: result.count(kind) for kind in Kind},
        "findings": [f.to_json(lang) for f in result.findings],
    }


def _label(finding: Finding, lang: str) -> str:
    if finding.kind is Kind.COMPLIANCE:  # the level says whose requirement it is: the law's, a guide's, the portal's
        return t(lang, {"law": "cli.label-finding", "advice": "cli.label-finding-w"}.get(finding.level,
                                                                                      "cli.label-finding-portal"))
    return t(lang, f"cli.label-{finding.kind.value}")


def text_line(finding: Finding, lang: str) -> str:
    where = finding.file or "site_config.yml"
    if finding.line:
        where += f":{finding.line}"
        if finding.column:
            where += f":{finding.column}"
    field = f" ({finding.field})" if finding.field else ""
    return f"{where}: {_label(finding, lang)} [{finding.rule}]{field} {finding.message(lang)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding, lang: str, strict: bool) -> str:
    """A workflow command: GitHub shows it on the file and line of the pull request."""
    level = "error" if finding.blocking or strict else "warning"
    props = []
    if finding.file:
        props.append(f"file={_escape_property(finding.file)}")
    if finding.line:
        props.append(f"line={finding.line}")
    if finding.column:
        props.append(f"col={finding.column}")
    props.append(f"title={_escape_property(finding.rule)}")
    field = f"{finding.field}: " if finding.field else ""
    return f"::{level} {','.join(props)}::{_escape_data(field + finding.message(lang))}"


def summary(result, lang: str, strict: bool) -> str:
    counts = {kind.value: result.count(kind) for kind in Kind}
    key = "cli.summary-failed" if result.failed(strict) else "cli.summary-ok"
    return t(lang, key, **counts)
