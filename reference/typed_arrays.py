"""JavaScript's binary data as Node's Buffer meets it: ``ArrayBuffer`` and ``SharedArrayBuffer`` (memory),
the typed arrays (``Int8Array`` … ``BigUint64Array``: elements of one type over that memory) and
``DataView`` (reads and writes of any type at any offset).

Memory model. An array buffer owns a fixed block of bytes (a ``Memory``, set once and never moved); every view (a typed array, a DataView, a Buffer) is a ``View`` of a range of that
memory (``_views.c``, or a ctypes structure laid at its address where that was not built: ``_views_ctypes.py``),
so views of one buffer share their bytes, as in JavaScript, and export them through
Python's buffer protocol (``memoryview(view)``, ``bytes(view)``). A typed array reads and writes its elements through a memoryview cast to its element
type, in the machine's byte order (JavaScript's typed arrays use the platform's order too; little-endian
on every machine Node supports here); a DataView picks the order per call.

Errors are V8's: RangeError and TypeError without a code, with V8's messages
(``Invalid array buffer length``, ``Invalid typed array length: -1``,
``start offset of Int16Array should be a multiple of 2``…).
"""

from __future__ import annotations

import gc
import math
import struct
from array import array
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .calls import js_arguments, js_methods
from .errors import v8_error
from .js import (
    inspect,
    number_to_string,
    to_boolean,
    to_int32,
    to_integer_trunc,
    to_number,
    to_string,
    to_uint8,
    to_uint32,
)
from .lines import since
from .types import BigInt

try:  # the memory and its views in C, where setup.py could build them; the same API in ctypes otherwise
    from ._views import Memory, View, set_array_buffer
except ImportError:
    from ._views_ctypes import Memory, View, set_array_buffer  # type: ignore[assignment]

__all__ = [
    "AnyArrayBuffer", "ArrayBuffer", "SharedArrayBuffer", "ArrayBufferView", "TypedArray", "DataView",
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "ArrayIterator",
]

MAX_SAFE_INTEGER = 2**53 - 1

def live_array_buffer_bytes() -> int:
    """The bytes of every array buffer not yet freed (``process.memoryUsage().arrayBuffers``), counted
    when asked: every array buffer is an object the garbage collector tracks, so making one pays for no
    counter (nor for a ``__del__`` when it goes). Those the collector was told to freeze (``gc.freeze()``:
    the harness's and the program template's start-up objects, such as the first pool) are not listed:
    only differences between readings are specified, and those hold unless a frozen one is freed
    between them."""
    return sum(o._size for o in gc.get_objects() if isinstance(o, AnyArrayBuffer))


def _to_index(value: Any) -> int | float:
    """ECMAScript ToIndex without its RangeError (each caller throws V8's own message): the integer,
    or a negative/too large/infinite number that the caller rejects. undefined and NaN are 0."""
    n = to_integer_trunc(to_number(value))
    return 0 if n != n else n


def _valid_index(n: int | float) -> bool:
    return 0 <= n <= MAX_SAFE_INTEGER


# -- memory ---------------------------------------------------------------------------------------

