"""Twin of child_blocking.mjs on the reference (server: nodespec.reference.cluster.Server +
http_handler; compute child: nodespec.reference.child_process.fork). The observer's HTTP client is
plain blocking sockets in threads: test code, not the reference."""
import os
import socket
import sys
import threading
import time

from nodespec.reference import child_process as cp
from nodespec.reference import cluster, loop, process
from nodespec.reference.js import console_text

here = os.path.abspath(__file__)
role = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else None
COMPUTE_MS = 600


def say(*parts):
    print(console_text(*parts), flush=True)


def computation(ms):
    total, i = 0, 0
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        total += i
        i += 1
    return total


def get(port, path):
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        if not data:
            return {"error": "ECONNRESET", "ms": (time.monotonic() - t0) * 1000}
        return {"body": data.split(b"\r\n\r\n", 1)[1].decode(), "ms": (time.monotonic() - t0) * 1000}
    except OSError:
        return {"error": "ECONNRESET", "ms": (time.monotonic() - t0) * 1000}


def server_main():
    def on_request(sock):
        pending = {}

        def handler(method, path):
            if path == "/compute":
                if mode == "inprocess":
                    process.send("computing")  # a blocking write: out before the loop blocks us
                    return str(computation(COMPUTE_MS))
                if mode == "forked":
                    return pending  # answered later, below
                return computation(5)  # the document's res.end(sum): a number
            return "ok"

        def respond(body):
            raw = body.encode()
            sock.end(f"HTTP/1.1 200 OK\r\nContent-Length: {len(raw)}\r\nConnection: close\r\n\r\n".encode() + raw)

        buf = bytearray()

        def on_data(chunk):
            buf.extend(chunk)
            if b"\r\n\r\n" not in buf:
                return
            sock.remove_all_listeners("data")
            path = bytes(buf).split(b" ")[1].decode()
            if path == "/compute" and mode == "forked":
                compute = cp.fork(here, ["compute"])
                compute.send("start")
                process.send("computing")

                def on_sum(total):
                    respond(f"Sum is {total}")
                    compute.kill()

                compute.on("message", on_sum)
                return
            cluster.http_handler(lambda m, p: handler(m, p))(_Replay(sock, bytes(buf)))

        sock.on("data", on_data)

    server = cluster.Server(on_request)
    server.listen(0, "127.0.0.1", lambda: process.send({"port": server.address()["port"]}))


class _Replay:
    """Feeds an already-read request to http_handler's listener."""

    def __init__(self, sock, data):
        self.sock, self.data = sock, data

    def on(self, event, fn):
        if event == "data":
            fn(self.data)

    def remove_all_listeners(self, event=None):
        pass

    def end(self, data=None):
        self.sock.end(data)


def compute_main():
    process.on("message", lambda m: process.send(computation(COMPUTE_MS)))


def observer_main():
    server = cp.fork(here, ["server", role], {"silent": True})
    acc = {"stderr": ""}
    server.stderr.on("data", lambda d: acc.__setitem__("stderr", acc["stderr"] + d.decode()))
    server.stdout.on("data", lambda d: None)

    results = {}

    def on_message(message):
        if message == "computing":  # /compute is in flight: now /ok
            ok = get(results["port"], "/ok")
            results["thread"].join()
            c = results["compute"]
            print(f"/ok latency {ok['ms']:.0f} ms, /compute {c['ms']:.0f} ms ({role})", file=sys.stderr, flush=True)
            say("ok answered", ok.get("body"), "waited-for-compute", ok["ms"] >= 300)
            body = c.get("body", "")
            say("compute answered", body.removeprefix("Sum is ").isdigit())
            server.kill()
            return
        port = results["port"] = message["port"]
        if role == "doc-end-number":
            r = get(port, "/compute")

            def still_running():  # bounded: a server that survives the throw is reported and killed
                say("answered", "body" in r, "server still running after 5 s")
                server.kill("SIGKILL")

            timer = loop.set_timeout(still_running, 5000)

            def on_exit(code, sig):
                loop.clear_timeout(timer)
                if code is not None:
                    say("answered", "body" in r, "server exit", code, "mentions ERR_INVALID_ARG_TYPE", "ERR_INVALID_ARG_TYPE" in acc["stderr"])

            server.on("exit", on_exit)
            return
        # /compute from a thread (blocking sockets); /ok follows on the server's "computing"
        t = threading.Thread(target=lambda: results.__setitem__("compute", get(port, "/compute")))
        results["thread"] = t
        t.start()

    server.on("message", on_message)


mains = {"server": server_main, "compute": compute_main}
process.run_main(mains.get(role, observer_main), module="esm")
