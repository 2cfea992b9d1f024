"""Twin of process_exit.mjs on nodespec.reference.process."""
import sys

from nodespec.reference import loop, process
from nodespec.reference.errors import NodeError

which = sys.argv[1]


def say(*parts):
    print(" ".join(str(p) for p in parts), flush=True)


def watch():
    process.on("beforeExit", lambda code: say("beforeExit", code))
    process.on("exit", lambda code: say("exit", code))


def normal():
    watch()
    say("main done")


def exit_code():
    watch()
    process.exit_code = 7


def exit_call():
    watch()
    process.exit(3)
    say("after exit")


def uncaught():
    watch()
    raise RuntimeError("boom from main")


def uncaught_handler():
    watch()
    process.on("uncaughtException", lambda err, origin: say("caught", str(err), origin))
    loop.set_timeout(lambda: say("still running"), 10)
    raise RuntimeError("boom")


def uncaught_handler_timer():
    watch()
    process.on("uncaughtException", lambda err, origin: say("caught", str(err), origin))

    def throw():
        raise RuntimeError("boom in a timer")

    loop.set_timeout(throw, 0)
    loop.set_timeout(lambda: say("still running"), 20)


def exit_listener_defers():
    def on_exit(code):
        loop.set_timeout(lambda: say("timer ran"), 0)
        process.next_tick(lambda: say("tick ran"))
        say("exit", code)

    process.on("exit", on_exit)


def exit_in_exit_listener():
    def on_exit(code):
        say("exit listener got", code)
        process.exit(0)

    process.once("exit", on_exit)
    raise RuntimeError("boom from main")


def bad_code(value):
    def run():
        try:
            process.exit_code = value
            say("accepted")
        except NodeError as e:
            say("error", e.name, e.code)

    return run


def exit_listener_throws():
    def on_exit(code):
        raise RuntimeError("thrown in exit")

    process.on("exit", on_exit)
    how = sys.argv[2] if len(sys.argv) > 2 else None
    if how == "exit-code-3":
        process.exit_code = 3
    if how == "exit-0":
        process.exit(0)


cases = {
    "normal": normal,
    "exit-code": exit_code,
    "exit-call": exit_call,
    "uncaught": uncaught,
    "uncaught-handler": uncaught_handler,
    "uncaught-handler-timer": uncaught_handler_timer,
    "exit-listener-defers": exit_listener_defers,
    "exit-in-exit-listener": exit_in_exit_listener,
    "exit-code-string": bad_code("abc"),
    "exit-code-fraction": bad_code(1.5),
    "exit-listener-throws": exit_listener_throws,
}
process.run_main(cases[which], module="esm")  # the twin of an ES module
