"""Twin of process_order_cjs.cjs (a CommonJS main module) on the reference's event loop.

A promise callback of the JavaScript programs is a microtask here (``loop.queue_microtask``); an
I/O callback is a read callback of the loop's poll phase (a pipe becoming readable)."""
import os
import sys

from nodespec.reference import loop, process

out = []
log = out.append
which = sys.argv[1]
lp = loop.default_loop


def tick_before_promise():
    loop.queue_microtask(lambda: log("promise"))
    process.next_tick(lambda: log("tick"))
    log("sync")


def nested_ticks():
    loop.queue_microtask(lambda: log("promise"))
    process.next_tick(lambda: (log("tick1"), process.next_tick(lambda: log("tick3"))))
    process.next_tick(lambda: log("tick2"))


def microtask_fifo():
    loop.queue_microtask(lambda: log("promise1"))
    loop.queue_microtask(lambda: log("microtask"))
    loop.queue_microtask(lambda: log("promise2"))


def tick_from_promise():
    loop.queue_microtask(lambda: (log("promise1"), process.next_tick(lambda: log("tick-from-promise"))))
    loop.queue_microtask(lambda: log("promise2"))


def microtasks_before_macrotasks():
    loop.set_timeout(lambda: log("macrotask"), 0)
    loop.set_immediate(lambda: log("macrotask"))
    loop.queue_microtask(lambda: log("promise"))
    process.next_tick(lambda: log("tick"))
    log("sync")


def timeout_vs_immediate():
    loop.set_timeout(lambda: log("timeout"), 0)
    loop.set_immediate(lambda: log("immediate"))


def io_callback():
    r, w = os.pipe()
    os.write(w, b"x")
    os.close(w)
    lp.ref()

    def on_readable():
        lp.remove_reader(r)
        os.close(r)
        lp.unref()
        loop.set_timeout(lambda: log("timeout"), 0)
        loop.set_immediate(lambda: log("immediate"))
        loop.queue_microtask(lambda: log("promise"))
        process.next_tick(lambda: log("tick"))

    lp.add_reader(r, on_readable)


def between_immediates():
    def a():
        log("immediateA")
        process.next_tick(lambda: log("tickA"))
        loop.queue_microtask(lambda: log("promiseA"))

    loop.set_immediate(a)
    loop.set_immediate(lambda: log("immediateB"))


def between_timers():
    loop.set_timeout(lambda: (log("timer1"), loop.queue_microtask(lambda: log("promise1"))), 0)
    loop.set_timeout(lambda: log("timer2"), 0)


def immediate_from_immediate():
    loop.set_immediate(lambda: (log("immediateA"), loop.set_immediate(lambda: log("immediateC"))))
    loop.set_immediate(lambda: log("immediateB"))


cases = {
    "tick-before-promise": tick_before_promise,
    "nested-ticks": nested_ticks,
    "microtask-fifo": microtask_fifo,
    "tick-from-promise": tick_from_promise,
    "microtasks-before-macrotasks": microtasks_before_macrotasks,
    "timeout-vs-immediate": timeout_vs_immediate,
    "io-callback": io_callback,
    "between-immediates": between_immediates,
    "between-timers": between_timers,
    "immediate-from-immediate": immediate_from_immediate,
}
process.on("exit", lambda code: print(",".join(out), flush=True))
process.run_main(cases[which], module="cjs")
