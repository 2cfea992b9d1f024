"""A master and its workers, for Python: Node's ``cluster`` and the fork + server-handle pattern.

Three layers, each usable on its own by a Python service:

* ``Server`` / ``Socket``: a minimal TCP server on the reference event loop (Node's ``net``), whose
  listening socket can be sent to a forked child (``child.send('server', server)``) and keeps
  accepting there; ``http_handler(fn)`` turns ``fn(method, path) -> body | (status, body)`` into a
  'connection' listener that answers one HTTP/1.1 request per connection.
* ``Supervisor``: the source document's master, made safe. It opens one listening socket, forks
  ``workers`` processes (default: the CPU count), hands each the socket, forks a replacement as soon
  as a worker announces its death with ``{'act': 'suicide'}`` (before the old one exits) and when a
  worker dies without announcing it, and on SIGINT / SIGQUIT / SIGTERM kills every worker, *waits for
  them* and exits — no process is left behind. ``serve(handler)`` is the worker's side.
* The ``cluster`` API of Node (``is_primary``, ``fork``, ``workers``, the events ``fork`` / ``online``
  / ``listening`` / ``disconnect`` / ``exit``, ``Worker.kill`` / ``disconnect`` /
  ``exited_after_disconnect``), with workers sharing a listening socket that the primary creates
  once per address (Node's ``SCHED_NONE`` shared handle: the kernel spreads the connections).

A Python service with a self-healing pool, in one file (``app.py``)::

    import sys
    from nodespec.reference import cluster, process

    def answer(method, path):
        return f"hello from {process.pid}"

    if sys.argv[1:] == ["worker"]:
        process.run_main(lambda: cluster.serve(cluster.http_handler(answer)))
    else:  # the master: one worker per CPU on port 8000; Ctrl-C stops them all, then itself
        cluster.Supervisor(__file__, host="127.0.0.1", port=8000, args=["worker"]).run()

Measured by ``nodespec bench reliability``: announced deaths lose no request; a SIGKILL loses at most
the requests in flight on the killed worker; nothing survives the master.

As in :mod:`.child_process`, ``null`` is ``NULL`` and ``None`` is undefined: an ``'exit'`` gives
``(code, NULL)`` or ``(NULL, signal)``, ``Server.address()`` is ``NULL`` when the server does not listen.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from typing import Any

from nodespec.reference import forkserver
from nodespec.reference import loop as _loop
from nodespec.reference.events import EventEmitter
from nodespec.reference.js import is_nullish
from nodespec.reference.process import process
from nodespec.reference.types import NULL, Null

# -- net: Server and Socket ------------------------------------------------------------------------


class Socket(EventEmitter):
    """One TCP connection: 'data' (bytes), 'end', 'close'; ``write``, ``end``, ``destroy``."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.loop = _loop.default_loop
        sock.setblocking(False)
        self.destroyed = False
        self.remote_address: str
        self.remote_port: int
        self.remote_address, self.remote_port = (sock.getpeername() + ("", 0))[:2] if sock else ("", 0)
        self.loop.add_reader(sock.fileno(), self._on_readable)
        self.loop.ref()

    def _on_readable(self) -> None:
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if data:
            self.emit("data", data)
        else:
            self.emit("end")
            self.destroy()

    def write(self, data: Any) -> bool:
        if self.destroyed:
            return False
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        self.sock.setblocking(True)
        try:
            self.sock.sendall(raw)
        except OSError:
            pass
        finally:
            self.sock.setblocking(False)
        return True

    def end(self, data: Any = None) -> Socket:
        if data is not None:
            self.write(data)
        if not self.destroyed:
            try:
                self.sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            self.destroy()
        return self

    def destroy(self) -> Socket:
        if not self.destroyed:
            self.destroyed = True
            self.loop.remove_reader(self.sock.fileno())
            self.sock.close()
            self.loop.unref()
            self.loop.next_tick(self.emit, "close", False)
        return self


