"""Twin of process_order.mjs (an ES module) on the reference's event loop.

A promise callback of the JavaScript program is a microtask here (``loop.queue_microtask``)."""
import sys

from nodespec.reference import loop, process

out = []
log = out.append
which = sys.argv[1]


def esm_promise_before_tick():
    loop.queue_microtask(lambda: log("promise"))
    loop.queue_microtask(lambda: log("microtask"))
    process.next_tick(lambda: log("tick"))
    log("sync")


def esm_ticks_and_promises():
    process.next_tick(lambda: (log("tick"), loop.queue_microtask(lambda: log("promise-from-tick"))))
    loop.queue_microtask(lambda: (log("promise1"), process.next_tick(lambda: log("tick-from-promise"))))
    loop.queue_microtask(lambda: log("promise2"))


cases = {
    "esm-promise-before-tick": esm_promise_before_tick,
    "esm-ticks-and-promises": esm_ticks_and_promises,
}
process.on("exit", lambda code: print(",".join(out), flush=True))
process.run_main(cases[which], module="esm")
