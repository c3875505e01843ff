"""A shallow clone: ``ashyq check`` and ``ashyq build`` say once, on stderr and in the user's language, that the
history is partial; it is no finding and changes no exit code. A full repository and a copy outside git are
not warned about.

The portal with a real history (``revisionkit``) is cloned with ``git clone --depth 1``; the real commands run
on the clone, on the repository and on a plain copy.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ashyq.i18n import t
from ashyq.load.history import RecordDates, read_history
from ashyq.shallow import is_shallow

from buildkit import TODAY, build, copy_portal, run_ashyq
from revisionkit import history_portal

LANGS = ("kk", "ru", "en")


@pytest.fixture(scope="module")
def portals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``full``: the repository's portal; ``shallow``: the same in a depth-1 clone; ``plain``: outside git."""
    tmp = tmp_path_factory.mktemp("shallow")
    full = history_portal(tmp / "history")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", full.parent.as_uri(), str(clone)], check=True,
                   capture_output=True)
    return {"full": full, "shallow": clone / "portal", "plain": copy_portal(full, tmp / "plain")}


def test_the_warning_says_what_is_missing_and_how_to_fetch_it_in_every_language():
    for lang in LANGS:
        text = t(lang, "history.shallow")
        assert text != "history.shallow" and "git clone --depth" in text and "git fetch --unshallow" in text
    assert "Предупреждение" in t("ru", "history.shallow") and "Ескерту" in t("kk", "history.shallow")


@pytest.mark.parametrize("lang", LANGS)
def test_check_in_a_shallow_clone_warns_once_on_stderr(portals, lang: str):
    proc = run_ashyq("check", portals["shallow"], "--today", TODAY, "--lang", lang)
    full = run_ashyq("check", portals["full"], "--today", TODAY, "--lang", lang)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count(t(lang, "history.shallow")) == 1, proc.stderr
    assert t(lang, "history.shallow") not in proc.stdout
    assert proc.returncode == full.returncode  # a warning, not a finding: the outcome is the repository's


def test_check_json_stays_parseable_and_lists_no_finding_for_it(portals):
    proc = run_ashyq("check", portals["shallow"], "--format", "json", "--today", TODAY, "--lang", "en")
    report = json.loads(proc.stdout)
    # Dates read from git differ in the clone (which is why it is warned about), the rules do not.
    full = json.loads(run_ashyq("check", portals["full"], "--format", "json", "--today", TODAY).stdout)
    assert {f["rule"] for f in report["findings"]} <= {f["rule"] for f in full["findings"]}
    assert "shallow" not in proc.stdout and "unshallow" not in proc.stdout
    assert proc.stderr.count(t("en", "history.shallow")) == 1


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_build_in_a_shallow_clone_warns_once_and_builds(portals, tmp_path: Path, lang: str):
    proc = build(portals["shallow"], tmp_path / "site", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count(t(lang, "history.shallow")) == 1, proc.stderr
    assert (tmp_path / "site" / lang / "index.html").is_file()


@pytest.mark.parametrize("which", ["full", "plain"])
def test_no_warning_with_the_whole_history_or_outside_git(portals, tmp_path: Path, which: str):
    check = run_ashyq("check", portals[which], "--today", TODAY, "--lang", "en")
    built = build(portals[which], tmp_path / "site", "--lang", "en")
    assert built.returncode == 0, built.stderr
    for proc in (check, built):
        assert "git fetch --unshallow" not in proc.stderr + proc.stdout


def test_without_dates_read_git_is_asked(portals):
    """``check`` of many councils keeps no dates (its workers read them): the clone is still recognised."""
    assert is_shallow(portals["shallow"], RecordDates())
    assert not is_shallow(portals["full"], RecordDates())
    assert not is_shallow(portals["plain"], RecordDates())
    assert is_shallow(portals["shallow"], read_history(portals["shallow"]))
