"""The reference's Python extras (docs/python.md): what Python users expect, beside Node's names,
which keep Node's semantics."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from nodespec.reference import child_process, cluster, events, loop
from nodespec.reference.errors import NodeError
from nodespec.reference.events import EventEmitter
from nodespec.reference.types import NULL


@pytest.fixture(autouse=True)
def fresh_loop() -> Any:
    loop.default_loop.__init__()  # type: ignore[misc]
    yield
    loop.default_loop.__init__()  # type: ignore[misc]


def test_the_decorator_registers_and_returns_the_function() -> None:
    e, seen = EventEmitter(), []

    @e.listener("data")
    def on_data(chunk: Any) -> None:
        seen.append(("data", chunk))

    @e.listener("data", prepend=True)
    def first(chunk: Any) -> None:
        seen.append(("first", chunk))

    @e.listener("data", once=True)
    def only_once(chunk: Any) -> None:
        seen.append(("once", chunk))

    assert callable(on_data) and on_data.__name__ == "on_data"
    e.emit("data", 1)
    e.emit("data", 2)
    assert seen == [("first", 1), ("data", 1), ("once", 1), ("first", 2), ("data", 2)]
    assert e.listeners("data") == [first, on_data]


@pytest.mark.parametrize("method", ["on", "add_listener", "once", "prepend_listener", "prepend_once_listener"])
def test_a_node_named_method_without_listener_throws_nodes_error(method: str) -> None:
    e = EventEmitter()
    with pytest.raises(NodeError) as caught:
        getattr(e, method)("x")
    assert caught.value.code == "ERR_INVALID_ARG_TYPE"
    assert isinstance(caught.value, TypeError)
    assert caught.value.message == 'The "listener" argument must be of type function. Received undefined'
    assert any("@emitter.listener" in note for note in caught.value.__notes__)
    assert e.listener_count("x") == 0


def test_the_decorator_validates_like_node() -> None:
    with pytest.raises(NodeError) as caught:
        EventEmitter().listener("x")(42)  # type: ignore[type-var]
    assert caught.value.code == "ERR_INVALID_ARG_TYPE"
    assert "Received type number (42)" in str(caught.value)


def test_timers_and_immediates_are_cleared_on_leaving_a_with_block() -> None:
    out: list[str] = []
    with loop.set_timeout(out.append, 1, "timeout"), loop.set_immediate(out.append, "immediate"):
        pass
    kept = loop.set_timeout(out.append, 1, "kept")
    loop.default_loop.run(timeout=1)
    assert out == ["kept"] and kept.cancelled is False


def test_a_child_process_is_killed_on_leaving_a_with_block() -> None:
    with child_process.spawn(sys.executable, ["-c", "import time; time.sleep(30)"]) as child:
        pass
    assert child.killed
    closed = events.once(child, "exit")
    loop.default_loop.run(timeout=5)
    assert closed.result() == [NULL, "SIGTERM"]


def test_a_server_closes_on_leaving_a_with_block() -> None:
    closed: list[bool] = []
    with cluster.Server().listen(0) as server:
        server.on("close", lambda: closed.append(True))
        assert server.address() is not None
    loop.default_loop.run(timeout=1)
    assert closed == [True] and server.address() is NULL


def test_the_on_iterator_removes_its_listeners_on_leaving_a_with_block() -> None:
    e = EventEmitter()
    with events.on(e, "x") as iterator:
        assert e.listener_count("x") == 1 and e.listener_count("error") == 1
        e.emit("x", 1)
    assert e.listener_count("x") == 0 and e.listener_count("error") == 0
    assert iterator.finished
