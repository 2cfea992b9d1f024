"""Twin of process_info.mjs on nodespec.reference.process."""
import os
import sys

from nodespec.reference import child_process, process
from nodespec.reference.js import console_text

here = os.path.abspath(__file__)
which, rest = sys.argv[1], sys.argv[2:]


def say(*parts):
    print(console_text(*parts), flush=True)


def c_ppid():
    child = child_process.fork(here, ["ppid-child"])

    def on_message(ppid):
        say("ppid-is-parent-pid", ppid == process.pid)
        if child.connected:
            child.disconnect()

    child.on("message", on_message)


def c_chdir_missing():
    try:
        process.chdir("/nonexistent-dir-nodespec")
        say("no error")
    except OSError as e:
        say("error", e.code, e.syscall)


def c_env_delete():
    process.env["NODESPEC_X"] = "a"
    del process.env["NODESPEC_X"]
    say("env", "undefined" if process.env.get("NODESPEC_X") is None else "string")


def c_title_long():
    process.title = "x" * 10000
    say("title-cut", len(process.title) < 10000)


def c_title():
    process.title = "nodespec"
    say("title", process.title)


def c_warning_listener():
    process.on("warning", lambda w: say("warning", w.name, w.message))
    process.emit_warning("something to know")
    say("emitted")


def c_env_number():
    process.env["NODESPEC_X"] = 42
    say("env", "string", process.env["NODESPEC_X"])


def c_env_undefined():
    process.env["NODESPEC_X"] = None
    say("env", "string", process.env["NODESPEC_X"])


def c_stdio():
    process.stdout.write("to stdout\n")
    process.stderr.write("to stderr\n")


def c_chdir():
    process.chdir("/tmp")
    say("cwd", process.cwd())


cases = {
    "pid": lambda: say("pid", isinstance(process.pid, int) and process.pid > 0),
    "ppid": c_ppid,
    "ppid-child": lambda: process.send(process.ppid),
    "cwd": lambda: say("cwd-is-start-directory", os.path.realpath(process.cwd()) == os.path.realpath(os.path.dirname(here))),
    "chdir": c_chdir,
    "chdir-missing": c_chdir_missing,
    "platform": lambda: say("platform", process.platform),
    "uptime": lambda: say("uptime-seconds", isinstance(process.uptime(), float) and 0 <= process.uptime() < 10),
    "env-number": c_env_number,
    "env-undefined": c_env_undefined,
    "env-delete": c_env_delete,
    "env-inherited": lambda: say("env", process.env.get("NODESPEC_GIVEN")),
    "argv-args": lambda: say("args", "[" + ",".join(f'"{a}"' for a in process.argv[3:]) + "]"),
    "argv-0": lambda: say("argv0-is-execPath", process.argv[0] == process.exec_path),
    "argv-1": lambda: say("argv1-is-script", os.path.realpath(process.argv[1]) == os.path.realpath(here)),
    "title": c_title,
    "title-long": c_title_long,
    "id": lambda: say("process.id", getattr(process.process, "id", None)),
    "next-tick-args": lambda: process.next_tick(lambda a, b: say("tick-args", a, b), 1, 2),
    "stdio": c_stdio,
    "warning": lambda: process.emit_warning("something to know"),
    "warning-listener": c_warning_listener,
}
process.run_main(cases[which], module="esm")  # the twin of an ES module
