"""tiny_events: a small Python port of Node's EventEmitter, the worked example of docs/adapters.md.

Node's names in snake_case (``addListener`` → ``add_listener``); undefined is ``None``; Node's
errors are exceptions with ``name`` and ``code``; the leak warning is Python's ``warnings.warn``.
"""

from __future__ import annotations

import warnings
from typing import Any

# What this port declines: representation choices, not behaviour (see docs/adapters.md).
NODESPEC = {
    "declines": {
        "this": "Python listeners are called with the arguments only; a bound method carries its own self",
        "internals": "listeners live in a dict of lists, not Node's private _events/_eventsCount",
    },
}


class NodeError(Exception):
    name = "Error"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class NodeTypeError(NodeError, TypeError):
    name = "TypeError"


class NodeRangeError(NodeError, ValueError):
    name = "RangeError"


class MaxListenersExceededWarning(RuntimeWarning):
    name = "MaxListenersExceededWarning"


def _check_listener(listener: Any) -> None:
    if not callable(listener):
        kind = "undefined" if listener is None else f"type {type(listener).__name__}"
        raise NodeTypeError("ERR_INVALID_ARG_TYPE",
                            f'The "listener" argument must be of type function. Received {kind}')


class _Once:
    """The wrapper of a once listener: removes itself, then calls the listener."""

    def __init__(self, emitter: EventEmitter, name: Any, listener: Any) -> None:
        self.emitter, self.name, self.listener, self.fired = emitter, name, listener, False

    def __call__(self, *args: Any) -> Any:
        if not self.fired:
            self.fired = True
            self.emitter.remove_listener(self.name, self)
            return self.listener(*args)
        return None


class EventEmitter:
    default_max_listeners = 10

    def __init__(self) -> None:
        self._listeners: dict[Any, list[Any]] = {}
        self._max: float | None = None
        self._warned: set[Any] = set()

    # -- adding ------------------------------------------------------------------------------------
    def _add(self, name: Any, listener: Any, prepend: bool) -> EventEmitter:
        _check_listener(listener)
        if "newListener" in self._listeners:
            self.emit("newListener", name, getattr(listener, "listener", listener))
        bucket = self._listeners.setdefault(name, [])
        bucket.insert(0, listener) if prepend else bucket.append(listener)
        limit = self.get_max_listeners()
        if 0 < limit < len(bucket) and name not in self._warned:
            self._warned.add(name)
            warnings.warn(MaxListenersExceededWarning(
                f"Possible EventEmitter memory leak detected. {len(bucket)} {name} listeners added to "
                f"[EventEmitter]. MaxListeners is {limit}. Use emitter.setMaxListeners() to increase limit"),
                stacklevel=3)
        return self

    def on(self, name: Any, listener: Any) -> EventEmitter:
        return self._add(name, listener, prepend=False)

    add_listener = on

    def prepend_listener(self, name: Any, listener: Any) -> EventEmitter:
        return self._add(name, listener, prepend=True)

    def once(self, name: Any, listener: Any) -> EventEmitter:
        _check_listener(listener)
        return self._add(name, _Once(self, name, listener), prepend=False)

    def prepend_once_listener(self, name: Any, listener: Any) -> EventEmitter:
        _check_listener(listener)
        return self._add(name, _Once(self, name, listener), prepend=True)

    # -- removing ----------------------------------------------------------------------------------
    def remove_listener(self, name: Any, listener: Any) -> EventEmitter:
        _check_listener(listener)
        bucket = self._listeners.get(name, [])
        for i in range(len(bucket) - 1, -1, -1):
            if bucket[i] is listener or getattr(bucket[i], "listener", None) is listener:
                removed = bucket.pop(i)
                if not bucket:
                    del self._listeners[name]
                if "removeListener" in self._listeners:
                    self.emit("removeListener", name, getattr(removed, "listener", removed))
                break
        return self

    off = remove_listener

    def remove_all_listeners(self, *name: Any) -> EventEmitter:
        names = list(name) if name else [n for n in self._listeners if n != "removeListener"] + ["removeListener"]
        for each in names:
            for listener in reversed(list(self._listeners.get(each, []))):
                self.remove_listener(each, listener)
        return self

    # -- emitting ----------------------------------------------------------------------------------
    def emit(self, name: Any, *args: Any) -> bool:
        bucket = list(self._listeners.get(name, []))
        if name == "error" and not bucket:
            error = args[0] if args else None
            if isinstance(error, BaseException):
                raise error
            raise NodeError("ERR_UNHANDLED_ERROR", f"Unhandled error. ({error!r})")
        for listener in bucket:
            listener(*args)
        return bool(bucket)

    # -- introspection -----------------------------------------------------------------------------
    def listeners(self, name: Any) -> list[Any]:
        return [getattr(f, "listener", f) for f in self._listeners.get(name, [])]

    def raw_listeners(self, name: Any) -> list[Any]:
        return list(self._listeners.get(name, []))

    def listener_count(self, name: Any) -> int:
        return len(self._listeners.get(name, []))

    def event_names(self) -> list[Any]:
        return list(self._listeners)

    def set_max_listeners(self, n: float) -> EventEmitter:
        if not isinstance(n, (int, float)) or isinstance(n, bool) or n < 0 or n != n:
            raise NodeRangeError("ERR_OUT_OF_RANGE", f'The value of "n" is out of range. Received {n!r}')
        self._max = n
        return self

    def get_max_listeners(self) -> float:
        return self.default_max_listeners if self._max is None else self._max
