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
from nodespec.protocol import THIS, UNDEFINED, JSError, Listener, OperationError, Symbol, Wrapper
from nodespec.session import Outcome
from nodespec.steps.common import Divergence, check, same

# -- the expression language ---------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<num>-?(?:\d+\.?\d*(?:[eE][+-]?\d+)?)|-Infinity)
    | (?P<name>[A-Za-z_$][\w$]*)
    | (?P<punct>[.()\[\],{}:=;])
    )""",
    re.VERBOSE,
)
_ERROR_CLASSES = {"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError"}
_DEFERRALS = set(protocol.DEFERRALS)


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read {text[pos:]!r} in {text!r}")
        out.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)",
        lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "ux" and len(m.group(1)) > 1
        else {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)),
        body,
    )


class _Parser:
    """Expression trees: ('lit', v) ('name', n) ('arr', [..]) ('obj', {..}) ('sym', d) ('err', cls, msg)
    ('wrapper', n) ('get', t, p) ('call', t, m, [args]) ('new', t, [args])."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self, value: str | None = None) -> tuple[str, str] | None:
        if self.i >= len(self.toks):
            return None
        tok = self.toks[self.i]
        return tok if value is None or tok[1] == value else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek(value)
        if tok is None:
            raise ValueError(f"expected {value or 'more'} at token {self.i} of {self.text!r}")
        self.i += 1
        return tok

    def args(self) -> list[Any]:
        self.take("(")
        items = []
        while not self.peek(")"):
            items.append(self.expr())
            if not self.peek(")"):
                self.take(",")
        self.take(")")
        return items

    def primary(self) -> Any:
        kind, value = self.take()
        if kind == "str":
            return ("lit", _unquote(value))
        if kind == "num":
            if value == "-Infinity":
                return ("lit", float("-inf"))
            return ("lit", float(value) if any(c in value for c in ".eE") else int(value))
        if kind == "punct" and value == "[":
            items = []
            while not self.peek("]"):
                items.append(self.expr())
                if not self.peek("]"):
                    self.take(",")
            self.take("]")
            return ("arr", items)
        if kind == "punct" and value == "{":
            obj = {}
            while not self.peek("}"):
                k_kind, key = self.take()
                obj[_unquote(key) if k_kind == "str" else key] = (self.take(":"), self.expr())[1]
                if not self.peek("}"):
                    self.take(",")
            self.take("}")
            return ("obj", obj)
        if kind == "name":
            literals = {"undefined": UNDEFINED, "null": None, "true": True, "false": False,
                        "NaN": float("nan"), "Infinity": float("inf")}
            if value in literals:
                return ("lit", literals[value])
            if value == "Symbol" and self.peek("("):
                (arg,) = self.args()
                return ("sym", arg[1])
            if value == "wrapper" and self.peek("("):
                (arg,) = self.args()
                return ("wrapper", arg[1])
            if value == "new":
                ctor = self.take()[1]
                args = self.args()
                if ctor in _ERROR_CLASSES:
                    return ("err", ctor, args[0][1] if args else "")
                return ("new", ("name", ctor), args)
            return ("name", value)
        raise ValueError(f"unexpected {value!r} in {self.text!r}")

    def expr(self) -> Any:
        node = self.primary()
        while self.peek("."):
            self.take(".")
            prop = self.take()[1]
            node = ("call", node, prop, self.args()) if self.peek("(") else ("get", node, prop)
        return node

    def whole(self) -> Any:
        node = self.expr()
        if self.peek() is not None:
            raise ValueError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return node


def parse(text: str) -> Any:
    return _Parser(text).whole()


def _names(spec: Any) -> dict[str, Any]:
    return spec.state.setdefault("events_names", {})


def _listener(spec: Any, name: str) -> Listener:
    defs = spec.state.setdefault("events_listeners", {})
    actions, arrow = defs.get(name, ([], False))
    return protocol.listener(name, actions, arrow=arrow)


