"""The stdio driver's waits under Node.js (drivers/driver.mjs, "waits that end when nothing is left to
happen"): an ``await`` of a promise that nothing can settle any more, and a ``settle`` with nothing
queued, answer at once with what their limit would give; a promise that a timer (ref'd or not), an
immediate or a thread-pool job will settle is still waited for. Bun and Deno keep the plain limit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from nodespec import protocol, registry
from nodespec.session import Session

NODE_LINES = ["node20", "node22", "node24", "node26"]
LIMIT_MS = 8_000  # within the bridge's 10 s operation deadline; an answer before half of it did not wait for it


def _session(name: str) -> Iterator[Session]:
    impl = registry.get(name)
    availability = impl.availability()
    if not availability.available:
        pytest.skip(f"{name} is not available: {availability.why} ({availability.install})")
    try:
        yield Session(impl)
    finally:
        impl.close()


@pytest.fixture(params=NODE_LINES)
def node(request: pytest.FixtureRequest) -> Iterator[Session]:
    yield from _session(request.param)


def _timed(thunk: Any) -> tuple[Any, float]:
    start = time.monotonic()
    result = thunk()
    return result, time.monotonic() - start


def _never_settles(session: Session) -> Any:
    events = session.module("events")
    return session.call(events, "once", session.new(events), "never")


def test_a_promise_nothing_can_settle_is_pending_without_waiting_for_the_limit(node):
    # Deferred work that ran before (an immediate, a timer, a tick) is no reason to wait.
    session = node
    session.defer("setImmediate", protocol.log("immediate"))
    session.defer("setTimeout", protocol.log("timer"), ms=1)
    session.defer("nextTick", protocol.log("tick"))
    session.settle(20)
    assert sorted(t["value"] for t in session.trace()) == ["immediate", "tick", "timer"]
    result, took = _timed(lambda: session.await_(_never_settles(session), ms=LIMIT_MS))
    assert result == {"status": "pending"}
    assert took < LIMIT_MS / 2000


def test_a_promise_a_timer_settles_is_awaited(node):
    session = node
    events = session.module("events")
    emitter = session.new(events)
    promise = session.call(events, "once", emitter, "x")
    session.defer("setTimeout", protocol.call(emitter, "emit", "x", 1), ms=300)
    assert session.await_(promise, ms=LIMIT_MS) == {"status": "fulfilled", "value": [1]}


def test_a_promise_an_unrefd_timer_settles_is_awaited(node):
    """AbortSignal.timeout's timer is unref'd: process.getActiveResourcesInfo() does not list it."""
    session = node
    signal = session.call(session.global_("AbortSignal"), "timeout", 300)
    promise = session.call(session.module("events"), "once", signal, "abort")
    assert session.await_(promise, ms=LIMIT_MS)["status"] == "fulfilled"


def test_a_promise_a_thread_pool_job_settles_is_awaited(node):
    """webcrypto's PBKDF2 runs on libuv's thread pool: no handle or timer of the event loop says so."""
    session = node
    subtle = session.get(session.get(session.module("crypto"), "webcrypto"), "subtle")
    buffer = session.global_("Buffer")
    imported = session.await_(session.call(subtle, "importKey", "raw", session.call(buffer, "from", "pw"), "PBKDF2",
                                           False, ["deriveBits"]), ms=LIMIT_MS)
    assert imported["status"] == "fulfilled"
    algorithm = {"name": "PBKDF2", "hash": "SHA-256", "salt": session.call(buffer, "from", "salt"), "iterations": 200_000}
    result = session.await_(session.call(subtle, "deriveBits", algorithm, imported["value"], 256), ms=LIMIT_MS)
    assert result["status"] == "fulfilled"
    # Finished, it holds up no later wait.
    _, took = _timed(lambda: session.await_(_never_settles(session), ms=LIMIT_MS))
    assert took < LIMIT_MS / 2000


def test_settle_ends_once_what_is_queued_has_run(node):
    session = node
    session.reset()  # the session's first operation starts the driver: not part of the settle's time
    _, took = _timed(lambda: session.settle(LIMIT_MS))
    assert took < LIMIT_MS / 2000
    session.defer("setTimeout", protocol.defer("setImmediate", protocol.log("last")), ms=200)
    _, took = _timed(lambda: session.settle(LIMIT_MS))
    assert [t["value"] for t in session.trace()] == ["last"]
    assert took < LIMIT_MS / 2000


@pytest.fixture(params=["bun", "deno"])
def other_runtime(request: pytest.FixtureRequest) -> Iterator[Session]:
    yield from _session(request.param)


def test_runtimes_without_a_complete_view_of_deferred_work_wait_for_the_limit(other_runtime):
    """Their async_hooks do not report timers and immediates: a promise is waited for until the limit."""
    session = other_runtime
    result, took = _timed(lambda: session.await_(_never_settles(session), ms=300))
    assert result == {"status": "pending"}
    assert took >= 0.3