class AnyArrayBuffer(Memory):
    """What Node's ``isAnyArrayBuffer`` accepts: an ArrayBuffer or a SharedArrayBuffer (each names its
    JavaScript class; nothing makes an instance of this one)."""

    js_name = "AnyArrayBuffer"  # never shown: every array buffer is an ArrayBuffer or a SharedArrayBuffer
    # Its memory is Memory's: set once (_allocate, _hold), never resized or moved, so every view of it
    # can point into it. _bytes is a byte-formatted memoryview of all of it, _size its size.
    __slots__ = ("__weakref__",)

    def __init__(self, size: int | bytes | bytearray | memoryview = 0) -> None:
        if isinstance(size, (bytes, bytearray)):
            self._hold(array("B", size))
        elif isinstance(size, memoryview):
            self._hold(array("B", size.tobytes()))
        else:
            # ToIndex, as `new ArrayBuffer(length)`: undefined and NaN are 0, fractions truncate (an int
            # is its own: no conversion).
            n = size if type(size) is int else _to_index(size)
            if not _valid_index(n):
                raise v8_error("RangeError", "Invalid array buffer length")
            if n > 2**32:  # what V8 says when it cannot allocate that much (here: past 4 GiB)
                raise v8_error("RangeError", "Array buffer allocation failed")
            self._allocate(int(n))

    @classmethod
    def _holding(cls, data: bytearray) -> AnyArrayBuffer:
        """An array buffer whose memory is ``data`` itself, not a copy (the caller gives it up)."""
        ab = cls.__new__(cls)
        ab._hold(data)
        return ab

    @property
    def byte_length(self) -> int:
        return self._size

    def slice(self, start: Any = None, end: Any = None) -> Any:
        """``slice([start[, end]])``: a copy of that range, of the same kind (negative from the end)."""
        n = self._size
        s = _relative(start, n, 0)
        e = _relative(end, n, n)
        return type(self)(self._bytes[s:max(s, e)])

    def __bytes__(self) -> bytes:
        return bytes(self._bytes)

    def __len__(self) -> int:  # python-only: len(buffer)
        return self._size

    def __repr__(self) -> str:
        return f"{self.js_name} {{ byteLength: {self._size} }}"


class ArrayBuffer(AnyArrayBuffer):
    """A fixed-size block of memory (JavaScript's ArrayBuffer)."""

    js_name = "ArrayBuffer"
    __slots__ = ()

    @staticmethod
    def is_view(value: Any) -> bool:
        """``ArrayBuffer.isView(value)``: a typed array (a Buffer too) or a DataView."""
        return isinstance(value, ArrayBufferView)


set_array_buffer(ArrayBuffer)


class SharedArrayBuffer(AnyArrayBuffer):
    """Memory that JavaScript can share between threads; not an ArrayBuffer (``instanceof`` is false)."""

    js_name = "SharedArrayBuffer"
    __slots__ = ()


def _relative(v: Any, n: int, default: int) -> int:
    """A relative index clamped to ``[0, n]`` (negative from the end), ``default`` for undefined."""
    if v is None:
        return default
    t = v if type(v) is int else to_integer_trunc(v)
    if isinstance(t, float) and math.isnan(t):
        t = 0
    if t < 0:
        return int(max(n + t, 0))
    return int(min(t, n))


# -- views ----------------------------------------------------------------------------------------

class ArrayBufferView(View):
    """What ``ArrayBuffer.isView`` accepts: a typed array or a DataView, over its buffer's memory.
    Its memory (``_ab``, ``_off``, ``_raw``) and the way views are made (``_lay``) are ``View``'s."""

    js_name = "ArrayBufferView"  # each kind of view names its own
    __slots__ = ("__dict__", "__weakref__")  # a program may set anything on a view
    _ab: AnyArrayBuffer

    def __init__(self, *args: Any) -> None:  # construction happens in __new__ / _lay
        pass

    @property
    def buffer(self) -> AnyArrayBuffer:
        """The array buffer this view shows (the whole 8 KiB pool for a pooled Buffer)."""
        return self._ab

    @property
    def byte_offset(self) -> int:
        return self._off

    def memoryview(self) -> memoryview:  # python-only: a view for Python code
        """A writable, byte-formatted memoryview of the same memory."""
        return self._raw

    def __bool__(self) -> bool:
        return True

    def __bytes__(self) -> bytes:
        return bytes(self._raw)


def _bounds_message(offset: Any) -> str:
    return f"Start offset {to_string(offset)} is outside the bounds of the buffer"


