"""The reference's programs are forked from a warm template (nodespec.reference.forkserver), yet the
harness sees them as it sees a spawned program: its own process group, its exit code or signal, and
nothing outlives the template, which the adapter's close() stops."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nodespec import registry
from nodespec.implementation import RunningProgram
from nodespec.testing import wait_gone

PROGRAM = textwrap.dedent(
    """
    import sys
    print("ready", flush=True)
    sys.stdin.readline()
    raise SystemExit(int(sys.argv[1]))
    """
)


@pytest.fixture
def reference() -> Iterator[Any]:
    """The reference's implementation; closing it (the run's end) stops its template."""
    impl = registry.get("reference")
    try:
        yield impl
    finally:
        impl.close()


def start(impl: Any, directory: Path, code: str, **variables: str) -> RunningProgram:
    """PROGRAM, started as the harness starts a program scenario's, once it says it is ready."""
    script = directory / "program.py"
    script.write_text(PROGRAM)
    env = {**os.environ, "NODESPEC_IMPL": impl.name, **impl.program_env(), **variables}
    running = RunningProgram([sys.executable, str(script), code], directory, env, start=impl.start_process)
    assert running.wait_for_line("ready", timeout=30)
    return running


def test_a_program_forked_from_the_template_is_seen_as_a_spawned_one(reference: Any, tmp_path: Path) -> None:
    exits = start(reference, tmp_path, "3")
    with open(f"/proc/{exits.pid}/cmdline", "rb") as f:
        assert b"forkserver.template" in f.read()  # forked, not exec'd
    assert os.getpgid(exits.pid) == exits.pid  # its own group: the harness kills it by group
    exits.write("go\n")
    assert (exits.wait(30).exit_code, exits.result.signal) == (3, None)  # type: ignore[union-attr]

    signalled = start(reference, tmp_path, "0")
    signalled.send_signal("SIGTERM")
    result = signalled.wait(30)
    assert (result.exit_code, result.signal) == (None, "SIGTERM")

    orphan = start(reference, tmp_path, "0")
    template = reference._forkserver.popen.pid
    reference.close()  # the run's end: the template goes, and a program still running goes with it
    assert orphan.wait(30).signal == "SIGKILL"
    assert wait_gone([template])


def test_waiting_for_exits_ends_at_the_first_exit_report(reference: Any, tmp_path: Path) -> None:
    # read_exits(timeout) read on after an exit report until its timeout: every Program.wait() of an
    # exited program cost up to a second. The margin (8 s of 10) holds on a busy machine.
    program = start(reference, tmp_path, "4").proc
    program.stdin.write(b"go\n")
    program.stdin.flush()
    assert wait_gone([program.pid])
    started = time.monotonic()
    program.server.read_exits(10.0)
    assert time.monotonic() - started < 8.0
    assert program.server.exits.get(program.pid) == 4


def test_a_program_given_an_environment_of_its_own_is_spawned(reference: Any, tmp_path: Path) -> None:
    running = start(reference, tmp_path, "0", SCENARIO_VARIABLE="1")
    with open(f"/proc/{running.pid}/environ", "rb") as f:
        assert b"SCENARIO_VARIABLE=1" in f.read()  # /proc shows its own environment
    running.write("go\n")
    assert running.wait(30).exit_code == 0


ASYNCIO_PROGRAM = textwrap.dedent(
    """
    import asyncio, os, sys
    from nodespec.reference import process
    print(sys.argv, sys.orig_argv, sys.path[:2], __name__, sys.modules["__main__"].__name__)
    print(process.argv, asyncio.get_running_loop() is not None, os.getcwd())
    print(sorted(name for name in sys.modules if name.startswith("nodespec.adapters")))
    process.next_tick(lambda: print("tick"))
    if sys.argv[1] == "throw":
        raise ValueError("uncaught")
    """
)


def test_a_reference_asyncio_program_forked_is_the_program_run_with_python_m(tmp_path: Path) -> None:
    # python -m nodespec.adapters.reference_asyncio PROGRAM: forked, it sees the same argv, sys.path,
    # __main__, running asyncio loop, modules and uncaught-exception report as spawned.
    impl = registry.get("reference-asyncio")
    script = tmp_path / "program.py"
    script.write_text(ASYNCIO_PROGRAM)
    env = {**os.environ, "NODESPEC_IMPL": impl.name, **impl.program_env()}
    try:
        for argument in ("ok", "throw"):
            argv = impl.program_argv(script, frozenset()) + [argument]
            forked = RunningProgram(argv, tmp_path, env, start=impl.start_process)
            spawned = RunningProgram(argv, tmp_path, env)
            assert type(forked.proc).__name__ == "Program"
            assert type(spawned.proc).__name__ == "Popen"
            a, b = forked.wait(30), spawned.wait(30)
            assert (a.exit_code, a.signal, a.stdout, a.stderr) == (b.exit_code, b.signal, b.stdout, b.stderr)
            assert "tick" in a.stdout.splitlines()
            assert ("ValueError: uncaught" in a.stderr) == (argument == "throw")
    finally:
        impl.close()


