"""Unit tests of nodespec.reference.events: each mirrors a behaviour probed on Node.js 20."""

from __future__ import annotations

import asyncio
import sys
import warnings

import pytest

from nodespec.reference import events, loop
from nodespec.reference.errors import NodeError
from nodespec.reference.events import EventEmitter, Symbol, with_this


@pytest.fixture(autouse=True)
def _restore_defaults():
    before = EventEmitter.default_max_listeners
    yield
    EventEmitter.default_max_listeners = before
    EventEmitter.capture_rejections = False


def recorder(log, name):
    def listener(*args):
        log.append((name, args))

    listener.__name__ = name
    return listener


def test_emit_calls_in_order_and_returns_whether_any():
    e, log = EventEmitter(), []
    assert e.emit("x") is False
    e.on("x", recorder(log, "A")).on("x", recorder(log, "B"))
    assert e.emit("x", 1, 2) is True
    assert log == [("A", (1, 2)), ("B", (1, 2))]


def test_same_function_twice_is_called_twice():
    e, log = EventEmitter(), []
    f = recorder(log, "A")
    e.on("x", f).on("x", f)
    e.emit("x")
    assert log == [("A", ()), ("A", ())]
    assert e.listener_count("x") == 2


def test_with_this_receives_the_emitter():
    e, seen = EventEmitter(), []
    e.on("x", with_this(lambda this, a: seen.append((this is e, a))))
    e.once("x", with_this(lambda this, a: seen.append((this is e, a))))
    e.on("x", lambda a: seen.append(("arrow", a)))
    e.emit("x", 1)
    assert seen == [(True, 1), (True, 1), ("arrow", 1)]


def test_with_this_listener_is_reported_as_itself():
    e = EventEmitter()
    f = with_this(lambda this: None)
    e.on("x", f)
    assert e.listeners("x") == [f] and e.raw_listeners("x") == [f]
    e.off("x", f)
    assert e.listener_count("x") == 0


def test_snapshot_add_during_emit():
    e, log = EventEmitter(), []
    new = recorder(log, "new")
    e.on("x", lambda: (log.append("A"), e.on("x", new)))
    e.emit("x")
    log.append("|")
    e.emit("x")
    assert log == ["A", "|", "A", ("new", ())]


def test_snapshot_remove_during_emit():
    e, log = EventEmitter(), []
    b = recorder(log, "B")
    e.on("x", lambda: (log.append("A"), e.remove_listener("x", b)))
    e.on("x", b)
    e.emit("x")
    log.append("|")
    e.emit("x")
    assert log == ["A", ("B", ()), "|", "A"]


def test_remove_listener_removes_last_instance():
    e = EventEmitter()
    f, g = (lambda: None), (lambda: None)
    e.on("x", f).on("x", g).on("x", f)
    e.remove_listener("x", f)
    assert e.listeners("x") == [f, g]


def test_once_wrapper_and_recursion():
    e, calls = EventEmitter(), []

    def f():
        calls.append(1)
        e.emit("x")

    e.once("x", f)
    raw = e.raw_listeners("x")[0]
    assert raw is not f and raw.listener is f and e.listeners("x") == [f]
    e.emit("x")
    assert calls == [1] and e.listener_count("x") == 0


def test_remove_once_by_original():
    e = EventEmitter()
    f = lambda: None  # noqa: E731
    e.once("x", f)
    e.remove_listener("x", f)
    assert e.event_names() == []


def test_prepend_order():
    e, log = EventEmitter(), []
    e.on("x", recorder(log, "on1"))
    e.prepend_listener("x", recorder(log, "prep"))
    e.prepend_once_listener("x", recorder(log, "prepOnce"))
    e.once("x", recorder(log, "onceEnd"))
    e.emit("x")
    e.emit("x")
    assert [n for n, _ in log] == ["prepOnce", "prep", "on1", "onceEnd", "prep", "on1"]


