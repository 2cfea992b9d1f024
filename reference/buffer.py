"""A faithful Python Buffer: Node.js 20's ``node:buffer``, byte for byte.

Memory model. An :class:`ArrayBuffer` owns a fixed block of bytes; a :class:`Buffer` is a view of
``length`` bytes at ``byte_offset`` in one (``buf.buffer``), exactly like a Uint8Array, so
``slice``/``subarray`` and ``Buffer.from(array_buffer, offset, length)`` share memory, while
``Buffer.from(buffer)`` copies.

The pool is Node's (lib/buffer.js): ``Buffer.pool_size`` is 8192; ``alloc_unsafe(n)`` with
``0 < n < pool_size >>> 1`` (4096 by default), ``from_(string)`` (with Node's 4-bytes-per-unit
reservation), ``from_(array-like)``, ``concat`` and ``copy_bytes_from`` are views into a shared
8 KiB pool whose offset is kept 8-byte aligned; a pool without room is replaced by a new one sized
by the current ``Buffer.pool_size``; ``alloc``, ``alloc_unsafe_slow`` and ``of`` never use it.

Names. Node's camelCase names map to snake_case (``allocUnsafe`` → ``alloc_unsafe``,
``toString`` → ``to_string``, ``readUInt32LE`` → ``read_uint32_le``); ``Buffer.from`` is ``Buffer.from_``. ``Buffer.byteLength(string)`` (static)
and ``buf.byteLength`` (instance) are both ``byte_length``; ``Buffer.compare(a, b)`` and
``buf.compare(target)`` are both ``compare``.

Arguments follow JavaScript: ``None`` is ``undefined``, :data:`NULL` is ``null``, :class:`BigInt`
is a BigInt; ``bytes``/``bytearray``/``memoryview`` are accepted wherever Node accepts a
Uint8Array. Index access is Uint8Array's: ``buf[i]`` out of range is ``None`` and assignments
there are ignored; an assigned value is truncated (``buf[0] = 300`` stores 44). ``buf[a:b]``
is ``subarray(a, b)``. ``bytes(buf)``, ``len(buf)`` and iteration work, and so does the buffer
protocol, on Python 3.11 too: every Buffer is a view of its ArrayBuffer's memory (typed_arrays.py),
so ``memoryview(buf)``, ``hashlib.md5(buf)`` or ``file.write(buf)`` see the very same bytes
(``buf.memoryview()`` gives a plain byte-formatted view).

Errors are Node's (``ERR_INVALID_ARG_TYPE``, ``ERR_OUT_OF_RANGE``, ``ERR_UNKNOWN_ENCODING``,
``ERR_BUFFER_OUT_OF_BOUNDS``, ``ERR_INVALID_BUFFER_SIZE``, ``ERR_INVALID_ARG_VALUE``).
"""

from __future__ import annotations

import math
import struct
from typing import Any, Literal, cast

from . import buffer_encodings as enc
from .buffer_js import (
    K_STRING_MAX_LENGTH,
    buffer_out_of_bounds,
    max_length,
    unknown_encoding,
    validate_offset,
)
from .calls import StaticAndInstance, js_arguments, js_methods
from .errors import NodeError, node_error, v8_error
from .js import (
    MAX_SAFE_INTEGER,
    is_integer,
    is_number,
    to_boolean,
    to_integer_trunc,
    to_number,
    to_string,
    to_uint8,
    to_uint32,
)
from .lines import on_change, since
from .typed_arrays import (
    AnyArrayBuffer,
    ArrayBuffer,
    ArrayBufferView,
    DataView,
    TypedArray,
    Uint8Array,
    live_array_buffer_bytes,
)
from .types import NULL, BigInt
from .validators import (
    invalid_arg_type,
    invalid_arg_value,
    out_of_range,
    validate_integer,
    validate_number,
    validate_string,
)

try:  # the pool's fields and Buffer.from's shortcut in C with the views, where they were built (typed_arrays.py)
    from ._views import FromString, Pool, ToString
except ImportError:
    from ._views_ctypes import FromString, Pool, ToString  # type: ignore[assignment]

__all__ = [
    "ArrayBuffer", "Uint8Array", "Buffer", "NULL", "BigInt", "INSPECT_MAX_BYTES",  # SlowBuffer: __getattr__
    "K_STRING_MAX_LENGTH", "k_string_max_length",  # kMaxLength, constants: see __getattr__
    "is_utf8", "is_ascii", "atob", "btoa", "memory_usage",
]

k_string_max_length = K_STRING_MAX_LENGTH


def __getattr__(name: str) -> Any:
    # kMaxLength and constants.MAX_LENGTH depend on the Node.js line (nodespec.reference.lines).
    if name in ("k_max_length", "K_MAX_LENGTH"):
        return max_length()
    if name == "constants":
        return {"MAX_LENGTH": max_length(), "MAX_STRING_LENGTH": K_STRING_MAX_LENGTH}
    if name == "SlowBuffer" and not since(26):  # DEP0030, end of life in Node 26
        return _SlowBuffer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
INSPECT_MAX_BYTES = 50


def memory_usage() -> dict[str, int]:
    """What ``process.memoryUsage().arrayBuffers`` reports: the bytes of every live ArrayBuffer (the
    pool included). Buffers' bytes live here, outside the objects that view them."""
    return {"arrayBuffers": live_array_buffer_bytes()}


# -- the pool (lib/buffer.js createPool / alignPool / allocate) -------------------------------------

_Order = Literal["little", "big"]


class _Pool(Pool):
    """The current pool (reset_pool() makes the first at import): ``ab`` (allocPool), ``size``
    (poolSize), ``offset`` (poolOffset)."""

    __slots__ = ()

    def create(self) -> None:
        """createPool (the C views' Buffer.from calls it too): ``poolSize = Buffer.poolSize``, then a new
        pool of that many bytes, ``createUnsafeBuffer(poolSize)``: a Uint8Array's length, V8's RangeError
        where it is not one, with poolSize already set, so that the next pooled allocation tries again."""
        size = Buffer.pool_size
        # A pool is made only where ToUint32(Buffer.poolSize) >>> 1 exceeds an allocation, so size is a
        # finite number here: its integer part decides `poolSize - poolOffset` as the number does.
        n = to_integer_trunc(size)
        self.size = int(max(-MAX_SAFE_INTEGER, min(n, MAX_SAFE_INTEGER + 1))) if n == n else 0
        if not 0 <= self.size <= MAX_SAFE_INTEGER:
            raise v8_error("RangeError", f"Invalid typed array length: {to_string(size)}")
        self.ab = ArrayBuffer(self.size + (POOL_ALIGNMENT_SLACK if since(26) else 0))
        self.offset = 0


_pool = _Pool()