class DataView(ArrayBufferView):
    """``new DataView(buffer[, byteOffset[, byteLength]])``: typed reads and writes at byte offsets,
    big-endian unless ``littleEndian`` is true."""

    js_name = "DataView"

    def __new__(cls, buffer: Any = None, byte_offset: Any = None, byte_length: Any = None) -> Any:
        if not isinstance(buffer, AnyArrayBuffer):
            raise v8_error("TypeError", "First argument to DataView constructor must be an ArrayBuffer")
        offset = _to_index(byte_offset)
        size = buffer.byte_length
        if not _valid_index(offset) or offset > size:
            raise v8_error("RangeError", _bounds_message(offset))  # V8 names the index here: -1 for -1.5
        if byte_length is None:
            length = size - offset
        else:
            length = _to_index(byte_length)
            if not _valid_index(length) or offset + length > size:
                raise v8_error("RangeError", f"Invalid DataView length {to_string(length)}")
        return cls._lay(buffer, int(offset), int(length))

    @property
    def byte_length(self) -> int:
        return len(self._raw)

    def _index(self, byte_offset: Any) -> int:
        index = _to_index(byte_offset)
        if not _valid_index(index):
            raise _outside_data_view()
        return int(index)

    def _fits(self, index: int, size: int) -> None:
        if index + size > len(self._raw):
            raise _outside_data_view()

    def _get(self, byte_offset: Any, little_endian: Any, kind: type[TypedArray]) -> Any:
        i = self._index(byte_offset)
        self._fits(i, kind.BYTES_PER_ELEMENT)
        order = "<" if to_boolean(little_endian) else ">"
        value = struct.unpack(order + kind._format, self._raw[i:i + kind.BYTES_PER_ELEMENT])[0]
        return BigInt(value) if kind._bigint else value

    def _put(self, byte_offset: Any, value: Any, little_endian: Any, kind: type[TypedArray]) -> None:
        # SetViewValue's order: the index, then the value's conversion, then the bounds.
        i = self._index(byte_offset)
        converted = kind._convert(value)
        self._fits(i, kind.BYTES_PER_ELEMENT)
        order = "<" if to_boolean(little_endian) else ">"
        self._raw[i:i + kind.BYTES_PER_ELEMENT] = struct.pack(order + kind._format, converted)


def _outside_data_view() -> Exception:
    return v8_error("RangeError", "Offset is outside the bounds of the DataView")


class _IteratorName:
    """The class Node's messages name for an Array Iterator (``value.constructor.name``): ``Object`` on
    Node 20, ``Iterator`` from Node 22, whose V8 has the Iterator global."""

    def __get__(self, obj: object, cls: type | None = None) -> str:
        return "Iterator" if since(22) else "Object"


class ArrayIterator:
    """JavaScript's Array Iterator over a typed array: ``next()`` gives ``{'value', 'done'}``;
    it is also a Python iterator."""

    js_name = _IteratorName()

    def __init__(self, view: TypedArray, kind: str) -> None:
        self._view: TypedArray | None = view
        self._kind = kind
        self._i = 0

    def next(self) -> dict[str, Any]:
        view = self._view
        if view is None or self._i >= view._len:
            self._view = None
            return {"value": None, "done": True}
        i = self._i
        self._i += 1
        if self._kind == "keys":
            value: Any = i
        elif self._kind == "values":
            value = view[i]
        else:
            value = [i, view[i]]
        return {"value": value, "done": False}

    def __iter__(self) -> ArrayIterator:  # python-only: for … in on the iterator
        return self

    def __next__(self) -> Any:
        step = self.next()
        if step["done"]:
            raise StopIteration
        return step["value"]


_T = TypeVar("_T", bound="TypedArray")


