"""Twin of events_document_first.cjs: the source document's first events example on the reference."""

import sys

from nodespec.reference.events import EventEmitter

sys.stdout.reconfigure(encoding="utf-8")
emitter = EventEmitter()


def on_wake(time):
    print(f"早上{time}开始起床，新的一天加油")


emitter.on("起床", on_wake)
emitter.emit("起床", "6:00")
