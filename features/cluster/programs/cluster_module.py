"""Twin of cluster_module.mjs on nodespec.reference.cluster (Node's cluster API, in Python)."""
import os
import socket
import sys

from program_support import alive, until

from nodespec.reference import child_process as cp
from nodespec.reference import cluster, loop, process
from nodespec.reference.js import console_text

here = os.path.abspath(__file__)
which = sys.argv[1]


def say(*parts):
    print(console_text(*parts), flush=True)


def get(port, path="/"):
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        return data.split(b"\r\n\r\n", 1)[1].decode()
    except (OSError, IndexError):
        return "error ECONNRESET"


def observe_primary_killed():
    primary = cp.fork(here, ["primary-for-kill"])

    def on_message(message):
        pids = message["pids"]
        primary.kill("SIGTERM")

        def on_exit(code, signal):
            gone = until(lambda: all(not alive(pid) for pid in pids))
            say("primary", code, signal, "workers", len(pids), "all workers gone", gone)

        primary.on("exit", on_exit)

    primary.on("message", on_message)


def worker_main():
    if which == "roles":
        process.send({"isWorker": cluster.is_worker, "isPrimary": cluster.is_primary, "id": cluster.worker.id})
    crash = which == "crash" and cluster.worker.id == 1  # once listening, as the JavaScript twin says why

    def listening():
        if crash:
            def throw():
                raise RuntimeError("worker crash")

            loop.set_immediate(throw)

    cluster.create_server(cluster.http_handler(lambda m, p: str(process.pid))).listen(0, "127.0.0.1", listening)


def roles():
    say("primary", "isPrimary", cluster.is_primary, "isWorker", cluster.is_worker)
    w = cluster.fork()

    def on_message(m, *h):
        say("worker", "isPrimary", m["isPrimary"], "isWorker", m["isWorker"], "id", m["id"])
        w.kill()

    w.on("message", on_message)


def default_count():
    cpus = os.cpu_count()
    for _ in range(cpus):
        cluster.fork()
    n = {"listening": 0}

    def on_listening(w, address):
        n["listening"] += 1
        if n["listening"] == cpus:
            say("workers", "one per CPU" if len(cluster.workers) == cpus else "other")
            cluster.disconnect()

    cluster.on("listening", on_listening)


def events():
    seen = []

    # 'disconnect' and 'exit' come in either order, as the JavaScript twin says: read once both came
    def on_event(name):
        seen.append(name)
        if "disconnect" in seen and "exit" in seen:
            say("first three", ",".join(seen[:3]))
            say("all five", ",".join(sorted(seen)))

    for name in ("fork", "online", "listening", "disconnect", "exit"):
        cluster.on(name, lambda *a, name=name: on_event(name))
    w = cluster.fork()
    cluster.on("listening", lambda *a: w.disconnect())


def shared_port():
    ports = []
    cluster.fork()
    cluster.fork()

    def on_listening(w, address):
        ports.append(address["port"])
        if len(ports) == 2:
            say("same port", ports[0] == ports[1] and ports[0] > 0)
            cluster.disconnect()

    cluster.on("listening", on_listening)


def serves():
    workers = [cluster.fork(), cluster.fork()]
    n = {"listening": 0}

    def on_listening(w, address):
        n["listening"] += 1
        if n["listening"] < 2:
            return
        pids = {x.process.pid for x in workers}
        bodies = [get(address["port"]) for _ in range(6)]
        say("answered", len(bodies), "by workers", all(int(b) in pids for b in bodies), "not by primary", str(process.pid) not in bodies)
        cluster.disconnect()

    cluster.on("listening", on_listening)


def crash():
    cluster.fork()
    cluster.fork()

    def on_exit(w, code, signal):
        if w.id != 1:
            return
        say("exit", "id", w.id, "code", code, "signal", signal, "exitedAfterDisconnect", w.exited_after_disconnect)
        if not w.exited_after_disconnect:
            r = cluster.fork()

            def on_listening(address):
                say("replacement", "id", r.id, "workers", len(cluster.workers))
                cluster.disconnect()

            r.on("listening", on_listening)

    cluster.on("exit", on_exit)


def kill():
    w = cluster.fork()
    w.on("listening", lambda address: w.kill())
    cluster.on("exit", lambda worker, code, signal: say("exit", "code", code, "signal", signal, "exitedAfterDisconnect", worker.exited_after_disconnect, "state", worker.state, "still listed", worker.id in cluster.workers))


def disconnect():
    w = cluster.fork()
    w.on("listening", lambda address: w.disconnect())
    cluster.on("exit", lambda worker, code, signal: say("exit", "code", code, "signal", signal, "exitedAfterDisconnect", worker.exited_after_disconnect))


def ids():
    first = [cluster.fork(), cluster.fork()]
    state = {"respawned": False}

    def on_exit(w, code, signal):
        if state["respawned"]:
            return
        state["respawned"] = True
        r = cluster.fork()
        say("ids", ",".join(str(x.id) for x in first), "replacement id", r.id)
        r.on("online", lambda: cluster.disconnect())

    cluster.on("exit", on_exit)
    first[0].on("listening", lambda address: first[0].kill())


def primary_for_kill():
    ws = [cluster.fork(), cluster.fork()]
    n = {"listening": 0}

    def on_listening(w, address):
        n["listening"] += 1
        if n["listening"] == 2:
            process.send({"pids": [x.process.pid for x in ws]})

    cluster.on("listening", on_listening)


cases = {
    "roles": roles, "default-count": default_count, "events": events, "shared-port": shared_port,
    "serves": serves, "crash": crash, "kill": kill, "disconnect": disconnect, "ids": ids,
    "primary-for-kill": primary_for_kill,
}
if which == "observe-primary-killed":
    main = observe_primary_killed
elif cluster.is_worker:
    main = worker_main
else:
    main = cases[which]
process.run_main(main, module="esm")
