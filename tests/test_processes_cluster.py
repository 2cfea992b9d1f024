"""Unit tests of nodespec.reference.cluster: the Supervisor (fork + shared socket + respawn + shutdown)
and the minimal TCP/HTTP layer. Workers are real processes; every test reaps them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from nodespec.reference import cluster
from nodespec.reference.errors import NodeError
from nodespec.reference.loop import default_loop
from nodespec.reference.types import NULL
from nodespec.testing import wait_gone

WORKER = textwrap.dedent(
    """
    from nodespec.reference import cluster, process

    def answer(method, path):
        if path == "/crash":
            raise RuntimeError("crash on purpose")
        if path == "/die":
            process.really_exit(3)
        return str(process.pid)

    process.run_main(lambda: cluster.serve(cluster.http_handler(answer)))
    """
)


def http_get(port: int, path: str = "/", timeout: float = 2.0) -> str:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return data.split(b"\r\n\r\n", 1)[1].decode() if data else "error reset"
    except OSError as e:
        return f"error {e.__class__.__name__}"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie is not alive
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def in_thread(fn: Any) -> dict[str, Any]:
    box: dict[str, Any] = {}

    def run() -> None:
        box["value"] = fn()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    box["thread"] = t
    return box


@pytest.fixture()
def supervisor(tmp_path: Path) -> Any:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    sup = cluster.Supervisor(str(script), workers=2)
    events: list[Any] = []
    sup.on("fork", lambda child: events.append(("fork", child.pid)))
    sup.on("exit", lambda child, code, sig: events.append(("exit", child.pid, code, sig)))
    sup.events = events  # type: ignore[attr-defined]
    sup.start()
    yield sup
    pids = [pid for kind, pid, *_ in events if kind == "fork"]
    done: list[bool] = []
    sup.stop("SIGTERM", lambda: done.append(True))
    default_loop.run_until(lambda: bool(done), timeout=10)
    assert done and not sup.workers
    assert wait_gone(pids, 3), "a worker outlived its supervisor"


def ask(port: int, path: str = "/") -> str:
    box = in_thread(lambda: http_get(port, path))
    default_loop.run_until(lambda: not box["thread"].is_alive(), timeout=10)
    return box["value"]


def test_workers_share_the_socket_and_answer(supervisor: Any) -> None:
    port = supervisor.address()["port"]
    bodies = [ask(port) for _ in range(6)]
    assert all(int(b) in supervisor.workers for b in bodies), bodies
    assert len(supervisor.workers) == 2


def test_an_announced_death_is_replaced_before_the_worker_exits(supervisor: Any) -> None:
    port = supervisor.address()["port"]
    ask(port, "/crash")
    default_loop.run_until(lambda: any(e[0] == "exit" for e in supervisor.events), timeout=10)
    kinds = [e[0] for e in supervisor.events]
    assert kinds[:2] == ["fork", "fork"] and kinds[2:] == ["fork", "exit"], supervisor.events
    default_loop.run_until(lambda: len(supervisor.workers) == 2, timeout=5)
    assert ask(port).isdigit()


def test_a_crash_without_announcement_is_replaced_too(supervisor: Any) -> None:
    victim = next(iter(supervisor.workers))
    os.kill(victim, 9)
    default_loop.run_until(lambda: len([e for e in supervisor.events if e[0] == "fork"]) == 3, timeout=10)
    default_loop.run_until(lambda: len(supervisor.workers) == 2, timeout=5)
    assert ("exit", victim, NULL, "SIGKILL") in supervisor.events
    assert victim not in supervisor.workers and len(supervisor.workers) == 2


def test_default_worker_count_is_the_cpu_count(tmp_path: Path) -> None:
    assert cluster.Supervisor(str(tmp_path / "w.py")).count == (os.cpu_count() or 1)


def test_res_end_with_a_number_throws_err_invalid_arg_type() -> None:
    with pytest.raises(NodeError) as info:
        cluster._chunk(12345)
    assert (info.value.code, info.value.name) == ("ERR_INVALID_ARG_TYPE", "TypeError")


# -- the fork server: a respawn is a fork of the warm template, and nothing outlives the primary ----

PRIMARY = textwrap.dedent(
    """
    import json, os, sys
    from nodespec.reference import cluster, forkserver, process

    if cluster.is_worker:
        process.run_main(lambda: cluster.create_server(cluster.http_handler(lambda m, p: str(process.pid))).listen(0, "127.0.0.1"))
    else:
        listening = []

        def on_listening(worker, address):
            listening.append(worker.process.pid)
            if len(listening) == 1:
                worker.process.kill("SIGKILL")  # its replacement comes from the template
            elif len(listening) == 2:
                print(json.dumps({"primary": os.getpid(), "template": forkserver._server.popen.pid,
                                  "workers": listening, "port": address["port"]}), flush=True)

        if sys.argv[1] == "disconnect":  # when the test says so
            process.on("SIGUSR2", lambda *a: cluster.disconnect())
        if sys.argv[2:] == ["clone3 refused"]:  # the template imports refuse_clone3, beside this file
            os.chdir(os.path.dirname(__file__))
            forkserver._server = forkserver.ForkServer(preload=("refuse_clone3",))

        cluster.on("listening", on_listening)
        cluster.on("exit", lambda worker, code, signal: len(listening) == 1 and cluster.fork())
        process.run_main(lambda: cluster.fork())
    """
)


def proc_stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rpartition(")")[2].split()


def start_primary(tmp_path: Path, *mode: str) -> tuple[Any, dict[str, Any]]:
    import json
    import subprocess
    import sys

    script = tmp_path / "primary.py"
    script.write_text(PRIMARY)
    proc = subprocess.Popen([sys.executable, str(script), *mode], stdout=subprocess.PIPE, start_new_session=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, "the primary reported nothing"
    return proc, json.loads(line)


@pytest.mark.parametrize("clone3", ["clone3", pytest.param("clone3 refused", marks=pytest.mark.skipif(
    os.uname().machine != "x86_64", reason="the template falls back on clone(2) on x86_64 only (forkserver._SYS_CLONE)"))])
def test_a_respawned_worker_is_forked_from_the_template_as_the_primarys_child(tmp_path: Path, clone3: str) -> None:
    # Where clone3 is refused with ENOSYS (Docker's default seccomp profile), the template uses clone.
    (tmp_path / "refuse_clone3.py").write_text(
        "from nodespec.reference import forkserver\nforkserver._SYS_CLONE3 = 1 << 20  # no such call: ENOSYS\n"
    )
    proc, report = start_primary(tmp_path, "disconnect", clone3)
    try:
        replacement = report["workers"][1]
        with open(f"/proc/{replacement}/cmdline", "rb") as f:
            assert b"forkserver.template" in f.read()  # a fork of the template: no interpreter started
        assert int(proc_stat(replacement)[1]) == report["primary"]  # process.ppid, as in Node
        assert http_get(report["port"]) == str(replacement)
        os.kill(proc.pid, signal.SIGUSR2)
        assert proc.wait(timeout=20) == 0  # disconnect: the workers exit, the template is stopped
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
    assert wait_gone([report["template"], *report["workers"]])


@pytest.mark.parametrize("how", ["SIGKILL to the primary", "Ctrl-C to the process group"])
def test_nothing_outlives_a_primary_that_dies(tmp_path: Path, how: str) -> None:
    proc, report = start_primary(tmp_path, "stay")
    try:
        if how.startswith("SIGKILL"):
            os.kill(proc.pid, 9)
        else:
            os.killpg(proc.pid, 2)
        proc.wait(timeout=10)
        # the template dies with the primary (PR_SET_PDEATHSIG), the workers when their channel closes
        assert wait_gone([report["template"], *report["workers"][1:]])
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
