"""emit's hot path in C (``_events.c``: EventEmitter.emit's common case, and the `this` its listeners see)
against events.py's own emit, call for call: the same results, the same listener calls, the same errors."""

from __future__ import annotations

import asyncio
import inspect
import threading
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nodespec.reference import event_target, events
from nodespec.reference.events import EventEmitter
from nodespec.reference.types import Symbol


@pytest.fixture(autouse=True)
def _c_built() -> None:
    pytest.importorskip("nodespec.reference._events", reason="the C emit was not built here (no C compiler or no Python headers): events.py's path runs")


_PYTHON_EMIT = EventEmitter.emit.__wrapped__  # type: ignore[attr-defined]


def _python_emit(emitter: Any, *args: Any, **kwargs: Any) -> Any:
    """events.py's emit itself, with `this` kept as the C emit keeps it for the Python path (the frame
    walk, where the C was not built, has its own test: the specification without the C, below)."""
    from nodespec.reference._events import call_with_this

    return call_with_this(emitter, lambda a: _PYTHON_EMIT(emitter, *a, **kwargs), args)


class _Name(str):
    """A name of a str subclass: Python's path."""


_SYMBOL = Symbol("s")
# "x" most of the time, so that listeners meet emits; one argument most of the time (the C's case)
_NAMES = st.sampled_from(["x"] * 8 + ["y", "error", _SYMBOL, 1, "1", ["x"], _Name("x"), events.error_monitor])
_VALUES = st.sampled_from([1, "a", None, ValueError("boom"), (1, 2)])
_ARGUMENTS = st.one_of(st.lists(_VALUES, min_size=1, max_size=1), st.lists(_VALUES, max_size=2))
_LISTENERS = st.sampled_from(["none", "value", "raise", "emit-y", "remove-self", "async", "with-this"])
_REGISTER = st.tuples(st.sampled_from(["on", "once", "prepend"]), _NAMES, _LISTENERS)
_EMIT = st.tuples(st.sampled_from(["emit", "emit", "emit", "emit-by-keyword"]), _NAMES, _ARGUMENTS)
_OPS = st.lists(st.one_of(
    _REGISTER, _REGISTER, _EMIT, _EMIT,
    st.tuples(st.just("remove_all"), _NAMES, st.none()),
    st.tuples(st.just("poke"), _NAMES, st.none()),  # None written into the table by a program
), max_size=12)


class _Recording(EventEmitter):
    """Records what each listener's result is handed to (``_add_catch``: the result, the name, the
    arguments), then handles it as EventEmitter does."""

    def __init__(self, seen: list[Any]) -> None:
        super().__init__({"captureRejections": True})
        self.seen = seen

    def _add_catch(self, result: Any, type_: Any, args: tuple[Any, ...]) -> None:
        self.seen.append(("catch", type(result).__name__, type_, args, events.current_this() is self))
        super()._add_catch(result, type_, args)


def _outcome(call: Any) -> Any:
    try:
        return ("value", call())
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return ("error", type(error).__name__, getattr(error, "code", None), str(error))


def _play(emit: Any, ops: list[tuple[str, Any, Any]]) -> list[Any]:
    seen: list[Any] = []
    emitter = _Recording(seen)
    depth = [0]

    def listener(kind: str, index: int) -> Any:
        if kind == "async":
            async def called_async(*args: Any) -> None:
                seen.append((kind, index, args, events.current_this() is emitter))  # up to its first await
                await asyncio.sleep(0)
            return called_async
        if kind == "with-this":
            return events.with_this(lambda this, *args: seen.append((kind, index, args, this is emitter)))

        def called(*args: Any) -> Any:
            seen.append((kind, index, args, events.current_this() is emitter))
            if kind == "value":
                return 5
            if kind == "raise":
                raise RuntimeError(f"listener {index}")
            if kind == "emit-y" and depth[0] < 3:  # nested, to a depth both paths reach
                depth[0] += 1
                seen.append(("nested", _outcome(lambda: emit(emitter, "y", index))))
                depth[0] -= 1
            if kind == "remove-self":
                emitter.remove_listener(name_of[index], called)
            return None

        return called

    name_of: dict[int, Any] = {}
    for index, (op, name, more) in enumerate(ops):
        if op in ("on", "once", "prepend"):
            name_of[index] = name
            method = {"on": emitter.on, "once": emitter.once, "prepend": emitter.prepend_listener}[op]
            seen.append(_outcome(lambda m=method, n=name, i=index, k=more: m(n, listener(k, i)) and None))
        elif op == "remove_all":
            seen.append(_outcome(lambda n=name: emitter.remove_all_listeners(n) and None))
        elif op == "poke":
            if isinstance(emitter._events, dict) and isinstance(name, str):
                emitter._events[name] = None
        elif op == "emit-by-keyword":
            seen.append(_outcome(lambda n=name, a=more: emit(emitter, n, **({"arg": a[0]} if a else {}))))
        else:
            seen.append(_outcome(lambda n=name, a=more: emit(emitter, n, *a)))
        seen.append(events.current_this())
    return seen


