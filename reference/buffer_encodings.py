"""Node's string encodings for Buffer, byte for byte, over Python strings.

JavaScript strings are sequences of UTF-16 code units; Python ``str`` is a sequence of code points.
The two meet here: a Python string is read as the UTF-16 code units JavaScript would hold
(``s.encode('utf-16-le', 'surrogatepass')``), so a lone surrogate (``'\\ud800'``), a surrogate pair
written as two code points (``'\\ud83d\\ude00'``) and an astral character (``'😀'``) all behave
as in Node. Decoded strings come back as Python strings in which a valid pair is one code point
and a lone surrogate stays a lone surrogate code point.

Where Python's codecs agree with Node they are used directly (they are the fast path); where they
do not (lone surrogates, lenient base64, hex stopping at the first invalid pair, ascii's high bit,
latin1 of characters above U+00FF) Node's algorithm is followed. The Node sources each function
mirrors are named in its docstring (``src/string_bytes.cc``, ``src/base64-inl.h``, V8's
``String::WriteUtf8``).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Literal, overload

__all__ = [
    "ENCODINGS", "normalize_encoding", "js_length", "utf16_units",
    "encode", "decode", "byte_length", "write_into",
]

# normalizeEncoding (lib/internal/util.js) and getEncodingOps (lib/buffer.js): exact names, any case.
ALIASES = {
    "utf8": "utf8", "utf-8": "utf8",
    "ucs2": "utf16le", "ucs-2": "utf16le", "utf16le": "utf16le", "utf-16le": "utf16le",
    "latin1": "latin1", "binary": "latin1",
    "ascii": "ascii",
    "base64": "base64",
    "base64url": "base64url",
    "hex": "hex",
}
ENCODINGS = ("utf8", "utf16le", "latin1", "ascii", "base64", "base64url", "hex")  # python-only: for Python callers


def normalize_encoding(name: object) -> str | None:
    """Node's canonical name for an encoding (``'UTF-8'`` → ``'utf8'``, ``'ucs2'`` → ``'utf16le'``),
    or None when Node does not know it. Names are matched case-insensitively and never trimmed."""
    if not isinstance(name, str):
        return None
    exact = ALIASES.get(name)  # the usual spelling ('utf8', 'hex'): no lower-casing needed
    if exact is not None:
        return exact
    return ALIASES.get(name.lower()) if name.isascii() else None


# -- UTF-16 code units -------------------------------------------------------------------------

def utf16_units(s: str) -> bytes:
    """The string's UTF-16 code units as JavaScript holds them, little-endian."""
    return s.encode("utf-16-le", "surrogatepass")


def js_length(s: str) -> int:
    """JavaScript's ``string.length``: the number of UTF-16 code units."""
    if s.isascii():
        return len(s)
    return len(utf16_units(s)) // 2


def _low_bytes(s: str) -> bytes:
    """Each UTF-16 code unit truncated to its low byte (what V8's WriteOneByte does)."""
    try:
        return s.encode("latin-1")
    except UnicodeEncodeError:
        return utf16_units(s)[0::2]


# -- UTF-8 ---------------------------------------------------------------------------------------

def _utf8_encode(s: str) -> bytes:
    """V8's WriteUtf8 with REPLACE_INVALID_UTF8: a lone surrogate becomes U+FFFD (ef bf bd)."""
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError:
        # Pair up surrogates written as two code points, replace the lone ones.
        return utf16_units(s).decode("utf-16-le", "replace").encode("utf-8")


def decode_utf8(b: bytes | bytearray | memoryview, /) -> str:
    """Node's utf8Slice: WHATWG/Unicode maximal-subpart U+FFFD substitution, BOM kept.
    Python's 'replace' error handler substitutes exactly the same way."""
    return str(b, "utf-8", "replace")


try:  # the same codec, called from C without str()'s lookup of it by name (toString's common case)
    from ._views import utf8_string as decode_utf8  # noqa: F811
except ImportError:
    pass


def _utf8_truncate(data: bytes | bytearray, limit: int) -> int:
    """The longest prefix of valid UTF-8 ``data`` of at most ``limit`` bytes that does not cut a
    character (``buf.write`` never writes half a character)."""
    if limit >= len(data):
        return len(data)
    cut = limit
    while cut > 0 and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return cut


# -- base64 --------------------------------------------------------------------------------------

_B64_STD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_ILLEGAL = bytes(c for c in range(256) if c not in _B64_STD + b"-_")
_B64_URL_TO_STD = bytes.maketrans(b"-_", b"+/")


def _base64_decode(s: str) -> bytes:
    """Node's lenient base64 decoder (``base64_decode_group_slow`` in src/base64-inl.h).

    Each character is first truncated to the low byte of its UTF-16 unit; characters outside both
    alphabets (whitespace, '*', '.', non-ASCII…) are skipped; both '+/' and '-_' are accepted;
    decoding stops at the first '='; a lone trailing sextet is dropped; leftover bits are ignored.
    Every step is one pass of a C-level bytes operation. A clean string (standard alphabet, whole
    groups, padding only at the end) is what binascii's strict mode accepts, and its bytes are the
    same either way: it goes straight through (the fast path).
    """
    try:
        return binascii.a2b_base64(s, strict_mode=True)
    except ValueError:  # binascii.Error, or a non-ASCII str: Node's lenient algorithm below
        pass
    raw = _low_bytes(s)
    cut = raw.find(b"=")
    if cut >= 0:
        raw = raw[:cut]
    raw = raw.translate(_B64_URL_TO_STD, _B64_ILLEGAL)
    if len(raw) % 4 == 1:
        raw = raw[:-1]
    return binascii.a2b_base64(raw + b"=" * (-len(raw) % 4))


