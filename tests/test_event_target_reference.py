"""The Python side of nodespec.reference.event_target that the contract cannot reach: disposing what
events.addAbortListener returns (Node's [Symbol.dispose]() is dispose() or a with block here), a Python
object's handle_event, and AbortSignal.timeout, whose timer does not keep a program alive (the harness's
settle stops at the last ref'd handle, so no scenario can wait for it)."""

from __future__ import annotations

import time

from nodespec.reference import event_target, events, loop
from nodespec.reference.event_target import AbortController, AbortSignal, Event, EventTarget


def test_disposing_an_abort_listener_removes_it() -> None:
    controller = AbortController()
    calls: list[object] = []
    disposable = events.add_abort_listener(controller.signal, calls.append)
    assert events.get_event_listeners(controller.signal, "abort") == [calls.append]
    disposable.dispose()
    assert events.get_event_listeners(controller.signal, "abort") == []
    controller.abort()
    assert calls == []


def test_a_with_block_disposes_the_abort_listener() -> None:
    controller = AbortController()
    calls: list[object] = []
    with events.add_abort_listener(controller.signal, calls.append):
        pass
    controller.abort()
    assert calls == []


def test_disposing_the_listener_of_an_aborted_signal_does_nothing() -> None:
    events.add_abort_listener(AbortSignal.abort(), lambda *_: None).dispose()


def test_a_python_object_with_handle_event_is_a_listener() -> None:
    seen: list[str] = []

    class Handler:
        def handle_event(self, event: Event) -> None:
            seen.append(event.type)

    target = EventTarget()
    target.add_event_listener("x", Handler())
    assert target.dispatch_event(Event("x")) is True
    assert seen == ["x"]


def test_abort_signal_timeout_aborts_with_a_timeout_error() -> None:
    signal = AbortSignal.timeout(1)
    assert signal.aborted is False
    assert loop.default_loop.run_until(lambda: signal.aborted, timeout=3)
    reason = signal.reason
    assert isinstance(reason, event_target.DOMException)
    assert (reason.name, reason.code, reason.message) == ("TimeoutError", 23, "The operation was aborted due to timeout")


def test_abort_signal_timeout_does_not_keep_the_loop_alive() -> None:
    signal = AbortSignal.timeout(10_000)
    started = time.monotonic()
    loop.default_loop.run(timeout=5)
    assert time.monotonic() - started < 1
    assert signal.aborted is False
