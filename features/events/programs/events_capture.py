"""The reference's twin of events_capture.mjs: an ``async def`` listener that raises."""

import sys

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter

mode = sys.argv[1] if len(sys.argv) > 1 else ""
capture = mode in ("capture", "handler", "error-rejects", "capture-twice")


class HandlingEmitter(EventEmitter):
    """Python's spelling of ``emitter[Symbol.for('nodejs.rejection')]``: a ``nodejs_rejection`` method."""

    def nodejs_rejection(self, err, event, *args):
        print("rejection handler:", err, "for", event, "with", ",".join(str(a) for a in args), flush=True)


def main() -> None:
    if mode == "global":
        EventEmitter.capture_rejections = True
        emitter = EventEmitter()
    elif mode == "global-late":
        emitter = EventEmitter()
        EventEmitter.capture_rejections = True
    else:
        emitter = (HandlingEmitter if mode == "handler" else EventEmitter)(capture_rejections=capture)

    async def work(*args) -> None:
        raise RuntimeError("async boom")

    async def error_rejects(err) -> None:
        print("error event:", err, flush=True)
        raise RuntimeError("error boom")

    emitter.on("work", work)
    if mode == "error-rejects":
        emitter.on("error", error_rejects)
    elif capture or mode.startswith("global"):
        emitter.on("error", lambda err: print("error event:", err, flush=True))
    async def first_error_listener(err) -> None:
        print("first error listener:", err, flush=True)
        raise RuntimeError("first boom")

    async def second_error_listener(err) -> None:
        print("second error listener:", err, flush=True)

    if mode == "error-listeners":
        emitter.on("error", first_error_listener)
        emitter.on("error", second_error_listener)
        loop.set_timeout(lambda: print("emit returned", "true" if emitter.emit("error", RuntimeError("x")) else "false",
                                       flush=True), 0)
    elif mode == "capture-twice":
        loop.set_timeout(lambda: print("emit returned", "true" if emitter.emit("work", 1, 2) else "false", flush=True), 0)
        loop.set_timeout(lambda: print("emit returned", "true" if emitter.emit("work", 3) else "false", flush=True), 20)
    else:
        loop.set_timeout(lambda: print("emit returned", "true" if emitter.emit("work", 1, 2) else "false", flush=True), 0)


process.run_main(main)