def test_new_listener_before_adding():
    e, log = EventEmitter(), []
    b = recorder(log, "B")

    def on_new(name, listener):
        log.append(("count", e.listener_count(name)))
        if name == "x" and not log[1:]:
            e.on("x", b)

    e.on("newListener", on_new)
    a = recorder(log, "A")
    e.on("x", a)
    assert e.listeners("x")[0] is b


def test_remove_listener_event_quirk_once_among_several():
    e, seen = EventEmitter(), []
    f = lambda: None  # noqa: E731
    e.on("removeListener", lambda name, fn: seen.append(fn))
    e.once("x", f)
    e.emit("x")  # single storage: the original
    e.once("x", f)
    e.on("x", lambda: None)
    e.emit("x")  # array storage: the wrapper
    assert seen[0] is f
    assert seen[1] is not f and seen[1].listener is f


def test_remove_all_listeners_lifo_and_order():
    e, seen = EventEmitter(), []
    a, b = (lambda: None), (lambda: None)
    e.on("x", a).on("x", b).on("y", a)
    e.on("removeListener", lambda name, fn: seen.append((name, "a" if fn is a else "b" if fn is b else "?")))
    e.remove_all_listeners()
    assert seen == [("x", "b"), ("x", "a"), ("y", "a")]
    assert e.event_names() == []


def test_remove_all_listeners_undefined_is_a_name():
    e = EventEmitter()
    e.on("x", print).on(None, print)
    e.remove_all_listeners(None)
    assert e.event_names() == ["x"]


def test_error_without_listener_raises_itself():
    e = EventEmitter()
    err = TypeError("boom")
    with pytest.raises(TypeError) as info:
        e.emit("error", err)
    assert info.value is err


@pytest.mark.parametrize(
    "value,text",
    [("str", "'str'"), (42, "42"), (None, "undefined"), ({"message": "m"}, "{ message: 'm' }"), ([1, 2], "[ 1, 2 ]")],
)
def test_error_non_exception(value, text):
    e = EventEmitter()
    with pytest.raises(NodeError) as info:
        e.emit("error", value)
    assert info.value.code == "ERR_UNHANDLED_ERROR"
    assert info.value.message == f"Unhandled error. ({text})"
    assert info.value.context == value


def test_error_monitor_observes_without_handling():
    e, seen = EventEmitter(), []
    e.on(events.error_monitor, lambda err: seen.append(err))
    with pytest.raises(ValueError):
        e.emit("error", ValueError("x"))
    assert len(seen) == 1
    e.on("error", lambda err: seen.append("handled"))
    assert e.emit("error", ValueError("y")) is True
    assert seen[1:] == [seen[1], "handled"]


def test_throwing_listener_stops_emit():
    e, log = EventEmitter(), []

    def boom():
        raise RuntimeError("boom")

    e.on("x", boom).on("x", recorder(log, "after"))
    with pytest.raises(RuntimeError):
        e.emit("x")
    assert log == []


@pytest.mark.parametrize("bad", ["notfn", 1, None, {}])
def test_invalid_listener(bad):
    e = EventEmitter()
    for method in (e.on, e.once, e.prepend_listener, e.prepend_once_listener, e.remove_listener):
        with pytest.raises(NodeError) as info:
            method("x", bad)
        assert info.value.code == "ERR_INVALID_ARG_TYPE"


def test_leak_warning_once_per_list(monkeypatch):
    # Without the reference's process in use, the warning goes to Python's warnings.
    monkeypatch.delitem(sys.modules, "nodespec.reference.process", raising=False)
    e = EventEmitter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(12):
            e.on("foo", lambda: None)
    leak = [w for w in caught if issubclass(w.category, events.MaxListenersExceededWarning)]
    assert len(leak) == 1
    assert str(leak[0].message) == (
        "Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. "
        "MaxListeners is 10. Use emitter.setMaxListeners() to increase limit"
    )
    assert leak[0].message.count == 11 and leak[0].message.type == "foo"


