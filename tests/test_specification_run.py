"""The specification itself, on the reference and on the Node.js line the reference models (the README's
test command has always run it): the whole specification as two shards (``nodespec run --shard K/2``,
which split the scenarios between them, every implementation of a scenario in the same shard), each one
process of its own.

They are the longest tests and start first (``starts_first``), one on each of two pytest workers, and
the other tests fill the CPUs meanwhile. One process per shard rather than xdist workers of its own: a
run's xdist workers each collect the whole specification again and its controller pays for every item's
messages (a sixth of the run's CPU), and the test command is CPU-bound."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nodespec import results
from nodespec.reference import lines

SHARDS = 2


@pytest.mark.starts_first
@pytest.mark.parametrize("shard", range(1, SHARDS + 1))
def test_the_specification_passes_on_the_reference_and_on_its_node_line(tmp_path: Path, shard: int) -> None:
    node = f"node{lines.default_line()}"
    argv = [sys.executable, "-m", "nodespec", "run", "--impl", f"reference,{node}", "--shard", f"{shard}/{SHARDS}",
            "-n", "0", "--no-site", "--json", str(tmp_path / "results.json")]
    # xdist's workers ignore SIGINT and a child inherits that: give it Ctrl-C back.
    with subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as run:
        try:
            out, _ = run.communicate()
        finally:  # the test interrupted: the run stops as Ctrl-C stops it (its results marked incomplete)
            if run.poll() is None:
                run.send_signal(signal.SIGINT)
                run.wait()
    # Its failures and the matrix are at the end of its output.
    assert run.returncode == 0, out[-20000:]
    data = results.load(tmp_path / "results.json")
    assert not data.get("incomplete")
    ran = {impl for scenario in data["scenarios"] for impl, cell in scenario["results"].items() if cell["status"] == "pass"}
    assert ran == {"reference", node}
