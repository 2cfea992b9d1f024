"""A warm template process that forks Python workers on request: a cluster respawn costs a fork, not
an interpreter start.

Why Python needs this: Node starts a worker by starting node (tens of milliseconds); a fresh Python
that imports the reference costs as much or more, most of it imports. The primary therefore keeps one
template process that has imported the reference (the loop, events, Buffer, crypto, process,
child_process, cluster…) and forks a worker from it when asked. What a fresh ``python module.py`` would
set up, the forked worker sets up itself: its stdio and IPC descriptors (sent with ``SCM_RIGHTS``),
environment, working directory, ``sys.argv``/``sys.path[0]``, signal dispositions and ``sys.std*``
objects; then it runs the module as ``__main__``. The state the ``process`` and ``cluster`` modules
keep of the process (argv, start time, role, IPC channel) is set up again when the module first
imports them, as a fresh interpreter's import sets it up (their ``init_process_state``).

The worker must be the primary's child, as in Node (``process.ppid``, exit statuses, ``wait``): the
template forks it with ``clone3(CLONE_PARENT)``, which makes it its parent's, the primary's, from its
first instruction (:func:`_fork_sibling`). The template lives exactly as long as the primary: it
ignores the signals that stop a program (blocked: Ctrl-C reaches the whole process group), dies with
the primary (``PR_SET_PDEATHSIG``) and exits when its control socket closes.

A template is a started interpreter (~0.1 s of CPU), so a process forked from one whose source names
``child_process`` or ``cluster`` (a harness's program, a worker) first forks a copy of the template it
still is, as its own: its children are forks of that copy (``child_process.fork`` too), not starts.

Only what a template can reproduce is forked from it: the primary's Python (``sys.executable``, no
``execArgv``), a module file (a harness's program: also ``-m MODULE …``), stdio of 'inherit', 'pipe'
or 'ignore', and an environment whose ``PYTHON*``, ``LD_*`` and ``NODESPEC_NODE_LINE`` variables are the
template's (they act at interpreter start, or when the template imports the reference). Anything else,
or a template that does not answer, is an ordinary spawn.
"""

from __future__ import annotations

import array
import builtins
import ctypes
import errno
import fcntl
import gc
import importlib
import importlib.machinery
import importlib.util
import io
import json
import os
import runpy
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import types
import warnings
from typing import Any

_PR_SET_PDEATHSIG = 1
_SYS_CLONE3 = 435  # the same on every architecture (Linux 5.3)
# clone(2), for where clone3 is refused with ENOSYS (Docker's default seccomp profile): its number where
# its arguments' order is known (x86_64: flags, stack, parent_tid, child_tid, tls).
_SYS_CLONE = {"x86_64": 56}.get(os.uname().machine)
_CLONE_PARENT = 0x00008000
_CLONE_CHILD_CLEARTID = 0x00200000
_CLONE_CHILD_SETTID = 0x01000000
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
_READY_TIMEOUT_S = 30.0  # a template that is not up by then is given up (cold spawns from then on)
_ANSWER_TIMEOUT_S = 5.0
_MAX_FDS = 4  # stdin, stdout, stderr, the IPC channel
# Imported by the template. Stateless at import (no module here reads the process's environment, argv
# or descriptors when imported, so a forked worker may use them as its own), but for _PER_PROCESS's.
PRELOAD = (
    "array", "codecs", "ctypes", "datetime", "errno", "json", "math", "selectors", "socket",
    "platform", "random", "resource", "shutil", "subprocess", "tempfile", "traceback",
    "nodespec.reference.loop", "nodespec.reference.events", "nodespec.reference.buffer",
    "nodespec.reference.crypto", "nodespec.reference.string_decoder", "nodespec.reference.fs",
    "nodespec.reference.process", "nodespec.reference.child_process", "nodespec.reference.cluster",
    "nodespec.reference.net", "nodespec.reference.stream",
)
# The preloaded modules whose import sets up state of the process (pid, argv, the start time,
# NODE_UNIQUE_ID, the IPC channel: process and cluster, each with an init_process_state), or imports
# process: in a forked process each is imported anew (_PerProcessModules).
_PROCESS = "nodespec.reference.process"
_PER_PROCESS = (_PROCESS, "nodespec.reference.child_process", "nodespec.reference.cluster",
                "nodespec.reference.net", "nodespec.reference.stream")
