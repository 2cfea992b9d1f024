"""Then: what a JavaScript expression is, what it throws, what a promise settles to.

``Then buf.toString('utf8', 0, 9) is 'Node.js \\ufffd'``, ``Then it is hex 6869``, ``Then buf is the bytes
68 69``, ``Then Buffer.alloc(-1) throws ERR_OUT_OF_RANGE (RangeError)``, ``Then it throws
ERR_OUT_OF_RANGE (RangeError)``, ``Then the error's message is 'Invalid key length'``.
"""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import parsers, then

from nodespec.protocol import UNDEFINED, Bytes, Handle, JSError, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import Divergence, check, norm, same
from nodespec.steps.expressions import parse, split, unquote
from nodespec.steps.names import JS, last_value
from nodespec.steps.names import outputs as outputs_of

# The left side of a check: a name, then any chain of .property, [index] and (arguments) (one level of
# nested parentheses), optionally "typeof …" before or "instanceof Name" after.
EXPR = (r"(?:typeof )?[A-Za-z_$][\w$]*(?:\.[\w$]+|\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\))*"
        r"(?: instanceof [A-Za-z_$][\w$]*(?:\.[\w$]+)*)?")

# What was thrown: a code with an optional class, or a class without a code; and optionally the message.
THROWN = (r"(?:(?P<code>ERR_\w+|ABORT_ERR|E[A-Z]+)(?: \((?P<cls>\w+)\))?|an? (?P<plain>[A-Z]\w*) without a code)"
          r"(?:, with the message (?P<message>.+))?")


# -- values ------------------------------------------------------------------------------------------------------


def shown(value: Any) -> Any:
    """A value as it was returned: a byte container as ``hex …`` (a Buffer, a Uint8Array or a Python
    port's bytes all read the same), anything else as itself."""
    if isinstance(value, Handle) and value.hex is not None:
        return Bytes(value.hex.lower())
    if isinstance(value, list):
        return [shown(v) for v in value]
    return value


def fresh_hex(spec: Any, value: Any) -> str:
    """The bytes a Buffer/typed array/ArrayBuffer/SharedArrayBuffer holds now (a handle's hex is a snapshot taken when it
    was returned)."""
    if not isinstance(value, Handle):
        raise Divergence("bytes", "a Buffer", value)
    if value.type in ("ArrayBuffer", "SharedArrayBuffer"):
        view = spec.new(spec.global_("Uint8Array"), value)
    else:
        view = spec.call(value, "subarray")
    if not isinstance(view, Handle) or view.hex is None:
        raise Divergence("bytes", "a byte view", view)
    return view.hex


def _hex_text(text: str) -> str:
    """'01 02' → '0102'; '(none)' is no bytes."""
    text = text.strip()
    return "" if text == "(none)" else "".join(text.split()).lower()


def split_is(text: str) -> tuple[str, str]:
    """``<expr> is <value>``: the first ' is ' after which the left side parses."""
    start = 0
    while True:
        k = text.find(" is ", start)
        if k < 0:
            raise ValueError(f"no ' is ' in {text!r}")
        try:
            parse(text[:k])
            return text[:k], text[k + 4:]
        except ValueError:
            start = k + 1


def _value_of(spec: Any, left: str) -> Any:
    """The left side of a check: ``it`` is the value as it was returned; any other expression is
    evaluated now (a throw fails the step with what was thrown)."""
    try:
        return JS.value(spec, left)
    except OperationError as error:
        raise Divergence(left, "a value", error.error) from None


# -- <expr> is … ------------------------------------------------------------------------------------------------

_SIZED = re.compile(r"an? (?P<type>Buffer|Uint8Array|ArrayBuffer|string) of (?P<n>\d+) (?:bytes?|characters?)")
_SAME = re.compile(r"(?P<neg>not )?the same object as (?P<other>.+)")
_BYTES = re.compile(r"the bytes(?P<hex>(?: [0-9a-fA-F]{2})*| \(none\))\s*")


@then(parsers.re(rf"^(?P<text>{EXPR} is .+)$"))
def _is(spec: Any, text: str) -> None:
    """``<expr> is <value>``, ``is not <value>``, ``is the bytes 68 69``, ``is a Buffer of 4 bytes``,
    ``is the same object as <expr>``."""
    left, right = split_is(text)
    actual = _value_of(spec, left)
    if m := _BYTES.fullmatch(right):
        got = shown(actual).hex if left == "it" and shown(actual) != actual else fresh_hex(spec, actual)
        check(got, _hex_text(m.group("hex")), f"the bytes of {left}")
    elif m := _SIZED.fullmatch(right):
        _check_size(spec, left, actual, m.group("type"), int(m.group("n")))
    elif m := _SAME.fullmatch(right):
        check(actual == JS.value(spec, m.group("other")), not m.group("neg"), f"{left} is {right}")
    elif right.startswith("not "):
        other = shown(JS.value(spec, right[4:], expected=True))
        check(same(norm(shown(actual)), norm(other)), False, f"{left} is {right}")
    else:
        expected = JS.value(spec, right, expected=True)
        check(norm(shown(actual) if isinstance(expected, (Bytes, list)) else actual), norm(expected), left)


