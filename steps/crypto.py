"""Steps of the crypto specification (features/crypto/).

The vocabulary reads like the Node code it drives, one object at a time::

    Given a des-ecb cipher with key '12345678' and IV ''
    When I call update with 'hello world !!!', 'utf8', 'hex'
    And I call final with 'hex'
    Then the outputs were ['28dba02eb5f6dd47', '8852f80ed9fa959e']

and has compound steps for published vectors::

    When I encrypt hex 6bc1… with aes-128-ecb, key hex 2b7e…, IV hex and no padding
    Then the ciphertext reads 3ad77bb4…

Values in steps are JavaScript literals (``'text'``, ``null``, ``undefined``, ``5``, ``{a: 1}`` as
JSON) or ``hex 00ff…`` for a fresh Buffer holding those bytes (``hex`` alone: an empty Buffer).
Every step talks to the implementation through ``spec``; none touches the reference.

The texts avoid the shapes other modules' steps claim (``name = expr``, ``… is …`` in Then steps):
results are compared with "reads", "were" and "returned".
"""

from __future__ import annotations

import json
import re
from typing import Any

from pytest_bdd import given, parsers, then, when

from nodespec.protocol import UNDEFINED, Bytes, Handle, JSError, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import Divergence, check, js_value

# -- values --------------------------------------------------------------------------------------

_VALUE = r"(?:hex(?: [0-9a-fA-F]*)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\{[^}]*\}|[\w.-]+)"
_VALUE_RE = re.compile(_VALUE)


def value(text: str) -> Any:
    """A step value: ``hex 00ff`` → a fresh Buffer; ``{…}`` → a plain object; else a JS literal."""
    text = text.strip()
    if text == "hex" or text.startswith("hex "):
        return Bytes(text[3:].strip().lower())
    if text.startswith("{"):
        return json.loads(re.sub(r"([{,]\s*)(\w+)\s*:", r'\1"\2":', text.replace("'", '"')))
    return js_value(text)


def values(text: str | None) -> list[Any]:
    """A comma-separated list of step values."""
    if not text:
        return []
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _VALUE_RE.match(text, pos)
        if not m:
            raise ValueError(f"cannot read a value at {text[pos:]!r}")
        out.append(value(m.group()))
        pos = m.end()
        rest = text[pos:].lstrip()
        if rest.startswith(","):
            rest = rest[1:].lstrip()
        pos = len(text) - len(rest)
    return out


def shown(result: Any) -> Any:
    """A result as scenarios write it: a Buffer as ``hex …`` (Bytes), anything else as itself."""
    if isinstance(result, Handle) and result.hex is not None:
        # bytes are bytes: a Buffer, a Uint8Array or a Python port's bytes all read as ``hex …``
        return Bytes(result.hex.lower())
    if isinstance(result, list):
        return [shown(r) for r in result]
    return result


def _try(fn: Any) -> Outcome:
    """Run ``fn``; a JavaScript exception becomes the outcome instead of propagating."""
    try:
        return Outcome(True, fn())
    except OperationError as error:
        return Outcome(False, error=error.error)


def crypto(spec: Any) -> Any:
    if "crypto" not in spec.state:
        spec.state["crypto"] = spec.module("crypto")
    return spec.state["crypto"]


def _record(spec: Any, outcome: Outcome, output: bool) -> Outcome:
    spec.state["outcome"] = outcome
    if outcome.ok and output:
        spec.state.setdefault("outputs", []).append(shown(outcome.value))
    return outcome


def _current(spec: Any) -> Any:
    obj = spec.state.get("object")
    if obj is None:
        raise Divergence("object", "a cipher, decipher, hash or hmac made by an earlier step", None)
    return obj


# -- making objects ------------------------------------------------------------------------------

_FACTORIES = {"cipher": "createCipheriv", "decipher": "createDecipheriv"}


def _make_cipher(spec: Any, alg: str, kind: str, key: str, iv: str, options: str | None) -> Outcome:
    args = [alg, value(key), value(iv)]
    if options:
        args.append(value(options))
    outcome = _try(lambda: spec.call(crypto(spec), _FACTORIES[kind], *args))
    spec.state["outcome"] = outcome
    if outcome.ok:
        spec.state["object"] = outcome.value
        spec.state["outputs"] = []
    return outcome


_CIPHER = (r"an? (?P<alg>\S+) (?P<kind>cipher|decipher) with key (?P<key>" + _VALUE + r") and IV (?P<iv>" + _VALUE
           + r")(?: and options (?P<options>\{.*\}))?")


