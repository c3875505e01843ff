"""Open data: JSON with published schemas, CSV for spreadsheets, one ZIP of everything.

Everything lands under ``data/`` (language-neutral; texts carry both
languages). The page ``content/<lang>/data.md`` documents each file for
readers; this docstring is the reference for maintainers.

JSON (UTF-8, no BOM), one file per record type and one per council::

    data/councils.json  members.json  meetings.json  recommendations.json
    data/hearings.json  reports.json  plans.json     findings.json
    data/councils/<slug>.json          (everything of one council)
    data/schema/<name>.schema.json     (JSON Schema 2020-12 of each file)

Every JSON file is an object with ``format_version`` (:data:`FORMAT_VERSION`,
``MAJOR.MINOR``: a minor version only adds fields or values, so readers must
ignore fields they do not know; a major version renames, removes or changes
the meaning of something), ``schema`` (absolute URL of its schema),
``licence``, ``publisher`` and ``as_of`` (the date statuses such as
"overdue" were computed for), then ``data`` (a list) or, per council, one
list per record type.

Names follow OParl 1.1 where an OParl object fits (``Meeting``,
``AgendaItem``, ``File``; ``name``, ``meetingState``, ``cancelled``,
``start``, ``end``, ``location``, ``agendaItem``, ``auxiliaryFile``, ``web``,
``created``, ``modified``, ``deleted``) and Popolo where a Popolo object fits
(``Organization``, ``Membership`` with ``organization_id``, ``person_id``,
``role``, ``start_date``, ``end_date``; ``VoteEvent`` with ``counts`` of
options ``yes``/``no``/``abstain``). Each standard's own spelling is kept
(OParl camelCase, Popolo snake_case). A text is ``{"kk": …, "ru": …}``.
A record removed from the repository stays as a tombstone
``{"type", "id", "deleted": true, "modified": <removal time>, …}`` (OParl
1.1 §2.7), never a silent disappearance.

CSV (:func:`csv_columns` gives the header of each: a record type's are the fields of its row model): ``councils``,
``members``, ``meetings``, ``decisions``, ``recommendations`` (with the
computed deadline, status and days overdue), ``hearings``, ``reports``,
``findings`` and ``indicator``. Encoding UTF-8 **with BOM**, so that Excel
opens Kazakh and Russian text correctly on double-click; comma-separated,
``"``-quoted where needed, CRLF line ends (RFC 4180); one header row; dates
ISO ``YYYY-MM-DD``; booleans ``true``/``false``; empty cell for "none".
Python reads them with ``open(path, encoding="utf-8-sig", newline="")``.
A text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-`` or ``@`` and not just a number, date or phone number) gets a
leading ``'`` (the OWASP advice against CSV injection); the JSON keeps the
text exactly.

ZIP: ``data/ashyq-data.zip`` holds every file above under the same relative
names, in sorted order, with a fixed timestamp (1980-01-01), so two builds
give identical bytes.

Personal data: members are published with name, role, category,
organisation and dates, as on the composition page; e-mail and phone only
with ``consent.contacts``, biography only with ``consent.biography``, the
photo file only with ``consent.photo``. An organisation's BIN is published
only when it is a legal entity's BIN (a 12-digit number that is a valid IIN
is a person's and is left out).
"""

from __future__ import annotations

import csv

from .csvout import csv_columns, csv_rows  # noqa: F401
from .datafiles import ZIP_NAME, council_document, json_files  # noqa: F401
from .datawrite import write_opendata  # noqa: F401
from .dataschema import FORMAT_VERSION, schema  # noqa: F401


def __getattr__(name: str):
    # The file lists follow the registered record types, complete only once they are loaded.
    if name == "JSON_FILES":
        return json_files()
    if name == "CSV_COLUMNS":
        return csv_columns()
    raise AttributeError(name)
