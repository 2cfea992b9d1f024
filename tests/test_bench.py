"""``nodespec bench … --json`` writes every figure with its baseline and ratio."""

from __future__ import annotations

import json
import subprocess
import sys


def test_bench_json_has_every_figure_with_its_baseline_and_ratio(tmp_path):
    out = tmp_path / "events.json"
    proc = subprocess.run([sys.executable, "-m", "nodespec.cli", "bench", "events", "--emits", "2000", "--repeat", "1",
                           "--no-node", "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["format"] == "nodespec-bench/1" and data["benchmark"] == "events"
    names = [f["figure"] for f in data["figures"]]
    assert "emit, 1 listener(s)" in names and "emit, 10 listener(s)" in names
    for figure in data["figures"]:
        assert figure["value"] > 0 and figure["baseline_value"] > 0
        assert abs(figure["ratio"] - figure["value"] / figure["baseline_value"]) < 1e-9


def test_an_unknown_benchmark_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "nodespec.cli", "bench", "nope"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_a_cipher_figure_comes_with_its_floor_printed_and_written_and_a_hash_figure_without(tmp_path):
    out = tmp_path / "crypto.json"
    proc = subprocess.run([sys.executable, "-m", "nodespec.cli", "bench", "crypto", "--messages", "20", "--repeat", "1",
                           "--no-node", "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    targeted = [f for f in json.loads(out.read_text())["figures"] if f["target"]]
    assert {f["figure"] for f in targeted} == {"des-ecb 64 B messages", "aes-128-cbc 64 B messages",
                                               "md5 64 B messages vs hashlib", "sha256 64 B messages vs hashlib"}
    for figure in targeted:
        assert figure["met"] is (figure["ratio"] <= 1.5 if "hashlib" in figure["figure"] else figure["ratio"] <= 1.3)
        # the summary's line: figure, value, baseline, ratio, target, floor, met
        line = next(x for x in proc.stdout.splitlines() if x.startswith(figure["figure"] + "  ") and figure["target"] in x)
        assert f"{figure['ratio']:.2f}x" in line
        if "hashlib" in figure["figure"]:  # the reference calls OpenSSL with fewer calls than hashlib: no floor
            assert figure["floor"] is None and line.split()[-2] == "-"
        else:
            assert figure["floor"] > 0 and abs(figure["floor_ratio"] - figure["floor"] / figure["baseline_value"]) < 1e-9
            assert f"{figure['floor_ratio']:.2f}x" in line
