"""The reference's process modules answer bad input with Node's errors (probed on Node 20.20.2),
never with a stray Python exception or a hang."""

from __future__ import annotations

import math
import time

import pytest

from nodespec.reference import child_process as cp
from nodespec.reference import loop as loop_module
from nodespec.reference.errors import NodeError
from nodespec.reference.loop import Loop
from nodespec.reference.process import process
from nodespec.reference.types import NULL


def _error(call) -> NodeError:
    with pytest.raises(NodeError) as info:
        call()
    return info.value


# 1. setTimeout: Infinity / >= 2**31 fire after 1 ms (TimeoutOverflowWarning); '10' is Number('10').
@pytest.mark.parametrize("delay", [math.inf, 2**31])
def test_set_timeout_overflow_fires_after_1ms_with_a_warning(delay: float) -> None:
    warnings: list[object] = []
    process.on("warning", warnings.append)
    try:
        lp, fired = Loop(), []
        lp.set_timeout(lambda: fired.append(True), delay)
        start = time.monotonic()
        lp.run(timeout=2)
        assert fired == [True] and time.monotonic() - start < 0.5
        loop_module.default_loop.run_microtasks()
    finally:
        process.remove_listener("warning", warnings.append)
    assert [getattr(w, "name", None) for w in warnings] == ["TimeoutOverflowWarning"]
    assert "Timeout duration was set to 1." in warnings[0].message  # type: ignore[attr-defined]


def test_set_timeout_numeric_string_delay_is_converted() -> None:
    assert loop_module._timer_delay("10") == 10
    assert loop_module._timer_delay("x") == 1


# 2. exec with a Buffer encoding decodes as Buffer does; an unknown encoding gives Buffers.
def test_exec_encoding_uses_buffer_encodings() -> None:
    got: dict[str, object] = {}
    for enc in ("hex", "base64", "ucs2", "bogus"):
        cp.exec("printf ab", {"encoding": enc}, lambda e, out, err, enc=enc: got.__setitem__(enc, (e, out)))
    loop_module.default_loop.run(timeout=10)
    assert got == {"hex": (NULL, "6162"), "base64": (NULL, "YWI="), "ucs2": (NULL, "\u6261"), "bogus": (NULL, b"ab")}


# 3. argument validation of spawn / fork / execFile, Node's codes and classes.
@pytest.mark.parametrize(
    ("call", "code", "cls"),
    [
        (lambda: cp.spawn(""), "ERR_INVALID_ARG_VALUE", TypeError),
        (lambda: cp.spawn("ls", "x"), "ERR_INVALID_ARG_TYPE", TypeError),
        (lambda: cp.spawn("ls", ["a\0b"]), "ERR_INVALID_ARG_VALUE", TypeError),
        (lambda: cp.spawn("ls", [], {"cwd": 5}), "ERR_INVALID_ARG_TYPE", TypeError),
        (lambda: cp.spawn("ls", [], {"stdio": "bogus"}), "ERR_INVALID_ARG_VALUE", TypeError),
        (lambda: cp.fork(5), "ERR_INVALID_ARG_TYPE", TypeError),
        (lambda: cp.exec_file("ls", [], {"timeout": "x"}), "ERR_INVALID_ARG_TYPE", TypeError),  # Node 26
        (lambda: cp.exec_file("ls", [], {"timeout": -1}), "ERR_OUT_OF_RANGE", ValueError),
    ],
    ids=["empty-file", "args-string", "nul-arg", "cwd-number", "stdio-bogus", "fork-number", "timeout-x", "timeout-neg"],
)
def test_spawn_arguments_are_validated_as_node_does(call, code: str, cls: type) -> None:
    error = _error(call)
    assert error.code == code and isinstance(error, cls)


@pytest.mark.parametrize("line", [20, 22, 24])
def test_a_string_timeout_is_out_of_range_up_to_node_24(line: int) -> None:
    import nodespec.reference

    nodespec.reference.configure(node_version=line)
    try:
        error = _error(lambda: cp.exec_file("ls", [], {"timeout": "x"}))
    finally:
        nodespec.reference.configure(node_version=None)
    assert (error.code, error.message) == (
        "ERR_OUT_OF_RANGE", "The value of \"timeout\" is out of range. It must be an unsigned integer. Received 'x'")


def test_spawn_messages_match_node() -> None:
    assert _error(lambda: cp.spawn("")).message == "The argument 'file' cannot be empty. Received ''"
    assert _error(lambda: cp.spawn("ls", [], {"cwd": 5})).message == (
        'The "options.cwd" property must be of type string or an instance of Buffer or URL. Received type number (5)'
    )


def test_spawn_accepts_a_non_object_env() -> None:
    child = cp.spawn("true", [], {"env": 5})
    codes: list[object] = []
    child.on("exit", lambda code, _signal: codes.append(code))
    loop_module.default_loop.run(timeout=10)
    assert codes == [0]


# 4. serialization: NULL (JavaScript null) is written as null; undefined (None or UNDEFINED) is dropped
# from objects and written as null in arrays.
def test_serialize_null_and_undefined() -> None:
    assert cp.serialize({"a": NULL}) == b'{"a":null}\n'
    assert cp.serialize([cp.UNDEFINED, NULL, None]) == b"[null,null,null]\n"
    assert cp.serialize({"a": cp.UNDEFINED, "b": 1, "c": None}) == b'{"b":1}\n'


# 5. process: chdir, kill, emitWarning, nextTick.
def test_chdir_validates_and_reports_system_errors() -> None:
    assert _error(lambda: process.chdir(123)).code == "ERR_INVALID_ARG_TYPE"
    error = _error(lambda: process.chdir("/etc/passwd"))
    assert (error.code, error.name, error.syscall, error.errno) == ("ENOTDIR", "Error", "chdir", -20)  # type: ignore[attr-defined]
    assert error.message.startswith("ENOTDIR: not a directory, chdir '")


@pytest.mark.parametrize(
    "call",
    [lambda: process.kill(2**40, 0), lambda: process.emit_warning(123), lambda: process.next_tick("x")],
    ids=["kill-2**40", "emitWarning-123", "nextTick-string"],
)
def test_process_arguments_are_validated(call) -> None:
    error = _error(call)
    assert error.code == "ERR_INVALID_ARG_TYPE" and isinstance(error, TypeError)
