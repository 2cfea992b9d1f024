"""Sharding a run and merging the pieces: the split is stable and balanced, and the shards of a run
merged together give the unsharded run's cells."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_plugin import HARNESS, cells, run

from nodespec import shard


def test_parse_accepts_k_of_n_and_refuses_the_rest():
    assert shard.parse("2/4") == (2, 4)
    for bad in ("0/2", "3/2", "2", "a/b", "1/0", ""):
        with pytest.raises(shard.ShardError):
            shard.parse(bad)


def test_every_scenario_lands_in_exactly_one_shard_and_the_split_is_stable():
    ids = [f"f.feature::s{i}" for i in range(50)]
    split = shard.assign(ids, 4)
    assert set(split) == set(ids) and set(split.values()) == {1, 2, 3, 4}
    assert shard.assign(list(reversed(ids)), 4) == split  # the order ids arrive in does not matter


def test_shards_are_balanced_by_recorded_durations():
    weights = {"a": 10.0, "b": 6.0, "c": 5.0, "d": 1.0}
    split = shard.assign(weights, 2, weights)
    load = {k: sum(w for i, w in weights.items() if split[i] == k) for k in (1, 2)}
    assert sorted(load.values()) == [11.0, 11.0]  # {a, d} and {b, c}: longest first, each to the lighter shard
    previous = {"scenarios": [{"id": "a", "results": {"x": {"duration_s": 2}, "y": {"duration_s": 3}}}]}
    assert shard.durations(previous) == {"a": 5.0}


def test_merging_refuses_a_cell_run_twice():
    piece = {"format": "nodespec-results/1", "provenance": {}, "implementations": [{"name": "x"}], "features": [],
             "scenarios": [{"id": "s", "results": {"x": {"status": "pass"}}}], "claims": []}
    with pytest.raises(shard.ShardError, match="both ran"):
        shard.merge([piece, piece])


def test_two_shards_merged_equal_the_unsharded_run(tmp_path):
    whole_proc, whole = run(tmp_path / "whole", "--features", str(HARNESS), "--impl", "reference,node")
    pieces = []
    for k in (1, 2):
        proc, piece = run(tmp_path / f"shard{k}", "--features", str(HARNESS), "--impl", "reference,node", "--shard", f"{k}/2")
        assert piece, proc.stdout[-2000:]
        pieces.append(piece)
    assert all(len(p["scenarios"]) == 1 for p in pieces)  # two scenarios, one in each shard
    paths = []
    for k, piece in enumerate(pieces, 1):
        paths.append(tmp_path / f"piece{k}.json")
        paths[-1].write_text(json.dumps(piece))
    merged_path = tmp_path / "merged.json"
    proc = subprocess.run([sys.executable, "-m", "nodespec.cli", "merge", *map(str, paths), "--json", str(merged_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == whole_proc.returncode == 1, proc.stderr  # the harness features hold one failing scenario
    merged = json.loads(merged_path.read_text())

    def statuses(results):
        return {key: value["status"] for key, value in cells(results).items()}

    assert statuses(merged) == statuses(whole)
    assert merged["summary"] == whole["summary"]
    assert [s["id"] for s in merged["scenarios"]] == [s["id"] for s in whole["scenarios"]]


def test_merge_of_a_file_that_is_not_results_is_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    proc = subprocess.run([sys.executable, "-m", "nodespec.cli", "merge", str(bad), "--json", str(tmp_path / "o.json")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 5 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # the results-file status
