"""Twin of cluster_reliability.mjs on nodespec.reference.cluster.Supervisor (a self-healing pool).
The Supervisor replaces a worker that announces its death (before it exits) and one that dies
without announcing; it stops everything on SIGINT / SIGQUIT / SIGTERM."""
import os
import sys
import time

from nodespec.reference import cluster, loop, process
from nodespec.reference.child_process import json_stringify

here = os.path.abspath(__file__)
T0 = time.monotonic()


def emit(**message):
    message["t"] = (time.monotonic() - T0) * 1000
    print(json_stringify(message), flush=True)  # a worker's exit code or signal may be null (NULL)


def worker_main():
    state = {}

    def answer(method, path):
        if path == "/retire":
            def retire():
                process.send({"act": "suicide"})
                state["server"].close()
                loop.set_timeout(lambda: process.exit(0), 100)  # let in-flight responses finish

            process.next_tick(retire)
        return str(process.pid)

    def on_server(server):
        state["server"] = server
        process.send({"act": "ready"})

    cluster.serve(cluster.http_handler(answer), on_server)


def master_main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    sup = cluster.Supervisor(here, workers=count, args=["worker"])
    up = set()

    def on_fork(child):
        def on_message(message, *_h):
            if isinstance(message, dict) and message.get("act") == "ready":
                up.add(child.pid)
                emit(ev="up", pid=child.pid)
                if len(up) == count and not state["ready"]:
                    state["ready"] = True
                    emit(ev="ready", port=sup.address()["port"])
            elif isinstance(message, dict) and message.get("act") == "suicide":
                emit(ev="announce", pid=child.pid)

        child.on("message", on_message)

    def on_exit(child, code, signal):
        up.discard(child.pid)
        emit(ev="exit", pid=child.pid, code=code, signal=signal)

    state = {"ready": False}
    sup.on("fork", on_fork)
    sup.on("exit", on_exit)
    sup.install_signal_handlers()
    sup.start()


process.run_main(worker_main if sys.argv[1:2] == ["worker"] else master_main)
