"""The one home of the JavaScript semantics the reference modules share.

* values: ``None`` is ``undefined`` (what a Python API passes for an omitted argument and returns for
  nothing; :mod:`nodespec.values`), :data:`NULL` is ``null``, :class:`BigInt` a BigInt,
  :class:`Symbol` a Symbol (the classes of :mod:`nodespec.values`, the same on both sides of the
  contract); ``str`` is a string (read as UTF-16 code units, like JavaScript's ``length``), ``list`` an
  Array, ``dict`` a plain Object, bytes-like values a ``Uint8Array``, a class with ``js_name`` an
  instance of that JavaScript class;
* conversions: :func:`to_string` (ToString, ``String(x)``), :func:`number_to_string` (Number::toString,
  from :mod:`nodespec.values`, which the harness's messages use too), :func:`to_number` (ToNumber) and
  the integer conversions, :func:`to_property_key` (ToPropertyKey) and :func:`own_keys`
  (``Reflect.ownKeys`` order);
* formatting for messages: :func:`inspect` (``util.inspect`` on one line), :func:`specific_type` and
  :func:`received` (the ``Received …`` tail of Node's argument errors), :func:`out_of_range_received`.

Node's argument validators and the errors they throw are in :mod:`.validators`; error codes in
:mod:`.errors`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from nodespec.values import number_to_string  # Number::toString: one copy, shared with the harness's notation

from .errors import v8_error
from .types import NULL, BigInt, Symbol

__all__ = [
    "MAX_SAFE_INTEGER", "inspect", "is_integer", "is_nullish", "is_number", "number_to_string", "out_of_range_received",
    "json_string", "own_keys", "received", "specific_type", "string_to_number", "to_int32", "to_integer_trunc", "to_number",
    "to_property_key", "to_string", "to_uint8", "to_uint32",
]

MAX_SAFE_INTEGER = 2**53 - 1


def is_number(v: Any) -> bool:
    """A JavaScript Number: an ``int`` or ``float`` that is neither a ``bool`` nor a :class:`BigInt`."""
    t = type(v)
    if t is int or t is float:  # the common case, without the subclass tests (bool, BigInt)
        return True
    return isinstance(v, (int, float)) and not isinstance(v, (bool, BigInt))


def is_integer(v: Any) -> bool:
    """``Number.isInteger(v)``."""
    return is_number(v) and (isinstance(v, int) or (math.isfinite(v) and v.is_integer()))


def is_nullish(v: Any) -> bool:
    return v is None or v is NULL


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_prefix(text: str, units: int) -> str:
    """``text.slice(0, units)`` in UTF-16 code units (a cut astral character leaves its lone high
    surrogate, as in JavaScript)."""
    encoded = text.encode("utf-16-le", "surrogatepass")[: 2 * units]
    return encoded.decode("utf-16-le", "surrogatepass")


def json_string(text: str) -> str:
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
        return f"type string ({json_string(value)})"
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



# -- ToString ------------------------------------------------------------------------------------


def _array_join(v: list[Any] | tuple[Any, ...]) -> str:
    """``Array.prototype.join``, which ToPrimitive gives an array: nullish elements are empty."""
    return ",".join("" if is_nullish(x) else to_string(x) for x in v)


def to_boolean(v: Any) -> bool:
    """ECMAScript ToBoolean (``!!v``): undefined, null, false, +0, -0, NaN and '' are false; every
    object, an empty array or object too, is true (Python's ``bool`` says otherwise for [] and {})."""
    if v is None or v is NULL or v is False:
        return False
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v == v and v != 0
    if isinstance(v, str):
        return v != ""
    return True


def to_string(v: Any) -> str:
    """ECMAScript ToString (``String(v)``); an object with a ``to_string`` method gives its result."""
    if isinstance(v, str):
        return v
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    if isinstance(v, (bool, int, float)):
        return number_to_string(v)  # also true/false and BigInt digits
    if isinstance(v, (list, tuple)):
        return _array_join(v)
    if isinstance(v, dict):
        return "[object Object]"
    to_string_method = getattr(v, "to_string", None)
    if callable(to_string_method):
        return str(to_string_method())
    return str(v)


def to_property_key(v: Any) -> Any:
    """ECMAScript ToPropertyKey: a Symbol stays a Symbol, a primitive, Array or plain Object becomes its
    string; any other hashable Python object is used as it is, like a Symbol (a unique key)."""
    if v is None or v is NULL or isinstance(v, (str, bool, int, float, list, tuple, dict)):
        return to_string(v)
    return v


def _array_index(key: Any) -> int | None:
    """The integer of a canonical array-index string ('0' … '4294967294'), else None."""
    if type(key) is not str or not key or not key.isdigit() or not key.isascii():
        return None
    if len(key) > 1 and key[0] == "0":
        return None
    n = int(key)
    return n if n <= 2**32 - 2 else None


def own_keys(keys: Iterable[Any]) -> list[Any]:
    """``Reflect.ownKeys`` order of an ordinary object whose keys were inserted in ``keys`` order:
    integer-like strings ascending, then the other strings in insertion order, then symbols."""
    indices: list[tuple[int, str]] = []
    strings: list[str] = []
    symbols: list[Any] = []
    for key in keys:
        if isinstance(key, str):
            n = _array_index(key)
            if n is None:
                strings.append(key)
            else:
                indices.append((n, key))
        else:
            symbols.append(key)
    indices.sort()
    return [k for _, k in indices] + strings + symbols


# -- ToNumber ------------------------------------------------------------------------------------

# JavaScript's StrWhiteSpaceChar: WhiteSpace and LineTerminator.
_JS_WS = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
         "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_PREFIXED = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def string_to_number(s: str) -> float | int:
    """ECMAScript StringToNumber: trims JS whitespace, '' → 0, 0x/0o/0b without sign, 'Infinity'."""
    t = s.strip(_JS_WS)
    if t == "":
        return 0
    if _PREFIXED.fullmatch(t):
        return int(t, 0)
    if _DECIMAL.fullmatch(t):
        if "Infinity" in t:
            return -math.inf if t.startswith("-") else math.inf
        v = float(t)
        return int(v) if v.is_integer() and abs(v) <= MAX_SAFE_INTEGER and "." not in t \
            and "e" not in t.lower() and not (v == 0 and t.startswith("-")) else v
    return math.nan


def to_number(v: Any) -> float | int:
    """ECMAScript ToNumber (a BigInt raises V8's TypeError, as in ``Buffer.from([1n])``)."""
    t = type(v)
    if t is int or t is float:  # a Number already: the common case first
        return v  # type: ignore[no-any-return]  # (mypy cannot narrow Any by type(v) is)
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, BigInt):
        raise v8_error("TypeError", "Cannot convert a BigInt value to a number")
    if isinstance(v, (int, float)):
        return v
    if v is None:
        return math.nan
    if v is NULL:
        return 0
    if isinstance(v, str):
        return string_to_number(v)
    if isinstance(v, (list, tuple)):
        return string_to_number(_array_join(v))
    if isinstance(v, dict):
        return math.nan  # '[object Object]'
    value_of = getattr(v, "value_of", None)
    if callable(value_of):
        return to_number(value_of())
    return math.nan