# What makes a process a cluster worker or a child with an IPC channel: each forked process's own, never
# the template's (importing cluster there would set up a worker on the template's descriptors).
_ROLE_VARIABLES = ("NODE_UNIQUE_ID", "NODE_CHANNEL_FD")


def _prctl(option: int, value: int) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    return int(libc.prctl(option, value, 0, 0, 0)) == 0


def _startup_env(env: dict[str, str]) -> dict[str, str]:
    """The variables that act before a worker's own code runs: at interpreter start (``PYTHON*``,
    ``LD_*``) or when the template imports the reference (the Node line: ``Buffer.poolSize``)."""
    return {k: v for k, v in env.items() if k.startswith(("PYTHON", "LD_")) or k == "NODESPEC_NODE_LINE"}


# -- the primary's side ------------------------------------------------------------------------------


class Forked:
    """A worker forked by the template, as ``subprocess.Popen`` shows a child: pid, the parent's ends
    of its pipes, ``poll()``. It is this process's child (see the module's docstring)."""

    def __init__(self, pid: int, pipes: list[Any]) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self.stdin, self.stdout, self.stderr = pipes

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


class Program:
    """A program forked by the template in its own session (``mode="program"``), as
    ``subprocess.Popen`` shows a child: it is the template's child, which reports its exit status."""

    def __init__(self, server: ForkServer, pid: int, pipes: list[Any], argv: list[str]) -> None:
        self.server, self.pid, self.args = server, pid, argv
        self.returncode: int | None = None
        self.stdin, self.stdout, self.stderr = pipes

    def poll(self) -> int | None:
        if self.returncode is None:
            self.server.read_exits(0)
            self.returncode = self.server.exits.pop(self.pid, None)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        unreported = None  # since when the program is gone but the template has not said how
        while self.poll() is None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
            self.server.read_exits(1.0 if left is None else min(left, 1.0))
            if self.returncode is None and not _running(self.pid):
                unreported = unreported or time.monotonic()
                if time.monotonic() - unreported > _ANSWER_TIMEOUT_S:  # a template stopped or stuck
                    self.returncode = -signal.SIGKILL
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, number: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer:
    """The handle on a template: started on first use, asked for one process at a time."""

    def __init__(self, env: dict[str, str] | None = None, preload: tuple[str, ...] = ()) -> None:
        """``preload``: modules the template imports beyond ``PRELOAD`` (what its programs all import
        first, e.g. the module of ``python -m MODULE``), stateless at import as those are."""
        self.env = dict(os.environ if env is None else env)
        self.exits: dict[int, int] = {}  # pid → exit code of a program (negative: the signal)
        self._pending: set[int] = set()
        self._buf = b""
        self.child: int | None = None  # an adopted template's pid (this process's child, not a Popen)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock = ours
        code = f"from nodespec.reference import forkserver; forkserver.template({theirs.fileno()}, {os.getpid()}, {preload!r}).run()"
        try:
            self.popen: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-c", code],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
                close_fds=True,
            )
        except OSError:
            self.popen = None
        finally:
            theirs.close()
        self.ready = False

    @classmethod
    def adopt(cls, sock: socket.socket, pid: int) -> ForkServer:
        """The handle on a template this process forked at its start (:func:`_program_template`): this
        process's child, ready at once, preloaded with this process's environment."""
        server = cls.__new__(cls)
        server.env = dict(os.environ)
        server.exits, server._pending, server._buf = {}, set(), b""
        server.sock, server.popen, server.ready, server.child = sock, None, True, pid
        return server

    def alive(self) -> bool:
        return self.popen is not None or self.child is not None

    def close(self) -> None:
        """Stop the template (it holds nothing: SIGKILL; programs it forked die with it) and reap it."""
        popen, self.popen = self.popen, None
        child, self.child = self.child, None
        self.sock.close()
        self.exits.update(dict.fromkeys(self._pending, -signal.SIGKILL))
        self._pending.clear()
        if popen is not None:
            popen.kill()
            popen.wait()
        if child is not None:
            try:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

    def _line(self, timeout: float | None, exits_only: bool = False) -> dict[str, Any] | None:
        """The template's next message (None: none within ``timeout``, or the template is gone); exit
        reports of programs are filed in ``exits`` on the way (``exits_only``: until one is)."""
        while True:
            if b"\n" in self._buf:
                line, self._buf = self._buf.split(b"\n", 1)
                message = dict(json.loads(line))
                if "exit" in message:
                    self.exits[message["exit"]] = message["code"]
                    self._pending.discard(message["exit"])
                    if exits_only:
                        return None
                    continue
                return message
            self.sock.settimeout(timeout)
            try:
                chunk = self.sock.recv(65536)
            except OSError:  # a timeout too
                return None
            if not chunk:  # the template is gone, and its programs with it (PR_SET_PDEATHSIG)
                self.exits.update(dict.fromkeys(self._pending, -signal.SIGKILL))
                self._pending.clear()
                return None
            self._buf += chunk

    def read_exits(self, timeout: float | None) -> None:
        """File the exit reports that arrive within ``timeout`` (0: those already sent), returning at the
        first one (a waiter looks at once, instead of reading on until the timeout)."""
        if self.popen is None or not self._pending:
            return
        self._line(timeout, exits_only=True)

    def fork(self, argv: list[str], env: dict[str, str], cwd: str | None, stdio: list[Any], ipc: int | None = None,
             mode: str = "worker") -> Any:
        """One process running ``python argv[0] argv[1:]`` (or ``python -m MODULE …``, a program only),
        None when the template cannot make it:
        a cluster worker (``mode="worker"``, this process's child: a :class:`Forked`) or a harness's
        program (``mode="program"``, in its own session: a :class:`Program`)."""
        same_start = env == self.env if mode == "program" else _startup_env(env) == _startup_env(self.env)
        if not self.alive() or not same_start:
            return None
        if not self.ready:
            if self._line(_READY_TIMEOUT_S) != {"ready": True}:
                self.close()
                return None
            self.ready = True
        ours: list[Any] = [None, None, None]
        theirs: list[int] = []
        opened: list[int] = []
        for i, kind in enumerate(stdio):
            if kind == "inherit":
                theirs.append(i)
            elif kind == "ignore":
                fd = os.open(os.devnull, os.O_RDWR)
                opened.append(fd)
                theirs.append(fd)
            else:  # pipe
                r, w = os.pipe()
                child_end, parent_end = (r, w) if i == 0 else (w, r)
                opened.append(child_end)
                theirs.append(child_end)
                ours[i] = os.fdopen(parent_end, "wb" if i == 0 else "rb", buffering=0)
        request = json.dumps({"argv": argv, "env": env, "cwd": cwd, "mode": mode}).encode() + b"\n"
        fds = [*theirs] if ipc is None else [*theirs, ipc]
        try:
            self.sock.settimeout(_ANSWER_TIMEOUT_S)
            self.sock.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
            answer = self._line(_ANSWER_TIMEOUT_S)
        except OSError:
            answer = None
        finally:
            for fd in opened:
                os.close(fd)
        if not answer or "pid" not in answer:
            for pipe in ours:
                if pipe is not None:
                    pipe.close()
            self.close()
            return None
        if mode == "program":
            self._pending.add(int(answer["pid"]))
            return Program(self, int(answer["pid"]), ours, argv)
        return Forked(int(answer["pid"]), ours)


