"""Twin of cluster_pattern.mjs: the source document's master/worker pattern written with
nodespec.reference (child_process.fork + send('server', server); a Server with no 'connection'
listener in the master, as in the document). The observer's HTTP client is plain blocking sockets
(test code)."""
import os
import socket
import sys
import time

from program_support import alive, until

from nodespec.reference import child_process as cp
from nodespec.reference import cluster, loop, process
from nodespec.reference.js import console_text

here = os.path.abspath(__file__)
role = sys.argv[1]
arg = sys.argv[2] if len(sys.argv) > 2 else None


def say(*parts):
    print(console_text(*parts), flush=True)


def get1(port, path, timeout):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        s.close()
        if not data:
            return "error ECONNRESET"
        return data.split(b"\r\n\r\n", 1)[1].decode()
    except TimeoutError:
        return "error timeout"
    except OSError as e:
        return f"error {e.__class__.__name__}"


# The master keeps the shared socket listening without a 'connection' listener, so it accepts some
# connections itself and never answers them: a request that fails is tried again, each attempt short
# (a hung one costs little) and longer than the last (a slow worker on a loaded machine still gets
# its time), all within one long deadline. The .mjs twin tries the same way.
ATTEMPT_S, ATTEMPT_GROWTH, ATTEMPT_MAX_S, DEADLINE_S = 0.1, 1.25, 1.0, 15.0


def get(port, path="/"):
    end = time.monotonic() + DEADLINE_S
    attempt = ATTEMPT_S
    body = "error none"
    while time.monotonic() < end:
        body = get1(port, path, min(attempt, max(0.05, end - time.monotonic())))
        if not body.startswith("error"):
            return body
        attempt = min(attempt * ATTEMPT_GROWTH, ATTEMPT_MAX_S)
    return body


def master_main():
    count = int(arg) if arg else os.cpu_count()
    server = cluster.Server()
    workers = {}

    def report(m):
        if process.connected:
            process.send(m)

    def create_worker():
        worker = cp.fork(here, ["worker"])

        def on_message(message, *handle):
            if isinstance(message, dict) and message.get("act") == "serving":  # not in the document
                report({"ev": "serving", "pid": worker.pid})
            if isinstance(message, dict) and message.get("act") == "suicide":
                report({"ev": "suicide", "pid": worker.pid})
                create_worker()

        def on_exit(code, signal):
            report({"ev": "exit", "pid": worker.pid, "code": code, "signal": signal})
            workers.pop(worker.pid, None)

        worker.on("message", on_message)
        worker.on("exit", on_exit)
        worker.send("server", server)
        workers[worker.pid] = worker
        report({"ev": "worker", "pid": worker.pid})

    def on_listening():
        for _ in range(count):
            create_worker()
        report({"ev": "ready", "port": server.address()["port"], "workers": list(workers)})

    server.listen(0, "127.0.0.1", on_listening)

    def close(code, *_):
        if code != 0:
            for w in list(workers.values()):
                w.kill("SIGINT")
        process.exit(0)

    # Not in the document: the observer's barrier. A 'pong' comes after every report the master made
    # before it read the 'ping', so the observer knows what the master did without sleeping.
    process.on("message", lambda m, *h: report({"ev": "pong"}) if m == "ping" else None)
    process.once("SIGINT", lambda *a: close("SIGINT"))
    process.once("SIGQUIT", lambda *a: close("SIGQUIT"))
    process.once("SIGTERM", lambda *a: close("SIGTERM"))
    process.once("exit", lambda code: close(code))


def worker_main():
    state = {"crashed": False}  # a worker crashes on its first /crash only, as the JavaScript twin says why

    def on_connection(sock):
        def on_data(data):
            if data.startswith(b"GET /crash") and not state["crashed"]:
                state["crashed"] = True
                raise RuntimeError("worker crashed")
            body = str(process.pid)
            sock.end(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}")

        sock.once("data", on_data)

    def on_message(m, tcp=None):
        if m == "server":
            state["worker"] = tcp
            tcp.on("connection", on_connection)
            process.send({"act": "serving"})  # not in the document: tells the observer it accepts now

    def on_uncaught(*_):
        process.send({"act": "suicide"})
        state["worker"].close(lambda: process.exit(1))

    process.on("message", on_message)
    process.on("uncaughtException", on_uncaught)


