"""The documented command line is the real one: every option of ``check``, ``build`` and ``serve`` is in the
README's synopsis of that command, and every option of ``check`` in its reference page, in both languages."""

import re
from pathlib import Path

import pytest

from ashyq.cli import build_parser

REPO = Path(__file__).resolve().parent.parent


def options(command: str) -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    return {s for a in sub._actions for s in a.option_strings if s.startswith("--") and s != "--help"}


def synopsis(text: str, command: str) -> str:
    found = re.findall(rf"^ashyq {command} \[PATH\].*$", text, re.M)
    assert found, f"no synopsis of ashyq {command}"
    return found[0]


@pytest.mark.parametrize("command", ["check", "build", "serve"])
def test_the_readme_synopsis_names_every_option(command):
    line = synopsis((REPO / "README.md").read_text(encoding="utf-8"), command)
    assert {o for o in options(command) if o not in line} == set()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_check_reference_names_and_explains_every_option(lang):
    text = (REPO / "content" / lang / "reference" / "check-output.md").read_text(encoding="utf-8")
    line = synopsis(text, "check")
    rows = set(re.findall(r"^\| `(--[a-z-]+)", text, re.M))
    assert {o for o in options("check") if o not in line} == set()
    assert options("check") - rows == set()