_server: ForkServer | None = None
_failed = False  # a template that did not start or answer: this process spawns from then on


def has_template() -> bool:
    """Whether this process has a template already (its own, forked at its start, or one it started):
    then a single child costs a fork, not an interpreter start."""
    return _server is not None and _server.alive()


def fork_worker(argv: list[str], env: dict[str, str], cwd: str | None, stdio: list[Any], ipc: int) -> Forked | None:
    """A worker from this process's template (started on first use), this process's child; None: spawn
    it the usual way."""
    global _server, _failed
    # The child starts where this process is now (the template's own directory may be another); a
    # directory that is not there is the spawn's error to report.
    cwd = os.path.join(os.getcwd(), cwd or "")
    if _failed or not (argv and argv[0].endswith(".py") and os.path.isfile(os.path.join(cwd, argv[0]))):
        return None
    if any(kind not in ("inherit", "pipe", "ignore") for kind in stdio) or len(stdio) != 3:
        return None
    if _server is None:
        _server = ForkServer()
    forked: Forked | None = _server.fork(argv, env, cwd, stdio, ipc)
    if forked is None and not _server.alive():
        _failed = True
        close(adopted=True)
    return forked


def close(adopted: bool = False) -> None:
    """Stop the template this process started, if it has one (the supervisor is stopping; the workers
    it forked are this process's children and live on). A template forked at this process's start is
    kept (a later fork is as cheap as the first) unless ``adopted``."""
    global _server
    if _server is not None and (adopted or _server.child is None):
        _server.close()
        _server = None