def observer_main():
    master = cp.fork(here, ["master"] + ([] if role == "per-cpu" else ["2"]), {"stdio": ["ignore", "ignore", "ignore", "ipc"]})
    events = []
    exits = {}
    lp = loop.default_loop
    master.on("message", lambda m: events.append(m))
    master.on("exit", lambda code, signal: exits.update(code=code, signal=signal))

    def next_event(pred):
        lp.run_until(lambda: any(pred(e) for e in events), timeout=DEADLINE_S)
        return next(e for e in events if pred(e))

    def live():
        pool = set()
        for e in events:
            if e["ev"] == "ready":
                pool |= set(e["workers"])
            elif e["ev"] == "worker":
                pool.add(e["pid"])
            elif e["ev"] == "exit":
                pool.discard(e["pid"])
        return pool

    def serving(pids):
        """Every worker in ``pids`` accepts on the shared socket (until then the master takes every
        connection, and never answers it)."""
        lp.run_until(lambda: set(pids) <= {e["pid"] for e in events if e["ev"] == "serving"}, timeout=DEADLINE_S)

    def barrier():
        """Every report the master made so far has arrived (a ping answered after them)."""
        pongs = sum(e["ev"] == "pong" for e in events)
        master.send("ping")
        lp.run_until(lambda: sum(e["ev"] == "pong" for e in events) > pongs, timeout=DEADLINE_S)

    def finish():
        master.kill("SIGTERM")
        lp.run_until(lambda: "code" in exits, timeout=DEADLINE_S)
        until(lambda: all(not alive(e["pid"]) for e in events if e["ev"] == "worker"))

    ready = next_event(lambda e: e["ev"] == "ready")
    if role == "per-cpu":
        say("workers", "one per CPU" if len(ready["workers"]) == os.cpu_count() else f"other ({len(ready['workers'])})")
        finish()
    elif role == "serves":
        serving(ready["workers"])
        bodies = [get(ready["port"]) for _ in range(6)]
        if os.environ.get("NODESPEC_DEBUG"):
            print(bodies, file=sys.stderr)
        say("answered", sum(b.isdigit() for b in bodies), "by workers", all(b.isdigit() and int(b) in ready["workers"] for b in bodies), "not by master", str(master.pid) not in bodies)
        finish()
    elif role == "suicide":
        serving(ready["workers"])
        # A /crash request that lands on a worker makes it throw; one that lands on the master hangs.
        # Each request stays open until the 'suicide' report comes or its attempt is over (the crashed
        # worker's close() waits for it), then the next is sent.
        end = time.monotonic() + DEADLINE_S
        attempt = ATTEMPT_S
        crashes = []
        while not any(e["ev"] == "suicide" for e in events) and time.monotonic() < end:
            try:
                s = socket.create_connection(("127.0.0.1", ready["port"]), timeout=attempt)
                s.sendall(b"GET /crash HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                crashes.append(s)
            except OSError:
                pass
            lp.run_until(lambda: any(e["ev"] == "suicide" for e in events), timeout=attempt)
            attempt = min(attempt * ATTEMPT_GROWTH, ATTEMPT_MAX_S)
        for s in crashes:
            s.close()
        suicide = next_event(lambda e: e["ev"] == "suicide")
        exit_ev = next_event(lambda e: e["ev"] == "exit" and e["pid"] == suicide["pid"])
        idx = next((i for i, e in enumerate(events) if e["ev"] == "worker" and e["pid"] not in ready["workers"]), -1)
        say("replacement forked before the old worker exited", 0 <= idx < events.index(exit_ev))
        say("old worker exit code", exit_ev["code"])
        # Wait for the pool to settle back to its size, as the Node twin does: every worker that
        # announced its death has exited (each was replaced when it announced).
        def settled():
            exited = {e["pid"] for e in events if e["ev"] == "exit"}
            return len(live()) == len(ready["workers"]) and all(e["pid"] in exited for e in events if e["ev"] == "suicide")

        lp.run_until(settled, timeout=DEADLINE_S)
        serving(live())
        body = get(ready["port"])
        barrier()
        # every replacement serves on the shared socket too, not only the workers that survived
        replacements = [pid for pid in live() if pid not in ready["workers"]]
        serving_now = {e["pid"] for e in events if e["ev"] == "serving"}
        say("pool size", len(live()), "still answering", body.isdigit(),
            "replacements serving", bool(replacements) and all(pid in serving_now for pid in replacements))
        finish()
    elif role == "sigkill":
        os.kill(ready["workers"][0], 9)
        exit_ev = next_event(lambda e: e["ev"] == "exit" and e["pid"] == ready["workers"][0])
        barrier()  # the master has handled the exit: a replacement, if it forked one, is reported
        replaced = any(e["ev"] == "worker" and e["pid"] not in ready["workers"] for e in events)
        say("killed worker", exit_ev["code"], exit_ev["signal"], "replaced", replaced, "pool size", len(live()))
        finish()
    elif role == "signal":
        master.kill(arg)
        lp.run_until(lambda: "code" in exits, timeout=DEADLINE_S)
        gone = until(lambda: all(not alive(pid) for pid in ready["workers"]))
        say("master exit", exits["code"], exits["signal"], "workers left", 0 if gone else sum(alive(p) for p in ready["workers"]))


mains = {"master": master_main, "worker": worker_main}
process.run_main(mains.get(role, observer_main), module="esm")
