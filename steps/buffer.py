"""Steps of the buffer specification: a small JavaScript-like expression language over the contract.

Scenarios read like the Node code they describe::

    When buf = Buffer.from('Node.js 技术栈')
    Then buf.toString('utf8', 0, 9) is 'Node.js \\ufffd'
    And buf is the bytes 4e 6f 64 65 2e 6a 73 20 e6 8a 80 e6 9c af e6 a0 88
    When I evaluate Buffer.alloc(-1)
    Then it throws ERR_OUT_OF_RANGE (RangeError)

An expression is a literal (numbers, NaN, Infinity, -0, 'strings' with \\u escapes, true/false,
undefined, null, 10n, [arrays], {objects}), a name bound earlier in the scenario, ``Buffer`` (the
module's Buffer class), ``buffer`` (the module), ``Uint8Array``/``ArrayBuffer`` (globals), then any
chain of ``.property``, ``.method(args)`` and ``[index]``, or ``new X(args)``. Every operation goes
through the Session (``spec``), so the same text runs on every implementation. The language is
``steps/expressions.py`` (shared with events); this module adds the buffer names.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then, when

from nodespec.protocol import Handle, JSError, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import Divergence, check
from nodespec.steps.expressions import Language, parse

# -- the expression language (steps/expressions.py) with the buffer names --------------------------


def _resolve(spec: Any, name: str, where: str) -> Any:
    if name == "buffer":
        return spec.module("buffer")
    if name == "Buffer":
        return spec.get(spec.module("buffer"), "Buffer")
    if name in ("Uint8Array", "ArrayBuffer"):
        return spec.global_(name)
    raise ValueError(f"unknown name {name!r}")


JS = Language("names", _resolve)


def run(spec: Any, text: str) -> Any:
    """Evaluate ``text``; store the outcome (value or thrown error) for the Then steps."""
    try:
        outcome = Outcome(True, JS.value(spec, text))
    except OperationError as error:
        outcome = Outcome(False, error=error.error)
    spec.state["outcome"] = outcome
    spec.state["result"] = outcome.value if outcome.ok else None
    return outcome


# -- comparing -------------------------------------------------------------------------------------

def norm(value: Any) -> Any:
    """Strings compared as UTF-16 code units (a surrogate pair written as two escapes equals the
    astral character)."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


def fresh_hex(spec: Any, value: Any) -> str:
    """The bytes a Buffer/Uint8Array holds now (a handle's hex is a snapshot taken when it was returned)."""
    if not isinstance(value, Handle):
        raise Divergence("bytes", "a Buffer", value)
    if value.type == "ArrayBuffer":
        view = spec.new(spec.global_("Uint8Array"), value)
    else:
        view = spec.call(value, "subarray")
    if not isinstance(view, Handle) or view.hex is None:
        raise Divergence("bytes", "a byte view", view)
    return view.hex


def _hex_text(text: str) -> str:
    """'01 02' → '0102'; '(none)' is the empty Buffer."""
    text = text.strip()
    return "" if text == "(none)" else "".join(text.split()).lower()


def _ok_value(spec: Any) -> Any:
    outcome = spec.state.get("outcome")
    if outcome is None:
        raise Divergence("outcome", "an evaluated expression", None)
    if not outcome.ok:
        raise Divergence("outcome", "a value", outcome.error)
    return outcome.value


# -- steps -------------------------------------------------------------------------------------------

@given(parsers.re(r"^(?P<name>[a-z_]\w*) = (?P<expr>.+)$"))
@when(parsers.re(r"^(?P<name>[a-z_]\w*) = (?P<expr>.+)$"))
def _assign(spec: Any, name: str, expr: str) -> None:
    outcome = run(spec, expr)
    if not outcome.ok:
        raise Divergence(f"{name} = {expr}", "a value", outcome.error)
    JS.bind(spec, name, outcome.value)


@given(parsers.re(r"^I evaluate (?P<expr>.+)$"))
@when(parsers.re(r"^I evaluate (?P<expr>.+)$"))
def _evaluate(spec: Any, expr: str) -> None:
    run(spec, expr)


@when(parsers.re(r"^I set (?P<target>.+?)\[(?P<index>[^\]]+)\] = (?P<value>.+)$"))
def _set_index(spec: Any, target: str, index: str, value: str) -> None:
    spec.set(JS.value(spec, target), JS.value(spec, index), JS.value(spec, value))



