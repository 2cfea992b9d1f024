"""Unit tests of nodespec.reference.loop and nodespec.reference.process (in process)."""

from __future__ import annotations

import os
import signal

import pytest

from nodespec.reference import loop as loop_module
from nodespec.reference import process
from nodespec.reference.errors import NodeError
from nodespec.reference.loop import Loop


def test_ticks_drain_before_microtasks_and_again_after_them() -> None:
    lp, out = Loop(), []
    lp.queue_microtask(lambda: (out.append("promise1"), lp.next_tick(out.append, "tick-from-promise")))
    lp.next_tick(lambda: (out.append("tick1"), lp.next_tick(out.append, "tick3")))
    lp.next_tick(out.append, "tick2")
    lp.queue_microtask(out.append, "promise2")
    lp.run_microtasks()
    assert out == ["tick1", "tick2", "tick3", "promise1", "promise2", "tick-from-promise"]


def test_microtasks_run_between_immediates_and_new_immediates_wait_for_the_next_iteration() -> None:
    lp, out = Loop(), []
    lp.set_immediate(
        lambda: (out.append("A"), lp.next_tick(out.append, "tickA"), lp.set_immediate(out.append, "C"))
    )
    lp.set_immediate(out.append, "B")
    lp.run(timeout=1)
    assert out == ["A", "tickA", "B", "C"]


def test_inside_an_io_callback_immediate_comes_before_timeout() -> None:
    lp, out = Loop(), []
    r, w = os.pipe()
    os.write(w, b"x")
    lp.ref()

    def on_readable() -> None:
        lp.remove_reader(r)
        lp.unref()
        lp.set_timeout(out.append, 0, "timeout")
        lp.set_immediate(out.append, "immediate")
        lp.queue_microtask(out.append, "promise")
        lp.next_tick(out.append, "tick")

    lp.add_reader(r, on_readable)
    lp.run(timeout=2)
    os.close(r)
    os.close(w)
    assert out == ["tick", "promise", "immediate", "timeout"]


def test_handle_closes_run_after_immediates_newest_first() -> None:
    lp, out = Loop(), []
    lp.on_handle_closed(out.append, "first closed")
    lp.on_handle_closed(out.append, "second closed")
    lp.set_immediate(out.append, "immediate")
    lp.next_tick(out.append, "tick")
    lp.run(timeout=1)
    assert out == ["tick", "immediate", "second closed", "first closed"]


def test_timers_fire_in_due_order_and_can_be_cleared() -> None:
    lp, out = Loop(), []
    lp.set_timeout(out.append, 20, "late")
    early = lp.set_timeout(out.append, 5, "cleared")
    lp.set_timeout(out.append, 1, "first")
    Loop.clear(early)
    lp.run(timeout=2)
    assert out == ["first", "late"]


def test_run_returns_when_no_ref_is_held_and_waits_while_one_is() -> None:
    lp, out = Loop(), []
    lp.ref()
    lp.set_timeout(lambda: (out.append("released"), lp.unref()), 30)
    lp.run(timeout=2)
    assert out == ["released"]
    assert not lp.pending()


def test_an_exception_in_a_callback_goes_to_the_uncaught_handler() -> None:
    lp, seen = Loop(), []
    lp.uncaught_handler = seen.append
    lp.next_tick(lambda: 1 / 0)
    lp.next_tick(seen.append, "after")
    lp.run_microtasks()
    assert isinstance(seen[0], ZeroDivisionError) and seen[1] == "after"


def test_a_signal_is_delivered_from_the_poll_phase() -> None:
    lp, got = Loop(), []
    lp.add_signal_handler(signal.SIGUSR2, got.append)
    try:
        lp.ref()
        lp.set_timeout(lambda: os.kill(os.getpid(), signal.SIGUSR2), 1)
        lp.run_until(lambda: bool(got), timeout=2)
        lp.unref()
    finally:
        lp.remove_signal_handler(signal.SIGUSR2)
    assert got == [signal.SIGUSR2]


def test_module_level_helpers_use_the_default_loop() -> None:
    assert loop_module.next_tick.__self__ is loop_module.default_loop
    assert loop_module.set_immediate.__self__ is loop_module.default_loop


def test_process_identity() -> None:
    assert process.pid == os.getpid() and process.ppid == os.getppid()
    assert process.cwd() == os.getcwd()
    assert process.platform == "linux"
    assert isinstance(process.uptime(), float) and process.uptime() >= 0
    assert process.argv[0] == process.exec_path


def test_process_env_converts_assigned_values_to_strings() -> None:
    process.env["NODESPEC_T"] = 42
    assert process.env["NODESPEC_T"] == "42" and os.environ["NODESPEC_T"] == "42"
    process.env["NODESPEC_T"] = None
    assert process.env["NODESPEC_T"] == "undefined"
    process.env["NODESPEC_T"] = True
    assert process.env["NODESPEC_T"] == "true"
    del process.env["NODESPEC_T"]
    assert process.env.get("NODESPEC_T") is None


def test_exit_code_is_validated_like_node() -> None:
    with pytest.raises(NodeError) as info:
        process.exit_code = "abc"
    assert info.value.code == "ERR_INVALID_ARG_TYPE"
    with pytest.raises(NodeError) as info:
        process.exit_code = 1.5
    assert info.value.code == "ERR_OUT_OF_RANGE"
    process.exit_code = "2"
    assert process.exit_code == 2
    process.exit_code = None
    assert process.exit_code is None


def test_unknown_signal_and_uncatchable_signals() -> None:
    with pytest.raises(NodeError) as info:
        process.kill(os.getpid(), "SIGNOPE")
    assert (info.value.code, info.value.name) == ("ERR_UNKNOWN_SIGNAL", "TypeError")
    with pytest.raises(NodeError) as info:
        process.on("SIGKILL", lambda *a: None)
    assert (info.value.code, info.value.syscall) == ("EINVAL", "uv_signal_start")
    with pytest.raises(NodeError) as info:
        process.kill(2**22 + 12345, 0)
    assert info.value.code == "ESRCH"


def test_process_module_assignments_reach_the_process_object() -> None:
    process.title = "nodespec-t"
    assert process.process.title == "nodespec-t"[: len(process.process.title)]


def test_emit_warning_prints_nodes_line_and_emits_warning(capsys: pytest.CaptureFixture[str]) -> None:
    got = []
    listener = got.append
    process.on("warning", listener)
    try:
        process.emit_warning("careful")
        loop_module.default_loop.run_microtasks()
    finally:
        process.remove_listener("warning", listener)
    assert [w.message for w in got] == ["careful"] and got[0].name == "Warning"
    assert f"(node:{os.getpid()}) Warning: careful" in capsys.readouterr().err


def test_run_main_resets_ignored_signals_like_node_does_at_start_up() -> None:
    saved = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGUSR1, signal.SIGHUP, signal.SIGTERM)}
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    try:
        process.reset_signal_dispositions()
        assert signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL
        assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN  # Node keeps SIGPIPE ignored
    finally:  # give the test process its own handlers back (pytest's Ctrl-C among them)
        for number, handler in saved.items():
            signal.signal(number, handler)