def to_integer_trunc(v: Any) -> int | float:
    """Math.trunc(ToNumber(v)); NaN stays NaN, infinities stay infinite."""
    if type(v) is int:  # its own truncation: no conversion
        return v
    n = to_number(v)
    if isinstance(n, int) or math.isnan(n) or math.isinf(n):
        return n
    return int(n)


def to_uint32(v: Any) -> int:
    n = to_number(v)
    if isinstance(n, float):
        if math.isnan(n) or math.isinf(n):
            return 0
        n = int(n)
    return n % 2**32


def to_int32(v: Any) -> int:
    n = to_uint32(v)
    return n - 2**32 if n >= 2**31 else n


def to_uint8(v: Any) -> int:
    """ECMAScript ToUint8: what a Uint8Array stores, i.e. ``ToNumber(v) & 255``."""
    if type(v) is int:
        return v & 255
    return to_uint32(v) & 255


# -- util.inspect --------------------------------------------------------------------------------

# lib/internal/util/inspect.js: the escapes of strEscape (control characters, C1 controls, the
# quote in use and the backslash); other characters stand as they are.
_META = {**{i: f"\\x{i:02X}" for i in [*range(0x20), *range(0x7F, 0xA0)]},
         8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 92: "\\\\"}


def _str_escape(text: str) -> str:
    """``util.inspect`` of a string: single quotes, or double, or backticks when that avoids escaping
    a quote (Node's strEscape); lone surrogates as ``\\uXXXX``."""
    quote = "'"
    if "'" in text:
        if '"' not in text:
            quote = '"'
        elif "`" not in text and "${" not in text:
            quote = "`"
    out = []
    for ch in text:
        point = ord(ch)
        if ch == quote == "'":
            out.append("\\'")
        elif point in _META:
            out.append(_META[point])
        elif 0xD800 <= point <= 0xDFFF:
            out.append(f"\\u{point:x}")
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def _inspect_key(key: Any) -> str:
    if isinstance(key, Symbol):
        return f"[{inspect(key)}]"
    text = to_string(key)
    return text if re.fullmatch(r"[A-Za-z_$][\w$]*", text) and text.isascii() else _str_escape(text)


