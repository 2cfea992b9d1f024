"""The results of a run: one cell per scenario × implementation, the JSON results file
(docs/results.md, format ``nodespec-results/1``) and the terminal matrix. The site is built from the
same file, so the matrix and the site cannot disagree."""

from __future__ import annotations

import datetime
import platform
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nodespec import PROJECT_ROOT, __version__, features

FORMAT = "nodespec-results/1"
STATUSES = ("pass", "fail", "expected-fail", "unexpected-pass", "not-applicable", "unavailable", "timeout", "crash")
FAILURES = ("fail", "unexpected-pass", "timeout", "crash")


def commit() -> str | None:
    """The checkout's commit; None when nodespec was installed from a wheel (no checkout to ask)."""
    if not (PROJECT_ROOT / ".git").exists():
        return None
    try:
        out = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def load(path: str | Path) -> dict[str, Any]:
    """A results file, checked: anything else (missing, truncated, not JSON, not nodespec's) is a
    ``NodespecError`` with one line that says what is wrong with it."""
    import json

    from nodespec.status import BAD_RESULTS, NodespecError

    path = Path(path)
    if not path.is_file():
        raise NodespecError(f"{path}: no such results file (nodespec run --json FILE writes one)", BAD_RESULTS)
    text = path.read_text(errors="replace")
    if not text.strip():
        raise NodespecError(f"{path}: the results file is empty", BAD_RESULTS)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        cut = text.lstrip()[:1] in "{[" and (error.pos >= len(text.rstrip()) - 1 or error.msg.startswith("Unterminated"))
        what = "truncated (it ends in the middle of the JSON)" if cut else f"not JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        raise NodespecError(f"{path}: not a nodespec results file: {what}", BAD_RESULTS) from None
    if not isinstance(data, dict):
        raise NodespecError(f"{path}: not a nodespec results file: the JSON is {type(data).__name__ if not isinstance(data, list) else 'a list'}, not an object with \"format\": \"{FORMAT}\"", BAD_RESULTS)
    if data.get("format") != FORMAT:
        found = f"format {data['format']!r}" if "format" in data else "no \"format\" key"
        raise NodespecError(f"{path}: not a {FORMAT} file ({found})", BAD_RESULTS)
    for key, kind in (("implementations", list), ("scenarios", list), ("summary", dict)):
        if not isinstance(data.get(key), kind):
            raise NodespecError(f"{path}: a damaged results file: {key!r} is missing or not a {kind.__name__}", BAD_RESULTS)
    for scenario in data["scenarios"]:
        if not isinstance(scenario, dict) or not isinstance(scenario.get("id"), str) or not isinstance(scenario.get("results"), dict):
            raise NodespecError(f"{path}: a damaged results file: a scenario without id or results", BAD_RESULTS)
        for impl, result in scenario["results"].items():
            if not isinstance(result, dict) or result.get("status") not in STATUSES:
                raise NodespecError(f"{path}: a damaged results file: {scenario['id']} × {impl} has no valid status", BAD_RESULTS)
    return data


def build(cells: list[dict[str, Any]], feature_infos: list[features.FeatureInfo], implementations: list[dict[str, Any]],
          started: datetime.datetime, duration_s: float, command: str, claims: list[dict[str, Any]],
          rerun: Callable[[str, str], str]) -> dict[str, Any]:
    """The results file of a run: ``cells`` are (implementation, scenario id, status, duration, failure,
    expectation, reason) of scenarios among ``feature_infos``; ``rerun(impl, scenario id)`` is a cell's
    command to run it again."""
    scenarios: dict[str, dict[str, Any]] = {}
    for feature in feature_infos:
        for info in feature.scenarios:
            scenarios[info.id] = {**info.as_json(), "results": {}}
    for cell in cells:
        impl, scenario_id = cell["impl"], cell["scenario"]
        scenarios[scenario_id]["results"][impl] = {**{k: cell[k] for k in ("status", "duration_s", "failure", "expectation", "reason")},
                                                   "rerun": rerun(impl, scenario_id)}
    order = {impl["name"]: i for i, impl in enumerate(implementations)}
    for entry in scenarios.values():  # in the run's order of implementations, however the cells arrived
        entry["results"] = dict(sorted(entry["results"].items(), key=lambda item: order.get(item[0], len(order))))
    ran = [s for s in scenarios.values() if s["results"]]
    coverage = features.claim_coverage(feature_infos) if feature_infos else {}
    return {
        "format": FORMAT,
        "provenance": {
            "nodespec": {"version": __version__, "commit": commit()},
            "python": platform.python_version(),
            "os": platform.platform(),
            "started": started.isoformat(timespec="seconds"),
            "duration_s": round(duration_s, 3),
            "command": command,
        },
        "implementations": implementations,
        "features": [f.as_json() for f in feature_infos],
        "scenarios": ran,
        "summary": summary(ran, [i["name"] for i in implementations]),
        "claims": [{**c, "scenarios": coverage.get(c["id"], [])} for c in claims],
    }


