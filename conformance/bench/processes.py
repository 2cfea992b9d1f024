"""Process costs of the reference against Node.js, from one run:

* spawn-to-exit: spawn('true') until its 'exit' event, inside each runtime's own event loop;
* fork + one IPC round trip: fork a child of the same runtime, send a message, get it back, child exits;
* respawn: a cluster worker killed with SIGKILL until its replacement is listening on the shared port
  (death to replacement accepting connections).

Baselines measured in the same run: Python's own ``subprocess.run(['true'])`` (the floor for a
spawn) and the bare start-up of each runtime (``python -c pass``, ``node -e 0``: the floor for a fork).

    nodespec bench processes [--n N]     (python -m nodespec.bench.processes)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from nodespec.bench import record
from nodespec.implementation import kill_group, spawn

BENCH_PROGRAMS = Path(__file__).resolve().parent / "programs"  # the programs only benchmarks run


def median_ms(fn, n: int) -> float:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def run_probe(argv: list[str], timeout: float = 120) -> float:
    proc = spawn(argv, cwd=BENCH_PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise RuntimeError(f"{argv} timed out") from None
    finally:
        kill_group(proc)  # the whole group: nothing the probe started survives it
    lines = [line for line in out.decode().splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{argv} printed nothing: {err.decode()[-500:]}")
    return float(json.loads(lines[-1])["median_ms"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench processes", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="samples per figure (spawn uses 3n)")
    args = parser.parse_args(argv)
    n = args.n
    py = [sys.executable, str(BENCH_PROGRAMS / "process_bench.py")]
    js = ["node", str(BENCH_PROGRAMS / "process_bench.mjs")]

    floor_spawn = median_ms(lambda: subprocess.run(["true"], check=True), 3 * n)
    start_py = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), n)
    start_node = median_ms(lambda: subprocess.run(["node", "-e", "0"], check=True), n)

    rows = []
    for label, mode, count, baseline_name, baseline in (
        ("spawn-to-exit", "spawn", 3 * n, "subprocess.run(['true'])", floor_spawn),
        ("fork + 1 IPC round trip", "fork", n, "runtime start-up (python / node)", None),
        (
            "respawn (SIGKILL → replacement listening)",
            "respawn",
            n,  # a median of 5 moved by a third from run to run
            "runtime start-up (python / node)",
            None,
        ),
    ):
        ref = run_probe(py + [mode, str(count)])
        node = run_probe(js + [mode, str(count)])
        rows.append((label, ref, node, baseline_name, baseline))

    print(f"nodespec bench processes — one run, medians, n={n}")
    print(
        f"baselines: subprocess.run(['true']) {floor_spawn:.2f} ms; start-up: python -c pass {start_py:.1f} ms, node -e 0 {start_node:.1f} ms"
    )
    print()
    print(f"{'figure':44} {'reference':>11} {'node':>11} {'ref/node':>9}   against its baseline")
    for label, ref, node, baseline_name, baseline in rows:
        if baseline is not None:
            against = f"ref {ref / baseline:.2f}x, node {node / baseline:.2f}x of {baseline_name}"
        else:
            against = (
                f"ref {ref / start_py:.2f}x python start-up, node {node / start_node:.2f}x node start-up"
            )
        print(f"{label:44} {ref:9.2f}ms {node:9.2f}ms {ref / node:8.2f}x   {against}")
        record(label, ref / 1000, "s", baseline="node", baseline_value=node / 1000,
               target="<= 0.25x" if label.startswith("respawn") else None,
               context={"python_startup_s": start_py / 1000, "node_startup_s": start_node / 1000})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
