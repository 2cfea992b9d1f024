"""Twin of process_lines.mjs on nodespec.reference.process, behaving as the Node line the harness
selects (NODESPEC_NODE_LINE)."""
import json
import os
import sys
import time

from nodespec.reference import child_process, crypto, events, loop, net, process
from nodespec.reference.events import EventEmitter
from nodespec.reference.js import console_text
from nodespec.reference.types import NULL

here = os.path.abspath(__file__)
which = sys.argv[1]
warnings = []
process.on("warning", warnings.append)
set_in_parent = None  # a module global: the parent sets it before fork()


def say(*parts):
    print(console_text(*parts), flush=True)


def typeof(value):
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "function" if callable(value) else "object"


def codes():
    return ",".join(f"{w.name} {w.code}" for w in warnings) or "none"


EXIT_CODE_VALUES = {"string-1": "1", "hex-string": "0x10", "null": NULL, "two-pow-31": 2**31}


def exit_code_reads():
    process.exit_code = EXIT_CODE_VALUES[sys.argv[2]]
    v = process.exit_code
    say("exitCode", typeof(v), json.dumps(v) if isinstance(v, str) else v)


def exit_listener_code():
    process.on("exit", lambda code: say("exit", typeof(code), code))
    process.exit("2")


def assert_():
    check = getattr(process, "assert_", None)
    threw = ""
    if check is not None:
        check(True)
        try:
            check(False, "nope")
        except Exception as e:  # noqa: BLE001 - reported as the program's output
            threw = f" throws {e.name} {e.code} {e.message}"
    loop.set_immediate(lambda: say(f"process.assert {typeof(check)}{threw} warnings {codes()}"))


def net_server_without_new():
    server = net.Server()  # Python has no `new`: calling the class is the only way
    say("instanceof Server", isinstance(server, net.Server), "instanceof EventEmitter", isinstance(server, EventEmitter))


def send_without_ipc():
    say("process.send", typeof(getattr(process, "send", None)), "process.connected", process.connected)


def send_in_fork():
    child = child_process.fork(here, ["child-send"])
    child.on("message", lambda m: say("child says", m))


def child_send():
    process.send(f"process.send {typeof(getattr(process, 'send', None))}", lambda *a: process.disconnect())


def fork_fresh_globals():
    global set_in_parent
    set_in_parent = "parent"
    child = child_process.fork(here, ["child-globals"])
    child.on("message", lambda m: say("child sees setInParent", m["seen"], "own pid",
                                      m["pid"] != process.pid and m["pid"] == child.pid))


def child_globals():
    process.send({"seen": typeof(set_in_parent), "pid": process.pid}, lambda *a: process.disconnect())


def blocked_timer():
    t0 = time.monotonic()
    loop.set_timeout(lambda: say("timer ran after the loop", time.monotonic() - t0 >= 0.3), 10)
    while time.monotonic() - t0 < 0.3:  # the one thread that runs callbacks is busy
        pass
    say("loop done")


def typeof_case():
    name = sys.argv[2]
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name)  # Node's camelCase, the reference's snake_case
    say(f"process.{name}", typeof(getattr(process, snake, None)))


def execve():
    process.on("exit", lambda code: say("exit listener ran"))
    say("before execve")
    script = f'echo "after execve, same pid: $([ $$ = {process.pid} ] && echo true || echo false)"'
    process.execve("/bin/sh", ["sh", "-c", script])
    say("after the call")


def execve_missing():
    try:
        process.execve("/nonexistent/nodespec", ["x"])
    except Exception as e:  # noqa: BLE001 - reported as the program's output
        say("threw", e.name, e.code, e.syscall, e.message)


def unref_timer():
    timer = loop.set_timeout(lambda: say("timer ran"), 5000)
    process.unref(timer)
    say("unref returned")


def ref_timer():
    timer = loop.set_timeout(lambda: say("timer ran"), 20)
    timer.unref()
    process.ref(timer)


def ref_plain():
    process.ref({})
    process.unref(5)
    say("nothing to ref: no error")


def thread_cpu_usage():
    usage = process.thread_cpu_usage()
    since = process.thread_cpu_usage(usage)
    now = process.thread_cpu_usage()
    values = [usage["user"], usage["system"], since["user"], since["system"]]
    say("keys", ",".join(usage), "integers", all(isinstance(v, int) for v in values),
        "a difference", 0 <= since["user"] <= now["user"] and 0 <= since["system"] <= now["system"])
    try:
        process.thread_cpu_usage({"user": -1, "system": 0})
    except Exception as e:  # noqa: BLE001 - reported as the program's output
        say("error", e.name, e.code, e.message)


def builtin_modules():
    get = process.get_builtin_module
    say("events", get("node:events") is events, "unprefixed", get("events") is events,
        "crypto", get("node:crypto") is crypto, "child_process", get("node:child_process") is child_process,
        "process", get("node:process") is process)


def builtin_modules_bad_id():
    try:
        process.get_builtin_module(5)
    except Exception as e:  # noqa: BLE001 - reported as the program's output
        say("error", e.name, e.code, e.message)


def no_deprecation():
    process.no_deprecation = True
    process.emit_warning("old API", "DeprecationWarning", "DEP0XXX")
    process.emit_warning("something else")
    loop.set_immediate(lambda: say("warnings", ",".join(f"{w.name} {w.message}" for w in warnings) or "none"))


def throw_deprecation():
    process.throw_deprecation = True
    process.on("exit", lambda code: say("exit", code))
    process.emit_warning("old API", "DeprecationWarning", "DEP0XXX")
    say("emitWarning returned")


cases = {
    "exit-code-reads": exit_code_reads,
    "exit-listener-code": exit_listener_code,
    "assert": assert_,
    "net-server-without-new": net_server_without_new,
    "send-without-ipc": send_without_ipc,
    "send-in-fork": send_in_fork,
    "child-send": child_send,
    "fork-fresh-globals": fork_fresh_globals,
    "child-globals": child_globals,
    "blocked-timer": blocked_timer,
    "typeof": typeof_case,
    "execve": execve,
    "execve-env": lambda: process.execve("/usr/bin/env", ["env"], {"ONLY": "this"}),
    "execve-missing": execve_missing,
    "unref-timer": unref_timer,
    "ref-timer": ref_timer,
    "ref-plain": ref_plain,
    "thread-cpu-usage": thread_cpu_usage,
    "builtin-modules": builtin_modules,
    "builtin-modules-unknown": lambda: say(", ".join(f"{i} {typeof(process.get_builtin_module(i))}"
                                                     for i in ("nope", "node:nope", "test", "./x.js"))),
    "builtin-modules-bad-id": builtin_modules_bad_id,
    "no-deprecation": no_deprecation,
    "throw-deprecation": throw_deprecation,
}
process.run_main(cases[which], module="esm")  # the twin of an ES module
