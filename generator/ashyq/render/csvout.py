"""The CSV files of the open data: columns, rows and the bytes a spreadsheet opens correctly.

A record type's tables come from its declaration (:attr:`OpenData.csv`: the
columns are the fields of its row model, the rows come from its JSON
items, so CSV and JSON always agree). The portal's own tables (councils,
members, findings, indicator) are declared here the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from ..i18n import t
from ..kinds import registry
from pydantic import create_model

from . import bodydata
from .archive import Packed
from .datamodels import Cell, Out, both, counts_keys, snake
from .feedtext import plain

_FORMULA = re.compile(r"^[=+\-@]")
_HARMLESS = re.compile(r"^[+\-]?[\d\s().,/:-]*$")  # numbers, dates, phone numbers


class CouncilBase(Out):
    council: Cell
    name_kk: Cell
    name_ru: Cell
    short_name_kk: Cell
    short_name_ru: Cell
    type: Cell
    host_body_kk: Cell
    host_body_ru: Cell
    region_kk: Cell
    region_ru: Cell
    term_start: Cell
    term_end: Cell
    email: Cell
    phone: Cell
    website: Cell
    members: Cell
    civil_society_members: Cell
    approved_by: Cell


def council_row() -> type[Out]:
    """The councils table: the council, then a count per record type (registration order), findings, pages."""
    return _council_row_model(tuple(snake(key) for key in counts_keys()))


@functools.cache  # per set of types: a plugin registered later gets its own column
def _council_row_model(counts: tuple[str, ...]) -> type[Out]:
    fields: dict[str, Any] = {name: (Cell, ...) for name in [*counts, "page_kk", "page_ru"]}
    return create_model("CouncilRow", __base__=CouncilBase, **fields)


class MemberRow(Out):
    council: Cell
    member: Cell
    name_kk: Cell
    name_ru: Cell
    role: Cell
    category: Cell
    organisation_kk: Cell
    organisation_ru: Cell
    organisation_bin: Cell
    civil_servant: Cell
    voting: Cell
    start: Cell
    end: Cell
    active: Cell
    email: Cell
    phone: Cell


class FindingRow(Out):
    council: Cell
    record: Cell
    rule: Cell
    severity: Cell
    level: Cell
    message_kk: Cell
    message_ru: Cell
    file: Cell
    line: Cell
    field: Cell
    page_kk: Cell
    page_ru: Cell


class IndicatorRow(Out):
    council: Cell
    year: Cell
    period: Cell
    B: Cell
    C: Cell
    E: Cell
    G: Cell
    public: Cell
    F: Cell
    band: Cell
    band_kk: Cell
    band_ru: Cell
    basis: Cell
    reports: Cell


PORTAL_TABLES: dict[str, type[Out]] = {"members": MemberRow, "findings": FindingRow,
                                       "indicator": IndicatorRow}


def columns(row: type[Out]) -> list[str]:
    return [f.alias or name for name, f in row.model_fields.items()]


def csv_columns() -> dict[str, list[str]]:
    """Every CSV file's header: the portal's tables, then each record type's (registration order)."""
    out = {"councils": columns(council_row()), "members": columns(MemberRow)}
    for rt in registry.record_types():
        for table in rt.data.csv:
            out[table.name] = table.columns
    out["bodies"] = columns(bodydata.BodyRow)
    out["findings"] = columns(FindingRow)
    out["indicator"] = columns(IndicatorRow)
    return out


def _council_row(c: dict) -> Out:
    counts, contacts = c["counts"], c["contacts"]
    return council_row()(
        council=c["id"], **both("name", c["name"]), **both("short_name", c["shortName"]),
        **both("host_body", c["hostBody"]), **both("region", c["region"]), type=c["classification"],
        term_start=(c["term"] or {}).get("start"), term_end=(c["term"] or {}).get("end"), email=contacts["email"],
        phone=contacts["phone"], website=contacts["website"], members=c["composition"]["members"],
        civil_society_members=c["composition"]["civilSociety"], approved_by=c["approvedBy"],
        **{snake(key): value for key, value in counts.items()}, page_kk=c["web"]["kk"], page_ru=c["web"]["ru"])


