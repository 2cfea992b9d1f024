"""The reference's twin of events_unhandled_error.mjs (same modes, same output)."""

import sys

from nodespec.reference import loop, process
from nodespec.reference.events import EventEmitter

mode = sys.argv[1] if len(sys.argv) > 1 else ""


def main() -> None:
    emitter = EventEmitter()
    process.on("exit", lambda code: print("exit", code, flush=True))
    print("before", flush=True)

    def later() -> None:
        if mode == "error":
            emitter.emit("error", RuntimeError("kaboom"))
        elif mode == "string":
            emitter.emit("error", "just a string")
        elif mode == "uncaught-handler":
            process.on("uncaughtException", lambda err, origin=None: print("caught", err, flush=True))
            loop.set_timeout(lambda: print("still alive", flush=True), 5)
            emitter.emit("error", RuntimeError("kaboom"))
        elif mode == "listener":
            emitter.on("error", lambda err: print("handled", err, flush=True))
            emitter.emit("error", RuntimeError("kaboom"))
        elif mode == "try":
            try:
                emitter.emit("error", RuntimeError("kaboom"))
            except RuntimeError as err:
                print("caught", err, flush=True)
        print("after", flush=True)

    loop.set_timeout(later, 0)


process.run_main(main)