class TypedArray(ArrayBufferView):
    """``%TypedArray%``: ``length`` elements of one type from ``byte_offset`` in an array buffer.
    Each subclass names its element: size, memoryview format and the conversion of an assigned value
    (``ToInt16``, ``ToUint8Clamp``, ``ToBigInt64``…)."""

    js_name = "TypedArray"  # each typed array names its own
    __slots__ = ()
    # The element's, set by __init_subclass__ for each concrete class (%TypedArray% has no instances).
    BYTES_PER_ELEMENT: int
    _format: str
    _bigint: bool
    _convert: Callable[[Any], Any]
    _len: int
    _mv: memoryview  # the elements

    def __init_subclass__(cls, element: tuple[str, Callable[[Any], Any]] | None = None, **kwargs: Any) -> None:
        """``class Int16Array(TypedArray, element=("h", _to_int16))``: the element's memoryview format
        (its size and whether it reads as a BigInt follow) and the conversion of an assigned value.
        Without ``element`` (Buffer, SlowBuffer) a subclass keeps its base's."""
        super().__init_subclass__(**kwargs)
        if element is not None:
            cls.js_name = cls.__name__
            cls._format, convert = element
            cls._convert = staticmethod(convert)
            cls.BYTES_PER_ELEMENT = cls._element_size = struct.calcsize(cls._format)
            cls._bigint = cls._format in ("q", "Q")

    def __new__(cls, arg: Any = 0, byte_offset: Any = None, length: Any = None) -> Any:
        if isinstance(arg, AnyArrayBuffer):
            return cls._over(arg, byte_offset, length)
        if isinstance(arg, (TypedArray, bytes, bytearray, memoryview)):
            source = arg if isinstance(arg, TypedArray) else Uint8Array._lay(ArrayBuffer(arg), 0, len(bytes(arg)))
            view = cls._lay(ArrayBuffer(source._len * cls.BYTES_PER_ELEMENT), 0, source._len)
            view.set(source)
            return view
        if isinstance(arg, (list, tuple)):
            view = cls._lay(ArrayBuffer(len(arg) * cls.BYTES_PER_ELEMENT), 0, len(arg))
            view.set(arg)
            return view
        count = _to_index(arg)
        if not _valid_index(count):
            raise v8_error("RangeError", f"Invalid typed array length: {to_string(arg)}")
        return cls._lay(ArrayBuffer(int(count) * cls.BYTES_PER_ELEMENT), 0, int(count))

    @classmethod
    def _over(cls: type[_T], ab: AnyArrayBuffer, byte_offset: Any, length: Any) -> _T:
        """``new XArray(buffer, byteOffset, length)``: V8's checks, in the specification's order."""
        size = cls.BYTES_PER_ELEMENT
        offset = _to_index(byte_offset)
        if not _valid_index(offset):
            raise v8_error("RangeError", _bounds_message(to_number(byte_offset)))  # as a number: -1.5
        if offset % size:
            raise v8_error("RangeError", f"start offset of {cls.js_name} should be a multiple of {size}")
        if length is None:
            if ab.byte_length % size:
                raise v8_error("RangeError", f"byte length of {cls.js_name} should be a multiple of {size}")
            nbytes = ab.byte_length - offset
            if nbytes < 0:
                raise v8_error("RangeError", _bounds_message(to_number(byte_offset)))  # as a number: -1.5
        else:
            count = _to_index(length)
            nbytes = count * size
            if not _valid_index(count) or offset + nbytes > ab.byte_length:
                raise v8_error("RangeError", f"Invalid typed array length: {to_string(length)}")  # as given
        return cls._lay(ab, int(offset), int(nbytes) // size)

    @property
    def length(self) -> int:
        return self._len

    @property
    def byte_length(self) -> int:
        return len(self._raw)

    # -- elements ----------------------------------------------------------------------------------
    def __len__(self) -> int:  # python-only: len(view)
        return self._len

    def __iter__(self) -> Iterator[Any]:  # python-only: for … in view
        return iter(self.values())

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):  # python-only: view[a:b]
            if key.step not in (None, 1):
                raise ValueError("a typed array slice has no step")
            return self.subarray(key.start if key.start is not None else 0, key.stop)
        i = _index(key)
        if i is None or i >= self._len:
            return None
        value = self._mv[i]
        return BigInt(value) if self._bigint else value

    def __setitem__(self, key: Any, value: Any) -> None:
        i = _index(key)
        v = self._convert(value)  # converted even when the index is out of range, as in JavaScript
        if i is None or i >= self._len:
            return
        self._mv[i] = v

    def keys(self) -> ArrayIterator:
        """``keys()``: the indices."""
        return ArrayIterator(self, "keys")

    def values(self) -> ArrayIterator:
        """``values()`` (also ``for…of``): the elements, read live as iteration proceeds."""
        return ArrayIterator(self, "values")

    def entries(self) -> ArrayIterator:
        """``entries()``: ``[index, element]`` pairs."""
        return ArrayIterator(self, "entries")

    def subarray(self: _T, start: Any = None, end: Any = None) -> _T:
        """``subarray([start[, end]])``: a view sharing memory (negative indices from the end)."""
        n = self._len
        s = _relative(start, n, 0)
        e = _relative(end, n, n)
        return type(self)._lay(self._ab, self._off + s * self.BYTES_PER_ELEMENT, max(e - s, 0))

    def set(self, source: Any, offset: Any = None) -> None:
        """``set(source[, offset])``: the source's elements converted to this type, from element
        ``offset``; a typed array source over the same memory is read before anything is written."""
        start = to_integer_trunc(to_number(offset)) if offset is not None else 0
        if start != start:
            start = 0
        # The bounds first, then the element types (a BigInt array into a number array), as V8 checks.
        count = source._len if isinstance(source, TypedArray) else len(source) if isinstance(source, (list, tuple)) else 0
        if start < 0 or start + count > self._len:
            raise v8_error("RangeError", "offset is out of bounds")
        at = int(start)
        if isinstance(source, TypedArray):
            if source._bigint != self._bigint:
                raise v8_error("TypeError", "Cannot mix BigInt and other types, use explicit conversions")
            if source._format == self._format:  # the same element type: the bytes, as one copy
                first = at * self.BYTES_PER_ELEMENT
                self._raw[first:first + len(source._raw)] = bytes(source._raw)
                return
            values: list[Any] = [source[i] for i in range(count)]  # read before any write
        else:  # an array, or an object without a length (an ArrayBuffer, a DataView): no elements
            values = list(source) if count else []
        for i, value in enumerate(values):
            self._mv[at + i] = self._convert(value)

    def inspect(self, *_: Any) -> str:
        """util.inspect's form: ``Int16Array(2) [ 1, -2 ]``."""
        items = ", ".join(inspect(v) for v in self.values())
        return f"{self.js_name}({self._len}) [ {items} ]" if items else f"{self.js_name}({self._len}) []"

    def __repr__(self) -> str:
        return self.inspect()


