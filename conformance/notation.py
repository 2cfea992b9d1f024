"""Values in a failure message, written as the features write them (JavaScript notation), not as
Python reprs: ``undefined``, ``null``, ``true``, ``-0``, ``"text"``, ``[A, B]``, ``{ a: 1 }``,
``wrapper(A)``, ``Symbol(s)``, ``10n``, ``TypeError [ERR_X]: message``, ``<Buffer 01 02>``,
``[EventEmitter #2]``."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from nodespec import protocol
from nodespec.values import number_to_string

_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
# What steps say about an outcome rather than a value ("a thrown TypeError", "no exception"): as is.
_DESCRIPTIONS = re.compile(r"^(a thrown\b|no exception$|a value$|a line\b|containing\b|without\b|an? [a-z]+ (?:error|value)\b)")


def number(x: float | int) -> str:
    """Number::toString (:func:`nodespec.values.number_to_string`), with ``-0`` kept visible: a
    message must tell it from ``0``."""
    if isinstance(x, float) and x == 0 and math.copysign(1, x) < 0:
        return "-0"
    return number_to_string(x)


def js(value: Any, depth: int = 0) -> str:
    """``value`` (a value the steps decoded from an implementation) in JavaScript notation."""
    if depth > 6:
        return "…"
    if value is protocol.UNDEFINED:
        return "undefined"
    if value is protocol.NULL:
        return "null"
    if value is None:  # a step's "nothing" (no outcome, no code): no JavaScript value
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, protocol.BigInt):  # an int, so before the numbers
        return f"{int(value)}n"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, protocol.Listener):
        return value.name
    if isinstance(value, protocol.Wrapper):
        return f"wrapper({value.name})"
    if isinstance(value, protocol.Function):
        return f"[Function: {value.name}]" if value.name else "[Function (anonymous)]"
    if isinstance(value, protocol.Symbol):
        return f"Symbol({value.description})"
    if isinstance(value, protocol.JSError):
        return str(value)
    if isinstance(value, protocol.Bytes):
        return f"<{value.type} {_hex(value.hex)}>"
    if isinstance(value, protocol.Handle):
        return f"<{value.type} {_hex(value.hex)}>" if value.hex is not None else f"[{value.type} #{value.id}]"
    if isinstance(value, (bytes, bytearray)):
        return f"<Buffer {_hex(bytes(value).hex())}>"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(js(v, depth + 1) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = ", ".join(f"{k if _IDENTIFIER.match(str(k)) else json.dumps(str(k))}: {js(v, depth + 1)}"
                            for k, v in value.items())
        return "{ " + members + " }"
    return str(value)


def _hex(hex_digits: str | None, limit: int = 50) -> str:
    if not hex_digits:
        return ""
    pairs = [hex_digits[i:i + 2] for i in range(0, len(hex_digits), 2)]
    shown = " ".join(pairs[:limit])
    return shown + (f" … {len(pairs) - limit} more bytes" if len(pairs) > limit else "")


def shown(value: Any) -> str:
    """As :func:`js`, except a step's own description of an outcome ("a thrown TypeError"), kept as is;
    a list of trace rows is shown one row per line."""
    if isinstance(value, str) and _DESCRIPTIONS.match(value):
        return value
    return js(value)
