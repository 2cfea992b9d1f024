"""Steps of the events specification: scenarios are written as the JavaScript calls they make.

::

    Given an emitter e
    And listener A does: e.on("x", B); log "added"
    When e.on("x", A)
    And e.emit("x", 1)
    Then the trace is:
      | A(1) this=e  |
      | log "added"  |
    And e.listeners("x") equals [A, B]
    And e.emit("error", "str") throws ERR_UNHANDLED_ERROR

Names: ``EventEmitter`` (the module under test), ``errorMonitor``, the emitters the scenario made
(lower case), listeners (capitalised: recorders, defined by ``listener X does: …`` or plain), literals
(strings, numbers, ``true``, ``undefined``, ``null``, ``[…]``, ``{…}``), ``Symbol("d")``,
``new Error("m")`` (any Error class), ``wrapper(A)`` (a once wrapper of A, in expected values).
The language is ``steps/expressions.py`` (shared with buffer); this module adds the events names.

A listener's actions are ``;``-separated statements: a call (``e.on("x", B)``, ``this.emit("y")``),
``log <value>``, ``throw <value>``, ``return <value>``, or a deferral ``nextTick { … }``
(``queueMicrotask``, ``promise``, ``setImmediate``, ``setTimeout``) holding more statements.
Every phrase is specific to events (no bare ``X is Y``), so it cannot collide with other modules' steps.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from nodespec import protocol
from nodespec.protocol import THIS, JSError, Listener, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import Divergence, check, same
from nodespec.steps.expressions import Language, Parser, parse, split, unquote

# -- the expression language (steps/expressions.py) with the events names ---------------------------------

_DEFERRALS = set(protocol.DEFERRALS)


def _listener(spec: Any, name: str) -> Listener:
    defs = spec.state.setdefault("events_listeners", {})
    actions, arrow = defs.get(name, ([], False))
    return protocol.listener(name, actions, arrow=arrow)


def _resolve(spec: Any, name: str, where: str) -> Any:
    """``EventEmitter``, ``process``, ``errorMonitor``, ``captureRejectionSymbol``; ``this`` inside a
    recorder's actions; any other capitalised name is a recorder (in an expected value: that recorder,
    without its definition)."""
    if name == "this" and where == "actions":
        return THIS
    if name == "EventEmitter":
        return spec.module("events")
    if name[:1].isupper() and where == "expected":
        return Listener(name)
    if name == "process":
        return spec.global_("process")
    if name in ("errorMonitor", "captureRejectionSymbol"):
        return spec.get(spec.module("events"), name)
    if name[:1].isupper():
        return _listener(spec, name)
    raise ValueError(f"unknown name {name!r}")


JS = Language("events_names", _resolve)


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


def compile_op(spec: Any, text: str) -> dict[str, Any]:
    """One statement of a synchronous batch: a call on live values, or ``log <value>``."""
    if text.startswith("log "):
        return protocol.log(JS.value(spec, text[4:]))
    node = parse(text)
    if node[0] != "call":
        raise ValueError(f"a batch line must be a call or a log: {text!r}")
    return JS.call_op(spec, node)


# -- global state a scenario may change ------------------------------------------------------------------

_GLOBALS = {"defaultMaxListeners": 10, "captureRejections": False}


def _remember_global(spec: Any, request: Any, prop: str) -> None:
    touched = spec.state.setdefault("events_globals", set())
    if prop in touched:
        return
    touched.add(prop)

    def restore() -> None:
        try:
            spec.set(spec.module("events"), prop, _GLOBALS[prop])
        except Exception:  # noqa: BLE001 - best effort: the next reset must not inherit it
            pass

    request.addfinalizer(restore)


# -- Given --------------------------------------------------------------------------------------------------

_EMITTER_NAMES = r"(?P<names>[a-z]\w*(?:(?:, | and )[a-z]\w*)*)"


@given(parsers.re(r"^an emitter " + _EMITTER_NAMES + r"$"))
@given(parsers.re(r"^emitters " + _EMITTER_NAMES + r"$"))
def _an_emitter(spec: Any, names: str) -> None:
    for name in re.split(r", | and ", names):
        JS.names(spec)[name] = spec.new(spec.module("events"))


@given(parsers.re(r"^an emitter (?P<name>[a-z]\w*) created with (?P<options>\{.*\})$"))
def _an_emitter_with(spec: Any, name: str, options: str) -> None:
    JS.names(spec)[name] = spec.new(spec.module("events"), JS.value(spec, options))


@given(parsers.re(r"^(?P<arrow>an arrow listener|listener) (?P<name>[A-Z]\w*)(?: does: (?P<actions>.+))?$"))
def _define_listener(spec: Any, arrow: str, name: str, actions: str | None) -> None:
    defs = spec.state.setdefault("events_listeners", {})
    old_actions, old_arrow = defs.get(name, ([], False))
    new = compile_actions(spec, actions) if actions else []
    defs[name] = (old_actions + new, old_arrow or arrow.startswith("an arrow"))


# -- When ------------------------------------------------------------------------------------------------------

_CALL = r"(?P<stmt>[A-Za-z_$][\w$]*(?:\.[\w$]+)+(?:\(.*\))?)"


@given(parsers.re(r"^" + _CALL + r"$"))
@when(parsers.re(r"^" + _CALL + r"$"))
def _statement(spec: Any, stmt: str) -> None:
    node = parse(stmt)
    try:
        JS.evaluate(spec, node)
    except OperationError as error:
        raise Divergence(stmt, "no exception", error.error) from None


@given(parsers.re(r"^(?P<target>[A-Za-z_$][\w$]*)\.(?P<prop>[\w$]+) = (?P<value>.+)$"))
@when(parsers.re(r"^(?P<target>[A-Za-z_$][\w$]*)\.(?P<prop>[\w$]+) = (?P<value>.+)$"))
def _assign(spec: Any, request: pytest.FixtureRequest, target: str, prop: str, value: str) -> None:
    if target == "EventEmitter" and prop in _GLOBALS:
        _remember_global(spec, request, prop)
    outcome = spec.attempt("set", JS.resolve(spec, target), prop, JS.value(spec, value))
    spec.state["outcome"] = outcome


@when(parsers.re(r"^" + _CALL + r" is attempted$"))
def _attempt(spec: Any, stmt: str) -> None:
    node = parse(stmt)
    try:
        spec.state["outcome"] = Outcome(True, JS.evaluate(spec, node))
    except OperationError as error:
        spec.state["outcome"] = Outcome(False, error=error.error)


@when(parsers.re(r"^" + _CALL + r" runs (?P<n>\d+) times$"))
def _repeat(spec: Any, stmt: str, n: str) -> None:
    op = compile_op(spec, stmt)
    for outcome in spec.batch([op] * int(n)):
        if not outcome.ok:
            raise Divergence(stmt, "no exception", outcome.error)


@when(parsers.re(r"^I keep " + _CALL + r" as (?P<name>[a-z]\w*)$"))
def _keep(spec: Any, stmt: str, name: str) -> None:
    try:
        JS.names(spec)[name] = JS.value(spec, stmt)
    except OperationError as error:
        raise Divergence(stmt, "a value", error.error) from None


@when(parsers.re(r"^an emitter is created with (?P<options>\{.*\})$"))
def _create_attempt(spec: Any, options: str) -> None:
    spec.state["outcome"] = spec.attempt("new", spec.module("events"), JS.value(spec, options))


@when(parsers.re(r"^these run in one synchronous turn: (?P<stmts>.+)$"))
def _one_turn(spec: Any, stmts: str) -> None:
    ops = [compile_op(spec, s) for s in split(stmts)]
    spec.state["batch"] = spec.batch(ops)


@when("the event loop settles")
@given("the event loop settles")
def _settle(spec: Any) -> None:
    spec.settle(20)


# -- Then ---------------------------------------------------------------------------------------------------------


@then(parsers.re(r"^" + _CALL + r" (?P<verb>equals|returns) (?P<value>.+)$"))
def _equals(spec: Any, stmt: str, verb: str, value: str) -> None:
    try:
        actual = JS.value(spec, stmt)
    except OperationError as error:
        raise Divergence(stmt, "a value", error.error) from None
    check(actual, JS.value(spec, value, expected=True), stmt)


@then(parsers.re(r"^" + _CALL + r" throws (?P<what>(?:ERR_\w+|[A-Z]\w*))(?: (?P<message>\".*\"))?$"))
def _throws(spec: Any, stmt: str, what: str, message: str | None) -> None:
    try:
        value = JS.value(spec, stmt)
        outcome = Outcome(True, value)
    except OperationError as error:
        outcome = Outcome(False, error=error.error)
    spec.state["outcome"] = outcome
    if outcome.ok:
        raise Divergence(stmt, f"a thrown {what}", outcome.value)
    error = outcome.error
    if not isinstance(error, JSError):
        raise Divergence(stmt, f"a thrown {what}", error)
    if what.startswith("ERR_"):
        check(error.code, what, f"the code of the error thrown by {stmt}")
    else:
        check(error.name, what, f"the class of the error thrown by {stmt}")
    if message is not None:
        check(error.message, unquote(message), f"the message of the error thrown by {stmt}")


def _thrown(spec: Any) -> JSError:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok or not isinstance(outcome.error, JSError):
        raise Divergence("outcome", "a thrown error", getattr(outcome, "value", outcome))
    return outcome.error


@then(parsers.re(r"^the thrown error has the message (?P<message>\".*\")$"))
def _thrown_message(spec: Any, message: str) -> None:
    check(_thrown(spec).message, unquote(message), "error message")


@then("the thrown error has the message:")
def _thrown_message_doc(spec: Any, docstring: str) -> None:
    check(_thrown(spec).message, docstring.strip("\n"), "error message")


@then(parsers.re(r"^(?P<target>[a-z]\w*) instanceof (?P<cls>[A-Za-z]\w*) returns (?P<value>true|false)$"))
def _instanceof(spec: Any, target: str, cls: str, value: str) -> None:
    check(spec.instanceof(JS.resolve(spec, target), JS.resolve(spec, cls)), value == "true",
          f"{target} instanceof {cls}")


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) resolves to (?P<value>.+)$"))
def _resolves(spec: Any, name: str, value: str) -> None:
    result = spec.await_(JS.names(spec)[name])
    check(result.get("status"), "fulfilled", f"the promise {name} ({result})")
    check(protocol.decode(result.get("value")), JS.value(spec, value, expected=True), f"the value of {name}")


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) rejects with (?P<what>ERR_\w+|[A-Z]\w*)(?: (?P<message>\".*\"))?$"))
def _rejects(spec: Any, name: str, what: str, message: str | None) -> None:
    result = spec.await_(JS.names(spec)[name])
    check(result.get("status"), "rejected", f"the promise {name} ({result})")
    reason = protocol.decode(result.get("reason"))
    if not isinstance(reason, JSError):
        raise Divergence(f"the reason of {name}", f"an Error {what}", reason)
    check(reason.code if what.startswith("ERR_") else reason.name, what, f"the reason of {name}")
    if message is not None:
        check(reason.message, unquote(message), f"the reason's message of {name}")



@then(parsers.re(r"^the thrown error has the (?!message )(?P<prop>[a-z]\w*) (?P<value>.+)$"))
def _thrown_prop(spec: Any, prop: str, value: str) -> None:
    error = _thrown(spec)
    if error.id is None:
        raise Divergence("error", "a handle to the thrown error", error)
    check(spec.get(error, prop), JS.value(spec, value, expected=True), f"error.{prop}")
    return None


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
    p = Parser(m.group("call"))
    name = p.take()[1]
    args = [JS.evaluate(spec, a, expected=True) for a in p.args()]
    entry = {"kind": "call", "listener": name, "args": args}
    if m.group("this"):
        entry["this"] = JS.value(spec, m.group("this"), expected=True)
    return entry


def _actual_view(actual: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of an actual trace entry that ``expected`` specifies."""
    kind = actual.get("kind")
    if kind == "call":
        view = {"kind": kind, "listener": actual.get("listener"), "args": actual.get("args")}
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
        return f"{entry['listener']}({', '.join(repr(a) for a in entry['args'])}){this}"
    if kind == "log":
        return f"log {entry['value']!r}"
    return " ".join(f"{v}" for v in entry.values())


