"""The Implementation contract's values and their JSON-lines wire form (docs/protocol.md).

Requests are ``{"id", "op", "args"}``, responses ``{"id", "ok": true, "value"}`` or
``{"id", "ok": false, "error": {"name", "code", "message"}}``. JSON lacks some JavaScript values; they
travel as objects with a ``"$"`` key naming their kind. On the Python side each kind is a small class
below, so steps compare implementation-neutral values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

# The JavaScript values Python lacks: the same classes as the reference's (docs/architecture.md).
from nodespec.values import NULL, UNDEFINED, BigInt, Symbol

PROTOCOL_VERSION = 1

# Property names no executor reads, writes or calls: they reach code evaluation, the prototype chain
# or the process's native side. The JavaScript driver (drivers/core.mjs, BLOCKED) and the interpreter
# refuse the same list (tests/test_protocol.py compares them); the interpreter also refuses Python's
# dunder names (``__class__``, ``__globals__``…), its own way to reach code. docs/protocol.md lists them.
REFUSED_PROPERTIES = frozenset({
    "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
    "__lookupSetter__", "dlopen", "binding", "_linkedBinding", "mainModule", "execve", "reallyExit",
})
# Refused on the process object only (process.abort() would end the driver; AbortController's abort is API).
REFUSED_ON_PROCESS = frozenset({"abort"})
# node:events' EventTarget and AbortSignal as runtime globals (the `global` operation); a library lacks them.
WEB_GLOBALS = ("EventTarget", "Event", "AbortController", "AbortSignal")


@dataclass(frozen=True)
class Bytes:
    """Bytes as an argument (a fresh Buffer, Uint8Array or ArrayBuffer), by hex."""

    hex: str
    type: str = "Buffer"

    def __bytes__(self) -> bytes:
        return bytes.fromhex(self.hex)


@dataclass(frozen=True)
class Handle:
    """A live object inside the implementation. Byte containers carry a snapshot of their bytes."""

    id: int
    type: str
    hex: str | None = field(default=None, compare=False)

    def __bytes__(self) -> bytes:
        if self.hex is None:
            raise TypeError(f"handle {self.id} ({self.type}) holds no bytes")
        return bytes.fromhex(self.hex)

    def __repr__(self) -> str:
        if self.hex is not None:
            return f"<{self.type} {' '.join(self.hex[i:i + 2] for i in range(0, min(len(self.hex), 100), 2))}{' …' if len(self.hex) > 100 else ''}>"
        return f"[{self.type} #{self.id}]"


@dataclass(frozen=True)
class JSError:
    """An error value or a thrown exception: compared by ``name`` and ``code``, not by message."""

    name: str
    message: str = field(default="", compare=False)
    code: str | None = None
    id: int | None = field(default=None, compare=False)  # a handle to the error object itself

    def matches(self, code: str | None = None, name: str | None = None) -> bool:
        return (code is None or self.code == code) and (name is None or self.name == name)

    def __str__(self) -> str:
        return f"{self.name} [{self.code}]: {self.message}" if self.code else f"{self.name}: {self.message}"

    def __repr__(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Listener:
    """A recorder function named by the scenario (as an argument: created on first use)."""

    name: str
    actions: tuple[dict[str, Any], ...] = field(default=(), compare=False)
    arrow: bool = field(default=False, compare=False)
    async_: bool = field(default=False, compare=False)  # an async function: returns a promise

    def __repr__(self) -> str:  # the scenario's name for it, as in the features' trace rows
        return self.name


@dataclass(frozen=True)
class Wrapper:
    """A function that wraps a recorder (a once wrapper), seen in a result."""

    name: str

    def __repr__(self) -> str:
        return f"wrapper({self.name})"


@dataclass(frozen=True, eq=False)
class Function:
    """Any other function seen in a result; ``id`` makes it usable as a target.

    Two functions seen in one scenario are equal when they are the same function (the same handle),
    so "on is the same function as addListener" can fail; without handles, names are compared."""

    name: str
    id: int | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Function):
            return NotImplemented
        if self.id is not None and other.id is not None:
            return self.id == other.id
        return self.name == other.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        return f"[Function: {self.name}]" if self.name else "[Function (anonymous)]"


class ThisValue:
    """In a recorder's actions: the ``this`` the listener was called with."""


class ArgValue:
    def __init__(self, index: int) -> None:
        self.index = index


THIS = ThisValue()


def listener(name: str, actions: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (), arrow: bool = False,
             async_: bool = False) -> Listener:
    return Listener(name, tuple(actions), arrow, async_)


