"""The memory model's views in pure Python, where the C accelerator (``_views.c``) was not built.

A view (a typed array, a DataView, a Buffer) must export a range of its array buffer's memory through
Python's buffer protocol (``memoryview(view)``, ``bytes(view)``), sharing it with every other view of
that buffer. Python 3.11 gives a Python class no ``__buffer__``; a ctypes structure laid at the memory's
address exports it. The API is ``_views.View``'s, name for name: ``_lay``, ``_lay_copy``, ``_copy_of``,
``set_array_buffer`` and the attributes ``_ab``, ``_off``, ``_len``, ``_raw``, ``_mv`` (not ``_from_string``,
FromString's C path, which the twin does not have);
and ``_views.Memory``'s (an array buffer's memory): ``_allocate``, ``_hold``, ``_bytes``, ``_size``,
``_address``. The views use only that API of an array buffer's memory, so they lie over C memory too.
Buffer's pool is a ``Pool``; ``FromString(from_, cls, pool)`` is ``from_`` itself, ``ToString(to_string)``
``to_string`` itself.
"""

from __future__ import annotations

import ctypes
import weakref
from array import array
from typing import Any, TypeVar

_V = TypeVar("_V", bound="View")
_array_buffer: Any = None


def set_array_buffer(cls: type) -> None:
    """The ArrayBuffer class ``View._copy_of`` makes (typed_arrays.py defines it after this module)."""
    global _array_buffer
    _array_buffer = cls


_ZERO = array("B", b"\0")  # _ZERO * n: n zero bytes, the cheapest way to an array of them
_ZERO_ADDRESS, _ = _ZERO.buffer_info()


class Memory:
    """An array buffer's memory: set once (``_allocate``, ``_hold``), never resized or moved. ``_bytes``
    (a byte-formatted memoryview of all of it) owns it and pins it for the buffer's life, so its
    ``_address``, which every view is laid at, stays valid."""

    __slots__ = ("_bytes", "_address")
    _bytes: memoryview
    _address: int

    def _allocate(self, n: int) -> None:
        """Its memory: ``n`` zero bytes of its own."""
        self._hold(_ZERO * n)

    def _hold(self, mem: Any) -> None:
        """Its memory: ``mem``'s (a writable bytes-like the caller gives up)."""
        if hasattr(self, "_bytes"):
            raise ValueError("this array buffer's memory is set already")
        raw = memoryview(mem).cast("B")
        if raw.readonly:
            raise TypeError("an array buffer's memory is writable and contiguous")
        if raw:
            address = mem.buffer_info()[0] if type(mem) is array else ctypes.addressof(ctypes.c_char.from_buffer(raw))
            self._bytes, self._address = raw, address
        else:  # no memory to lay a view at: _ZERO's byte, none of it shown
            self._bytes, self._address = memoryview(_ZERO)[:0], _ZERO_ADDRESS

    @property
    def _size(self) -> int:
        return len(self._bytes)


class Pool:
    """Buffer's pool: ``ab`` (allocPool), ``size`` (poolSize), ``offset`` (poolOffset)."""

    __slots__ = ("ab", "size", "offset")
    ab: Any
    size: int
    offset: int


def FromString(function: Any, cls: type, pool: Pool) -> Any:  # noqa: N802 - the C views' class, by name
    """``Buffer.from`` itself: ``function`` (buffer.py's from_), for the twin has no shortcut of its own."""
    return function


def ToString(function: Any) -> Any:  # noqa: N802 - the C views' class, by name
    """``buf.toString`` itself: ``function`` (buffer.py's to_string), for the twin has no shortcut of its own."""
    return function


def _view_class(base: type[View], n: int) -> Any:
    """A ctypes Structure type of exactly ``n`` bytes deriving from ``base``: its instances lie over
    an array buffer's memory and export it through the buffer protocol. One class per (class, size):
    a Structure's size is fixed by its class. A class lives while a view of its size does
    (``base._sized`` holds weak references: a plain dict, looked up without a Python call)."""
    if "_fields_" in base.__dict__:  # already a sized class (a view's own): its public base
        base = base.__bases__[0]
    ref = base._sized.get(n)
    cls = ref() if ref is not None else None
    if cls is None:
        cls = type(base.__name__, (base,), {"_fields_": [("_bytes", ctypes.c_uint8 * n)], "__slots__": (),
                                            "__module__": base.__module__, "__qualname__": base.__qualname__})
        sized = base._sized

        def forget(dead: weakref.ref[type], n: int = n) -> None:
            if sized.get(n) is dead:
                del sized[n]

        sized[n] = weakref.ref(cls, forget)
    return cls


class View(ctypes.Structure):
    """A range of an array buffer's memory, laid at its address."""

    # Slots, not a __dict__, for what every view has (set on every view made); a subclass's __dict__
    # still takes whatever else a program sets on it.
    __slots__ = ("_ab", "_off", "_raw", "_len", "_mv")
    _ab: Any
    _off: int
    _raw: memoryview  # the view's bytes
    _len: int
    _mv: memoryview  # the elements
    _format = "B"  # the elements' memoryview format and size, unless the class says otherwise
    _element_size = 1
    _sized: dict[int, weakref.ref[type]]  # this class's sized classes, by size (see _view_class)

    def __init_subclass__(cls, **kwargs: Any) -> None:  # ctypes.Structure has none of its own to call
        if "_fields_" in cls.__dict__:  # a sized class: its views are laid by its public base
            return
        cls._sized = {}

    @classmethod
    def _lay(cls: type[_V], ab: Any, offset: int, length: int) -> _V:
        """The view of ``length`` elements at byte ``offset`` of ``ab``, laid at its address (the array
        buffer pins its bytes, see its ``_bytes``), with ``from_buffer``'s bounds check."""
        nbytes = length * cls._element_size
        ref = cls._sized.get(nbytes)
        sized: Any = ref() if ref is not None else None
        if sized is None:
            sized = _view_class(cls, nbytes)
        if offset < 0 or offset + nbytes > ab._size:  # from_buffer's check, kept
            raise ValueError(f"a view of {nbytes} bytes at {offset} is outside the array buffer")
        view: _V = sized.from_address(ab._address + offset)
        view._ab = ab
        view._off = offset
        view._raw = raw = ab._bytes[offset:offset + nbytes]
        view._len = length
        view._mv = raw if cls._format == "B" else raw.cast(cls._format)
        return view

    @classmethod
    def _lay_copy(cls: type[_V], ab: Any, offset: int, data: bytes | bytearray, n: int) -> _V:
        """The view of ``n`` bytes at ``offset`` of ``ab``, holding ``data[:n]``."""
        if n > len(data):
            raise ValueError(f"{n} bytes of {len(data)}")
        view = cls._lay(ab, offset, n)
        view._raw[:] = data[:n] if n < len(data) else data
        return view

    @classmethod
    def _copy_of(cls: type[_V], data: bytes | bytearray) -> _V:
        """The view of all of a new ArrayBuffer holding a copy of ``data``, as ``Buffer.from(new
        ArrayBuffer(…))`` (crypto's results), without ArrayBuffer's argument checks."""
        ab = _array_buffer.__new__(_array_buffer)  # no __init__: _hold sets its memory
        ab._hold(array("B", data))
        return cls._lay(ab, 0, ab._size)
