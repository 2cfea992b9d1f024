"""The reference's twin of events_core.mjs.

The reference has no net, fs or stream module, so this twin builds the three objects the way Node's
core builds them: small classes on the reference's EventEmitter, driven by the reference's event loop
(polling sockets and files from timers), emitting the same events in the same order.
"""

import os
import select
import shutil
import socket
import sys
import tempfile

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter

mode = sys.argv[1] if len(sys.argv) > 1 else ""


def js(value):
    return "true" if value is True else "false" if value is False else str(value)


class Server(EventEmitter):
    """net.Server: 'listening' once bound, 'connection' per accepted socket, 'close' once closed."""

    def listen(self, port, host):
        self._sock = socket.socket()
        self._sock.bind((host, port))
        self._sock.listen()
        self._sock.setblocking(False)
        self._closing = False
        process.next_tick(self.emit, "listening")
        loop.set_timeout(self._poll, 1)
        return self

    def address(self):
        return {"port": self._sock.getsockname()[1]}

    def _poll(self):
        if self._closing:
            self._sock.close()
            self.emit("close")
            return
        if select.select([self._sock], [], [], 0)[0]:
            conn, _ = self._sock.accept()
            self.emit("connection", conn)
        loop.set_timeout(self._poll, 1)

    def close(self):
        self._closing = True


class ReadStream(EventEmitter):
    """fs.ReadStream: 'open' (with the fd), 'ready', a 'data' per chunk, 'end', then 'close'."""

    def __init__(self, path):
        super().__init__()
        self._path = path
        loop.set_immediate(self._open)

    def _open(self):
        self._fd = os.open(self._path, os.O_RDONLY)
        self.emit("open", self._fd)
        self.emit("ready")
        loop.set_immediate(self._read)

    def _read(self):
        chunk = os.read(self._fd, 65536)
        if chunk:
            self.emit("data", chunk)
            loop.set_immediate(self._read)
            return
        self.emit("end")
        os.close(self._fd)
        loop.set_immediate(self.emit, "close")


class Readable(EventEmitter):
    """stream.Readable.from(items): a 'data' per item, then 'end', then 'close'."""

    def __init__(self, items):
        super().__init__()
        self._items = list(items)
        loop.set_immediate(self._flow)

    def _flow(self):
        for item in self._items:
            self.emit("data", item)
        self.emit("end")
        process.next_tick(self.emit, "close")


def main():
    if mode == "net":
        server = Server()
        print("server is an EventEmitter:", js(isinstance(server, EventEmitter)))

        def on_listening():
            print("listening")
            client = socket.create_connection(("127.0.0.1", server.address()["port"]))

            def wait_closed():
                if select.select([client], [], [], 0)[0] and client.recv(1) == b"":
                    client.close()
                    server.close()
                    return
                loop.set_timeout(wait_closed, 1)

            loop.set_timeout(wait_closed, 1)

        def on_connection(conn):
            print("connection")
            conn.close()

        server.on("listening", on_listening)
        server.on("connection", on_connection)
        server.on("close", lambda: print("close"))
        server.listen(0, "127.0.0.1")
    elif mode == "fs":
        directory = tempfile.mkdtemp(prefix="nodespec-rs-")
        path = os.path.join(directory, "data.txt")
        with open(path, "w") as f:
            f.write("hot data")
        stream = ReadStream(path)
        print("stream is an EventEmitter:", js(isinstance(stream, EventEmitter)))
        for name in ["open", "ready", "end", "close"]:
            stream.on(name, lambda *a, name=name: print(name))
        stream.on("data", lambda chunk: print("data", chunk.decode()))
        stream.on("close", lambda: shutil.rmtree(directory, ignore_errors=True))
    elif mode == "stream":
        stream = Readable(["a", "b"])
        print("stream is an EventEmitter:", js(isinstance(stream, EventEmitter)))
        stream.on("data", lambda chunk: print("data", chunk))
        stream.on("end", lambda: print("end"))
        stream.on("close", lambda: print("close"))


process.run_main(main)
