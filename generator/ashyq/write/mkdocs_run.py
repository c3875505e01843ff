"""The MkDocs step of a build: one ``mkdocs build`` per edition, in parallel, its failures told briefly."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from . import procs as procs_
from .failsafe import BuildError
from .mkdocs_kept import docs_digest, keep_edition

if TYPE_CHECKING:
    from .build import Build


def child_error(text: str) -> str:
    """What a failed child said, for a person: the exception's own line, never its traceback."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if any(line.startswith("Traceback (most recent call last)") for line in lines):
        return lines[-1]  # e.g. "OSError: [Errno 28] No space left on device"
    return "\n".join(lines)[-2000:]


def run_mkdocs(build: Build) -> None:
    """One MkDocs process per language, in parallel: the editions share nothing. An edition whose docs tree
    did not change since the previous build keeps what MkDocs made of it then (:mod:`.mkdocs_kept`)."""
    configs = []
    for lang, cfg in zip(build.pages, build.configs):
        if build.engine == "fast":  # (every page through MkDocs, the reference engine, is never kept)
            build.cache.docs[lang] = digest = docs_digest(build, lang, cfg)
            if keep_edition(build, lang, digest):
                continue
        configs.append(cfg)
    # MkDocs 1.6.1 prints a banner about its successor on every run; it is not ours to show.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    procs = [(cfg, procs_.popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(cfg)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
             for cfg in configs]
    failures = []
    for cfg, proc in procs:
        out, err = proc.communicate()
        procs_.forget(proc)
        procs_.check_stop()  # a child killed by the signal handler is a stop, not a failure
        for line in (out + err).splitlines():
            if line.startswith("WARNING"):
                print(line, file=sys.stderr)
        if proc.returncode != 0:
            failures.append(f"{cfg.name}: {child_error(err)}")
    if failures:
        raise BuildError("\n".join(failures))
