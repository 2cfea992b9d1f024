"""JavaScript's calling convention in the reference (nodespec.reference.calls): a missing argument is
undefined, an extra one is ignored; keyword calls stay Python's."""

from __future__ import annotations

import pytest

from nodespec.reference.buffer import ArrayBuffer, Buffer
from nodespec.reference.calls import js_arguments
from nodespec.reference.errors import NodeError


def test_missing_arguments_are_undefined_and_extras_are_dropped() -> None:
    @js_arguments
    def f(a, b, c=3):
        return (a, b, c)

    assert f() == (None, None, 3)
    assert f(1) == (1, None, 3)
    assert f(1, 2, 4, 5, 6) == (1, 2, 4)
    assert f(b=2, a=1) == (1, 2, 3)
    with pytest.raises(TypeError):  # a Python caller's keyword mistakes stay Python's
        f(1, d=4)
    assert f.__name__ == "f"


def test_variadic_functions_keep_their_extras() -> None:
    @js_arguments
    def g(a, *rest):
        return (a, rest)

    assert g() == (None, ())
    assert g(1, 2, 3) == (1, (2, 3))


@pytest.mark.parametrize(("call", "code", "message"), [
    (lambda: Buffer.from_(), "ERR_INVALID_ARG_TYPE", "The first argument must be of type string or an instance of "
                                                     "Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined"),
    (lambda: Buffer.concat(), "ERR_INVALID_ARG_TYPE", 'The "list" argument must be an instance of Array. Received undefined'),
    (lambda: Buffer.from_("a").copy(), "ERR_INVALID_ARG_TYPE",
     'The "target" argument must be an instance of Buffer or Uint8Array. Received undefined'),
    (lambda: Buffer.alloc(), "ERR_INVALID_ARG_TYPE", 'The "size" argument must be of type number. Received undefined'),
    (lambda: Buffer.compare(), "ERR_INVALID_ARG_TYPE",
     'The "buf1" argument must be an instance of Buffer or Uint8Array. Received undefined'),
    (lambda: Buffer.from_("a").compare(), "ERR_INVALID_ARG_TYPE",
     'The "target" argument must be an instance of Buffer or Uint8Array. Received undefined'),
])
def test_buffer_without_arguments_throws_nodes_errors(call, code, message) -> None:
    with pytest.raises(NodeError) as caught:
        call()
    assert caught.value.code == code and caught.value.message == message


def test_buffer_fill_without_a_value_fills_zeros_and_extra_arguments_are_ignored() -> None:
    assert bytes(Buffer.from_("abcd").fill()) == b"\0\0\0\0"
    b = Buffer.alloc(4)
    assert b.write_float_le(1.5, 0, True) == 4
    assert bytes(b) == bytes.fromhex("0000c03f")


@pytest.mark.parametrize("size", [-1, 2**53, float("inf")])
def test_array_buffer_length_is_validated_as_v8_does(size) -> None:
    with pytest.raises(NodeError) as caught:
        ArrayBuffer(size)
    assert caught.value.name == "RangeError" and caught.value.code is None
    assert caught.value.message == "Invalid array buffer length"


@pytest.mark.parametrize(("size", "length"), [(1.5, 1), ("2", 2), (None, 0), (float("nan"), 0), (-0.5, 0)])
def test_array_buffer_length_is_to_index(size, length) -> None:
    assert ArrayBuffer(size).byte_length == length


def test_emitter_method_names_are_nodes() -> None:
    from nodespec.reference import events

    e = events.EventEmitter()
    assert e.once.__name__ == "once" and events.EventEmitter.once.__name__ == "once"
    assert e.listener_count.__name__ == "listener_count"
