"""The contract's HTTP and page bindings (docs/protocol.md, "Bindings"): the HTTP driver waits for a
server's readiness signal and never hangs on one that fails to start or stops answering, and every server
it started is gone afterwards; workerd and Chromium, when installed, answer through them with the same
driver logic as the stdio driver (deferred work across requests included) and are reaped."""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from nodespec import protocol
from nodespec.http_bridge import HttpDriver
from nodespec.testing import ended

FAKE_SERVER = textwrap.dedent("""
    import json, os, sys, threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    fd, mode = int(sys.argv[1]), sys.argv[2]
    if mode == "exit":
        sys.exit(3)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            request = json.loads(self.rfile.read(int(self.headers["content-length"])))
            if request["op"] == "hang":
                threading.Event().wait()
            body = json.dumps({"id": request["id"], "ok": True, "value": request["op"]}).encode()
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            if mode == "close-idle":  # drops the kept-alive connection, as a server closing idle ones does
                self.close_connection = True

    server = HTTPServer(("127.0.0.1", 0), Handler)
    if mode != "silent":
        os.write(fd, b"starting\\n" + json.dumps({"event": "listen", "port": server.server_port}).encode() + b"\\n")
    server.serve_forever()
""")


@pytest.fixture
def fake(tmp_path: Path):
    script = tmp_path / "server.py"
    script.write_text(FAKE_SERVER)
    return lambda mode: (lambda fd: [sys.executable, str(script), str(fd), mode])


def test_the_http_driver_waits_for_the_listen_signal_and_answers(fake):
    driver = HttpDriver(fake("ok"), start_timeout=20)
    try:
        assert driver.request({"op": "hello"}, timeout=10) == {"id": 1, "ok": True, "value": "hello"}
        assert driver.request({"op": "trace"}, timeout=10)["id"] == 2  # one kept-alive connection, ids in order
    finally:
        driver.kill()
    assert ended(driver.proc.pid)


def test_a_kept_alive_connection_the_server_closed_is_reopened(fake):
    driver = HttpDriver(fake("close-idle"), start_timeout=20)
    try:
        for n in (1, 2, 3):
            assert driver.request({"op": "trace"}, timeout=10) == {"id": n, "ok": True, "value": "trace"}
    finally:
        driver.kill()


def test_a_server_that_exits_before_listening_is_a_crash_at_once(fake):
    started = time.monotonic()
    with pytest.raises(protocol.DriverCrashed, match=r"exited \(code 3\) before listening"):
        HttpDriver(fake("exit"), start_timeout=20)
    assert time.monotonic() - started < 10


def test_a_server_that_never_reports_listening_is_a_crash_after_the_start_timeout(fake):
    with pytest.raises(protocol.DriverCrashed, match="did not report listening within 1 s"):
        HttpDriver(fake("silent"), start_timeout=1)



def test_a_server_interrupted_while_it_starts_is_killed_at_once(fake):
    """Ctrl-C (or a signal handler's exception) while the server starts: no one holds the driver yet, so
    it kills its server itself instead of leaving it to the harness's exit."""
    import signal
    import uuid

    from nodespec.implementation import processes_with_env

    marker = f"NODESPEC_TEST_START={uuid.uuid4().hex}"
    name, value = marker.split("=")

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            HttpDriver(fake("silent"), env={**os.environ, name: value}, start_timeout=20)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert processes_with_env(marker.encode()) == set()

def test_a_server_that_stops_answering_times_out_and_is_killed(fake):
    driver = HttpDriver(fake("ok"), start_timeout=20)
    with pytest.raises(protocol.DriverTimeout, match="did not answer 'hang' within 0.5 s"):
        driver.request({"op": "hang"}, timeout=0.5)
    assert driver.dead and ended(driver.proc.pid)


def test_a_server_that_dies_during_a_request_is_a_crash(fake):
    driver = HttpDriver(fake("ok"), start_timeout=20)
    os.kill(driver.proc.pid, 9)
    driver.proc.wait()
    with pytest.raises(protocol.DriverCrashed):
        driver.request({"op": "hello"}, timeout=5)
    assert driver.dead


# -- the real servers, when installed ----------------------------------------------------------------


def _session(name: str):
    from nodespec import registry

    if name == "workerd-post":  # the HTTP binding's other transport: one POST per operation
        from nodespec.adapters.workerd import WorkerdImplementation

        impl = WorkerdImplementation(transport="post")
    else:
        impl = registry.factories()[name]()
    availability = impl.availability()
    if not availability.available:
        pytest.skip(f"{name} is not available: {availability.why} ({availability.install})")
    return impl


@pytest.mark.parametrize("name", ["workerd", "workerd-post", "chromium-npm"])
def test_a_server_implementation_runs_the_driver_and_is_reaped(name):
    """Deferred work scheduled by one request runs during a later one (workerd would cancel it with the
    request's context), an error thrown by it is recorded, and closing the implementation kills its
    process group."""
    from nodespec.session import Session

    impl = _session(name)
    try:
        session = Session(impl)
        emitter = session.new(session.module("events"))
        actions = [protocol.defer("setImmediate", protocol.log("later")),
                   protocol.defer("setTimeout", protocol.throw(protocol.JSError("TypeError", "boom")), ms=5)]
        session.call(emitter, "on", "x", protocol.listener("A", actions))
        assert session.call(emitter, "emit", "x", 1) is True
        session.settle(50)
        trace = session.trace()
        assert [t["kind"] for t in trace] == ["call", "log", "uncaught"], trace
        driver = next(iter(impl._drivers.values()))
    finally:
        impl.close()
    assert ended(driver.proc.pid)


def test_chromium_npm_runs_the_headless_chromium_the_npm_lock_pins(monkeypatch, tmp_path):
    """The browser comes with `npm ci` (the npm package ships it compressed, with the libraries it needs),
    unpacked once per version; without it, and without one on PATH, the reason and install command are exact."""
    import json
    import subprocess

    from nodespec import npm
    from nodespec.adapters.chromium import ChromiumNpmImplementation
    from nodespec.cdp import INSTALL_CHROMIUM, PINNED_CHROMIUM, find_chromium, pinned_chromium

    monkeypatch.delenv("NODESPEC_CHROMIUM", raising=False)
    package = npm.node_modules() / PINNED_CHROMIUM / "package.json"
    if not package.exists():
        pytest.skip(f"{PINNED_CHROMIUM} is not installed ({npm.INSTALL_COMMAND})")
    launcher = pinned_chromium()
    assert launcher is not None and find_chromium(pinned=True) == launcher
    major = json.loads(package.read_text())["version"].split(".")[0]
    version = subprocess.run([launcher, "--version"], capture_output=True, text=True, timeout=60).stdout
    assert version.startswith(f"Chromium {major}."), version
    assert ChromiumNpmImplementation().availability().available
    monkeypatch.setenv("NODESPEC_CHROMIUM", "none")
    availability = ChromiumNpmImplementation().availability()
    assert not availability.available and availability.install == INSTALL_CHROMIUM
    assert "nodespec install" in INSTALL_CHROMIUM and PINNED_CHROMIUM in INSTALL_CHROMIUM
