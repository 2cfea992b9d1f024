"""No process outlives a run: every `nodespec run` marks what it starts and, at its end, kills and
reports anything still alive, failing the run (the README's test command runs the whole
specification that way). Also: a program killed on timeout takes its whole tree with it."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from nodespec import registry
from nodespec.implementation import processes_with_env, spawn
from nodespec.testing import ended, wait_gone

ROOT = Path(__file__).resolve().parent.parent


def program_processes(marker: bytes = b"NODESPEC_IMPL=") -> set[int]:
    """Live processes started for a program (NODESPEC_IMPL in environ), or carrying another marker;
    never this test process itself."""
    return processes_with_env(marker) - {os.getpid()}


def settle_count(before: set[int], seconds: float = 5.0, marker: bytes = b"NODESPEC_IMPL=") -> set[int]:
    deadline = time.monotonic() + seconds
    left = program_processes(marker) - before
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = program_processes(marker) - before
    return left


@pytest.mark.parametrize("impl", ["reference", "node"])
def test_a_program_killed_on_timeout_leaves_no_process(impl: str) -> None:
    # A marker of this program's own: other runs on the machine start programs too.
    run = uuid.uuid4().hex
    marker = f"NODESPEC_TEST_RUN={run}".encode()
    implementation = registry.get(impl)
    running = implementation.start_program("cluster_pattern", ["serves"], env={"NODESPEC_TEST_RUN": run})
    deadline = time.monotonic() + 20  # until the observer, the master and its workers run (a loaded machine is slow)
    while len(program_processes(marker)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(program_processes(marker)) >= 3
    for pid in program_processes(marker):  # freeze the tree: on a fast machine the program would finish first
        os.kill(pid, signal.SIGSTOP)
    result = running.wait(0.2)  # far too short: the harness kills the process group
    assert result.timed_out
    assert settle_count(set(), marker=marker) == set()


def test_a_process_that_outlives_the_run_fails_it_and_is_killed(tmp_path: Path) -> None:
    from test_plugin import run

    proc, results = run(tmp_path, "--features", str(ROOT / "tests" / "data" / "leftover"), "--impl", "reference")
    assert {r["status"] for s in results["scenarios"] for r in s["results"].values()} == {"pass"}
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "processes that outlived the run" in proc.stdout and "sleep 60" in proc.stdout
    pid = int(proc.stdout.split("(now killed)")[1].split()[1])  # the first pid listed
    assert ended(pid)


def wait_exec(pid: int, name: str, seconds: float = 30.0) -> bool:
    """Whether process ``pid`` runs the program ``name`` (has exec'd it) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == name:
                return True
        except OSError:
            return False
        time.sleep(0.001)
    return False


def test_a_spawned_program_dies_with_a_harness_killed_by_sigkill() -> None:
    # spawn() has the child killed when its parent dies (setpriv --pdeathsig, or a preexec_fn where
    # setpriv cannot): no cleanup code of the harness runs after a SIGKILL.
    import shutil
    import subprocess
    import sys

    tail = shutil.which("tail")  # tail -f /dev/null: runs until killed, whatever its parent does
    assert tail is not None
    code = (f"import sys; from nodespec.implementation import spawn; p = spawn([{tail!r}, '-f', '/dev/null']); "
            "print(p.pid, flush=True); sys.stdin.read()")
    harness = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert harness.stdout is not None
        child = int(harness.stdout.readline())
        # Killed only once the program runs: until setpriv has set the signal and exec'd it (a window
        # spawn's docstring owns up to), nothing would kill it.
        assert wait_exec(child, "tail")
        assert not ended(child)
    finally:
        harness.kill()
        harness.wait()
    assert wait_gone([child])


def _ignored_signals(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)


def test_a_program_spawned_while_the_harness_ignores_the_stop_signals_gets_them_at_their_defaults() -> None:
    """A shell without job control starts nodespec with SIGINT and SIGQUIT ignored (xdist does so for its
    workers): the program gets their default actions, and the harness keeps ignoring them."""
    previous = [signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGQUIT)]
    try:
        sleep = shutil.which("sleep")
        assert sleep is not None
        child = spawn([sleep, "30"], stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while Path(f"/proc/{child.pid}/comm").read_text().strip() != "sleep" and time.monotonic() < deadline:
                time.sleep(0.01)  # until setpriv has exec'd it (its own spawn path)
            ignored = _ignored_signals(child.pid)
        finally:
            child.kill()
            child.wait()
        assert not ignored & (1 << (signal.SIGINT - 1)) and not ignored & (1 << (signal.SIGQUIT - 1))
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN and signal.getsignal(signal.SIGQUIT) == signal.SIG_IGN
    finally:
        for number, handler in zip((signal.SIGINT, signal.SIGQUIT), previous, strict=True):
            signal.signal(number, handler)


def test_a_process_in_the_middle_of_exec_is_read_again_until_its_environment_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Popen returns once the child has closed its close-on-exec descriptors, before the kernel has set up
    # its environment and command line: read then, both are empty (a run's end once missed its own
    # leftover so). The reads of /proc show the process that way twice, then as it is.
    from nodespec import implementation

    child = subprocess.Popen(["sleep", "30"], env={**os.environ, "NODESPEC_TEST_MID_EXEC": "1"})
    try:
        assert wait_exec(child.pid, "sleep")
        real_open = open
        blank = {"environ": 2, "cmdline": 2}

        def mid_exec_open(path: str, *args: object, **kwargs: object) -> object:
            name = path.rsplit("/", 1)[-1]
            if path.startswith(f"/proc/{child.pid}/") and blank.get(name, 0) > 0:
                blank[name] -= 1
                return io.BytesIO(b"")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(implementation, "open", mid_exec_open, raising=False)
        assert child.pid in implementation.processes_with_env(b"NODESPEC_TEST_MID_EXEC=1")
        assert blank == {"environ": 0, "cmdline": 0}  # it was read as it is in the middle of exec, and again
    finally:
        child.kill()
        child.wait()
