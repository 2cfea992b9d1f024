"""Twin of child_cases.mjs on nodespec.reference.child_process."""
import datetime
import os
import sys
import tempfile
import time

from nodespec.reference import child_process as cp
from nodespec.reference import cluster, loop, process
from nodespec.reference.errors import NodeError
from nodespec.reference.js import console_text
from nodespec.reference.types import NULL

here = os.path.abspath(__file__)
which = sys.argv[1]


def say(*parts):
    print(console_text(*parts), flush=True)


q = cp.json_stringify


def collect(child, done):
    acc = {"out": "", "err": ""}
    child.stdout.on("data", lambda d: acc.__setitem__("out", acc["out"] + d.decode()))
    child.stderr.on("data", lambda d: acc.__setitem__("err", acc["err"] + d.decode()))
    child.on("close", lambda code, signal: done(acc["out"], acc["err"], code, signal))


def spawn_streamed():
    child = cp.spawn("sh", ["-c", "echo one; sleep 0.3; echo two"])
    chunks = []
    child.stdout.on("data", lambda d: chunks.append(d.decode()))
    child.on("close", lambda *a: say("chunks", len(chunks) >= 2, q("".join(chunks))))


def spawn_events():
    seen = []
    child = cp.spawn("sh", ["-c", "echo hi"])
    child.stdout.on("data", lambda d: None)
    for name in ("spawn", "exit", "close"):
        child.on(name, lambda *a, name=name: seen.append(name))
    child.on("close", lambda *a: say("events", ",".join(seen)))


def spawn_exit_code():
    child = cp.spawn("sh", ["-c", "exit 3"])
    child.on("exit", lambda code, signal: say("exit", code, signal))
    child.on("close", lambda code, signal: say("close", code, signal))


def spawn_enoent():
    threw = False
    try:
        child = cp.spawn("nonexistent-cmd-nodespec", ["a", "b"])
    except Exception:
        threw = True
    say("threw", threw, "pid", child.pid)
    child.on("error", lambda e: say("error", e.code, e.errno, q(e.message), e.syscall, e.path, q(e.spawnargs)))
    child.on("exit", lambda *a: say("exit event"))
    child.on("close", lambda code, signal: say("close", code, signal))


def spawn_enoent_streams():
    child = cp.spawn("nonexistent-cmd-nodespec")
    child.on("error", lambda e: None)
    say("stdin null", child.stdin is NULL, "writable", child.stdin.writable, "readable", child.stdin.readable)
    for name in ("stdout", "stderr"):
        stream = getattr(child, name)
        say(name, "null", stream is NULL, "readable", stream.readable)


def spawn_enoent_stdio_events():
    seen = []
    child = cp.spawn("nonexistent-cmd-nodespec")
    child.on("error", lambda e: seen.append("error"))
    if sys.argv[2:] == ["with-stdin"]:
        child.stdin.on("close", lambda: seen.append("stdin close"))
    for name in ("stdout", "stderr"):
        for event in ("end", "close"):
            getattr(child, name).on(event, lambda name=name, event=event: seen.append(f"{name} {event}"))
    child.on("close", lambda code, signal: seen.append(console_text("close", code, signal)))
    process.on("exit", lambda *a: say("events", ",".join(seen)))


def spawn_enoent_stdin_write():
    seen = []
    child = cp.spawn("nonexistent-cmd-nodespec")
    child.on("error", lambda e: say("error", e.code))
    for event in ("error", "close"):
        child.stdin.on(event, lambda *a, event=event: seen.append(event))
    returned = child.stdin.write("x", lambda e: say("callback", e.name, e.code, e.errno, e.syscall, q(e.message)))
    say("write returned", returned)
    process.on("exit", lambda *a: say("stdin events", ",".join(seen)))


def spawn_enotdir():
    try:
        cp.spawn(f"{here}/x", ["a"])
        say("no throw")
    except NodeError as e:
        say("threw", e.name, e.code, e.errno, e.syscall, q(e.message), "path", getattr(e, "path", None))


def spawn_enoent_exit_code():
    child = cp.spawn("nonexistent-cmd-nodespec")
    say("after spawn", child.exit_code, child.signal_code)
    child.on("error", lambda e: say("at error", child.exit_code, child.signal_code))


def spawn_stdin():
    child = cp.spawn("cat")
    collect(child, lambda out, *a: say("echoed", q(out)))
    child.stdin.write("hello ")
    child.stdin.end("world")


