"""Tests of the buffer module's tooling: the steps' expression language and the benchmark command."""

from __future__ import annotations

import math

from nodespec.bench import buffer as bench
from nodespec.protocol import NULL, UNDEFINED, BigInt
from nodespec.steps.checks import _hex_text, split_is
from nodespec.steps.common import norm
from nodespec.steps.expressions import parse


def test_expression_language_parses_node_code() -> None:
    assert parse("Buffer.from([257, 'a', -1.5, undefined, null, 10n])") == (
        "call", ("name", "Buffer"), "from",
        [("arr", [("lit", 257), ("lit", "a"), ("lit", -1.5), ("lit", UNDEFINED), ("lit", NULL), ("lit", BigInt(10))])])
    assert math.isnan(parse("NaN")[1])
    assert parse("b.buffer.byteLength") == ("get", ("get", ("name", "b"), "buffer"), "byteLength")
    assert parse("b[0]") == ("index", ("name", "b"), ("lit", 0))
    assert parse("new Uint8Array(2)") == ("new", ("name", "Uint8Array"), [("lit", 2)])
    assert parse("{type: 'Buffer', data: []}") == ("obj", {"type": ("lit", "Buffer"), "data": ("arr", [])})
    assert parse("0b01000010") == ("lit", 66)


def test_split_is_finds_the_comparison() -> None:
    assert split_is("s.toString('utf8', 0, 9) is 'Node.js \\ufffd'") == ("s.toString('utf8', 0, 9)", "'Node.js \\ufffd'")
    assert split_is("b.toString() is 'this is it'") == ("b.toString()", "'this is it'")


def test_strings_compare_as_utf16_code_units() -> None:
    assert norm("\ud83d\ude00") == norm("😀")
    assert _hex_text(" 01 02 ") == "0102" and _hex_text("(none)") == ""


def test_benchmark_command_runs(monkeypatch, capsys) -> None:
    monkeypatch.setattr(bench, "interleaved", lambda contenders: {name: (fn(), 1e-6)[1] for name, fn in contenders.items()})
    assert bench.main(["--sizes", "1024", "--no-node", "--no-http"]) == 0
    out = capsys.readouterr().out
    assert "from(string, 'base64')" in out and "toString('hex')" in out