# Node 26 allocates each pool 64 bytes larger and starts it at the first 64-byte-aligned address in
# it, so a fresh pool's first byteOffset is 0, 16, 32 or 48 (where malloc put the memory). Python
# cannot see addresses: the reference's pools start at 0, one of the offsets Node gives.
POOL_ALIGNMENT_SLACK = 64


def default_pool_size() -> int:
    """``Buffer.poolSize`` in a fresh process: 8 KiB up to Node 22, 64 KiB from Node 24."""
    return 64 * 1024 if since(24) else 8 * 1024


def reset_pool() -> None:
    """The pool state of a fresh process of the selected line: the default ``Buffer.poolSize`` and
    no current pool (the next pooled allocation makes one)."""
    Buffer.pool_size = default_pool_size()
    _pool.create()


def _align_pool() -> None:
    if _pool.offset & 7:
        _pool.offset = (_pool.offset | 7) + 1


def _pool_threshold() -> int:
    """``Buffer.poolSize >>> 1``, read on every pooled allocation (a program may change it)."""
    size = Buffer.pool_size
    if type(size) is int and 0 <= size <= 0xFFFFFFFF:  # ToUint32 of such a number is itself: no call
        return size >> 1
    return to_uint32(size) >> 1


def _allocate(size: int) -> Buffer:
    """Node's ``allocate``: a pool slice below ``poolSize >>> 1``, its own memory otherwise."""
    if size <= 0:
        return Buffer._lay(ArrayBuffer(0), 0, 0)
    if size < _pool_threshold():
        if size > _pool.size - _pool.offset:
            _pool.create()
        b = Buffer._lay(_pool.ab, _pool.offset, size)
        _pool.offset += size
        _align_pool()
        return b
    return _create_unsafe(size)


def _create_unsafe(size: int) -> Buffer:
    return Buffer._lay(ArrayBuffer(size), 0, size)


def _from_array_like(data: bytes) -> Buffer:
    n = len(data)
    if n <= 0:
        return Buffer._lay(ArrayBuffer(0), 0, 0)
    if n < _pool_threshold():
        if n > _pool.size - _pool.offset:
            _pool.create()
        b = Buffer._lay_copy(_pool.ab, _pool.offset, data, n)
        _pool.offset += n
        _align_pool()
        return b
    return Buffer._copy_of(data)


def _from_string_fast(s: str, encoding: str) -> Buffer:
    """Node's fromStringFast: reserve 4 bytes per UTF-16 unit in the pool (or the exact size).
    The string is encoded once, first (encoding a string cannot fail), and its JavaScript length
    counted only where it decides something (see _js_length)."""
    data = enc.encode(s, encoding)
    max_length = _pool_threshold()
    room = _pool.size - _pool.offset
    length = len(s) if s.isascii() else _js_length(s, data, encoding, max_length, room)
    if length >= max_length:
        return _create_from_string(s, encoding, data)
    length *= 4
    if length >= max_length:
        length = _byte_length(s, data, encoding)
    if length >= max_length:
        return _create_from_string(s, encoding, data, length)
    if length > room:
        _pool.create()
    actual = min(len(data), length)
    offset = _pool.offset
    b = Buffer._lay_copy(_pool.ab, offset, data, actual)
    offset += actual
    _pool.offset = (offset | 7) + 1 if offset & 7 else offset  # alignPool, written out
    return b


def _array_like_bytes(value: dict[Any, Any], n: int) -> bytes:
    """An array-like object's first ``n`` elements (keys ``'0'`` or ``0`` …), each ``ToUint8``. Not a
    generator in ``from_``: one that reads ``value`` would make it a cell on every call of that hot function."""
    return bytes(to_uint8(value.get(str(i), value.get(i))) for i in range(n))


def _js_length(s: str, data: bytes | bytearray, encoding: str, max_length: int, room: int) -> int:
    """``string.length`` (UTF-16 units) of a non-ASCII ``s``, whose bytes in ``encoding`` are ``data``,
    as far as fromStringFast's three tests of it (``>= max_length``, ``* 4 >= max_length``,
    ``* 4 > room``) can tell: counting a UTF-8 string's units costs twice its encoding, so it is skipped
    where every count between the bounds the encoding gives decides them alike."""
    if encoding == "utf8":
        low = len(s)  # code points: a character above U+FFFF is 2 units, 1 code point and 4 bytes
        if low >= max_length:  # so is any count: createFromString
            return low
        high = low + (len(data) - low) // 3
        if high * 4 < max_length and high * 4 <= room:  # any count fits the pool: the count decides nothing
            return low
    return enc.js_length(s)


def _byte_length(s: str, data: bytes | bytearray, encoding: str) -> int:
    """``Buffer.byteLength(s, encoding)`` knowing ``data``: its size, except base64's and hex's
    estimates from the string's length."""
    if encoding == "base64" or encoding == "base64url" or encoding == "hex":
        return enc.byte_length(s, encoding)
    return len(data)


def _create_from_string(s: str, encoding: str, data: bytes | bytearray, length: int | None = None) -> Buffer:
    """Node's createFromString: an ArrayBuffer of ``length`` (byteLength) holding the bytes written."""
    if length is None:
        length = _byte_length(s, data, encoding)
    if len(data) == length:  # at most one copy
        return Buffer._lay(ArrayBuffer._holding(data), 0, length) if type(data) is bytearray else Buffer._copy_of(data)
    ab = ArrayBuffer(length)
    actual = min(len(data), length)
    ab._bytes[:actual] = data[:actual]
    return Buffer._lay(ab, 0, actual)


# -- helpers -------------------------------------------------------------------------------------

def _is_uint8(v: Any) -> bool:
    return isinstance(v, (Uint8Array, bytes, bytearray, memoryview))


def _as_bytes_view(v: Any) -> memoryview:
    if isinstance(v, ArrayBufferView):
        return v._raw
    return memoryview(v).cast("B") if isinstance(v, memoryview) else memoryview(v)  # python-only: bytes-likes from Python callers


def _get_encoding(encoding: Any) -> str | None:
    """getEncodingOps: ``encoding += ''`` then an exact, case-insensitive name."""
    if type(encoding) is str:  # ToString of a string is itself: no call
        return enc.normalize_encoding(encoding)
    return enc.normalize_encoding(to_string(encoding))


@js_arguments
def _static_byte_length(string: Any, encoding: Any = None) -> int:
    """``Buffer.byteLength(string[, encoding])``: UTF-8 when the encoding is missing or unknown;
    base64 is Node's estimate from the length (not the decoded size)."""
    if not isinstance(string, str):
        if isinstance(string, (ArrayBufferView, AnyArrayBuffer)):
            return len(string._raw) if isinstance(string, ArrayBufferView) else string.byte_length
        if isinstance(string, (bytes, bytearray)):  # python-only: bytes from Python callers
            return len(string)
        if isinstance(string, memoryview):  # python-only: a memoryview from a Python caller
            return string.nbytes
        raise invalid_arg_type("string", ["string", "Buffer", "ArrayBuffer"], string)
    if len(string) == 0:
        return 0
    if not encoding or encoding == "utf8":
        return enc.byte_length(string, "utf8")
    if encoding == "ascii":
        return enc.js_length(string)
    e = _get_encoding(encoding)
    if e is None:
        return enc.byte_length(string, "utf8")
    return enc.byte_length(string, e)