@given(ops=_OPS)
@settings(max_examples=400, deadline=None)
def test_the_c_emit_answers_every_call_as_events_py(ops: list[tuple[str, Any, Any]]) -> None:
    assert _play(EventEmitter.emit, ops) == _play(_python_emit, ops)


def test_emit_is_a_method_by_every_name() -> None:
    e = EventEmitter()
    seen: list[Any] = []
    e.on("x", seen.append)
    assert EventEmitter.emit(e, "x", 1) is True and e.emit.__self__ is e and e.emit("x", 2) is True
    assert seen == [1, 2]
    assert inspect.signature(EventEmitter.emit) == inspect.signature(_PYTHON_EMIT)
    assert EventEmitter.emit.__name__ == "emit" and EventEmitter.emit.__doc__ == _PYTHON_EMIT.__doc__

    class Loud(EventEmitter):
        def emit(self, type_: Any, *args: Any) -> bool:
            seen.append(("loud", type_))
            return super().emit(type_, *args)

    loud = Loud()
    loud.on("y", lambda a: seen.append((a, events.current_this() is loud)))
    assert loud.emit("y", 3) is True and seen[-2:] == [("loud", "y"), (3, True)]


def test_this_is_the_innermost_emitter_and_is_put_back_after_a_return_or_a_throw() -> None:
    outer, inner = EventEmitter(), EventEmitter()
    seen: list[Any] = []

    def on_inner(a: Any) -> None:
        seen.append(("inner", events.current_this() is inner))
        raise RuntimeError("from inner")

    def on_outer(a: Any) -> None:
        seen.append(("outer", events.current_this() is outer))
        with pytest.raises(RuntimeError):
            inner.emit("y", a)
        seen.append(("outer again", events.current_this() is outer))

    outer.on("x", on_outer)
    inner.on("y", on_inner)
    outer.emit("x", 1)
    assert seen == [("outer", True), ("inner", True), ("outer again", True)]
    assert events.current_this() is None


def test_this_in_every_path_emit_takes_and_in_a_dispatch() -> None:
    e = EventEmitter()
    seen: list[Any] = []
    record = lambda *a: seen.append((a, events.current_this() is e))  # noqa: E731
    e.on("two", record)
    e.on("two", record)  # two listeners: Python's path
    e.on("error", record)  # 'error': Python's path
    e.on("many", record)
    e.emit("two", 1)
    e.emit("error", ValueError("v"))
    e.emit("many", 1, 2)  # two arguments: Python's path
    e.emit("many")
    assert [this for _, this in seen] == [True] * 5

    target = event_target.EventTarget()
    target.add_event_listener("t", lambda event: seen.append(("t", events.current_this() is target)))
    target.dispatch_event(event_target.Event("t"))
    assert seen[-1] == ("t", True) and events.current_this() is None


def test_an_async_listener_runs_to_its_first_await_with_this() -> None:
    e = EventEmitter()
    seen: list[Any] = []

    async def listener(a: Any) -> None:
        seen.append(events.current_this() is e)
        await asyncio.sleep(0)

    e.on("x", listener)
    e.emit("x", 1)
    assert seen == [True]


def test_this_belongs_to_the_thread_that_emits() -> None:
    e = EventEmitter()
    seen: list[Any] = []

    def listener(a: Any) -> None:
        other = threading.Thread(target=lambda: seen.append(("other thread", events.current_this())))
        other.start()
        other.join()
        seen.append(("emitting thread", events.current_this() is e))

    e.on("x", listener)
    e.emit("x", 1)
    assert seen == [("other thread", None), ("emitting thread", True)]


def test_the_events_specification_passes_without_the_c_emit(without_c: Any) -> None:
    # events.py's emit alone, and current_this() walking the frames for emit's `self`
    statuses = without_c("_events", "events", "from nodespec.reference import events\n"
                         "assert events._this_now is None and type(events.EventEmitter.emit).__name__ == 'function'")
    assert statuses.count("pass") > 300 and "fail" not in statuses
