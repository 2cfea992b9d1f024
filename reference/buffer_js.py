"""What is Buffer's own among its JavaScript semantics: its limits (``buffer.constants``) and the errors
of ``lib/buffer.js``. The shared ones (ToNumber, ToString, inspect, validators) are in :mod:`.js` and
:mod:`.validators`."""

from __future__ import annotations

from typing import Any

from .errors import NodeError, node_error
from .js import to_string
from .lines import since
from .validators import validate_integer

MAX_SAFE_INTEGER = 2**53 - 1
K_MAX_LENGTH = 2**32            # buffer.constants.MAX_LENGTH on Node 20 (64-bit); see max_length()
K_STRING_MAX_LENGTH = 536870888  # buffer.constants.MAX_STRING_LENGTH on Node 20 to 26


def max_length() -> int:
    """``buffer.constants.MAX_LENGTH`` of the selected line: 2**32 on Node 20; V8's typed-array limit,
    2**53 - 1, from Node 22 on."""
    return MAX_SAFE_INTEGER if since(22) else K_MAX_LENGTH


def buffer_out_of_bounds(name: str | None = None) -> NodeError:
    if name:
        return node_error("ERR_BUFFER_OUT_OF_BOUNDS", f'"{name}" is outside of buffer bounds')
    return node_error("ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds")


def unknown_encoding(enc: Any) -> NodeError:
    return node_error("ERR_UNKNOWN_ENCODING", to_string(enc))


# -- validators (lib/internal/validators.js) ----------------------------------------------------

def validate_offset(value: Any, name: str, lo: int = 0, hi: int | None = None) -> None:
    validate_integer(value, name, lo, max_length() if hi is None else hi)