@js_arguments
def _static_compare(buf1: Any, buf2: Any) -> int:
    """``Buffer.compare(buf1, buf2)``: -1, 0 or 1, bytewise then by length."""
    if not _is_uint8(buf1):
        raise invalid_arg_type("buf1", ["Buffer", "Uint8Array"], buf1)
    if not _is_uint8(buf2):
        raise invalid_arg_type("buf2", ["Buffer", "Uint8Array"], buf2)
    if buf1 is buf2:
        return 0
    a, b = bytes(_as_bytes_view(buf1)), bytes(_as_bytes_view(buf2))
    return (a > b) - (a < b)


def _bounds_error(value: Any, length: int, type_: str | None = None) -> Exception:
    if not is_number(value) or not (isinstance(value, int) or (math.isfinite(value) and value == math.floor(value))):
        validate_number(value, type_)
        return out_of_range(type_ or "offset", "an integer", value)
    if length < 0:
        return buffer_out_of_bounds()
    return out_of_range(type_ or "offset", f">= {1 if type_ else 0} and <= {length}", value)


def _check_concat_items(lst: list[Any] | tuple[Any, ...]) -> None:
    for i, item in enumerate(lst):
        if not _is_uint8(item):
            raise invalid_arg_type(f"list[{i}]", ["Buffer", "Uint8Array"], item)


def _length_property(item: Any) -> Any:
    """``item.length`` as Buffer.concat (up to Node 22) reads it from any list item."""
    if item is None or item is NULL:
        raise v8_error("TypeError", f"Cannot read properties of {to_string(item)} (reading 'length')")
    if isinstance(item, TypedArray):
        return item._len
    if isinstance(item, str):
        return enc.js_length(item)
    if isinstance(item, (list, tuple, bytes, bytearray, memoryview)):
        return len(item)
    if isinstance(item, dict):
        return item.get("length")
    return None


