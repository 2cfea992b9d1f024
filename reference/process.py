"""Node's ``process`` object, for Python: identity, environment, exit codes, signals, IPC.

The module behaves like Node's global ``process``: ``process.pid``, ``process.cwd()``,
``process.next_tick(fn)``, ``process.on('exit', fn)``… all work on the module itself, because every
name the module does not define is looked up on the one ``Process`` object (``process.process``),
an ``EventEmitter``.

A Python program gets Node's process life cycle by handing its main function to ``run_main``::

    from nodespec.reference import process
    def main():
        process.on("exit", lambda code: print("exit", code))
        process.next_tick(print, "tick")
    process.run_main(main)      # runs main, then the event loop, then 'beforeExit' / 'exit'

Node's rules, as Node 20 has them (``lib/internal/process/per_thread.js``, ``execution.js``):
``process.exit(n)`` emits 'exit' with n and ends the process at once; a normal end emits
'beforeExit' then 'exit' with ``process.exit_code or 0``; an uncaught exception with no
'uncaughtException' listener emits 'exit' with 1, prints the error to stderr and exits 1; a listener
for a signal replaces the signal's default action and receives ``(name, number)``.
"""

from __future__ import annotations

import ctypes
import errno as _errno
import importlib
import os
import resource
import signal as _signal
import sys
import time
import traceback
import types
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from nodespec.reference import loop as _loop
from nodespec.reference.errors import NodeError, errno_code, error_named, node_error, system_error
from nodespec.reference.js import inspect, to_int32, to_number, to_string
from nodespec.reference.lines import node_line, since
from nodespec.reference.types import NULL
from nodespec.reference.validators import invalid_arg_type, out_of_range

try:  # the events engineer's EventEmitter; a minimal stand-in only while that module does not exist
    from nodespec.reference.events import EventEmitter
except ModuleNotFoundError as _missing:  # pragma: no cover - only before events.py exists
    if _missing.name != "nodespec.reference.events":
        raise

    class EventEmitter:  # type: ignore[no-redef]
        """FALLBACK (until nodespec.reference.events exists): on/once/off/emit/listener_count."""

        def __init__(self) -> None:
            self._events: dict[Any, list[Callable[..., Any]]] = {}

        def on(self, name: Any, fn: Callable[..., Any]) -> Any:
            if "newListener" in self._events:
                self.emit("newListener", name, fn)
            self._events.setdefault(name, []).append(fn)
            return self

        add_listener = on

        def once(self, name: Any, fn: Callable[..., Any]) -> Any:
            def wrapper(*args: Any) -> Any:
                self.remove_listener(name, wrapper)
                return fn(*args)

            wrapper.listener = fn  # type: ignore[attr-defined]
            return self.on(name, wrapper)

        def remove_listener(self, name: Any, fn: Callable[..., Any]) -> Any:
            lst = self._events.get(name, [])
            for i in range(len(lst) - 1, -1, -1):
                if lst[i] is fn or getattr(lst[i], "listener", None) is fn:
                    del lst[i]
                    if not lst:
                        del self._events[name]
                    if "removeListener" in self._events:
                        self.emit("removeListener", name, fn)
                    break
            return self

        off = remove_listener

        def remove_all_listeners(self, name: Any = None) -> Any:
            if name is None:
                self._events.clear()
            else:
                self._events.pop(name, None)
            return self

        def emit(self, name: Any, *args: Any) -> bool:
            lst = list(self._events.get(name, []))
            if not lst:
                if name == "error":
                    err = args[0] if args else None
                    if isinstance(err, BaseException):
                        raise err
                    raise node_error("ERR_UNHANDLED_ERROR", f"Unhandled error. ({err!r})")
                return False
            for fn in lst:
                fn(*args)
            return True

        def listener_count(self, name: Any) -> int:
            return len(self._events.get(name, []))

        def listeners(self, name: Any) -> list[Callable[..., Any]]:
            return [getattr(f, "listener", f) for f in self._events.get(name, [])]