class Server(EventEmitter):
    """A listening TCP server (Node's ``net.Server``): 'listening', 'connection', 'close'."""

    def __init__(self, connection_listener: Callable[[Socket], Any] | None = None) -> None:
        super().__init__()
        self.loop = _loop.default_loop
        self.sock: socket.socket | None = None
        self.listening = False
        self._refed = False
        if connection_listener is not None:
            self.on("connection", connection_listener)

    @classmethod
    def from_fd(cls, fd: int) -> Server:
        """A server over a listening socket received from another process: already listening."""
        server = cls()
        server._adopt(socket.socket(fileno=fd))
        return server

    def _adopt(self, sock: socket.socket) -> None:
        self.sock = sock
        sock.setblocking(False)
        self.listening = True
        self.loop.add_reader(sock.fileno(), self._on_accept)
        self._refed = True
        self.loop.ref()

    def listen(
        self, port: int = 0, host: Any = "127.0.0.1", callback: Callable[[], Any] | None = None
    ) -> Server:
        if callable(host):
            host, callback = "127.0.0.1", host
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(511)
        self._adopt(sock)
        if callback is not None:
            self.once("listening", callback)
        self.loop.next_tick(self.emit, "listening")
        return self

    def fileno(self) -> int:
        return self.sock.fileno() if self.sock is not None else -1

    def address(self) -> dict[str, Any] | Null:
        """``server.address()``: ``{address, family, port}``, or ``NULL`` when not listening."""
        if self.sock is None:
            return NULL
        host, port = self.sock.getsockname()[:2]
        return {"address": host, "family": "IPv6" if ":" in host else "IPv4", "port": port}

    def _on_accept(self) -> None:
        if self.sock is None:
            return
        try:
            conn, _addr = self.sock.accept()
        except (BlockingIOError, InterruptedError):
            return  # another process sharing the socket took it
        except OSError:
            return
        self.emit("connection", Socket(conn))

    def close(self, callback: Callable[..., Any] | None = None) -> Server:
        if self.sock is not None:
            self.loop.remove_reader(self.sock.fileno())
            self.sock.close()
            self.sock = None
            self.listening = False
            if self._refed:
                self._refed = False
                self.loop.unref()
            if callback is not None:
                self.once("close", callback)
            self.loop.next_tick(self.emit, "close")
        return self

    # Node's Server[Symbol.asyncDispose] (close), as a context manager
    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.sock is not None:
            self.close()

    def stop_accepting(self) -> Server:
        """Keep the socket open (to hand it to other processes) but accept nothing here: what a
        Node server does once its handle has been sent to a child."""
        if self.sock is not None:
            self.loop.remove_reader(self.sock.fileno())
        return self.unref()

    def unref(self) -> Server:
        if self._refed:
            self._refed = False
            self.loop.unref()
        return self

    def ref(self) -> Server:
        if not self._refed and self.sock is not None:
            self._refed = True
            self.loop.ref()
        return self


def create_server(connection_listener: Callable[[Socket], Any] | None = None) -> Server:
    """``net.createServer``; in a cluster worker, ``listen`` shares the primary's socket."""
    if is_worker:
        return _WorkerServer(connection_listener)
    return Server(connection_listener)


def _chunk(body: Any) -> bytes:
    """``res.end(chunk)``'s validation: a string or bytes, nothing else (a number throws)."""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    from nodespec.reference.errors import node_error

    kind = "number" if isinstance(body, (int, float)) and not isinstance(body, bool) else type(body).__name__
    raise node_error(
        "ERR_INVALID_ARG_TYPE",
        'The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. '
        f"Received type {kind} ({body!r})",
    )


