"""The JavaScript semantics Buffer leans on: ToNumber, ToUint8/ToUint32, and Node's validators and
error messages (``lib/internal/validators.js``, ``lib/internal/errors.js``), for the reference Buffer.

Python ``None`` is JavaScript ``undefined``; :data:`NULL` is JavaScript ``null``; a :class:`BigInt`
is a JavaScript BigInt (an ``int`` subclass, so it computes like one).
"""

from __future__ import annotations

import math
import re
from typing import Any

from .errors import NodeError, node_error
from .js import number_to_string, out_of_range_received, specific_type

MAX_SAFE_INTEGER = 2**53 - 1
K_MAX_LENGTH = 2**32            # buffer.constants.MAX_LENGTH on Node 20 (64-bit); see max_length()
K_STRING_MAX_LENGTH = 536870888  # buffer.constants.MAX_STRING_LENGTH on Node 20 to 26


def max_length() -> int:
    """``buffer.constants.MAX_LENGTH`` of the selected line: 2**32 on Node 20; V8's typed-array limit,
    2**53 - 1, from Node 22 on."""
    from .lines import since

    return MAX_SAFE_INTEGER if since(22) else K_MAX_LENGTH


from .types import NULL, BigInt  # noqa: E402  (the reference's null and BigInt)


class JSTypeError(NodeError, TypeError):
    """A TypeError V8 itself throws (no ``code``), e.g. mixing BigInt and Number."""

    name = "TypeError"


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, (bool, BigInt))


def is_undefined(v: Any) -> bool:
    return v is None


def is_nullish(v: Any) -> bool:
    return v is None or v is NULL


# -- ToNumber ----------------------------------------------------------------------------------

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


def to_primitive_string(v: Any) -> str | None:
    """The string an array or plain object becomes under ToPrimitive (Array.prototype.join)."""
    if isinstance(v, (list, tuple)):
        return ",".join("" if is_nullish(x) else to_js_string(x) for x in v)
    if isinstance(v, dict):
        return "[object Object]"
    return None


def to_number(v: Any) -> float | int:
    """ECMAScript ToNumber (a BigInt raises V8's TypeError, as in ``Buffer.from([1n])``)."""
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, BigInt):
        raise JSTypeError("Cannot convert a BigInt value to a number")
    if isinstance(v, (int, float)):
        return v
    if v is None:
        return math.nan
    if v is NULL:
        return 0
    if isinstance(v, str):
        return string_to_number(v)
    prim = to_primitive_string(v)
    if prim is not None:
        return string_to_number(prim)
    value_of = getattr(v, "value_of", None)
    if callable(value_of):
        return to_number(value_of())
    return math.nan


def to_integer_trunc(v: Any) -> int | float:
    """Math.trunc(ToNumber(v)); NaN stays NaN, infinities stay infinite."""
    n = to_number(v)
    if isinstance(n, int):
        return n
    if math.isnan(n) or math.isinf(n):
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


def to_js_string(v: Any) -> str:
    if isinstance(v, str):
        return v
    if v is None:
        return "undefined"
    if v is NULL:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, BigInt):
        return str(int(v))
    if isinstance(v, (int, float)):
        return number_to_string(v)
    prim = to_primitive_string(v)
    if prim is not None:
        return prim
    to_string = getattr(v, "to_string", None)
    if callable(to_string):
        return to_string()
    return str(v)


# -- inspection for messages ------------------------------------------------------------------

def inspect_value(v: Any) -> str:
    """util.inspect of a primitive, enough for error messages."""
    if isinstance(v, str):
        if "'" not in v:
            return f"'{v}'"
        if '"' not in v:
            return f'"{v}"'
        return "`" + v + "`"
    if isinstance(v, BigInt):
        return f"{int(v)}n"
    if isinstance(v, (int, float, bool)) or is_nullish(v):
        return to_js_string(v) if not isinstance(v, float) or not (v == 0 and math.copysign(1, v) < 0) else "-0"
    inspect = getattr(v, "inspect", None)
    if callable(inspect):
        return inspect()
    if isinstance(v, list):
        return "[ " + ", ".join(inspect_value(x) for x in v) + " ]" if v else "[]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k}: {inspect_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    return repr(v)


_K_TYPES = {"string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"}
_CLASS_RE = re.compile(r"^[A-Z][a-zA-Z0-9]*$")