SIGNALS: dict[str, int] = {
    name: int(getattr(_signal, name))
    for name in dir(_signal)
    if name.startswith("SIG") and not name.startswith("SIG_") and isinstance(getattr(_signal, name), int)
}
SIGNAL_NAMES: dict[int, str] = {}
for _name, _num in sorted(SIGNALS.items()):
    # prefer the canonical name (SIGABRT over SIGIOT, SIGCHLD over SIGCLD)
    if _num not in SIGNAL_NAMES or _name in ("SIGABRT", "SIGCHLD", "SIGIO", "SIGSYS"):
        SIGNAL_NAMES[_num] = _name

_LISTENABLE = {
    "SIGINT",
    "SIGTERM",
    "SIGQUIT",
    "SIGHUP",
    "SIGUSR1",
    "SIGUSR2",
    "SIGWINCH",
    "SIGPIPE",
    "SIGALRM",
    "SIGCHLD",
    "SIGCONT",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGBREAK",
}


def signal_number(sig: str | int) -> int:
    """Node's ``convertToValidSignal``: a name or a number; anything else is ERR_UNKNOWN_SIGNAL."""
    if isinstance(sig, bool):
        raise node_error("ERR_UNKNOWN_SIGNAL", sig)
    if isinstance(sig, int):
        if sig in SIGNAL_NAMES or sig == 0:
            return sig
        raise node_error("ERR_UNKNOWN_SIGNAL", sig)
    if isinstance(sig, str) and sig in SIGNALS:
        return SIGNALS[sig]
    raise node_error("ERR_UNKNOWN_SIGNAL", sig)


class Env(MutableMapping[str, str]):
    """``process.env``: assigning converts the value to a string (Node: ``'42'``, ``'undefined'``);
    a missing name reads as None (``undefined``) through ``get``; the real environment changes too."""

    def __getitem__(self, name: str) -> str:
        return os.environ[name]

    def __setitem__(self, name: str, value: Any) -> None:
        os.environ[name] = to_string(value)

    def __delitem__(self, name: str) -> None:
        os.environ.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(os.environ)

    def __len__(self) -> int:
        return len(os.environ)

    def __repr__(self) -> str:
        return repr(dict(os.environ))


def _set_comm(title: str) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(15, title.encode("utf-8")[:15] + b"\0", 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):  # pragma: no cover - non-Linux
        pass


def _cmdline_capacity() -> int:
    """libuv can only write a title into the memory of the original argv: its length minus one."""
    try:
        with open("/proc/self/cmdline", "rb") as f:
            return max(0, len(f.read()) - 1)
    except OSError:  # pragma: no cover
        return 4096


