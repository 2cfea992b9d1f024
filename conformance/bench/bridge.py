"""The bridge's cost per operation, next to an in-process call, and a plain JSON-lines echo as the
floor; then the specification's wall time per implementation.

    nodespec bench bridge [--ops N] [--suite] [--impl LIST]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from nodespec import PACKAGE_DIR, registry
from nodespec.bench import record
from nodespec.implementation import spawn
from nodespec.protocol import listener
from nodespec.session import Session

ECHO = "require('readline').createInterface({input: process.stdin}).on('line', l => process.stdout.write(l + '\\n'))"


def per_op(fn, n: int) -> float:
    """Median seconds per call over batches of 100."""
    samples = []
    for _ in range(max(1, n // 100)):
        t0 = time.perf_counter()
        for _ in range(100):
            fn()
        samples.append((time.perf_counter() - t0) / 100)
    return statistics.median(samples)


def echo_round_trip(n: int) -> float:
    proc = spawn(["node", "-e", ECHO], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin and proc.stdout
    line = b'{"id":1,"op":"call","target":{"$":"handle","id":2},"method":"emit","args":["x"]}\n'

    def once() -> None:
        proc.stdin.write(line)
        proc.stdin.flush()
        proc.stdout.readline()

    once()
    try:
        return per_op(once, n)
    finally:
        proc.stdin.close()
        proc.wait()


def operation_cost(name: str, n: int) -> float:
    session = Session(registry.get(name))
    emitter = session.new(session.module("events"))
    session.call(emitter, "on", "x", listener("A"))
    cost = per_op(lambda: session.call(emitter, "emit", "x"), n)
    session.trace()
    return cost


def suite_wall_time(impls: list[str]) -> dict[str, float]:
    times = {}
    for name in impls:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", str(PACKAGE_DIR / "suite" / "test_specification.py"), "-q",
                        "-p", "no:cacheprovider", "--impl", name], capture_output=True, text=True)
        times[name] = time.perf_counter() - t0
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench bridge")
    parser.add_argument("--ops", type=int, default=5000)
    parser.add_argument("--suite", action="store_true", help="also time the whole specification per implementation")
    parser.add_argument("--impl", default="reference,node,bun,deno")
    parser.add_argument("--pin", type=int, metavar="CPU",
                        help="run this process and its drivers on one CPU: a round trip then needs no wake-up across cores")
    args = parser.parse_args(argv)
    if args.pin is not None:
        os.sched_setaffinity(0, {args.pin})  # children inherit it
        print(f"pinned to CPU {args.pin}")
    impls = [i for i in registry.select(args.impl) if registry.get(i).availability().available]

    echo = echo_round_trip(args.ops)
    print(f"plain JSON-lines echo, python <-> node: {echo * 1e6:8.1f} µs per round trip (the floor)")
    print(f"{'implementation':<16}{'µs per emit op':>16}{'× echo':>10}")
    for name in impls:
        cost = operation_cost(name, args.ops)
        print(f"{name:<16}{cost * 1e6:>16.1f}{cost / echo:>10.2f}")
        record(f"{name}: one emit operation", cost, "s", baseline="JSON-lines echo round trip", baseline_value=echo)
    registry.close_all()
    if args.suite:
        print(f"\nwhole specification, wall time per implementation ({os.cpu_count()} cores, one process each):")
        for name, seconds in suite_wall_time(impls).items():
            print(f"{name:<16}{seconds:>8.1f} s")
            record(f"{name}: whole specification", seconds, "s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
