"""What is Buffer's own among its JavaScript semantics: its limits (``buffer.constants``) and the errors
of ``lib/buffer.js``. The shared ones (ToNumber, ToString, inspect, validators) are in :mod:`.js` and
:mod:`.validators`."""

from __future__ import annotations

from typing import Any

from .errors import NodeError, node_error
from .js import to_string
from .validators import validate_integer

K_MAX_LENGTH = 2**32            # buffer.constants.MAX_LENGTH on Node 20 (64-bit)
K_STRING_MAX_LENGTH = 536870888  # buffer.constants.MAX_STRING_LENGTH on Node 20


def buffer_out_of_bounds(name: str | None = None) -> NodeError:
    if name:
        return node_error("ERR_BUFFER_OUT_OF_BOUNDS", f'"{name}" is outside of buffer bounds')
    return node_error("ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds")


def unknown_encoding(enc: Any) -> NodeError:
    return node_error("ERR_UNKNOWN_ENCODING", to_string(enc))


# -- validators (lib/internal/validators.js) ----------------------------------------------------

def validate_offset(value: Any, name: str, lo: int = 0, hi: int = K_MAX_LENGTH) -> None:
    validate_integer(value, name, lo, hi)
