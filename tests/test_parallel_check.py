"""A large portal is checked in parallel processes: the findings must be exactly the serial ones.

Two ways: ``ashyq check`` loads and checks halves of the councils in two processes (``keep_records=False``);
a build has every other council read by a forked process and sent back (it needs every record), and runs
half the councils' rules in a process forked from it.
"""

import datetime as dt

from ashyq import validate
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
    parallel = check_portal(root, TODAY, jobs=2, keep_records=False).findings

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
    parallel = check_portal(root, TODAY, jobs=2, keep_records=False).findings

    # the meeting left "planned", and the year's monitoring that names it as the meeting that decided it
    assert {f.rule for f in serial} == {"meeting.decisions-published", "monitoring.decision"}
    assert [f.to_json("en") for f in parallel] == [f.to_json("en") for f in serial]


def test_a_build_runs_half_the_rules_in_a_forked_process(tmp_path, monkeypatch):
    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    meeting = root / "councils" / "council-008" / "meetings" / "2025-01.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("status: held", "status: planned"),
                       encoding="utf-8")
    serial = check_portal(root, TODAY)
    skipped: list[set[str]] = []
    run_rules = validate.run_rules

    def recorded(*args, **kwargs):
        skipped.append(set(kwargs.get("skip", ())))
        return run_rules(*args, **kwargs)

    monkeypatch.setattr(validate, "run_rules", recorded)
    forked = check_portal(root, TODAY, jobs=2)

    assert forked.portal is not None and sorted(forked.portal.councils) == sorted(serial.portal.councils)
    assert len(skipped[0]) == PARALLEL_FROM // 2  # this process ran the other half, and the portal-wide checks
    assert "council-008" in skipped[0]  # its findings came from the forked process
    assert {f.rule for f in serial.findings} == {"meeting.decisions-published", "monitoring.decision"}
    assert [f.to_json("en") for f in forked.findings] == [f.to_json("en") for f in serial.findings]


def test_beside_other_threads_the_rules_run_here(tmp_path, monkeypatch):
    # The preview server rebuilds beside its own threads: no fork then (ashyq.heap.may_fork).
    import threading

    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    skipped: list[set[str]] = []
    run_rules = validate.run_rules
    monkeypatch.setattr(validate, "run_rules",
                        lambda *a, **k: skipped.append(set(k.get("skip", ()))) or run_rules(*a, **k))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        result = check_portal(root, TODAY, jobs=2)
    finally:
        stop.set()
        thread.join()
    assert skipped == [set()] and result.portal is not None


def portal_state(portal) -> list:
    """What a loaded portal holds, council by council: every model's fields and where each value was
    written (its source marks), and every record's body and council, in order."""
    def model(m):
        return None if m is None else (type(m).__name__, m.model_dump(mode="json"), m.__pydantic_private__.get("_source"))

    return [(c.slug, c.path, model(c.info), model(c.composition), c.composition_broken, sorted(c.broken),
             [(model(r), r._body, r._council) for r in c.records()])
            for c in portal.councils.values()]


def test_a_build_loads_every_other_council_in_a_forked_process(tmp_path, monkeypatch):
    # A build needs every record here: half the councils are read by a forked process and sent back
    # pickled (validate._load_halves). The portal and the findings must be the serial load's.
    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    broken = root / "councils" / "council-009" / "meetings" / "2025-01.md"  # read by the forked process
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: held", "status: hled"),
                      encoding="utf-8")
    serial = check_portal(root, TODAY)
    halves: list[int] = []
    load_halves = validate._load_halves
    monkeypatch.setattr(validate, "_load_halves", lambda *a: halves.append(len(a[1])) or load_halves(*a))
    forked = check_portal(root, TODAY, jobs=2)

    assert halves == [PARALLEL_FROM]
    assert serial.portal is not None and forked.portal is not None
    assert portal_state(forked.portal) == portal_state(serial.portal)
    assert ("meeting", "2025-01") in forked.portal.councils["council-009"].broken
    assert [f.to_json("en") for f in forked.findings] == [f.to_json("en") for f in serial.findings]


def test_a_reference_to_a_council_the_other_worker_reads_is_judged_alike(tmp_path):
    # A council names its approving maslikhat by slug; the parallel check's worker that judges it may not be
    # the one that reads the named council. council-001 and council-002 fall to different workers: naming a
    # council that is not a maslikhat must be reported all the same, as the serial check reports it.
    root = write_portal(tmp_path, councils=PARALLEL_FROM, today=TODAY)
    info = root / "councils" / "council-001" / "council.yml"
    info.write_text(info.read_text(encoding="utf-8") + "approved_by: council-002\n", encoding="utf-8")

    serial = check_portal(root, TODAY).findings
    parallel = check_portal(root, TODAY, jobs=2, keep_records=False).findings

    assert "maslikhat2.approved-by-not-maslikhat" in {f.key for f in serial}
    assert [f.to_json("en") for f in parallel] == [f.to_json("en") for f in serial]
