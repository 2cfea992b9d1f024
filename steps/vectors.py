"""Published test vectors in one step each: the whole Node sequence (create, setAutoPadding/setAAD/
setAuthTag, update, final, getAuthTag) runs, and the result is bound for ``Then`` to compare::

    When I encrypt hex 6bc1… with aes-128-ecb, key hex 2b7e…, IV hex and no padding
    Then the ciphertext is 3ad77bb4…

keeps the ciphertext (and the auth tag for GCM), the plaintext, or the digest as hex. Values are the
expressions of ``steps/expressions.py`` (``hex 00ff``: a fresh Buffer holding those bytes). What a
vector's operation throws is what ``Then it throws …`` reads.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, then, when

from nodespec.protocol import UNDEFINED, Handle, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import check
from nodespec.steps.names import JS, last_value

# One value: hex 00ff, a quoted string, a word (undefined, null, 5).
_VALUE = r"(?:hex(?: [0-9a-fA-F]*)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[\w.-]+)"


def _run(spec: Any, name: str, fn: Any) -> None:
    try:
        outcome = Outcome(True, fn())
    except OperationError as error:
        outcome = Outcome(False, error=error.error)
    spec.state["outcome"] = outcome
    if outcome.ok:
        spec.state.setdefault("vectors", {})[name] = outcome.value


@when(parsers.re(r"^I (?P<verb>encrypt|decrypt) (?P<data>" + _VALUE + r") with (?P<alg>\S+), key (?P<key>" + _VALUE
                 + r"), IV (?P<iv>" + _VALUE + r")(?:,? and AAD (?P<aad>" + _VALUE + r"))?(?:,? and tag (?P<tag>"
                 + _VALUE + r"))?(?P<nopad>,? and no padding)?$"))
def _crypt(spec: Any, verb: str, data: str, alg: str, key: str, iv: str, aad: str | None, tag: str | None,
           nopad: str | None) -> None:
    def run() -> Any:
        crypto = spec.module("crypto")
        factory = "createCipheriv" if verb == "encrypt" else "createDecipheriv"
        obj = spec.call(crypto, factory, alg, JS.value(spec, key), JS.value(spec, iv))
        if nopad:
            spec.call(obj, "setAutoPadding", False)
        if aad:
            spec.call(obj, "setAAD", JS.value(spec, aad))
        if tag:
            spec.call(obj, "setAuthTag", JS.value(spec, tag))
        out = spec.call(obj, "update", JS.value(spec, data), UNDEFINED, "hex") + spec.call(obj, "final", "hex")
        if verb == "encrypt" and alg.lower().endswith("gcm"):
            auth = spec.call(obj, "getAuthTag")
            auth_hex = auth.hex.lower() if isinstance(auth, Handle) and auth.hex is not None else auth
            spec.state.setdefault("vectors", {})["auth tag"] = auth_hex
        return out

    _run(spec, "ciphertext" if verb == "encrypt" else "plaintext", run)


@when(parsers.re(r"^I hash (?P<data>.+) with (?P<alg>\S+)$"))
def _hash(spec: Any, data: str, alg: str) -> None:
    _run(spec, "digest", lambda: spec.call(spec.call(spec.call(spec.module("crypto"), "createHash", alg), "update",
                                                     JS.value(spec, data)), "digest", "hex"))


@when(parsers.re(r"^I compute the HMAC-(?P<alg>\S+) of (?P<data>" + _VALUE + r") with key (?P<key>" + _VALUE + r")$"))
def _hmac(spec: Any, alg: str, data: str, key: str) -> None:
    _run(spec, "digest", lambda: spec.call(spec.call(spec.call(spec.module("crypto"), "createHmac", alg,
                                                               JS.value(spec, key)),
                                                     "update", JS.value(spec, data)), "digest", "hex"))


@then(parsers.re(r"^the (?P<what>ciphertext|plaintext|digest|auth tag) is (?P<expected>.+)$"))
def _vector_is(spec: Any, what: str, expected: str) -> None:
    """The vector's result as hex (spaces and case do not matter), or a quoted string."""
    last_value(spec)
    wanted = JS.value(spec, expected) if expected[0] in "'\"" else expected.replace(" ", "").lower()
    check(spec.state.get("vectors", {}).get(what), wanted, what)