WORKER_LINE_PROGRAM = textwrap.dedent(
    """
    import os, subprocess, sys
    from nodespec.reference import forkserver
    child, child_env = sys.argv[1], {**os.environ, "NODESPEC_NODE_LINE": "26"}
    import socket
    _ours, theirs = socket.socketpair()
    worker = forkserver.fork_worker([child], child_env, None, ["ignore", "pipe", "inherit"], theirs.fileno())
    if worker is None:  # what child_process does then: a spawn
        worker = subprocess.Popen([sys.executable, child], env=child_env, stdout=subprocess.PIPE, pass_fds=(theirs.fileno(),))
    print(worker.stdout.read().decode().strip(), flush=True)
    forkserver.close()
    """
)


def test_a_worker_of_another_node_line_is_not_forked_from_a_template_of_this_one(tmp_path: Path) -> None:
    # The line acts at import (Buffer.poolSize of a fresh process), so a template that imported the
    # reference as Node 22 cannot make a process of Node 26.
    (tmp_path / "primary.py").write_text(WORKER_LINE_PROGRAM)
    (tmp_path / "child.py").write_text("from nodespec.reference.buffer import Buffer\nprint(Buffer.pool_size)\n")
    env = {**os.environ, "NODESPEC_NODE_LINE": "22"}
    done = subprocess.run([sys.executable, str(tmp_path / "primary.py"), str(tmp_path / "child.py")], env=env,
                          capture_output=True, timeout=60, check=True)
    assert done.stdout.decode().split() == ["65536"], done


FORKING_PROGRAM = textwrap.dedent(
    """
    import ctypes, os, sys
    from nodespec.reference import child_process, forkserver, process

    def say(*words):  # one write a line: two processes share the pipe, unbuffered under PYTHONUNBUFFERED
        sys.stdout.write(" ".join(map(str, words)) + "\\n")
        sys.stdout.flush()

    def child():
        with open("/proc/self/cmdline", "rb") as f:
            forked = b"forkserver.template" in f.read()
        say("child", os.getppid(), os.path.basename(os.getcwd()), forked, sys.argv[1:])
        raise SystemExit(7)

    def parent():
        child = child_process.fork(os.path.basename(__file__), ["child"], {"cwd": ".."})
        subreaper = ctypes.c_int(-1)
        ctypes.CDLL(None).prctl(37, ctypes.byref(subreaper), 0, 0, 0)  # PR_GET_CHILD_SUBREAPER
        say("parent", os.getpid(), forkserver._server.child, subreaper.value)
        child.on("exit", lambda code, signal: say("exit", code, signal))

    process.run_main(child if sys.argv[1:] == ["child"] else parent)
    """
)


def test_a_program_that_can_fork_forks_its_children_from_a_template_of_its_own(reference: Any, tmp_path: Path) -> None:
    # A program forked from the harness's template, whose source names child_process, keeps a copy of
    # that template as its child: child_process.fork is a fork, the child is the program's (ppid, exit
    # status), starts in the directory asked (relative to the program's), and the program is never a
    # child subreaper (the template forks the child as its sibling: CLONE_PARENT).
    (tmp_path / "sub").mkdir()
    script = tmp_path / "sub" / "program.py"
    script.write_text(FORKING_PROGRAM)
    (tmp_path / "program.py").write_text(FORKING_PROGRAM)  # what the child runs: "program.py" in ".."
    env = {**os.environ, "NODESPEC_IMPL": reference.name, **reference.program_env()}
    running = RunningProgram([sys.executable, str(script)], tmp_path / "sub", env, start=reference.start_process)
    assert type(running.proc).__name__ == "Program"
    result = running.wait(30)
    lines = result.stdout.splitlines()
    assert (result.exit_code, len(lines)) == (0, 3), result
    # The parent's line and its child's come in either order (two processes); the exit is the parent's last.
    parent, child = sorted(lines[:2], key=lambda line: not line.startswith("parent "))
    _, program, template, subreaper = parent.split()
    assert (int(program), subreaper) == (running.pid, "0")
    assert child == f"child {program} {tmp_path.name} True ['child']"
    assert lines[2] == "exit 7 null"
    assert wait_gone([int(template)])  # the program's template dies with it


