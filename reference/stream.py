"""A minimal ``stream``: ``Readable.from_(items)`` is an EventEmitter that emits a 'data' per item,
then 'end', then 'close', in Node's order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter


class Readable(EventEmitter):
    """stream.Readable.from(items): a 'data' per item, then 'end', then 'close'."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__()
        self._items = list(items)
        loop.set_immediate(self._flow)

    def _flow(self) -> None:
        for item in self._items:
            self.emit("data", item)
        self.emit("end")
        process.next_tick(self.emit, "close")

    @classmethod
    def from_(cls, items: Iterable[Any]) -> Readable:
        return cls(items)