# -- the template's side -----------------------------------------------------------------------------


class Worker:
    """What a forked worker has to do before it is the process ``python argv[0] …`` would be."""

    def __init__(self, request: dict[str, Any], fds: list[int], code: types.CodeType | None = None) -> None:
        self.request = request
        self.fds = fds
        self.code = code  # argv[0] compiled by the template (None: compiled here)

    def run(self) -> None:
        stdio, ipc = self.fds[:3], self.fds[3:]
        for target, fd in enumerate(stdio):
            os.dup2(fd, target)
        for fd in set(stdio) - {0, 1, 2}:
            os.close(fd)
        # What came meanwhile is delivered now, as to an interpreter starting up: its default action
        # (a Ctrl-C to the group kills it silently); from here on SIGINT is Python's KeyboardInterrupt.
        for number in _STOP_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        env = dict(self.request["env"])
        if ipc:
            os.set_inheritable(ipc[0], True)  # as a spawned child has it
            env["NODE_CHANNEL_FD"] = str(ipc[0])
        _set_environ(env)
        if self.request.get("cwd"):
            os.chdir(self.request["cwd"])
        argv = list(self.request["argv"])
        sys.orig_argv = [sys.executable, *argv]
        _reopen_stdio()
        main = types.ModuleType("__main__")
        main.__dict__["__builtins__"] = builtins
        sys.modules["__main__"] = main
        _PerProcessModules().install()
        try:
            if argv[0] == "-m":  # python -m MODULE ARGS…: runpy runs MODULE in __main__ as the interpreter does
                sys.argv = ["-m", *argv[2:]]  # runpy puts the module's file in argv[0]
                sys.path[0] = os.getcwd()
                runpy._run_module_as_main(argv[1])  # type: ignore[attr-defined]  # what -m calls
                return
            path = argv[0]
            sys.argv = argv
            sys.path[0] = os.path.dirname(os.path.realpath(path))
            main.__file__ = path
            code = self.code
            if code is None:
                with open(path, "rb") as f:
                    code = compile(f.read(), path, "exec", dont_inherit=True)
            exec(code, main.__dict__)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as error:  # noqa: BLE001 - an uncaught exception: Python's report, exit 1
            # without this frame, as a fresh interpreter reports it (the report reads the exception's own)
            error.__traceback__ = error.__traceback__.tb_next if error.__traceback__ else None
            sys.excepthook(type(error), error, error.__traceback__)
            raise SystemExit(1) from None


