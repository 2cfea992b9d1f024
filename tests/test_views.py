"""The reference's views, in C (``_views.c``, built where there is a compiler) and in ctypes
(``_views_ctypes.py``, what a machine without one gets): one API, one behaviour. The specification
runs on whichever the checkout built; the buffer specification runs here on the ctypes twin too."""

from __future__ import annotations

import base64
import importlib
import inspect
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nodespec.reference import _views_ctypes
from nodespec.reference.typed_arrays import ArrayBuffer


def _c_views() -> ModuleType:
    try:
        return importlib.import_module("nodespec.reference._views")
    except ImportError:
        pytest.skip("the C views were not built here (no C compiler or no Python headers): the reference uses ctypes")


@pytest.fixture(params=["c", "ctypes"])
def views(request: pytest.FixtureRequest) -> ModuleType:
    module = _c_views() if request.param == "c" else _views_ctypes
    module.set_array_buffer(ArrayBuffer)
    return module


def _classes(views: ModuleType) -> tuple[type, type]:
    class Bytes(views.View):
        _format, _element_size = "B", 1

    class Shorts(views.View):
        _format, _element_size = "h", 2

    return Bytes, Shorts


def test_a_view_shares_its_array_buffers_memory(views: ModuleType) -> None:
    Bytes, _ = _classes(views)
    ab = ArrayBuffer(8)
    view = Bytes._lay(ab, 2, 4)
    view._raw[0] = 7
    ab._bytes[5] = 9
    assert (view._ab, view._off, view._len) == (ab, 2, 4)
    assert bytes(ab._bytes) == b"\0\0\x07\0\0\x09\0\0"
    assert bytes(memoryview(view)) == b"\x07\0\0\x09" == bytes(view._mv)
    exported = memoryview(view).cast("B")  # ctypes exports a structure: its bytes are a cast away
    assert not exported.readonly and exported.nbytes == 4
    exported[1] = 1
    assert ab._bytes[3] == 1


def test_a_view_of_elements_reads_them_in_the_machines_order(views: ModuleType) -> None:
    _, Shorts = _classes(views)
    ab = ArrayBuffer(bytes([1, 0, 0, 1, 255, 255]))
    view = Shorts._lay(ab, 2, 2)
    assert (view._len, len(view._raw), list(view._mv)) == (2, 4, [256, -1])


@pytest.mark.parametrize(("offset", "length"), [(-1, 1), (0, 9), (8, 1), (5, 4)])
def test_a_view_outside_its_array_buffer_is_refused(views: ModuleType, offset: int, length: int) -> None:
    Bytes, _ = _classes(views)
    with pytest.raises(ValueError, match="outside the array buffer"):
        Bytes._lay(ArrayBuffer(8), offset, length)


def test_lay_copy_holds_the_first_n_bytes(views: ModuleType) -> None:
    Bytes, _ = _classes(views)
    ab = ArrayBuffer(8)
    view = Bytes._lay_copy(ab, 4, b"abcdef", 3)
    assert (bytes(view), bytes(ab._bytes), view._off, view._len) == (b"abc", b"\0\0\0\0abc\0", 4, 3)
    with pytest.raises(ValueError):
        Bytes._lay_copy(ab, 0, b"ab", 3)


@pytest.mark.parametrize("data", [b"", b"x", bytes(range(256))])
def test_copy_of_is_a_whole_new_array_buffer(views: ModuleType, data: bytes) -> None:
    Bytes, _ = _classes(views)
    view = Bytes._copy_of(data)
    assert type(view._ab) is ArrayBuffer
    assert (bytes(view), view._off, view._len, view._ab.byte_length) == (data, 0, len(data), len(data))
    if data:
        view._raw[0] ^= 1
        assert view._ab._bytes[0] == data[0] ^ 1


@pytest.mark.parametrize("data", [b"", b"abcdef"])
def test_copy_of_shares_its_memory_with_the_array_buffer_it_makes_later(views: ModuleType, data: bytes) -> None:
    # The C view owns its bytes until _ab is read (V8's on-heap typed arrays); the ArrayBuffer then made
    # takes them where they are, so what was exported before still sees every write after.
    Bytes, _ = _classes(views)
    view = Bytes._copy_of(data)
    exported = memoryview(view).cast("B")
    ab = view._ab
    assert view._ab is ab and ab._size == len(data) and bytes(ab._bytes) == data
    if data:
        ab._bytes[1] = ord("X")
        exported[2] = ord("Y")
        assert bytes(view) == bytes(exported) == bytes(ab._bytes) == b"aXYdef"
    del view, exported
    assert bytes(ab._bytes) == data.replace(b"bc", b"XY")  # the memory is the array buffer's now