def test_leak_warning_names_subclass_and_symbol(monkeypatch):
    # Without the reference's process in use, the warning goes to Python's warnings.
    monkeypatch.delitem(sys.modules, "nodespec.reference.process", raising=False)
    class MyEmitter(EventEmitter):
        pass

    e = MyEmitter().set_max_listeners(1)
    s = Symbol("sym")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        e.on(s, print).on(s, print)
    assert "2 Symbol(sym) listeners added to [MyEmitter]. MaxListeners is 1." in str(caught[0].message)


def test_zero_is_unlimited_and_negative_is_out_of_range():
    e = EventEmitter().set_max_listeners(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(20):
            e.on("x", print)
    with pytest.raises(NodeError) as info:
        e.set_max_listeners(-1)
    assert info.value.code == "ERR_OUT_OF_RANGE"
    assert str(info.value.message).endswith("It must be >= 0. Received -1")
    with pytest.raises(NodeError) as info:
        e.set_max_listeners("5")
    assert info.value.code == "ERR_INVALID_ARG_TYPE"
    with pytest.raises(NodeError):
        EventEmitter.default_max_listeners = -1


def test_default_max_listeners_applies_to_existing_emitters():
    e = EventEmitter()
    assert e.get_max_listeners() == 10
    EventEmitter.default_max_listeners = 3
    assert e.get_max_listeners() == 3
    assert EventEmitter.get_max_listeners(e) == 3


def test_event_names_reflect_own_keys_order():
    e = EventEmitter()
    s1, s2 = Symbol("s1"), Symbol("s2")
    for name in ["b", s1, "a", "10", "2", s2]:
        e.on(name, print)
    assert e.event_names() == ["2", "10", "b", "a", s1, s2]
    e.remove_all_listeners("b")
    e.on("b", print)
    assert e.event_names() == ["2", "10", "a", "b", s1, s2]


def test_numbers_become_strings():
    e, log = EventEmitter(), []
    e.on(123, recorder(log, "A"))
    assert e.event_names() == ["123"]
    assert e.emit("123") and e.emit(123)


def test_listeners_returns_a_copy():
    e = EventEmitter()
    e.on("x", print)
    e.listeners("x").append(len)
    assert e.listener_count("x") == 1


def test_listener_count_with_listener():
    e = EventEmitter()
    f = lambda: None  # noqa: E731
    e.once("x", f).on("x", f).on("x", print)
    assert e.listener_count("x", f) == 2
    assert EventEmitter.listener_count(e, "x") == 3


def test_subclass_without_super_init_works():
    class Lazy(EventEmitter):
        def __init__(self):
            pass

    e, log = Lazy(), []
    assert e.emit("x") is False
    e.on("x", recorder(log, "A"))
    assert e.emit("x") and log == [("A", ())]


def test_events_once_resolves_with_args_and_cleans_up():
    e = EventEmitter()
    p = EventEmitter.once(e, "ready")
    assert e.listener_count("ready") == 1 and e.listener_count("error") == 1
    e.emit("ready", 1, 2)
    assert p.state == "fulfilled" and p.value == [1, 2]
    assert e.event_names() == []


def test_events_once_rejects_on_error():
    e = EventEmitter()
    p = events.once(e, "ready")
    err = ValueError("bad")
    e.emit("error", err)
    assert p.state == "rejected" and p.value is err
    assert e.event_names() == []


def test_events_once_is_awaitable_in_asyncio():
    async def main():
        e = EventEmitter()
        asyncio.get_running_loop().call_soon(e.emit, "go", "a")
        return await events.once(e, "go")

    assert asyncio.run(main()) == ["a"]


def test_capture_rejections_routes_to_error():
    e, seen = EventEmitter(capture_rejections=True), []

    async def listener():
        raise ValueError("rejected")

    e.on("x", listener)
    e.on("error", lambda err: seen.append(str(err)))
    assert e.emit("x") is True
    assert seen == []
    loop.default_loop.run()
    assert seen == ["rejected"]


def test_capture_rejections_validates_boolean():
    with pytest.raises(NodeError) as info:
        EventEmitter(capture_rejections="yes")
    assert info.value.code == "ERR_INVALID_ARG_TYPE"


def test_coalescer_one_load_same_result_no_leftovers():
    c, results, pending = events.Coalescer(), [], []

    def load(key, done):
        pending.append(done)

    for i in range(20):
        c.request("hot", load, lambda err, res, i=i: results.append((i, err, res)))
    assert c.loads == 1 and c.waiting("hot") == 20
    pending[0](None, "data")
    assert results == [(i, None, "data") for i in range(20)]
    assert c.pending() == []
    c.request("hot", load, lambda err, res: None)
    assert c.loads == 2


def test_coalescer_error_reaches_every_caller_even_if_one_raises():
    c, seen = events.Coalescer(), []
    err = OSError("ENOENT")

    def load(key, done):
        done(err, None)  # synchronous failure

    def bad(e, r):
        seen.append("bad")
        raise RuntimeError("callback")

    c2_done = []
    c.request("k", lambda k, d: c2_done.append(d), bad)
    c.request("k", load, lambda e, r: seen.append(e))
    with pytest.raises(RuntimeError):
        c2_done[0](err, None)
    assert seen == ["bad", err]


def test_current_this_is_the_emitting_emitter():
    outer, inner, seen = EventEmitter(), EventEmitter(), []
    inner.on("y", lambda: seen.append(events.current_this()))
    outer.on("x", lambda: (seen.append(events.current_this()), inner.emit("y"), seen.append(events.current_this())))
    outer.once("x", lambda: seen.append(events.current_this()))
    outer.emit("x")
    assert seen == [outer, inner, outer, outer]
    assert events.current_this() is None


@pytest.mark.usefixtures("node20")  # Node 20's behaviour; later lines: the line-conditioned scenarios
def test_remove_all_listeners_reads_past_a_shrunken_list_like_node():
    """Node's LIFO loop walks the live array; a once 'removeListener' listener shrinks it, and Node then
    calls removeListener(type, undefined): ERR_INVALID_ARG_TYPE (found by the differential machine)."""
    e, seen = EventEmitter(), []

    def t(name, fn):
        seen.append(fn)

    e.on("removeListener", t).on("removeListener", t).prepend_once_listener("removeListener", t)
    with pytest.raises(NodeError) as info:
        e.remove_all_listeners()
    assert info.value.code == "ERR_INVALID_ARG_TYPE"
    assert len(seen) == 3 and e.listener_count("removeListener") == 1


def test_coalescer_get_is_awaitable():
    c, pending = events.Coalescer(), []
    p1 = c.get("k", lambda key, done: pending.append(done))
    p2 = c.get("k", lambda key, done: pending.append(done))
    assert len(pending) == 1
    pending[0](None, 42)
    assert (p1.state, p1.value, p2.value) == ("fulfilled", 42, 42)


def test_async_listener_runs_until_its_first_await():
    e, seen = EventEmitter(), []

    async def listener(x):
        seen.append(("start", x))
        await events.Promise.resolve(None)
        seen.append(("after await", x))

    e.on("x", listener)
    e.emit("x", 1)
    assert seen == [("start", 1)]
    loop.default_loop.run()
    assert seen == [("start", 1), ("after await", 1)]


def test_events_on_async_iterator():
    async def main():
        e = EventEmitter()
        it = events.on(e, "tick")
        e.emit("tick", 1)
        e.emit("tick", 2)
        got = [await it.__anext__(), await it.__anext__()]
        await it.close()
        return got, e.event_names()

    assert asyncio.run(main()) == ([[1], [2]], [])


def test_bound_methods_are_removed_by_an_equal_bound_method():
    class Counter:
        def __init__(self):
            self.n = 0

        def hit(self, *args):
            self.n += 1

    c, e = Counter(), EventEmitter()
    e.on("x", c.hit)
    assert e.listener_count("x", c.hit) == 1
    e.off("x", c.hit)
    assert e.emit("x") is False and c.n == 0