def _member_row(m: dict) -> MemberRow:
    contacts = {x["type"]: x["value"] for x in m["contact_details"]}
    return MemberRow(
        council=m["organization_id"], member=m["person_id"].rsplit("/", 1)[-1], **both("name", m["person_name"]),
        role=m["role"], category=m["category"], **both("organisation", m["organisation"]["name"]),
        organisation_bin=m["organisation"]["bin"], civil_servant=m["civil_servant"], voting=m["voting"],
        start=m["start_date"], end=m["end_date"], active=m["active"], email=contacts.get("email"),
        phone=contacts.get("voice"))


def _finding_row(f: dict) -> FindingRow:
    web = f["web"] or {}
    return FindingRow(council=f["council"], record=f["record"], rule=f["rule"], severity=f["severity"],
                      level=f["level"],
                      **both("message", f["message"]), file=f["file"], line=f["line"], field=f["field"],
                      page_kk=web.get("kk"), page_ru=web.get("ru"))


def csv_rows(lists: Mapping[str, list[dict]]) -> dict[str, list[Out]]:
    """The rows every CSV file gets from ``lists`` (some of the JSON files' lists, by name), made from the JSON
    objects so that both always agree. A record type's removed records (tombstones) have no row."""
    rows: dict[str, list[Out]] = {name: [] for name in csv_columns()}
    for c in lists.get("councils", ()):
        rows["councils"].append(_council_row(c))
        for ind in c["indicator"]:
            rows["indicator"].append(IndicatorRow(
                **ind | {"reports": " ".join(ind["reports"])}, band_kk=t("kk", f"indicator.band.{ind['band']}"),
                band_ru=t("ru", f"indicator.band.{ind['band']}")))
    rows["members"] = [_member_row(m) for m in lists.get("members", ())]
    for rt in registry.record_types():
        for item in lists.get(rt.data.name, ()):
            if item["deleted"]:
                continue
            for table in rt.data.csv:
                rows[table.name] += table.rows(item)
    rows["bodies"] = [bodydata.row(b) for b in lists.get("bodies", ())]
    rows["findings"] = [_finding_row(f) for f in lists.get("findings", ())]
    return rows


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = plain(value)
    if _FORMULA.match(text) and not _HARMLESS.match(text):
        return "'" + text
    return text


def _writer(out: TextIO):
    return csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


def _cells(rows: Iterable[Out]) -> Iterable[list[str]]:
    return ([cell(v) for v in row.model_dump().values()] for row in rows)


def rows_text(rows: Iterable[Out]) -> str:
    """The rows as a CSV file holds them (what :meth:`CsvWriter.add` writes)."""
    return _text(_cells(rows))


def _text(cells: Iterable[list[str]]) -> str:
    out = io.StringIO(newline="")
    _writer(out).writerows(cells)
    return out.getvalue()


class CsvWriter:
    """A CSV file written into ``out`` as a spreadsheet opens it correctly: UTF-8 with a byte order mark, the
    header, then the rows, given as rows (:meth:`add`) or as councils' parts already written (:meth:`add_part`)."""

    def __init__(self, out: Packed, header: list[str]):
        self._out = out
        out.glue(("\ufeff" + _text([header])).encode("utf-8"))

    def add(self, rows: Iterable[Out]) -> None:
        self._out.glue(rows_text(rows).encode("utf-8"))

    def add_part(self, data: bytes, packed: bytes) -> None:
        """Rows already written (:func:`rows_text`, as UTF-8), and deflated (:func:`.archive.segment`)."""
        self._out.part(data, packed)

    def close(self) -> Packed:
        return self._out.close()
