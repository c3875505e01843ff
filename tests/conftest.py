"""Shared fixtures: a clean synthetic portal on disk that a test breaks one thing at a time.

``portal`` writes the clean one-council portal of ``ashyq.synthetic`` (zero
findings as of 2026-11-21) into the test's own folder and gives helpers to
edit its real files and run the real ``ashyq check`` on them. No mocks: every
test reads files from disk through the loader, the engine and the CLI.

Paths given to the helpers are relative to the council folder
(``councils/council-001``), except ``site_config.yml`` and paths that start
with ``councils/``, which are relative to the portal root. Findings name files
relative to the portal root; ``portal.file(rel)`` gives that form.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import atexit
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ashyq.cli import main
from ashyq.synthetic import write_portal

TODAY = dt.date(2026, 11, 21)

# Every check the suite runs through the command line uses the parse cache (ashyq.load.cache), in a folder of
# this session's own: never the user's cache, and every edit a test makes is also a test of the cache's keys.
if "ASHYQ_CACHE_DIR" not in os.environ:
    os.environ["ASHYQ_CACHE_DIR"] = tempfile.mkdtemp(prefix="ashyq-test-cache-")
    atexit.register(shutil.rmtree, os.environ["ASHYQ_CACHE_DIR"], True)
SLUG = "council-001"


class _NoAliases(yaml.SafeDumper):
    """Write each value in full: a secretary's file has no &anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)


def split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter YAML, body)`` of a Markdown record written as ``---\\n…\\n---\\n body``."""
    assert text.startswith("---\n"), "a Markdown record starts with '---'"
    end = text.index("\n---\n", 3)
    return text[4:end + 1], text[end + 5:]


def body_text(body: dict[str, str] | str | None) -> str:
    """A Markdown body from ``{lang: text}`` (with language markers) or a plain string."""
    if body is None:
        return ""
    if isinstance(body, str):
        return body
    return "".join(f"<!-- lang: {lang} -->\n{text}\n\n" for lang, text in body.items())


class Report(dict):
    """The JSON that ``ashyq check --format json`` prints, with lookups for tests."""

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self["findings"]

    def rules(self) -> list[str]:
        return [f["rule"] for f in self.findings]

    def of(self, rule: str) -> list[dict[str, Any]]:
        """Findings of ``rule``."""
        return [f for f in self.findings if f["rule"] == rule]

    def one(self, rule: str) -> dict[str, Any]:
        found = self.of(rule)
        assert len(found) == 1, f"expected one {rule} finding, got {len(found)}: {self.brief()}"
        return found[0]

    def brief(self) -> list[tuple]:
        return [(f["rule"], f["file"], f["line"], f["field"]) for f in self.findings]


class PortalFiles:
    """A clean portal on disk plus the helpers a test needs to break it and check it."""

    def __init__(self, root: Path, slug: str = SLUG):
        self.root = root
        self.slug = slug
        self.council = root / "councils" / slug

    # --- paths --------------------------------------------------------------

    def path(self, rel: str) -> Path:
        if rel == "site_config.yml" or rel.startswith("councils/"):
            return self.root / rel
        return self.council / rel

    def file(self, rel: str) -> str:
        """The file name as findings give it: relative to the portal root, with '/'."""
        return self.path(rel).relative_to(self.root).as_posix()

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def lines(self, rel: str) -> list[str]:
        return self.read(rel).split("\n")

    def line_of(self, rel: str, *texts: str) -> int:
        """1-based line of the last of ``texts``, each searched after the line of the one before.

        ``line_of("members.yml", "id: m03", "bin:")`` is the line of m03's BIN.
        """
        lines = self.lines(rel)
        start = 0
        found = None
        for text in texts:
            for i in range(start, len(lines)):
                if text in lines[i]:
                    found = i
                    start = i + 1
                    break
            else:
                raise AssertionError(f"{text!r} not found in {rel} after line {start}")
        assert found is not None
        return found + 1

    # --- editing ------------------------------------------------------------

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def delete(self, rel: str) -> None:
        self.path(rel).unlink()

    def load(self, rel: str) -> dict[str, Any]:
        """The data of a record (the front matter of a Markdown record)."""
        text = self.read(rel)
        if rel.endswith(".md"):
            text, _ = split_front_matter(text)
        return yaml.safe_load(text)

    def body(self, rel: str) -> str:
        return split_front_matter(self.read(rel))[1]

    def write_record(self, rel: str, data: dict[str, Any], body: dict[str, str] | str | None = None) -> Path:
        """Write a record file: YAML, or front matter plus Markdown body for ``.md``."""
        text = dump_yaml(data)
        if rel.endswith(".md"):
            text = f"---\n{text}---\n{body_text(body)}"
        return self.write(rel, text)

    def edit_yaml(self, rel: str, fn: Callable[[dict[str, Any]], Any], body: dict[str, str] | str | None = None
                  ) -> Path:
        """Load the record's data, let ``fn`` change it, write it back.

        ``fn`` changes the dict in place (what it returns is ignored, so
        ``lambda d: d.pop("published")`` is fine). The Markdown body is kept
        as it was unless ``body`` replaces it.
        """
        data = self.load(rel)
        fn(data)
        if rel.endswith(".md"):
            old = self.body(rel)
            return self.write(rel, f"---\n{dump_yaml(data)}---\n{old if body is None else body_text(body)}")
        return self.write(rel, dump_yaml(data))

    def config(self, fn: Callable[[dict[str, Any]], Any]) -> Path:
        return self.edit_yaml("site_config.yml", fn)

    # --- running ------------------------------------------------------------

    def check(self, *args: str, today: str | None = "2026-11-21", path: Path | None = None) -> tuple[int, Report]:
        """Run ``ashyq check ROOT --format json`` in this process: ``(exit code, report)``."""
        argv = ["check", str(path or self.root), "--format", "json", *args]
        if today:
            argv += ["--today", today]
        code, out, err = run_main(argv)
        assert "Traceback" not in out + err
        return code, Report(json.loads(out))

    def findings(self, *args: str, today: str | None = "2026-11-21") -> Report:
        return self.check(*args, today=today)[1]

    def run_cli(self, *args: str) -> subprocess.CompletedProcess:
        """Run the real command in a child process, as CI does (``python -m ashyq.cli ARGS``)."""
        return run_cli(*args, cwd=self.root)


def run_main(argv: list[str]) -> tuple[int, str, str]:
    """``ashyq.cli.main(argv)`` with stdout and stderr captured; usage errors give their exit code."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([sys.executable, "-m", "ashyq.cli", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env, timeout=120)


@pytest.fixture(scope="session")
def _clean_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_portal(tmp_path_factory.mktemp("clean") / "portal", councils=1, today=TODAY)


@pytest.fixture
def portal(tmp_path: Path, _clean_portal: Path) -> PortalFiles:
    """A clean one-council synthetic portal of this test's own, ready to be broken."""
    root = tmp_path / "portal"
    shutil.copytree(_clean_portal, root)
    return PortalFiles(root)


@pytest.fixture(scope="session")
def sharded(tmp_path_factory: pytest.TempPathFactory):
    """The sample portal built in small search shards (``tests/shardkit.py``): for the index's tests and the
    search box's."""
    from shardkit import build_sharded

    return build_sharded(tmp_path_factory.mktemp("shards") / "site")