def _index(key: Any) -> int | None:
    """A valid integer index of a typed array, or None (negative, fractional, non-numeric)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key if key >= 0 else None
    if isinstance(key, float):  # python-only: view[1.0] from Python
        return int(key) if key.is_integer() and key >= 0 else None
    if isinstance(key, str) and key.isdigit() and (key == "0" or not key.startswith("0")):  # python-only: view['1']
        return int(key)
    return None


# -- the element types (ECMAScript's conversion operations) --------------------------------------------

def _modulo(n: int, bits: int, signed: bool) -> int:
    """``n`` modulo 2**bits, as a signed or unsigned element of that width."""
    n %= 1 << bits
    return n - (1 << bits) if signed and n >= 1 << (bits - 1) else n


# ToInt8, ToInt16, ToUint16: ToUint32 (which is ToNumber truncated modulo 2**32) modulo the narrower width.
def _to_int8(value: Any) -> int:
    return _modulo(to_uint32(value), 8, True)


def _to_int16(value: Any) -> int:
    return _modulo(to_uint32(value), 16, True)


def _to_uint16(value: Any) -> int:
    return _modulo(to_uint32(value), 16, False)


def _to_uint8_clamp(value: Any) -> int:
    """ToUint8Clamp: NaN is 0, clamped to 0-255, rounded half to even."""
    n = to_number(value)
    if n != n or n <= 0:
        return 0
    if n >= 255:
        return 255
    return round(n)  # Python rounds half to even, as ToUint8Clamp does


def _to_float32(value: Any) -> float:
    """The nearest float32 (past its range: an infinity)."""
    n = float(to_number(value))
    try:
        return float(struct.unpack("<f", struct.pack("<f", n))[0])
    except OverflowError:
        return math.copysign(math.inf, n)


def _to_float64(value: Any) -> float:
    return float(to_number(value))


def _to_bigint(value: Any) -> int:
    """ToBigInt: a BigInt, a boolean or a string of an integer; a number is V8's TypeError."""
    if isinstance(value, (BigInt, bool)):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if "_" in text:  # Python's int() takes digit separators; StringToBigInt does not
                raise ValueError(text)
            return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text or "0", 10)
        except ValueError:
            raise v8_error("SyntaxError", f"Cannot convert {value} to a BigInt") from None
    shown = number_to_string(value) if isinstance(value, (int, float)) else to_string(value)
    raise v8_error("TypeError", f"Cannot convert {shown} to a BigInt")