@then("the trace is:")
def _trace_is(spec: Any, datatable: list[list[str]]) -> None:
    _check_trace(spec, [row[0] for row in datatable])


@then("the trace stays empty")
def _trace_empty(spec: Any) -> None:
    _check_trace(spec, [])


@then("after the event loop settles, the trace is:")
def _trace_after_settle(spec: Any, datatable: list[list[str]]) -> None:
    spec.settle(20)
    _check_trace(spec, [row[0] for row in datatable])


@then("after the event loop settles, the trace stays empty")
def _trace_after_settle_empty(spec: Any) -> None:
    spec.settle(20)
    _check_trace(spec, [])



# -- whole programs ----------------------------------------------------------------------------------------------


@when(parsers.re(r"^the events program \"(?P<name>events_\w+)\" runs(?: with \"(?P<args>[^\"]*)\")?$"))
def _run_program(spec: Any, name: str, args: str | None) -> None:
    spec.state["events_program"] = spec.run_program(name, args=(args or "").split(), timeout=30)


def _program(spec: Any) -> Any:
    result = spec.state.get("events_program")
    if result is None:
        raise Divergence("program", "a finished program", None)
    return result


@then(parsers.re(r"^the events program exits with code (?P<code>\d+)$"))
def _program_exit(spec: Any, code: str) -> None:
    result = _program(spec)
    check(result.exit_code, int(code), f"exit code (stderr: {result.stderr[-400:]!r})")


