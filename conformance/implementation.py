"""The Implementation contract: what an implementation declares, and the two ways it is executed.

An implementation answers contract requests (``request``) and runs whole programs (``start_program``).
``InProcessImplementation`` executes requests with the Python interpreter; ``BridgeImplementation``
(``nodespec.bridge``) sends them as JSON lines to a driver process.
"""

from __future__ import annotations

import _signal
import contextlib
import functools
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodespec import FEATURES_DIR, PACKAGE_DIR
from nodespec import node_lines as lines

ALL_MODULES = ("events", "buffer", "crypto", "process", "child_process", "cluster")


def program_dirs() -> list[Path]:
    """Where programs are found: beside the features that run them (``features/<module>/programs/``)."""
    return sorted(FEATURES_DIR.glob("*/programs"))


@dataclass
class Availability:
    available: bool
    why: str | None = None
    install: str | None = None


@dataclass
class ProgramResult:
    """What a whole program did: its exit, its output, how long it took."""

    exit_code: int | None
    signal: str | None
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool = False

    @property
    def stdout_lines(self) -> list[str]:
        return self.stdout.splitlines()

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def _die_with_parent(parent: int) -> None:
    """In the child, before exec: be killed if the harness dies, whatever way it dies (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    if os.getppid() != parent:  # the harness died between fork and prctl: no signal will come
        os._exit(1)


ABOUT = PACKAGE_DIR / "implementations.toml"


def about(name: str) -> dict[str, Any] | None:
    """What the site says about an implementation beyond its verdicts (``implementations.toml``): what it
    is, who ships it to users, the divergences a user would hit first."""
    import tomllib

    try:
        entry = tomllib.loads(ABOUT.read_text()).get(name)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return entry if isinstance(entry, dict) else None


def processes_with_env(needle: bytes) -> set[int]:
    """Live (not zombie) processes whose initial environment contains ``needle`` (``b"NAME=value"``):
    how tests and benchmarks count what a run left behind, since a marker in the environment is
    inherited by everything a run starts, however deep."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and needle in _initial_environ(entry):
            found.add(int(entry))
    return found


_PF_KTHREAD = 0x00200000  # a kernel thread (include/linux/sched.h): no environment of its own, ever


