"""The glue that lets the specification drive a bytes-only Python crypto library by Node's names.

Python crypto libraries (pyca/cryptography, pyDes) take and return ``bytes``; Node's crypto functions
also take strings in an input encoding and return strings in an output encoding. This module does that
translation and nothing more, so that a scenario's verdict is the library's own:

* a string becomes bytes in its encoding (UTF-8 when none is given, as Node reads keys and IVs); bytes
  stay bytes; anything else (a number, ``null``, ``undefined``) goes to the library unchanged, so the
  library raises its own error for it;
* output bytes become a string in the output encoding, one call at a time. Node decodes a cipher's
  outputs with one ``StringDecoder`` per object (it holds back a split UTF-8 character or the last
  ``len % 3`` bytes of base64); this glue keeps no such state, so where a call's output cannot be
  turned into a string on its own, or the encoding switches, or Node has a rule of its own (an
  unknown encoding read as UTF-8, odd-length hex refused), it raises ``NotCovered("string-encodings")``:
  Node's string layer has no counterpart in a bytes-only library, and the scenario is not applicable
  instead of a verdict on the glue.
"""

from __future__ import annotations

from typing import Any

from nodespec.protocol import NotCovered
from nodespec.reference import buffer_encodings as enc

STRINGS = "string-encodings"
STRINGS_WHY = ("takes and returns bytes: Node's string layer (an encoding it reads as UTF-8, odd-length hex, a "
               "StringDecoder that holds back part of an output across calls) is not the library's, and the glue "
               "converts one call at a time")


def _encoding(name: Any, default: str | None) -> str | None:
    if name is None or name == "buffer":
        return default
    normalized = enc.normalize_encoding(name)
    if normalized is None:
        raise NotCovered(STRINGS, f"encoding {name!r}")
    return normalized


def as_bytes(data: Any, encoding: Any = None) -> Any:
    """A string in ``encoding`` (UTF-8 when none is given) → bytes; bytes-like → bytes; else unchanged."""
    if isinstance(data, str):
        normalized = _encoding(encoding, "utf8")
        if normalized == "hex" and len(data) % 2:
            raise NotCovered(STRINGS, f"odd-length hex {data!r}")
        return enc.encode(data, normalized)
    try:
        return bytes(memoryview(data))
    except TypeError:
        return data  # not bytes: the library says what it thinks of it


def as_output(data: bytes, encoding: Any) -> Any:
    """One-shot output (a digest, or the last output of a cipher): bytes, or a string in ``encoding``."""
    normalized = _encoding(encoding, None)
    return data if normalized is None else enc.decode(data, normalized)


class Outputs:
    """A cipher's successive outputs as strings, one call at a time (see the module's docstring)."""

    def __init__(self) -> None:
        self._encoding: str | None = None

    def convert(self, data: bytes, encoding: Any, last: bool) -> Any:
        normalized = _encoding(encoding, None)
        if normalized is None:
            return data
        if self._encoding not in (None, normalized):
            raise NotCovered(STRINGS, f"output encoding switched from {self._encoding} to {normalized}")
        self._encoding = normalized
        if not last and not _whole(data, normalized):
            raise NotCovered(STRINGS, f"{normalized} output of {len(data)} bytes split across calls")
        return enc.decode(data, normalized)


def _whole(data: bytes, encoding: str) -> bool:
    """Can ``data`` be a string on its own, as Node's StringDecoder would give it?"""
    if encoding in ("base64", "base64url"):
        return len(data) % 3 == 0
    if encoding == "utf16le":
        return len(data) % 2 == 0 and not (len(data) >= 2 and 0xD8 <= data[-1] <= 0xDB)
    if encoding == "utf8":  # a character split at the end (judged by its lead byte, as Node's decoder does)
        for back in range(1, min(3, len(data)) + 1):
            byte = data[-back]
            if byte & 0xC0 != 0x80:
                need = 2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4 if byte & 0xF8 == 0xF0 else 1
                return need <= back
    return True
