"""``ashyq serve``: build, serve on localhost, rebuild when a record changes, reload the browser.

A secretary checks a page before opening a pull request. MkDocs' own
live-reload server (watchdog comes with MkDocs) watches the portal's sources,
calls our build, and tells open pages to reload once the new site is in
place; a failed rebuild prints its messages and keeps the last good site.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..i18n import t
from ..load.walk import steady
from ..render.pages import keep_compiled
from ..report import print_findings
from ..validate import check_portal
from .build import build_site
from .failsafe import BuildError, failsafe
from .output import OutputRefused, check_output
from .procs import late_signal

# What a rebuild reads: the records, the editorial pages, the settings, a portal's own theme overrides.
WATCHED = ("site_config.yml", "councils", "content", "theme")


def rebuild(root: Path, out: Path, today, lang: str, force: bool = False, debug: bool = False,
            cache: bool = True) -> bool:
    """One build; every failure is a message and the last good site stays on screen."""
    with failsafe(lang, debug) as outcome, steady():
        result = check_portal(root, today, jobs=os.cpu_count() or 1, cache=cache)
        if result.failed() or result.portal is None:
            print_findings(result, "text", lang, False, sys.stderr)
            print(t(lang, "cli.build-stopped"), file=sys.stderr)
            return False
        try:
            build_site(result, out, force, cache=cache)
        except BuildError as exc:
            print(t(lang, "cli.build-failed", detail=str(exc)), file=sys.stderr)
            return False
        if late_signal() is not None:
            raise KeyboardInterrupt  # Ctrl+C while the new site was being swapped in: stop serving all the same
        return True
    if outcome.code >= 128:  # a signal: stop serving, as without a build running
        raise KeyboardInterrupt
    return False


def cmd_serve(args) -> int:
    from ..clock import today_in_kazakhstan

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
    def today():  # asked at each rebuild: a preview left open overnight judges deadlines on the new day
        return args.today or today_in_kazakhstan()

    keep_compiled(None, watch=True)  # an edited template shows on the next rebuild
    try:
        rebuild(root, out, today(), args.lang, args.force, args.debug, args.cache)
    except KeyboardInterrupt:
        return 130
    out.mkdir(parents=True, exist_ok=True)

    def builder() -> None:
        print(t(args.lang, "cli.rebuilding"), flush=True)
        if rebuild(root, out, today(), args.lang, args.force, args.debug, args.cache):
            print(t(args.lang, "cli.serving", url=url), flush=True)

    # Mounted under the output folder's name, as the site's root page and its relative links expect;
    # the server opens each file by path, so the build's swap (a folder rename) is seen at once.
    # The server logs every redirect and missing file; the secretary needs only our messages.
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)
    server = LiveReloadServer(builder, args.host, args.port, str(out), mount_path=f"/{out.name}/")
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    url = f"http://{args.host}:{args.port}/{out.name}/kk/"
    print(t(args.lang, "cli.serving", url=url), flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # the port is taken or the address is not this machine's
        print(t(args.lang, "cli.cannot-serve", host=args.host, port=args.port, detail=exc.strerror or exc),
              file=sys.stderr)
        return 1
    finally:
        server.shutdown(wait=server.serve_thread.is_alive())
    return 0
