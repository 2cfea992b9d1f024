"""``node:string_decoder``: decode a stream of byte chunks into strings without splitting a character.

``StringDecoder(encoding="utf8")`` holds back what cannot be decoded yet — the start of a UTF-8
character, half a UTF-16 unit or a high surrogate, base64's last ``len % 3`` bytes — and releases it
with the chunk that completes it, or at ``end()``. It is the decoder Node's ciphers use for string
output (src/string_decoder.cc), shared with ``nodespec.reference.crypto``::

    >>> from nodespec.reference.string_decoder import StringDecoder
    >>> d = StringDecoder("utf8")
    >>> d.write(b"\\xe2\\x82"), d.write(b"\\xac!"), d.end()
    ('', '€!', '')
"""

from __future__ import annotations

from typing import Any

from .crypto import _bytes_of, _StringDecoder
from .validators import invalid_arg_type

__all__ = ["StringDecoder"]


class StringDecoder:
    """Node's ``string_decoder.StringDecoder``: ``write(chunk)`` → the decodable part as a string,
    ``end([chunk])`` → the rest (an incomplete character becomes U+FFFD, as in Node)."""

    def __init__(self, encoding: Any = None) -> None:
        self._decoder = _StringDecoder("utf8" if encoding is None else encoding)
        self.encoding: str = self._decoder.encoding

    def write(self, buf: Any) -> str:
        if isinstance(buf, str):
            return buf
        data = _bytes_of(buf)
        if data is None:
            raise invalid_arg_type("buf", ["Buffer", "TypedArray", "DataView"], buf)
        return self._decoder.write(data)

    def end(self, buf: Any = None) -> str:
        out = self.write(buf) if buf is not None else ""
        return out + self._decoder.end()