class _PerProcessModules:
    """In a forked process, the template's modules whose import sets up state of the process (``process``,
    ``cluster``, and those that import ``process``), out of ``sys.modules`` until the program imports each:
    that import gives the template's module object, its state then made this process's own by its
    ``init_process_state``, at the moment and with the argv, environment and descriptors a fresh
    interpreter's import would see (a program may change ``sys.argv`` first; a worker's cluster says
    'online' when it is imported). A meta path finder and the loader of what it finds."""

    def __init__(self) -> None:
        package = sys.modules["nodespec.reference"]
        self.waiting: dict[str, types.ModuleType] = {}
        for name in _PER_PROCESS:
            self.waiting[name] = sys.modules.pop(name)
            delattr(package, name.rpartition(".")[2])  # or `from nodespec.reference import process` finds it
        self.specs = {name: module.__spec__ for name, module in self.waiting.items()}

    def install(self) -> None:
        sys.meta_path.insert(0, self)

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name not in self.waiting:
            return None
        return importlib.util.spec_from_loader(name, self)  # type: ignore[arg-type]  # a Loader by its methods

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return self.waiting.pop(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        module.__spec__ = self.specs[name]
        if not self.waiting:
            sys.meta_path.remove(self)
        if name != _PROCESS:  # each of the others imports process first, as its import statements do
            importlib.import_module(_PROCESS)
        init = getattr(module, "init_process_state", None)
        if init is not None:
            init()


def _set_environ(env: dict[str, str]) -> None:
    """``os.environ`` as a process started with ``env`` has it, in ``env``'s order (a program may list
    it), changing only what differs from the template's: most of it is the same (each change is a
    ``putenv``; all of them cost a forked worker ~0.5 ms)."""
    kept = [name for name in os.environ if name in env]
    if kept != list(env)[: len(kept)]:  # another order: start from nothing
        os.environ.clear()
    for name in [name for name in os.environ if name not in env]:
        del os.environ[name]
    for name, value in env.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def _reopen_stdio() -> None:
    """``sys.stdin/stdout/stderr`` as a fresh interpreter creates them for the descriptors it has now
    (buffering depends on whether each is a terminal; stderr is line-buffered)."""
    unbuffered = bool(getattr(sys.stdout, "write_through", False))  # -u / PYTHONUNBUFFERED: as the template's
    for name, fd, mode in (("stdin", 0, "r"), ("stdout", 1, "w"), ("stderr", 2, "w")):
        old = getattr(sys, name)
        try:
            raw = open(fd, mode + "b", buffering=0 if unbuffered and mode == "w" else -1, closefd=False)
        except OSError:
            setattr(sys, name, None)
            continue
        stream = io.TextIOWrapper(
            raw, encoding=old.encoding if old else None, errors=old.errors if old else None, newline="\n",
            line_buffering=mode == "w" and (name == "stderr" or os.isatty(fd)), write_through=unbuffered,
        )
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _recv_request(sock: socket.socket) -> tuple[dict[str, Any] | None, list[int]]:
    data, fds = b"", array.array("i")
    while not data.endswith(b"\n"):
        chunk, ancdata, _flags, _addr = sock.recvmsg(1 << 20, socket.CMSG_SPACE(_MAX_FDS * fds.itemsize))
        for level, kind, cdata in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(cdata[: len(cdata) - len(cdata) % fds.itemsize])
        if not chunk:
            return None, list(fds)
        data += chunk
    return json.loads(data), list(fds)


def template(fd: int, primary: int, preload: tuple[str, ...] = ()) -> Worker:
    """The template's life: preload, say ready, fork a process per request, report the exits of the
    programs it forked; returns only in a forked process."""
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != primary:  # the primary died before prctl: no signal will come
        os._exit(0)
    # Blocked, not ignored: a signal sent to a forked process before it has set itself up stays
    # pending until it has (Worker.run), where an ignored one would be lost.
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    for name in _ROLE_VARIABLES:
        os.environ.pop(name, None)
    for name in (*PRELOAD, *preload):
        __import__(name)
    from nodespec.reference import loop

    # An epoll instance made here would be every forked process's, shared: the loop makes its own later.
    assert loop.default_loop._selector is None, "a preloaded module used the event loop"
    # A preloaded module that imported process (it holds the module, the object or one of its names)
    # must be imported anew in a forked process, as _PER_PROCESS's are, or a program's first import of
    # it there would not set up process's state. Checked once per template: ~0.6 ms.
    process_module = sys.modules[_PROCESS]
    holding = [name for name, module in list(sys.modules.items())
               if name.startswith("nodespec.") and name not in (*_PER_PROCESS, "nodespec.reference")
               and any(value is process_module or value is process_module.process
                       or getattr(value, "__module__", None) == _PROCESS for value in vars(module).values())]
    assert not holding, f"preloaded, holding process, not in _PER_PROCESS: {holding}"
    # What the template holds stays out of the collector's sight in every forked process: a collection
    # there would otherwise write to (copy on write) each preloaded object's header. Measured forking a
    # process and running a small program in it: 15.2 user + 6.5 sys → 9.2 + 2.7 ms, 2,009 → 645 faults.
    gc.collect()
    gc.freeze()
    sock = socket.socket(fileno=fd)
    sock.sendall(b'{"ready": true}\n')
    return _serve(sock)


class _CloneArgs(ctypes.Structure):
    """clone3(2)'s ``struct clone_args`` (its first version): a stack of 0 is the caller's, as fork's."""

    _fields_ = [(name, ctypes.c_uint64) for name in
                ("flags", "pidfd", "child_tid", "parent_tid", "exit_signal", "stack", "stack_size", "tls")]


_clone_libc: tuple[ctypes.PyDLL, int] | None = None  # libc, and where glibc keeps this thread's id


def _fork_sibling() -> int:
    """``os.fork()``, but the child is this process's parent's (``clone3`` with ``CLONE_PARENT``): a
    worker is the primary's child from its first instruction, as a spawned one is, with no intermediate
    process to orphan it. Python's work around the fork is ``os.fork``'s (``PyOS_BeforeFork``,
    ``PyOS_AfterFork_*``: the import lock, the ``os.register_at_fork`` hooks); glibc's is its ``fork()``'s
    for a process of one thread that registered no ``pthread_atfork`` handler (the template), the kernel
    writing the child's thread id where glibc keeps it, as for ``fork()``; the child has no robust mutex
    list (none is used here). Raises OSError where the kernel refuses (clone3 before Linux 5.3 or under
    a seccomp filter, and clone(2) too or on an architecture without _SYS_CLONE)."""
    global _clone_libc
    # glibc's fork() takes its locks (malloc's, stdio's) first, against another thread holding them; a
    # raw clone does not, which is safe only while this process has no other thread: checked, not assumed.
    if len(os.listdir("/proc/self/task")) != 1:
        raise OSError(errno.EAGAIN, "the template has more than one thread")
    if _clone_libc is None:  # once per template: a CDLL costs ~0.1 ms (it makes a class)
        libc = ctypes.PyDLL(None, use_errno=True)  # PyDLL: the GIL stays held across the call, as os.fork holds it
        libc.syscall.restype = ctypes.c_long
        _clone_libc = (libc, _tid_address(libc))
    libc, tid = _clone_libc
    # No exit_signal: with CLONE_PARENT the child's is this process's own (SIGCHLD: a child of the primary).
    args = _CloneArgs(flags=_CLONE_PARENT | (_CLONE_CHILD_SETTID | _CLONE_CHILD_CLEARTID if tid else 0), child_tid=tid)
    sys.audit("os.fork")
    ctypes.pythonapi.PyOS_BeforeFork()
    pid = libc.syscall(ctypes.c_long(_SYS_CLONE3), ctypes.byref(args), ctypes.c_size_t(ctypes.sizeof(args)))
    if pid < 0 and ctypes.get_errno() == errno.ENOSYS and _SYS_CLONE is not None:
        pid = libc.syscall(ctypes.c_long(_SYS_CLONE), ctypes.c_long(args.flags), ctypes.c_void_p(0),
                           ctypes.c_void_p(0), ctypes.c_void_p(tid), ctypes.c_void_p(0))
    if pid == 0:
        ctypes.pythonapi.PyOS_AfterFork_Child()
        return 0
    ctypes.pythonapi.PyOS_AfterFork_Parent()
    if pid < 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
    return int(pid)


def _tid_address(libc: ctypes.CDLL) -> int:
    """Where glibc keeps the calling thread's id (``struct pthread``'s ``tid``, whose offset it publishes
    for libthread_db), once it is seen to hold this thread's id; 0 where it is not found."""
    try:
        offset = (ctypes.c_uint32 * 3).in_dll(libc, "_thread_db_pthread_tid")[2]  # size, count, offset
    except ValueError:
        return 0
    libc.pthread_self.restype = ctypes.c_void_p
    address = int(libc.pthread_self()) + offset
    return address if ctypes.c_int.from_address(address).value == threading.get_native_id() else 0


# What a program's source names when it may start Python children (child_process.fork, cluster.fork).
_STARTS_CHILDREN = (b"child_process", b"cluster")
_HIGH_FD = 100  # where a program keeps its template's socket: out of the way of the descriptors it opens


def _program_template(program_fds: list[int]) -> Worker | None:
    """In a program just forked, before it runs: fork a copy of the template it still is, as its own
    template (``fork_worker``) — the child it forks then costs a fork, not an interpreter start, and is
    its child (reparented to it, as a cluster primary's worker is). Returns in the program (None) and
    in processes the copy forks (their Worker)."""
    global _server
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    program = os.getpid()
    pid = os.fork()
    if pid == 0:
        ours.close()
        for fd in program_fds:  # the program's stdio: the harness reads them to their end
            os.close(fd)
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != program:
            os._exit(0)
        return _serve(theirs)
    theirs.close()
    try:
        high = fcntl.fcntl(ours.fileno(), fcntl.F_DUPFD_CLOEXEC, _HIGH_FD)
        ours.close()
        ours = socket.socket(fileno=high)
    except OSError:
        pass
    _server = ForkServer.adopt(ours, pid)
    return None


def _started(request: dict[str, Any], fds: list[int], code: types.CodeType | None, own_template: bool) -> Worker:
    """In a process just forked for ``request``: the Worker that runs it, after forking its own template
    first where it may fork Python children (``own_template``); in a process that template forks later,
    that process's Worker."""
    if own_template:
        forked = _program_template(fds)
        if forked is not None:
            return forked
    return Worker(request, fds, code)


_COMPILED: dict[str, tuple[bytes, types.CodeType]] = {}  # path → (its source, its code)


def _prepared(request: dict[str, Any]) -> tuple[types.CodeType | None, bool]:
    """What the template reads of the file a request runs, once per request: its code, compiled once per
    template while the file's source stays the same (a program's source is compiled at every start, as no
    ``.pyc`` is kept for ``__main__``: 0.1-4 ms each), and whether it names child_process or cluster (only
    such a program can fork Python children, so only it gets a template of its own). The code is None where
    the forked process is to compile it: ``python -m MODULE PROGRAM …`` (PROGRAM's source is read), an error."""
    argv = request["argv"]
    module = argv[0] == "-m"
    if module and len(argv) < 3:
        return None, False
    path = argv[2] if module else argv[0]
    where = os.path.join(request.get("cwd") or "", path)
    try:
        with open(where, "rb") as f:
            source = f.read()
    except OSError:  # the forked process meets it and reports it
        return None, False
    starts_children = any(name in source for name in _STARTS_CHILDREN)
    if module:
        return None, starts_children
    cached = _COMPILED.get(where)
    if cached is None or cached[0] != source:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a compile-time warning is the program's to print
                cached = _COMPILED[where] = (source, compile(source, path, "exec", dont_inherit=True))
        except (SyntaxError, ValueError, Warning):  # the forked process meets it and reports it
            return None, starts_children
    return cached[1], starts_children


def _serve(sock: socket.socket) -> Worker:
    """Fork a process per request on ``sock``, report the exits of the programs forked; returns only in
    a forked process."""
    me = os.getpid()
    watch = selectors.DefaultSelector()
    watch.register(sock, selectors.EVENT_READ)
    programs: dict[int, int] = {}  # pidfd → pid of a program this template forked

    def forget_template() -> None:  # in a forked process: nothing of the template's stays open
        watch.close()
        for pidfd in programs:
            os.close(pidfd)
        sock.close()

    def send(message: dict[str, Any]) -> None:
        sock.sendall(json.dumps(message).encode() + b"\n")

    while True:
        for key, _events in watch.select():
            if key.fileobj is not sock:  # a program ended: reap it, report its status
                pidfd = int(key.fd)
                pid = programs.pop(pidfd)
                watch.unregister(pidfd)
                os.close(pidfd)
                _pid, status = os.waitpid(pid, 0)
                send({"exit": pid, "code": os.waitstatus_to_exitcode(status)})
                continue
            request, fds = _recv_request(sock)
            if request is None:
                os._exit(0)  # the primary has gone
            code, starts_children = _prepared(request)
            if request.get("mode") == "program":
                pid = os.fork()
                if pid == 0:
                    forget_template()
                    os.setsid()  # its own process group, which the harness kills at the scenario's end
                    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
                    if os.getppid() != me:
                        os._exit(1)
                    return _started(request, fds, code, starts_children)
                pidfd = os.pidfd_open(pid)
                programs[pidfd] = pid
                watch.register(pidfd, selectors.EVENT_READ)
            else:
                try:
                    pid = _fork_sibling()
                except OSError:  # the primary spawns it
                    pid = -1
                if pid == 0:
                    forget_template()
                    # A cluster worker (NODE_UNIQUE_ID, as Node tells them apart) names cluster as its
                    # primary does, but seldom forks: a template for each would cost every respawn a
                    # fork (a fork of one falls back to starting an interpreter).
                    return _started(request, fds, code, starts_children and "NODE_UNIQUE_ID" not in request["env"])
            for received in fds:
                os.close(received)
            send({"pid": pid} if pid > 0 else {"error": "fork failed"})