def _restore_pool(spec: Any) -> None:
    """Put Buffer.poolSize back to 8192 and make sure the current pool is an 8 KiB one again."""
    try:
        buffer_class = JS.resolve(spec, "Buffer")
        spec.set(buffer_class, "poolSize", 8192)
        for _ in range(40):
            probe = spec.call(buffer_class, "allocUnsafe", 4095)
            if spec.get(spec.get(probe, "buffer"), "byteLength") == 8192:
                break
    except Exception:  # the implementation may be gone already; nothing to restore then
        pass


@given("in one synchronous turn:")
@when("in one synchronous turn:")
def _batch(spec: Any, docstring: str, request: Any) -> None:
    """Lines ``name = target.method(args)`` (or ``target.prop = value``) run as one batch: nothing
    else (not even the bridge's own work) can take memory from the pool between them. A batch that
    changes Buffer.poolSize restores it when the scenario ends."""
    from nodespec import protocol

    lines = [line.strip() for line in docstring.splitlines() if line.strip()]
    names, ops = [], []
    for line in lines:
        m = re.match(r"^(?P<target>[A-Za-z_]\w*)\.(?P<prop>\w+) = (?P<value>[^=].*)$", line)
        if m and not re.match(r"^[a-z_]\w* = ", line):
            target = JS.value(spec, m.group("target"))
            ops.append(protocol.set_(target, m.group("prop"), JS.value(spec, m.group("value"))))
            names.append(None)
            if m.group("prop") == "poolSize" and not spec.state.get("pool_restore"):
                spec.state["pool_restore"] = True
                request.addfinalizer(lambda: _restore_pool(spec))
            continue
        m = re.match(r"^(?:(?P<name>[a-z_]\w*) = )?(?P<expr>.+)$", line)
        node = parse(m.group("expr"))
        if node[0] != "call":
            raise ValueError(f"a batch line must be a method call or a property assignment: {line!r}")
        names.append(m.group("name"))
        ops.append(JS.call_op(spec, node))
    for name, outcome, line in zip(names, spec.batch(ops), lines, strict=True):
        if not outcome.ok:
            raise Divergence(line, "a value", outcome.error)
        if name:
            JS.bind(spec, name, outcome.value)


@then(parsers.re(r"^(?P<a>\S+) (?P<relation>is|is not) the same object as (?P<b>\S+)$"))
def _same_object(spec: Any, a: str, relation: str, b: str) -> None:
    left, right = JS.value(spec, a), JS.value(spec, b)
    check(left == right, relation == "is", f"{a} {relation} the same object as {b}")


@then(parsers.re(r"^the result is the bytes(?P<hex>(?: [0-9a-fA-F]{2})*| \(none\))\s*$"))
def _result_bytes(spec: Any, hex: str) -> None:
    check(fresh_hex(spec, _ok_value(spec)), _hex_text(hex), "bytes")


@then(parsers.re(r"^the result is (?!the bytes|a Buffer of|a Uint8Array of|an ArrayBuffer of)(?P<value>.+)$"))
def _result_is(spec: Any, value: str) -> None:
    check(norm(_ok_value(spec)), norm(JS.value(spec, value)), "result")


@then(parsers.re(r"^(?!the result )(?P<expr>.+?) is the bytes(?P<hex>(?: [0-9a-fA-F]{2})*| \(none\))\s*$"))
def _expr_bytes(spec: Any, expr: str, hex: str) -> None:
    check(fresh_hex(spec, JS.value(spec, expr)), _hex_text(hex), f"the bytes of {expr}")


@then(parsers.re(r"^(?P<expr>.+?) is a (?P<type>Buffer|Uint8Array|ArrayBuffer) of (?P<n>\d+) bytes?$"))
def _expr_type(spec: Any, expr: str, type: str, n: str) -> None:
    value = _ok_value(spec) if expr == "the result" else JS.value(spec, expr)
    check(isinstance(value, Handle) and value.type, type, f"the type of {expr}")
    check(spec.get(value, "length" if type != "ArrayBuffer" else "byteLength"), int(n), f"the length of {expr}")


