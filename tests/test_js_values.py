"""``nodespec.reference.js``: ``number_to_string`` (ECMAScript Number::toString) differentially
against Node's ``String(x)``, and ``received`` (Node's ``Received …`` suffix) against messages
probed on Node.js 20.20.2.

Node runs as one ``node -e`` process per test (not through the bridge, whose JSON would lose the
value being stringified): doubles go to its stdin as the hex of their IEEE-754 bits (exact, also
for NaN, -0 and the infinities), Python ints as decimal strings (``Number(s)``); it answers
``String(x)`` as JSON.
"""

from __future__ import annotations

import json
import math
import shutil
import struct
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodespec.reference import events
from nodespec.reference.errors import NodeError
from nodespec.reference.js import number_to_string, out_of_range_received, received, specific_type
from nodespec.reference.types import NULL, BigInt, Symbol
from nodespec.testing import examples

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not on PATH")

# One request per line: {"b": "<16 hex digits>"} (a double's bits) or {"i": "<digits>"} (Number(s));
# one answer per line: JSON.stringify(String(x)). A JSON array on one line is answered with an array.
_NODE_SCRIPT = r"""
const decode = (r) => r.b !== undefined ? Buffer.from(r.b, 'hex').readDoubleBE(0) : Number(r.i);
const answer = (line) => {
  const req = JSON.parse(line);
  return JSON.stringify(Array.isArray(req) ? req.map((r) => String(decode(r))) : String(decode(req)));
};
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  process.stdout.write(answer(line) + '\n');
});
"""


def _request(x: float | int) -> dict[str, str]:
    if isinstance(x, float):
        return {"b": struct.pack(">d", x).hex()}
    return {"i": str(x)}


class NodeStringifier:
    """A ``node -e`` process answering ``String(x)``; one line per request."""

    def __init__(self) -> None:
        assert NODE is not None
        self.proc = subprocess.Popen(
            [NODE, "-e", _NODE_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )

    def _ask(self, payload: Any) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(payload) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"node exited ({self.proc.poll()})")
        return json.loads(line)

    def one(self, x: float | int) -> str:
        return self._ask(_request(x))

    def batch(self, xs: list[float | int]) -> list[str]:
        return self._ask([_request(x) for x in xs])

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def node_string() -> Iterator[NodeStringifier]:
    stringifier = NodeStringifier()
    try:
        yield stringifier
    finally:
        stringifier.close()


# ---------------------------------------------------------------------------------------------
# number_to_string: fixed cases (probed on Node 20.20.2) and the differential
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.5e-6, "0.0000025"),
        (1.2345678901234568e20, "123456789012345680000"),
        (2**60, "1152921504606847000"),
        (float(2**60), "1152921504606847000"),
        (2**53 + 1, "9007199254740992"),
        (-0.0, "0"),
        (0, "0"),
        (1.0, "1"),
        (100, "100"),
        (0.1, "0.1"),
        (-1.5, "-1.5"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (1e-6, "0.000001"),
        (1e21, "1e+21"),
        (1.5e21, "1.5e+21"),
        (999999999999999900000.0, "999999999999999900000"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
        (10**400, "Infinity"),
        (-(10**400), "-Infinity"),
        (True, "true"),
        (BigInt(2**64), "18446744073709551616"),
    ],
)
def test_number_to_string_examples(value: Any, expected: str) -> None:
    assert number_to_string(value) == expected


def _edge_doubles() -> list[float | int]:
    """Integers around 2**53, powers of ten and their neighbours from 1e-324 to 1e308 (the
    decimal/exponent boundaries 1e-7 and 1e21 among them), subnormals, and the specials."""
    values: list[float | int] = [0.0, -0.0, math.nan, math.inf, -math.inf, 5e-324, -5e-324, 2.2250738585072014e-308,
                                 1.7976931348623157e308]
    for d in range(-300, 301):
        values.append(float(2**53 + d))
        values.append(2**53 + d)  # a Python int: rounded to a double as JavaScript would
    for e in range(-324, 309):
        p = float(f"1e{e}")
        values += [p, math.nextafter(p, 0.0), math.nextafter(p, math.inf), -p, float(f"1.5e{e}")]
    for k in range(1, 30):
        values += [float(2**k * 3) / 7, 2.0**-k, 2.0 ** (k * 30), 2**k * 10**k]
    return values


@needs_node
def test_number_to_string_matches_node_on_edges(node_string: NodeStringifier, differential_report: Any) -> None:
    values = _edge_doubles()
    expected = node_string.batch(values)
    got = [number_to_string(x) for x in values]
    mismatches = [(x, g, e) for x, g, e in zip(values, got, expected, strict=True) if g != e]
    differential_report("String(number), edge doubles", compared=len(values), differences=len(mismatches))
    assert mismatches == []
    assert len(values) >= 2000


def _from_bits(bits: int) -> float:
    return struct.unpack(">d", bits.to_bytes(8, "big"))[0]


doubles = st.one_of(
    st.floats(),  # hypothesis leans to edge values: subnormals, 0, -0, inf, nan, max
    st.integers(0, 2**64 - 1).map(_from_bits),  # uniform over bit patterns: every exponent
    st.integers(-(2**12), 2**12).map(lambda d: float(2**53 + d)),
    st.integers(-(2**12), 2**12).map(lambda d: -float(2**53 + d)),
    st.integers(-(2**75), 2**75),  # Python ints (Numbers), exact or rounded
    st.builds(lambda digits, e: float(f"{digits}e{e}"), st.integers(1, 10**17), st.integers(-345, 310)),
    st.builds(lambda m, e: math.ldexp(m, e), st.floats(0.5, 1.0, exclude_max=True), st.integers(-1074, 1024)),
)


