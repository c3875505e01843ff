"""Pagefind fed through its service mode: pages go down a pipe, not through a scratch folder.

``pagefind --service`` reads requests on stdin and answers on stdout, each a
base64-encoded JSON message ended by a comma: ``NewIndex``, then one
``AddFile`` per page (its URL and HTML), then ``GetFiles``, whose answer holds
the whole bundle, which the caller rewrites (:mod:`.pagefind_order`) and this module
writes (:func:`write_bundle`). Pagefind's own
Python client does the same but waits 100 ms between two answers it reads
(``_wait_for_responses``), which would make a 4,000-page shard take minutes;
this client writes every request from one thread while another reads the
answers as they come.

The pages are numbered in the order they are sent, which the caller fixes:
the command line numbered them in the order the file system listed its
scratch folder, so the same pages gave another index on another disk. No
scratch file is written or deleted.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

from ..render.files import write_file
from . import procs as procs_
from .failsafe import BuildError


def page_url(rel: str) -> str:
    """The URL Pagefind gives the page at ``rel`` (its ``build_url``): ``kk/a/index.html`` is ``/kk/a/``."""
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class _Service:
    """One ``pagefind --service`` process and its two pipes."""

    def __init__(self, name: str, log: Any):
        self.name = name
        self.proc = procs_.popen([str(get_executable()), "--service"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=log)
        self._pending = bytearray()
        self._next = 0

    def send(self, payload: dict[str, Any]) -> None:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": payload}, ensure_ascii=False)
        assert self.proc.stdin is not None
        self.proc.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")

    def receive(self) -> dict[str, Any]:
        """The next answer's payload; an ``Error`` answer or a closed pipe stops the build."""
        assert self.proc.stdout is not None
        end = self._pending.find(b",")
        while end < 0:  # the index's files come in one answer of megabytes: look at each new chunk only
            chunk = self.proc.stdout.read1(1 << 20)
            if not chunk:
                raise BuildError(f"pagefind ({self.name}): the search indexer stopped")
            at = chunk.find(b",")
            end = len(self._pending) + at if at >= 0 else -1
            self._pending += chunk
        answer = json.loads(base64.b64decode(bytes(self._pending[:end])))
        del self._pending[: end + 1]
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            raise BuildError(f"pagefind ({self.name}): {payload.get('message', '')}"[:2000])
        return payload

    def ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        self.send(payload)
        assert self.proc.stdin is not None
        self.proc.stdin.flush()
        return self.receive()


def index_pages(name: str, pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Index ``pages`` (``(path relative to the site, HTML)``, in the order given); returns the index's files
    (Pagefind's bundle: path in the bundle -> bytes), for :func:`write_bundle`. ``name`` names the shard in
    messages.
    """
    with tempfile.TemporaryFile() as log:
        service = _Service(name, log)
        try:
            return _feed(service, pages)
        except (BuildError, OSError) as error:
            procs_.check_stop()  # a child killed by the signal handler is a stop, not a failure
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip()[-2000:]  # what Pagefind said on stderr
            told = str(error) if isinstance(error, BuildError) else f"pagefind ({name}): {error}"
            raise BuildError("\n".join(part for part in (told, said) if part)) from None
        finally:
            _close(service)
            procs_.check_stop()


def _feed(service: _Service, pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    index = service.ask({"type": "NewIndex", "config": None})["index_id"]
    state = {"sent": 0, "read": 0, "done": False}
    failure: list[BaseException] = []
    turn = threading.Condition()

    def read() -> None:
        # Answers are read while requests are written (else both pipes fill up and each side waits for the
        # other), and only answers that are owed: a request not yet written has none.
        try:
            while True:
                with turn:
                    turn.wait_for(lambda: state["read"] < state["sent"] or state["done"])
                    if state["read"] == state["sent"]:
                        return
                service.receive()
                state["read"] += 1
        except BaseException as error:  # noqa: BLE001 - handed to the writing thread
            failure.append(error)

    reader = threading.Thread(target=read, name=f"pagefind-{service.name}", daemon=True)
    reader.start()
    try:
        for rel, html in pages:
            service.send({"type": "AddFile", "index_id": index, "file_path": None, "url": page_url(rel),
                          "file_contents": html.decode("utf-8", "replace")})
            with turn:
                state["sent"] += 1
                turn.notify()
            if failure:
                break
    finally:
        try:
            assert service.proc.stdin is not None
            service.proc.stdin.flush()  # the last requests: their answers are owed
        except OSError as error:
            failure.append(error)
        with turn:
            state["done"] = True
            turn.notify()
        reader.join()
    if failure:
        raise failure[0]
    # The index comes back in memory, to be written by ashyq: Pagefind's own writes may still be under way
    # when it answers WriteFiles, and it exits the moment its input closes.
    files = service.ask({"type": "GetFiles", "index_id": index})["files"]
    return {file["path"]: base64.b64decode(file["content"]) for file in files}


_FILE = re.compile(r"^(?:[\w.-]+/)?[\w.-]+$")  # pagefind.js, fragment/kk_1e13d1b.pf_fragment, …


def write_bundle(output: Path, files: dict[str, bytes]) -> None:
    """The bundle's files under ``output``; a name that is not a plain file or one level below is refused."""
    made: set[str] = set()
    for name in sorted(files):
        if not _FILE.match(name) or any(part.startswith(".") for part in name.split("/")):
            raise BuildError(f"pagefind: unexpected file name {name!r}")
        write_file(f"{output}/{name}", files[name], made)


def _close(service: _Service) -> None:
    proc = service.proc
    try:
        if proc.stdin is not None:
            proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    procs_.forget(proc)
