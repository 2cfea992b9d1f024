"""Helpers shared by the steps: comparing values as JavaScript does, reading literals, divergences."""

from __future__ import annotations

import math
from typing import Any

from nodespec.protocol import NULL, UNDEFINED, BigInt
from nodespec.session import Divergence  # the contract's class: the plugin reports it as data


def same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    if isinstance(expected, float) and expected == 0 and isinstance(actual, (int, float)):
        return actual == 0 and math.copysign(1, actual) == math.copysign(1, expected)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected, strict=True))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k]) for k in expected)
    if type(expected) in (bool, BigInt) or type(actual) in (bool, BigInt):  # true is not 1, 1n is not 1
        return type(expected) is type(actual) and expected == actual
    return actual == expected


def check(actual: Any, expected: Any, what: str = "value") -> None:
    """Assert that ``actual`` is ``expected`` (NaN equals NaN, -0 is not 0, true is not 1)."""
    if not same(actual, expected):
        raise Divergence(what, expected, actual)


def js_value(text: str) -> Any:
    """A JavaScript literal as written in a feature: 1, -0, 2.5, NaN, Infinity, 'x', "x", true, null,
    undefined, 10n, [1, 'a']."""
    text = text.strip()
    if text == "undefined":
        return UNDEFINED
    if text == "null":
        return NULL
    if text in ("true", "false"):
        return text == "true"
    if text in ("NaN", "Infinity", "-Infinity"):
        return float(text.replace("Infinity", "inf").replace("NaN", "nan"))
    if text == "-0":
        return -0.0
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"`":
        return _unescape(text[1:-1])
    if text.endswith("n") and text[:-1].lstrip("-").isdigit():
        return BigInt(int(text[:-1]))
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [js_value(part) for part in _split_top(inner)] if inner else []
    try:
        return int(text, 0) if text.lstrip("-")[:2].lower() in ("0x", "0o", "0b") else int(text)
    except ValueError:
        return float(text)


def _unescape(text: str) -> str:
    """JavaScript string escapes: \\n, \\t, \\\\, \\', \\", \\xHH, \\uHHHH (lone surrogates kept)."""
    if "\\" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 == len(text):
            out.append(c)
            i += 1
            continue
        n = text[i + 1]
        if n == "u":
            out.append(chr(int(text[i + 2:i + 6], 16)))
            i += 6
        elif n == "x":
            out.append(chr(int(text[i + 2:i + 4], 16)))
            i += 4
        else:
            out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}.get(n, n))
            i += 2
    return "".join(out)


def _split_top(text: str) -> list[str]:
    parts, depth, quote, current = [], 0, "", ""
    for c in text:
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += c
    parts.append(current)
    return parts


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
