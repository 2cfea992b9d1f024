"""The reference's twin of events_capture.mjs: an ``async def`` listener that raises."""

import sys

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter

capture = len(sys.argv) > 1 and sys.argv[1] == "capture"


def main() -> None:
    emitter = EventEmitter(capture_rejections=capture)

    async def work() -> None:
        raise RuntimeError("async boom")

    emitter.on("work", work)
    if capture:
        emitter.on("error", lambda err: print("error event:", err, flush=True))
    loop.set_timeout(lambda: print("emit returned", "true" if emitter.emit("work") else "false", flush=True), 0)


process.run_main(main)
