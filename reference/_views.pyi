"""The C views' API (``_views.c``): ``_views_ctypes.py``'s, name for name."""

from typing import Any, TypeVar

_V = TypeVar("_V", bound="View")

class Memory:
    _bytes: memoryview
    _size: int
    _address: int
    def _allocate(self, n: int, /) -> None: ...
    def _hold(self, mem: Any, /) -> None: ...

class Pool:
    ab: Any
    size: int
    offset: int

class View:
    _ab: Any
    _off: int
    _len: int
    _raw: memoryview
    _mv: memoryview
    _format: str
    _element_size: int
    @classmethod
    def _lay(cls: type[_V], ab: Any, offset: int, length: int) -> _V: ...
    @classmethod
    def _lay_copy(cls: type[_V], ab: Any, offset: int, data: bytes | bytearray, n: int) -> _V: ...
    @classmethod
    def _from_string(cls: type[_V], pool: Any, string: Any, encoding: Any) -> _V | None: ...
    @classmethod
    def _copy_of(cls: type[_V], data: bytes | bytearray) -> _V: ...

class FromString:
    def __init__(self, function: Any, cls: type, pool: Pool, /) -> None: ...
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

class ToString:
    def __init__(self, function: Any, /) -> None: ...
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...
    def __get__(self, obj: Any, cls: Any = None) -> Any: ...

def set_array_buffer(cls: type) -> None: ...
def utf8_string(b: bytes | bytearray | memoryview, /) -> str: ...
