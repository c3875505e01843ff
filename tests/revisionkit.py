"""A portal with a real git history of edits, for the revision history tests.

The synthetic one-council portal is committed in a sub-folder of a fresh
repository (as real portals keep other files beside it), then edited the
way a secretary does, one commit each, with fixed dates (after the records'
own publication dates, so the changes count as corrections where they
change what was there):

1. a field: meeting 2025-01's start time and Russian place, and a
   recommendation's Russian title (a ``.yml`` record);
2. the Russian protocol text of meeting 2025-01, with a commit message full
   of HTML (commit messages are untrusted input);
3. a rename of meeting 2025-01's file (its ``id`` stays);
4. a new field only (a video link): no correction;
5. a protocol line with an IIN taken out of meeting 2025-02 (the page must
   not put it back).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from ashyq.synthetic import write_portal

from buildkit import TODAY, with_control

C1 = "councils/council-001"
MEETING = f"{C1}/meetings/2025-01.md"
RENAMED = f"{C1}/meetings/2025-01-budget.md"
OTHER = f"{C1}/meetings/2025-02.md"
UNTOUCHED = f"{C1}/meetings/2025-03.md"
RECOMMENDATION = f"{C1}/recommendations/2025-r1.yml"
HOSTILE_MESSAGE = '<script>alert(1)</script> & <b>bold</b> *star* [link](javascript:alert(2))'
TODAY_DATE = dt.date.fromisoformat(TODAY)
IIN = with_control("90010130003")
OLD_LINE = "Обсуждён вопрос: Исполнение местного бюджета."
NEW_LINE = "Обсуждён вопрос: исполнение местного бюджета за 2025 год с учётом замечаний."
IIN_LINE = f"Справку подготовил сотрудник, ИИН {IIN}."
COMMITS = {  # message -> committer date (Almaty time)
    "Clean portal": "2026-01-10T10:00:00+05:00",
    "Place and time corrected": "2026-02-01T12:00:00+05:00",
    HOSTILE_MESSAGE: "2026-02-05T12:00:00+05:00",
    "Rename the budget meeting's file": "2026-02-10T12:00:00+05:00",
    "Video link added": "2026-02-12T12:00:00+05:00",
    "Personal data taken out": "2026-02-15T12:00:00+05:00",
}


def git_env(when: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_AUTHOR_NAME": "Хатшы", "GIT_AUTHOR_EMAIL": "secretary@example.kz",
                "GIT_COMMITTER_NAME": "Хатшы", "GIT_COMMITTER_EMAIL": "secretary@example.kz",
                "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": os.devnull})
    return env


def git(repo: Path, when: str, *args: str) -> str:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=repo,
                          check=True, capture_output=True, text=True, env=git_env(when)).stdout


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    when = COMMITS[message]
    git(repo, when, "add", "-A")
    git(repo, when, "commit", "-q", "-m", message)


def history_portal(tmp: Path) -> Path:
    """The portal (``tmp/repo/portal``), its repository at ``tmp/repo`` with the six commits above."""
    repo = tmp / "repo"
    root = write_portal(repo / "portal", councils=1, today=TODAY_DATE)
    meeting, other = root / MEETING, root / OTHER
    _edit(meeting, "Обсуждён вопрос: Исполнение местного бюджета.", OLD_LINE)
    _edit(other, "<!-- lang: ru -->\n", f"<!-- lang: ru -->\n{IIN_LINE}\n\n")
    git(repo, COMMITS["Clean portal"], "init", "-q")
    commit(repo, "Clean portal")

    _edit(meeting, "кабинет 305", "кабинет 410")
    _edit(meeting, "time: '10:00'", "time: '11:00'")
    _edit(root / RECOMMENDATION, re.search(r"  ru: .*", (root / RECOMMENDATION).read_text(encoding="utf-8"))[0],
          "  ru: Рекомендация № 1 (уточнённая редакция)")
    commit(repo, "Place and time corrected")

    _edit(meeting, OLD_LINE, NEW_LINE)
    commit(repo, HOSTILE_MESSAGE)

    git(repo, COMMITS["Rename the budget meeting's file"], "mv", f"portal/{MEETING}", f"portal/{RENAMED}")
    commit(repo, "Rename the budget meeting's file")

    _edit(root / RENAMED, "status: held\n", "status: held\nvideo: https://video.example.kz/2025-01\n")
    commit(repo, "Video link added")

    _edit(other, f"{IIN_LINE}\n\n", "")
    commit(repo, "Personal data taken out")
    return root
