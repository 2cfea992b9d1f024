"""JavaScript value formatting shared by the reference modules: ``String(number)`` and the
``Received …`` suffix of Node's argument errors.

* :func:`number_to_string` is ECMAScript's Number::toString(10) (what ``String(x)``, template
  literals and property keys give for a Number): the shortest digits that round-trip (Python's
  ``repr`` finds the same ones), laid out the JavaScript way: ``1`` not ``1.0``, ``0.0000025``,
  ``1e-7``, ``123456789012345680000``, ``1e+21``; ``-0`` is ``0``.
* :func:`received` is Node's ``Received …`` tail of ``ERR_INVALID_ARG_TYPE`` (and the other errors
  built on ``determineSpecificType`` in ``lib/internal/errors.js``): ``Received undefined``,
  ``Received null``, ``Received type number (123)``, ``Received type string ('x')``,
  ``Received function f``, ``Received an instance of Map``; :func:`specific_type` is the same without
  the ``Received`` word.

Values are the reference's: ``None`` is ``undefined``, :data:`~nodespec.reference.types.NULL` is
``null``, :class:`~nodespec.reference.types.BigInt` a BigInt, :class:`~nodespec.reference.types.Symbol`
a Symbol, ``str`` a string (read as UTF-16 code units, like JavaScript's ``length``), ``list`` an Array,
``dict`` a plain Object, bytes-like values a ``Uint8Array``, a class with ``js_name`` an instance of
that JavaScript class.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .types import NULL, BigInt, Symbol

__all__ = ["number_to_string", "out_of_range_received", "received", "specific_type"]


def number_to_string(x: float | int) -> str:
    """ECMAScript Number::toString(10) of ``x`` (``String(x)``).

    A Python ``int`` is a Number, so it is first rounded to the nearest double as JavaScript would
    (``2**60`` → ``'1152921504606847000'``). For convenience a ``bool`` gives ``'true'``/``'false'``
    and a :class:`BigInt` its exact digits (``String(5n)`` is ``'5'``).
    """
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, BigInt):
        return str(int(x))
    if isinstance(x, int):
        try:
            x = float(x)
        except OverflowError:
            x = math.inf if x > 0 else -math.inf
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"  # also -0
    sign = "-" if x < 0 else ""
    # repr gives the shortest round-trip digits; find s (digits), k = len(s), n such that
    # x = 0.s × 10**n, i.e. s × 10**(n - k), as in the specification.
    mantissa, _, exp = repr(abs(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    raw = whole + frac
    n = len(whole) + (int(exp) if exp else 0)
    digits = raw.lstrip("0")
    n -= len(raw) - len(digits)
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        tail = f"e{'+' if e >= 0 else '-'}{abs(e)}"
        text = (digits if k == 1 else digits[0] + "." + digits[1:]) + tail
    return sign + text


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_prefix(text: str, units: int) -> str:
    """``text.slice(0, units)`` in UTF-16 code units (a cut astral character leaves its lone high
    surrogate, as in JavaScript)."""
    encoded = text.encode("utf-16-le", "surrogatepass")[: 2 * units]
    return encoded.decode("utf-16-le", "surrogatepass")


def _json_stringify(text: str) -> str:
    """``JSON.stringify(string)``: like json.dumps, with lone surrogates escaped (well-formed
    JSON.stringify)."""
    out = json.dumps(text, ensure_ascii=False)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in out):
        out = "".join(f"\\u{ord(ch):04x}" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in out)
    return out


def _js_class_name(value: Any) -> str:
    """``value.constructor.name`` for the reference's stand-ins of JavaScript objects."""
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    cls = type(value)
    js_name = getattr(cls, "js_name", None)
    if isinstance(js_name, str):
        return js_name
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "Uint8Array"
    if isinstance(value, BaseException):
        name = getattr(cls, "name", None)  # NodeError subclasses carry the JavaScript class name
        if isinstance(name, str):
            return name
    return cls.__name__


def specific_type(value: Any) -> str:
    """Node's ``determineSpecificType(value)``: ``'null'``, ``'undefined'``, ``'type number (1)'``,
    ``"type string ('x')"``, ``'function f'``, ``'an instance of Map'``…"""
    if value is None:
        return "undefined"
    if value is NULL:
        return "null"
    if isinstance(value, BigInt):
        return f"type bigint ({int(value)}n)"
    if isinstance(value, bool):
        return f"type boolean ({'true' if value else 'false'})"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
            return "type number (-0)"
        return f"type number ({number_to_string(value)})"
    if isinstance(value, str):
        if _utf16_length(value) > 28:
            value = _utf16_prefix(value, 25) + "..."
        if "'" not in value:
            return f"type string ('{value}')"
        return f"type string ({_json_stringify(value)})"
    if isinstance(value, Symbol):
        description = getattr(value, "description", None)
        return f"type symbol (Symbol({'' if description is None else description}))"
    if isinstance(value, type):  # a class is a function in JavaScript
        return f"function {getattr(value, 'js_name', value.__name__)}"
    if callable(value) and not isinstance(value, (bytes, bytearray, memoryview, BaseException)):
        name = getattr(value, "__name__", "")
        if isinstance(name, str) and name != "<lambda>":
            return f"function {name}"
        return "function "
    return f"an instance of {_js_class_name(value)}"


def received(value: Any) -> str:
    """Node's ``Received …`` suffix of ``ERR_INVALID_ARG_TYPE``: ``'Received ' + determineSpecificType``."""
    return f"Received {specific_type(value)}"


def _add_numerical_separator(text: str) -> str:
    """Node's ``addNumericalSeparator``: ``_`` every three characters from the right (it does not
    look at what they are: ``'-1e+21'`` becomes ``'-1e_+21'``)."""
    i, start, groups = len(text), 1 if text.startswith("-") else 0, ""
    while i >= start + 4:
        groups = f"_{text[i - 3:i]}{groups}"
        i -= 3
    return f"{text[:i]}{groups}"


def out_of_range_received(value: float | int) -> str:
    """The ``Received …`` value of Node's ``ERR_OUT_OF_RANGE`` for a Number or BigInt:
    ``String(value)`` with ``_`` separators for an integer beyond 2**32 (a BigInt also gets ``n``),
    else ``util.inspect(value)`` (``-0``, ``1.5``, ``NaN``)."""
    if isinstance(value, BigInt):
        text = str(int(value))
        return (_add_numerical_separator(text) if abs(int(value)) > 2**32 else text) + "n"
    try:
        double = float(value)
    except OverflowError:
        double = math.inf if value > 0 else -math.inf
    if math.isfinite(double) and double.is_integer() and abs(double) > 2**32:
        return _add_numerical_separator(number_to_string(double))
    if double == 0 and math.copysign(1, double) < 0:
        return "-0"
    return number_to_string(double)
