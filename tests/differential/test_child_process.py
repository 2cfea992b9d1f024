"""Differential tests: the reference's IPC serialization against Node.js 20.

Node's default ('json') serialization writes ``JSON.stringify(message)`` per line
(lib/internal/child_process/serialization.js). Random message trees — numbers of every shape (NaN,
±Infinity, -0, 1e-7, 1e21…), strings with control characters, U+2028 and lone surrogates, objects
whose keys look like array indices, nested arrays with holes of undefined, Dates, Buffers, Maps,
Sets, Errors and functions — are built natively in Node and stringified there, and compared with
``nodespec.reference.child_process.serialize``. A second test sends such messages from a reference
parent to a real Node child over Node's own IPC channel (NODE_CHANNEL_FD): the child must receive
exactly what Node would have received from a Node parent, and what it sends back must reach the
reference as the same value (JSON's null as ``NULL``).
"""

from __future__ import annotations

import datetime
import json
import math
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodespec.implementation import kill_group, spawn
from nodespec.reference import child_process as cp
from nodespec.reference.loop import default_loop
from nodespec.reference.types import NULL
from nodespec.testing import examples

SETTINGS = dict(deadline=None, database=None, suppress_health_check=list(HealthCheck))

BUILD = r"""
const build = (d) => {
  switch (d.t) {
    case 'null': return null;
    case 'undef': return undefined;
    case 'bool': return d.v;
    case 'num': return Number(d.v);
    case 'str': return d.v;
    case 'date': return new Date(d.v);
    case 'buf': return Buffer.from(d.v);
    case 'map': return new Map([['k', 1]]);
    case 'set': return new Set([1]);
    case 'err': return new Error(d.v);
    case 'fn': return function f() {};
    case 'arr': return d.v.map(build);
    case 'obj': { const o = {}; for (const [k, v] of d.v) o[k] = build(v); return o; }
  }
};
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  process.stdout.write(JSON.stringify(JSON.stringify(build(JSON.parse(line)))) + '\n');
});
"""

ECHO_CHILD = "process.on('message', (m) => process.send([JSON.stringify(m), m]));\n"

FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-0.0, 1e-7, 1e-6, 1e21, 1e20, 0.1, 5e-324, 123456789012345680000.0, 1.5e-10]),
)
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12) | st.sampled_from(
    ["\u2028", "\ud800", "a\udc00b", "\x00\x1f\x7f", '"\\/', "é😀"]
)
KEYS = st.one_of(
    st.text(max_size=4), st.integers(0, 20).map(str), st.sampled_from(["01", "-1", "4294967295", "1.5"])
)


def leaf() -> st.SearchStrategy[tuple[Any, dict[str, Any]]]:
    return st.one_of(
        st.just((NULL, {"t": "null"})),
        st.just((None, {"t": "undef"})),  # None is undefined in the reference
        st.just((cp.UNDEFINED, {"t": "undef"})),
        st.booleans().map(lambda b: (b, {"t": "bool", "v": b})),
        st.integers(-(2**53), 2**53).map(lambda i: (i, {"t": "num", "v": str(i)})),
        FLOATS.map(
            lambda f: (
                f,
                {
                    "t": "num",
                    "v": "NaN"
                    if math.isnan(f)
                    else ("-0" if f == 0 and math.copysign(1, f) < 0 else repr(f).replace("inf", "Infinity")),
                },
            )
        ),
        TEXT.map(lambda s: (s, {"t": "str", "v": s})),
        st.integers(0, 2**41).map(
            lambda ms: (datetime.datetime.fromtimestamp(ms / 1000, datetime.UTC), {"t": "date", "v": ms})
        ),
        st.binary(max_size=6).map(lambda b: (b, {"t": "buf", "v": list(b)})),
        st.just(({("k", 1)}, {"t": "map"})),
        st.just((frozenset([1]), {"t": "set"})),
        st.text(max_size=3).map(lambda m: (ValueError(m), {"t": "err", "v": m})),
        st.just((lambda: None, {"t": "fn"})),
    )


def tree() -> st.SearchStrategy[tuple[Any, dict[str, Any]]]:
    def extend(
        children: st.SearchStrategy[tuple[Any, dict[str, Any]]],
    ) -> st.SearchStrategy[tuple[Any, dict[str, Any]]]:
        arrays = st.lists(children, max_size=4).map(
            lambda xs: ([x[0] for x in xs], {"t": "arr", "v": [x[1] for x in xs]})
        )
        objects = st.lists(st.tuples(KEYS, children), max_size=4, unique_by=lambda kv: kv[0]).map(
            lambda kvs: ({k: v[0] for k, v in kvs}, {"t": "obj", "v": [[k, v[1]] for k, v in kvs]})
        )
        return arrays | objects

    return st.recursive(leaf(), extend, max_leaves=12)


MESSAGES = tree().filter(lambda pair: pair[1]["t"] not in ("undef", "fn"))


@pytest.fixture(scope="module")
def node_stringify():
    proc = spawn(["node", "-e", BUILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout

    def stringify(description: dict[str, Any]) -> str:
        proc.stdin.write((json.dumps(description) + "\n").encode())
        proc.stdin.flush()
        return json.loads(proc.stdout.readline())

    yield stringify
    proc.stdin.close()
    kill_group(proc)


def test_serialize_is_json_stringify(node_stringify: Any, differential_report: Any) -> None:
    counts = {"n": 0, "d": 0}

    @settings(max_examples=examples(150), **SETTINGS)
    @given(MESSAGES)
    def check(pair: tuple[Any, dict[str, Any]]) -> None:
        value, description = pair
        expected = node_stringify(description)
        actual = cp.serialize(value).decode("utf-8", errors="surrogatepass")[:-1]
        counts["n"] += 1
        if actual != expected:
            counts["d"] += 1
        assert actual == expected, (description, actual, expected)

    try:
        check()
    finally:
        differential_report(
            "child_process IPC serialize vs JSON.stringify", compared=counts["n"], differences=counts["d"]
        )


def test_a_node_child_and_the_reference_parent_exchange_messages_intact(
    tmp_path: Path, differential_report: Any
) -> None:
    script = tmp_path / "echo.cjs"
    script.write_text(ECHO_CHILD)
    child = cp.spawn("node", [str(script)], {"stdio": ["ignore", "inherit", "inherit", "ipc"]})
    replies: list[list[Any]] = []
    child.on("message", replies.append)
    counts = {"n": 0, "d": 0}

    @settings(max_examples=examples(60), **SETTINGS)
    @given(MESSAGES)
    def check(pair: tuple[Any, dict[str, Any]]) -> None:
        value, _description = pair
        before = len(replies)
        child.send(value)
        default_loop.run_until(lambda: len(replies) > before, timeout=10)
        text, echoed = replies[-1]
        sent, received = cp.json_stringify(value), cp.json_stringify(echoed)
        counts["n"] += 1
        counts["d"] += text != sent or received != sent
        assert text == sent  # what the node child received
        assert received == sent  # what the reference received back (JSON's null as NULL)

    try:
        check()
    finally:
        child.disconnect()
        default_loop.run(timeout=5)
        differential_report(
            "child_process reference parent <-> node child over IPC",
            compared=counts["n"],
            differences=counts["d"],
        )
