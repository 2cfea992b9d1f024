"""Benchmarks: commands that print figures and ratios against a baseline measured in the same run.

Each benchmark also records its figures with :func:`record` (a figure, its baseline, their ratio, the
target it is judged by and the floor: the least any implementation of it could cost, measured in the
same run) and ends with :func:`summary`, a table of them; ``nodespec bench NAME --json FILE`` writes
them (with the machine, the load and the commit) so figures can be compared across commits.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = "nodespec-bench/1"
_figures: list[dict[str, Any]] = []

# The clock of the in-process benchmarks: this process's CPU time. On a busy two-core machine wall time
# counts the time other processes held the core; CPU time counts only the work measured, so the ratios
# of two contenders measured in alternation hold whatever the load.
clock = time.process_time


def interleaved(contenders: dict[str, Callable[[], object]], repeat: int = 5, min_round: float = 0.05) -> dict[str, float]:
    """Seconds of CPU per call of each contender: the best of ``repeat`` rounds, the contenders taking
    turns in every round (a change of load on the machine touches them alike), each round calling a
    contender as many times as fills ``min_round`` seconds (counted once, on the first)."""
    numbers = {name: _calls_filling(fn, min_round) for name, fn in contenders.items()}
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(repeat):
        for name, fn in contenders.items():
            n = numbers[name]
            t0 = clock()
            for _ in range(n):
                fn()
            best[name] = min(best[name], (clock() - t0) / n)
    return best


def _calls_filling(fn: Callable[[], object], seconds: float) -> int:
    n = 1
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        if clock() - t0 >= seconds:
            return n
        n *= 2


def met(ratio: float | None, target: str | None) -> bool | None:
    """Whether ``ratio`` meets ``target`` (``'<= 1.5x'``, ``'>= 0.45x'``); None without either."""
    op, _, bound = (target or "").partition(" ")
    try:
        limit = float(bound.removesuffix("x"))
    except ValueError:
        return None
    if ratio is None or op not in ("<=", ">="):
        return None
    return ratio <= limit if op == "<=" else ratio >= limit


def record(figure: str, value: float, unit: str, *, baseline: str | None = None, baseline_value: float | None = None,
           ratio: float | None = None, higher_is_better: bool = False, target: str | None = None,
           floor: float | None = None, context: dict[str, float] | None = None) -> None:
    """One figure of a benchmark: its value, the baseline it is measured against in the same run
    and the ratio (``value / baseline_value`` unless given), the target it is judged by, and the
    floor (in the value's unit): what the least implementation of the same job measured in the same
    run, so ``floor_ratio`` (``floor / baseline_value``) is as far as the ratio can go."""
    if ratio is None and baseline_value:
        ratio = value / baseline_value
    _figures.append({
        "figure": figure, "value": value, "unit": unit, "baseline": baseline, "baseline_value": baseline_value,
        "ratio": ratio, "higher_is_better": higher_is_better, "target": target, "met": met(ratio, target),
        "floor": floor, "floor_ratio": floor / baseline_value if floor and baseline_value else None,
        "context": context or {},
    })


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit.endswith("/s"):  # a rate
        for scale, prefix in ((1e6, "M"), (1e3, "k")):
            if value >= scale:
                return f"{value / scale:.2f} {prefix} {unit}"
        return f"{value:.1f} {unit}"
    suffix = unit.removeprefix("s")  # seconds, or seconds per call ("s/call")
    for scale, name in ((1, "s"), (1e-3, "ms"), (1e-6, "µs")):
        if value >= scale:
            return f"{value / scale:.2f} {name}{suffix}"
    return f"{value * 1e9:.0f} ns{suffix}"


def summary() -> None:
    """Print every figure recorded so far that has a target or a floor: its value, its baseline's,
    the ratio, the target, the floor's ratio and whether the target is met."""
    rows = [f for f in _figures if f["target"] or f["floor"]]
    if not rows:
        return
    width = max(len(f["figure"]) for f in rows)
    print()
    print(f"{'figure':<{width}}  {'value':>15}  {'baseline':>15}  {'ratio':>7}  {'target':>8}  {'floor':>7}  met")
    for f in rows:
        ratio = f"{f['ratio']:.2f}x" if f["ratio"] is not None else "-"
        floor = f"{f['floor_ratio']:.2f}x" if f["floor_ratio"] is not None else "-"
        verdict = {True: "yes", False: "no", None: "-"}[f["met"]]
        print(f"{f['figure']:<{width}}  {_shown(f['value'], f['unit']):>15}  {_shown(f['baseline_value'], f['unit']):>15}"
              f"  {ratio:>7}  {f['target'] or '-':>8}  {floor:>7}  {verdict}")
    print("ratio and floor: value ÷ baseline and floor ÷ baseline (the floor: the least any implementation of the")
    print("same job does, measured in the same run: how far the ratio can go)")


def figures() -> list[dict[str, Any]]:
    return list(_figures)


def write(path: Path, name: str, argv: list[str]) -> None:
    from nodespec import results

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "format": FORMAT,
        "benchmark": name,
        "arguments": argv,
        "provenance": {"commit": results.commit(), "python": sys.version.split()[0], "os": platform.platform(),
                       "cpus": os.cpu_count(), "load_average": os.getloadavg()[0]},
        "figures": _figures,
    }, indent=1, ensure_ascii=False))