def http_handler(fn: Callable[[str, str], Any]) -> Callable[[Socket], None]:
    """A 'connection' listener answering one HTTP/1.1 request: ``fn(method, path)`` returns the
    body (str/bytes) or ``(status, body)``; the connection is closed after the response."""

    def on_connection(sock: Socket) -> None:
        buf = bytearray()

        def on_data(chunk: bytes) -> None:
            buf.extend(chunk)
            if b"\r\n\r\n" not in buf:
                return
            sock.remove_all_listeners("data")
            line = bytes(buf).split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            method, path = (line + ["", ""])[:2]
            result = fn(method, path)
            status, body = result if isinstance(result, tuple) else (200, result)
            raw = _chunk(body)
            head = f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\nContent-Length: {len(raw)}\r\nConnection: close\r\n\r\n"
            sock.end(head.encode("latin-1") + raw)

        sock.on("data", on_data)

    return on_connection


# -- the document's pattern, made safe: Supervisor and serve --------------------------------------


class Supervisor(EventEmitter):
    """Forks ``workers`` copies of ``module_path`` that share one listening socket.

    Events: 'listening' (address), 'fork' (child), 'exit' (child, code, signal), 'respawn' (child),
    'shutdown' (signal name). ``start()`` returns at once (the loop does the rest); ``run()`` is for a
    service's main function: start, then live until a signal stops everything.
    """

    SHUTDOWN_SIGNALS = ("SIGINT", "SIGQUIT", "SIGTERM")

    def __init__(
        self,
        module_path: str,
        workers: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        args: list[str] | None = None,
        respawn: bool = True,
        exec_path: str | None = None,
        exec_argv: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.module_path = module_path
        self.count = workers if workers is not None else (os.cpu_count() or 1)
        self.host, self.port = host, port
        self.args = list(args or [])
        self.respawn = respawn
        self.exec_path = exec_path
        self.exec_argv = exec_argv
        self.workers: dict[int, Any] = {}
        self.server: Server | None = None
        self.stopping = False
        self._announced: set[int] = set()

    def address(self) -> dict[str, Any] | Null:
        return self.server.address() if self.server else NULL

    def start(self) -> Supervisor:
        self.server = Server()
        self.server.listen(self.port, self.host)
        self.server.stop_accepting()  # the workers accept; they keep the master alive, not the socket
        for _ in range(self.count):
            self.create_worker()
        return self

    def create_worker(self) -> Any:
        from nodespec.reference.child_process import fork_worker as fork

        options: dict[str, Any] = {}
        if self.exec_path:
            options["execPath"] = self.exec_path
        if self.exec_argv is not None:
            options["execArgv"] = self.exec_argv
        child = fork(self.module_path, self.args, options)
        if child.pid is None:
            child.on("error", lambda err: self.emit("error", err))
            return child

        def on_message(message: Any, *_handle: Any) -> None:
            if isinstance(message, dict) and message.get("act") == "suicide":
                self._announced.add(child.pid)  # type: ignore[arg-type]
                if not self.stopping:
                    self.emit("respawn", self.create_worker())

        def on_exit(code: int | Null, signal: str | Null) -> None:
            self.workers.pop(child.pid, None)  # type: ignore[arg-type]
            announced = child.pid in self._announced
            self._announced.discard(child.pid)
            self.emit("exit", child, code, signal)
            if not self.stopping and self.respawn and not announced:
                self.emit("respawn", self.create_worker())
            elif self.stopping and not self.workers:
                self.emit("stopped")

        child.on("message", on_message)
        child.on("exit", on_exit)
        child.send("server", self.server)
        self.workers[child.pid] = child
        self.emit("fork", child)
        return child

    def stop(self, signal: str = "SIGTERM", callback: Callable[[], Any] | None = None) -> None:
        """Kill every worker with ``signal`` and call ``callback`` once all of them have exited."""
        self.stopping = True
        if callback is not None:
            if self.workers:
                self.once("stopped", callback)
            else:
                _loop.default_loop.next_tick(callback)
        for child in list(self.workers.values()):
            child.kill(signal)
        if self.server is not None:
            self.server.close()
        forkserver.close()  # no more workers: the warm template goes

    def install_signal_handlers(self, exit_code: int = 0) -> None:
        """On SIGINT / SIGQUIT / SIGTERM: stop the workers (with SIGTERM), wait, exit ``exit_code``."""

        def on_signal(name: str, _number: int = 0) -> None:
            self.emit("shutdown", name)
            for other in self.SHUTDOWN_SIGNALS:
                process.remove_listener(other, on_signal)
            self.stop("SIGTERM", lambda: process.exit(exit_code))

        for name in self.SHUTDOWN_SIGNALS:
            process.on(name, on_signal)

    def run(self) -> None:
        """start + signal handlers, then the event loop; never returns."""
        from nodespec.reference.process import run_main

        def main() -> None:
            self.install_signal_handlers()
            self.start()

        run_main(main)


def serve(handler: Callable[[Socket], Any], on_server: Callable[[Server], Any] | None = None) -> None:
    """The worker's side of ``Supervisor``: wait for the master's ``'server'`` message, accept
    connections with ``handler``; on an uncaught exception announce death (``{'act': 'suicide'}``),
    stop accepting, and exit 1 so the master can replace this worker first."""
    state: dict[str, Server | None] = {"server": None}

    def on_message(message: Any, server: Server | None = None) -> None:
        if message == "server" and server is not None:
            state["server"] = server
            server.on("connection", handler)
            if on_server is not None:
                on_server(server)

    def on_uncaught(error: BaseException, _origin: str = "") -> None:
        sys.stderr.write(f"worker {process.pid}: {type(error).__name__}: {error}\n")
        try:
            process.send({"act": "suicide"})
        except Exception:  # noqa: BLE001 - the master may be gone already
            pass
        if state["server"] is not None:
            state["server"].close()
        process.exit(1)

    process.on("message", on_message)
    process.on("uncaughtException", on_uncaught)


# -- Node's cluster module ------------------------------------------------------------------------

# This process's role, and its cluster object: set by init_process_state (below), at import and in each
# process forked from a template.
is_worker: bool
is_primary: bool
is_master: bool
SCHED_NONE, SCHED_RR = 1, 2


class Worker(EventEmitter):
    """A worker as the primary sees it (``worker.process`` is the ChildProcess), or, in a worker,
    ``cluster.worker`` (``worker.process`` is the process object)."""

    def __init__(self, worker_id: int, proc: Any) -> None:
        super().__init__()
        self.id = worker_id
        self.process = proc
        self.state = "none"
        self.exited_after_disconnect: bool | None = None

    def send(self, message: Any, handle: Any = None, callback: Callable[..., Any] | None = None) -> bool:
        return bool(self.process.send(message, handle, callback))

    def kill(self, signal: str = "SIGTERM") -> None:
        """Since Node 14/15 only ``process.kill(signal)``: exited_after_disconnect stays false."""
        if is_primary:
            self.process.kill(signal)
        else:
            process.kill(process.pid, signal)

    destroy = kill

    def disconnect(self) -> Worker:
        self.exited_after_disconnect = True
        if is_primary:
            if self.state != "disconnected" and self.state != "dead":
                self.state = "disconnecting"
                cluster.workers.pop(self.id, None)
                _send_internal(self.process, {"act": "disconnect"})
        else:
            _send_internal(process, {"act": "exitedAfterDisconnect"})
            for server in list(_worker_servers):
                server.close()
            process.disconnect()
        return self

    def is_dead(self) -> bool:
        return not is_nullish(self.process.exit_code) or not is_nullish(self.process.signal_code)

    def is_connected(self) -> bool:
        return bool(self.process.connected)


def _ignore(_error: Any) -> None:
    """The callback of a message whose loss the 'exit' that follows reports."""


def _send_internal(target: Any, message: dict[str, Any], handle: Any = None) -> None:
    payload = {"cmd": "NODE_CLUSTER", **message}
    try:
        # with a callback, a write to a worker that has just died (EPIPE) goes to it, not to 'error'
        target.send(payload, handle, _ignore)
    except Exception:  # noqa: BLE001 - a channel closed under us: the exit event tells the rest
        pass


class Cluster(EventEmitter):
    """The ``cluster`` object of the primary (also reachable as the module itself)."""

    def __init__(self) -> None:
        super().__init__()
        self.workers: dict[int, Worker] = {}
        self.settings: dict[str, Any] = {}
        self.worker: Worker | None = None
        self.scheduling_policy = SCHED_NONE
        self._next_id = 0
        self._handles: dict[str, Server] = {}

    @property
    def is_primary(self) -> bool:
        return is_primary

    @property
    def is_worker(self) -> bool:
        return is_worker

    is_master = is_primary

    def setup_primary(self, settings: dict[str, Any] | None = None) -> None:
        merged = {"args": sys.argv[1:], "exec": os.path.abspath(sys.argv[0]), "execArgv": [], "silent": False}
        merged.update(self.settings)
        merged.update(settings or {})
        self.settings = merged
        _loop.default_loop.next_tick(self.emit, "setup", self.settings)

    setup_master = setup_primary

    def fork(self, env: dict[str, Any] | None = None) -> Worker:
        from nodespec.reference.child_process import fork_worker as cp_fork

        self.setup_primary()
        self._next_id += 1
        worker_id = self._next_id
        child_env = {
            **os.environ,
            **{k: str(v) for k, v in (env or {}).items()},
            "NODE_UNIQUE_ID": str(worker_id),
        }
        child = cp_fork(
            self.settings["exec"],
            self.settings["args"],
            {
                "env": child_env,
                "execArgv": self.settings.get("execArgv", []),
                "silent": self.settings.get("silent"),
            },
        )
        worker = Worker(worker_id, child)
        self.workers[worker_id] = worker

        def on_exit(code: int | Null, signal: str | Null) -> None:
            worker.state = "dead"
            worker.exited_after_disconnect = bool(worker.exited_after_disconnect)
            self.workers.pop(worker_id, None)
            worker.emit("exit", code, signal)
            self.emit("exit", worker, code, signal)

        def on_disconnect() -> None:
            if worker.state != "dead":
                worker.state = "disconnected"
            self.workers.pop(worker_id, None)
            worker.emit("disconnect")
            self.emit("disconnect", worker)

        def on_message(message: Any, *handle: Any) -> None:
            worker.emit("message", message, *handle)
            self.emit("message", worker, message, *handle)

        def on_internal(message: Any, *_handle: Any) -> None:
            if not isinstance(message, dict) or message.get("cmd") != "NODE_CLUSTER":
                return
            act = message.get("act")
            if act == "online":
                worker.state = "online"
                worker.emit("online")
                self.emit("online", worker)
            elif act == "queryServer":
                key = f"{message.get('address')}:{message.get('port')}"
                server = self._handles.get(key)
                if server is None:
                    server = Server().listen(
                        int(message.get("port") or 0), message.get("address") or "127.0.0.1"
                    )
                    server.stop_accepting()
                    self._handles[key] = server
                _send_internal(child, {"act": "serverHandle", "seq": message.get("seq")}, server)
            elif act == "listening":
                worker.state = "listening"
                address = {k: message.get(k) for k in ("addressType", "address", "port", "fd")}
                worker.emit("listening", address)
                self.emit("listening", worker, address)
            elif act == "exitedAfterDisconnect":
                worker.exited_after_disconnect = True

        child.on("exit", on_exit)
        child.on("disconnect", on_disconnect)
        child.on("message", on_message)
        child.on("internalMessage", on_internal)
        _loop.default_loop.next_tick(self.emit, "fork", worker)
        return worker

    def disconnect(self, callback: Callable[[], Any] | None = None) -> None:
        workers = list(self.workers.values())
        forkserver.close()  # a later fork starts another template
        if callback is not None:
            remaining = {w.id for w in workers}
            if not remaining:
                _loop.default_loop.next_tick(callback)

            for w in workers:

                def done(*_a: Any, wid: int = w.id) -> None:
                    remaining.discard(wid)
                    if not remaining:
                        callback()

                w.process.once("exit", done)
        for w in workers:
            w.disconnect()


class _WorkerServer(Server):
    """In a cluster worker, ``listen`` asks the primary for the shared listening socket."""

    _seq = 0

    def listen(
        self, port: int = 0, host: Any = "127.0.0.1", callback: Callable[[], Any] | None = None
    ) -> Server:
        if callable(host):
            host, callback = "127.0.0.1", host
        _WorkerServer._seq += 1
        seq = _WorkerServer._seq
        if callback is not None:
            self.once("listening", callback)

        def on_internal(message: Any, handle: Any = None) -> None:
            if (
                isinstance(message, dict)
                and message.get("act") == "serverHandle"
                and message.get("seq") == seq
            ):
                process.remove_listener("internalMessage", on_internal)
                if self in _pending_queries:
                    _pending_queries.remove(self)
                    self.loop.unref()
                if worker_closing():
                    handle.close()
                    return
                self._adopt(handle.sock)
                handle.unref()
                _worker_servers.append(self)
                address = self.address()
                assert isinstance(address, dict)  # it listens: the socket was adopted above
                _send_internal(
                    process,
                    {
                        "act": "listening",
                        "address": address.get("address"),
                        "port": address.get("port"),
                        "addressType": 4,
                    },
                )
                self.emit("listening")

        process.on("internalMessage", on_internal)
        self.loop.ref()  # waiting for the primary's answer keeps the worker alive
        _pending_queries.append(self)
        _send_internal(process, {"act": "queryServer", "seq": seq, "address": host, "port": port})
        return self


_worker_servers: list[Server] = []
_pending_queries: list[Server] = []


def worker_closing() -> bool:
    return cluster.worker is not None and bool(cluster.worker.exited_after_disconnect)


def _release_pending() -> None:
    """A worker being disconnected stops waiting for server handles (or it would never exit)."""
    while _pending_queries:
        _pending_queries.pop().loop.unref()


cluster: Cluster


def _init_worker() -> None:
    worker = Worker(int(os.environ["NODE_UNIQUE_ID"]), process)
    worker.state = "online"
    cluster.worker = worker

    def on_disconnect() -> None:
        _release_pending()
        if not worker.exited_after_disconnect:
            process.exit(0)

    def on_internal(message: Any, *_handle: Any) -> None:
        if isinstance(message, dict) and message.get("act") == "disconnect":
            worker.exited_after_disconnect = True
            _release_pending()
            for server in list(_worker_servers):
                server.close()
            process.disconnect()

    process.on("internalMessage", on_internal)
    process._channel_closed_hooks.append(on_disconnect)
    _send_internal(process, {"act": "online"})


def init_process_state() -> None:
    """Make this module's state this process's own, as importing it in a fresh interpreter does:
    primary or worker (``NODE_UNIQUE_ID``), no workers, servers or handles yet, and a worker's set-up
    (``cluster.worker``, 'online'). Run at import, and in a process forked from a template that imported
    this module (``nodespec.reference.forkserver``) when its program first imports it."""
    global is_worker, is_primary, is_master, cluster
    is_worker = "NODE_UNIQUE_ID" in os.environ
    is_primary = is_master = not is_worker
    cluster = Cluster()
    _worker_servers.clear()
    _pending_queries.clear()
    _WorkerServer._seq = 0
    if is_worker and process.channel is not None:
        _init_worker()


init_process_state()


def fork(env: dict[str, Any] | None = None) -> Worker:
    return cluster.fork(env)


def disconnect(callback: Callable[[], Any] | None = None) -> None:
    cluster.disconnect(callback)


def setup_primary(settings: dict[str, Any] | None = None) -> None:
    cluster.setup_primary(settings)


def on(name: str, listener: Callable[..., Any]) -> Cluster:
    cluster.on(name, listener)
    return cluster


def once(name: str, listener: Callable[..., Any]) -> Cluster:
    cluster.once(name, listener)
    return cluster


def __getattr__(name: str) -> Any:
    if name in (
        "workers",
        "worker",
        "settings",
        "scheduling_policy",
        "emit",
        "listener_count",
        "remove_listener",
    ):
        return getattr(cluster, name)
    raise AttributeError(name)