def _check_size(spec: Any, left: str, value: Any, type: str, n: int) -> None:
    if type == "string":
        if not isinstance(value, str):
            raise Divergence(left, "a string", value)
        check(len(value.encode("utf-16-le", "surrogatepass")) // 2, n, f"the length of {left}")
        return
    if not isinstance(value, Handle):
        raise Divergence(left, f"a {type}", value)
    if left == "it" and value.hex is not None and type == "Buffer":
        check(len(value.hex) // 2, n, f"the length of {left}")
        return
    check(value.type, type, f"the type of {left}")
    check(spec.get(value, "length" if type != "ArrayBuffer" else "byteLength"), n, f"the length of {left}")


@then(parsers.re(rf"^(?P<left>{EXPR}) (?P<verb>includes|does not include) (?P<items>.+)$"))
def _includes(spec: Any, left: str, verb: str, items: str) -> None:
    listed = _value_of(spec, left)
    if not isinstance(listed, list):
        raise Divergence(left, "a list", listed)
    for item in split(items, ","):
        value = JS.value(spec, item)
        check(value in listed, verb == "includes", f"{value!r} in {left}")


@then(parsers.re(r"^iterating (?P<expr>.+) yields (?P<value>.+)$"))
def _iterating(spec: Any, expr: str, value: str) -> None:
    iterator = JS.value(spec, expr)
    items = []
    for _ in range(10_000):
        step = spec.call(iterator, "next")
        if step.get("done"):
            break
        items.append(step.get("value", UNDEFINED))
    check(items, JS.value(spec, value), f"iterating {expr}")


# -- … throws ------------------------------------------------------------------------------------------------------


def check_thrown(error: Any, code: str | None, cls: str | None, plain: str | None, message: str | None) -> None:
    """``error`` is what THROWN described: CODE (Class), or a Class without a code; then the message."""
    if not isinstance(error, JSError):
        raise Divergence("thrown value", "an Error", error)
    if code:
        check(error.code, code, "error code")
        if cls:
            check(error.name, cls, "error class")
    else:
        check(error.name, plain, "error class")
        check(error.code, None, "error code")
    if message is not None:
        check(error.message, unquote(message), "error message")


@then(parsers.re(rf"^(?P<left>{EXPR}) throws {THROWN}$"))
def _throws(spec: Any, left: str, code: str | None, cls: str | None, plain: str | None,
            message: str | None) -> None:
    """``it throws …``: the last statement threw that; ``<expr> throws …``: evaluating it now does."""
    if left == "it":
        outcome = spec.state.get("outcome")
        if outcome is None:
            raise Divergence("outcome", "a statement that ran", None)
    else:
        try:
            outcome = Outcome(True, JS.value(spec, left))
        except OperationError as error:
            outcome = Outcome(False, error=error.error)
        spec.state["outcome"] = outcome
    if outcome.ok:
        raise Divergence("outcome", "a thrown error", outcome.value)
    check_thrown(outcome.error, code, cls, plain, message)


def _thrown(spec: Any) -> JSError:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok:
        raise Divergence("outcome", "a thrown error", getattr(outcome, "value", outcome))
    return outcome.error


@then(parsers.re(r"^the error's (?P<prop>\w+) is (?P<value>.+)$"))
def _error_prop(spec: Any, prop: str, value: str) -> None:
    """A property of what the last statement threw, or the last promise checked rejected with
    (``message``, or any other read from the error)."""
    error = _thrown(spec)
    if prop == "message":
        check(getattr(error, "message", error), JS.value(spec, value), "error message")
        return
    if not isinstance(error, JSError) or error.id is None:
        raise Divergence("error", "a handle to the thrown error", error)
    check(spec.get(error, prop), JS.value(spec, value, expected=True), f"error.{prop}")


@then("the error's message is:")
def _error_message_doc(spec: Any, docstring: str) -> None:
    check(getattr(_thrown(spec), "message", None), docstring.strip("\n"), "error message")


# -- promises ---------------------------------------------------------------------------------------------------


@then(parsers.re(r"^the promise (?P<name>[a-z]\w*) resolves to (?P<value>.+)$"))
def _resolves(spec: Any, name: str, value: str) -> None:
    result = spec.await_(JS.names(spec)[name])
    check(result.get("status"), "fulfilled", f"the promise {name} ({result})")
    check(result.get("value"), JS.value(spec, value, expected=True), f"the value of {name}")


@then(parsers.re(rf"^the promise (?P<name>[a-z]\w*) rejects with {THROWN}$"))
def _rejects(spec: Any, name: str, code: str | None, cls: str | None, plain: str | None,
             message: str | None) -> None:
    result = spec.await_(JS.names(spec)[name])
    check(result.get("status"), "rejected", f"the promise {name} ({result})")
    reason = result.get("reason")
    spec.state["outcome"] = Outcome(False, error=reason)  # for "the error's <prop> is …"
    check_thrown(reason, code, cls, plain, message)


# -- crypto's outputs ----------------------------------------------------------------------------------------------


@then(parsers.re(r"^the outputs of (?P<name>[a-z]\w*) are (?P<expected>\[.*\])$"))
def _outputs(spec: Any, name: str, expected: str) -> None:
    """What name.update(), .final() and .digest() returned, in order (a call that threw returned nothing)."""
    check(shown(outputs_of(spec, name)), JS.value(spec, expected), "outputs")


@then(parsers.re(r"^the outputs of (?P<name>[a-z]\w*) joined are (?P<expected>.+)$"))
def _joined(spec: Any, name: str, expected: str) -> None:
    last_value(spec)
    outputs = shown(outputs_of(spec, name))
    if outputs and all(isinstance(o, Bytes) for o in outputs):
        joined: Any = Bytes("".join(o.hex for o in outputs))
    elif all(isinstance(o, str) for o in outputs):
        joined = "".join(outputs)
    else:
        raise Divergence("outputs", "all strings or all Buffers", outputs)
    check(joined, JS.value(spec, expected), "joined outputs")