def base64_byte_length(s: str) -> int:
    """``Buffer.byteLength(s, 'base64')``: Node's estimate (lib/buffer.js base64ByteLength), not the
    decoded size: up to two trailing '=' are discounted, everything else counts."""
    n = js_length(s)
    if s.endswith("="):  # tested on the string itself: a slice of it would copy a megabyte string
        n -= 1
        if n > 1 and s.endswith("=="):  # the unit before: a character above U+FFFF ends in a low surrogate
            n -= 1
    return (n * 3) >> 2


# -- hex -----------------------------------------------------------------------------------------

_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_HEX_DIGITS = b"0123456789ABCDEFabcdef"


def _hex_decode(s: str) -> bytes | bytearray:
    """Node's hex_decode (src/string_bytes.cc): pairs from the start, low byte of each unit, stop at
    the first pair with an invalid digit; an odd last digit is dropped. A clean string (hex digits
    only, even length) goes straight through ``bytes.fromhex``, which also skips ASCII whitespace:
    a result shorter than half the string means it did."""
    try:
        data = bytearray.fromhex(s)  # a bytearray: an ArrayBuffer can hold it without a copy
    except ValueError:
        pass
    else:
        if len(data) * 2 == len(s):
            return data
    raw = _low_bytes(s)
    if not raw.translate(None, _HEX_DIGITS):  # all hex digits: one C-level pass
        end = len(raw)
    else:
        match = _NOT_HEX.search(raw)
        end = match.start() if match is not None else len(raw)
    return bytes.fromhex(raw[:end & ~1].decode("ascii"))


# -- the table -----------------------------------------------------------------------------------

@overload
def encode(s: str, encoding: Literal["utf8", "utf16le", "latin1", "ascii", "base64", "base64url"]) -> bytes: ...


@overload
def encode(s: str, encoding: str) -> bytes | bytearray: ...


def encode(s: str, encoding: str) -> bytes | bytearray:
    """The bytes ``Buffer.from(s, encoding)`` holds (``encoding`` already normalized); a fresh
    bytearray (hex) is the caller's to keep."""
    if encoding == "utf8":
        try:
            return s.encode("utf-8")  # _utf8_encode's fast path, without the call
        except UnicodeEncodeError:
            return _utf8_encode(s)
    if encoding == "latin1" or encoding == "ascii":
        # Both write each UTF-16 unit & 0xFF: 'ascii' does not strip the high bit when encoding.
        return _low_bytes(s)
    if encoding == "utf16le":
        return utf16_units(s)
    if encoding == "base64" or encoding == "base64url":
        return _base64_decode(s)
    if encoding == "hex":
        return _hex_decode(s)
    raise ValueError(encoding)


_ASCII_MASK = bytes(range(128)) * 2


def decode(b: bytes | bytearray | memoryview, encoding: str) -> str:
    """The string ``buf.toString(encoding)`` gives (``encoding`` already normalized). The codecs
    read the bytes where they are (``str(view, codec)``), without a copy."""
    if encoding == "utf8":
        return decode_utf8(b)
    if encoding == "hex":
        return b.hex()
    if encoding == "base64":
        return binascii.b2a_base64(b, newline=False).decode("ascii")
    if encoding == "latin1":
        return str(b, "latin-1")
    if encoding == "ascii":
        return bytes(b).translate(_ASCII_MASK).decode("ascii")
    if encoding == "utf16le":
        n = len(b) & ~1
        return str(b[:n], "utf-16-le", "surrogatepass")
    if encoding == "base64url":
        return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")
    raise ValueError(encoding)


def byte_length(s: str, encoding: str) -> int:
    """``Buffer.byteLength(s, encoding)`` for a normalized encoding (lib/buffer.js encodingOps)."""
    if encoding == "utf8":
        return len(s) if s.isascii() else len(_utf8_encode(s))
    if encoding == "utf16le":
        return 2 * js_length(s)
    if encoding in ("latin1", "ascii"):
        return js_length(s)
    if encoding in ("base64", "base64url"):
        return base64_byte_length(s)
    if encoding == "hex":
        return js_length(s) >> 1
    raise ValueError(encoding)


def write_into(target: memoryview, s: str, offset: int, length: int, encoding: str) -> int:
    """``buf.write(s, offset, length, encoding)`` after argument checks: writes at most ``length``
    bytes at ``offset`` (where that many fit: Buffer.write has clamped it) and returns how many were
    written. UTF-8 never writes part of a character and UTF-16 never part of a code unit."""
    data = encode(s, encoding)
    if encoding == "utf8":
        n = _utf8_truncate(data, length)
    elif encoding == "utf16le":
        n = min(len(data), length & ~1)
    else:
        n = min(len(data), length)
    target[offset:offset + n] = data[:n]
    return n