@given(parsers.re("^" + _CIPHER + "$"))
def _given_cipher(spec: Any, alg: str, kind: str, key: str, iv: str, options: str | None) -> None:
    outcome = _make_cipher(spec, alg, kind, key, iv, options)
    if not outcome.ok:
        raise Divergence(f"create{kind.title()}iv", "an object", outcome.error)


@when(parsers.re("^I create " + _CIPHER + "$"))
def _when_cipher(spec: Any, alg: str, kind: str, key: str, iv: str, options: str | None) -> None:
    _make_cipher(spec, alg, kind, key, iv, options)


def _make_hash(spec: Any, kind: str, alg: str, key: str | None, options: str | None) -> Outcome:
    alg_value = value(alg) if alg[0] in "'\"" or alg in ("undefined", "null") or alg.isdigit() else alg
    if kind == "hash":
        args = [alg_value] + ([value(options)] if options else [])
        outcome = _try(lambda: spec.call(crypto(spec), "createHash", *args))
    else:
        outcome = _try(lambda: spec.call(crypto(spec), "createHmac", alg_value, value(key or "''")))
    spec.state["outcome"] = outcome
    if outcome.ok:
        spec.state["object"] = outcome.value
        spec.state["outputs"] = []
    return outcome


_HASH = (r"an? (?P<alg>\S+) (?P<kind>hash|hmac)(?: with key (?P<key>" + _VALUE + r"))?"
         r"(?: and options (?P<options>\{.*\}))?")


@given(parsers.re("^" + _HASH + "$"))
def _given_hash(spec: Any, alg: str, kind: str, key: str | None, options: str | None) -> None:
    outcome = _make_hash(spec, kind, alg, key, options)
    if not outcome.ok:
        raise Divergence(f"create {kind}", "an object", outcome.error)


@when(parsers.re("^I create " + _HASH + "$"))
def _when_hash(spec: Any, alg: str, kind: str, key: str | None, options: str | None) -> None:
    _make_hash(spec, kind, alg, key, options)


# -- calling methods -----------------------------------------------------------------------------

_OUTPUT_METHODS = {"update", "final", "digest"}


@given(parsers.re(r"^I call (?P<method>\w+)(?: with (?P<args>(?!.* in pieces of \d+ ).+))?$"))
@when(parsers.re(r"^I call (?P<method>\w+)(?: with (?P<args>(?!.* in pieces of \d+ ).+))?$"))
def _call(spec: Any, method: str, args: str | None) -> None:
    """A method of the current object; update/final/digest results are collected as outputs
    (Hash.update returns the hash itself, which is not an output)."""
    obj = _current(spec)
    arguments = values(args)
    outcome = _try(lambda: spec.call(obj, method, *arguments))
    is_output = method in _OUTPUT_METHODS and not (isinstance(outcome.value, Handle) and outcome.value.hex is None)
    _record(spec, outcome, is_output)


@when(parsers.re(r"^I call update with (?P<data>" + _VALUE + r") in pieces of (?P<n>\d+) (?P<unit>bytes|characters)"
                 r"(?:, (?P<rest>.+))?$"))
def _call_in_pieces(spec: Any, data: str, n: str, unit: str, rest: str | None) -> None:
    """update() once per piece of ``n`` bytes (Buffer input) or characters (string input)."""
    obj = _current(spec)
    whole = value(data)
    size = int(n)
    extra = values(rest)
    if isinstance(whole, Bytes):
        raw = bytes(whole)
        pieces: list[Any] = [Bytes(raw[i:i + size].hex()) for i in range(0, len(raw), size)]
    else:
        pieces = [whole[i:i + size] for i in range(0, len(whole), size)]
    for piece in pieces:
        outcome = _record(spec, _try(lambda p=piece: spec.call(obj, "update", p, *extra)), True)
        if not outcome.ok:
            return


@when(parsers.re(r"^I call (?P<method>\w+) on the (?P<what>hash|result)$"))
def _call_on(spec: Any, method: str, what: str) -> None:
    """A method called on the hash object itself, or on the last returned value (the document's
    ``md5(...).toUpperCase()``)."""
    target = _current(spec) if what == "hash" else spec.state["outcome"].value
    spec.state["outcome"] = _try(lambda: spec.call(target, method))


@when(parsers.re(r"^I copy it$"))
def _copy(spec: Any) -> None:
    obj = _current(spec)
    outcome = _try(lambda: spec.call(obj, "copy"))
    spec.state["outcome"] = outcome
    if outcome.ok:
        spec.state["original"] = obj
        spec.state["object"] = outcome.value


