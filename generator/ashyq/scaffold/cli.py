"""Subcommands ``init``, ``new`` and ``schema``, registered on the main ``ashyq`` parser.

Each handler takes the parsed arguments and returns the exit code: 0 done,
2 wrong usage (a non-empty folder, an unknown council, a taken id), with the
message in the language of ``--lang``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..clock import today_in_kazakhstan
from ..i18n import MESSAGE_LANGS, t
from ..types import CLOCK, URL
from .new import CHOICES, SLUG, ScaffoldError, ask, kinds, new_record, valid_basis



def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {value!r}") from None
    if not 2000 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"not a year between 2000 and 2100: {value!r}")
    return year


def _clock(value: str) -> str:
    if not CLOCK.match(value):
        raise argparse.ArgumentTypeError(f"not a time (HH:MM): {value!r}")
    return value


def _today(args: argparse.Namespace) -> dt.date:
    if args.today:
        return args.today
    return today_in_kazakhstan()


def _interactive(args: argparse.Namespace) -> bool:
    return not args.no_input and sys.stdin.isatty()


def _messages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=_date, default=None,
                        help="date to write as today (YYYY-MM-DD; default: today in Asia/Almaty)")
    parser.add_argument("--lang", choices=MESSAGE_LANGS, default="kk", help="language of messages (default: kk)")
    parser.add_argument("--no-input", action="store_true",
                        help="never ask; leave <<…>> placeholders for what no flag gave")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    from ..types import COUNCIL_TYPES

    init = sub.add_parser("init", help="create a new portal with one example council")
    init.add_argument("dir", type=Path, help="folder for the new portal (created; must be empty)")
    init.add_argument("--name-kk", help="the council's name in Kazakh")
    init.add_argument("--name-ru", help="the council's name in Russian")
    init.add_argument("--slug", help="the council's folder name (lowercase Latin letters, digits, hyphens)")
    init.add_argument("--type", choices=COUNCIL_TYPES, default="city", dest="council_type",
                      help="council type (default: city)")
    init.add_argument("--base-url", help="the portal's address, e.g. https://<account>.github.io/<repository>/")
    init.add_argument("--host-kk", help="the body the council works at, in Kazakh")
    init.add_argument("--host-ru", help="the body the council works at, in Russian")
    init.add_argument("--region-kk", help="region, in Kazakh")
    init.add_argument("--region-ru", help="region, in Russian")
    init.add_argument("--repository", help="the portal's GitHub repository URL (for 'edit this page' links)")
    init.add_argument("--tool", metavar="REQUIREMENT",
                      help="pip requirement for ashyq written to requirements.txt "
                           "(default: from the installed package's repository URL)")
    _messages(init)
    init.set_defaults(func=cmd_init)

    new = sub.add_parser("new", help="write a new record (any record type, or a member)")
    new.add_argument("kind", choices=kinds(), help="what to write")
    new.add_argument("council", help="the council's folder name under councils/")
    new.add_argument("path", nargs="?", default=Path("."), type=Path, help="portal folder (default: current folder)")
    new.add_argument("--id", dest="record_id", help="the record's id (default: the next free one)")
    new.add_argument("--date", type=_date, help="meeting/hearing date, date sent, date published "
                                                "or member's start date (default: today)")
    new.add_argument("--time", type=_clock, help="start time, HH:MM")
    new.add_argument("--title-kk", help="title (hearing: topic) in Kazakh")
    new.add_argument("--title-ru", help="title (hearing: topic) in Russian")
    new.add_argument("--place-kk", help="place in Kazakh")
    new.add_argument("--place-ru", help="place in Russian")
    new.add_argument("--status", choices=CHOICES["status"], help="meeting/hearing status "
                                                                 "(default: planned, or held for a past meeting)")
    new.add_argument("--addressee-kk", help="recommendation: the state body, in Kazakh")
    new.add_argument("--addressee-ru", help="recommendation: the state body, in Russian")
    new.add_argument("--basis", help="recommendation: legal basis, e.g. 5.1.1 (10 working days) or 5.1.3 (a month)")
    new.add_argument("--period", choices=CHOICES["period"], help="report: h1, h2 or year "
                                                                 "(default: the last finished half-year)")
    new.add_argument("--year", type=_year, help="report: the year reported on")
    new.add_argument("--name", help="member: full name")
    new.add_argument("--role", choices=CHOICES["role"], help="member: role (default: member)")
    new.add_argument("--category", choices=CHOICES["category"], help="member: category (default: civil-society)")
    new.add_argument("--organisation-kk", help="member: organisation in Kazakh")
    new.add_argument("--organisation-ru", help="member: organisation in Russian")
    _messages(new)
    new.set_defaults(func=cmd_new)

    schema = sub.add_parser("schema", help="write the JSON Schemas of the record files")
    schema.add_argument("--out", type=Path, default=None,
                        help="output folder (default: the schemas shipped with ashyq, ashyq/schemas/)")
    schema.add_argument("--lang", choices=MESSAGE_LANGS, default="kk", help="language of messages (default: kk)")
    schema.set_defaults(func=cmd_schema)


def _err(args: argparse.Namespace, key: str, **params: Any) -> int:
    print(t(args.lang, key, **params), file=sys.stderr)
    return 2


def _prompt(_key: str, text: str) -> str:
    return input(text)


def cmd_new(args: argparse.Namespace) -> int:
    values = {key: getattr(args, key) for key in (
        "date", "time", "title_kk", "title_ru", "place_kk", "place_ru", "status", "addressee_kk", "addressee_ru",
        "basis", "period", "year", "name", "role", "category", "organisation_kk", "organisation_ru")}
    values = {k: v for k, v in values.items() if v not in (None, "")}
    if values.get("basis") and not valid_basis(values["basis"]):
        return _err(args, "scaffold.bad-basis", value=values["basis"])
    today = _today(args)
    try:
        if _interactive(args):
            values = ask(args.kind, values, _prompt, args.lang)
        written = new_record(args.path, args.kind, args.council, today=today, values=values,
                             record_id=args.record_id)
    except ScaffoldError as exc:
        return _err(args, exc.key, **exc.params)
    shown = written.rel if args.path == Path(".") else (args.path / written.rel).as_posix()
    if args.kind == "member":
        print(t(args.lang, "scaffold.member-added", id=written.id, path=shown))
    else:
        print(t(args.lang, "scaffold.written", path=shown))
    target = "" if args.path == Path(".") else f" {args.path.as_posix()}"
    if written.placeholders:
        names = ", ".join(dict.fromkeys(written.placeholders))
        print(t(args.lang, "scaffold.to-fill", count=len(written.placeholders), names=names))
        print(t(args.lang, "scaffold.next", path=shown, check=f"ashyq check{target}"))
    else:
        print(t(args.lang, "scaffold.next-filled", path=shown, check=f"ashyq check{target}"))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .init import DEFAULT_BASE_URL, DEFAULT_SLUG, init_portal, is_empty, tool_requirement

    if not is_empty(args.dir):
        return _err(args, "scaffold.init.not-empty", path=args.dir.as_posix())
    answers: dict[str, Any] = {"name_kk": args.name_kk, "name_ru": args.name_ru, "slug": args.slug,
                               "base_url": args.base_url}
    if _interactive(args):
        for key in ("name_kk", "name_ru", "slug", "base_url"):
            if not answers[key]:
                try:
                    answers[key] = input(t(args.lang, f"scaffold.ask.init-{key.replace('_', '-')}") + ": ").strip()
                except EOFError:
                    answers[key] = ""
    name_kk = answers["name_kk"] or t("kk", "scaffold.init.default-name")
    name_ru = answers["name_ru"] or t("ru", "scaffold.init.default-name")
    slug = answers["slug"] or DEFAULT_SLUG
    base_url = answers["base_url"] or DEFAULT_BASE_URL
    if not SLUG.match(slug):
        return _err(args, "scaffold.bad-id", id=slug)
    if not URL.match(base_url):
        return _err(args, "scaffold.init.bad-url", value=base_url)
    if not base_url.endswith("/"):
        base_url += "/"
    requirement = args.tool or tool_requirement()
    init_portal(args.dir, today=_today(args), name_kk=name_kk, name_ru=name_ru, slug=slug,
                council_type=args.council_type, base_url=base_url, host_kk=args.host_kk, host_ru=args.host_ru,
                region_kk=args.region_kk, region_ru=args.region_ru, repository=args.repository,
                requirement=requirement)
    where = args.dir.as_posix()
    print(t(args.lang, "scaffold.init.done", path=where, council=f"councils/{slug}"))
    if requirement is None:
        print(t(args.lang, "scaffold.init.no-tool"), file=sys.stderr)
    if base_url == DEFAULT_BASE_URL:
        print(t(args.lang, "scaffold.init.default-url", url=base_url))
    print(t(args.lang, "scaffold.init.next", path=where, slug=slug))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schemas import PACKAGE_SCHEMAS, write_schemas

    out = args.out or PACKAGE_SCHEMAS
    for path in write_schemas(out):
        print(t(args.lang, "scaffold.schema.written", path=path.as_posix()))
    return 0
