"""Unit tests of nodespec.reference.child_process (in process, on the default loop)."""

from __future__ import annotations

import datetime
import os
import socket
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nodespec.reference import child_process as cp
from nodespec.reference.errors import NodeError
from nodespec.reference.events import EventEmitter
from nodespec.reference.loop import default_loop
from nodespec.reference.types import NULL, BigInt, Symbol


def settle(seconds: float = 10) -> None:
    default_loop.run(timeout=seconds)


_started: list[int] = []  # the pids of the children this module's tests started


@pytest.fixture(autouse=True, scope="module")
def _record_children() -> Iterator[None]:
    spawn = cp.ChildProcess.spawn

    def recording(self: cp.ChildProcess, *args: Any, **kwargs: Any) -> cp.ChildProcess:
        child = spawn(self, *args, **kwargs)
        if isinstance(self.pid, int):
            _started.append(self.pid)
        return child

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cp.ChildProcess, "spawn", recording)
        yield


def test_spawn_streams_stdout_and_emits_spawn_exit_close_in_order() -> None:
    events: list[Any] = []
    child = cp.spawn("sh", ["-c", "echo hello; echo oops >&2; exit 3"])
    assert isinstance(child.pid, int) and child.pid > 0
    child.stdout.on("data", lambda d: events.append(("stdout", d)))
    child.stderr.on("data", lambda d: events.append(("stderr", d)))
    for name in ("spawn", "exit", "close"):
        child.on(name, lambda *a, name=name: events.append((name, *a)))
    settle()
    names = [e[0] for e in events]
    assert names[0] == "spawn" and names.index("exit") < names.index("close")
    assert ("stdout", b"hello\n") in events and ("stderr", b"oops\n") in events
    assert events[-1] == ("close", 3, NULL) and ("exit", 3, NULL) in events


def test_a_missing_command_reports_enoent_through_error_then_close() -> None:
    events: list[Any] = []
    child = cp.spawn("nonexistent-cmd-nodespec", ["a"])
    assert child.pid is None
    child.on("error", lambda e: events.append(("error", e.code, e.errno, e.syscall, e.spawnargs)))
    child.on("exit", lambda *a: events.append(("exit",)))
    child.on("close", lambda *a: events.append(("close", *a)))
    settle()
    assert events == [("error", "ENOENT", -2, "spawn nonexistent-cmd-nodespec", ["a"]), ("close", -2, NULL)]


def test_a_child_that_could_not_start_still_has_its_pipes() -> None:
    events: list[Any] = []
    child = cp.spawn("nonexistent-cmd-nodespec", [], {"stdio": ["pipe", "pipe", "inherit"]})
    assert child.stderr is NULL and child.stdio == [child.stdin, child.stdout, NULL]
    child.on("error", lambda e: events.append("error"))
    child.stdout.on("end", lambda: events.append("stdout end"))
    child.stdout.on("close", lambda: events.append("stdout close"))
    child.stdin.on("error", lambda e: events.append("stdin error"))
    assert child.stdin.write("x", lambda e: events.append(("write", e.code, e.errno, e.syscall))) is False
    child.on("close", lambda *a: events.append(("close", *a)))
    settle()
    assert events == ["error", ("write", "EPIPE", -32, "write"), "stdout end", ("close", -2, NULL), "stdout close"]


