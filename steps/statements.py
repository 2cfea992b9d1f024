"""Given and When: JavaScript statements, run on the implementation under test through the Session.

``Given``/``When`` ``buf = Buffer.from('abc')``, ``e.on("x", A)``, ``EventEmitter.defaultMaxListeners = 1``
(several may share a step, separated by ``;``): a statement that throws fails the step, as an uncaught
exception would. ``When I try <statement>`` records what it threw instead, for ``Then it throws …``.
Either way, what the last statement returned is ``it``.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, when

from nodespec import protocol
from nodespec.protocol import Bytes
from nodespec.session import Outcome
from nodespec.steps.common import Divergence
from nodespec.steps.expressions import Node, parse, split
from nodespec.steps.names import JS, attempt, record

# -- global state a scenario may change, put back when it ends ------------------------------------------------

_EVENTS_DEFAULTS = {"defaultMaxListeners": 10, "captureRejections": False}


def _restore_events(spec: Any, prop: str) -> None:
    try:
        spec.set(spec.module("events"), prop, _EVENTS_DEFAULTS[prop])
    except Exception:  # noqa: BLE001 - best effort: the next reset must not inherit it
        pass


def _restore_pool(spec: Any) -> None:
    """Put Buffer.poolSize back to 8192 and make sure the current pool is an 8 KiB one again."""
    try:
        buffer_class = JS.resolve(spec, "Buffer")
        spec.set(buffer_class, "poolSize", 8192)
        for _ in range(40):
            probe = spec.call(buffer_class, "allocUnsafe", 4095)
            # A pool of 8 KiB — Node 26 makes each pool 64 bytes larger (it aligns where the pool starts) —
            # or none at all (a polyfill's allocUnsafe has its own memory); an older, larger pool is used up
            # first. An exact 8192 was never seen on either: every restore made 40 allocations there.
            if spec.get(spec.get(probe, "buffer"), "byteLength") <= 8192 + 64:
                break
    except Exception:  # noqa: BLE001 - the implementation may be gone already; nothing to restore then
        pass


def _remember_global(spec: Any, target: Node, prop: Any) -> None:
    key = (target[1] if target[0] == "name" else None, prop)
    if key[0] == "EventEmitter" and prop in _EVENTS_DEFAULTS:
        restore = lambda: _restore_events(spec, prop)  # noqa: E731
    elif key == ("Buffer", "poolSize"):
        restore = lambda: _restore_pool(spec)  # noqa: E731
    else:
        return
    touched = spec.state.setdefault("globals_touched", set())
    if key not in touched:
        touched.add(key)
        spec.at_close(restore)


# -- one statement ------------------------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_$][\w$]*")


def _assignment(text: str) -> tuple[str, str] | None:
    parts = split(text, "=")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _set(spec: Any, left: Node, right: str) -> Outcome:
    """``target.prop = value`` or ``target[index] = value``."""
    if left[0] not in ("get", "index"):
        raise ValueError(f"cannot assign to {left!r}")
    target = JS.evaluate(spec, left[1])
    key = left[2] if left[0] == "get" else JS.evaluate(spec, left[2])
    _remember_global(spec, left[1], key)
    return spec.attempt("set", target, key, JS.value(spec, right))


def run(spec: Any, text: str, fatal: bool) -> Outcome:
    """Run one statement; a throw fails the step when ``fatal``, else it becomes the outcome."""
    assignment = _assignment(text)
    if assignment and _NAME.fullmatch(assignment[0]):
        name, expr = assignment
        outcome = attempt(spec, expr)
        if outcome.ok:
            JS.bind(spec, name, outcome.value)
            spec.state.get("outputs", {}).pop(name, None)  # a new object has no outputs yet
        elif fatal:
            raise Divergence(text, "a value", outcome.error)
        return outcome
    if assignment:
        node = parse(assignment[0])
        outcome = record(spec, node, _set(spec, node, assignment[1]))
    else:
        outcome = attempt(spec, text)
    if fatal and not outcome.ok:
        raise Divergence(text, "no exception", outcome.error)
    return outcome


# A statement starts with a name followed by ".", "[", "(" or " = ".
@given(parsers.re(r"^(?P<text>[A-Za-z_$][\w$]*(?:\.|\[|\(| = ).*)$"))
@when(parsers.re(r"^(?P<text>[A-Za-z_$][\w$]*(?:\.|\[|\(| = ).*)$"))
def _statements(spec: Any, text: str) -> None:
    for statement in split(text):
        run(spec, statement, fatal=True)


def _pieces(whole: Any, size: int) -> list[Any]:
    if isinstance(whole, Bytes):
        raw = bytes(whole)
        return [Bytes(raw[i:i + size].hex()) for i in range(0, len(raw), size)]
    return [whole[i:i + size] for i in range(0, len(whole), size)]


@when(parsers.re(r"^I try (?P<text>.+?)(?: in pieces of (?P<n>\d+) (?:bytes|characters))?$"))
def _try(spec: Any, text: str, n: str | None) -> None:
    """``in pieces of N``: the call once per piece of its first argument (stopping at the first throw)."""
    if n is None:
        run(spec, text, fatal=False)
        return
    node = parse(text)
    if node[0] != "call" or not node[3]:
        raise ValueError(f"'in pieces' needs a call with arguments: {text!r}")
    target = JS.evaluate(spec, node[1])
    rest = [JS.evaluate(spec, a) for a in node[3][1:]]
    for piece in _pieces(JS.evaluate(spec, node[3][0]), int(n)):
        outcome = record(spec, node, spec.attempt("call", target, node[2], piece, *rest))
        if not outcome.ok:
            return


# -- several statements in one synchronous turn --------------------------------------------------------------


def _batch_op(spec: Any, line: str) -> tuple[str | None, dict[str, Any]]:
    """A batch line: ``log <value>``, ``name = call``, ``target.prop = value`` or a call."""
    if line.startswith("log "):
        return None, protocol.log(JS.value(spec, line[4:]))
    name, expr = None, line
    assignment = _assignment(line)
    if assignment and _NAME.fullmatch(assignment[0]):
        name, expr = assignment
    elif assignment:
        left = parse(assignment[0])
        if left[0] != "get":
            raise ValueError(f"a batch assignment sets a property: {line!r}")
        target = JS.evaluate(spec, left[1])
        _remember_global(spec, left[1], left[2])
        return None, protocol.set_(target, left[2], JS.value(spec, assignment[1]))
    node = parse(expr)
    if node[0] != "call":
        raise ValueError(f"a batch line must be a call, an assignment or a log: {line!r}")
    return name, JS.call_op(spec, node)


@given(parsers.re(r"^in one synchronous turn(?:, (?P<n>\d+) times)?:$"))
@when(parsers.re(r"^in one synchronous turn(?:, (?P<n>\d+) times)?:$"))
def _one_turn(spec: Any, docstring: str, n: str | None) -> None:
    """The lines run as one batch: nothing else (not even the bridge's own work) runs between them."""
    lines = [line.strip() for line in docstring.splitlines() if line.strip()] * int(n or 1)
    named = [_batch_op(spec, line) for line in lines]
    for (name, _), outcome, line in zip(named, spec.batch([op for _, op in named]), lines, strict=True):
        if not outcome.ok:
            raise Divergence(line, "no exception", outcome.error)
        if name:
            JS.bind(spec, name, outcome.value)


@when("the event loop settles")
def _settle(spec: Any) -> None:
    spec.settle(20)
