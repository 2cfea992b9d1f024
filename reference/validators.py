"""Node's argument validators (``lib/internal/validators.js``) and the messages of the errors they throw
(``ERR_INVALID_ARG_TYPE``, ``ERR_INVALID_ARG_VALUE``, ``ERR_OUT_OF_RANGE``, from
``lib/internal/errors.js``), for every reference module. The codes come from :mod:`.errors`."""

from __future__ import annotations

import math
import re
from typing import Any

from .errors import NodeError, node_error
from .js import MAX_SAFE_INTEGER, inspect, is_number, number_to_string, out_of_range_received, specific_type
from .types import NULL, BigInt, Symbol

__all__ = [
    "invalid_arg_type", "invalid_arg_value", "out_of_range", "validate_boolean", "validate_function",
    "validate_integer", "validate_number", "validate_object", "validate_string",
]

_K_TYPES = {"string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"}
_CLASS_RE = re.compile(r"^[A-Z][a-zA-Z0-9]*$")


def _one_of(items: list[str], one: str, many: str) -> str:
    if len(items) > 2:
        return f"{many}{', '.join(items[:-1])}, or {items[-1]}"
    if len(items) == 2:
        return f"{many}{items[0]} or {items[1]}"
    return f"{one}{items[0]}"


def _subject(name: str) -> str:
    """``The "name" argument``, ``The "options.x" property``, or ``The first argument`` as given."""
    if name.endswith(" argument"):
        return f"The {name}"
    return f'The "{name}" {"property" if "." in name else "argument"}'


def invalid_arg_type(name: str, expected: str | list[str], actual: Any) -> NodeError:
    """ERR_INVALID_ARG_TYPE with Node's message: ``expected`` names types (``'string'``), classes
    (``'Buffer'``) or other words (``'int32'``), as Node's ``ERR_INVALID_ARG_TYPE(name, expected, actual)``."""
    if isinstance(expected, str):
        expected = [expected]
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
    parts = []
    if types:
        parts.append(_one_of(types, "of type ", "one of type "))
    if instances:
        parts.append(_one_of(instances, "an instance of ", "an instance of "))
    if other:
        single = ("an " if other[0].lower() != other[0] else "") + other[0]
        parts.append(single if len(other) == 1 else _one_of(other, "", "one of "))
    return node_error("ERR_INVALID_ARG_TYPE", f"{_subject(name)} must be {' or '.join(parts)}. Received {specific_type(actual)}")


def invalid_arg_value(name: str, value: Any, reason: str = "is invalid") -> NodeError:
    """ERR_INVALID_ARG_VALUE: ``The argument 'name' <reason>. Received <inspect(value)>``."""
    kind = "property" if "." in name else "argument"
    return node_error("ERR_INVALID_ARG_VALUE", f"The {kind} '{name}' {reason}. Received {inspect(value)}")


def out_of_range(name: str, rng: str, received: Any) -> NodeError:
    """ERR_OUT_OF_RANGE: ``The value of "name" is out of range. It must be <rng>. Received …``."""
    shown = out_of_range_received(received) if isinstance(received, BigInt) or is_number(received) else inspect(received)
    return node_error("ERR_OUT_OF_RANGE", f'The value of "{name}" is out of range. It must be {rng}. Received {shown}')


def validate_function(value: Any, name: str) -> None:
    if not callable(value):
        raise invalid_arg_type(name, "function", value)


def validate_boolean(value: Any, name: str) -> None:
    if not isinstance(value, bool):
        raise invalid_arg_type(name, "boolean", value)


def validate_string(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise invalid_arg_type(name, "string", value)


def validate_number(value: Any, name: str | None, lo: float | None = None, hi: float | None = None) -> None:
    """validateNumber(value, name, min, max): a Number, within [lo, hi] when they are given (NaN is not)."""
    if not is_number(value):
        raise invalid_arg_type(name or "undefined", "number", value)
    nan = isinstance(value, float) and math.isnan(value)
    if (lo is not None and value < lo) or (hi is not None and value > hi) or ((lo is not None or hi is not None) and nan):
        rng = " && ".join([*([f">= {number_to_string(lo)}"] if lo is not None else []),
                           *([f"<= {number_to_string(hi)}"] if hi is not None else [])])
        raise out_of_range(name or "undefined", rng, value)


def validate_integer(value: Any, name: str, lo: int = -MAX_SAFE_INTEGER, hi: int = MAX_SAFE_INTEGER) -> None:
    """validateInteger(value, name, min, max)."""
    if not is_number(value):
        raise invalid_arg_type(name, "number", value)
    if not (isinstance(value, int) or (math.isfinite(value) and value.is_integer())):
        raise out_of_range(name, "an integer", value)
    if value < lo or value > hi:
        raise out_of_range(name, f">= {lo} && <= {hi}", value)


def validate_object(value: Any, name: str) -> None:
    """Node's ``validateObject`` with its default options: a non-null object, not an array or a function."""
    if not isinstance(value, dict) and (
        value is None or value is NULL or isinstance(value, (bool, int, float, str, list, tuple, BigInt, Symbol))
        or callable(value)
    ):
        raise invalid_arg_type(name, "object", value)