@when(parsers.re(r"^I go back to the original$"))
def _back(spec: Any) -> None:
    if "original" not in spec.state:  # copy() threw: say so, rather than fail on a missing name
        outcome = spec.state.get("outcome")
        raise Divergence("copy()", "a copy", outcome.error if outcome is not None else None)
    spec.state["object"] = spec.state["original"]


@when(parsers.re(r"^I ask crypto for (?P<method>\w+)(?: with (?P<args>.+))?$"))
def _module_call(spec: Any, method: str, args: str | None) -> None:
    arguments = values(args)
    spec.state["outcome"] = _try(lambda: spec.call(crypto(spec), method, *arguments))


@when(parsers.re(r"^I ask crypto for the type of (?P<name>\w+)$"))
def _module_typeof(spec: Any, name: str) -> None:
    spec.state["outcome"] = _try(lambda: spec.typeof(spec.get(crypto(spec), name)))


# -- compound steps for vectors ------------------------------------------------------------------

_WITH = (r" with (?P<alg>\S+), key (?P<key>" + _VALUE + r"), IV (?P<iv>" + _VALUE + r")"
         r"(?:,? and AAD (?P<aad>" + _VALUE + r"))?(?:,? and tag (?P<tag>" + _VALUE + r"))?"
         r"(?P<nopad>,? and no padding)?")


def _crypt(spec: Any, kind: str, data: str, alg: str, key: str, iv: str, aad: str | None, tag: str | None,
           nopad: str | None) -> None:
    def run() -> Any:
        obj = spec.call(crypto(spec), _FACTORIES[kind], alg, value(key), value(iv))
        if nopad:
            spec.call(obj, "setAutoPadding", False)
        if aad:
            spec.call(obj, "setAAD", value(aad))
        if tag:
            spec.call(obj, "setAuthTag", value(tag))
        payload = value(data)
        out = spec.call(obj, "update", payload, UNDEFINED, "hex") + spec.call(obj, "final", "hex")
        if kind == "cipher" and alg.lower().endswith("gcm"):
            auth = spec.call(obj, "getAuthTag")
            spec.state["tag"] = shown(auth).hex if isinstance(shown(auth), Bytes) else auth
        return out

    outcome = _try(run)
    spec.state["outcome"] = outcome
    if outcome.ok:
        spec.state["ciphertext" if kind == "cipher" else "plaintext"] = outcome.value


@when(parsers.re(r"^I encrypt (?P<data>" + _VALUE + r")" + _WITH + "$"))
def _encrypt(spec: Any, data: str, alg: str, key: str, iv: str, aad: str | None, tag: str | None, nopad: str | None) -> None:
    _crypt(spec, "cipher", data, alg, key, iv, aad, tag, nopad)


@when(parsers.re(r"^I decrypt (?P<data>" + _VALUE + r")" + _WITH + "$"))
def _decrypt(spec: Any, data: str, alg: str, key: str, iv: str, aad: str | None, tag: str | None, nopad: str | None) -> None:
    _crypt(spec, "decipher", data, alg, key, iv, aad, tag, nopad)


@when(parsers.re(r"^I hash (?P<data>" + _VALUE + r"|one million 'a') with (?P<alg>\S+)$"))
def _hash(spec: Any, data: str, alg: str) -> None:
    payload = "a" * 1_000_000 if data == "one million 'a'" else value(data)
    spec.state["outcome"] = outcome = _try(
        lambda: spec.call(spec.call(spec.call(crypto(spec), "createHash", alg), "update", payload), "digest", "hex"))
    if outcome.ok:
        spec.state["digest"] = outcome.value


@when(parsers.re(r"^I compute the HMAC-(?P<alg>\S+) of (?P<data>" + _VALUE + r") with key (?P<key>" + _VALUE + r")$"))
def _hmac(spec: Any, alg: str, data: str, key: str) -> None:
    spec.state["outcome"] = outcome = _try(
        lambda: spec.call(spec.call(spec.call(crypto(spec), "createHmac", alg, value(key)), "update", value(data)),
                          "digest", "hex"))
    if outcome.ok:
        spec.state["digest"] = outcome.value


# -- outcomes ------------------------------------------------------------------------------------


def _ok(spec: Any) -> Any:
    outcome = spec.state.get("outcome")
    if outcome is None:
        raise Divergence("outcome", "an operation", None)
    if not outcome.ok:
        raise Divergence("outcome", "a value", outcome.error)
    return outcome.value


