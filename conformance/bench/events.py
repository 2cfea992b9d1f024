"""Emit throughput of the reference's EventEmitter, against pyee and a bare loop of the same calls.

    nodespec bench events [--emits N] [--repeat R] [--no-node]

For 1 and for 10 listeners (distinct functions: pyee keeps one registration per function) it measures
``emitter.emit("x", 1)`` for nodespec.reference.events.EventEmitter and pyee.EventEmitter, and the floor:
a bare ``for f in listeners: f(1)`` loop. Figures are the best of R interleaved runs of N emits, all in
this one process, timed in CPU time (``nodespec.bench.clock``), so the ratios compare like with like
on a busy machine. Node.js's own emit rate (measured by node in a child
process) is printed for context only: it is another runtime, not a baseline.

Then the same inside an asyncio program (``asyncio.run``), with one sync and one async listener (an
``async def`` that awaits ``asyncio.sleep(0)`` and counts): the reference (its loop as asyncio's guest)
against pyee's ``AsyncIOEventEmitter``, which runs each coroutine listener as an asyncio task. A run is
N emits and the wait until every async listener has finished; the best of R interleaved runs is kept.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

from nodespec.bench import clock, record, summary

NODE_SCRIPT = r"""
const { EventEmitter } = require('node:events');
const [n, repeat] = process.argv.slice(1).map(Number);
const out = {};
for (const k of [1, 10]) {
  const e = new EventEmitter();
  for (let i = 0; i < k; i++) e.on('x', function (a) { return a; });
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) e.emit('x', 1);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  out[k] = n / best;
}
console.log(JSON.stringify(out));
"""


def _listeners(k: int) -> list[Callable[[Any], Any]]:
    def make() -> Callable[[Any], Any]:
        def listener(a: Any) -> Any:
            return None

        return listener

    return [make() for _ in range(k)]


_NO_ARGUMENT = object()


class _FloorEmitter:
    """The least a Python emit does: a method taking the name and the arguments (the first one as a
    parameter of its own, so that one argument builds no tuple), which finds the listeners by name and
    calls each with the arguments (without Node's 'error' check, unhashable names, the snapshot of the
    listeners or the check of what a listener returns)."""

    def __init__(self, fns: list[Callable[[Any], Any]]) -> None:
        self._events: dict[str, Any] = {"x": fns[0] if len(fns) == 1 else tuple(fns)}

    def emit(self, type_: str, arg: Any = _NO_ARGUMENT, *rest: Any) -> bool:
        handler = self._events.get(type_)
        if rest or arg is _NO_ARGUMENT:
            args = () if arg is _NO_ARGUMENT else (arg, *rest)
            for listener in handler if type(handler) is tuple else (handler,):
                listener(*args)
        elif type(handler) is tuple:
            for listener in handler:
                listener(arg)
        else:
            handler(arg)
        return True


def measure(k: int, n: int, repeat: int) -> dict[str, float]:
    """Emits per second for each contender; the runs are interleaved (reference, pyee, bare loop, then
    again), so a change of load on the machine affects them alike, and the best run of each is kept."""
    from nodespec.reference.events import EventEmitter

    fns = _listeners(k)
    runners: dict[str, Callable[[], None]] = {}

    ref = EventEmitter()
    for f in fns:
        ref.on("x", f)
    emit = ref.emit

    def run_ref() -> None:
        for _ in range(n):
            emit("x", 1)

    runners["reference"] = run_ref

    try:
        import pyee
    except ImportError:
        pyee = None
    if pyee is not None:
        py = pyee.EventEmitter()
        for f in fns:
            py.on("x", f)
        pemit = py.emit

        def run_pyee() -> None:
            for _ in range(n):
                pemit("x", 1)

        runners["pyee"] = run_pyee

    def run_bare() -> None:
        for _ in range(n):
            for f in fns:
                f(1)

    runners["bare loop"] = run_bare

    femit = _FloorEmitter(fns).emit

    def run_floor() -> None:
        for _ in range(n):
            femit("x", 1)

    runners["floor"] = run_floor

    best = dict.fromkeys(runners, float("inf"))
    for _ in range(repeat):
        for name, run in runners.items():
            t0 = clock()
            run()
            best[name] = min(best[name], clock() - t0)
    return {name: n / seconds for name, seconds in best.items()}


def measure_asyncio(n: int, repeat: int) -> dict[str, float]:
    """Completed emits per second inside asyncio: N emits, then until the N async listeners are done."""
    import asyncio

    from nodespec.reference import loop
    from nodespec.reference.events import EventEmitter

    state: dict[str, Any] = {}

    def sync_listener(a: Any) -> Any:
        return None

    async def async_listener(a: Any) -> None:
        await asyncio.sleep(0)
        state["done"] += 1
        if state["done"] == n:
            state["finished"].set_result(None)

    async def one_run(emit: Callable[..., Any]) -> float:
        state["done"] = 0
        state["finished"] = asyncio.get_running_loop().create_future()
        t0 = clock()
        for _ in range(n):
            emit("x", 1)
        await state["finished"]
        return clock() - t0

    async def main() -> dict[str, float]:
        contenders: dict[str, Callable[..., Any]] = {}
        ref = EventEmitter()
        ref.on("x", sync_listener)
        ref.on("x", async_listener)
        contenders["reference"] = ref.emit
        try:
            from pyee.asyncio import AsyncIOEventEmitter
        except ImportError:
            AsyncIOEventEmitter = None  # noqa: N806
        if AsyncIOEventEmitter is not None:
            py = AsyncIOEventEmitter()
            py.on("x", sync_listener)
            py.on("x", async_listener)
            contenders["pyee"] = py.emit
        best = dict.fromkeys(contenders, float("inf"))
        for _ in range(repeat):
            for name, emit in contenders.items():
                best[name] = min(best[name], await one_run(emit))
        return {name: n / seconds for name, seconds in best.items()}

    loop.default_loop.reset()
    return asyncio.run(main())


def node_rates(n: int, repeat: int) -> dict[int, float] | None:
    node = shutil.which("node")
    if node is None:
        return None
    try:
        out = subprocess.run([node, "-e", NODE_SCRIPT, str(n * 10), str(repeat)], capture_output=True, text=True,
                             timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {int(k): v for k, v in json.loads(out).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench events")
    parser.add_argument("--emits", type=int, default=300_000, help="emits per run (default 300000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is kept (default 5)")
    parser.add_argument("--no-node", action="store_true", help="skip Node.js's figure")
    args = parser.parse_args(argv)

    node = None if args.no_node else node_rates(args.emits, args.repeat)
    print(f"emit throughput, best of {args.repeat} runs of {args.emits} emits (M emits/s; higher is better)")
    print(f"{'listeners':>9}  {'reference':>9}  {'pyee':>9}  {'bare loop':>9}  {'ref/pyee':>8}  {'ref/bare':>8}  "
          f"{'floor/bare':>10}  {'node (context)':>14}")
    for k in (1, 10):
        rates = measure(k, args.emits, args.repeat)
        ref, bare = rates["reference"], rates["bare loop"]
        py = rates.get("pyee")
        record(f"emit, {k} listener(s)", ref, "emits/s", baseline="bare loop of the same calls", baseline_value=bare,
               higher_is_better=True, target=">= 0.45x" if k == 1 else None, floor=rates["floor"],
               context={"pyee": py or 0.0, **({"node": node[k]} if node else {})})
        if py:
            record(f"emit, {k} listener(s), vs pyee", ref, "emits/s", baseline="pyee", baseline_value=py,
                   higher_is_better=True, target=">= 3x" if k == 1 else None)
        print(
            f"{k:>9}  {ref / 1e6:>9.2f}  {(py or 0) / 1e6:>9.2f}  {bare / 1e6:>9.2f}  "
            f"{(ref / py if py else float('nan')):>7.1f}x  {ref / bare:>7.2f}x  {rates['floor'] / bare:>9.2f}x  "
            f"{(node[k] / 1e6 if node else float('nan')):>13.1f}"
        )
    print("ref/pyee: how many times faster the reference emits than pyee (target: at least 3x with 1 listener);")
    print("ref/bare: the share of a bare loop of the same calls the reference reaches (1.00x = no overhead);")
    print("floor/bare: the same for the least a Python emit(name, arg, *rest) method does (find, call each, return).")

    n_async = max(1, args.emits // 10)
    rates = measure_asyncio(n_async, args.repeat)
    ref, py = rates["reference"], rates.get("pyee")
    print()
    print(f"inside asyncio: one sync and one async listener, best of {args.repeat} runs of {n_async} emits,")
    print("each run until every async listener has finished (k emits/s; higher is better)")
    print(f"{'reference (guest loop)':>22}  {'pyee AsyncIOEventEmitter':>24}  {'ref/pyee':>8}")
    if py is None:
        print(f"{ref / 1e3:>22.1f}  {'(pyee not installed)':>24}")
    else:
        print(f"{ref / 1e3:>22.1f}  {py / 1e3:>24.1f}  {ref / py:>7.1f}x")
    print("ref/pyee inside asyncio: target at least 2x.")
    summary()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
