"""Time check, render and build of one council with thousands of members or meetings.

Usage: python benchmarks/scale_bench.py [--build] [--meetings] [N ...]   (default: 1000 2000 4000 8000)

One synthetic council whose ``members.yml`` lists N members (a fifth of them
former), or with ``--meetings`` N meetings with attendance lists. Prints the
time of ``check`` and of rendering both docs trees (and with ``--build`` the
whole build, MkDocs and Pagefind included), and the time per 1,000 members or
meetings: a flat last column means linear growth, a doubling one quadratic.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from ashyq.render.context import SiteContext
from ashyq.render.pages import write_docs
from ashyq.synthetic import write_portal
from ashyq.validate import check_portal
from ashyq.write.build import build_site

TODAY = dt.date(2026, 11, 21)
COUNCIL = "councils/council-001"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # records may not use YAML aliases: every value in full


def _dump(path: Path, data: Any, body: str | None = None) -> None:
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text if body is None else f"---\n{text}---\n{body}", encoding="utf-8")


def big_council(root: Path, members: int, meetings: int = 0) -> Path:
    """A clean one-council portal with ``members`` members and, if asked, ``meetings`` extra meetings."""
    write_portal(root, councils=1, today=TODAY)
    council = root / COUNCIL
    comp = yaml.safe_load((council / "members.yml").read_text(encoding="utf-8"))
    # the synthetic members stay (the synthetic meetings list them as present); the extra ones follow
    people, secretary = comp["members"][:-1], comp["members"][-1]
    template = people[2]
    for i in range(members - len(people)):
        person = dict(template, id=f"p{i:05d}", name=f"Person {i:05d}", category="civil-society",
                      civil_servant=False)
        person.pop("bin", None)
        if i % 5 == 4:
            person["end"] = dt.date(2025, 6, 30)
        people.append(person)
    comp["members"] = people + [secretary]
    _dump(council / "members.yml", comp)
    if meetings:
        voting = [p["id"] for p in people if "end" not in p]
        source = (council / "meetings" / "2025-02.md").read_text(encoding="utf-8")
        front = yaml.safe_load(source.split("---\n")[1])
        body = "<!-- lang: kk -->\nХаттама.\n\n<!-- lang: ru -->\nПротокол.\n"
        first = dt.date(2021, 1, 4)
        for k in range(meetings):
            day = first + dt.timedelta(days=k % 1400)
            present = voting if k % 100 == 0 else voting[: max(2 * len(voting) // 3 + 1, 1)]
            meeting = dict(front, id=f"s{k:05d}", number=k + 1, date=day,
                           agenda_published=day - dt.timedelta(days=5),
                           protocol_published=day + dt.timedelta(days=1), attendance=present,
                           created=day - dt.timedelta(days=5))
            meeting["decisions"] = [dict(front["decisions"][0], votes={"for": len(present), "against": 0,
                                                                       "abstained": 0})]
            _dump(council / "meetings" / f"s{k:05d}.md", meeting, body)
    return root


def measure(n: int, meetings: bool, full: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = big_council(Path(tmp) / "portal", 50 if meetings else n, n if meetings else 0)
        times: dict[str, float] = {}
        started = time.perf_counter()
        result = check_portal(root, TODAY)
        times["check"] = time.perf_counter() - started
        assert result.portal is not None and not result.failed(), "the scaled portal does not pass the check"
        started = time.perf_counter()
        ctx = SiteContext(result.portal, result.findings, result.dates, result.today)
        for lang in ctx.langs:
            write_docs(ctx, lang, Path(tmp) / "docs" / lang, None)
        times["render"] = time.perf_counter() - started
        if full:
            started = time.perf_counter()
            build_site(result, Path(tmp) / "site")
            times["build"] = time.perf_counter() - started
        return times


def main(argv: list[str]) -> None:
    full, meetings = "--build" in argv, "--meetings" in argv
    sizes = [int(a) for a in argv if not a.startswith("--")] or [1000, 2000, 4000, 8000]
    what = "meetings" if meetings else "members"
    steps = ["check", "render"] + (["build"] if full else [])
    print(f"{what:>8} " + " ".join(f"{s + ' s':>9}" for s in steps) + f"  {'s per 1k':>9}")
    for n in sizes:
        times = measure(n, meetings, full)
        total = sum(times.values())
        print(f"{n:>8} " + " ".join(f"{times[s]:>9.2f}" for s in steps) + f"  {1000 * total / n:>9.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
