"""Benchmarks: commands that print figures and ratios against a baseline measured in the same run.

Each benchmark also records its figures with :func:`record`; ``nodespec bench NAME --json FILE``
writes them (with the machine, the load and the commit) so figures can be compared across commits.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

FORMAT = "nodespec-bench/1"
_figures: list[dict[str, Any]] = []


def record(figure: str, value: float, unit: str, *, baseline: str | None = None, baseline_value: float | None = None,
           ratio: float | None = None, higher_is_better: bool = False, target: str | None = None,
           context: dict[str, float] | None = None) -> None:
    """One figure of a benchmark: its value, the baseline it is measured against in the same run
    and the ratio (``value / baseline_value`` unless given), and the target it is judged by."""
    if ratio is None and baseline_value:
        ratio = value / baseline_value
    _figures.append({
        "figure": figure, "value": value, "unit": unit, "baseline": baseline, "baseline_value": baseline_value,
        "ratio": ratio, "higher_is_better": higher_is_better, "target": target, "context": context or {},
    })


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