# -- encoding -----------------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """A contract-side value → its JSON form. ``None`` is refused: on this side JavaScript's null is
    :data:`NULL` and undefined :data:`UNDEFINED`, so a Python "nothing" never passes for either."""
    if value is UNDEFINED:
        return {"$": "undefined"}
    if value is NULL:
        return None
    if value is None:
        raise TypeError("None is no JavaScript value here: NULL is null, UNDEFINED is undefined")
    if isinstance(value, BigInt):
        return {"$": "bigint", "value": str(int(value))}
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {"$": "number", "value": "NaN"}
        if math.isinf(value):
            return {"$": "number", "value": "Infinity" if value > 0 else "-Infinity"}
        if value == 0 and math.copysign(1, value) < 0:
            return {"$": "number", "value": "-0"}
        return value
    if isinstance(value, Handle):
        return {"$": "handle", "id": value.id, "type": value.type}
    if isinstance(value, Bytes):
        return {"$": "bytes", "hex": value.hex, "type": value.type}
    if isinstance(value, (bytes, bytearray)):
        return {"$": "bytes", "hex": bytes(value).hex(), "type": "Buffer"}
    if isinstance(value, Symbol):
        return {"$": "symbol", "description": value.description}
    if isinstance(value, JSError):
        if value.id is not None:
            return {"$": "error", "id": value.id}
        return {"$": "error", "name": value.name, "message": value.message, "code": value.code}
    if isinstance(value, Function):
        if value.id is None:
            raise TypeError(f"function {value.name!r} has no handle")
        return {"$": "function", "name": value.name, "id": value.id}
    if isinstance(value, Listener):
        wire = {"$": "listener", "name": value.name, "arrow": value.arrow, "actions": list(value.actions)}
        return {**wire, "async": True} if value.async_ else wire
    if isinstance(value, ThisValue):
        return {"$": "this"}
    if isinstance(value, ArgValue):
        return {"$": "arg", "index": value.index}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        members = {str(k): encode(v) for k, v in value.items()}
        return {"$": "object", "value": members} if "$" in members else members
    raise TypeError(f"no wire form for {type(value).__name__}: {value!r}")


_NUMBERS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}


def decode(value: Any) -> Any:
    """A JSON form → the contract-side value (JSON ``null`` is :data:`NULL`)."""
    if value is None:
        return NULL
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$")
    if kind is None:
        return {k: decode(v) for k, v in value.items()}
    if kind == "undefined":
        return UNDEFINED
    if kind == "object":  # a plain object that has a "$" member of its own
        return {k: decode(v) for k, v in value["value"].items()}
    if kind == "number":
        return _NUMBERS[value["value"]]
    if kind == "handle":
        return Handle(value["id"], value["type"], value.get("hex"))
    if kind == "bytes":
        return Bytes(value["hex"], value.get("type", "Buffer"))
    if kind == "symbol":
        return Symbol.named(value["description"])
    if kind == "bigint":
        return BigInt(int(value["value"]))
    if kind == "error":
        return JSError(value.get("name", "Error"), value.get("message", ""), value.get("code"), value.get("id"))
    if kind == "listener":
        return Listener(value["name"], tuple(value.get("actions", ())), value.get("arrow", False), value.get("async", False))
    if kind == "wrapper":
        return Wrapper(value["name"])
    if kind == "function":
        return Function(value.get("name", ""), value.get("id"))
    if kind == "this":
        return THIS
    if kind == "arg":
        return ArgValue(value["index"])
    raise ValueError(f"unknown wire kind {kind!r}")


# ensure_ascii keeps lone surrogates as \\udXXX escapes, which JSON.parse reads back as they were. One
# encoder for every message: json.dumps makes a new one for each call given options (4 of its 10 µs).
_MESSAGES = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def dumps(message: dict[str, Any]) -> str:
    return _MESSAGES.encode(message)


# -- operations (requests are built here so steps and tests never spell raw dicts) ----------------


def op(name: str, **args: Any) -> dict[str, Any]:
    return {"op": name, **{k: encode(v) for k, v in args.items()}}


def call(target: Any, method: str | None, *args: Any) -> dict[str, Any]:
    """``target[method](...args)``, or ``target(...args)`` when ``method`` is None."""
    return {"op": "call", "target": encode(target), "method": method, "args": encode(list(args))}


def new(target: Any, *args: Any) -> dict[str, Any]:
    return op("new", target=target, args=list(args))


def get(target: Any, property: str | int) -> dict[str, Any]:
    return op("get", target=target, property=property)


def set_(target: Any, property: str | int, value: Any) -> dict[str, Any]:
    return op("set", target=target, property=property, value=value)


def log(value: Any) -> dict[str, Any]:
    return op("log", value=value)


def throw(error: JSError) -> dict[str, Any]:
    return op("throw", error=error)


DEFERRALS = ("nextTick", "queueMicrotask", "promise", "setImmediate", "setTimeout")


def defer(kind: str, *ops: dict[str, Any], ms: int = 0) -> dict[str, Any]:
    if kind not in DEFERRALS:
        raise ValueError(f"unknown deferral {kind!r}; one of {DEFERRALS}")
    request: dict[str, Any] = {"op": kind, "ops": list(ops)}
    if kind == "setTimeout":
        request["ms"] = ms
    return request


# -- errors on the Python side ----------------------------------------------------------------


class ImplementationFailure(Exception):
    """The implementation itself failed (not a JavaScript exception): crash, hang, protocol error."""

    status = "crash"


class DriverCrashed(ImplementationFailure):
    status = "crash"


class DriverTimeout(ImplementationFailure):
    status = "timeout"


class ProtocolError(ImplementationFailure):
    status = "crash"


class NotCovered(ImplementationFailure):
    """The implementation lacks a capability its adapter declares in ``Implementation.lacks``
    (pyDes has no AES): the scenario that reached it is not applicable, not a failure."""

    status = "not-applicable"

    def __init__(self, capability: str, detail: str = "") -> None:
        super().__init__(f"not covered: {capability}" + (f" ({detail})" if detail else ""))
        self.capability = capability


class OperationError(Exception):
    """An operation threw inside the implementation: ``error`` is the thrown value."""

    def __init__(self, error: JSError | Any, op: str = "") -> None:
        super().__init__(f"{op}: {error}" if op else str(error))
        self.error = error