def _initial_environ(pid: str, wait: float = 2.0) -> bytes:
    """``/proc/PID/environ``; empty for a zombie, a kernel thread, and a process gone or not ours.

    A process in the middle of execve shows no environment (and no command line) for a moment: the
    kernel sets both up after it has closed the close-on-exec descriptors, which is when Popen returns
    to its parent. Under load that moment lasts; a run's end once found a process it had just started
    that way, without its marker, and let it outlive the run. Such a process is read again until it has
    them (``wait`` seconds at most)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read()
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[-1].split()
            if fields[0] == "Z" or int(fields[6]) & _PF_KTHREAD:
                return b""
            if env:
                return env
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f.read() or time.monotonic() > deadline:  # an empty environment of its own
                    return env
        except OSError:
            return b""
        time.sleep(0.005)


@functools.cache
def _setpriv() -> str | None:
    """util-linux's setpriv where it can set the parent-death signal and exec (``--pdeathsig``, 2.33+)."""
    path = shutil.which("setpriv")
    if path is None:
        return None
    try:
        works = subprocess.run([path, "--pdeathsig", "KILL", "--", "true"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    return path if works else None


@contextlib.contextmanager
def _stop_signals_at_their_defaults() -> Iterator[None]:
    """SIGINT and SIGQUIT at their default actions in the program spawned meanwhile, when this process has
    them ignored: a shell without job control starts a background command so (``( nodespec run … & )``),
    and so does xdist for its workers; an ignored disposition survives fork and exec, and Bun and Deno —
    unlike Node, which resets them at start-up — then do not die of them (a program's own
    ``process.kill(process.pid, 'SIGINT')`` left it alive). A caught signal is reset to its default by
    exec, so while the program starts they are caught and dropped here; then ignored again, as before."""
    caught = []
    for number in (signal.SIGINT, signal.SIGQUIT):
        try:
            if signal.getsignal(number) == signal.SIG_IGN:
                signal.signal(number, _dropped)
                caught.append(number)
        except ValueError:  # not the main thread: it cannot change them (its spawns inherit what it has)
            pass
    try:
        yield
    finally:
        for number in caught:
            signal.signal(number, signal.SIG_IGN)


def _dropped(signum: int, frame: Any) -> None:
    """A stop signal that this process ignores, arriving while it starts a program."""


def spawn(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """Start a child in its own process group, killed if we die: so nothing outlives the run.

    The death signal is set by ``setpriv --pdeathsig KILL`` exec'ing the program where there is one:
    a ``preexec_fn`` makes Python fork this whole process instead of vfork-ing it, and a worker of a
    whole run holds hundreds of MB (copying its page tables, the child's copy-on-write faults and
    teardown: ~25 ms of CPU per start at 180 MB, against ~4 ms through setpriv). setpriv cannot ask
    whether the harness died before it set the signal, as ``_die_with_parent`` does: in that
    millisecond a program would outlive a harness killed by SIGKILL, until it ends by itself. A
    program named by a relative or missing path is started the old way, which raises as Popen does."""
    with _stop_signals_at_their_defaults():
        if os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK) and (setpriv := _setpriv()):
            return subprocess.Popen([setpriv, "--pdeathsig", "KILL", "--", *argv], start_new_session=True, **kwargs)
        return subprocess.Popen(argv, start_new_session=True, preexec_fn=functools.partial(_die_with_parent, os.getpid()), **kwargs)


def kill_group(proc: subprocess.Popen[Any], sig: int = signal.SIGKILL) -> None:
    """Kill a child and everything it started (its process group), then reap it."""
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def nearest_line(major: int) -> int:
    """The supported line an implementation reporting Node ``major`` is judged against: that line, or
    the newest supported line before it (an odd, current release 25 → 24), or the oldest."""
    if major in lines.SUPPORTED:
        return major
    older = [line for line in lines.SUPPORTED if line < major]
    return older[-1] if older else lines.SUPPORTED[0]


def signal_name(returncode: int | None) -> str | None:
    if returncode is None or returncode >= 0:
        return None
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return str(-returncode)


class RunningProgram:
    """A program started for a scenario that talks to it while it runs (signals, waiting for lines)."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str], start: Any = None) -> None:
        self.argv = argv
        self.started = time.monotonic()
        # ``start``: an implementation's faster way to the same process (a Popen-like, or None)
        self.proc = (start and start(argv, cwd, env)) or spawn(
            argv, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._stdout = bytearray()
        self._stderr = bytearray()
        self.result: ProgramResult | None = None
        # A child of ours is waited for on a pidfd, readable once it has exited (the kernel's word, no
        # polling); a forked reference program's exit comes on its template's socket (Program.wait).
        self._pidfd: int | None = None
        if isinstance(self.proc, subprocess.Popen):
            try:
                self._pidfd = os.pidfd_open(self.proc.pid)
            except (AttributeError, OSError):  # not Linux ≥ 5.3: waited for by polling
                pass

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _pump(self, timeout: float) -> None:
        import selectors

        with selectors.DefaultSelector() as sel:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream is not None and not stream.closed:
                    sel.register(stream, selectors.EVENT_READ)
            if not sel.get_map():
                time.sleep(timeout)
                return
            for key, _ in sel.select(timeout):
                chunk = os.read(key.fileobj.fileno(), 65536)  # type: ignore[union-attr]
                if not chunk:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()  # type: ignore[union-attr]
                elif key.fileobj is self.proc.stdout:
                    self._stdout += chunk
                else:
                    self._stderr += chunk

    @property
    def stdout(self) -> str:
        return self._stdout.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self._stderr.decode("utf-8", "replace")

    def wait_for_line(self, predicate: str | Any, timeout: float = 10.0, stream: str = "stdout") -> str | None:
        """Wait until a line of output contains ``predicate`` (a substring, or a callable on the line)."""
        test = predicate if callable(predicate) else (lambda line: predicate in line)
        deadline = time.monotonic() + timeout
        while True:
            text = self.stdout if stream == "stdout" else self.stderr
            for line in text.splitlines():
                if test(line):
                    return line
            if time.monotonic() >= deadline or (self.proc.poll() is not None and self._closed()):
                return None
            self._wait_a_little(max(0.0, deadline - time.monotonic()))

    def _wait_a_little(self, left: float) -> None:
        """Until output arrives or the streams close (50 ms at most; the caller looks again). Once they
        are closed, until the program exits (``left`` at most), which follows within milliseconds: on
        its pidfd, or its template's report; polled where neither is there. A plain 50 ms sleep there
        cost every program scenario most of it."""
        if not self._closed():
            self._pump(min(0.05, left))
        elif self._pidfd is not None:
            select.select([self._pidfd], [], [], left)
            self.proc.poll()
        elif not isinstance(self.proc, subprocess.Popen):
            try:
                self.proc.wait(left)
            except subprocess.TimeoutExpired:
                pass
        else:
            self._poll_exit(time.monotonic() + min(0.05, left))

    def _poll_exit(self, end: float) -> None:
        delay = 0.0005  # doubling to 5 ms: Popen.wait's own backoff, capped lower
        while self.proc.poll() is None and time.monotonic() < end:
            time.sleep(delay)
            delay = min(delay * 2, 0.005)

    def _closed(self) -> bool:
        return all(s is None or s.closed for s in (self.proc.stdout, self.proc.stderr))

    def send_signal(self, sig: int | str) -> None:
        self.proc.send_signal(getattr(signal, sig) if isinstance(sig, str) else sig)

    def write(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait(self, timeout: float = 30.0) -> ProgramResult:
        if self.result is not None:
            return self.result
        deadline = time.monotonic() + timeout
        timed_out = False
        while not (self.proc.poll() is not None and self._closed()):
            if time.monotonic() >= deadline:
                timed_out = True
                kill_group(self.proc)
                break
            self._wait_a_little(deadline - time.monotonic())
        self.proc.wait()
        self.reap()
        self.result = ProgramResult(
            exit_code=self.proc.returncode if self.proc.returncode >= 0 else None,
            signal=signal_name(self.proc.returncode),
            stdout=self.stdout,
            stderr=self.stderr,
            duration_s=time.monotonic() - self.started,
            timed_out=timed_out,
        )
        return self.result

    def reap(self) -> None:
        """Kill whatever the program left in its process group (its workers, its children)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                stream.close()
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


class Implementation(ABC):
    """One implementation of (part of) Node's core API that the specification can run against."""

    name: str = "unnamed"
    kind: str = "runtime"  # reference | runtime | polyfill | port
    description: str = ""
    modules: frozenset[str] = frozenset()
    capabilities: frozenset[str] = frozenset()  # e.g. "program", "loop"
    # What the implementation does not cover inside its modules, capability → why (pyDes: "aes"). The
    # adapter raises protocol.NotCovered(capability) where a scenario reaches it: not applicable.
    lacks: dict[str, str] = {}  # noqa: RUF012 - read-only, replaced (never mutated) by subclasses
    program_suffixes: tuple[str, ...] = ()  # features/*/programs/NAME<suffix>, first found; none: no programs
    # The Node.js line the implementation claims to behave as (None: the newest LTS); ``--target`` or
    # a ``name@NN`` implementation name overrides it (``target_override``).
    target_line: int | None = None
    target_override: int | None = None

    def detect_target(self) -> int | None:
        """The line the implementation claims by itself (a runtime: the major of its process.version)."""
        return self.target_line

    def target(self) -> int:
        """The Node.js line this implementation is judged against: a scenario that does not hold on it
        is not applicable."""
        if self.target_override is not None:
            return self.target_override
        detected = self.detect_target()
        return lines.NEWEST_LTS if detected is None else nearest_line(detected)

    def availability(self) -> Availability:
        return Availability(True)

    def version(self) -> str:
        return "unknown"

    @abstractmethod
    def request(self, message: dict[str, Any], options: frozenset[str] = frozenset(), timeout: float | None = None) -> dict[str, Any]:
        """Send one operation; return the response body ``{"ok", "value"|"error"}``."""

    def close(self) -> None:  # noqa: B027 - most implementations hold nothing
        """Release every process and resource the implementation holds."""

    # -- programs ----------------------------------------------------------------------------
    def program_argv(self, path: Path, options: frozenset[str]) -> list[str]:
        raise NotImplementedError(f"{self.name} runs no programs")

    def program_path(self, name: str) -> Path:
        if not self.program_suffixes:
            raise NotImplementedError(f"{self.name} runs no programs")
        for suffix in self.program_suffixes:
            for folder in program_dirs():
                if (folder / f"{name}{suffix}").exists():
                    return folder / f"{name}{suffix}"
        raise FileNotFoundError(f"{self.name} has no program {name}{'|'.join(self.program_suffixes)} in "
                                f"{FEATURES_DIR}/*/programs")

    def start_program(
        self,
        name: str,
        args: list[str] | tuple[str, ...] = (),
        options: frozenset[str] = frozenset(),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> RunningProgram:
        path = self.program_path(name)
        argv = self.program_argv(path, options) + [str(a) for a in args]
        full_env = {**os.environ, "NODESPEC_IMPL": self.name, **self.program_env(), **(env or {})}
        return RunningProgram(argv, cwd or path.parent, full_env, start=self.start_process)

    def start_process(self, argv: list[str], cwd: Path, env: dict[str, str]) -> Any:
        """A program's process started faster than by ``spawn`` (same group, stdio pipes, death with
        the harness), or None: spawn it."""
        return None

    def program_env(self) -> dict[str, str]:
        """Environment a program of this implementation needs beyond the harness's own."""
        return {}

    def describe(self) -> dict[str, Any]:
        availability = self.availability()
        return {
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "version": self.version() if availability.available else None,
            "modules": sorted(self.modules),
            "capabilities": sorted(self.capabilities),
            "target": self.target() if availability.available else None,
            "lacks": dict(sorted(self.lacks.items())),
            "available": availability.available,
            "why": availability.why,
            "install": availability.install,
            "about": about(self.name),
        }


class InProcessImplementation(Implementation):
    """An implementation in Python, executed in this process by ``PythonInterpreter``.

    With ``python_warnings``, a warning the implementation gives the Python way (``warnings.warn``,
    e.g. a ``MaxListenersExceededWarning``) is recorded as Node's process warning: a port has no
    ``process`` to emit it on."""

    kind = "port"
    python_warnings = False

    def __init__(self) -> None:
        self._interpreter: Any = None

    def make_interpreter(self) -> Any:
        raise NotImplementedError

    def configure(self, options: frozenset[str]) -> None:
        """Apply start-up options before a scenario (in process there is nothing to restart)."""

    def request(self, message: dict[str, Any], options: frozenset[str] = frozenset(), timeout: float | None = None) -> dict[str, Any]:
        if self._interpreter is None:
            self._interpreter = self.make_interpreter()
        if message["op"] == "reset":
            self.configure(options)
        if message["op"] == "hello":
            return {"ok": True, "value": {"protocol": 1, "implementation": self.name, "runtime": {"name": "python", "version": sys.version.split()[0]}, "modules": sorted(self.modules)}}
        with _watchdog(timeout or float(os.environ.get("NODESPEC_OP_TIMEOUT", "10")), message.get("op", "?")):
            if not self.python_warnings:
                return self._interpreter.handle(message)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                response = self._interpreter.handle(message)
        for warning in caught:
            given = warning.message
            self._interpreter.trace.append({
                "kind": "warning",
                "name": getattr(given, "name", None) if isinstance(getattr(given, "name", None), str) else warning.category.__name__,
                "code": getattr(given, "code", None),
                "message": str(getattr(given, "message", given)) if not isinstance(given, str) else given,
            })
        return response

    def program_argv(self, path: Path, options: frozenset[str]) -> list[str]:
        return [sys.executable, str(path)]

    def program_env(self) -> dict[str, str]:
        # A Python program imports the reference afresh: it learns its line from the environment.
        return {lines.ENV: str(self.target())}


class _watchdog:
    """In process there is no driver to kill: a SIGALRM interrupts an operation that runs too long
    (Python checks for it between bytecodes), so a hang in Python code fails one scenario as a timeout.

    It sets and puts back the handler through ``_signal``, the signal module's C half: the module's
    own ``signal()`` turns each handler it is given or returns into an enum member and, for a function,
    fails to with a ValueError (9 µs a call, 27 µs an operation: a tenth of an in-process cell's CPU)."""

    def __init__(self, seconds: float, op: str) -> None:
        self.seconds = seconds
        self.op = op
        self.armed = threading.current_thread() is threading.main_thread()

    def _fire(self, signum: int, frame: Any) -> None:
        from nodespec.protocol import DriverTimeout

        raise DriverTimeout(f"the operation {self.op!r} did not finish within {self.seconds:g} s; it was interrupted")

    def __enter__(self) -> None:
        if self.armed:
            self.previous = _signal.signal(_signal.SIGALRM, self._fire)
            _signal.setitimer(_signal.ITIMER_REAL, self.seconds, 1.0)  # again each second, should code swallow it

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            _signal.setitimer(_signal.ITIMER_REAL, 0)
            _signal.signal(_signal.SIGALRM, self.previous)