def summary(scenarios: list[dict[str, Any]], impls: list[str]) -> dict[str, dict[str, int]]:
    counts = {impl: dict.fromkeys(STATUSES, 0) for impl in impls}
    for scenario in scenarios:
        for impl, result in scenario["results"].items():
            counts.setdefault(impl, dict.fromkeys(STATUSES, 0))[result["status"]] += 1
    return counts


def matrix(results: dict[str, Any]) -> str:
    """Modules × implementations: passed, failed and expected failures in each cell."""
    impls = [i["name"] for i in results["implementations"]]
    table: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for scenario in results["scenarios"]:
        for impl, result in scenario["results"].items():
            table[scenario.get("module") or "?"][impl][result["status"]] += 1

    def cell(counts: Counter[str]) -> str:
        if not counts:
            return "-"
        if counts["unavailable"] and sum(counts.values()) == counts["unavailable"]:
            return "unavailable"
        if counts["not-applicable"] == sum(counts.values()):
            return "n/a"
        text = f"{counts['pass']}✓"
        bad = sum(counts[s] for s in FAILURES)
        if bad:
            text += f" {bad}✗"
        if counts["expected-fail"]:
            text += f" {counts['expected-fail']}xf"
        return text

    header = ["module", *impls]
    rows = [[module, *(cell(table[module][impl]) for impl in impls)] for module in sorted(table)]
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for module in table:
        for impl in impls:
            totals[impl].update(table[module][impl])
    rows.append(["all", *(cell(totals[impl]) for impl in impls)])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    legend = "✓ passed  ✗ failed (fail, unexpected pass, timeout, crash)  xf expected failure  n/a not applicable"
    unavailable = [f"{i['name']}: {i['why']} — install: {i['install']}" for i in results["implementations"] if not i["available"]]
    return "\n".join([*lines, legend, *(f"unavailable: {u}" for u in unavailable)])


def failure_lines(failure: dict[str, Any]) -> list[str]:
    """A failure as a person reads it: the step, then expected and actual in the features' notation."""
    lines = []
    if failure.get("problem") and failure.get("problem") != failure.get("status"):
        lines.append(f"  {failure['problem']}")
    if failure.get("step"):
        lines.append(f"  step:     {failure['step']}")
    if "expected" in failure:
        what = failure.get("message") or ""
        step_text = failure.get("step_text") or ""
        if what and what not in step_text and what != "value":
            lines.append(f"  checking: {what}")
        lines += [f"  expected: {failure['expected']}", f"  actual:   {failure['actual']}"]
    elif failure.get("message") and failure.get("message") != failure.get("problem"):
        lines.append(f"  {failure['message']}")
    return lines


def failures(results: dict[str, Any], limit: int = 40) -> list[str]:
    """Each cell that does not match its expectation, once: scenario, step, expected vs actual, rerun."""
    out = []
    for scenario in results["scenarios"]:
        for impl, result in scenario["results"].items():
            if result["status"] in FAILURES:
                f = result.get("failure") or {}
                where = f" ({scenario['feature']}:{scenario['line']})" if scenario.get("line") else ""
                lines = [f"[{impl}] {result['status']}: {scenario['id']}{where}", *failure_lines(f)]
                out.append("\n".join(line[:800] for line in lines) + f"\n  rerun:    {result['rerun']}")
    return out[:limit] + ([f"... and {len(out) - limit} more (all of them are in the results file)"] if len(out) > limit else [])