def spawn_stdin_closed():
    child = cp.spawn("sh", ["-c", "exec 0<&-; echo ready; exec sleep 5"])
    child.stdin.on("error", lambda e: say("stdin error", e.code))

    def on_close():
        say("stdin close")
        child.kill()

    def on_ready(_d):
        returned = child.stdin.write("x", lambda e: say("callback", e.name, e.code, e.errno, e.syscall, q(e.message)))
        say("write returned", returned)

    child.stdin.on("close", on_close)
    child.stdout.once("data", on_ready)


def spawn_stdin_after_exit():
    child = cp.spawn("true")
    child.stdin.on("error", lambda e: say("stdin error", e.code))

    def on_exit(*_a):
        returned = child.stdin.write("x", lambda e: say("callback", e.name, e.code, q(e.message)))
        say("write returned", returned)

    child.on("exit", on_exit)


def spawn_no_shebang():
    script = os.path.join(tempfile.gettempdir(), f"nodespec-no-shebang-{os.getpid()}")
    with open(script, "w") as f:
        f.write('echo "script ran with" "$@"\n')
    os.chmod(script, 0o755)
    process.on("exit", lambda *a: os.remove(script))
    collect(cp.spawn(script, ["a", "b"]), lambda out, _err, code, _signal: say("stdout", q(out), "code", code))


def spawn_stdin_end():
    seen = []
    child = cp.spawn(sys.argv[2] if len(sys.argv) > 2 else "cat")
    child.on("error", lambda e: seen.append(f"error {e.code}"))
    if child.stdout is not NULL:
        child.stdout.on("data", lambda d: None)
    for event in ("finish", "error", "close"):
        child.stdin.on(event, lambda *a, event=event: seen.append(f"stdin {event}"))
    child.stdin.end("x", lambda e: seen.append(console_text("end callback", e if e is NULL else e.code)))
    say("writable", child.stdin.writable)
    process.on("exit", lambda *a: say(",".join(seen)))


def spawn_pid():
    child = cp.spawn("sh", ["-c", "echo $$"])
    pid = child.pid
    collect(child, lambda out, *a: say("pid-is-child", isinstance(pid, int) and pid > 0, int(out.strip()) == pid))


def exec_bytes():
    n = int(sys.argv[2])

    def done(err, out, _err):
        head = f"error {err.name} {err.code} {q(err.message)}" if err else "ok"
        say(head, "stdout-bytes", len(out))

    cp.exec(f"head -c {n} /dev/zero", done)


def exec_maxbuffer_kill():
    t0 = time.monotonic()
    holder = {}

    def done(err, out, _e):
        child = holder["child"]
        say("error", err.code, "stdout-bytes", len(out), "killed", child.killed, "prompt", time.monotonic() - t0 < 3)

    child = cp.exec("head -c 2000 /dev/zero; sleep 5", {"maxBuffer": 1000}, done)
    holder["child"] = child
    child.on("exit", lambda code, signal: say("exit", code, signal))


def exec_timeout():
    t0 = time.monotonic()
    cp.exec("sleep 5", {"timeout": 100}, lambda err, *a: say("code", err.code, "killed", err.killed, "signal", err.signal, "prompt", time.monotonic() - t0 < 3))


def execfile_literal():
    marker = "/tmp/nodespec-execfile-marker"
    if os.path.exists(marker):
        os.remove(marker)
    cp.exec_file("echo", [f"hi; touch {marker}"], lambda err, out, e: say("stdout", q(out), "marker-created", os.path.exists(marker)))


def kill_default():
    child = cp.spawn("sleep", ["5"])
    child.on("exit", lambda code, signal: say("exit", code, signal, "killed", child.killed))
    child.on("spawn", lambda: say("kill returned", child.kill()))


def kill_signal():
    child = cp.spawn("sleep", ["5"])
    child.on("exit", lambda code, signal: say("exit", code, signal, "signalCode", child.signal_code, "exitCode", child.exit_code))
    child.on("spawn", lambda: child.kill(sys.argv[2]))


def kill_unknown():
    child = cp.spawn("sleep", ["5"])
    try:
        child.kill("SIGNOPE")
        say("sent")
    except NodeError as e:
        say("error", e.name, e.code)
    child.kill("SIGKILL")


def kill_after_exit():
    child = cp.spawn("true")
    child.on("exit", lambda *a: say("kill returned", child.kill(), "killed", child.killed))


