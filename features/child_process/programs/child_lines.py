"""Twin of child_lines.mjs on nodespec.reference.child_process, behaving as the Node line the harness
selects (NODESPEC_NODE_LINE)."""
import os
import platform
import sys

from nodespec.reference import child_process as cp
from nodespec.reference import loop, process
from nodespec.reference.js import console_text

here = os.path.abspath(__file__)
which = sys.argv[1]
warnings = []
process.on("warning", warnings.append)


def say(*parts):
    print(console_text(*parts), flush=True)


q = cp.json_stringify


def typeof(obj, name):
    """``typeof obj[name]`` for the one property these cases read."""
    return "undefined" if getattr(obj, name, None) is None else "object"


def say_warnings():
    say("warnings", ",".join(f"{w.name} {w.code}" for w in warnings) or "none")


def then_warnings():
    loop.set_immediate(say_warnings)  # process.emitWarning emits on a later tick


def output(child, done):
    acc = []
    child.stdout.on("data", lambda d: acc.append(d.decode()))
    child.on("close", lambda *a: done("".join(acc)))


def printed(out):
    say("stdout", q(out))
    then_warnings()


def shell_args_message():
    cp.spawn("true", ["x"], {"shell": True})
    loop.set_immediate(lambda: [say(w.name, w.code, w.message) for w in warnings])


def shell_args_twice():
    cp.spawn("true", ["x"], {"shell": True})
    cp.exec_file("true", ["y"], {"shell": "/bin/sh"}, lambda *a: None)
    loop.set_immediate(lambda: say("DEP0190 warnings", len([w for w in warnings if w.code == "DEP0190"])))


def fork_channel():
    child = cp.fork(here, ["child-channel"])
    say("parent typeof _channel", typeof(child, "_channel"), "is channel", getattr(child, "_channel", None) is child.channel)
    child.on("message", lambda m: say("child", m))
    child.on("close", lambda *a: say_warnings())


def child_channel():
    line = console_text("typeof _channel", typeof(process, "_channel"), "is channel",
                        getattr(process, "_channel", None) is process.channel)

    def report():
        process.send(f"{line} warnings {','.join(w.code for w in warnings) or 'none'}", lambda *a: process.disconnect())

    loop.set_immediate(report)


def spawn_command_line():
    child = cp.spawn("echo hello")
    child.on("error", lambda e: say("error", e.code, q(e.message)))
    child.on("close", lambda code, signal: say("close", code, signal))


def execfile_version():
    # The runtime's own version flag: node -v prints process.version, python --version "Python X.Y.Z".
    def done(error, stdout, stderr):
        say("error", error, "stdout is the version and a newline", stdout == f"Python {platform.python_version()}\n",
            "stderr", q(stderr))

    cp.exec_file(sys.executable, ["--version"], done)


def fork_missing_module():
    child = cp.fork("./for_compute.py", [], {"silent": True})
    err = []
    child.stderr.on("data", lambda d: err.append(d.decode()))
    child.on("message", lambda m: say("message", m))
    child.on("close", lambda code, signal: say("close", code, signal, "Cannot find module", "Cannot find module" in "".join(err)))


def bad_option():
    option, raw = sys.argv[2:4]
    value = "x" if raw == "'x'" else float(raw) if "." in raw else int(raw)
    try:
        if option == "maxBuffer":
            cp.exec_file("true", [], {"maxBuffer": value}, lambda *a: None)
        else:
            cp.spawn("true", [], {option: value})
        say("no error")
    except Exception as e:  # noqa: BLE001 - reported as the program's output
        say("error", e.name, e.code, e.message)


cases = {
    "shell-args": lambda: output(cp.spawn("echo", ["a", "b"], {"shell": True}), printed),
    "execfile-shell-args": lambda: cp.exec_file("echo", ["a", "b"], {"shell": True}, lambda err, out, e: printed(out)),
    "shell-no-args": lambda: output(cp.spawn("echo a b", [], {"shell": True}), printed),
    "exec-command-line": lambda: cp.exec("echo a b", lambda err, out, e: printed(out)),
    "shell-args-message": shell_args_message,
    "shell-args-twice": shell_args_twice,
    "fork-channel": fork_channel,
    "child-channel": child_channel,
    "bad-option": bad_option,
    "spawn-command-line": spawn_command_line,
    "spawn-program-and-args": lambda: output(cp.spawn("echo", ["hello"]), lambda out: say("stdout", q(out))),
    "execfile-version": execfile_version,
    "fork-missing-module": fork_missing_module,
}
process.run_main(cases[which], module="esm")  # the twin of an ES module