def _split_is(text: str) -> tuple[str, str]:
    """``<expr> is <value>``: the first ' is ' after which both sides parse."""
    start = 0
    while True:
        k = text.find(" is ", start)
        if k < 0:
            raise ValueError(f"no ' is ' in {text!r}")
        left, right = text[:k], text[k + 4:]
        try:
            parse(left)
            parse(right)
            return left, right
        except ValueError:
            start = k + 1


@then(parsers.re(r"^(?P<left>\S+) instanceof (?P<cls>\w+) is (?P<value>true|false)$"))
def _instanceof(spec: Any, left: str, cls: str, value: str) -> None:
    check(spec.instanceof(JS.value(spec, left), JS.value(spec, cls)), value == "true", f"{left} instanceof {cls}")


@then(parsers.re(r"^inspecting (?P<expr>.+) ends with (?P<value>.+)$"))
def _inspecting_ends(spec: Any, expr: str, value: str) -> None:
    text = norm(spec.inspect(JS.value(spec, expr)))
    tail = norm(JS.value(spec, value))
    check(text[-len(tail):] if tail else "", tail, f"the end of util.inspect({expr})")


@then(parsers.re(r"^inspecting (?P<expr>.+) gives (?P<value>.+)$"))
def _inspecting(spec: Any, expr: str, value: str) -> None:
    check(norm(spec.inspect(JS.value(spec, expr))), norm(JS.value(spec, value)), f"util.inspect({expr})")


# A JavaScript expression on the left of "is": a name followed by at least one accessor (.prop,
# [index], (args) with one level of nested parentheses), so that other modules' sentences never match.
_CHAIN = r"[A-Za-z_$][\w$]*(?:\.[\w$]+|\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\))+"


@then(parsers.re(rf"^(?P<text>{_CHAIN} is (?!the bytes|a Buffer of|a Uint8Array of|an? ArrayBuffer of|the same object|not ).+)$"))
def _expr_is(spec: Any, text: str) -> None:
    left, right = _split_is(text)
    check(norm(JS.value(spec, left)), norm(JS.value(spec, right)), left)


@then(parsers.re(r"^iterating (?P<expr>.+) yields (?P<value>.+)$"))
def _iterating(spec: Any, expr: str, value: str) -> None:
    iterator = JS.value(spec, expr)
    items = []
    for _ in range(10_000):
        step = spec.call(iterator, "next")
        if step.get("done"):
            break
        items.append(step.get("value"))
    check(items, JS.value(spec, value), f"iterating {expr}")


@then(parsers.re(r"^it throws a (?P<name>\w+) without a code$"))
def _throws_plain(spec: Any, name: str) -> None:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok:
        raise Divergence("outcome", f"a thrown {name}", getattr(outcome, "value", None))
    error = outcome.error
    if not isinstance(error, JSError):
        raise Divergence("thrown value", "an Error", error)
    check(error.name, name, "error class")
    check(error.code, None, "error code")


# -- whole programs ----------------------------------------------------------------------------------

@when(parsers.re(r"^I run the buffer program (?P<name>buffer_\w+)(?: with (?P<args>.+))?$"))
def _run_program(spec: Any, name: str, args: str | None) -> None:
    argv = args.split() if args else []
    spec.state["program"] = spec.run_program(name, args=argv, timeout=60.0)


def _program(spec: Any) -> Any:
    result = spec.state.get("program")
    if result is None:
        raise Divergence("program", "a finished program", None)
    return result


@then(parsers.re(r"^the program exits with code (?P<code>\d+)$"))
def _program_exit(spec: Any, code: str) -> None:
    result = _program(spec)
    check(result.exit_code, int(code), f"exit code (stderr: {result.stderr[-500:]!r})")



@then(parsers.re(r"^the program's report (?P<key>[\w.]+) is (?P<value>.+)$"))
def _program_report(spec: Any, key: str, value: str) -> None:
    """Programs print ``key=value`` lines; compare one (as a JS literal)."""
    lines = _program(spec).stdout.splitlines()
    found = {ln.split("=", 1)[0]: ln.split("=", 1)[1] for ln in lines if "=" in ln}
    if key not in found:
        raise Divergence(f"report {key}", value, sorted(found))
    expected = value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value
    check(found[key], expected, f"report {key}")


__all__ = ["JS", "parse", "run", "norm", "fresh_hex"]