class Process(EventEmitter):
    """The process object. Node's names in snake_case: ``exit_code``, ``exec_path``, ``next_tick``."""

    _inspect_name = "process"  # Node's leak warning names it "[process]"

    platform = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, sys.platform)

    def __init__(self) -> None:
        super().__init__()
        self._start = time.monotonic()
        self.env = Env()
        self.exec_path = sys.executable
        self.argv = (
            [sys.executable]
            + [os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""]
            + list(sys.argv[1:])
        )
        self.argv0 = sys.argv[0] if sys.argv else ""
        self._exit_code: int | None = None  # what the process will exit with (Node's int32 field)
        self._exit_code_given: Any = None  # what was assigned: Node 20's process.exitCode reads it back
        self._exiting = False
        self._title = os.path.basename(sys.executable)
        self.loop = _loop.default_loop
        self._channel_obj: Any = None
        self._channel_checked = False
        self._channel_closed_hooks: list[Callable[[], Any]] = []
        self._channel_refs = 0
        self.on("newListener", self._on_new_listener)
        self.on("removeListener", self._on_remove_listener)
        self._warned_trace_hint = False
        # process.noDeprecation / process.throwDeprecation (--no-deprecation, --throw-deprecation):
        # DeprecationWarnings are dropped, or thrown as uncaught on a later tick (emit_warning).
        self.no_deprecation = False
        self.throw_deprecation = False
        self.default_warning_listener = self.print_warning  # one object, so it can be removed
        self.on("warning", self.default_warning_listener)

    # -- identity ----------------------------------------------------------------------------
    @property
    def pid(self) -> int:
        return os.getpid()

    @property
    def ppid(self) -> int:
        return os.getppid()

    def cwd(self) -> str:
        return os.getcwd()

    def chdir(self, directory: str) -> None:
        # lib/internal/bootstrap/switches/does_own_process_state.js: validateString(directory, 'directory')
        # (os.chdir would take an int as a file descriptor).
        if not isinstance(directory, str):
            raise invalid_arg_type("directory", "string", directory)
        try:
            os.chdir(directory)
        except OSError as error:
            number, code = errno_code(error)
            description = os.strerror(number).lower() if number else "unknown error"
            if number == _errno.ENOENT:
                description = "no such file or directory"
            cwd = os.getcwd()
            raise system_error(
                code,
                f"{code}: {description}, chdir {inspect(cwd)} -> {inspect(directory)}",
                errno=-number,
                syscall="chdir",
                path=cwd,
                dest=directory,
            ) from None

    def uptime(self) -> float:
        """Seconds since the process started, as a float (Node: ``process.uptime()``)."""
        return time.monotonic() - self._start

    def hrtime_bigint(self) -> int:
        return time.monotonic_ns()

    @property
    def title(self) -> str:
        return self._title

    @title.setter
    def title(self, value: str) -> None:
        # libuv writes the title over the original argv: it is cut to that length (in bytes).
        raw = str(value).encode("utf-8")[: _cmdline_capacity()]
        self._title = raw.decode("utf-8", errors="replace")
        _set_comm(self._title)

    # -- exit ----------------------------------------------------------------------------------
    @property
    def exit_code(self) -> Any:
        """Node 20 reads back what was assigned ('1', null); from Node 22 the int32 the process will
        exit with (1, undefined) — the getter reads the native field since 22."""
        if since(22):
            return self._exit_code
        return self._exit_code_given

    @exit_code.setter
    def exit_code(self, code: Any) -> None:
        self._exit_code = _validate_code(code)
        self._exit_code_given = code

    def exit(self, code: Any = None) -> None:
        """Emit 'exit' with ``process.exitCode || 0`` (once), then end the process at once (``os._exit``):
        on Node 20 ``process.exit('2')`` gives the 'exit' listeners '2', from 22 the number 2."""
        if code is not None:
            self.exit_code = code
        self._end(self.exit_code or 0)

    def _end(self, code: Any) -> None:
        if not self._exiting:
            self._exiting = True
            try:
                self.emit("exit", code)
            except Exception as error:  # noqa: BLE001 - an 'exit' listener threw: an uncaught exception
                # while exiting: Node prints it and exits with process.exitCode if one was set, else 1.
                sys.stdout.flush()
                sys.stderr.write(_format_uncaught(error))
                self._really_exit(1 if self._exit_code is None else self._exit_code)
        self._really_exit(self._exit_code or 0)

    def really_exit(self, code: int = 0) -> None:
        self._really_exit(code)

    @staticmethod
    def _really_exit(code: int) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a closed pipe must not change the exit code
                pass
        os._exit(code & 0xFF)

    def abort(self) -> None:
        os.abort()

    # -- event loop ----------------------------------------------------------------------------
    def next_tick(self, callback: Callable[..., Any], *args: Any) -> None:
        if not callable(callback):  # lib/internal/process/task_queues.js: validateFunction
            raise invalid_arg_type("callback", "function", callback)
        if self._exiting:  # Node drops nextTicks queued while exiting
            return
        self.loop.next_tick(callback, *args)

    def emit_warning(self, warning: Any, type_: str | None = None, code: str | None = None) -> None:
        """Emit 'warning' on a later tick (``process.emitWarning``). As in Node, printing is the job
        of a default 'warning' listener installed at start-up (``print_warning``), so it prints
        ``(node:PID) Name: message`` before any listener added later runs, and a program that removes
        every 'warning' listener silences it (``lib/internal/process/warning.js``)."""
        if isinstance(warning, str):
            warning = _Warning(warning, type_ or "Warning", code)
        elif not isinstance(warning, BaseException):  # lib/internal/process/warning.js
            raise invalid_arg_type("warning", ["string", "Error"], warning)
        if getattr(warning, "name", None) == "DeprecationWarning":
            if self.no_deprecation:
                return
            if self.throw_deprecation:  # after the warnings already queued, as Node delays it
                self.loop.next_tick(_throw, warning)
                return
        self.loop.next_tick(self.emit, "warning", warning)

    def print_warning(self, warning: Any) -> None:
        """Node's default 'warning' listener (``onWarning``): one line on stderr, and once per process
        the hint about ``--trace-warnings``."""
        name = getattr(warning, "name", type(warning).__name__)
        message = getattr(warning, "message", str(warning))
        wcode = getattr(warning, "code", None)
        prefix = f"[{wcode}] " if wcode else ""
        sys.stdout.flush()
        sys.stderr.write(f"(node:{self.pid}) {prefix}{name}: {message}\n")
        if not self._warned_trace_hint:
            self._warned_trace_hint = True
            flag = "--trace-deprecation" if name == "DeprecationWarning" else "--trace-warnings"
            sys.stderr.write(f"(Use `node {flag} ...` to show where the warning was created)\n")
        sys.stderr.flush()

    # -- signals -------------------------------------------------------------------------------
    def kill(self, pid: int, sig: str | int = "SIGTERM") -> bool:
        # lib/internal/process/per_thread.js: `if (pid != (pid | 0)) throw ERR_INVALID_ARG_TYPE`,
        # so 2 ** 40, 1.5 and NaN are refused; a number or numeric string that is an int32 passes.
        value = _loop._to_number(pid) if isinstance(pid, (int, float, str)) and not isinstance(pid, bool) else None
        if value is None or not (value == value and value.is_integer() and -(2**31) <= value < 2**31):
            raise invalid_arg_type("pid", "number", pid)
        number = signal_number(sig)
        try:
            os.kill(int(value), number)
        except ProcessLookupError:
            raise system_error("ESRCH", "kill ESRCH", errno=-3, syscall="kill") from None
        except PermissionError:
            raise system_error("EPERM", "kill EPERM", errno=-1, syscall="kill") from None
        return True

    def _on_new_listener(self, name: Any, _listener: Any = None) -> None:
        if isinstance(name, str) and name in SIGNALS:
            if name in ("SIGKILL", "SIGSTOP"):
                raise system_error("EINVAL", "uv_signal_start EINVAL", errno=-22, syscall="uv_signal_start")
            if self.listener_count(name) == 0 and name in _LISTENABLE:
                self.loop.add_signal_handler(SIGNALS[name], self._deliver_signal)
        elif name in ("message", "disconnect") and self.channel is not None:
            if self.listener_count("message") + self.listener_count("disconnect") == 0:
                self.channel.ref()

    def _on_remove_listener(self, name: Any, _listener: Any = None) -> None:
        if isinstance(name, str) and name in SIGNALS and self.listener_count(name) == 0:
            self.loop.remove_signal_handler(SIGNALS[name])
        elif name in ("message", "disconnect") and self.channel is not None:
            if self.listener_count("message") + self.listener_count("disconnect") == 0:
                self.channel.unref()

    def _deliver_signal(self, signum: int) -> None:
        name = SIGNAL_NAMES.get(signum, str(signum))
        self.emit(name, name, signum)

    # -- IPC (a process started by child_process.fork) -----------------------------------------
    @property
    def channel(self) -> Any:
        """``process.channel``: the IPC channel to the parent, None (undefined) in a process started
        without one (set up on first use: child_process imports this module)."""
        if not self._channel_checked:
            self._channel_checked = True
            fd = os.environ.pop("NODE_CHANNEL_FD", None)
            if fd is not None:
                from nodespec.reference.child_process import Channel

                self._channel_obj = Channel(int(fd), owner=self, refed=False)
                if self.listener_count("message") + self.listener_count("disconnect") > 0:
                    self._channel_obj.ref()
        return self._channel_obj

    def __getattr__(self, name: str) -> Any:
        """What one Node line has and a later one removed: ``process._channel`` (DEP0129, an alias of
        ``process.channel`` that warns) up to Node 24; ``process.assert`` (DEP0100) up to Node 22.
        Python's way to say "no such property" on the other lines is AttributeError. What Node 22 added
        (execve, threadCpuUsage, ref, unref). And what only a process started with an IPC channel has:
        ``process.send`` and ``process.disconnect``."""
        if name in ("send", "disconnect") and self.channel is not None:
            return self._send if name == "send" else self._disconnect
        if name == "_channel" and not since(26):
            emit_deprecation("_channel is deprecated. Use ChildProcess.channel instead.", "DEP0129")
            return self.channel
        if name == "assert_" and not since(24):
            return _process_assert
        if name in _SINCE_22 and since(22):
            return getattr(self, _SINCE_22[name])
        raise AttributeError(f"'process' has no attribute {name!r} on Node {node_line()}")

    def _channel_closed(self) -> None:
        for hook in list(self._channel_closed_hooks):
            hook()

    @property
    def connected(self) -> bool | None:
        return None if self.channel is None else self.channel.connected

    def _send(self, message: Any, handle: Any = None, callback: Callable[..., Any] | None = None) -> bool:
        return bool(self.channel.send(message, handle, callback))

    def _disconnect(self) -> None:
        self.channel.disconnect()

    # -- modules -------------------------------------------------------------------------------
    @staticmethod
    def get_builtin_module(module_id: Any) -> Any:
        """``process.getBuiltinModule(id)``: the reference's module for one of Node's built-in modules it
        models (``'events'`` or ``'node:events'``…), the module an import gives; None (undefined) for
        any other id, as Node gives for an id that is not a built-in."""
        if not isinstance(module_id, str):
            raise invalid_arg_type("id", "string", module_id)
        name = module_id.removeprefix("node:")
        if name not in _BUILTIN_MODULES:
            return None
        return importlib.import_module(f"nodespec.reference.{name}")

    # -- new in Node 22 (process.__getattr__ hides them on Node 20) ------------------------------
    def _execve(self, exec_path: Any, args: Any = None, env: Any = None) -> None:
        """``process.execve(file[, args[, env]])``: replace this process's image (same pid; no 'exit').
        If the exec fails, Node 22 and 24 abort the process; Node 26 throws the system error."""
        if not isinstance(exec_path, str):
            raise invalid_arg_type("execPath", "string", exec_path)
        if args is None:
            args = []
        elif not isinstance(args, (list, tuple)):
            raise invalid_arg_type("args", "Array", args)
        if env is None:
            env = dict(self.env)
        elif not isinstance(env, dict) or env is NULL:
            raise invalid_arg_type("env", "object", env)
        self.emit_warning("process.execve is an experimental feature and might change at any time",
                          "ExperimentalWarning")
        argv = [to_string(a) for a in args]
        pairs = {to_string(k): to_string(v) for k, v in env.items() if v is not None}
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        try:
            os.execve(exec_path, argv, pairs)
        except OSError as error:
            number, code = errno_code(error)
            if not since(26):  # src/node_process_methods.cc: a fatal error before 26
                sys.stderr.write(f"process.execve failed with error code {code}\n")
                sys.stderr.flush()
                os.abort()
            text = os.strerror(number)
            raise system_error(code, f"{code}, {text} {inspect(exec_path)}", errno=error.errno,
                               syscall="execve", path=exec_path) from None

    def _thread_cpu_usage(self, previous: Any = None) -> dict[str, int]:
        """``process.threadCpuUsage([previousValue])``: this thread's user and system CPU time in
        microseconds, or the difference from ``previousValue``."""
        usage = resource.getrusage(resource.RUSAGE_THREAD)
        now = {"user": int(usage.ru_utime * 1e6), "system": int(usage.ru_stime * 1e6)}
        if previous is None:
            return now
        for key in ("user", "system"):  # lib/internal/process/per_thread.js: previousValueIsValid
            value = previous.get(key) if isinstance(previous, dict) else None
            if not (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 2**53):
                raise error_named("RangeError", f"The property 'prevValue.{key}' is invalid. Received {inspect(value)}",
                                  "ERR_INVALID_ARG_VALUE")  # Node's ERR_INVALID_ARG_VALUE.RangeError
        return {key: now[key] - int(previous[key]) for key in ("user", "system")}

    @staticmethod
    def _ref(maybe_refable: Any = None) -> None:
        """``process.ref(maybeRefable)``: call its ref() if it has one (a timer, a server…)."""
        ref = getattr(maybe_refable, "ref", None)
        if callable(ref):
            ref()

    @staticmethod
    def _unref(maybe_refable: Any = None) -> None:
        """``process.unref(maybeRefable)``: call its unref() if it has one."""
        unref = getattr(maybe_refable, "unref", None)
        if callable(unref):
            unref()

    # -- stdio ---------------------------------------------------------------------------------
    @property
    def stdout(self) -> Any:
        return sys.stdout

    @property
    def stderr(self) -> Any:
        return sys.stderr

    @property
    def stdin(self) -> Any:
        return sys.stdin


