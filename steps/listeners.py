"""Listeners and the trace: what the implementation's recorders saw, in order.

``Given listener A does: e.on("x", B); log "added"`` defines a recorder: a listener that records each
call (its arguments and ``this``) and then runs its actions, ``;``-separated: a call (``e.on("x", B)``,
``this.emit("y")``), ``log <value>``, ``throw <value>``, ``return <value>``, or a deferral
``nextTick { … }`` (``queueMicrotask``, ``promise``, ``setImmediate``, ``setTimeout``) holding more
actions. ``an arrow listener`` is one whose ``this`` is not the emitter; ``an async listener`` returns a
promise (what it throws rejects it). ``Then the trace is:`` lists the
calls, logs, warnings and uncaught errors the implementation recorded, one per row.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then

from nodespec import protocol
from nodespec.steps.common import Divergence, same
from nodespec.steps.expressions import Parser, parse, split, unquote
from nodespec.steps.names import JS

_DEFERRALS = set(protocol.DEFERRALS)


def compile_actions(spec: Any, text: str) -> list[dict[str, Any]]:
    """``e.on("x", B); log "x"; nextTick { this.emit("y") }`` → contract operations."""
    ops = []
    for stmt in split(text):
        m = re.fullmatch(r"(\w+)\s*\{(.*)\}", stmt, re.S)
        if m and m.group(1) in _DEFERRALS:
            ops.append(protocol.defer(m.group(1), *compile_actions(spec, m.group(2))))
            continue
        word, _, rest = stmt.partition(" ")
        if word == "log":
            ops.append(protocol.log(JS.static(spec, parse(rest))))
        elif word == "throw":
            ops.append(protocol.op("throw", error=JS.static(spec, parse(rest))))
        elif word == "return":
            ops.append({"op": "return", "value": protocol.encode(JS.static(spec, parse(rest)))})
        else:
            node = parse(stmt)
            if node[0] != "call":
                raise ValueError(f"a listener action must be a call: {stmt!r}")
            ops.append(JS.call_op(spec, node, static=True))
    return ops


@given(parsers.re(r"^(?P<kind>an arrow listener|an async listener|listener) (?P<name>[A-Z]\w*)(?: does: (?P<actions>.+))?$"))
def _define_listener(spec: Any, kind: str, name: str, actions: str | None) -> None:
    defs = spec.state.setdefault("listeners", {})
    old_actions, old_arrow, old_async = defs.get(name, ([], False, False))
    new = compile_actions(spec, actions) if actions else []
    defs[name] = (old_actions + new, old_arrow or kind == "an arrow listener", old_async or kind == "an async listener")


# -- the trace ---------------------------------------------------------------------------------------------------


def _expected_entry(spec: Any, row: str) -> dict[str, Any]:
    row = row.strip()
    if row.startswith("log "):
        return {"kind": "log", "value": JS.value(spec, row[4:], expected=True)}
    m = re.fullmatch(r"(?P<kind>warning|uncaught) (?P<name>\w+)(?: (?P<message>\".*\"))?", row)
    if m:
        entry = {"kind": m.group("kind"), "name": m.group("name")}
        if m.group("message"):
            entry["message"] = unquote(m.group("message"))
        return entry
    m = re.fullmatch(r"(?P<call>[A-Z]\w*\(.*\))(?: this=(?P<this>.+))?", row)
    if not m:
        raise ValueError(f"cannot read the trace row {row!r}")
    star = re.fullmatch(r"([A-Z]\w*)\(\*\)", m.group("call"))
    if star:  # A(*): called; its arguments (an event the implementation made) are not compared
        entry: dict[str, Any] = {"kind": "call", "listener": star.group(1)}
    else:
        p = Parser(m.group("call"))
        name = p.take()[1]
        entry = {"kind": "call", "listener": name, "args": [JS.evaluate(spec, a, expected=True) for a in p.args()]}
    if m.group("this"):
        entry["this"] = JS.value(spec, m.group("this"), expected=True)
    return entry


def _actual_view(actual: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of an actual trace entry that ``expected`` specifies."""
    kind = actual.get("kind")
    if kind == "call":
        view = {"kind": kind, "listener": actual.get("listener")}
        if "args" in expected or not expected:
            view["args"] = actual.get("args")
        if "this" in expected:
            view["this"] = actual.get("this")
        return view
    if kind == "uncaught":
        error = actual.get("error")
        view = {"kind": kind, "name": getattr(error, "name", error)}
        if "message" in expected:
            view["message"] = getattr(error, "message", None)
        return view
    if kind == "warning":
        view = {"kind": kind, "name": actual.get("name")}
        if "message" in expected:
            view["message"] = actual.get("message")
        return view
    return {"kind": kind, "value": actual.get("value")}


def _check_trace(spec: Any, rows: list[str]) -> None:
    actual = spec.trace()
    expected = [_expected_entry(spec, r) for r in rows]
    views = [_actual_view(a, e) for a, e in zip(actual, expected, strict=False)]
    views += [_actual_view(a, {}) for a in actual[len(expected):]]
    if len(actual) != len(expected) or not all(same(v, e) for v, e in zip(views, expected, strict=False)):
        raise Divergence("the trace", [_show(e) for e in expected], [_show(a) for a in views])


def _show(entry: dict[str, Any]) -> str:
    kind = entry.get("kind")
    if kind == "call":
        this = f" this={entry['this']!r}" if "this" in entry else ""
        args = ", ".join(repr(a) for a in entry["args"]) if "args" in entry else "*"
        return f"{entry['listener']}({args}){this}"
    if kind == "log":
        return f"log {entry['value']!r}"
    return " ".join(f"{v}" for v in entry.values())


@then(parsers.re(r"^(?P<settled>after the event loop settles, )?the trace is:$"))
def _trace_is(spec: Any, settled: str | None, datatable: list[list[str]]) -> None:
    if settled:
        spec.settle(20)
    _check_trace(spec, [row[0] for row in datatable])


@then(parsers.re(r"^(?P<settled>after the event loop settles, )?the trace stays empty$"))
def _trace_empty(spec: Any, settled: str | None) -> None:
    if settled:
        spec.settle(20)
    _check_trace(spec, [])