@needs_node
def test_number_to_string_matches_node_on_random_doubles(
    node_string: NodeStringifier, differential_report: Any
) -> None:
    compared: list[float | int] = []
    mismatches: dict[str, tuple[str, str]] = {}

    @settings(max_examples=examples(500), deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(doubles)
    def check(x: float | int) -> None:
        compared.append(x)
        expected = node_string.one(x)
        got = number_to_string(x)
        if got != expected:
            mismatches[repr(x)] = (got, expected)
        assert got == expected, f"String({x!r}): reference {got!r}, Node {expected!r}"

    try:
        check()
    finally:
        differential_report("String(number), hypothesis", compared=len(compared), differences=len(mismatches))


# ---------------------------------------------------------------------------------------------
# received: Node's determineSpecificType suffix, as probed on Node 20.20.2
# (new EventEmitter().setMaxListeners(v) / .on('x', v) and read e.message)
# ---------------------------------------------------------------------------------------------
def foo() -> None:
    pass


class K:
    pass


class Foo:
    pass


class Named:
    js_name = "Map"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "Received undefined"),
        (NULL, "Received null"),
        (123, "Received type number (123)"),
        (1.5, "Received type number (1.5)"),
        (-0.0, "Received type number (-0)"),
        (0, "Received type number (0)"),
        (math.nan, "Received type number (NaN)"),
        (math.inf, "Received type number (Infinity)"),
        (-math.inf, "Received type number (-Infinity)"),
        (2.5e-6, "Received type number (0.0000025)"),
        (1e21, "Received type number (1e+21)"),
        (2**60, "Received type number (1152921504606847000)"),
        (BigInt(123), "Received type bigint (123n)"),
        (BigInt(-5), "Received type bigint (-5n)"),
        (True, "Received type boolean (true)"),
        (False, "Received type boolean (false)"),
        (Symbol(), "Received type symbol (Symbol())"),
        (Symbol("x"), "Received type symbol (Symbol(x))"),
        (Symbol("a b"), "Received type symbol (Symbol(a b))"),
        ("x", "Received type string ('x')"),
        ("it's", "Received type string (\"it's\")"),
        ("a" * 28, "Received type string ('aaaaaaaaaaaaaaaaaaaaaaaaaaaa')"),
        ("a" * 29, "Received type string ('aaaaaaaaaaaaaaaaaaaaaaaaa...')"),
        ("a\nb", "Received type string ('a\nb')"),
        ("a\u2028b", "Received type string ('a\u2028b')"),
        ("it's \"q\"", 'Received type string ("it\'s \\"q\\"")'),
        ("it's\u0001\ud800", 'Received type string ("it\'s\\u0001\\ud800")'),
        ("é😀", "Received type string ('é😀')"),
        ("😀" * 13 + "x", "Received type string ('" + "😀" * 13 + "x')"),  # 27 UTF-16 units: whole
        ("ab" * 20 + "'", "Received type string ('ababababababababababababa...')"),
        (foo, "Received function foo"),
        (lambda: None, "Received function "),
        (K, "Received function K"),
        (max, "Received function max"),
        ({}, "Received an instance of Object"),
        ({"a": 1}, "Received an instance of Object"),
        ([], "Received an instance of Array"),
        ([1], "Received an instance of Array"),
        (Foo(), "Received an instance of Foo"),
        (Named(), "Received an instance of Map"),
        (b"a", "Received an instance of Uint8Array"),
        (NodeError("e"), "Received an instance of Error"),
        (TypeError("t"), "Received an instance of TypeError"),
        (events.EventEmitter(), "Received an instance of EventEmitter"),
    ],
)
def test_received(value: Any, expected: str) -> None:
    assert received(value) == expected
    assert specific_type(value) == expected.removeprefix("Received ")


def test_received_truncates_in_utf16_units() -> None:
    # '😀'.repeat(15): 30 code units; Node keeps 25 of them, the last a lone high surrogate.
    assert received("😀" * 15) == "Received type string ('" + "😀" * 12 + "\ud83d...')"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-2.5e-6, "-0.0000025"),
        (-(2**60), "-1_152_921_504_606_847_000"),
        (-1e21, "-1e_+21"),
        (-1e25, "-1e_+25"),
        (-(2**32) - 1, "-4_294_967_297"),
        (2**32, "4294967296"),
        (2**31, "2147483648"),
        (-1.5, "-1.5"),
        (-0.0, "-0"),
        (-math.inf, "-Infinity"),
        (math.nan, "NaN"),
        (BigInt(2**33), "8_589_934_592n"),
        (BigInt(-1), "-1n"),
    ],
)
def test_out_of_range_received(value: Any, expected: str) -> None:
    assert out_of_range_received(value) == expected


# ---------------------------------------------------------------------------------------------
# What the review found, through the modules that now use these helpers (Node's answers)
# ---------------------------------------------------------------------------------------------
def test_event_names_stringify_numbers_like_javascript() -> None:
    e = events.EventEmitter()
    for name in (2.5e-6, 2**60, -0.0):
        e.on(name, foo)
    assert e.event_names() == ["0", "0.0000025", "1152921504606847000"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-2.5e-6, 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -0.0000025'),
        (-(2**60), 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1_152_921_504_606_847_000'),
        (-1e21, 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1e_+21'),
        (math.nan, 'The value of "setMaxListeners" is out of range. It must be >= 0. Received NaN'),
        (foo, 'The "setMaxListeners" argument must be of type number. Received function foo'),
    ],
)
def test_set_max_listeners_messages(value: Any, expected: str) -> None:
    with pytest.raises(NodeError) as info:
        events.EventEmitter().set_max_listeners(value)
    assert str(info.value.message if hasattr(info.value, "message") else info.value) == expected