def test_the_buffer_specification_passes_on_the_ctypes_views(without_c: Any) -> None:
    statuses = without_c("_views", "buffer", "from nodespec.reference import typed_arrays\n"
                         "assert typed_arrays.View.__module__.endswith('_views_ctypes'), typed_arrays.View")
    assert statuses.count("pass") > 1000 and "fail" not in statuses


# -- Buffer.from(string): the C views' shortcut against buffer.py's path ----------------------------

def _shortcut() -> Any:
    """The C views' Buffer._from_string, bound to Buffer, which Buffer.from tries first."""
    from nodespec.reference import buffer

    assert type(buffer.Buffer.from_) is _c_views().FromString  # type: ignore[attr-defined]
    return buffer.Buffer._from_string


_POOL_SIZES = st.one_of(st.sampled_from([8192, 65536]),  # the lines' defaults, then what a program may set
                        st.sampled_from([0, 1, 7, 8, 64, 100, 2**20 + 1, 2**32, -1, -5.5, 8192.0, 8191.5]),
                        st.integers(0, 4096))
_ENCODINGS = st.one_of(st.sampled_from([None, "utf8", "utf-8", "base64", "hex"]),  # the shortcut's, then buffer.py's alone
                       st.sampled_from(["UTF8", "Utf-8", "latin1", "HEX", "base64url", "", 0, 1, False]))
_BYTES = st.binary(max_size=300)
_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=300),  # lone surrogates, astral characters
    _BYTES.map(lambda b: base64.b64encode(b).decode()),  # clean base64, and less clean:
    st.tuples(_BYTES, st.integers(0, 3)).map(lambda t: base64.b64encode(t[0]).decode().rstrip("=")[: len(t[0]) + t[1]]),
    st.text("ABCabc019+/-_= \n", max_size=40),
    _BYTES.map(bytes.hex),  # clean hex, and less clean:
    st.tuples(_BYTES, st.booleans()).map(lambda t: t[0].hex().upper() + ("f" if t[1] else "")),
    st.text("0123456789abcdefgABCDEF \n", max_size=40),
)


def _attempt(call: Any) -> Any:
    """What a call gives: its value, or its error's class and message."""
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return (type(error).__name__, str(error))


@given(text=_TEXT, encoding=_ENCODINGS, pool_size=_POOL_SIZES, used=st.floats(0, 1))
@settings(max_examples=800, deadline=None)
def test_from_string_takes_the_c_shortcut_exactly_as_buffer_py_would(
        text: str, encoding: object, pool_size: float, used: float) -> None:
    from nodespec.reference import buffer

    shortcut = _shortcut()

    def pool() -> tuple[Any, int, int]:
        return buffer._pool.ab, buffer._pool.offset, buffer._pool.size

    try:
        buffer.Buffer.pool_size = pool_size  # a program may set any value, any time after the pool was made
        size = min(max(int(pool_size), 0), 1 << 16)
        buffer._pool.size, buffer._pool.ab, buffer._pool.offset = size, ArrayBuffer(size), int(size * used) & ~7
        before = pool()
        fast = _attempt(lambda: shortcut(buffer._pool, text, encoding))
        after_fast = pool()
        buffer._pool.ab, buffer._pool.offset, buffer._pool.size = before
        slow = _attempt(lambda: buffer.Buffer.from_.__wrapped__(text, encoding))  # buffer.py's path alone
        after_slow = pool()
        buffer._pool.ab, buffer._pool.offset, buffer._pool.size = before
        via = _attempt(lambda: buffer.Buffer.from_(text, encoding))  # Buffer.from itself: the shortcut, then buffer.py's
        if isinstance(slow, tuple):  # Node's error (a new pool that cannot be made): the same from each, the same pool after
            assert fast in (None, slow) and via == slow
            assert after_fast[1:] in (before[1:], after_slow[1:]) and pool()[1:] == after_slow[1:]
            return
        assert (bytes(via), via.byte_offset, type(via), pool()[1:]) == (bytes(slow), slow.byte_offset, type(slow), after_slow[1:])
        if fast is None:  # buffer.py decides: from the pool as it was, or from the new one made for it
            assert after_fast == before or (after_fast[1] == 0 and after_slow[0] is not before[0])
            return
        if after_slow[0] is before[0]:
            assert after_fast == after_slow
        else:  # each made a new pool (createPool), of the same size, and used as much of it
            assert after_fast[0] is not before[0]
            assert (after_fast[0].byte_length, *after_fast[1:]) == (after_slow[0].byte_length, *after_slow[1:])
        assert (bytes(fast), fast.byte_offset, type(fast)) == (bytes(slow), slow.byte_offset, type(slow))
        if slow.buffer is after_slow[0]:  # from the pool (the one there was, or a new one)
            assert fast.buffer is after_fast[0]
        else:  # createFromString: an ArrayBuffer of its own
            assert fast.buffer is not after_fast[0]
            assert (type(fast.buffer), fast.buffer.byte_length) == (type(slow.buffer), slow.buffer.byte_length)
    finally:
        buffer.reset_pool()


