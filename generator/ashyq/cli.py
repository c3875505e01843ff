"""The ``ashyq`` command line: check, build, serve, new, init.

Exit codes: 0 success (compliance findings only), 1 data or safety errors
(or findings under ``--strict``), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import __version__
from .clock import today_in_kazakhstan
from .i18n import MESSAGE_LANGS, t
from .report import print_findings


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", type=Path, help="portal folder (default: current folder)")
    parser.add_argument("--today", type=_date, default=None,
                        help="judge deadlines as of this date (YYYY-MM-DD; default: today in Asia/Almaty)")
    parser.add_argument("--lang", choices=MESSAGE_LANGS, default="kk", help="language of messages (default: kk)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="read and judge every council anew, neither using nor filling the cache "
                             "(also: ASHYQ_CACHE_DIR=\"\")")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace an existing non-empty --out folder that ashyq did not build")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of an internal error (also: ASHYQ_DEBUG=1)")
    parser.add_argument("--fresh", action="store_true",
                        help="render everything anew instead of reusing what did not change since the last build")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ashyq", description="Transparency portals for public councils.")
    parser.add_argument("--version", action="version", version=f"ashyq {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate the records and report every problem")
    _common(check)
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="compliance findings fail too")

    build = sub.add_parser("build", help="validate and build the site")
    _common(build)
    build.add_argument("--out", type=Path, default=None, help="output folder (default: PATH/site)")
    build.add_argument("--strict", action="store_true", help="compliance findings fail too")
    _output(build)

    serve = sub.add_parser("serve", help="build, serve on localhost and rebuild when a record changes")
    _common(serve)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--out", type=Path, default=None, help="output folder (default: PATH/.ashyq-cache/preview)")
    _output(serve)

    from .scaffold.cli import add_parsers  # init / new / schema live with the templates they write

    add_parsers(sub)
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    from .shallow import warn_if_shallow
    from .validate import check_portal

    if not args.path.is_dir():
        print(t(args.lang, "cli.no-folder", path=args.path), file=sys.stderr)
        return 2
    result = check_portal(args.path, args.today or today_in_kazakhstan(), jobs=os.cpu_count() or 1,
                          keep_records=False, cache=args.cache)
    strict = args.strict or _config_strict(args.path)
    print_findings(result, args.format, args.lang, strict, sys.stdout)
    warn_if_shallow(args.path, result.dates, args.lang)
    return 1 if result.failed(strict) else 0


def _config_strict(root: Path) -> bool:
    from .load.tree import load_config

    config, _ = load_config(root.resolve())
    return bool(config and config.strict)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "build":
        from .write.build import cmd_build

        return cmd_build(args)
    if args.command == "serve":
        from .write.serve import cmd_serve

        return cmd_serve(args)
    return args.func(args)


def run() -> None:
    """The ``ashyq`` command: :func:`main`, then an exit that does not free the portal object by object.

    A build holds millions of small objects (every record of every council);
    the interpreter's teardown frees them one at a time, 2.7 s after a warm
    build of 200 councils, measured, with the site long in place. Nothing is
    left to do by then: the worker processes and Pagefind are joined, the old
    site's deletion is a detached process, and the output is flushed here.
    Called as a function, :func:`main` returns as before.

    A reader that goes away (``ashyq check | head``) ends the command quietly, not with a traceback.
    """
    try:
        code = main()
    except BrokenPipeError:
        os._exit(1)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            code = code or 1
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