def _join_list(items: list[str], one: str, many: str) -> str:
    if len(items) > 2:
        return f"{many}{', '.join(items[:-1])}, or {items[-1]}"
    if len(items) == 2:
        return f"{many}{items[0]} or {items[1]}"
    return f"{one}{items[0]}"


def invalid_arg_type(name: str, expected: str | list[str], actual: Any) -> NodeError:
    """ERR_INVALID_ARG_TYPE with Node's message."""
    if isinstance(expected, str):
        expected = [expected]
    if name.endswith(" argument"):
        msg = f"The {name} "
    else:
        msg = f'The "{name}" {"property" if "." in name else "argument"} '
    msg += "must be "
    types: list[str] = []
    instances: list[str] = []
    other: list[str] = []
    for value in expected:
        if value in _K_TYPES:
            types.append(value.lower())
        elif _CLASS_RE.match(value):
            instances.append(value)
        else:
            other.append(value)
    if instances and "object" in types:
        types.remove("object")
        instances.append("Object")
    if types:
        if len(types) > 2:
            msg += f"one of type {', '.join(types[:-1])}, or {types[-1]}"
        elif len(types) == 2:
            msg += f"one of type {types[0]} or {types[1]}"
        else:
            msg += f"of type {types[0]}"
        if instances or other:
            msg += " or "
    if instances:
        if len(instances) > 2:
            msg += f"an instance of {', '.join(instances[:-1])}, or {instances[-1]}"
        else:
            msg += f"an instance of {instances[0]}"
            if len(instances) == 2:
                msg += f" or {instances[1]}"
        if other:
            msg += " or "
    if other:
        if len(other) > 2:
            msg += f"one of {', '.join(other[:-1])}, or {other[-1]}"
        elif len(other) == 2:
            msg += f"one of {other[0]} or {other[1]}"
        else:
            if other[0].lower() != other[0]:
                msg += "an "
            msg += other[0]
    msg += f". Received {specific_type(actual)}"
    return node_error("ERR_INVALID_ARG_TYPE", msg)


def out_of_range(name: str, rng: str, received: Any) -> NodeError:
    """ERR_OUT_OF_RANGE with Node's message."""
    if isinstance(received, BigInt) or is_number(received):
        r = out_of_range_received(received)
    else:
        r = inspect_value(received)
    return node_error("ERR_OUT_OF_RANGE", f'The value of "{name}" is out of range. It must be {rng}. Received {r}')


def buffer_out_of_bounds(name: str | None = None) -> NodeError:
    if name:
        return node_error("ERR_BUFFER_OUT_OF_BOUNDS", f'"{name}" is outside of buffer bounds')
    return node_error("ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds")


def unknown_encoding(enc: Any) -> NodeError:
    return node_error("ERR_UNKNOWN_ENCODING", to_js_string(enc))


def _is_integer(v: Any) -> bool:
    if isinstance(v, int):
        return True
    return isinstance(v, float) and math.isfinite(v) and v.is_integer()


def is_integer(v: Any) -> bool:
    """Number.isInteger."""
    return is_number(v) and _is_integer(v)


# -- validators (lib/internal/validators.js) ----------------------------------------------------

def validate_number(value: Any, name: str | None, lo: float | None = None, hi: float | None = None) -> None:
    if not is_number(value):
        raise invalid_arg_type(name or "undefined", "number", value)
    nan = isinstance(value, float) and math.isnan(value)
    if (lo is not None and value < lo) or (hi is not None and value > hi) or \
            ((lo is not None or hi is not None) and nan):
        rng = (f">= {number_to_string(lo)}" if lo is not None else "") + \
              (" && " if lo is not None and hi is not None else "") + \
              (f"<= {number_to_string(hi)}" if hi is not None else "")
        raise out_of_range(name or "undefined", rng, value)


def validate_integer(value: Any, name: str, lo: int = -MAX_SAFE_INTEGER, hi: int = MAX_SAFE_INTEGER) -> None:
    if not is_number(value):
        raise invalid_arg_type(name, "number", value)
    if not _is_integer(value):
        raise out_of_range(name, "an integer", value)
    if value < lo or value > hi:
        raise out_of_range(name, f">= {lo} && <= {hi}", value)


def validate_offset(value: Any, name: str, lo: int = 0, hi: int | None = None) -> None:
    validate_integer(value, name, lo, max_length() if hi is None else hi)


def validate_string(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise invalid_arg_type(name, "string", value)
