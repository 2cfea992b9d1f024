"""The Implementation contract's operations, executed in process against Python objects.

The JavaScript driver (``drivers/driver.mjs``) and this interpreter are the two executors of the
contract. This one serves the reference and Python ports (pyee, pyDes…): an adapter names its module
objects and how Node's names map to its Python names; values cross as the same JSON forms as over a
pipe, so the steps see no difference between an in-process and a bridged implementation.

It is also where JavaScript's undefined is translated (docs/architecture.md, "JavaScript values"):
a Python API has no argument for an omitted one but ``None`` (a parameter's default), and a function
that returns nothing returns ``None``; so for the implementation ``None`` is undefined, as is
:data:`~nodespec.values.UNDEFINED`, and :data:`~nodespec.values.NULL` is null. On the wire undefined
is ``{"$": "undefined"}`` and null is JSON ``null``, which arrives here as ``NULL``.
"""

from __future__ import annotations

import importlib
import inspect
import keyword
import math
import re
from collections.abc import Callable
from typing import Any

from nodespec import protocol
from nodespec.values import NULL, UNDEFINED, BigInt, Symbol

SNAPSHOT_LIMIT = 16 * 1024 * 1024
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """Node's camelCase → Python's snake_case: ``addListener`` → ``add_listener``,
    ``readUInt32LE`` → ``read_u_int32_le`` is avoided by keeping ``UInt``/``BigInt`` whole."""
    name = name.replace("UInt", "Uint").replace("BigUint", "BigUint")
    snake = _CAMEL.sub("_", name).lower()
    return snake + "_" if keyword.iskeyword(snake) else snake


def default_names(name: str) -> list[str]:
    """Python names to try for a Node name: a class name (``Hash``, ``Buffer``) as it is first,
    since its snake form can name a function (``crypto.hash``); other names snake_case first."""
    snake = snake_case(name)
    return [name, snake] if name[:1].isupper() else [snake, name]


def js_name(python_name: str) -> str:
    """A Python function's ``__name__`` as the JavaScript name it maps from, the inverse of
    :func:`snake_case`: ``add_listener`` → ``addListener``, ``from_`` → ``from``, ``_once`` → ``once``."""
    words = python_name.strip("_").split("_")
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def load_object(path: str) -> Any:
    """``package.module`` or ``package.module:attribute``."""
    module_name, _, attribute = path.partition(":")
    obj = importlib.import_module(module_name)
    for part in filter(None, attribute.split(".")):
        obj = getattr(obj, part)
    return obj


