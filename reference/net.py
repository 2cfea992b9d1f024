"""A minimal ``net``: a TCP ``Server`` that is an EventEmitter, as Node's core servers are ('listening',
'connection' per accepted socket, 'close'), driven by the reference's event loop."""

from __future__ import annotations

import select
import socket

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter


class Server(EventEmitter):
    """net.Server: 'listening' once bound, 'connection' per accepted socket, 'close' once closed."""

    def listen(self, port: int = 0, host: str = "127.0.0.1") -> Server:
        self._sock = socket.socket()
        self._sock.bind((host, port))
        self._sock.listen()
        self._sock.setblocking(False)
        self._closing = False
        process.next_tick(self.emit, "listening")
        loop.set_timeout(self._poll, 1)
        return self

    def address(self) -> dict[str, int]:
        return {"port": self._sock.getsockname()[1]}

    def _poll(self) -> None:
        if self._closing:
            self._sock.close()
            self.emit("close")
            return
        if select.select([self._sock], [], [], 0)[0]:
            conn, _ = self._sock.accept()
            self.emit("connection", conn)
        loop.set_timeout(self._poll, 1)

    def close(self) -> None:
        self._closing = True


def create_server() -> Server:
    return Server()