class _Warning(Exception):
    def __init__(self, message: str, name: str = "Warning", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.code = code


_BUILTIN_MODULES = frozenset({"events", "buffer", "crypto", "child_process", "cluster", "process", "string_decoder"})
"""Node's built-in modules the reference provides (fs, net and stream exist only as far as the others need)."""

_SINCE_22 = {"execve": "_execve", "thread_cpu_usage": "_thread_cpu_usage", "ref": "_ref", "unref": "_unref"}
"""process.* added in Node 22 (none of them on Node 20): Node's name in snake_case → the method."""

_deprecations_warned: set[str] = set()


def emit_deprecation(message: str, code: str) -> None:
    """``util.deprecate``'s warning: one DeprecationWarning per code per process."""
    if code not in _deprecations_warned:
        _deprecations_warned.add(code)
        process.emit_warning(message, "DeprecationWarning", code)


def _process_assert(value: Any, message: Any = None) -> None:
    """``process.assert(value[, message])`` (Node 20 and 22; removed in 24): deprecated (DEP0100)."""
    emit_deprecation("process.assert() is deprecated. Please use the `assert` module instead.", "DEP0100")
    if not value:
        raise node_error("ERR_ASSERTION", message or "assertion error")


def _validate_code(code: Any) -> int | None:
    """``validateInteger`` of lib/internal/bootstrap/node.js's exitCode setter (an integral string
    counts as its number: ' 3 ', '0x10'); the int32 the process exits with, or None."""
    if code is None or code is NULL:
        return None
    value = code
    if isinstance(code, str) and code != "":
        number = to_number(code)
        if isinstance(number, int) or (number == number and number.is_integer()):
            value = number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_arg_type("code", "number", code)
    if isinstance(value, float):
        if not value.is_integer():
            raise out_of_range("code", "an integer", value)
        value = int(value)
    return to_int32(value)


process = Process()


def init_process_state() -> None:
    """Make this module's state this process's own, as importing it in a fresh interpreter does: run in
    a process forked from a template that imported it (``nodespec.reference.forkserver``) when its
    program first imports it. The process object stays the same object (other modules hold it) but is
    constructed anew: argv, uptime, exit code, listeners, the IPC channel (``NODE_CHANNEL_FD``, read on
    first use)."""
    global _life_cycle
    vars(process).clear()
    Process.__init__(process)
    _deprecations_warned.clear()
    _life_cycle = None


def _throw(error: BaseException) -> None:
    raise error


def _format_uncaught(error: BaseException) -> str:
    if isinstance(error, NodeError):
        head = (
            f"{error.name} [{error.code}]: {error.message}"
            if error.code
            else f"{error.name}: {error.message}"
        )
    elif isinstance(error, _Warning):
        head = f"{error.name}: {error.message}"
    else:
        head = f"{type(error).__name__}: {error}"
    tb = "".join(traceback.format_tb(error.__traceback__)) if error.__traceback__ else ""
    return f"{tb}\n{head}\n"


def handle_uncaught(error: BaseException, origin: str = "uncaughtException") -> None:
    """Node's ``createOnGlobalUncaughtException``: 'uncaughtException' listeners, or exit 1.
    ``origin`` is 'unhandledRejection' for an error thrown by an ES module's top level (its
    evaluation is a promise that rejects)."""
    if process.listener_count("uncaughtException") > 0:
        process.emit("uncaughtException", error, origin)
        return
    process._exit_code = 1
    if not process._exiting:
        process._exiting = True
        try:
            process.emit("exit", 1)
        except BaseException:  # noqa: BLE001
            pass
    sys.stdout.flush()
    sys.stderr.write(_format_uncaught(error))
    process._really_exit(1)


def reset_signal_dispositions() -> None:
    """What Node does at start-up (``ResetSignalHandlers`` in src/node.cc): every signal a parent may
    have ignored goes back to its default action, SIGPIPE stays ignored; and Python's SIGINT handler
    (KeyboardInterrupt) gives way to the default action too, so SIGINT kills as it kills Node."""
    for number in sorted(set(SIGNALS.values())):
        if number in (_signal.SIGKILL, _signal.SIGSTOP, _signal.SIGPIPE) or number in process.loop._signal_handlers:
            continue
        try:
            current = _signal.getsignal(number)
            if current is _signal.SIG_IGN or current is _signal.default_int_handler:
                _signal.signal(number, _signal.SIG_DFL)
        except (OSError, ValueError, RuntimeError):  # not settable here (or not from this thread)
            pass


def run_main(main: Callable[[], Any] | None = None, module: str = "cjs") -> Any:
    """Run a Python program the way Node runs a main module, and end the process like Node.

    ``main()`` runs synchronously; then the event loop runs until nothing keeps it alive; then
    'beforeExit' (which may schedule more work), and finally 'exit' and the exit code. Never returns,
    except inside a running asyncio loop, where it returns the asyncio task that ends the process
    when the (guest) loop is idle.

    ``module="cjs"`` (default): a CommonJS main module, whose nextTicks run before its promise
    callbacks. ``module="esm"``: an ES module, which Node evaluates inside a promise job, so V8
    drains the microtask queue (promise callbacks, queueMicrotask) before Node's nextTick queue
    gets its first turn.
    """
    lp = process.loop
    lp.uncaught_handler = handle_uncaught
    reset_signal_dispositions()
    try:
        if main is not None:
            main()
    except Exception as error:  # noqa: BLE001 - an uncaught exception in the main module
        handle_uncaught(error, "unhandledRejection" if module == "esm" else "uncaughtException")
    if module == "esm":
        while lp._microtasks:
            lp._invoke(lp._microtasks.popleft())
    events = sys.modules.get("asyncio.events")
    host = events._get_running_loop() if events is not None else None
    if host is not None:
        # Inside asyncio the loop is asyncio's guest: the rest of the life cycle is an asyncio task
        # (returned, so the caller can await it), and the process still ends as Node's does.
        global _life_cycle
        _life_cycle = host.create_task(_life_cycle_async())
        return _life_cycle
    while True:
        lp.run(timeout=None)
        process.emit("beforeExit", process._exit_code or 0)
        if not lp.pending():
            break
    process._end(process._exit_code or 0)  # from native code: the int32, on every line


_life_cycle: Any = None  # inside asyncio: the task run_main left to end the process


async def _life_cycle_async() -> None:
    """``run_main``'s end inside asyncio: wait until the guest loop is idle, 'beforeExit', again while
    it scheduled work, then 'exit' and the exit code."""
    lp = process.loop
    while True:
        await lp.idle()
        process.emit("beforeExit", process._exit_code or 0)
        if not lp.pending():
            break
    process._end(process._exit_code or 0)


def __getattr__(name: str) -> Any:  # the module is the process: process.pid, process.on(...)
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(process, name)


class _ProcessModule(types.ModuleType):
    """Assignments to the module reach the process object: ``process.exit_code = 7``,
    ``process.title = 'name'``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") and (hasattr(Process, name) or name in vars(process)):
            setattr(process, name, value)
        else:
            super().__setattr__(name, value)


# The module's class swapped for a ModuleType subclass: Python's one way (a module-level __setattr__ does
# not exist) to make ``process.exit_code = 7`` on the module reach the process object, as in Node.
sys.modules[__name__].__class__ = _ProcessModule


# Node's module-level helpers (``from nodespec.reference.process import next_tick, emit_warning``…) are the
# process object's, read through the module's __getattr__ above.
__all__ = [
    "Process",
    "process",
    "run_main",
    "handle_uncaught",
    "signal_number",
    "SIGNALS",
    "SIGNAL_NAMES",
]