def kill_handled():
    child = cp.fork(here, ["child-handles-sigterm"])
    child.on("message", lambda m: child.kill("SIGTERM"))
    child.on("exit", lambda code, signal: say("exit", code, signal))


def child_handles_sigterm():
    process.on("SIGTERM", lambda *a: process.exit(0))
    loop.set_interval(lambda: None, 1000)
    process.send("ready")


def fork_failed():
    child = cp.fork(here, ["child-waits"], {"execPath": "/nonexistent-nodespec/node"})
    seen = []
    child.on("error", lambda e: seen.append(console_text("error", e.code, "connected", child.connected)))
    child.on("close", lambda code, signal: seen.append(console_text("close", code, signal)))
    child.on("disconnect", lambda: seen.append(console_text("disconnect connected", child.connected)))
    returned = child.send("hi", lambda e: seen.append(console_text("send callback", e.code, e.syscall)))
    say("connected", child.connected, "send returned", returned)
    process.on("exit", lambda *a: say(",".join(seen)))


def fork_roundtrip():
    child = cp.fork(here, ["child-echo"])

    def on_message(m):
        say("parent got", m["reply"], "from-child-pid", m["pid"] == child.pid)
        child.disconnect()

    child.on("message", on_message)
    child.on("exit", lambda code, signal: say("exit", code, signal))
    child.send("ping")


def child_echo():
    process.on("message", lambda m: process.send({"reply": f"{m}-pong", "pid": process.pid}))


def fork_serialize():
    values = {
        "date": datetime.datetime(2020, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.UTC),
        "nan": {"n": float("nan"), "i": float("inf")},
        "undefined": {"kept": 1, "dropped": None},  # None is undefined
        "buffer": b"hi",
        "map": {("a", 1)},  # Python has no Map; a set serializes like Map and Set: {}
        "array": [1, None, "x"],
        "error": Exception("lost"),
        "function": {"kept": True, "f": lambda: None},
    }
    child = cp.fork(here, ["child-serialize"])

    def on_message(m):
        say("received", q(m))
        if child.connected:
            child.disconnect()

    child.on("message", on_message)
    child.send(values[sys.argv[2]])


def child_serialize():
    process.once("message", lambda m: process.send(m))


def fork_disconnect():
    child = cp.fork(here, ["child-waits"])

    def on_message(_m):
        child.disconnect()
        say("connected", child.connected)

    child.on("message", on_message)
    child.on("disconnect", lambda: say("parent disconnect"))
    child.on("exit", lambda code, signal: say("exit", code, signal))


def child_waits():
    process.on("message", lambda m: None)
    process.send("ready")


def fork_send_after_disconnect():
    child = cp.fork(here, ["child-waits"])

    def on_message(_m):
        child.disconnect()
        child.send("late", lambda err: say("callback error", err.code, q(err.message)))

    child.on("message", on_message)


def fork_no_listener():
    child = cp.fork(here, ["child-no-listener"])
    child.on("exit", lambda code, signal: say("exit", code, signal, "connected-at-start", True))


def fork_internal():
    child = cp.fork(here, ["child-internal"])
    got = []
    child.on("message", lambda m: got.append(q(m)))
    child.on("exit", lambda *a: say("received", " ".join(got)))


def child_internal():
    process.send({"cmd": "NODE_FOO"})
    process.send({"cmd": "NODEX"})
    process.send("plain")


def fork_child_throws():
    child = cp.fork(here, ["child-throws"], {"silent": True})
    child.on("exit", lambda code, signal: say("exit", code, signal))


def child_throws():
    raise RuntimeError("child failed")


def fork_exit_code():
    child = cp.fork(here, ["child-exit-code"])
    child.on("exit", lambda code, signal: say("exit", code, signal))


def child_exit_code():
    process.exit_code = 42


def fork_send_server_twice():
    server = cluster.Server()
    got = []

    def next_child(n):
        if n == 2:
            say("handles", " ".join(got))
            server.close()
            return
        child = cp.fork(here, ["child-takes-server"])
        child.on("message", lambda m, *handle: got.append(m))
        child.on("exit", lambda *a: next_child(n + 1))
        child.send("server", server)

    server.listen(0, "127.0.0.1", lambda: next_child(0))


def child_takes_server():
    def on_message(m, handle=None):
        process.send(type(handle).__name__ if handle is not None else "undefined")
        if handle is not None:
            handle.close()  # the child's copy only: the parent's server keeps listening

    process.once("message", on_message)