def console_text(*values: Any) -> str:
    """The line ``console.log(...values)`` prints (no ``%`` directives): a string as it is, any other
    value as ``util.inspect`` shows it, separated by spaces. The Python twins of the programs print
    with it."""
    return " ".join(v if isinstance(v, str) else inspect(v) for v in values)


def inspect(value: Any) -> str:
    """``util.inspect(value)`` on one line, as Node's messages quote a value: ``undefined``, ``-0``,
    ``5n``, ``'text'`` (Node's quoting and escapes), ``Symbol(d)``, ``[ 1, 'a' ]``, ``{ a: 1, 'b-c': 2 }``
    (keys in ``Reflect.ownKeys`` order), ``[Function: f]``, ``[class C]``, ``Foo {}``; an object with an
    ``inspect()`` method (a Buffer) gives its own. Node breaks lines past 72 characters; this does not."""
    if value is None:
        return "undefined"
    if value is NULL:
        return "null"
    if isinstance(value, str):
        return _str_escape(value)
    if isinstance(value, BigInt):
        return f"{int(value)}n"
    if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
        return "-0"
    if isinstance(value, (bool, int, float)):
        return number_to_string(value)
    if isinstance(value, Symbol):
        return repr(value)
    own = getattr(value, "inspect", None)
    if callable(own) and not isinstance(value, type):
        return str(own())
    if isinstance(value, (list, tuple)):
        return "[ " + ", ".join(inspect(v) for v in value) + " ]" if value else "[]"
    if isinstance(value, dict):
        items = [f"{_inspect_key(k)}: {inspect(value[k])}" for k in own_keys(value)]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(value, BaseException):
        # Node shows the stack, whose first line is "Name [code]: message" (NodeError's str)
        return str(value) if isinstance(getattr(value, "name", None), str) else f"{type(value).__name__}: {value}"
    if isinstance(value, type):
        return f"[class {getattr(value, 'js_name', value.__name__)}]"
    if callable(value) and not isinstance(value, (bytes, bytearray, memoryview)):
        name = getattr(value, "__name__", "")
        return f"[Function: {name}]" if name and name != "<lambda>" else "[Function (anonymous)]"
    return f"{_js_class_name(value)} {{}}"
