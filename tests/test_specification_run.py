"""The specification itself, on the reference and on the Node.js line the reference models (the README's
test command has always run it): one whole ``nodespec run``, with its own xdist workers.

It is the longest test and its processes mostly wait for the programs of the program scenarios, so it
starts first (``starts_first``) and the other tests run on the CPUs meanwhile: two workers of its own
are enough (a whole run's default, two per CPU, fills the CPUs' idle time that the other tests fill
here, and every worker collects the specification again)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nodespec import results
from nodespec.reference import lines


@pytest.mark.starts_first
def test_the_specification_passes_on_the_reference_and_on_its_node_line(tmp_path: Path) -> None:
    node = f"node{lines.default_line()}"
    argv = [sys.executable, "-m", "nodespec", "run", "--impl", f"reference,{node}",
            "-n", "2", "--no-site", "--json", str(tmp_path / "results.json")]
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