def test_a_spawn_failure_node_does_not_report_through_error_throws(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(NodeError) as info:
        cp.spawn(str(tmp_path / "file" / "x"))
    assert (info.value.code, info.value.errno, info.value.syscall) == ("ENOTDIR", -20, "spawn")
    assert info.value.message == "spawn ENOTDIR"


def test_a_fork_that_could_not_start_keeps_a_channel_until_its_end_of_file() -> None:
    events: list[Any] = []
    child = cp.fork("x.py", [], {"execPath": "/nonexistent-nodespec/python"})
    assert child.exit_code is NULL and child.connected
    child.on("error", lambda e: events.append(("error", e.code, child.exit_code, child.connected)))
    child.on("close", lambda *a: events.append(("close", *a)))
    child.on("disconnect", lambda: events.append(("disconnect", child.connected)))
    assert child.send("hi", lambda e: events.append(("send", e.code, e.syscall))) is True
    settle()
    assert events == [("error", "ENOENT", -2, True), ("send", "EPIPE", "write"), ("close", -2, NULL), ("disconnect", False)]


def test_stdin_writes_after_exit_call_back_with_err_stream_destroyed() -> None:
    got: list[Any] = []
    child = cp.spawn("true")
    child.stdin.on("error", lambda e: got.append("error"))
    child.on("exit", lambda *a: got.append(child.stdin.write("x", lambda e: got.append((e.code, e.message)))))
    settle()
    assert got == [False, ("ERR_STREAM_DESTROYED", "Cannot call write after a stream was destroyed")]


def test_an_executable_without_a_shebang_runs_through_sh(tmp_path: Path) -> None:
    script = tmp_path / "script"
    script.write_text('echo "$0" "$@"\n')
    script.chmod(0o755)
    out: list[bytes] = []
    child = cp.spawn("script", ["a"], {"env": {"PATH": str(tmp_path)}})
    child.stdout.on("data", out.append)
    settle()
    assert b"".join(out) == f"{script} a\n".encode()


def test_cwd_env_and_stdin() -> None:
    out: dict[str, bytes] = {"pwd": b"", "env": b"", "cat": b""}
    a = cp.spawn("pwd", [], {"cwd": "/usr"})
    a.stdout.on("data", lambda d: out.__setitem__("pwd", out["pwd"] + d))
    b = cp.spawn("/usr/bin/env", [], {"env": {"ONLY": "this"}})
    b.stdout.on("data", lambda d: out.__setitem__("env", out["env"] + d))
    c = cp.spawn("cat")
    c.stdout.on("data", lambda d: out.__setitem__("cat", out["cat"] + d))
    c.stdin.write("hello ")
    c.stdin.end("world")
    settle()
    assert out == {"pwd": b"/usr\n", "env": b"ONLY=this\n", "cat": b"hello world"}


@pytest.mark.parametrize(
    ("size", "ok"), [(200 * 1024 + 1, True), (1024 * 1024, True), (1024 * 1024 + 1, False)]
)
def test_exec_default_max_buffer_is_one_mebibyte(size: int, ok: bool) -> None:
    got: list[Any] = []
    cp.exec(f"head -c {size} /dev/zero", lambda err, out, _e: got.append((err, len(out))))
    settle()
    err, length = got[0]
    if ok:
        assert err is NULL and length == size
    else:
        assert (err.code, err.name, err.message) == (
            "ERR_CHILD_PROCESS_STDIO_MAXBUFFER",
            "RangeError",
            "stdout maxBuffer length exceeded",
        )
        assert length == 1024 * 1024


def test_exec_errors_carry_code_killed_signal_and_cmd() -> None:
    got: list[Any] = []
    cp.exec("echo bad >&2; exit 3", lambda err, out, e: got.append(err))
    # "exec sleep": the shell becomes sleep, so the timeout's SIGTERM ends it (a shell that forked would
    # die alone and leave its sleep behind, in Node too)
    cp.exec("exec sleep 5", {"timeout": 100}, lambda err, out, e: got.append(err))
    settle()
    failed, timed_out = got if got[0].code == 3 else got[::-1]
    assert (failed.code, failed.killed, failed.signal, failed.cmd) == (3, False, NULL, "echo bad >&2; exit 3")
    assert failed.message == "Command failed: echo bad >&2; exit 3\nbad\n"
    assert (timed_out.code, timed_out.killed, timed_out.signal) == (NULL, True, "SIGTERM")


def test_exec_file_passes_arguments_literally(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    got: list[Any] = []
    cp.exec_file("echo", [f"x; touch {marker}", "$HOME"], lambda err, out, e: got.append(out))
    settle()
    assert got == [f"x; touch {marker} $HOME\n"] and not marker.exists()


def test_kill_reports_the_signal_and_unknown_signals_throw() -> None:
    got: list[Any] = []
    child = cp.spawn("sleep", ["5"])
    assert (child.exit_code, child.signal_code) == (NULL, NULL)  # null until the child ends
    child.on("exit", lambda code, sig: got.append((code, sig, child.killed, child.signal_code)))
    with pytest.raises(NodeError) as info:
        child.kill("SIGNOPE")
    assert info.value.code == "ERR_UNKNOWN_SIGNAL"
    assert child.kill() is True
    settle()
    assert got == [(NULL, "SIGTERM", True, "SIGTERM")]
    assert child.kill() is False


def test_streams_that_are_not_pipes_are_null() -> None:
    child = cp.spawn("true", [], {"stdio": ["inherit", "pipe", "ignore"]})
    assert (child.stdin, child.stderr) == (NULL, NULL) and child.stdio == [NULL, child.stdout, NULL]
    settle()


@pytest.mark.parametrize(
    ("message", "code"),
    [(None, "ERR_MISSING_ARGS"), (cp.UNDEFINED, "ERR_MISSING_ARGS"), (BigInt(1), "ERR_INVALID_ARG_TYPE"),
     (Symbol("s"), "ERR_INVALID_ARG_TYPE"), (print, "ERR_INVALID_ARG_TYPE")],
)
def test_send_refuses_what_json_cannot_carry(message: Any, code: str) -> None:
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    channel = cp.Channel(ours, owner=EventEmitter())
    try:
        with pytest.raises(NodeError) as info:
            channel.send(message)
        assert info.value.code == code
    finally:
        channel.disconnect()
        theirs.close()
        settle()


def test_serialization_follows_json_stringify() -> None:
    value = {
        "d": datetime.datetime(2020, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.UTC),
        "n": float("nan"),
        "u": cp.UNDEFINED,
        "none": None,  # undefined: left out of an object, null in an array
        "l": NULL,
        "b": b"hi",
        "a": [1, cp.UNDEFINED, lambda: 0, None, NULL],
        "s": {1, 2},
        "e": ValueError("x"),
        "f": print,
    }
    assert cp.serialize(value) == (
        b'{"d":"2020-01-02T03:04:05.678Z","n":null,"l":null,"b":{"type":"Buffer","data":[104,105]},'
        b'"a":[1,null,null,null,null],"s":{},"e":{}}\n'
    )


CHILD = textwrap.dedent(
    """
    from nodespec.reference import process
    def main():
        process.on("message", lambda m: process.send({"echo": m, "pid": process.pid}))
        process.send({"cmd": "NODE_INTERNAL"})
    process.run_main(main)
    """
)


def test_fork_round_trip_disconnect_and_send_after_disconnect(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    got: list[Any] = []
    child = cp.fork(str(script))
    assert child.connected is True

    def on_message(message: Any) -> None:
        got.append(message)
        child.disconnect()
        got.append(("connected", child.connected))
        child.send("late", lambda err: got.append(("late", err.code)))

    child.on("message", on_message)
    child.on("disconnect", lambda: got.append("disconnect"))
    child.on("exit", lambda code, sig: got.append(("exit", code, sig)))
    child.send([1, "two", NULL, None])
    settle()
    assert got[0] == {"echo": [1, "two", NULL, NULL], "pid": child.pid}  # JSON null arrives as NULL
    assert got[1:] == [
        ("connected", False),
        "disconnect",
        ("late", "ERR_IPC_CHANNEL_CLOSED"),
        ("exit", 0, NULL),
    ]


def test_fork_requires_an_ipc_channel() -> None:
    with pytest.raises(NodeError) as info:
        cp.fork(sys.argv[0], [], {"stdio": ["pipe", "pipe", "pipe"]})
    assert info.value.code == "ERR_CHILD_PROCESS_IPC_REQUIRED"


def test_nothing_is_left_running() -> None:
    settle(30)  # returns once the loop is idle: a loaded machine may take seconds to end the last child
    assert not default_loop.pending()
    # Every child this module's tests started has been reaped: none is still this process's child,
    # running or a zombie. (Asked of /proc, which reaps nothing: a waitpid here would reap, and race,
    # the children of other tests that share this xdist worker.)
    assert _started and [pid for pid in _started if _parent_of(pid) == os.getpid()] == []


def _parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