class Buffer(Uint8Array):
    """Node's Buffer: a fixed-size Uint8Array view over an :class:`ArrayBuffer`."""

    js_name = "Buffer"
    pool_size: int  # the line's default, set at import by reset_pool() (default_pool_size)

    # -- construction ---------------------------------------------------------------------------
    def __new__(cls, arg: Any = None, encoding_or_offset: Any = None, length: Any = None) -> Any:
        """The deprecated ``Buffer(arg)`` constructor: a number → ``alloc`` (zero-filled, never
        pooled); anything else → ``from_``."""
        if is_number(arg):
            if isinstance(encoding_or_offset, str):
                raise invalid_arg_type("string", "string", arg)
            return Buffer.alloc(arg)
        return Buffer.from_(arg, encoding_or_offset, length)

    @classmethod
    def from_(cls, value: Any = None, encoding_or_offset: Any = None, length: Any = None, *_: Any) -> Buffer:
        """``Buffer.from(string[, encoding])`` (pooled), ``(array | array-like | Buffer | Uint8Array)``
        (a copy, each element ``ToNumber(v) & 255``, pooled), ``(arrayBuffer[, byteOffset[, length]])``
        (shares memory), ``({type: 'Buffer', data})``."""
        # JavaScript's calling convention is in the signature (``value`` may be missing, extra
        # arguments are ignored), so js_methods leaves this hot function unwrapped.
        if isinstance(value, str):  # fromString, here rather than in a function of its own: one call less
            e: str | None
            if not encoding_or_offset or not isinstance(encoding_or_offset, str):
                e = "utf8"
            else:
                e = enc.normalize_encoding(encoding_or_offset)
                if e is None:
                    raise unknown_encoding(encoding_or_offset)
            if len(value) == 0:
                return Buffer._lay(ArrayBuffer(0), 0, 0)
            return _from_string_fast(value, e)
        if isinstance(value, AnyArrayBuffer):
            return _from_array_buffer(value, encoding_or_offset, length)
        if isinstance(value, TypedArray):
            # fromArrayLike: each element converted as a Uint8Array's set() does (an empty one is not read)
            return _from_array_like(bytes(Uint8Array(value)) if value.length else b"")
        if isinstance(value, DataView):  # an object whose length is not a number but whose buffer is one
            return _from_array_like(b"")
        if isinstance(value, (bytes, bytearray, memoryview)):  # python-only: bytes-likes from Python callers
            return _from_array_like(bytes(value))
        if isinstance(value, (list, tuple)):
            return _from_array_like(bytes(to_uint8(x) for x in value))
        if isinstance(value, dict):
            if value.get("length") is not None or isinstance(value.get("buffer"), AnyArrayBuffer):
                n = value.get("length")
                if not is_number(n):
                    return _from_array_like(b"")
                n = to_integer_trunc(n)
                if isinstance(n, float) or n <= 0:
                    return _from_array_like(b"")
                return _from_array_like(_array_like_bytes(value, n))
            if value.get("type") == "Buffer" and isinstance(value.get("data"), list):
                return _from_array_like(bytes(to_uint8(x) for x in value["data"]))
        raise invalid_arg_type(
            "first argument", ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"], value)

    @classmethod
    def alloc(cls, size: Any, fill: Any = None, encoding: Any = None) -> Buffer:
        """``Buffer.alloc(size[, fill[, encoding]])``: zero-filled or filled, never from the pool."""
        validate_number(size, "size", 0, max_length())
        n = int(size)
        if fill is not None and not (is_number(fill) and fill == 0) and n > 0:
            b = _create_unsafe(n)
            return b._fill(fill, 0, n, encoding)
        return _create_unsafe(n)

    @classmethod
    def alloc_unsafe(cls, size: Any) -> Buffer:
        """``Buffer.allocUnsafe(size)``: uninitialised; a pool slice when ``size < poolSize >>> 1``."""
        validate_number(size, "size", 0, max_length())
        return _allocate(int(size))

    @classmethod
    def alloc_unsafe_slow(cls, size: Any) -> Buffer:
        """``Buffer.allocUnsafeSlow(size)``: uninitialised, always its own memory."""
        validate_number(size, "size", 0, max_length())
        return _create_unsafe(int(size))

    @classmethod
    def of(cls, *items: Any) -> Buffer:
        """``Buffer.of(...items)``: never pooled."""
        b = _create_unsafe(len(items))
        for i, v in enumerate(items):
            b._mv[i] = to_uint8(v)
        return b

    @classmethod
    def copy_bytes_from(cls, view: Any, offset: Any = None, length: Any = None) -> Buffer:
        """``Buffer.copyBytesFrom(view[, offset[, length]])``: a pooled copy of the bytes of a typed
        array's elements ``offset`` to ``offset + length`` (counted in elements, not bytes)."""
        if isinstance(view, (bytes, bytearray, memoryview)):  # python-only: bytes-likes from Python callers
            view = Uint8Array(bytes(view))
        if not isinstance(view, TypedArray):
            raise invalid_arg_type("view", ["TypedArray"], view)
        data = bytes(view._raw)
        size = view.BYTES_PER_ELEMENT
        count = len(data) // size
        if count == 0:
            return Buffer.alloc(0)
        if offset is not None or length is not None:
            if offset is not None:
                validate_integer(offset, "offset", 0)
                if offset >= count:
                    return Buffer.alloc(0)
            else:
                offset = 0
            if length is not None:
                validate_integer(length, "length", 0)
                end = offset + length
            else:
                end = count
            data = data[int(offset) * size:int(end) * size]
        return _from_array_like(data)

    @staticmethod
    def is_buffer(b: Any) -> bool:
        """``Buffer.isBuffer(obj)``: true only for a Buffer (not a plain Uint8Array)."""
        return isinstance(b, Buffer)

    @staticmethod
    def is_encoding(encoding: Any) -> bool:
        """``Buffer.isEncoding(name)``: a non-empty string naming one of Node's encodings, any case."""
        return isinstance(encoding, str) and enc.normalize_encoding(encoding) is not None  # '' is none (Node checks its length)

    @staticmethod
    def concat(lst: Any, total_length: Any = None) -> Buffer:
        """``Buffer.concat(list[, totalLength])``: truncated or zero-filled to ``totalLength``; pooled.
        Up to Node 22 the items' ``length`` properties are summed with JavaScript's ``+`` and the Buffer
        allocated before any item is checked (``[{length: -1}]`` is an invalid size); from Node 24 every
        item is checked first and their byte lengths summed."""
        if not isinstance(lst, (list, tuple)):
            raise invalid_arg_type("list", "Array", lst)
        if len(lst) == 0:
            return _from_array_like(b"")
        if total_length is None:
            if since(24):
                _check_concat_items(lst)
                total: Any = sum(len(_as_bytes_view(item)) for item in lst)
            else:
                total = 0
                for item in lst:
                    n = _length_property(item)
                    if to_boolean(n):
                        total = total + n if is_number(total) and is_number(n) else to_string(total) + to_string(n)
        else:
            validate_offset(total_length, "length")
            total = int(total_length)
            if since(24):
                _check_concat_items(lst)
        out = Buffer.alloc_unsafe(total)
        total = out._len
        pos = 0
        for i, item in enumerate(lst):
            if not _is_uint8(item):
                raise invalid_arg_type(f"list[{i}]", ["Buffer", "Uint8Array"], item)
            src = _as_bytes_view(item)
            n = min(len(src), total - pos)
            if n > 0:
                out._mv[pos:pos + n] = src[:n]
                pos += n
        if pos < total:
            out._mv[pos:total] = bytes(total - pos)
        return out

    byte_length = StaticAndInstance(_static_byte_length, lambda self: self._len, is_property=True)

    @property
    def parent(self) -> AnyArrayBuffer:
        return self._ab

    @property
    def offset(self) -> int:
        return self._off

    def to_json(self) -> dict[str, Any]:
        """``buf.toJSON()``: ``{'type': 'Buffer', 'data': [...]}``."""
        return {"type": "Buffer", "data": self._mv.tolist()}

    def inspect(self, *_: Any) -> str:
        """util.inspect's form: ``<Buffer 01 02 … N more bytes>`` (at most INSPECT_MAX_BYTES)."""
        mx = INSPECT_MAX_BYTES
        actual = int(min(mx, self._len))
        remaining = self._len - mx
        s = " ".join(f"{b:02x}" for b in self._mv[:actual].tolist())
        if remaining > 0:
            r = int(remaining) if float(remaining).is_integer() else remaining
            s += f" ... {r} more byte{'s' if remaining > 1 else ''}"
        return f"<Buffer {s}>"

    def __repr__(self) -> str:
        return self.inspect()

    def __str__(self) -> str:
        return self.to_string()

    # -- decoding ---------------------------------------------------------------------------------
    def to_string(self, *args: Any) -> str:
        """``buf.toString([encoding[, start[, end]]])`` with Node's clamping: start ≤ 0 → 0,
        start ≥ length → '', end missing or > length → length, end ≤ start → ''."""
        if not args:
            return enc.decode_utf8(self._mv)
        if len(args) == 1 and self._len:  # the whole buffer (the common case): no bounds to clamp
            if args[0] is None:
                return enc.decode_utf8(self._mv)
            # the usual spelling ('utf8', 'hex') straight from the table: getEncodingOps without a call
            name = enc.ALIASES.get(args[0]) if type(args[0]) is str else None
            if name == "utf8":
                return enc.decode_utf8(self._mv)
            if name is not None:
                return enc.decode(self._mv, name)
            name = _get_encoding(args[0])
            if name is None:
                raise unknown_encoding(args[0])
            return enc.decode(self._mv, name)
        encoding, start, end = (*args, None, None)[:3]
        n = self._len
        # lib/buffer.js clamps start to 0 (start <= 0) and end to the length (end > length) and truncates
        # each (MathTrunc(x) || 0: undefined and NaN are 0); its early return for start >= length gives
        # the same '' as 'end <= start' below.
        s = to_integer_trunc(start)
        s = max(s, 0) if s == s else 0
        e = n if end is None else to_integer_trunc(end)
        e = min(e, n) if e == e else 0
        if e <= s:
            return ""
        span = self._mv[int(s):int(e)]  # both finite ints by now (an infinite one returned above): for mypy
        if encoding is None:
            return enc.decode(span, "utf8")
        name = _get_encoding(encoding)
        if name is None:
            raise unknown_encoding(encoding)
        return enc.decode(span, name)

    to_locale_string = to_string

    # -- comparison -------------------------------------------------------------------------------
    def equals(self, other_buffer: Any) -> bool:
        """``buf.equals(other)``: same bytes (a Uint8Array is accepted)."""
        if not _is_uint8(other_buffer):
            raise invalid_arg_type("otherBuffer", ["Buffer", "Uint8Array"], other_buffer)
        return other_buffer is self or bytes(self._mv) == bytes(_as_bytes_view(other_buffer))

    @js_arguments
    def _compare(self, target: Any, *rest: Any) -> int:
        if not _is_uint8(target):
            raise invalid_arg_type("target", ["Buffer", "Uint8Array"], target)
        t = bytes(_as_bytes_view(target))
        if not rest:
            a = bytes(self._mv)
            return (a > t) - (a < t)
        target_start, target_end, source_start, source_end = (*rest, None, None, None, None)[:4]
        if target_start is None:
            target_start = 0
        else:
            validate_offset(target_start, "targetStart")
        if target_end is None:
            target_end = len(t)
        else:
            validate_offset(target_end, "targetEnd", 0, len(t))
        if source_start is None:
            source_start = 0
        else:
            validate_offset(source_start, "sourceStart")
        if source_end is None:
            source_end = self._len
        else:
            validate_offset(source_end, "sourceEnd", 0, self._len)
        if source_start >= source_end:
            return 0 if target_start >= target_end else -1
        if target_start >= target_end:
            return 1
        a = bytes(self._mv[int(source_start):int(source_end)])
        b = t[int(target_start):int(target_end)]
        return (a > b) - (a < b)

    compare = StaticAndInstance(_static_compare, _compare)

    # -- copying ----------------------------------------------------------------------------------
    def copy(self, target: Any, target_start: Any = None, source_start: Any = None, source_end: Any = None) -> int:
        """``buf.copy(target[, targetStart[, sourceStart[, sourceEnd]]])``: bytes copied, clipped
        to the target; overlapping ranges copy as if through a temporary. From Node 22 the target may
        be any typed array or DataView (its bytes; offsets count bytes)."""
        if not (_is_uint8(target) or (since(22) and isinstance(target, ArrayBufferView))):
            raise invalid_arg_type("target", ["Buffer", "Uint8Array"], target)
        tmv = _as_bytes_view(target)
        n = self._len

        def to_int(v: Any, name: str, hi: int | None) -> int:
            x = v if is_integer(v) else _to_integer(v, 0)
            if x < 0 or (hi is not None and x > hi):
                raise out_of_range(name, ">= 0" if hi is None else f">= 0 && <= {hi}", x)
            return int(x)

        ts = 0 if target_start is None else to_int(target_start, "targetStart", None)
        ss = 0 if source_start is None else to_int(source_start, "sourceStart", n)
        se = n if source_end is None else to_int(source_end, "sourceEnd", None)
        # the source range, clipped to the room in the target and to the source's end (none: 0 bytes)
        nb = max(0, min(se - ss, len(tmv) - ts, n - ss))
        tmv[ts:ts + nb] = bytes(self._mv[ss:ss + nb])
        return nb

    def slice(self, start: Any = None, end: Any = None) -> Buffer:
        """``buf.slice`` is ``subarray`` (shares memory, unlike Uint8Array.prototype.slice)."""
        return self.subarray(start, end)

    # -- filling and writing ----------------------------------------------------------------------
    def fill(self, value: Any, offset: Any = None, end: Any = None, encoding: Any = None) -> Buffer:
        """``buf.fill(value[, offset[, end]][, encoding])``: numbers ``& 255``, strings and
        Buffers repeated (a multi-byte character may be cut at the end); returns ``self``."""
        return self._fill(value, offset, end, encoding)

    def _fill(self, value: Any, offset: Any, end: Any, encoding: Any) -> Buffer:
        n = self._len
        if isinstance(value, str):
            if offset is None or isinstance(offset, str):
                encoding = offset
                offset = 0
                end = n
            elif isinstance(end, str):
                encoding = end
                end = n
            normalized = "utf8" if encoding is None or encoding is NULL or encoding == "" else \
                (enc.normalize_encoding(encoding) if isinstance(encoding, str) else None)
            if normalized is None:
                validate_string(encoding, "encoding")
                raise unknown_encoding(encoding)
            if len(value) == 0:
                value = 0
            # (Node turns a one-unit ASCII or Latin-1 string into its code first: the same bytes.)
        if offset is None:
            offset = 0
            end = n
        else:
            validate_offset(offset, "offset")
            if end is None:
                end = n
            else:
                validate_offset(end, "end", 0, n)
            if offset >= end:
                return self
        offset, end = int(offset), int(end)
        if is_number(value):  # (Node's out-of-bounds check here cannot fail: the offsets are validated above)
            self._mv[offset:end] = bytes([to_uint8(value)]) * (end - offset)
            return self
        if isinstance(value, str):
            data = enc.encode(value, cast(str, normalized))  # set and checked above, where value was a string
        elif _is_uint8(value) or isinstance(value, ArrayBufferView):  # any view: its bytes
            data = bytes(_as_bytes_view(value))
        else:
            # Anything else goes through ToUint32 & 255 in the C++ fill (true → 1, {} → 0, [7] → 7).
            self._mv[offset:end] = bytes([to_uint8(value)]) * (end - offset)
            return self
        if end == offset:  # nothing to fill (an empty Buffer): even a fill value of no bytes is accepted
            return self
        if len(data) == 0:
            raise invalid_arg_value("value", value)
        span = end - offset
        reps = -(-span // len(data))
        self._mv[offset:end] = (data * reps)[:span]
        return self

    def write(self, string: Any, offset: Any = None, length: Any = None, encoding: Any = None) -> int:
        """``buf.write(string[, offset[, length]][, encoding])``: the number of bytes written; never
        half a character."""
        n = self._len
        if not isinstance(string, str):
            raise node_error("ERR_INVALID_ARG_TYPE", "argument must be a string")
        if offset is None:
            return enc.write_into(self._mv, string, 0, n, "utf8")
        if length is None and isinstance(offset, str):
            encoding = offset
            length = n
            offset = 0
        else:
            validate_offset(offset, "offset", 0, n)
            remaining = n - offset
            if length is None:
                length = remaining
            elif isinstance(length, str):
                encoding = length
                length = remaining
            else:
                validate_offset(length, "length", 0, n)
                if length > remaining:
                    length = remaining
        e: str | None
        if not encoding or encoding == "utf8":
            e = "utf8"
        else:
            e = _get_encoding(encoding)
            if e is None:
                raise unknown_encoding(encoding)
        return enc.write_into(self._mv, string, int(offset), int(length), e)

    # -- searching --------------------------------------------------------------------------------
    def index_of(self, value: Any, byte_offset: Any = None, encoding: Any = None) -> int:
        """``buf.indexOf(value[, byteOffset][, encoding])``: a number is searched as
        ``(value >>> 0) & 255``; a negative offset counts from the end; '' is found at the offset."""
        return _bidirectional_index_of(self, value, byte_offset, encoding, True)

    def last_index_of(self, value: Any, byte_offset: Any = None, encoding: Any = None) -> int:
        """``buf.lastIndexOf(value[, byteOffset][, encoding])``."""
        return _bidirectional_index_of(self, value, byte_offset, encoding, False)

    def includes(self, value: Any, byte_offset: Any = None, encoding: Any = None) -> bool:
        """``buf.includes(value[, byteOffset][, encoding])``."""
        return self.index_of(value, byte_offset, encoding) != -1

    # -- byte order -------------------------------------------------------------------------------
    def _swap(self, size: int, bits: str) -> Buffer:
        if self._len % size:
            raise node_error("ERR_INVALID_BUFFER_SIZE", f"Buffer size must be a multiple of {bits}")
        data = bytes(self._mv)
        out = bytearray(self._len)
        for k in range(size):
            out[k::size] = data[size - 1 - k::size]
        self._mv[:] = out
        return self

    def swap16(self) -> Buffer:
        """``buf.swap16()``: swaps byte order in place per 16-bit unit (length must be even)."""
        return self._swap(2, "16-bits")

    def swap32(self) -> Buffer:
        """``buf.swap32()``."""
        return self._swap(4, "32-bits")

    def swap64(self) -> Buffer:
        """``buf.swap64()``."""
        return self._swap(8, "64-bits")

    # -- numeric reads and writes (lib/internal/buffer.js) -----------------------------------------
    def _check_read(self, offset: Any, size: int) -> int:
        if offset is None:
            offset = 0
        validate_number(offset, "offset")
        if not is_integer(offset) or offset < 0 or offset + size > self._len:
            raise _bounds_error(offset, self._len - size)
        return int(offset)

    def _read_uint(self, offset: Any, size: int, order: _Order) -> int:
        o = self._check_read(offset, size)
        return int.from_bytes(self._mv[o:o + size], order)

    def _read_int(self, offset: Any, size: int, order: _Order) -> int:
        o = self._check_read(offset, size)
        return int.from_bytes(self._mv[o:o + size], order, signed=True)

    def _read_var(self, offset: Any, byte_length: Any, order: _Order, signed: bool) -> int:
        if offset is None:
            raise invalid_arg_type("offset", "number", offset)
        if byte_length not in (1, 2, 3, 4, 5, 6) or isinstance(byte_length, bool):
            raise _bounds_error(byte_length, 6, "byteLength")
        o = self._check_read(offset, int(byte_length))
        return int.from_bytes(self._mv[o:o + int(byte_length)], order, signed=signed)

    def read_uint8(self, offset: Any = None) -> int:
        return self._read_uint(offset, 1, "little")

    def read_int8(self, offset: Any = None) -> int:
        return self._read_int(offset, 1, "little")

    def read_uint16_le(self, offset: Any = None) -> int:
        return self._read_uint(offset, 2, "little")

    def read_uint16_be(self, offset: Any = None) -> int:
        return self._read_uint(offset, 2, "big")

    def read_int16_le(self, offset: Any = None) -> int:
        return self._read_int(offset, 2, "little")

    def read_int16_be(self, offset: Any = None) -> int:
        return self._read_int(offset, 2, "big")

    def read_uint32_le(self, offset: Any = None) -> int:
        return self._read_uint(offset, 4, "little")

    def read_uint32_be(self, offset: Any = None) -> int:
        return self._read_uint(offset, 4, "big")

    def read_int32_le(self, offset: Any = None) -> int:
        return self._read_int(offset, 4, "little")

    def read_int32_be(self, offset: Any = None) -> int:
        return self._read_int(offset, 4, "big")

    def read_uint_le(self, offset: Any = None, byte_length: Any = None) -> int:
        return self._read_var(offset, byte_length, "little", False)

    def read_uint_be(self, offset: Any = None, byte_length: Any = None) -> int:
        return self._read_var(offset, byte_length, "big", False)

    def read_int_le(self, offset: Any = None, byte_length: Any = None) -> int:
        return self._read_var(offset, byte_length, "little", True)

    def read_int_be(self, offset: Any = None, byte_length: Any = None) -> int:
        return self._read_var(offset, byte_length, "big", True)

    def read_big_uint64_le(self, offset: Any = None) -> BigInt:
        return BigInt(self._read_uint(offset, 8, "little"))

    def read_big_uint64_be(self, offset: Any = None) -> BigInt:
        return BigInt(self._read_uint(offset, 8, "big"))

    def read_big_int64_le(self, offset: Any = None) -> BigInt:
        return BigInt(self._read_int(offset, 8, "little"))

    def read_big_int64_be(self, offset: Any = None) -> BigInt:
        return BigInt(self._read_int(offset, 8, "big"))

    def read_float_le(self, offset: Any = None) -> float:
        o = self._check_read(offset, 4)
        return float(struct.unpack("<f", self._mv[o:o + 4])[0])

    def read_float_be(self, offset: Any = None) -> float:
        o = self._check_read(offset, 4)
        return float(struct.unpack(">f", self._mv[o:o + 4])[0])

    def read_double_le(self, offset: Any = None) -> float:
        o = self._check_read(offset, 8)
        return float(struct.unpack("<d", self._mv[o:o + 8])[0])

    def read_double_be(self, offset: Any = None) -> float:
        o = self._check_read(offset, 8)
        return float(struct.unpack(">d", self._mv[o:o + 8])[0])

    def _write_int(self, value: Any, offset: Any, size: int, lo: int, hi: int, order: str,
                   default_offset: bool = True) -> int:
        """writeU_Int8 / checkInt of lib/internal/buffer.js, in Node's order: a 1-byte write checks
        the offset's type before the value's range, wider writes the range first."""
        if offset is None and default_offset:
            offset = 0
        v = to_number(value)
        if size == 1:
            validate_number(offset, "offset")
        if v > hi or v < lo:
            if size > 4:
                bits = size * 8
                rng = f">= 0 and < 2 ** {bits}" if lo == 0 else f">= -(2 ** {bits - 1}) and < 2 ** {bits - 1}"
            else:
                rng = f">= {lo} and <= {hi}"
            raise out_of_range("value", rng, v)
        validate_number(offset, "offset")
        if not is_integer(offset) or offset < 0 or offset + size > self._len:
            raise _bounds_error(offset, self._len - size)
        o = int(offset)
        self._mv[o:o + size] = _int_bytes(v, size, order)
        return o + size

    def write_uint8(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 1, 0, 0xFF, "little")

    def write_int8(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 1, -0x80, 0x7F, "little")

    def write_uint16_le(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 2, 0, 0xFFFF, "little")

    def write_uint16_be(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 2, 0, 0xFFFF, "big")

    def write_int16_le(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 2, -0x8000, 0x7FFF, "little")

    def write_int16_be(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 2, -0x8000, 0x7FFF, "big")

    def write_uint32_le(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 4, 0, 0xFFFFFFFF, "little")

    def write_uint32_be(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 4, 0, 0xFFFFFFFF, "big")

    def write_int32_le(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 4, -0x80000000, 0x7FFFFFFF, "little")

    def write_int32_be(self, value: Any, offset: Any = None) -> int:
        return self._write_int(value, offset, 4, -0x80000000, 0x7FFFFFFF, "big")

    def _write_var(self, value: Any, offset: Any, byte_length: Any, order: str, signed: bool) -> int:
        if byte_length not in (1, 2, 3, 4, 5, 6) or isinstance(byte_length, bool):
            raise _bounds_error(byte_length, 6, "byteLength")
        size = int(byte_length)
        if signed:
            lo, hi = -(2 ** (size * 8 - 1)), 2 ** (size * 8 - 1) - 1
        else:
            lo, hi = 0, 2 ** (size * 8) - 1
        # Node's writeUIntLE/BE and writeIntLE/BE have no default offset: undefined fails validateNumber.
        return self._write_int(value, offset, size, lo, hi, order, default_offset=False)

    def write_uint_le(self, value: Any, offset: Any = None, byte_length: Any = None) -> int:
        return self._write_var(value, offset, byte_length, "little", False)

    def write_uint_be(self, value: Any, offset: Any = None, byte_length: Any = None) -> int:
        return self._write_var(value, offset, byte_length, "big", False)

    def write_int_le(self, value: Any, offset: Any = None, byte_length: Any = None) -> int:
        return self._write_var(value, offset, byte_length, "little", True)

    def write_int_be(self, value: Any, offset: Any = None, byte_length: Any = None) -> int:
        return self._write_var(value, offset, byte_length, "big", True)

    def _write_big(self, value: Any, offset: Any, signed: bool, order: _Order) -> int:
        if offset is None:
            offset = 0
        lo, hi = (-(2**63), 2**63 - 1) if signed else (0, 2**64 - 1)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (value > hi or value < lo):
            rng = ">= -(2n ** 63n) and < 2n ** 63n" if signed else ">= 0n and < 2n ** 64n"
            raise out_of_range("value", rng, value)
        validate_number(offset, "offset")
        if not is_integer(offset) or offset < 0 or offset + 8 > self._len:
            raise _bounds_error(offset, self._len - 8)
        if not isinstance(value, BigInt):
            raise v8_error("TypeError", "Cannot mix BigInt and other types, use explicit conversions")
        o = int(offset)
        self._mv[o:o + 8] = (int(value) % 2**64).to_bytes(8, order)
        return o + 8

    def write_big_uint64_le(self, value: Any, offset: Any = None) -> int:
        return self._write_big(value, offset, False, "little")

    def write_big_uint64_be(self, value: Any, offset: Any = None) -> int:
        return self._write_big(value, offset, False, "big")

    def write_big_int64_le(self, value: Any, offset: Any = None) -> int:
        return self._write_big(value, offset, True, "little")

    def write_big_int64_be(self, value: Any, offset: Any = None) -> int:
        return self._write_big(value, offset, True, "big")

    def _write_float(self, value: Any, offset: Any, fmt: str, size: int) -> int:
        if offset is None:
            offset = 0
        v = float(to_number(value))
        validate_number(offset, "offset")
        if not is_integer(offset) or offset < 0 or offset + size > self._len:
            raise _bounds_error(offset, self._len - size)
        try:
            data = struct.pack(fmt, v)
        except OverflowError:
            data = struct.pack(fmt, math.copysign(math.inf, v))
        o = int(offset)
        self._mv[o:o + size] = data
        return o + size

    def write_float_le(self, value: Any, offset: Any = None) -> int:
        return self._write_float(value, offset, "<f", 4)

    def write_float_be(self, value: Any, offset: Any = None) -> int:
        return self._write_float(value, offset, ">f", 4)

    def write_double_le(self, value: Any, offset: Any = None) -> int:
        return self._write_float(value, offset, "<d", 8)

    def write_double_be(self, value: Any, offset: Any = None) -> int:
        return self._write_float(value, offset, ">d", 8)


# JavaScript's calling convention: a missing argument is undefined, extras are ignored
# (buf.fill() fills zeros, buf.copy() is Node's ERR_INVALID_ARG_TYPE, writeFloatLE(v, 0, true)).
js_methods(Uint8Array)
js_methods(Buffer)

# Buffer.from(string[, encoding]) for UTF-8, clean base64 and clean hex goes first to the C views'
# fromStringFast (_views.c's from_string), before from_'s frame is made; every other call, and every string
# it leaves, goes on to from_ above, as does every call where the C was not built (the twin's FromString
# is from_ itself). tests/test_views.py holds the shortcut to from_.
Buffer.from_ = FromString(Buffer.from_, Buffer, _pool)  # type: ignore[method-assign]
# buf.toString() of a whole Buffer in UTF-8 (no encoding, 'utf8', 'utf-8') goes first to the C views'
# decoder (decode_utf8's), before to_string's frame is made; every other call goes on to to_string above.
Buffer.to_string = ToString(Buffer.to_string)  # type: ignore[method-assign]


def _to_integer(n: Any, default: int) -> int:
    """lib/buffer.js toInteger: floor of a safe number, else the default."""
    x = to_number(n)
    if math.isnan(x) or not (-(2**53 - 1) <= x <= 2**53 - 1):
        return default
    return math.floor(x)


def _int_bytes(v: float | int, size: int, order: str) -> bytes:
    """The bytes Node writes for a (range-checked) number: ToUint32 for the low 32 bits and
    floor(v / 2**32) for the bytes above them."""
    low = to_uint32(v)
    if size <= 4:
        raw = (low & ((1 << (size * 8)) - 1)).to_bytes(size, "little")
    else:
        high = v if isinstance(v, int) else (0 if math.isnan(v) else math.floor(v * 2**-32))
        if isinstance(v, int):
            high = v >> 32
        raw = low.to_bytes(4, "little") + (to_uint32(high) & ((1 << ((size - 4) * 8)) - 1)).to_bytes(size - 4, "little")
    return raw if order == "little" else raw[::-1]


def _from_array_buffer(ab: AnyArrayBuffer, byte_offset: Any, length: Any) -> Buffer:
    """lib/buffer.js fromArrayBuffer: Node's own bounds checks, then ``new FastBuffer(ab, offset,
    length)``, whose checks are V8's (a negative offset: a RangeError without a code)."""
    if byte_offset is None and length is None:  # the whole of it (crypto's results): nothing to check
        return Buffer._lay(ab, 0, ab.byte_length)
    off: float
    n: float
    if byte_offset is None:
        off = 0
    else:
        off = to_number(byte_offset)
        if isinstance(off, float) and math.isnan(off):
            off = 0
    max_length = ab.byte_length - off
    if max_length < 0:
        raise buffer_out_of_bounds("offset")
    if length is None:
        if since(22):  # new FastBuffer(ab, offset): the rest of the buffer after the truncated offset
            return Buffer._over(ab, off, None)
        n = max_length  # up to Node 20 from the untruncated offset: (4 - 1.5) bytes is 2
    else:
        n = to_number(length)
        if n > 0:
            if n > max_length:
                raise buffer_out_of_bounds("length")
        else:
            n = 0
    return Buffer._over(ab, off, n)


def _bidirectional_index_of(buf: Buffer, val: Any, byte_offset: Any, encoding: Any, forward: bool) -> int:
    if isinstance(byte_offset, str):
        encoding = byte_offset
        byte_offset = None
    off = to_number(byte_offset) if byte_offset is not None else math.nan
    if off != off:  # NaN (undefined, 'foo', {}): the whole Buffer
        off = 0 if forward else buf._len
    # Node clamps the offset to an int32 for its C++ search; every offset past an end of the Buffer acts
    # as that end (the length, or -length - 1), so the clamp here is to those, then truncated.
    off = int(max(~buf._len, min(off, buf._len)))
    if is_number(val):
        return _index_of_bytes(buf, bytes([to_uint32(val) & 0xFF]), off, forward, False)
    e: str | None
    if encoding is None:
        e = "utf8"
    else:
        e = _get_encoding(encoding)
    if isinstance(val, str):
        if e is None:
            raise unknown_encoding(encoding)
        if e in ("ascii", "base64", "base64url", "hex"):
            needle = bytes(_from_string_fast(val, e)._mv) if val else b""
        elif e == "latin1":
            needle = enc.encode(val, "latin1")
        elif e == "utf16le":
            needle = enc.utf16_units(val)
        else:
            needle = enc.encode(val, "utf8")
        return _index_of_bytes(buf, needle, off, forward, e == "utf16le", string_needle=True)
    if _is_uint8(val):
        return _index_of_bytes(buf, bytes(_as_bytes_view(val)), off, forward, e == "utf16le")
    raise invalid_arg_type("value", ["number", "string", "Buffer", "Uint8Array"], val)


def _index_of_offset(length: int, offset: int, needle_length: int, forward: bool) -> int:
    if offset < 0:
        if offset + length >= 0:
            return length + offset
        if forward or needle_length == 0:
            return 0
        return -1
    if offset + needle_length <= length:
        return offset
    if needle_length == 0:
        return length
    if forward:
        return -1
    return length - 1


def _index_of_bytes(buf: Buffer, needle: bytes, offset: int, forward: bool, ucs2: bool,
                    string_needle: bool = False) -> int:
    """src/node_buffer.cc IndexOfString/IndexOfBuffer. UCS-2 searches whole, aligned code units; for a
    string needle the haystack is first cut to an even length. Up to Node 22, for a Buffer needle it is
    not, so an odd-length haystack reports a failed UCS-2 search as ``length - 1`` (Node's quirk, kept);
    from Node 24 a Buffer needle's haystack is cut too, after the offset is taken from its whole length
    (a negative one counts from the last byte), and an empty needle's answer stops at the cut."""
    hay = bytes(buf._mv)
    cut = ucs2 and (string_needle or since(24))
    hay_len = len(hay) & ~1 if cut else len(hay)
    nlen = len(needle)
    opt = _index_of_offset(hay_len if string_needle else len(hay), offset, nlen, forward)
    if nlen == 0:
        return min(opt, hay_len)
    if hay_len == 0 or opt <= -1:
        return -1
    if (forward and nlen + opt > hay_len) or nlen > hay_len:
        return -1
    if ucs2:
        if hay_len < 2 or nlen < 2:
            return -1
        units = hay_len // 2
        found = _search_aligned(hay[:units * 2], needle[:nlen & ~1], (opt // 2) * 2, forward)
        result = units * 2 if found < 0 else found
        return -1 if result == hay_len else result
    if forward:
        return hay.find(needle, opt)
    start = min(opt, hay_len - nlen)
    return hay.rfind(needle, 0, start + nlen)


def _search_aligned(hay: bytes, needle: bytes, start: int, forward: bool) -> int:
    n = len(needle)
    if forward:
        i = hay.find(needle, start)
        while i != -1 and i % 2:
            i = hay.find(needle, i + 1)
        return i
    start = min(start, len(hay) - n)
    i = hay.rfind(needle, 0, start + n)
    while i != -1 and i % 2:
        i = hay.rfind(needle, 0, i + n - 1)
    return i


class _SlowBufferName:
    """SlowBuffer's function name: Node 24 exports it wrapped by util.deprecate, a function named
    ``deprecated`` (its messages say "Received function deprecated")."""

    def __get__(self, obj: object, cls: type | None = None) -> str:
        return "deprecated" if since(24) else "SlowBuffer"


class _SlowBuffer:
    """``SlowBuffer(size)`` (deprecated; removed in Node 26): ``Buffer.allocUnsafeSlow``."""

    js_name = _SlowBufferName()

    def __new__(cls, size: Any) -> Buffer:  # type: ignore[misc]
        return Buffer.alloc_unsafe_slow(size)


def is_utf8(data: Any) -> bool:
    """``buffer.isUtf8(input)``."""
    if not (_is_uint8(data) or isinstance(data, (TypedArray, AnyArrayBuffer))):
        raise invalid_arg_type("input", ["ArrayBuffer", "Buffer", "TypedArray"], data)
    try:
        bytes(data).decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def is_ascii(data: Any) -> bool:
    """``buffer.isAscii(input)``."""
    if not (_is_uint8(data) or isinstance(data, (TypedArray, AnyArrayBuffer))):
        raise invalid_arg_type("input", ["ArrayBuffer", "Buffer", "TypedArray"], data)
    return bytes(data).isascii()


class DOMException(NodeError):
    """WHATWG's DOMException, as atob/btoa throw it (``name`` InvalidCharacterError, legacy ``code`` 5)."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message, 5)  # type: ignore[arg-type]  # a DOMException's code is a number
        self.name = name


_ASCII_WHITESPACE = "\t\n\f\r "
_BASE64_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def btoa(*args: Any) -> str:
    """``buffer.btoa(data)``: base64 of a string whose characters are all Latin-1."""
    if not args:
        raise node_error("ERR_MISSING_ARGS", 'The "input" argument must be specified')
    s = to_string(args[0])
    try:
        raw = s.encode("latin-1")
    except UnicodeEncodeError:
        raise DOMException("Invalid character", "InvalidCharacterError") from None
    return enc.decode(raw, "base64")


def atob(*args: Any) -> str:
    """``buffer.atob(data)``: WHATWG forgiving-base64 decode (stricter than Buffer.from(s, 'base64')):
    ASCII whitespace is removed, up to two '=' may end a length multiple of 4, anything else outside
    the standard alphabet throws InvalidCharacterError."""
    if not args:
        raise node_error("ERR_MISSING_ARGS", 'The "input" argument must be specified')
    s = "".join(c for c in to_string(args[0]) if c not in _ASCII_WHITESPACE)
    if len(s) % 4 == 0:
        s = s[:-2] if s.endswith("==") else s[:-1] if s.endswith("=") else s
    if any(c not in _BASE64_CHARS for c in s):
        raise DOMException("Invalid character", "InvalidCharacterError")
    if len(s) % 4 == 1:
        raise DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError")
    return enc.decode(enc.encode(s, "base64"), "latin1")


reset_pool()
on_change(lambda line: reset_pool())