def _resolve_name(spec: Any, name: str, in_actions: bool) -> Any:
    names = _names(spec)
    if name in names:
        return names[name]
    if name == "this" and in_actions:
        return THIS
    if name == "EventEmitter":
        return spec.module("events")
    if name == "process":
        return spec.global_("process")
    if name in ("errorMonitor", "captureRejectionSymbol"):
        return spec.get(spec.module("events"), name)
    if name[:1].isupper():
        return _listener(spec, name)
    raise ValueError(f"unknown name {name!r}")


def evaluate(spec: Any, node: Any, expected: bool = False) -> Any:
    """Run ``node`` now through the Session (``expected``: the right side of a comparison)."""
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "name":
        if expected and node[1][:1].isupper() and node[1] not in _names(spec) and node[1] != "EventEmitter":
            return Listener(node[1])
        return _resolve_name(spec, node[1], False)
    if kind == "arr":
        return [evaluate(spec, n, expected) for n in node[1]]
    if kind == "obj":
        return {k: evaluate(spec, n, expected) for k, n in node[1].items()}
    if kind == "sym":
        return Symbol(node[1])
    if kind == "wrapper":
        return Wrapper(node[1])
    if kind == "err":
        return JSError(node[1], node[2])
    if kind == "get":
        return spec.get(evaluate(spec, node[1]), node[2])
    if kind == "call":
        return spec.call(evaluate(spec, node[1]), node[2], *[evaluate(spec, a) for a in node[3]])
    if kind == "new":
        return spec.new(evaluate(spec, node[1]), *[evaluate(spec, a) for a in node[2]])
    raise ValueError(kind)


def _static(spec: Any, node: Any) -> Any:
    """A value inside a listener's actions (no operation may run now)."""
    kind = node[0]
    if kind == "name":
        return _resolve_name(spec, node[1], True)
    if kind in ("lit", "sym", "err", "wrapper"):
        return evaluate(spec, node)
    if kind == "arr":
        return [_static(spec, n) for n in node[1]]
    if kind == "obj":
        return {k: _static(spec, n) for k, n in node[1].items()}
    raise ValueError(f"{kind} cannot be an argument inside a listener's actions")


def _split(text: str, sep: str = ";") -> list[str]:
    parts, depth, quote, cur = [], 0, "", ""
    for c in text:
        if quote:
            if c == quote and not cur.endswith("\\"):
                quote = ""
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        cur += c
    if cur.strip():
        parts.append(cur.strip())
    return parts


def compile_actions(spec: Any, text: str) -> list[dict[str, Any]]:
    """``e.on("x", B); log "x"; nextTick { this.emit("y") }`` → contract operations."""
    ops = []
    for stmt in _split(text):
        m = re.fullmatch(r"(\w+)\s*\{(.*)\}", stmt, re.S)
        if m and m.group(1) in _DEFERRALS:
            ops.append(protocol.defer(m.group(1), *compile_actions(spec, m.group(2))))
            continue
        word, _, rest = stmt.partition(" ")
        if word == "log":
            ops.append(protocol.log(_static(spec, parse(rest))))
        elif word == "throw":
            ops.append(protocol.op("throw", error=_static(spec, parse(rest))))
        elif word == "return":
            ops.append({"op": "return", "value": protocol.encode(_static(spec, parse(rest)))})
        else:
            node = parse(stmt)
            if node[0] != "call":
                raise ValueError(f"a listener action must be a call: {stmt!r}")
            ops.append(protocol.call(_static(spec, node[1]), node[2], *[_static(spec, a) for a in node[3]]))
    return ops


def compile_op(spec: Any, text: str) -> dict[str, Any]:
    """One statement of a synchronous batch: a call on live values, or ``log <value>``."""
    if text.startswith("log "):
        return protocol.log(evaluate(spec, parse(text[4:])))
    node = parse(text)
    if node[0] != "call":
        raise ValueError(f"a batch line must be a call or a log: {text!r}")
    return protocol.call(evaluate(spec, node[1]), node[2], *[evaluate(spec, a) for a in node[3]])


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
        _names(spec)[name] = spec.new(spec.module("events"))


@given(parsers.re(r"^an emitter (?P<name>[a-z]\w*) created with (?P<options>\{.*\})$"))
def _an_emitter_with(spec: Any, name: str, options: str) -> None:
    _names(spec)[name] = spec.new(spec.module("events"), evaluate(spec, parse(options)))


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
        evaluate(spec, node)
    except OperationError as error:
        raise Divergence(stmt, "no exception", error.error) from None


