"""The reference's event loop as asyncio's guest (reference/loop.py, "asyncio guest mode"): inside a
running asyncio loop everything the reference schedules is woken by asyncio, in the reference's own
order; outside asyncio nothing runs until ``run()``."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nodespec.reference import child_process, cluster, events, loop, process
from nodespec.reference.events import EventEmitter
from nodespec.reference.types import NULL

default_loop = loop.default_loop


@pytest.fixture(autouse=True)
def fresh_loop() -> Iterator[None]:
    default_loop.__init__()  # type: ignore[misc]
    yield
    default_loop.__init__()  # type: ignore[misc]


def test_outside_asyncio_nothing_runs_until_run() -> None:
    out: list[str] = []
    process.next_tick(out.append, "tick")
    loop.set_immediate(out.append, "immediate")
    assert out == [] and default_loop._host is None
    default_loop.run(timeout=1)
    assert out == ["tick", "immediate"]


def test_inside_asyncio_the_phases_and_queues_keep_their_order() -> None:
    out: list[str] = []

    async def main() -> None:
        r, w = os.pipe()
        os.write(w, b"x")
        default_loop.ref()

        def on_readable() -> None:  # inside an I/O callback: check phase before the next timers
            default_loop.remove_reader(r)
            default_loop.unref()
            loop.set_timeout(out.append, 0, "timeout")
            loop.set_immediate(lambda: (out.append("immediate"), process.next_tick(out.append, "tick2")))
            loop.set_immediate(out.append, "immediate2")
            loop.queue_microtask(out.append, "promise")
            process.next_tick(out.append, "tick")

        default_loop.add_reader(r, on_readable)
        await default_loop.idle()
        os.close(r)
        os.close(w)

    asyncio.run(main())
    assert out == ["tick", "promise", "immediate", "tick2", "immediate2", "timeout"]


def test_code_between_two_awaits_is_a_macrotask() -> None:
    out: list[str] = []

    async def main() -> None:
        loop.queue_microtask(out.append, "promise")
        process.next_tick(out.append, "tick")
        out.append("sync")
        await asyncio.sleep(0)
        out.append("after await")

    asyncio.run(main())
    assert out == ["sync", "tick", "promise", "after await"]


def test_an_async_listener_awaits_asyncio_and_reference_promises() -> None:
    out: list[Any] = []

    async def main() -> None:
        e = EventEmitter()

        async def listener(x: int) -> None:
            out.append(("start", x))
            await asyncio.sleep(0.01)
            out.append(("slept", x))
            value = await events.Promise.resolve(7)
            out.append(("resolved", value))

        e.on("a", listener)
        e.on("a", lambda x: out.append(("sync", x)))
        e.emit("a", 1)
        out.append("after emit")
        await default_loop.idle()
        await asyncio.sleep(0.05)

    asyncio.run(main())
    assert out == [("start", 1), ("sync", 1), "after emit", ("slept", 1), ("resolved", 7)]


def test_once_and_on_from_asyncio() -> None:
    async def main() -> tuple[list[Any], list[list[Any]]]:
        e = EventEmitter()

        async def produce() -> None:
            for i in range(3):
                await asyncio.sleep(0.001)
                e.emit("x", i)
            e.emit("done", "ok")

        finished = events.once(e, "done")  # listening before anything is emitted
        task = asyncio.ensure_future(produce())
        got: list[list[Any]] = []
        async for args in events.on(e, "x"):
            got.append(args)
            if len(got) == 3:
                break
        done = await finished
        await task
        return done, got

    done, got = asyncio.run(main())
    assert done == ["ok"] and got == [[0], [1], [2]]


def test_capture_rejections_from_asyncio() -> None:
    async def main() -> Any:
        e = EventEmitter({"captureRejections": True})

        async def failing() -> None:
            await asyncio.sleep(0)
            raise ValueError("boom")

        e.on("a", failing)
        errors: list[BaseException] = []
        e.on("error", errors.append)
        e.emit("a")
        await asyncio.sleep(0.02)
        await default_loop.idle()
        return errors

    errors = asyncio.run(main())
    assert [str(err) for err in errors] == ["boom"]


def test_a_child_process_from_asyncio() -> None:
    async def main() -> tuple[list[Any], bytes]:
        child = child_process.spawn(sys.executable, ["-c", "print('hi')"])
        chunks: list[bytes] = []
        child.stdout.on("data", lambda d: chunks.append(bytes(d)))
        closed = await events.once(child, "close")
        return closed, b"".join(chunks)

    closed, data = asyncio.run(main())
    assert closed == [0, NULL] and data == b"hi\n"


def test_two_asyncio_runs_one_after_the_other() -> None:
    out: list[str] = []

    async def main(word: str) -> None:
        loop.set_timeout(out.append, 5, word)
        await default_loop.idle()

    for word in ("first", "second"):
        asyncio.run(main(word))
    assert out == ["first", "second"]


def test_the_cluster_supervisor_from_asyncio(tmp_path: Path) -> None:
    script = tmp_path / "worker.py"
    script.write_text(textwrap.dedent(
        """
        from nodespec.reference import cluster, process
        process.run_main(lambda: cluster.serve(cluster.http_handler(lambda method, path: str(process.pid))))
        """
    ))

    async def main() -> tuple[str, set[int], list[int]]:
        sup = cluster.Supervisor(str(script), workers=2).start()
        port = sup.address()["port"]
        pids = set(sup.workers)
        body = ""
        deadline = time.monotonic() + 10
        while not body.isdigit() and time.monotonic() < deadline:  # until a worker has the socket
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                body = (await reader.read()).split(b"\r\n\r\n", 1)[-1].decode()
                writer.close()
            except OSError:
                await asyncio.sleep(0.05)
        stopped = asyncio.get_running_loop().create_future()
        sup.stop("SIGTERM", lambda: stopped.set_result(None))
        await asyncio.wait_for(stopped, 10)
        return body, pids, list(sup.workers)

    body, pids, left = asyncio.run(main())
    assert body.isdigit() and int(body) in pids and left == []


def test_the_ordering_scenarios_pass_inside_asyncio(tmp_path: Path) -> None:
    """The event-loop ordering scenarios on ``reference-asyncio`` (the whole specification runs on it
    in ``tox -e conformance``): their programs run under asyncio.run with the guest loop."""
    features = Path(__file__).parent.parent / "features"
    proc = subprocess.run(
        [sys.executable, "-m", "nodespec", "run", "--impl", "reference-asyncio", "--no-site", "-q",
         "--json", str(tmp_path / "results.json"),
         "--features", str(features / "process" / "event_loop.feature")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())
    statuses = [r["status"] for s in results["scenarios"] for r in s["results"].values()]
    assert len(statuses) >= 10 and set(statuses) == {"pass"}


def test_the_asyncio_benchmark_measures_both_contenders() -> None:
    from nodespec.bench.events import measure_asyncio

    rates = measure_asyncio(200, 1)  # each run waits until all 200 async listeners have finished
    assert set(rates) == {"reference", "pyee"} and all(rate > 0 for rate in rates.values())


def test_after_asyncio_has_ended_the_loop_runs_on_its_own_again() -> None:
    async def main() -> None:
        loop.set_timeout(lambda: None, 1)
        await default_loop.idle()

    asyncio.run(main())  # the guest's host is closed now
    out: list[Any] = []
    child = child_process.spawn(sys.executable, ["-c", "print('after')"])  # a new selector, no host
    child.stdout.on("data", lambda d: out.append(bytes(d)))
    default_loop.run(timeout=5)
    assert b"".join(out) == b"after\n" and default_loop._host is None


def test_a_signal_listener_from_asyncio() -> None:
    async def main() -> str:
        got: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def on_signal(name: str, *_: Any) -> None:
            got.set_result(name)

        process.on("SIGUSR2", on_signal)
        try:
            os.kill(os.getpid(), signal.SIGUSR2)  # delivered through the reference's self-pipe
            return await asyncio.wait_for(got, 5)
        finally:
            process.remove_listener("SIGUSR2", on_signal)

    assert asyncio.run(main()) == "SIGUSR2"
