"""A minimal ``fs`` stream: ``create_read_stream`` gives a ReadStream that is an EventEmitter, as
Node's is ('open' with the fd, 'ready', a 'data' per chunk, 'end', then 'close')."""

from __future__ import annotations

import os

from nodespec.reference import loop
from nodespec.reference.events import EventEmitter


class ReadStream(EventEmitter):
    """fs.ReadStream: 'open' (with the fd), 'ready', a 'data' per chunk, 'end', then 'close'."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        loop.set_immediate(self._open)

    def _open(self) -> None:
        self._fd = os.open(self._path, os.O_RDONLY)
        self.emit("open", self._fd)
        self.emit("ready")
        loop.set_immediate(self._read)

    def _read(self) -> None:
        chunk = os.read(self._fd, 65536)
        if chunk:
            self.emit("data", chunk)
            loop.set_immediate(self._read)
            return
        self.emit("end")
        os.close(self._fd)
        loop.set_immediate(self.emit, "close")


def create_read_stream(path: str) -> ReadStream:
    return ReadStream(path)