cases = {
    "spawn-stdout": lambda: collect(cp.spawn("sh", ["-c", "echo hello"]), lambda out, err, *a: say("stdout", q(out), "stderr", q(err))),
    "spawn-stderr": lambda: collect(cp.spawn("sh", ["-c", "echo oops >&2"]), lambda out, err, *a: say("stdout", q(out), "stderr", q(err))),
    "spawn-streamed": spawn_streamed,
    "spawn-cwd": lambda: collect(cp.spawn("pwd", [], {"cwd": "/usr"}), lambda out, *a: say("pwd", out.strip())),
    "spawn-env": lambda: collect(cp.spawn("/usr/bin/env", [], {"env": {"ONLY": "this"}}), lambda out, *a: say("env", q(out))),
    "spawn-events": spawn_events,
    "spawn-exit-code": spawn_exit_code,
    "spawn-enoent": spawn_enoent,
    "spawn-enoent-streams": spawn_enoent_streams,
    "spawn-enoent-stdio-events": spawn_enoent_stdio_events,
    "spawn-enoent-stdin-write": spawn_enoent_stdin_write,
    "spawn-enotdir": spawn_enotdir,
    "spawn-enoent-exit-code": spawn_enoent_exit_code,
    "spawn-stdin": spawn_stdin,
    "spawn-stdin-closed": spawn_stdin_closed,
    "spawn-stdin-after-exit": spawn_stdin_after_exit,
    "spawn-no-shebang": spawn_no_shebang,
    "spawn-stdin-end": spawn_stdin_end,
    "spawn-pid": spawn_pid,
    "spawn-shell": lambda: collect(cp.spawn("echo $((2+3))", {"shell": True}), lambda out, *a: say("stdout", q(out))),
    "exec-shell": lambda: cp.exec("echo $((1+2)) | tr 3 three", lambda err, out, e: say("error", err, "stdout", q(out), "stderr", q(e))),
    "exec-bytes": exec_bytes,
    "exec-maxbuffer-kill": exec_maxbuffer_kill,
    "exec-maxbuffer-stderr": lambda: cp.exec("head -c 2000 /dev/zero >&2", {"maxBuffer": 1000}, lambda err, out, e: say("error", err.code, q(err.message), "stderr-bytes", len(e))),
    "exec-nonzero": lambda: cp.exec("echo bad >&2; exit 3", lambda err, out, e: say("code", err.code, "killed", err.killed, "signal", err.signal, "message", q(err.message), "stderr", q(e))),
    "exec-missing": lambda: cp.exec("nonexistent-cmd-nodespec", lambda err, *a: say("code", err.code)),
    "exec-timeout": exec_timeout,
    "exec-stdin-open": lambda: cp.exec("cat", {"timeout": 300}, lambda err, out, e: say("killed", err.killed, "signal", err.signal, "stdout", q(out))),
    "exec-shell-killed": lambda: cp.exec("kill -TERM $$", lambda err, *a: say("code", err.code, "killed", err.killed, "signal", err.signal)),
    "execfile-literal": execfile_literal,
    "execfile-no-expansion": lambda: cp.exec_file("echo", ["$HOME", "*"], lambda err, out, e: say("stdout", q(out))),
    "execfile-enoent": lambda: cp.exec_file("nonexistent-cmd-nodespec", ["a"], lambda err, out, e: say("error", err.code, err.syscall, "stdout", q(out))),
    "kill-default": kill_default,
    "kill-signal": kill_signal,
    "kill-unknown": kill_unknown,
    "kill-after-exit": kill_after_exit,
    "kill-handled": kill_handled,
    "child-handles-sigterm": child_handles_sigterm,
    "fork-failed": fork_failed,
    "fork-roundtrip": fork_roundtrip,
    "child-echo": child_echo,
    "fork-serialize": fork_serialize,
    "child-serialize": child_serialize,
    "fork-disconnect": fork_disconnect,
    "child-waits": child_waits,
    "fork-send-after-disconnect": fork_send_after_disconnect,
    "fork-no-listener": fork_no_listener,
    "child-no-listener": lambda: None,
    "fork-internal": fork_internal,
    "child-internal": child_internal,
    "fork-child-throws": fork_child_throws,
    "child-throws": child_throws,
    "fork-exit-code": fork_exit_code,
    "child-exit-code": child_exit_code,
    "fork-send-server-twice": fork_send_server_twice,
    "child-takes-server": child_takes_server,
}
process.run_main(cases[which], module="esm")  # the twin of an ES module