@then("the events program prints:")
def _program_prints(spec: Any, docstring: str) -> None:
    check(_program(spec).stdout.splitlines(), docstring.splitlines(), "stdout lines")


@then(parsers.re(r"^the events program prints a line (?P<line>\".*\")$"))
def _program_prints_line(spec: Any, line: str) -> None:
    lines = _program(spec).stdout.splitlines()
    if unquote(line) not in lines:
        raise Divergence("stdout", f"a line {unquote(line)!r}", lines)


@then(parsers.re(r"^the events program's stderr contains (?P<text>\".*\")$"))
def _program_stderr_contains(spec: Any, text: str) -> None:
    stderr = _program(spec).stderr
    if unquote(text) not in stderr:
        raise Divergence("stderr", f"containing {unquote(text)!r}", stderr[-2000:])


@then(parsers.re(r"^the events program's stderr does not contain (?P<text>\".*\")$"))
def _program_stderr_lacks(spec: Any, text: str) -> None:
    stderr = _program(spec).stderr
    if unquote(text) in stderr:
        raise Divergence("stderr", f"without {unquote(text)!r}", stderr[-2000:])


@then(parsers.re(r"^the events program's stderr contains (?P<n>\d+) lines? with (?P<text>\".*\")$"))
def _program_stderr_count(spec: Any, n: str, text: str) -> None:
    lines = [line for line in _program(spec).stderr.splitlines() if unquote(text) in line]
    check(len(lines), int(n), f"stderr lines containing {unquote(text)!r}")