@given(parsers.re(r"^(?P<target>[A-Za-z_$][\w$]*)\.(?P<prop>[\w$]+) = (?P<value>.+)$"))
@when(parsers.re(r"^(?P<target>[A-Za-z_$][\w$]*)\.(?P<prop>[\w$]+) = (?P<value>.+)$"))
def _assign(spec: Any, request: pytest.FixtureRequest, target: str, prop: str, value: str) -> None:
    if target == "EventEmitter" and prop in _GLOBALS:
        _remember_global(spec, request, prop)
    outcome = spec.attempt("set", evaluate(spec, ("name", target)), prop, evaluate(spec, parse(value)))
    spec.state["outcome"] = outcome


@when(parsers.re(r"^" + _CALL + r" is attempted$"))
def _attempt(spec: Any, stmt: str) -> None:
    node = parse(stmt)
    try:
        spec.state["outcome"] = Outcome(True, evaluate(spec, node))
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
        _names(spec)[name] = evaluate(spec, parse(stmt))
    except OperationError as error:
        raise Divergence(stmt, "a value", error.error) from None


@when(parsers.re(r"^an emitter is created with (?P<options>\{.*\})$"))
def _create_attempt(spec: Any, options: str) -> None:
    spec.state["outcome"] = spec.attempt("new", spec.module("events"), evaluate(spec, parse(options)))


@when(parsers.re(r"^these run in one synchronous turn: (?P<stmts>.+)$"))
def _one_turn(spec: Any, stmts: str) -> None:
    ops = [compile_op(spec, s) for s in _split(stmts)]
    spec.state["batch"] = spec.batch(ops)


@when("the event loop settles")
@given("the event loop settles")
def _settle(spec: Any) -> None:
    spec.settle(20)


# -- Then ---------------------------------------------------------------------------------------------------------


@then(parsers.re(r"^" + _CALL + r" (?P<verb>equals|returns) (?P<value>.+)$"))
def _equals(spec: Any, stmt: str, verb: str, value: str) -> None:
    try:
        actual = evaluate(spec, parse(stmt))
    except OperationError as error:
        raise Divergence(stmt, "a value", error.error) from None
    check(actual, evaluate(spec, parse(value), expected=True), stmt)


@then(parsers.re(r"^" + _CALL + r" throws (?P<what>(?:ERR_\w+|[A-Z]\w*))(?: (?P<message>\".*\"))?$"))
def _throws(spec: Any, stmt: str, what: str, message: str | None) -> None:
    try:
        value = evaluate(spec, parse(stmt))
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
        check(error.message, _unquote(message), f"the message of the error thrown by {stmt}")


def _thrown(spec: Any) -> JSError:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok or not isinstance(outcome.error, JSError):
        raise Divergence("outcome", "a thrown error", getattr(outcome, "value", outcome))
    return outcome.error


@then(parsers.re(r"^the thrown error has the message (?P<message>\".*\")$"))
def _thrown_message(spec: Any, message: str) -> None:
    check(_thrown(spec).message, _unquote(message), "error message")


@then("the thrown error has the message:")
def _thrown_message_doc(spec: Any, docstring: str) -> None:
    check(_thrown(spec).message, docstring.strip("\n"), "error message")


