"""A large portal is checked in parallel processes: the findings must be exactly the serial ones."""

import datetime as dt

from ashyq.synthetic import write_portal
from ashyq.validate import PARALLEL_FROM, check_portal

TODAY = dt.date(2026, 11, 21)


def test_parallel_check_reports_what_the_serial_check_reports(tmp_path):
    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    meeting = root / "councils" / "council-007" / "meetings" / "2025-01.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: held", "status: hled"), encoding="utf-8")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  no.such-rule: {}\n", encoding="utf-8")

    serial = check_portal(root, TODAY).findings
    parallel = check_portal(root, TODAY, jobs=2).findings

    assert [f.to_json("en") for f in parallel] == [f.to_json("en") for f in serial]
    assert {f.rule for f in serial} == {"data.type", "data.config"}  # the typo and the unknown rule, nothing else


def test_parallel_check_runs_the_rules_serial_check_runs(tmp_path):
    # Without data errors the rules run: both checks must report the same non-empty compliance findings
    # (a worker that never registered the rules would report none, and agree with nothing).
    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    meeting = root / "councils" / "council-007" / "meetings" / "2025-01.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: held", "status: planned"),
                       encoding="utf-8")

    serial = check_portal(root, TODAY).findings
    parallel = check_portal(root, TODAY, jobs=2).findings

    # the meeting left "planned", and the year's monitoring that names it as the meeting that decided it
    assert {f.rule for f in serial} == {"meeting.decisions-published", "monitoring.decision"}
    assert [f.to_json("en") for f in parallel] == [f.to_json("en") for f in serial]