def _to_bigint64(value: Any) -> int:
    return _modulo(_to_bigint(value), 64, True)


def _to_biguint64(value: Any) -> int:
    return _modulo(_to_bigint(value), 64, False)


# -- the typed arrays: each names its element's size, memoryview format and conversion ------------------

class Int8Array(TypedArray, element=("b", _to_int8)):
    """JavaScript's Int8Array: signed bytes."""


class Uint8Array(TypedArray, element=("B", to_uint8)):
    """JavaScript's Uint8Array (bytes), the base of Node's Buffer."""

class Uint8ClampedArray(TypedArray, element=("B", _to_uint8_clamp)):
    """JavaScript's Uint8ClampedArray: bytes that clamp instead of wrapping."""


class Int16Array(TypedArray, element=("h", _to_int16)):
    """JavaScript's Int16Array."""


class Uint16Array(TypedArray, element=("H", _to_uint16)):
    """JavaScript's Uint16Array."""


class Int32Array(TypedArray, element=("i", to_int32)):
    """JavaScript's Int32Array."""


class Uint32Array(TypedArray, element=("I", to_uint32)):
    """JavaScript's Uint32Array."""


class Float32Array(TypedArray, element=("f", _to_float32)):
    """JavaScript's Float32Array."""


class Float64Array(TypedArray, element=("d", _to_float64)):
    """JavaScript's Float64Array."""


class BigInt64Array(TypedArray, element=("q", _to_bigint64)):
    """JavaScript's BigInt64Array: its elements read as BigInts."""


class BigUint64Array(TypedArray, element=("Q", _to_biguint64)):
    """JavaScript's BigUint64Array: its elements read as BigInts."""


# DataView's getInt8 … setBigUint64: a get_/set_ pair per element type (get_int16, set_big_uint64).
_DATA_VIEW_TYPES: dict[str, type[TypedArray]] = {
    "int8": Int8Array, "uint8": Uint8Array, "int16": Int16Array, "uint16": Uint16Array, "int32": Int32Array,
    "uint32": Uint32Array, "float32": Float32Array, "float64": Float64Array, "big_int64": BigInt64Array,
    "big_uint64": BigUint64Array,
}


def _data_view_pair(kind: type[TypedArray]) -> tuple[Callable[..., Any], Callable[..., Any]]:
    def get(self: DataView, byte_offset: Any = None, little_endian: Any = None) -> Any:
        return self._get(byte_offset, little_endian, kind)

    def put(self: DataView, byte_offset: Any = None, value: Any = None, little_endian: Any = None) -> None:
        self._put(byte_offset, value, little_endian, kind)

    return js_arguments(get, bound=True), js_arguments(put, bound=True)


for _element, _kind in _DATA_VIEW_TYPES.items():
    _getter, _setter = _data_view_pair(_kind)
    setattr(DataView, f"get_{_element}", _getter)
    setattr(DataView, f"set_{_element}", _setter)


js_methods(TypedArray)
js_methods(AnyArrayBuffer)
js_methods(ArrayBuffer)