@pytest.mark.parametrize("encoding", ["utf8", "base64", "hex"])
def test_from_a_long_string_the_c_shortcut_makes_an_array_buffer_of_its_size(encoding: str) -> None:
    from nodespec.reference import buffer

    raw = bytes(range(256)) * 400  # past any pool's half
    text = {"utf8": "héllo wörld € 😀 " * 4000, "base64": base64.b64encode(raw).decode(), "hex": raw.hex()}[encoding]
    buffer.reset_pool()
    pool = (buffer._pool.ab, buffer._pool.offset)
    b = _shortcut()(buffer._pool, text, encoding)
    expected = text.encode() if encoding == "utf8" else raw
    assert (bytes(b), b.byte_offset, b.buffer.byte_length) == (expected, 0, len(expected))
    assert (buffer._pool.ab, buffer._pool.offset) == pool


def test_buffer_from_is_from_by_every_name() -> None:
    from nodespec.reference.buffer import Buffer

    assert Buffer.from_.__name__ == "from_" and "Buffer.from(string" in Buffer.from_.__doc__
    assert str(inspect.signature(Buffer.from_)).startswith("(value: 'Any' = None, encoding_or_offset")
    assert bytes(Buffer.from_("hé")) == "hé".encode() and bytes(Buffer.from_([1, 2], 9, 9, 9)) == b"\x01\x02"


def test_from_string_takes_the_c_shortcut_for_plain_text() -> None:
    from nodespec.reference import buffer

    shortcut = _shortcut()
    buffer.reset_pool()
    for text in ["hello", "héllo wörld", "技术栈", "😀 buffer"]:
        for encoding in [None, "utf8", "utf-8"]:
            b = shortcut(buffer._pool, text, encoding)
            assert b is not None and bytes(b) == text.encode() and b.buffer is buffer._pool.ab


@given(data=st.binary(max_size=300), cut=st.integers(0, 300),
       args=st.sampled_from([(), (None,), ("utf8",), ("utf-8",), ("UTF8",), ("hex",), ("latin1",), ("utf8", 1),
                             ("utf8", None, 2), (None, 0), (5,), ("bogus",)]))
@settings(max_examples=300, deadline=None)
def test_to_string_takes_the_c_shortcut_exactly_as_buffer_py_would(data: bytes, cut: int, args: tuple[Any, ...]) -> None:
    from nodespec.reference.buffer import Buffer

    assert type(Buffer.to_string) is _c_views().ToString  # type: ignore[attr-defined]
    buf = Buffer.from_(data).subarray(min(cut, len(data)))  # pooled or not, a whole Buffer or a part of one
    assert _attempt(lambda: buf.to_string(*args)) == _attempt(lambda: Buffer.to_string.__wrapped__(buf, *args))
    assert _attempt(lambda: Buffer.to_string(buf, *args)) == _attempt(lambda: buf.to_string(*args))


@pytest.mark.parametrize("first", [lambda m: m._allocate(0), lambda m: m._allocate(3), lambda m: m._hold(bytearray(2))])
def test_an_array_buffers_memory_is_set_once(views: ModuleType, first: Any) -> None:
    memory = views.Memory()
    first(memory)
    size = memory._size
    for again in (lambda: memory._allocate(4), lambda: memory._hold(bytearray(4))):
        with pytest.raises(ValueError, match="set already"):
            again()
    assert memory._size == size and bytes(memory._bytes) == bytes(size)
