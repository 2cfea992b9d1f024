"""Unit tests of nodespec.reference.cluster: the Supervisor (fork + shared socket + respawn + shutdown)
and the minimal TCP/HTTP layer. Workers are real processes; every test reaps them."""

from __future__ import annotations

import os
import socket
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from nodespec.reference import cluster
from nodespec.reference.errors import NodeError
from nodespec.reference.loop import default_loop

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
    deadline = time.monotonic() + 3
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(alive(p) for p in pids), "a worker outlived its supervisor"


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
    assert ("exit", victim, None, "SIGKILL") in supervisor.events
    assert victim not in supervisor.workers and len(supervisor.workers) == 2


def test_default_worker_count_is_the_cpu_count(tmp_path: Path) -> None:
    assert cluster.Supervisor(str(tmp_path / "w.py")).count == (os.cpu_count() or 1)


def test_res_end_with_a_number_throws_err_invalid_arg_type() -> None:
    with pytest.raises(NodeError) as info:
        cluster._chunk(12345)
    assert (info.value.code, info.value.name) == ("ERR_INVALID_ARG_TYPE", "TypeError")
