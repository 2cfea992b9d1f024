"""Twin of process_bench.mjs on the reference: prints one JSON line of median milliseconds."""
import json
import os
import sys
import time

from nodespec.reference import child_process as cp
from nodespec.reference import cluster, loop, process

here = os.path.abspath(__file__)
mode = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10


def now():
    return time.perf_counter() * 1000


def report(samples):
    s = sorted(samples)
    print(json.dumps({"mode": mode, "n": len(s), "median_ms": s[len(s) // 2]}), flush=True)


def serial(start):
    samples = []

    def next_one(_elapsed=None):
        if _elapsed is not None:
            samples.append(_elapsed)
        if len(samples) >= n:
            report(samples)
            return
        start(next_one)

    next_one()


def spawn_once(done):
    t0 = now()
    cp.spawn("true").on("exit", lambda *a: done(now() - t0))


def fork_once(done):
    t0 = now()
    child = cp.fork(here, ["fork-child"])
    child.on("message", lambda m: child.disconnect())
    child.on("exit", lambda *a: done(now() - t0))
    child.send("ping")


def respawn():
    samples = []
    state = {"t0": 0.0, "done": False}

    def on_exit(*_a):
        if state["done"]:
            return
        state["t0"] = now()
        cluster.fork()

    def on_listening(worker, _address):
        if state["done"]:
            return
        if state["t0"]:
            samples.append(now() - state["t0"])
        if len(samples) >= n:
            state["done"] = True
            report(samples)
            cluster.disconnect()
            return
        loop.set_timeout(lambda: worker.process.kill("SIGKILL"), 20)

    cluster.on("exit", on_exit)
    cluster.on("listening", on_listening)
    cluster.fork()


if cluster.is_worker:
    main = lambda: cluster.create_server(cluster.http_handler(lambda m, p: "ok")).listen(0, "127.0.0.1")  # noqa: E731
elif mode == "spawn":
    main = lambda: serial(spawn_once)  # noqa: E731
elif mode == "fork":
    main = lambda: serial(fork_once)  # noqa: E731
elif mode == "fork-child":
    main = lambda: process.once("message", lambda m: process.send(m))  # noqa: E731
else:
    main = respawn
process.run_main(main)