@then(parsers.re(r"^(?P<target>[a-z]\w*) instanceof (?P<cls>[A-Za-z]\w*) returns (?P<value>true|false)$"))
def _instanceof(spec: Any, target: str, cls: str, value: str) -> None:
    check(spec.instanceof(evaluate(spec, ("name", target)), evaluate(spec, ("name", cls))), value == "true",
          f"{target} instanceof {cls}")


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) resolves to (?P<value>.+)$"))
def _resolves(spec: Any, name: str, value: str) -> None:
    result = spec.await_(_names(spec)[name])
    check(result.get("status"), "fulfilled", f"the promise {name} ({result})")
    check(protocol.decode(result.get("value")), evaluate(spec, parse(value), expected=True), f"the value of {name}")


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) rejects with (?P<what>ERR_\w+|[A-Z]\w*)(?: (?P<message>\".*\"))?$"))
def _rejects(spec: Any, name: str, what: str, message: str | None) -> None:
    result = spec.await_(_names(spec)[name])
    check(result.get("status"), "rejected", f"the promise {name} ({result})")
    reason = protocol.decode(result.get("reason"))
    if not isinstance(reason, JSError):
        raise Divergence(f"the reason of {name}", f"an Error {what}", reason)
    check(reason.code if what.startswith("ERR_") else reason.name, what, f"the reason of {name}")
    if message is not None:
        check(reason.message, _unquote(message), f"the reason's message of {name}")


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) stays pending$"))
def _pending(spec: Any, name: str) -> None:
    result = spec.await_(_names(spec)[name], ms=50)
    check(result.get("status"), "pending", f"the promise {name}")


@then(parsers.re(r"^the thrown error has the (?!message )(?P<prop>[a-z]\w*) (?P<value>.+)$"))
def _thrown_prop(spec: Any, prop: str, value: str) -> None:
    if prop == "message":
        return _thrown_message(spec, value)
    error = _thrown(spec)
    if error.id is None:
        raise Divergence("error", "a handle to the thrown error", error)
    check(spec.get(error, prop), evaluate(spec, parse(value), expected=True), f"error.{prop}")
    return None


# -- the trace ---------------------------------------------------------------------------------------------------


def _expected_entry(spec: Any, row: str) -> dict[str, Any]:
    row = row.strip()
    if row.startswith("log "):
        return {"kind": "log", "value": evaluate(spec, parse(row[4:]), expected=True)}
    m = re.fullmatch(r"warning (?P<name>\w+)(?: (?P<message>\".*\"))?", row)
    if m:
        entry = {"kind": "warning", "name": m.group("name")}
        if m.group("message"):
            entry["message"] = _unquote(m.group("message"))
        return entry
    m = re.fullmatch(r"uncaught (?P<name>\w+)(?: (?P<message>\".*\"))?", row)
    if m:
        entry = {"kind": "uncaught", "name": m.group("name")}
        if m.group("message"):
            entry["message"] = _unquote(m.group("message"))
        return entry
    m = re.fullmatch(r"(?P<call>[A-Z]\w*\(.*\))(?: this=(?P<this>.+))?", row)
    if not m:
        raise ValueError(f"cannot read the trace row {row!r}")
    p = _Parser(m.group("call"))
    name = p.take()[1]
    args = [evaluate(spec, a, expected=True) for a in p.args()]
    entry = {"kind": "call", "listener": name, "args": args}
    if m.group("this"):
        entry["this"] = evaluate(spec, parse(m.group("this")), expected=True)
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


@then(parsers.re(r"^the batch results are (?P<values>\[.*\])$"))
def _batch_results(spec: Any, values: str) -> None:
    outcomes = spec.state.get("batch") or []
    check([o.value if o.ok else o.error for o in outcomes], evaluate(spec, parse(values), expected=True), "batch results")


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
    if _unquote(line) not in lines:
        raise Divergence("stdout", f"a line {_unquote(line)!r}", lines)


@then(parsers.re(r"^the events program's stderr contains (?P<text>\".*\")$"))
def _program_stderr_contains(spec: Any, text: str) -> None:
    stderr = _program(spec).stderr
    if _unquote(text) not in stderr:
        raise Divergence("stderr", f"containing {_unquote(text)!r}", stderr[-2000:])


@then(parsers.re(r"^the events program's stderr does not contain (?P<text>\".*\")$"))
def _program_stderr_lacks(spec: Any, text: str) -> None:
    stderr = _program(spec).stderr
    if _unquote(text) in stderr:
        raise Divergence("stderr", f"without {_unquote(text)!r}", stderr[-2000:])


@then(parsers.re(r"^the events program's stderr contains (?P<n>\d+) lines? with (?P<text>\".*\")$"))
def _program_stderr_count(spec: Any, n: str, text: str) -> None:
    lines = [line for line in _program(spec).stderr.splitlines() if _unquote(text) in line]
    check(len(lines), int(n), f"stderr lines containing {_unquote(text)!r}")
