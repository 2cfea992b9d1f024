"""``Session``: what steps talk to — one implementation, for one scenario.

Steps never touch an implementation directly: they call Node's API by Node's names through a Session,
which sends contract operations and decodes the answers into implementation-neutral values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodespec import protocol
from nodespec.implementation import Implementation, ProgramResult, RunningProgram
from nodespec.protocol import JSError, OperationError


class Divergence(AssertionError):
    """An observed value differs from the specified one: carried as data, not as a traceback (the
    plugin reports ``what``, ``expected`` and ``actual``)."""

    def __init__(self, what: str, expected: Any, actual: Any) -> None:
        super().__init__(f"{what}: expected {expected!r}, got {actual!r}")
        self.what = what
        self.expected = expected
        self.actual = actual


@dataclass
class Outcome:
    """The result of an operation that may throw: ``ok`` with ``value``, or not with ``error``."""

    ok: bool
    value: Any = None
    error: Any = None  # a JSError, or the non-Error value that was thrown


def _thrown(error: dict[str, Any]) -> Any:
    if error.get("name") == "NonError" and "value" in error:
        return protocol.decode(error["value"])
    return JSError(error.get("name", "Error"), error.get("message", ""), error.get("code"), error.get("id"))


class Session:
    """One scenario's conversation with one implementation."""

    def __init__(self, impl: Implementation, options: frozenset[str] = frozenset()) -> None:
        self.impl = impl
        self.options = options
        self.state: dict[str, Any] = {}
        self._loaded: set[str] = set()
        self._modules: dict[str, Any] = {}  # module name → what the module operation answered
        self._started = False
        self._programs: list[RunningProgram] = []
        self._at_close: list[Callable[[], object]] = []

    @property
    def name(self) -> str:
        return self.impl.name

    def reset(self) -> None:
        """Forget handles, recorders and the trace (a long-lived session between examples)."""
        self._started = True
        self._modules.clear()
        self._send_checked({"op": "reset"})

    # -- transport ---------------------------------------------------------------------------
    def send(self, message: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        if not self._started:
            self._started = True
            self._send_checked({"op": "reset"})
        return self._send_checked(message, timeout)

    def _send_checked(self, message: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        response = self.impl.request(message, self.options, timeout)
        error = response.get("error") if not response.get("ok") else None
        if error and error.get("code") == "NODESPEC_PROTOCOL":
            raise protocol.ProtocolError(f"{self.impl.name}: {error.get('message')}")
        return response

    def outcome(self, message: dict[str, Any], timeout: float | None = None) -> Outcome:
        response = self.send(message, timeout)
        if response.get("ok"):
            return Outcome(True, protocol.decode(response.get("value", {"$": "undefined"})))
        return Outcome(False, error=_thrown(response["error"]))

    def perform(self, message: dict[str, Any]) -> Any:
        result = self.outcome(message)
        if not result.ok:
            raise OperationError(result.error, message.get("op", ""))
        return result.value

    # -- Node's API, by Node's names ------------------------------------------------------------
    def module(self, name: str) -> Any:
        """The module under test (events: the EventEmitter class; others: the module object). It is asked
        for once a scenario (until a reset): every answer is the same object, hence the same handle, and a
        scenario names its module in most statements (an eighth of a reference cell's operations)."""
        if name not in self.impl.modules:  # a crypto scenario that builds a Buffer, on a crypto-only port
            raise protocol.NotCovered(f"module {name}", f"{self.impl.name} covers {', '.join(sorted(self.impl.modules))}")
        if name not in self._modules:
            if name not in self._loaded:
                self.perform({"op": "load", "name": name})
                self._loaded.add(name)
            self._modules[name] = self.perform({"op": "module", "name": name})
        return self._modules[name]

    def global_(self, name: str) -> Any:
        return self.perform({"op": "global", "name": name})

    def new(self, target: Any, *args: Any) -> Any:
        return self.perform(protocol.new(target, *args))

    def call(self, target: Any, method: str | None, *args: Any) -> Any:
        return self.perform(protocol.call(target, method, *args))

    def get(self, target: Any, property: str | int) -> Any:
        return self.perform(protocol.get(target, property))

    def set(self, target: Any, property: str | int, value: Any) -> None:
        self.perform(protocol.set_(target, property, value))

    def has(self, target: Any, property: str) -> bool:
        return self.perform(protocol.op("has", target=target, property=property))

    def instanceof(self, target: Any, cls: Any) -> bool:
        return self.perform(protocol.op("instanceof", target=target, of=cls))

    def typeof(self, target: Any) -> str:
        return self.perform(protocol.op("typeof", target=target))

    def inspect(self, target: Any) -> str:
        return self.perform(protocol.op("inspect", target=target))

    def attempt(self, method: str, *args: Any) -> Outcome:
        """``attempt("call", target, "emit", "error")``: run a Session method, catching what it throws."""
        try:
            return Outcome(True, getattr(self, method)(*args))
        except OperationError as error:
            return Outcome(False, error=error.error)

    # -- several operations, deferral, the trace -----------------------------------------------
    def batch(self, ops: list[dict[str, Any]]) -> list[Outcome]:
        """Run operations in one synchronous turn (nothing deferred runs between them)."""
        response = self.send({"op": "batch", "ops": ops})
        if not response.get("ok"):
            raise OperationError(_thrown(response["error"]), "batch")
        return [Outcome(True, protocol.decode(r.get("value", {"$": "undefined"}))) if r["ok"] else Outcome(False, error=_thrown(r["error"]))
                for r in response["value"]]

    def log(self, value: Any) -> None:
        self.perform(protocol.log(value))

    def defer(self, kind: str, *ops: dict[str, Any], ms: int = 0) -> None:
        self.perform(protocol.defer(kind, *ops, ms=ms))

    def settle(self, ms: int = 5) -> None:
        """Let the event loop run what is queued (ticks, microtasks, immediates, timers due within ms)."""
        self.perform({"op": "settle", "ms": ms})

    def trace(self) -> list[dict[str, Any]]:
        """The trace since the last read: recorder calls, logs, warnings, uncaught errors."""
        return self.perform({"op": "trace"})

    def await_(self, target: Any, ms: int = 2000) -> dict[str, Any]:
        """Wait for a promise: ``{"status": "fulfilled"|"rejected"|"pending", "value"|"reason"}``."""
        return self.perform(protocol.op("await", target=target, ms=ms))

    # -- whole programs ------------------------------------------------------------------------
    def run_program(self, name: str, args: list[str] | tuple[str, ...] = (), timeout: float = 30.0,
                    env: dict[str, str] | None = None, cwd: Path | None = None) -> ProgramResult:
        running = self.start_program(name, args, env, cwd)
        return running.wait(timeout)

    def start_program(self, name: str, args: list[str] | tuple[str, ...] = (), env: dict[str, str] | None = None,
                      cwd: Path | None = None) -> RunningProgram:
        running = self.impl.start_program(name, args, self.options, env, cwd)
        self._programs.append(running)
        return running

    def at_close(self, undo: Callable[[], object]) -> None:
        """Run ``undo`` when the scenario ends (the last registered first), before its programs are reaped:
        how a scenario puts back global state it changed (``Buffer.poolSize``)."""
        self._at_close.append(undo)

    def close(self) -> None:
        """Undo what the scenario asked (``at_close``), then reap every program it started, however it ended."""
        try:
            while self._at_close:
                self._at_close.pop()()
        finally:
            for running in self._programs:
                running.reap()
            self._programs.clear()
