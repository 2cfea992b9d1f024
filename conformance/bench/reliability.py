"""Reliability of a self-healing worker pool under a bounded load on loopback, reference and Node side by side.

For each implementation (the reference's ``cluster.Supervisor`` in ``cluster_reliability.py``, Node's
``node:cluster`` in ``cluster_reliability.mjs``, both with 2 workers sharing one port):

1. **announced deaths**: ``--requests`` requests from ``--clients`` concurrent clients while, every
   ``--every`` ms once the pool is whole, a worker is asked for /retire (it answers, announces its death, stops accepting and
   exits; the master forks the replacement on the announcement). Expected: no failed request.
2. **SIGKILL**: the same load while a worker is killed with SIGKILL ``--every`` ms after the pool is whole. Reported: failed
   requests, the requests in flight at the moments of the kills (the bound: at most those in flight on
   the killed worker can fail), and the time from each death to the pool being whole again (a
   replacement listening).
3. **leftovers**: the master is stopped with SIGTERM (reference: its signal handler stops and waits for
   the workers; Node: the primary dies and its workers exit on disconnect), then every process carrying
   this run's marker in its environment is counted; anything found is killed (and reported).

    nodespec bench reliability [--requests N] [--clients C] [--kills K] [--every MS]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from nodespec.bench import record
from nodespec.implementation import kill_group, processes_with_env, spawn

BENCH_PROGRAMS = Path(__file__).resolve().parent / "programs"  # the programs only benchmarks run


def marked_processes(marker: str) -> set[int]:
    return processes_with_env(f"NODESPEC_RELIABILITY={marker}".encode())


class Master:
    """The pool's master process, its JSON-lines events read by a thread."""

    def __init__(self, argv: list[str], marker: str) -> None:
        env = {**os.environ, "NODESPEC_RELIABILITY": marker}
        self.proc = spawn(argv, cwd=BENCH_PROGRAMS, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.events: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            event["seen"] = time.monotonic()
            with self.lock:
                self.events.append(event)

    def wait_for(self, pred: Any, timeout: float = 15) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for event in self.events:
                    if pred(event):
                        return event
            time.sleep(0.01)
        raise TimeoutError("the pool did not report in time")

    def live(self) -> list[int]:
        pool: list[int] = []
        with self.lock:
            for e in self.events:
                if e["ev"] == "up" and e["pid"] not in pool:
                    pool.append(e["pid"])
                elif e["ev"] in ("exit", "announce") and e["pid"] in pool:
                    pool.remove(e["pid"])  # an announced worker is leaving: not part of the pool
        return pool


def request(port: int, path: str = "/", timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def load(port: int, total: int, clients: int, chaos: Any) -> dict[str, Any]:
    """``total`` requests from ``clients`` threads; ``chaos(in_flight)`` runs in its own thread."""
    counter = {"next": 0, "failed": 0, "ok": 0, "in_flight": 0}
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                if counter["next"] >= total:
                    return
                counter["next"] += 1
                counter["in_flight"] += 1
            ok = request(port)
            with lock:
                counter["in_flight"] -= 1
                counter["ok" if ok else "failed"] += 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    stop = threading.Event()
    chaos_thread = threading.Thread(target=chaos, args=(lambda: counter["in_flight"], stop), daemon=True)
    t0 = time.monotonic()
    for t in threads:
        t.start()
    chaos_thread.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.monotonic() - t0
    stop.set()
    chaos_thread.join(timeout=10)
    return {"ok": counter["ok"], "failed": counter["failed"], "seconds": elapsed}


def run_impl(name: str, argv: list[str], args: argparse.Namespace) -> dict[str, Any]:
    marker = uuid.uuid4().hex
    master = Master(argv + ["2"], marker)
    out: dict[str, Any] = {"impl": name}
    try:
        ready = master.wait_for(lambda e: e["ev"] == "ready")
        port = ready["port"]

        # 1. announced deaths
        def whole(stop: threading.Event) -> bool:
            """One death at a time: wait until the pool is whole again (2 workers listening)."""
            deadline = time.monotonic() + 10
            while len(master.live()) < 2 and time.monotonic() < deadline:
                if stop.wait(0.005):
                    return False
            return not stop.wait(args.every / 1000)

        def retire(in_flight: Any, stop: threading.Event) -> None:
            for _ in range(args.kills):
                if not whole(stop):
                    return
                before = len([e for e in master.events if e["ev"] == "announce"])
                request(port, "/retire")
                deadline = time.monotonic() + 5
                while (
                    len([e for e in master.events if e["ev"] == "announce"]) == before
                    and time.monotonic() < deadline
                ):
                    time.sleep(0.005)

        n_events = len(master.events)
        res = load(port, args.requests, args.clients, retire)
        time.sleep(0.5)
        announces = [e for e in master.events[n_events:] if e["ev"] == "announce"]
        out["announced"] = {**res, "retired": len(announces)}

        # 2. SIGKILL
        kills: list[tuple[int, int]] = []

        def sigkill(in_flight: Any, stop: threading.Event) -> None:
            for _ in range(args.kills):
                if not whole(stop):
                    return
                pool = master.live()
                if not pool:
                    continue
                victim = pool[0]
                kills.append((victim, in_flight()))
                try:
                    os.kill(victim, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                try:  # the pool is not whole until the master has seen this death
                    master.wait_for(lambda e, v=victim: e["ev"] == "exit" and e["pid"] == v, timeout=5)
                except TimeoutError:
                    pass

        res = load(port, args.requests, args.clients, sigkill)
        recovery = []
        for victim, _ in kills:
            try:
                death = master.wait_for(lambda e, v=victim: e["ev"] == "exit" and e["pid"] == v, timeout=5)
                nxt = master.wait_for(lambda e, d=death: e["ev"] == "up" and e["t"] > d["t"], timeout=10)
                recovery.append(nxt["t"] - death["t"])
            except TimeoutError:
                recovery.append(float("nan"))
        out["sigkill"] = {
            **res,
            "kills": len(kills),
            "in_flight_at_kills": sum(k[1] for k in kills),
            "recovery_ms": recovery,
        }
    finally:
        # 3. stop the master the way an operator would, then count what is left
        try:
            master.proc.send_signal(signal.SIGTERM)
            master.proc.wait(timeout=10)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
        deadline = time.monotonic() + 3
        left = marked_processes(marker)
        while left and time.monotonic() < deadline:
            time.sleep(0.05)
            left = marked_processes(marker)
        out["left_after_sigterm"] = len(left)
        for pid in left:  # never leave anything behind, even when the implementation does
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        kill_group(master.proc)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nodespec bench reliability", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--every", type=int, default=50, help="ms from a whole pool to the next death")
    args = parser.parse_args(argv)
    impls = [
        ("reference", [sys.executable, str(BENCH_PROGRAMS / "cluster_reliability.py")]),
        ("node", ["node", str(BENCH_PROGRAMS / "cluster_reliability.mjs")]),
    ]
    results = []
    try:
        for name, cmd in impls:
            results.append(run_impl(name, cmd, args))
    except KeyboardInterrupt:  # Ctrl-C: run_impl's finally has already stopped and counted
        print("interrupted", file=sys.stderr)
    print(
        f"nodespec bench reliability — {args.requests} requests, {args.clients} clients, 2 workers, "
        f"one death at a time, {args.every} ms after the pool is whole ({args.kills} per phase), loopback"
    )
    print()
    header = f"{'':42}" + "".join(f"{r['impl']:>14}" for r in results)
    print(header)

    def row(label: str, fn: Any) -> None:
        print(f"{label:42}" + "".join(f"{fn(r):>14}" for r in results))

    row("announced: workers retired", lambda r: r["announced"]["retired"])
    row("announced: requests ok / failed", lambda r: f"{r['announced']['ok']}/{r['announced']['failed']}")
    row(
        "announced: requests per second",
        lambda r: f"{(r['announced']['ok'] + r['announced']['failed']) / r['announced']['seconds']:.0f}",
    )
    row("SIGKILL: workers killed", lambda r: r["sigkill"]["kills"])
    row("SIGKILL: requests ok / failed", lambda r: f"{r['sigkill']['ok']}/{r['sigkill']['failed']}")
    row("SIGKILL: in flight at the kills (bound)", lambda r: r["sigkill"]["in_flight_at_kills"])
    row(
        "SIGKILL: pool whole again, median ms",
        lambda r: (
            f"{statistics.median(r['sigkill']['recovery_ms']):.0f}" if r["sigkill"]["recovery_ms"] else "-"
        ),
    )
    row(
        "SIGKILL: pool whole again, max ms",
        lambda r: f"{max(r['sigkill']['recovery_ms']):.0f}" if r["sigkill"]["recovery_ms"] else "-",
    )
    row("processes left after SIGTERM", lambda r: r["left_after_sigterm"])
    if len(results) == 2:
        a, b = results
        ra = statistics.median(a["sigkill"]["recovery_ms"] or [float("nan")])
        rb = statistics.median(b["sigkill"]["recovery_ms"] or [float("nan")])
        print(f"\nrecovery time, reference / node: {ra / rb:.2f}x")
        record("SIGKILL: pool whole again (median)", ra / 1000, "s", baseline=b["impl"], baseline_value=rb / 1000)
    for r in results:
        record(f"{r['impl']}: requests failed while workers died", r["sigkill"]["failed"] + r["announced"]["failed"], "requests")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
