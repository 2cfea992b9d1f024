"""Splitting a run over machines and joining the pieces: ``nodespec run --shard K/N`` and
``nodespec merge``.

A shard is a set of scenarios (every implementation of a scenario runs in the same shard, so one
cell never depends on which shard ran its neighbours). The split is a pure function of the scenario
ids and, when given, the durations recorded in an earlier results file: longest scenarios first,
each to the shard with the least work so far (ties to the lowest shard, ids in sorted order), so
every machine of a CI matrix computes the same split without talking to the others.
"""

from __future__ import annotations

import heapq
import re
import statistics
from collections.abc import Iterable
from typing import Any

from nodespec import results as results_mod


class ShardError(ValueError):
    """A --shard value or a set of results files that cannot be used."""


def parse(spec: str) -> tuple[int, int]:
    """``'2/4'`` → ``(2, 4)``: shard K (1-based) of N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", spec or "")
    if not match:
        raise ShardError(f"--shard takes K/N (e.g. 1/4), not {spec!r}")
    k, n = int(match[1]), int(match[2])
    if n < 1 or not 1 <= k <= n:
        raise ShardError(f"--shard {spec}: K must be between 1 and N")
    return k, n


def durations(previous: dict[str, Any] | None) -> dict[str, float]:
    """Scenario id → seconds summed over implementations, from an earlier results file."""
    out: dict[str, float] = {}
    for scenario in (previous or {}).get("scenarios", []):
        total = sum(float(r.get("duration_s") or 0.0) for r in scenario.get("results", {}).values())
        out[scenario["id"]] = total
    return out


def assign(ids: Iterable[str], n: int, weights: dict[str, float] | None = None) -> dict[str, int]:
    """Scenario id → shard (1-based). Scenarios with no recorded duration weigh the median."""
    ids = sorted(set(ids))
    weights = weights or {}
    known = [weights[i] for i in ids if i in weights and weights[i] > 0]
    default = statistics.median(known) if known else 1.0
    order = sorted(ids, key=lambda i: (-(weights.get(i) or default), i))
    heap = [(0.0, k) for k in range(1, n + 1)]
    shard: dict[str, int] = {}
    for scenario_id in order:
        load, k = heapq.heappop(heap)
        shard[scenario_id] = k
        heapq.heappush(heap, (load + (weights.get(scenario_id) or default), k))
    return shard


def merge(pieces: list[dict[str, Any]]) -> dict[str, Any]:
    """One results file from the results files of the shards of one run (or of runs over different
    implementations): cells are joined; a cell that two pieces both ran is an error."""
    if not pieces:
        raise ShardError("nothing to merge")
    for piece in pieces:
        if not isinstance(piece, dict) or piece.get("format") != results_mod.FORMAT:
            raise ShardError(f"not a {results_mod.FORMAT} file")
    implementations: dict[str, dict[str, Any]] = {}
    features: dict[str, dict[str, Any]] = {}
    scenarios: dict[str, dict[str, Any]] = {}
    claims: dict[str, dict[str, Any]] = {}
    for piece in pieces:
        for impl in piece.get("implementations", []):
            implementations.setdefault(impl["name"], impl)
        for feature in piece.get("features", []):
            features.setdefault(feature["path"], feature)
        for scenario in piece.get("scenarios", []):
            entry = scenarios.setdefault(scenario["id"], {**scenario, "results": {}})
            for impl, result in scenario["results"].items():
                if impl in entry["results"]:
                    raise ShardError(f"two results files both ran {scenario['id']} on {impl}")
                entry["results"][impl] = result
        for claim in piece.get("claims", []):
            known = claims.setdefault(claim["id"], {**claim, "scenarios": []})
            known["scenarios"] = sorted(set(known["scenarios"]) | set(claim.get("scenarios", [])))
    first = pieces[0].get("provenance", {})
    provenance = {
        **first,
        "started": min(p.get("provenance", {}).get("started", "") for p in pieces),
        "duration_s": round(max(float(p.get("provenance", {}).get("duration_s") or 0) for p in pieces), 3),
        "command": "nodespec merge (" + "; ".join(p.get("provenance", {}).get("command", "?") for p in pieces) + ")",
        "shards": len(pieces),
    }
    # Keep the order a single run would have: features as listed, scenarios in feature order.
    order = {sid: i for i, sid in enumerate(sid for f in features.values() for sid in f.get("scenarios", []))}
    ran = sorted(scenarios.values(), key=lambda s: (order.get(s["id"], len(order)), s["id"]))
    merged = {
        "format": results_mod.FORMAT,
        "provenance": provenance,
        "implementations": list(implementations.values()),
        "features": list(features.values()),
        "scenarios": ran,
        "summary": results_mod.summary(ran, list(implementations)),
        "claims": list(claims.values()),
    }
    incomplete = [p["incomplete"] for p in pieces if p.get("incomplete")]
    if incomplete:  # one interrupted shard makes the whole incomplete
        merged["incomplete"] = {"reason": incomplete[0].get("reason", "interrupted"),
                                "cells": sum(len(s["results"]) for s in ran)}
    return merged
