"""Twin of process_signals.mjs on nodespec.reference.process."""
import sys

from nodespec.reference import loop, process
from nodespec.reference.errors import NodeError

which = sys.argv[1]
sig = sys.argv[2] if len(sys.argv) > 2 else None


def say(*parts):
    print(" ".join(str(p) for p in parts), flush=True)


def listener():
    # The loop is kept alive until the handler has run (however late the signal comes under load); the
    # handler lets it end, and a later callback still runs: the process was not killed.
    alive = loop.set_timeout(lambda: None, 60_000)

    def handler(name, number):
        say("received", name, number)
        loop.clear_timeout(alive)
        loop.set_timeout(lambda: say("still alive"), 0)

    process.on(sig, handler)
    process.kill(process.pid, sig)


def default():
    process.kill(process.pid, sig)
    loop.set_timeout(lambda: say("still alive"), 2000)


def uncatchable():
    try:
        process.on(sig, lambda *a: None)
        say("accepted")
    except NodeError as e:
        say("error", e.code, e.syscall)


def unknown():
    try:
        process.kill(process.pid, "SIGNOPE")
        say("sent")
    except NodeError as e:
        say("error", e.name, e.code)


def no_keepalive():
    process.on("SIGINT", lambda *a: say("interrupted"))
    say("main done")


cases = {"listener": listener, "default": default, "uncatchable": uncatchable, "unknown": unknown, "no-keepalive": no_keepalive}
process.run_main(cases[which], module="esm")  # the twin of an ES module
