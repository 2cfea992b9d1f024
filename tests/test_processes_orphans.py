"""No process outlives the process-level suite: run it (reference and node), then look for any
process that a program started (they all carry NODESPEC_IMPL in their environment) still alive.
Also: a program killed on timeout takes its whole tree with it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from nodespec import registry
from nodespec.implementation import processes_with_env

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
    time.sleep(1.0)  # the observer, the master and its workers are running now
    assert len(program_processes(marker)) >= 3
    result = running.wait(0.2)  # far too short: the harness kills the process group
    assert result.timed_out
    assert settle_count(set(), marker=marker) == set()


def test_the_whole_process_level_suite_leaves_no_process_behind(tmp_path: Path) -> None:
    # A marker of this run's own environment: tests running beside it start programs too.
    run = f"NODESPEC_TEST_RUN={uuid.uuid4().hex}"
    marker = run.encode()
    command = [
        sys.executable,
        "-m",
        "nodespec",
        "run",
        "--impl",
        "reference,node",
        "--features",
        "features/process",
        "features/child_process",
        "features/cluster",
        "--json",
        str(tmp_path / "results.json"),
        "--no-site",
        "-n",
        "2",
    ]
    env = {**os.environ, "NODESPEC_TEST_RUN": run.split("=", 1)[1]}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    left = settle_count(set(), marker=marker)
    assert left == set(), f"processes left behind: {sorted(left)}"
