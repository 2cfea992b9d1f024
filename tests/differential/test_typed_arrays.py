"""Differential tests: the reference's typed arrays, DataView and Buffer's API over them, against Node.js.

* elements: random values (integers of every size, fractions, NaN, ±Infinity, -0, booleans, null,
  undefined, numeric and other strings; BigInts for the BigInt arrays) stored in each typed array type,
  then read back, given to ``Buffer.from`` (each element to a byte) and ``Buffer.copyBytesFrom`` with
  random element offsets and lengths, and ``set()`` into a Buffer at a random offset;
* views of an ArrayBuffer: ``new X(buffer, byteOffset, length)``, ``new DataView(…)`` and
  ``Buffer.from(buffer, byteOffset, length)`` with random sizes, offsets and lengths (in and out of
  range, fractional, negative, strings, undefined), compared with V8's messages too.

Every value and every error (class, code and message) is compared.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodespec import protocol
from nodespec.protocol import NULL, UNDEFINED, Handle, JSError
from nodespec.testing import examples
from nodespec.values import BigInt

SETTINGS = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))
NUMBER_TYPES = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
                "Uint32Array", "Float32Array", "Float64Array"]
BIGINT_TYPES = ["BigInt64Array", "BigUint64Array"]


def comparable(value: Any) -> Any:
    if isinstance(value, Handle):
        return ("bytes", value.type, value.hex) if value.hex is not None else ("handle", value.type)
    if isinstance(value, JSError):
        return ("error", value.name, None if value.code is UNDEFINED else value.code, value.message)
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, BigInt) or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value == 0:  # 0 and 0.0 are one number; -0 is another
        return ("zero", math.copysign(1, float(value)))
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def outcomes(session: Any, ops: list[dict[str, Any]]) -> list[Any]:
    return [comparable(protocol.decode(o.value) if o.ok else o.error) for o in session.batch(ops)]


def made(session: Any, cls: Any, *args: Any) -> tuple[Any, Any]:
    """``new cls(...args)``: (the handle, its comparable form), or (None, the error)."""
    outcome = session.attempt("new", cls, *args)
    return (outcome.value, comparable(outcome.value)) if outcome.ok else (None, comparable(outcome.error))


number = st.one_of(
    st.integers(-(2**34), 2**34), st.integers(-300, 300),
    st.integers(-(2**64), 2**64).map(float),  # a JavaScript number: integers past 2**53 travel as doubles
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([-0.0, 0.5, 1.5, 2.5, 254.5, 255.5, -0.5]),
    st.booleans(), st.sampled_from([NULL, UNDEFINED, "1", "0x10", "-2", "", "abc", "1e3", " 7 "]),
)
bigint = st.one_of(st.integers(-(2**65), 2**65).map(BigInt), st.sampled_from([True, "12", "0x10", "-3"]))
element_offset = st.one_of(st.integers(-2, 8), st.sampled_from([UNDEFINED, 1.5, "1"]))
view_offset = st.one_of(st.integers(-3, 20), st.sampled_from([UNDEFINED, NULL, 1.5, 2.5, -0.5, -1.5, "2", "x", True, math.inf, -math.inf]))


def test_typed_array_elements_agree_with_node(node_session: Any, reference_session: Any,
                                              differential_report: Any) -> None:
    counts = {"compared": 0, "differences": 0}
    sessions = (node_session, reference_session)
    buffers = [s.get(s.module("buffer"), "Buffer") for s in sessions]

    @settings(max_examples=examples(100), **SETTINGS)
    @given(st.data())
    def check(data: Any) -> None:
        bigints = data.draw(st.booleans())
        kind = data.draw(st.sampled_from(BIGINT_TYPES if bigints else NUMBER_TYPES))
        values = data.draw(st.lists(bigint if bigints else number, max_size=8))
        offset, length, at = data.draw(element_offset), data.draw(element_offset), data.draw(st.integers(-1, 10))
        results = []
        for session, cls in zip(sessions, buffers, strict=True):
            array, shown = made(session, session.global_(kind), values)
            result = [shown]
            if array is not None:
                target = session.call(cls, "alloc", 10)
                ops = [protocol.get(array, i) for i in range(len(values))]
                ops += [protocol.call(cls, "from", array), protocol.call(cls, "copyBytesFrom", array, offset, length),
                        protocol.call(cls, "byteLength", array), protocol.call(target, "set", array, at),
                        protocol.call(target, "toString", "hex")]
                result += outcomes(session, ops)
            results.append(result)
        counts["compared"] += len(results[0])
        if results[0] != results[1]:
            print("typed array DIFFERS", kind, values, offset, length, at,
                  [(i, a, b) for i, (a, b) in enumerate(zip(*results, strict=False)) if a != b])
            counts["differences"] += 1

    check()
    differential_report("typed arrays: elements, Buffer.from, copyBytesFrom, set", compared=counts["compared"],
                        differences=counts["differences"])
    assert counts["differences"] == 0


def test_views_of_an_array_buffer_agree_with_node(node_session: Any, reference_session: Any,
                                                  differential_report: Any) -> None:
    counts = {"compared": 0, "differences": 0}
    sessions = (node_session, reference_session)
    buffers = [s.get(s.module("buffer"), "Buffer") for s in sessions]

    @settings(max_examples=examples(100), **SETTINGS)
    @given(st.sampled_from(["Int16Array", "Uint32Array", "Float64Array", "Uint8Array", "DataView"]),
           st.sampled_from(["ArrayBuffer", "SharedArrayBuffer"]), st.integers(0, 16), view_offset, view_offset)
    def check(kind: str, memory: str, size: int, offset: Any, length: Any) -> None:
        results = []
        for session, cls in zip(sessions, buffers, strict=True):
            ab = session.new(session.global_(memory), size)
            view, shown = made(session, session.global_(kind), ab, offset, length)
            result = [shown]
            if view is not None:
                result += outcomes(session, [protocol.get(view, "byteOffset"), protocol.get(view, "byteLength")])
            result += outcomes(session, [protocol.call(cls, "from", ab, offset, length)])
            results.append(result)
        counts["compared"] += len(results[0])
        if results[0] != results[1]:
            print("view DIFFERS", kind, memory, size, offset, length,
                  [(i, a, b) for i, (a, b) in enumerate(zip(*results, strict=False)) if a != b])
            counts["differences"] += 1

    check()
    differential_report("views of an array buffer: constructors and Buffer.from(buffer, offset, length)",
                        compared=counts["compared"], differences=counts["differences"])
    assert counts["differences"] == 0