@then(parsers.re(r"^the (?P<what>ciphertext|plaintext|digest|auth tag) reads (?P<expected>.+)$"))
def _reads(spec: Any, what: str, expected: str) -> None:
    _ok(spec)
    key = {"auth tag": "tag"}.get(what, what)
    expected_value = value(expected) if expected[0] in "'\"" else expected.replace(" ", "").lower()
    check(spec.state.get(key), expected_value, what)


@then(parsers.re(r"^the outputs were (?P<expected>\[.*\])$"))
def _outputs(spec: Any, expected: str) -> None:
    """The values update/final/digest returned, in order (a call that threw returned nothing)."""
    check(spec.state.get("outputs", []), values(expected[1:-1]), "outputs")


@then(parsers.re(r"^together the outputs read (?P<expected>" + _VALUE + r")$"))
def _joined(spec: Any, expected: str) -> None:
    _ok(spec)
    outputs = spec.state.get("outputs", [])
    if outputs and all(isinstance(o, Bytes) for o in outputs):
        joined: Any = Bytes("".join(o.hex for o in outputs))
    elif all(isinstance(o, str) for o in outputs):
        joined = "".join(outputs)
    else:
        raise Divergence("outputs", "all strings or all Buffers", outputs)
    check(joined, value(expected), "joined outputs")


@then(parsers.re(r"^the call returned (?!the same object$|an? (?:Buffer|string) of \d+ )(?P<expected>.+)$"))
def _returned(spec: Any, expected: str) -> None:
    check(shown(_ok(spec)), value(expected), "returned value")


@then(parsers.re(r"^the call returned the same object$"))
def _returned_self(spec: Any) -> None:
    check(_ok(spec), _current(spec), "returned value")


@then(parsers.re(r"^the call returned an? (?P<type>Buffer|string) of (?P<n>\d+) (?:bytes|characters)$"))
def _returned_sized(spec: Any, type: str, n: str) -> None:
    result = _ok(spec)
    if type == "Buffer":
        if not (isinstance(result, Handle) and result.hex is not None):
            raise Divergence("returned value", "a Buffer", result)
        check(len(result.hex) // 2, int(n), "Buffer length")
    else:
        if not isinstance(result, str):
            raise Divergence("returned value", "a string", result)
        check(len(result.encode("utf-16-le", "surrogatepass")) // 2, int(n), "string length")


@when(parsers.re(r"^I remember the result as (?P<name>\w+)$"))
def _remember(spec: Any, name: str) -> None:
    spec.state.setdefault("remembered", {})[name] = shown(_ok(spec))


@then(parsers.re(r"^the result differs from (?P<name>\w+)$"))
def _returned_other(spec: Any, name: str) -> None:
    check(shown(_ok(spec)) != spec.state["remembered"][name], True, f"differs from {name}")


@then(parsers.re(r"^the list (?P<verb>contains|lacks) (?P<names>.+)$"))
def _list_has(spec: Any, verb: str, names: str) -> None:
    listed = _ok(spec)
    if not isinstance(listed, list):
        raise Divergence("result", "a list", listed)
    for name in values(names):
        check(name in listed, verb == "contains", f"{name!r} listed")


@then(parsers.re(r"^it throws an? (?P<name>\w+) with no code(?: and the message (?P<message>.+))?$"))
def _throws_codeless(spec: Any, name: str, message: str | None) -> None:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok:
        raise Divergence("outcome", "a thrown error", getattr(outcome, "value", None))
    error = outcome.error
    if not isinstance(error, JSError):
        raise Divergence("thrown value", "an Error", error)
    check(error.name, name, "error class")
    check(error.code, None, "error code")
    if message is not None:
        check(error.message, value(message), "error message")


@then(parsers.re(r"^the error message reads (?P<message>.+)$"))
@then(parsers.re(r"^it has the message (?P<message>.+)$"))
def _message(spec: Any, message: str) -> None:
    outcome = spec.state.get("outcome")
    if outcome is None or outcome.ok:
        raise Divergence("outcome", "a thrown error", getattr(outcome, "value", None))
    check(outcome.error.message, value(message), "error message")


@then(parsers.re(r"^typeof the object reads (?P<expected>'\w+')$"))
def _typeof(spec: Any, expected: str) -> None:
    check(spec.typeof(_current(spec)), value(expected), "typeof")


@then(parsers.re(r"^the object belongs to crypto\.(?P<cls>\w+)$"))
def _instance(spec: Any, cls: str) -> None:
    check(spec.instanceof(_current(spec), spec.get(crypto(spec), cls)), True, f"instanceof crypto.{cls}")


__all__ = ["value", "values", "shown", "OperationError"]