def test_a_program_that_cannot_fork_has_no_template_of_its_own(reference: Any, tmp_path: Path) -> None:
    script = tmp_path / "program.py"
    script.write_text("import os\nfrom nodespec.reference import forkserver\nprint(forkserver.has_template())\n")
    env = {**os.environ, "NODESPEC_IMPL": reference.name, **reference.program_env()}
    result = RunningProgram([sys.executable, str(script)], tmp_path, env, start=reference.start_process).wait(30)
    assert result.stdout == "False\n", result


def test_the_template_compiles_a_program_once_and_again_when_it_changes(reference: Any, tmp_path: Path) -> None:
    script = tmp_path / "program.py"
    env = {**os.environ, "NODESPEC_IMPL": reference.name, **reference.program_env()}
    # the same size each time; the last one's compile-time warning is the program's, on its own stderr
    for text, printed in (("one", "one"), ("two", "two"), ("two", "two"), ("3 is 1", "False")):
        script.write_text(f"print({text if text[0] == '3' else repr(text)})\n")
        forked = RunningProgram([sys.executable, str(script)], tmp_path, env, start=reference.start_process)
        spawned = RunningProgram([sys.executable, str(script)], tmp_path, env)
        assert type(forked.proc).__name__ == "Program"
        a, b = forked.wait(30), spawned.wait(30)
        assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr) == (0, printed + "\n", b.stderr)
        assert ("SyntaxWarning" in a.stderr) == (printed == "False")


PER_PROCESS_PROGRAM = textwrap.dedent(
    """
    import json, os, sys, threading, time
    if os.environ.get("NODE_UNIQUE_ID"):
        sys.argv.append("set-before-import")  # process.argv is sys.argv as it is when process is imported
    from nodespec.reference import cluster, forkserver, process

    if cluster.is_worker:
        with open("/proc/self/cmdline", "rb") as f:
            forked = b"forkserver.template" in f.read()
        # glibc's id of this thread is this thread's (the template's: its CPU clock, ~0.1 s of imports)
        own_clock = time.clock_gettime(time.pthread_getcpuclockid(threading.get_ident())) <= time.thread_time()
        process.send({"forked": forked, "own thread clock": own_clock, "pid": process.pid == os.getpid(), "ppid": process.ppid,
                      "argv": process.argv[1:], "started": time.monotonic() - process.uptime(),
                      "id": cluster.worker.id, "primary": cluster.is_primary, "exit listeners": process.listener_count("exit")})
    else:
        forkserver._failed = sys.argv[1] == "spawned"  # this primary's workers are spawned, not forked
        requested = time.monotonic()
        worker = cluster.fork()

        def on_message(message):
            print(json.dumps({**message, "requested": requested, "primary pid": os.getpid(), "is primary": cluster.is_primary}))
            worker.kill()

        worker.on("message", on_message)
        process.run_main()
    """
)


@pytest.mark.parametrize("how", ["forked", "spawned"])
def test_a_forked_worker_has_its_own_process_state_not_its_templates(tmp_path: Path, how: str) -> None:
    # The template imported process and cluster (as a primary, with its own argv, at its start); the worker
    # forked from it sees its own pid, ppid, argv (as sys.argv is when it first imports process), start
    # time, role and thread (glibc's), as the spawned one does.
    script = tmp_path / "program.py"
    script.write_text(PER_PROCESS_PROGRAM)
    done = subprocess.run([sys.executable, str(script), how], capture_output=True, timeout=60, cwd=tmp_path)
    report = json.loads(done.stdout)
    assert report.pop("forked") == (how == "forked"), done
    assert report.pop("started") >= report.pop("requested")
    assert report == {"own thread clock": True, "pid": True, "ppid": report["primary pid"], "argv": [str(script), how, "set-before-import"],
                      "id": 1, "primary": False, "exit listeners": 0, "primary pid": report["primary pid"],
                      "is primary": True}


def test_a_template_with_a_second_thread_does_not_fork_a_worker_by_raw_clone() -> None:
    # A raw clone skips glibc's fork locks, safe only in a process of one thread: with two it refuses
    # (and the primary spawns the worker instead).
    program = (
        "import threading\n"
        "from nodespec.reference import forkserver\n"
        "stop = threading.Event()\n"
        "thread = threading.Thread(target=stop.wait)\n"
        "thread.start()\n"
        "try:\n"
        "    forkserver._fork_sibling()\n"
        "except OSError as error:\n"
        "    print('refused', error.errno)\n"
        "finally:\n"
        "    stop.set()\n"
        "    thread.join()\n"
    )
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout.strip()) == (0, f"refused {errno.EAGAIN}"), run.stderr