class ErrorValue(Exception):
    """An Error object described by the contract (``new Error('m')`` in a step), for an implementation
    whose adapter names no error classes of its own: JavaScript's ``name``, ``message`` and ``code``."""

    def __init__(self, name: str, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.name, self.message, self.code = name, message, code

    def __str__(self) -> str:
        return f"{self.name} [{self.code}]: {self.message}" if self.code else f"{self.name}: {self.message}"


class Recorder:
    """A listener that records its calls in the trace and then runs its actions."""

    def __init__(self, interpreter: PythonInterpreter, name: str, actions: list[dict[str, Any]], arrow: bool,
                 is_async: bool = False) -> None:
        self.__name__ = name
        self._interpreter = interpreter
        self._actions = actions
        self._arrow = arrow
        self._async = is_async

    def __call__(self, *args: Any) -> Any:
        return self._record(None if self._arrow else self._interpreter.this_provider(), args)

    def bind(self, this: Any = None, *bound: Any) -> Callable[..., Any]:
        """``Function.prototype.bind``: a function that calls the recorder with ``this`` (an arrow
        recorder keeps its own) and the bound arguments first."""

        def bound_recorder(*args: Any) -> Any:
            return self._record(None if self._arrow else this, (*bound, *args))

        bound_recorder.__name__ = f"bound {self.__name__}"
        return bound_recorder

    def _record(self, this: Any, args: tuple[Any, ...]) -> Any:
        """Record the call with ``this``, then run the actions."""
        it = self._interpreter
        it.trace.append({"kind": "call", "listener": self.__name__, "args": [it.encode(a) for a in args], "this": it.encode(this)})
        if not self._async:
            return it.run_actions(self._actions, {"self": this, "args": args})
        # A JavaScript async function runs synchronously up to its first await; what it throws
        # rejects the promise it returns. A coroutine is Python's promise here.
        try:
            result, error = it.run_actions(self._actions, {"self": this, "args": args}), None
        except Exception as thrown:
            result, error = None, thrown

        async def settled() -> Any:
            if error is not None:
                raise error
            return result

        return settled()

    def __repr__(self) -> str:
        return f"<recorder {self.__name__}>"


class Encoded:
    """A result already in wire form (a batch's outcomes): encoded as it is."""

    def __init__(self, wire: Any) -> None:
        self.wire = wire


class OperationFailed(Exception):
    """Carries a thrown value out of a recorder's actions (``throw`` with a non-exception value)."""

    def __init__(self, value: Any) -> None:
        super().__init__(repr(value))
        self.value = value


class PythonInterpreter:
    """Executes contract operations against Python objects."""

    def __init__(
        self,
        modules: dict[str, str],
        globals: dict[str, str] | None = None,
        name_map: Callable[[str], list[str]] | None = None,
        this_provider: Callable[[], Any] | None = None,
        make_bytes: Callable[[bytes, str], Any] | None = None,
        loop: Any = None,
        process_object: Callable[[], Any] | None = None,
        make_error: Callable[[str, str, str | None], BaseException] | None = None,
    ) -> None:
        self.modules = modules
        self.globals = globals or {}
        self.name_map = name_map or default_names
        self.this_provider = this_provider or (lambda: None)
        self.make_bytes = make_bytes or (lambda data, kind: bytearray(data))
        self.loop = loop
        self.process_object = process_object
        # the implementation's Error objects (the reference's NodeError classes); else ErrorValue
        self.make_error = make_error or ErrorValue
        self.loaded: dict[str, Any] = {}
        self._warning_recorder = self._record_warning  # one bound method, so it can be removed
        self.reset()

    # -- state -------------------------------------------------------------------------------
    def reset(self) -> None:
        self.handles: dict[int, Any] = {}
        self.ids: dict[Any, int] = {}
        self.recorders: dict[str, Recorder] = {}
        self.symbols: dict[str, Symbol] = {}
        self.trace: list[dict[str, Any]] = []
        if self.loop is not None:
            self.loop.reset()  # nothing a previous scenario queued survives
            self.loop.uncaught_handler = lambda error: self.trace.append({"kind": "uncaught", "error": self.encode(error)})
        process = self.process_object() if self.process_object else None
        if process is not None and hasattr(process, "remove_listener"):
            # Only our own recorder is replaced: the process's default 'warning' printer stays.
            process.remove_listener("warning", self._warning_recorder)
            process.on("warning", self._warning_recorder)

    def _record_warning(self, warning: Any) -> None:
        self.trace.append({
            "kind": "warning",
            "name": getattr(warning, "name", type(warning).__name__),
            "code": getattr(warning, "code", None),
            "message": str(getattr(warning, "message", warning)),
        })

    def handle_of(self, obj: Any) -> int:
        # A bound method is made anew at each attribute access: the same function of the same object
        # is one handle, as `e.on === e.addListener` is one function in JavaScript.
        key: Any = ("method", id(obj.__self__), id(obj.__func__)) if inspect.ismethod(obj) else id(obj)
        if key not in self.ids:
            handle = len(self.handles) + 1
            self.ids[key] = handle
            self.handles[handle] = obj  # also keeps obj alive, so id(obj) stays unique
        return self.ids[key]

    # -- values ------------------------------------------------------------------------------
    def encode(self, value: Any) -> Any:
        if isinstance(value, Encoded):
            return value.wire
        if value is None or value is UNDEFINED:
            return {"$": "undefined"}
        if value is NULL:
            return None
        if isinstance(value, BigInt):
            return {"$": "bigint", "value": str(int(value))}
        if isinstance(value, (bool, str, int)):
            return value
        if isinstance(value, float):
            return protocol.encode(value)
        if isinstance(value, Symbol):
            self.symbols.setdefault(value.description, value)
            return {"$": "symbol", "description": value.description}
        if isinstance(value, (list, tuple)):
            return [self.encode(v) for v in value]
        if isinstance(value, dict):
            members = {str(k): self.encode(v) for k, v in value.items()}
            return {"$": "object", "value": members} if "$" in members else members
        if isinstance(value, BaseException):
            return {"$": "error", **self.error_of(value)}
        if isinstance(value, Recorder):
            return {"$": "listener", "name": value.__name__}
        if callable(value) and not _is_bytes_like(value):
            inner = getattr(value, "listener", None)
            if isinstance(inner, Recorder):
                return {"$": "wrapper", "name": inner.__name__}
            return {"$": "function", "name": getattr(value, "__name__", type(value).__name__), "id": self.handle_of(value)}
        result = {"$": "handle", "id": self.handle_of(value), "type": type(value).__name__}
        if _is_bytes_like(value):
            view = memoryview(value)
            if view.nbytes <= SNAPSHOT_LIMIT:  # as the driver: no snapshot of huge buffers
                result["hex"] = bytes(view).hex()
            else:
                result["length"] = view.nbytes
        return result

    def error_of(self, error: BaseException) -> dict[str, Any]:
        if isinstance(error, OperationFailed):
            return {"name": "NonError", "code": None, "message": repr(error.value), "value": self.encode(error.value)}
        name = getattr(error, "name", None)
        # a stray Python exception is never mistaken for a Node error (AttributeError, NameError and
        # ImportError have a .name of their own: the missing name, not a class)
        if not isinstance(name, str) or isinstance(error, (AttributeError, NameError, ImportError)):
            name = f"Python{type(error).__name__}"
        return {"name": name, "code": getattr(error, "code", None), "message": str(getattr(error, "message", error)),
                "id": self.handle_of(error)}

    def decode(self, value: Any, ctx: dict[str, Any] | None = None) -> Any:
        if isinstance(value, list):
            return [self.decode(v, ctx) for v in value]
        if value is None:
            return NULL  # JSON null is null; undefined arrives as None (the module's docstring)
        if not isinstance(value, dict):
            return value
        kind = value.get("$")
        if kind is None:
            return {k: self.decode(v, ctx) for k, v in value.items()}
        if kind == "undefined":
            return None
        if kind == "object":
            return {k: self.decode(v, ctx) for k, v in value["value"].items()}
        if kind == "number":
            return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf, "-0": -0.0}[value["value"]]
        if kind == "bigint":
            return BigInt(int(value["value"]))
        if kind == "symbol":
            return self.symbols.setdefault(value["description"], Symbol(value["description"]))
        if kind in ("handle", "function", "error") and value.get("id") is not None:
            if value["id"] not in self.handles:
                raise protocol.ProtocolError(f"no handle {value['id']}")
            return self.handles[value["id"]]
        if kind == "error":
            return self.make_error(value.get("name", "Error"), value.get("message", ""), value.get("code"))
        if kind == "bytes":
            return self.make_bytes(bytes.fromhex(value["hex"]), value.get("type", "Buffer"))
        if kind == "listener":
            name = value["name"]
            if name not in self.recorders:
                self.recorders[name] = Recorder(self, name, value.get("actions", []), value.get("arrow", False),
                                                value.get("async", False))
            return self.recorders[name]
        if kind == "this":
            return (ctx or {}).get("self")
        if kind == "arg":
            args = (ctx or {}).get("args", ())
            return args[value["index"]] if value["index"] < len(args) else None
        raise protocol.ProtocolError(f"cannot take a {kind} as an argument")

    # -- names -------------------------------------------------------------------------------
    def attribute(self, target: Any, name: str | int) -> Any:
        if isinstance(name, int):
            try:
                return target[name]
            except (IndexError, KeyError):
                return None
        self._refuse(name, target)
        for candidate in self.name_map(name):
            try:
                return getattr(target, candidate)
            except AttributeError:
                continue
        if name == "name" and callable(target) and isinstance(getattr(target, "__name__", None), str):
            return js_name(target.__name__)  # a function's name, as Node's names map to Python's
        return None

    def set_attribute(self, target: Any, name: str | int, value: Any) -> None:
        if isinstance(name, int):
            target[name] = value
            return
        self._refuse(name, target)
        candidates = self.name_map(name)
        existing = next((c for c in candidates if hasattr(target, c)), candidates[0])
        setattr(target, existing, value)

    def _refuse(self, name: str, target: Any) -> None:
        _refuse(name)
        if name in protocol.REFUSED_ON_PROCESS and self.process_object is not None and target is self.process_object():
            raise protocol.ProtocolError(f"property {name} is refused")

    # -- operations --------------------------------------------------------------------------
    def run_actions(self, actions: list[dict[str, Any]], ctx: dict[str, Any]) -> Any:
        result = None
        for action in actions:
            if action["op"] == "return":
                return self.decode(action.get("value"), ctx)
            result = self.execute(action, ctx)
        return result

    def execute(self, req: dict[str, Any], ctx: dict[str, Any] | None = None) -> Any:
        op = req["op"]

        def target() -> Any:
            return self.decode(req.get("target"), ctx)

        def args() -> list[Any]:
            return [self.decode(a, ctx) for a in req.get("args", [])]

        if op == "call":
            obj = target()
            method = req.get("method")
            fn = obj if method is None else self.attribute(obj, method)
            if not callable(fn):
                raise self.make_error("TypeError", f"{type(obj).__name__}.{method} is not a function", None)
            return fn(*args())
        if op == "new":
            cls = target()
            if not callable(cls):
                raise self.make_error("TypeError", f"{cls!r} is not a constructor", None)
            return cls(*args())
        if op == "get":
            return self.attribute(target(), req["property"])
        if op == "set":
            self.set_attribute(target(), req["property"], self.decode(req.get("value"), ctx))
            return None
        if op == "has":
            return self.attribute(target(), req["property"]) is not None
        if op == "instanceof":
            cls = self.decode(req["of"], ctx)
            return isinstance(target(), cls) if isinstance(cls, type) else False
        if op == "typeof":
            return _typeof(target())
        if op == "inspect":
            obj = target()
            inspect = getattr(obj, "inspect", None)
            return inspect() if callable(inspect) else repr(obj)
        if op == "log":
            self.trace.append({"kind": "log", "value": self.encode(self.decode(req.get("value"), ctx))})
            return None
        if op == "throw":
            error = self.decode(req.get("error"), ctx)
            raise error if isinstance(error, BaseException) else OperationFailed(error)
        if op == "global":
            if req["name"] not in self.globals:
                # a library has no runtime globals: not applicable if the adapter declares it lacks this one
                raise protocol.NotCovered(req["name"], f"no global {req['name']}")
            return load_object(self.globals[req["name"]])
        if op == "module":
            if req["name"] not in self.loaded:
                raise protocol.ProtocolError(f"module {req['name']} is not loaded")
            return self.loaded[req["name"]]
        if op == "batch":
            return Encoded([self.outcome(lambda r=r: self.execute(r, ctx)) for r in req["ops"]])
        if op in protocol.DEFERRALS:
            return self._defer(op, req, ctx)
        raise protocol.ProtocolError(f"unknown operation {op}")

    def _defer(self, op: str, req: dict[str, Any], ctx: dict[str, Any] | None) -> None:
        if self.loop is None:
            raise protocol.ProtocolError("this implementation has no event loop")
        ops = req.get("ops", [])

        def run() -> None:
            self.run_actions(ops, ctx or {})

        if op == "nextTick":
            self.loop.next_tick(run)
        elif op in ("queueMicrotask", "promise"):
            self.loop.queue_microtask(run)
        elif op == "setImmediate":
            self.loop.set_immediate(run)
        else:
            self.loop.set_timeout(run, req.get("ms", 0))
        return None

    def outcome(self, thunk: Callable[[], Any]) -> dict[str, Any]:
        try:
            return {"ok": True, "value": self.encode(thunk())}
        except protocol.ImplementationFailure:
            raise
        except Exception as error:
            return {"ok": False, "error": self.error_of(error)}

    def handle(self, req: dict[str, Any]) -> dict[str, Any]:
        """One request → one response body (without the id)."""
        op = req["op"]
        try:
            if op == "reset":
                self.reset()
                return {"ok": True, "value": None}
            if op == "load":
                if req["name"] not in self.modules:
                    raise protocol.ProtocolError(f"module {req['name']} is not covered")
                self.loaded.setdefault(req["name"], load_object(self.modules[req["name"]]))
                return {"ok": True, "value": {"$": "undefined"}}
            if op == "settle":
                if self.loop is not None:
                    self.loop.run(timeout=5.0)
                return {"ok": True, "value": None}
            if op == "trace":
                trace, self.trace = self.trace, []
                return {"ok": True, "value": trace}
            if op == "await":
                return {"ok": True, "value": self._await(req)}
        except protocol.ProtocolError as error:
            return {"ok": False, "error": {"name": "ProtocolError", "code": "NODESPEC_PROTOCOL", "message": str(error)}}
        try:
            return self.outcome(lambda: self.execute(req))
        except protocol.ProtocolError as error:
            return {"ok": False, "error": {"name": "ProtocolError", "code": "NODESPEC_PROTOCOL", "message": str(error)}}

    def _await(self, req: dict[str, Any]) -> dict[str, Any]:
        future = self.decode(req["target"])
        if self.loop is not None:
            self.loop.run(timeout=req.get("ms", 2000) / 1000)
        return self.settlement(future)

    def settlement(self, future: Any) -> dict[str, Any]:
        """What an awaited value came to, once the loop has run: pending, fulfilled or rejected."""
        done = getattr(future, "done", None)
        if not callable(done) or not done():
            return {"status": "pending"}
        error = future.exception()
        if error is not None:
            return {"status": "rejected", "reason": self.encode(error)}
        return {"status": "fulfilled", "value": self.encode(future.result())}


def _refuse(name: str) -> None:
    """The contract's refused property names, and Python's dunders (its own way to reach code)."""
    if name in protocol.REFUSED_PROPERTIES or name.startswith("__"):
        raise protocol.ProtocolError(f"property {name} is refused")


def _is_bytes_like(value: Any) -> bool:
    if isinstance(value, (str, int, float)):
        return False
    try:
        memoryview(value)
    except TypeError:
        return False
    return True


def _typeof(value: Any) -> str:
    if value is None or value is UNDEFINED:
        return "undefined"
    if value is NULL:
        return "object"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, BigInt):
        return "bigint"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Symbol):
        return "symbol"
    if callable(value) and not _is_bytes_like(value):
        return "function"
    return "object"
