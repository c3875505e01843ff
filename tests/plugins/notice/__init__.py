"""A sixth record type that lives only in the tests: public notices (``notices/<id>.yml``).

Everything the portal does with it is declared here and in this folder; no
other file of ashyq knows it. Registered through the plugin folder
(``ASHYQ_PLUGINS_DIR``) or :func:`ashyq.kinds.register`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar, Literal

from ashyq.kinds import CsvTable, EditorSchema, Feed, OpenData, RecordType, Scaffold
from ashyq.models.common import Record, Text
from ashyq.render import datamodels as d
from ashyq.render.feedtext import findings_lines, finish, format_date, one_line, say, text_in

HERE = Path(__file__).resolve().parent


class Notice(Record):
    KIND: ClassVar[str] = "notice"
    FOLDER: ClassVar[str] = "notices"

    title: Text
    posted: dt.date


def label(rec: Notice, lang: str) -> tuple[str, str]:
    title, used = text_in(rec.title, lang)
    return one_line(title) or rec.id, used


def summary(ctx, rec: Notice, council: str, lang: str) -> str:
    return finish([council, say(lang, "feeds.published", date=format_date(rec.posted, lang)),
                   *findings_lines(ctx, rec, lang)])


class NoticeOut(d.Out):
    """A public notice."""

    type: Literal["Notice"] = "Notice"
    id: str
    council: str
    web: d.Web
    name: d.Text
    posted: d.Date
    compliance: d.Compliance
    created: d.Stamp
    modified: d.Stamp
    deleted: Literal[False]


def data_item(ctx, rec: Notice) -> NoticeOut:
    return NoticeOut(id=rec.uid, council=rec.council, web=d.web(ctx, rec), name=d.text(rec.title),
                     posted=rec.posted.isoformat(), compliance=d.compliance(ctx, rec), **d.stamps(ctx, rec))


class NoticeRow(d.Out):
    council: d.Cell
    notice: d.Cell
    title_kk: d.Cell
    title_ru: d.Cell
    posted: d.Cell
    page_kk: d.Cell
    page_ru: d.Cell


def rows(item: dict[str, Any]) -> list[NoticeRow]:
    return [NoticeRow(council=item["council"], notice=d.rid(item), **d.both("title", item["name"]),
                      posted=item["posted"], **d.pages(item))]


def next_id(ids: set[str], day: dt.date, values: dict[str, Any]) -> str:
    n = 1
    while f"{day.year}-n{n}" in ids:
        n += 1
    return f"{day.year}-n{n}"


NOTICE = RecordType(
    kind="notice", folder="notices", model=Notice, label=label, date=lambda r: r.posted,
    published=lambda r: r.posted, feed_summary=summary, feeds=(Feed("notices", 60),),
    data=OpenData("notices", NoticeOut, data_item, (CsvTable("notices", NoticeRow, rows),)),
    scaffold=Scaffold("notice.yml.j2", ".yml", next_id, (("date", "scaffold.ask.date"),),
                      template_dir=HERE / "templates"),
    schema=EditorSchema("Public notice (notices/<id>.yml)", "A notice the council posts for the public."),
    rules=__name__, template_dir=HERE / "templates", reference_dir=HERE / "reference",
)

RECORD_TYPES = (NOTICE,)
