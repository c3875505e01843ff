"""``ashyq serve``: MkDocs' live-reload server serves the preview and rebuilds it when a record changes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ashyq.synthetic import write_portal

TODAY = dt.date(2026, 11, 21)
ASHYQ = Path(sys.executable).with_name("ashyq")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture()
def served(tmp_path):
    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)
    port = _free_port()
    # A session of its own, so the test can see that nothing the server started outlives it.
    logs = tmp_path / "out.txt", tmp_path / "err.txt"
    with logs[0].open("w") as out, logs[1].open("w") as err:
        # Ctrl+C as in a terminal, even when the suite itself runs in the background (where a shell starts
        # commands with SIGINT ignored, and an ignored signal stays ignored across exec).
        proc = subprocess.Popen([str(ASHYQ), "serve", str(root), "--port", str(port), "--today", TODAY.isoformat()],
                                stdout=out, stderr=err, start_new_session=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}/preview/kk/"
    try:
        yield root, base, proc, lambda: tuple(p.read_text(encoding="utf-8") for p in logs)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)


def test_serve_rebuilds_a_changed_record_and_stops_cleanly(served):
    root, base, proc, logs = served
    page = base + "councils/council-001/"
    assert _wait_for(lambda: _get(page)[0] == 200 or proc.poll() is not None, 120), "the site was never served"
    assert proc.poll() is None, logs()
    status, html = _get(page)
    assert status == 200 and "/livereload/" in html and "№1 қоғамдық кеңес" in html

    council = root / "councils" / "council-001" / "council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("kk: №1 қоғамдық кеңес", "kk: №1 жаңартылған кеңес"),
                       encoding="utf-8")
    assert _wait_for(lambda: "№1 жаңартылған кеңес" in _get(page)[1], 120), "the change was never rebuilt"

    _stop(proc)
    out, err = logs()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert out.count("http://127.0.0.1") >= 2  # served, then served again after the rebuild
    with pytest.raises(ProcessLookupError):  # no child of the server is left running
        os.killpg(proc.pid, 0)


def test_a_broken_change_keeps_the_last_good_site(served):
    root, base, proc, logs = served
    assert _wait_for(lambda: _get(base)[0] == 200 or proc.poll() is not None, 120)
    assert proc.poll() is None, logs()
    council = root / "councils" / "council-001" / "council.yml"
    council.write_text("name: [unclosed\n", encoding="utf-8")
    # The failed rebuild reports the record; the previous site is still served.
    assert _wait_for(lambda: "council.yml" in logs()[1], 120), logs()
    assert _get(base + "councils/council-001/")[0] == 200
    _stop(proc)
    assert proc.returncode == 0 and "Traceback" not in logs()[1]


def test_ctrl_c_while_the_new_site_is_swapped_in_still_stops_serving(tmp_path, monkeypatch):
    # The build swallows a signal once its new site is in place (finishing is quicker than undoing); the
    # server must still stop afterwards, not serve on with the Ctrl+C lost.
    from ashyq.write import procs, serve

    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)

    def build_site(result, out, force=False, cache=False):
        with procs.guarded():
            with procs.commit():
                pass
            os.kill(os.getpid(), signal.SIGINT)  # after the swap, before the build returns
            time.sleep(0.1)

    monkeypatch.setattr(serve, "build_site", build_site)
    with pytest.raises(KeyboardInterrupt):
        serve.rebuild(root, tmp_path / "out", TODAY, "en")


def test_a_preview_left_open_overnight_judges_deadlines_on_the_new_day(tmp_path, monkeypatch):
    """``serve`` without ``--today`` asks the clock at each rebuild, not once at its start."""
    import argparse
    import datetime as dt

    from ashyq import clock
    from ashyq.write import serve

    days = iter([dt.date(2026, 11, 21), dt.date(2026, 11, 22)])
    judged: list[dt.date] = []
    monkeypatch.setattr(clock, "today_in_kazakhstan", lambda: next(days))
    monkeypatch.setattr(serve, "rebuild", lambda root, out, today, *rest: judged.append(today) or True)

    class Server:  # the live-reload server: rebuilds once, as a saved file makes it, then stops
        def __init__(self, builder, *args, **kwargs):
            self.builder, self.serve_thread = builder, argparse.Namespace(is_alive=lambda: False)

        def watch(self, path):
            pass

        def serve(self):
            self.builder()

        def shutdown(self, wait):
            pass

    monkeypatch.setattr(serve, "LiveReloadServer", Server)
    root = write_portal(tmp_path / "portal", councils=1, today=TODAY)
    args = argparse.Namespace(path=root, out=tmp_path / "out", force=False, today=None, lang="en", debug=False,
                              cache=False, host="127.0.0.1", port=8000)
    assert serve.cmd_serve(args) == 0
    assert judged == [dt.date(2026, 11, 21), dt.date(2026, 11, 22)]
