"""``ashyq serve``: build, serve on localhost, rebuild when a record changes.

A secretary checks a page before opening a pull request. Polling the tree's
modification times once a second needs no extra dependency and works the same
on every system; a failed rebuild keeps the last good site on screen.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..i18n import t
from ..report import print_findings
from ..validate import check_portal
from .build import build_site
from .failsafe import BuildError, failsafe
from .output import OutputRefused, check_output

WATCHED = ("site_config.yml", "councils", "content")


def snapshot(root: Path) -> dict[str, float]:
    state: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        if path.is_file():
            state[name] = path.stat().st_mtime
        elif path.is_dir():
            for p in path.rglob("*"):
                if p.is_file():
                    state[str(p)] = p.stat().st_mtime
    return state


def rebuild(root: Path, out: Path, today, lang: str, force: bool = False, debug: bool = False) -> bool:
    """One build; every failure is a message and the last good site stays on screen."""
    with failsafe(lang, debug) as outcome:
        result = check_portal(root, today)
        if result.failed() or result.portal is None:
            print_findings(result, "text", lang, False, sys.stderr)
            print(t(lang, "cli.build-stopped"), file=sys.stderr)
            return False
        try:
            build_site(result, out, force)
        except BuildError as exc:
            print(t(lang, "cli.build-failed", detail=str(exc)), file=sys.stderr)
            return False
        return True
    if outcome.code >= 128:  # a signal: stop serving, as without a build running
        raise KeyboardInterrupt
    return False


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def cmd_serve(args) -> int:
    from ..cli import today_in_kazakhstan

    root: Path = args.path.resolve()
    if not root.is_dir():
        print(t(args.lang, "cli.no-folder", path=root), file=sys.stderr)
        return 2
    out = (args.out or root / ".ashyq-cache" / "preview").resolve()
    try:
        check_output(root, out, args.force)
    except OutputRefused as exc:
        print(t(args.lang, exc.key, **exc.params), file=sys.stderr)
        return 2
    today = args.today or today_in_kazakhstan()
    try:
        rebuild(root, out, today, args.lang, args.force, args.debug)
    except KeyboardInterrupt:
        return 130
    out.mkdir(parents=True, exist_ok=True)
    # Serve the folder's parent so the swap (a rename of the folder) is picked up on the next request.
    handler = functools.partial(_Quiet, directory=str(out.parent))
    server = ThreadingHTTPServer((args.host, args.port), handler)
    url = f"http://{args.host}:{server.server_port}/{out.name}/kk/"
    print(t(args.lang, "cli.serving", url=url))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state = snapshot(root)
    try:
        while True:
            time.sleep(1)
            current = snapshot(root)
            if current != state:
                state = current
                print(t(args.lang, "cli.rebuilding"))
                if rebuild(root, out, today, args.lang, args.force, args.debug):
                    print(t(args.lang, "cli.serving", url=url))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
