"""Node's ``child_process`` for Python: spawn, exec, exec_file and fork, on the reference event loop.

``ChildProcess`` is an ``EventEmitter`` with Node's events and their order: ``'spawn'`` (nextTick
after a successful start), ``'exit'(code, signal)`` when the process ends, ``'close'(code, signal)``
once it has ended *and* its piped stdout/stderr (and IPC channel) have closed. A command that cannot
be started does not raise: ``'error'`` (``ENOENT``…) is emitted on the next tick, then ``'close'``
with ``(-errno, NULL)``, and no ``'exit'`` (``lib/internal/child_process.js``).

``exec`` / ``exec_file`` collect stdout/stderr (strings, or bytes with ``encoding='buffer'``) and call
``callback(error, stdout, stderr)`` on ``'close'``. Their default ``max_buffer`` is Node 20's:
1024 * 1024 bytes (not the 200 KB of old Node versions); past it the output is cut to exactly
``max_buffer`` bytes, the child is killed with ``kill_signal`` and the error is a ``RangeError``
``ERR_CHILD_PROCESS_STDIO_MAXBUFFER`` ("stdout maxBuffer length exceeded").

``fork(module)`` starts ``python module`` with an IPC channel: the same protocol as Node's default
``'json'`` serialization (one ``JSON.stringify(message)`` per line over a Unix socket named by the
``NODE_CHANNEL_FD`` environment variable), so ``process.send`` / ``'message'`` work both ways, and a
listening server can be sent as a handle (its descriptor travels with ``SCM_RIGHTS``).

Options take Node's camelCase names or snake_case: ``maxBuffer`` / ``max_buffer``.

JavaScript ``null`` is :data:`~nodespec.reference.types.NULL` here as in the rest of the reference, and
``None`` is ``undefined``. So a Python caller sees ``NULL`` wherever Node gives ``null``: the signal of
a child that exited and the code of one a signal ended (``'exit'``/``'close'`` arguments, ``exit_code``
and ``signal_code``, which are ``NULL`` until the child ends), ``stdin``/``stdout``/``stderr`` and the
entries of ``stdio`` that are not pipes, the error of a successful ``exec`` callback or ``send``
callback, and every JSON ``null`` in a message received. ``NULL`` is falsy; test it with ``is NULL``
(``code == 0`` is not ``code is NULL``). To send ``null``, send ``NULL``; ``None`` (undefined) is left
out of an object and written as ``null`` in an array, as ``JSON.stringify`` does, and ``send(None)`` is
Node's ``ERR_MISSING_ARGS``.
"""

from __future__ import annotations

import array
import codecs
import datetime as _dt
import errno as _errno
import json
import math
import os
import shutil
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from nodespec.reference import loop as _loop
from nodespec.reference.buffer import Buffer
from nodespec.reference.errors import NodeError, NodeTypeError, errno_code, node_error, system_error, v8_error
from nodespec.reference.events import EventEmitter
from nodespec.reference.js import (
    inspect,
    is_nullish,
    is_number,
    json_string,
    number_to_string,
    own_keys,
    to_string,
)
from nodespec.reference.lines import node_line, since
from nodespec.reference.process import SIGNAL_NAMES, emit_deprecation, signal_number
from nodespec.reference.types import NULL, UNDEFINED, BigInt, Null, Symbol
from nodespec.reference.validators import (
    invalid_arg_type,
    invalid_arg_value,
    out_of_range,
    validate_integer,
    validate_number,
)

MAX_BUFFER = 1024 * 1024  # lib/child_process.js: const MAX_BUFFER = 1024 * 1024;


def _opt(options: dict[str, Any] | None, node_name: str, default: Any = None) -> Any:
    if not options:
        return default
    if node_name in options:
        return options[node_name]
    snake = "".join("_" + c.lower() if c.isupper() else c for c in node_name)
    return options.get(snake, default)


# -- serialization: JSON.stringify's rules ---------------------------------------------------------
def to_json_value(value: Any) -> Any:
    """What ``JSON.stringify`` makes of a Python value's Node counterpart, as JSON types: ``NULL`` for
    ``null`` (NaN and the infinities too), ``UNDEFINED`` for what it leaves out (undefined, a function,
    a Symbol), ``dict`` / ``list`` / ``str`` / numbers / booleans for the rest."""
    if hasattr(value, "to_json") and callable(value.to_json):
        value = value.to_json()
    elif hasattr(value, "toJSON") and callable(value.toJSON):
        value = value.toJSON()
    if value is NULL:
        return NULL
    if value is None or value is UNDEFINED or isinstance(value, Symbol):
        return UNDEFINED
    if isinstance(value, BigInt):
        raise v8_error("TypeError", "Do not know how to serialize a BigInt")
    if isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else NULL
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"type": "Buffer", "data": list(bytes(value))}
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if isinstance(value, (list, tuple)):
        return [NULL if v is UNDEFINED else v for v in map(to_json_value, value)]
    if isinstance(value, (set, frozenset, BaseException)):
        return {}  # Map, Set and Error have no enumerable own properties: {}
    if callable(value) and not isinstance(value, type):
        return UNDEFINED
    items: Iterable[tuple[Any, Any]]
    if isinstance(value, dict):
        items = value.items()
    elif hasattr(value, "__dict__"):
        items = ((k, v) for k, v in vars(value).items() if not k.startswith("_"))
    else:
        return str(value)
    return {str(k): j for k, v in items if (j := to_json_value(v)) is not UNDEFINED}


def from_json(value: Any) -> Any:
    """A value Python's ``json`` decoded, with JavaScript's ``null`` (``NULL``) where JSON has null."""
    if value is None:
        return NULL
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict):
        return {k: from_json(v) for k, v in value.items()}
    return value


def _write_json(value: Any) -> str:
    """JSON text of a value already made of JSON types (see ``to_json_value``)."""
    if value is NULL:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return number_to_string(value)  # finite: to_json_value made NaN and the infinities null
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, list):
        return "[" + ",".join(_write_json(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = own_keys(value)
        return "{" + ",".join(json_string(k) + ":" + _write_json(value[k]) for k in keys) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


def json_stringify(value: Any) -> str:
    """``JSON.stringify(value)`` of a value it writes (not undefined, a function or a Symbol)."""
    return _write_json(to_json_value(value))


def serialize(message: Any) -> bytes:
    """One IPC message as Node's 'json' serialization writes it: JSON.stringify(message) + newline."""
    text = json_stringify(message) + "\n"
    return text.encode("utf-8", errors="surrogatepass")


def _is_internal(message: Any) -> bool:
    cmd = message.get("cmd") if isinstance(message, dict) else None
    return isinstance(cmd, str) and cmd.startswith("NODE_") and len(cmd) > 5


class Channel:
    """One end of an IPC channel: JSON lines over a Unix stream socket, descriptors with SCM_RIGHTS."""

    def __init__(self, fd: int | socket.socket, owner: Any, refed: bool = False) -> None:
        self.sock = fd if isinstance(fd, socket.socket) else socket.socket(fileno=fd)
        self.sock.setblocking(False)
        self.owner = owner
        self.connected = True
        self.loop = _loop.default_loop
        self._buf = b""
        self._fds: deque[int] = deque()
        self._pending: deque[tuple[Any, Any]] = deque()
        self._refed = False
        self.loop.add_reader(self.sock.fileno(), self._on_readable)
        if refed:
            self.ref()

    def ref(self) -> None:
        if not self._refed and self.connected:
            self._refed = True
            self.loop.ref()
        self.loop.next_tick(self._flush)

    def unref(self) -> None:
        if self._refed:
            self._refed = False
            self.loop.unref()

    # -- sending -------------------------------------------------------------------------------
    def send(self, message: Any, handle: Any = None, callback: Callable[..., Any] | None = None) -> bool:
        if callable(handle) and callback is None and not hasattr(handle, "fileno"):
            handle, callback = None, handle
        if message is None or message is UNDEFINED:
            raise node_error("ERR_MISSING_ARGS", 'The "message" argument must be specified')
        if isinstance(message, (BigInt, Symbol)) or callable(message):
            raise invalid_arg_type("message", ["string", "object", "number", "boolean"], message)
        if not self.connected:
            error = node_error("ERR_IPC_CHANNEL_CLOSED")
            if callback is not None:
                self.loop.next_tick(callback, error)
            else:
                self.loop.next_tick(self.owner.emit, "error", error)
            return False
        fds: list[int] = []
        if not is_nullish(handle):
            fd = handle.fileno() if hasattr(handle, "fileno") else None
            if fd is None or fd < 0:
                raise node_error("ERR_INVALID_HANDLE_TYPE")
            fds.append(fd)
            message = {"cmd": "NODE_HANDLE", "type": "net.Server", "msg": message}
        data = serialize(message)
        self.sock.setblocking(True)
        try:
            if fds:
                self.sock.sendmsg([data[:1]], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
                data = data[1:]
            if data:
                self.sock.sendall(data)
        except OSError as failure:
            # The other end has gone (EPIPE): Node's write error, to the callback or as 'error', and
            # send still returns true (its write queue is not full).
            self.sock.setblocking(False)
            number, code = errno_code(failure)
            error = system_error(code, f"write {code}", errno=-number, syscall="write")
            if callback is not None:
                self.loop.next_tick(callback, error)
            else:
                self.loop.next_tick(self.owner.emit, "error", error)
            return True
        self.sock.setblocking(False)
        if callback is not None:
            self.loop.next_tick(callback, NULL)
        return True

    # -- receiving -----------------------------------------------------------------------------
    def _on_readable(self) -> None:
        try:
            data, ancdata, _flags, _addr = self.sock.recvmsg(65536, socket.CMSG_SPACE(16 * 4))
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data, ancdata = b"", []
        for level, kind, cdata in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(cdata[: len(cdata) - (len(cdata) % fds.itemsize)])
                self._fds.extend(fds)
        if not data:
            self._closed_by_peer()
            return
        self._buf += data
        while b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
            if line.strip():
                self._on_message(from_json(json.loads(line.decode())))

    def _on_message(self, message: Any) -> None:
        handle = None
        if isinstance(message, dict) and message.get("cmd") == "NODE_HANDLE" and self._fds:
            from nodespec.reference.cluster import Server

            handle = Server.from_fd(self._fds.popleft())
            message = message.get("msg")
        if _is_internal(message):
            self.loop.next_tick(self.owner.emit, "internalMessage", message, handle)
            return
        self._pending.append((message, handle))
        self._flush()

    def _flush(self) -> None:
        # Messages wait until a 'message' listener exists; delivery is always on a later tick.
        while self._pending and self.owner.listener_count("message") > 0:
            message, handle = self._pending.popleft()
            if handle is None:
                self.loop.next_tick(self.owner.emit, "message", message)
            else:
                self.loop.next_tick(self.owner.emit, "message", message, handle)

    def _close_socket(self) -> None:
        self.loop.remove_reader(self.sock.fileno())
        try:
            self.sock.close()
        except OSError:
            pass
        self.unref()

    def _closed_by_peer(self) -> None:
        """End of file: the channel's close counts towards the owner's 'close' at once (Node's onread
        calls maybeClose), 'disconnect' comes on the next tick."""
        if not self.connected:
            return
        self.connected = False
        self._flush()
        self._close_socket()
        self.loop.next_tick(self.owner.emit, "disconnect")
        self._count_close()

    def _emit_disconnect(self) -> None:
        self.owner.emit("disconnect")
        self._count_close()

    def _count_close(self) -> None:
        hook = getattr(self.owner, "_channel_closed", None)
        if hook is not None:
            hook()

    def disconnect(self) -> None:
        if not self.connected:
            self.loop.next_tick(self.owner.emit, "error", node_error("ERR_IPC_DISCONNECTED"))
            return
        self.connected = False
        self._close_socket()
        self.loop.next_tick(self._emit_disconnect)


# -- stdio streams -------------------------------------------------------------------------------
class ReadablePipe(EventEmitter):
    """The parent's end of a child's stdout/stderr: emits 'data' (bytes, or str after
    ``set_encoding``), then 'end', then 'close' (in the loop's close phase, as libuv closes a handle).
    ``on_close`` is its first 'close' listener, as the ChildProcess's count of closes is in Node."""

    def __init__(self, fd: int, on_close: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.fd = fd
        os.set_blocking(fd, False)
        self.loop = _loop.default_loop
        self.readable = True
        self.destroyed = False
        self._decoder: Any = None
        if on_close is not None:
            self.on("close", on_close)
        self.loop.add_reader(fd, self._on_readable)
        self.loop.ref()  # an open pipe keeps the loop alive, like a libuv stream handle

    def set_encoding(self, encoding: str) -> ReadablePipe:
        self._decoder = codecs.getincrementaldecoder("utf-8" if encoding in ("utf8", "utf-8") else encoding)()
        return self

    def _on_readable(self) -> None:
        try:
            chunk = os.read(self.fd, 65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if chunk:
            self.emit("data", self._decoder.decode(chunk) if self._decoder else chunk)
            return
        self.readable = False
        self.emit("end")
        self._finish()

    def _finish(self) -> None:
        if self.destroyed:
            return
        self.destroyed = True
        self.loop.remove_reader(self.fd)
        self.loop.unref()
        try:
            os.close(self.fd)
        except OSError:
            pass
        self.loop.on_handle_closed(self.emit, "close")

    def destroy(self) -> ReadablePipe:
        self.readable = False
        self._finish()
        return self

    def pipe(self, destination: Any) -> Any:
        def write(chunk: Any) -> None:
            if isinstance(chunk, bytes) and hasattr(destination, "buffer"):
                destination.buffer.write(chunk)
                destination.buffer.flush()
            else:
                destination.write(chunk)
                if hasattr(destination, "flush"):
                    destination.flush()

        self.on("data", write)
        return destination


class WritablePipe(EventEmitter):
    """The parent's end of a child's stdin: ``write`` and ``end``."""

    readable = False

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.writable = True
        self.destroyed = False
        self._errored: NodeError | None = None

    def write(
        self, data: Any, encoding: str | Callable[..., Any] = "utf8", callback: Callable[..., Any] | None = None
    ) -> bool:
        if callable(encoding):  # write(chunk, callback)
            callback = encoding
        if self.destroyed:  # e.g. after the child exited (onexit destroys stdin): no 'error', only this
            if callback is not None:
                _loop.default_loop.next_tick(callback, node_error("ERR_STREAM_DESTROYED", "write"))
            return False
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        try:
            while raw:
                raw = raw[os.write(self.fd, raw) :]
        except BrokenPipeError:
            # Nobody reads the other end (the child closed it, or never started). Node's write fails
            # with EPIPE: on the next tick the callback gets the error, then the stream is destroyed
            # with it ('error', 'close') unless something destroyed it meanwhile (onwriteError).
            self.writable = False
            error = system_error("EPIPE", "write EPIPE", errno=-_errno.EPIPE, syscall="write")
            self._errored = error
            _loop.default_loop.next_tick(self._write_failed, error, callback)
            return False
        if callback is not None:
            _loop.default_loop.next_tick(callback, NULL)
        return True

    def _write_failed(self, error: NodeError, callback: Callable[..., Any] | None) -> None:
        if callback is not None:
            callback(error)
        if not self.destroyed:
            self.destroy(error)

    def end(self, data: Any = None, encoding: Any = None, callback: Callable[..., Any] | None = None) -> WritablePipe:
        """``end([data][, encoding][, callback])``: the last write. The callback gets null when all is
        written, just before 'finish' (then 'close'), or the error that stopped the stream."""
        if callable(data):
            data, callback = None, data
        elif callable(encoding):
            callback = encoding
        if data is not None:
            self.write(data)
        if self._errored is not None or self.destroyed:
            if callback is not None:
                error = self._errored or node_error("ERR_STREAM_DESTROYED", "end")
                _loop.default_loop.next_tick(callback, error)
            return self
        self.writable = False
        _loop.default_loop.next_tick(self._finished, callback)
        return self

    def _finished(self, callback: Callable[..., Any] | None) -> None:
        if callback is not None:
            callback(NULL)
        self.emit("finish")
        self.destroy()

    def destroy(self, error: BaseException | None = None) -> WritablePipe:
        if not self.destroyed:
            self.destroyed = True
            self.writable = False
            try:
                os.close(self.fd)
            except OSError:
                pass
            if error is not None:
                _loop.default_loop.next_tick(self.emit, "error", error)
            _loop.default_loop.on_handle_closed(self.emit, "close")
        return self


# -- ChildProcess --------------------------------------------------------------------------------
_STDIO_STRINGS = ("ignore", "overlapped", "pipe", "inherit")


def _stdio_string(stdio: str, channel: str | None = None) -> list[Any]:
    """``stdioStringToArray`` (lib/internal/child_process.js)."""
    if stdio not in _STDIO_STRINGS:
        raise invalid_arg_value("stdio", stdio)
    return [stdio, stdio, stdio] + ([channel] if channel else [])


def _stdio_list(stdio: Any) -> list[Any]:
    """``getValidStdio``: ``options.stdio || 'pipe'``; a string, or an array of per-fd choices."""
    if is_nullish(stdio) or stdio is False or stdio == 0 or stdio == "":
        stdio = "pipe"
    if isinstance(stdio, str):
        return _stdio_string(stdio)
    if not isinstance(stdio, (list, tuple)):
        raise invalid_arg_value("stdio", stdio)
    out: list[Any] = []
    for i, item in enumerate(stdio):
        if is_nullish(item):
            item = "pipe" if i < 3 else "ignore"
        if isinstance(item, str) and item in (*_STDIO_STRINGS, "ipc"):
            out.append(item)
        elif isinstance(item, (str, bytes, bytearray, memoryview)):
            raise NodeTypeError(
                f"Asynchronous forks do not support Buffer, TypedArray, DataView or string input: {inspect(item)}",
                "ERR_INVALID_SYNC_FORK_INPUT",
            )
        elif (isinstance(item, int) and not isinstance(item, bool) and item >= 0) or hasattr(item, "fileno"):
            out.append(item)
        else:
            raise invalid_arg_value("stdio", item)
    while len(out) < 3:
        out.append("pipe")
    return out


_POPEN = {
    "pipe": subprocess.PIPE,
    "overlapped": subprocess.PIPE,
    "inherit": None,
    "ignore": subprocess.DEVNULL,
}


def _popen(
    argv: list[str], file: str, options: dict[str, Any], env: dict[str, str], stdio: list[Any], pass_fds: tuple[int, ...]
) -> subprocess.Popen[bytes]:
    """Start ``file`` with ``argv`` as libuv does, with ``execvp``: a file the kernel refuses to
    execute (``ENOEXEC``: no ``#!`` line) runs as a script of ``/bin/sh`` (glibc's fallback, which
    Python's own exec does not have), the path found for it as ``$0``."""

    def start(args: list[str], executable: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            args,
            executable=executable,
            cwd=_opt(options, "cwd"),
            env=env,
            stdin=_POPEN.get(stdio[0], stdio[0]),
            stdout=_POPEN.get(stdio[1], stdio[1]),
            stderr=_POPEN.get(stdio[2], stdio[2]),
            pass_fds=pass_fds,
            close_fds=True,
            start_new_session=bool(_opt(options, "detached", False)),
        )

    try:
        return start(argv, file)
    except OSError as error:
        if error.errno != _errno.ENOEXEC:
            raise
        script = file if "/" in file else shutil.which(file, path=os.pathsep.join(os.get_exec_path(env))) or file
        return start(["/bin/sh", script, *argv[1:]], "/bin/sh")


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


class ChildProcess(EventEmitter):
    """A started child. Node's fields: ``pid``, ``exit_code``, ``signal_code``, ``killed``,
    ``connected``, ``spawnfile``, ``spawnargs``, ``stdin``/``stdout``/``stderr``, ``stdio``
    (``NULL`` where Node has null: the codes until the child ends, a stream that is not a pipe)."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = _loop.default_loop
        self.pid: int | None = None
        self.exit_code: int | Null = NULL
        self.signal_code: str | Null = NULL
        self.killed = False
        self.spawnfile: str | None = None
        self.spawnargs: list[str] = []
        self.stdin: WritablePipe | Null = NULL
        self.stdout: ReadablePipe | Null = NULL
        self.stderr: ReadablePipe | Null = NULL
        self.stdio: list[Any] = [NULL, NULL, NULL]
        self._popen: subprocess.Popen[bytes] | None = None
        self._pidfd: int | None = None
        self._closes_needed = 1
        self._closes_got = 0
        self._ipc: Channel | None = None
        self._exited = False
        self._refed = False

    # -- starting --------------------------------------------------------------------------------
    def spawn(self, file: str, args: list[str], options: dict[str, Any], warm: bool = False) -> ChildProcess:
        """Start the child; ``warm``: a Python module forked from the fork server's template when
        it can be (``nodespec.reference.forkserver``): a cluster worker, or a fork of a process that
        has a template already."""
        self.spawnfile = file
        self.spawnargs = [file, *args] if not options.get("_argv") else list(options["_argv"])
        stdio = _stdio_list(_opt(options, "stdio"))
        ipc = "ipc" in stdio
        stdio = [s for s in stdio if s != "ipc"]
        env = _env_pairs(_opt(options, "env"))
        pass_fds: tuple[int, ...] = ()
        parent_sock = child_sock = None
        if ipc:
            parent_sock, child_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            child_sock.set_inheritable(True)
            env["NODE_CHANNEL_FD"] = str(child_sock.fileno())
            env["NODE_CHANNEL_SERIALIZATION_MODE"] = "json"
            pass_fds = (child_sock.fileno(),)
        for extra in _opt(options, "passFds", ()) or ():
            pass_fds += (extra,)
        argv = self.spawnargs
        if warm and child_sock is not None and len(pass_fds) == 1 and not _opt(options, "detached", False) \
                and not options.get("_argv"):
            from nodespec.reference import forkserver

            self._popen = forkserver.fork_worker(argv[1:], env, _opt(options, "cwd"), stdio, child_sock.fileno())  # type: ignore[assignment]
        try:
            if self._popen is None:
                self._popen = _popen(argv, file, options, env, stdio, pass_fds)
        except OSError as error:
            if child_sock is not None:
                child_sock.close()
            self._spawn_failed(error, file, args, stdio, parent_sock)
            return self
        finally:
            if child_sock is not None:
                child_sock.close()
        popen = self._popen
        self.pid = popen.pid
        if popen.stdin is not None:
            self.stdin = WritablePipe(os.dup(popen.stdin.fileno()))
            popen.stdin.close()
        if popen.stdout is not None:
            self._closes_needed += 1
            self.stdout = ReadablePipe(os.dup(popen.stdout.fileno()), self._maybe_close)
            popen.stdout.close()
        if popen.stderr is not None:
            self._closes_needed += 1
            self.stderr = ReadablePipe(os.dup(popen.stderr.fileno()), self._maybe_close)
            popen.stderr.close()
        self.stdio = [self.stdin, self.stdout, self.stderr]
        if parent_sock is not None:
            self._closes_needed += 1
            # The parent's end is ref'd, as Node's pipe handle is: it keeps the loop alive until the child
            # disconnects, so a message or disconnect that comes with the child's exit is not lost.
            self._ipc = Channel(parent_sock, owner=self, refed=True)
            self.stdio.append(NULL)
        self._pidfd = os.pidfd_open(self.pid)
        self.loop.add_reader(self._pidfd, self._on_exit_readable)
        self._refed = True
        self.loop.ref()
        self.loop.next_tick(self.emit, "spawn")
        return self

    def _spawn_failed(
        self, error: OSError, file: str, args: list[str], stdio: list[Any], parent_sock: socket.socket | None
    ) -> None:
        """ChildProcess.prototype.spawn when the process could not start: for the errors a program
        can meet at run time (``ENOENT``, ``EACCES``, ``EAGAIN``, ``EMFILE``, ``ENFILE``) the child
        reports 'error' on the next tick (``onErrorNT`` calls ``onexit``); any other error throws
        now. The stdio pipes exist all the same (libuv made them before it forked, and Node wraps
        them), but their other ends are closed: stdout and stderr end and close, and the child's
        'close' waits for them; a write to stdin fails with ``EPIPE``. So does the IPC channel of a
        fork: connected until its end of file, 'send' calls back with ``EPIPE``, and its close counts
        towards 'close'. After ``EMFILE``/``ENFILE`` there is nothing to wrap."""
        number, code = errno_code(error)
        if number not in (_errno.ENOENT, _errno.EACCES, _errno.EAGAIN, _errno.EMFILE, _errno.ENFILE):
            if parent_sock is not None:
                parent_sock.close()
            raise system_error(code, f"spawn {code}", errno=-number, syscall="spawn")
        err = system_error(
            code,
            f"spawn {file} {code}",
            errno=-number,
            syscall=f"spawn {file}",
            path=file,
            spawnargs=list(args),
        )
        child_ends: list[int] = []
        if number in (_errno.EMFILE, _errno.ENFILE):
            if parent_sock is not None:
                parent_sock.close()
        else:
            child_ends = self._orphan_pipes(stdio)
            if parent_sock is not None:
                self._closes_needed += 1
                self._ipc = Channel(parent_sock, owner=self, refed=True)
                self.stdio.append(NULL)

        def on_error_nt() -> None:  # the child's onexit with a negative code
            self.exit_code = -number
            if isinstance(self.stdin, WritablePipe):
                self.stdin.destroy()
            if child_ends:
                self.loop.on_handle_closed(_close_all, child_ends)
            self.emit("error", err)
            self._maybe_close()

        self.loop.next_tick(on_error_nt)

    def _orphan_pipes(self, stdio: list[Any]) -> list[int]:
        """The parent's ends of the 'pipe' entries of ``stdio``, whose child ends are closed. From
        Node 22 stdout and stderr read their end of file in the first poll; Node 20 reads it one
        iteration later, after the close phase in which stdin closes, as if the child's ends closed
        with the process handle (onexit): those ends are returned, for ``_spawn_failed`` to close
        there."""
        child_ends: list[int] = []
        for index, kind in enumerate(stdio[:3]):
            if kind not in ("pipe", "overlapped"):
                continue
            read_end, write_end = os.pipe()
            if index == 0:
                os.close(read_end)
                self.stdin = WritablePipe(write_end)
                continue
            if since(22):
                os.close(write_end)
            else:
                child_ends.append(write_end)
            self._closes_needed += 1
            stream = ReadablePipe(read_end, self._maybe_close)
            if index == 1:
                self.stdout = stream
            else:
                self.stderr = stream
        self.stdio = [self.stdin, self.stdout, self.stderr]
        return child_ends

    # -- ending ----------------------------------------------------------------------------------
    def _on_exit_readable(self) -> None:
        assert self._popen is not None
        status = self._popen.poll()
        if status is None:
            return
        self.loop.remove_reader(self._pidfd)  # type: ignore[arg-type]
        os.close(self._pidfd)  # type: ignore[arg-type]
        self._pidfd = None
        if self._refed:
            self._refed = False
            self.loop.unref()
        self._exited = True
        if status < 0:
            self.signal_code = SIGNAL_NAMES.get(-status, str(-status))
        else:
            self.exit_code = status
        if isinstance(self.stdin, WritablePipe):
            self.stdin.destroy()
        self.emit("exit", self.exit_code, self.signal_code)
        self.loop.next_tick(self._maybe_close)

    @property
    def connected(self) -> bool:
        return self._ipc is not None and self._ipc.connected

    @property
    def channel(self) -> Channel | None:
        """``subprocess.channel``: the IPC channel to the child (fork, or 'ipc' in stdio), else None."""
        return self._ipc

    def __getattr__(self, name: str) -> Any:
        """``subprocess._channel``: up to Node 24 an alias of ``channel`` that warns (DEP0129); Node 26
        removed it (Python's way to say "no such property" is AttributeError)."""
        if name == "_channel" and not since(26):
            emit_deprecation("_channel is deprecated. Use ChildProcess.channel instead.", "DEP0129")
            return self._ipc
        raise AttributeError(f"'ChildProcess' has no attribute {name!r} on Node {node_line()}")

    def _channel_closed(self) -> None:
        self._maybe_close()

    def _maybe_close(self) -> None:
        self._closes_got += 1
        if self._closes_got == self._closes_needed:
            self.emit("close", self.exit_code, self.signal_code)

    # Node's ChildProcess[Symbol.dispose] (kill it unless already killed), as a context manager
    def __enter__(self) -> ChildProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self.killed:
            self.kill()

    def kill(self, sig: str | int = "SIGTERM") -> bool:
        number = signal_number(sig)
        if self._popen is None or self._exited or self.pid is None:
            return False
        try:
            os.kill(self.pid, number)
        except ProcessLookupError:
            return False
        self.killed = True
        return True

    def ref(self) -> None:
        """Let the running child keep the event loop alive again (the default)."""
        if self._pidfd is not None and not self._refed:
            self._refed = True
            self.loop.ref()

    def unref(self) -> None:
        """Let the event loop end while the child runs (``child.unref()``)."""
        if self._pidfd is not None and self._refed:
            self._refed = False
            self.loop.unref()

    # -- IPC -------------------------------------------------------------------------------------
    def send(self, message: Any, handle: Any = None, callback: Callable[..., Any] | None = None) -> bool:
        if self._ipc is None:
            raise AttributeError("send is undefined: this child has no IPC channel")
        return self._ipc.send(message, handle, callback)

    def disconnect(self) -> None:
        if self._ipc is None:
            raise AttributeError("disconnect is undefined: this child has no IPC channel")
        self._ipc.disconnect()


# -- the four ways to start a child ---------------------------------------------------------------
def _validate_string(value: Any, name: str) -> None:
    if not isinstance(value, str):
        raise invalid_arg_type(name, "string", value)


def _null_check(value: Any, name: str) -> None:
    """``validateArgumentNullCheck``: a string with a NUL byte cannot reach the kernel."""
    if isinstance(value, str) and "\0" in value:
        raise invalid_arg_value(name, value, "must be a string without null bytes")


def _validated_path(value: Any, name: str) -> str:
    """``getValidatedPath``: a string, Buffer or URL (file:), without NUL bytes."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", errors="surrogateescape")
    elif isinstance(value, os.PathLike):
        value = os.fspath(value)
        value = value.decode("utf-8", errors="surrogateescape") if isinstance(value, bytes) else value
    if not isinstance(value, str):
        raise invalid_arg_type(name, ["string", "Buffer", "URL"], value)
    if "\0" in value:
        raise invalid_arg_value(name, value, "must be a string, Uint8Array, or URL without null bytes")
    return value


def _is_int32(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value == value
        and float(value).is_integer()
        and -(2**31) <= value < 2**31
    )


def _validate_timeout(timeout: Any) -> None:
    """``validateTimeout``: undefined/null, or an integer >= 0. Node 26 uses validateInteger (a string
    is ERR_INVALID_ARG_TYPE, the messages name the range); up to 24 anything else is ERR_OUT_OF_RANGE,
    "an unsigned integer"."""
    if is_nullish(timeout):
        return
    if since(26):
        validate_integer(timeout, "timeout", 0)
        return
    ok = (
        isinstance(timeout, (int, float))
        and not isinstance(timeout, bool)
        and timeout == timeout
        and math.isfinite(timeout)
        and float(timeout).is_integer()
        and timeout >= 0
    )
    if not ok:
        raise out_of_range("timeout", "an unsigned integer", timeout)


def _js_str(value: Any) -> str:
    """String(value) for an argument or an environment value."""
    if value is NULL:
        return "null"
    return to_string(value)


def _env_pairs(env: Any) -> dict[str, str]:
    """``options.env || process.env``; undefined values are left out, NUL bytes are refused."""
    if not env:  # undefined, null, false, 0, '': the parent's environment
        return dict(os.environ)
    if isinstance(env, dict):
        items = list(env.items())
    elif isinstance(env, (str, list, tuple)):
        items = [(str(i), v) for i, v in enumerate(env)]  # Object.keys of a string or an array
    else:
        items = []  # a number, true, a function…: no own enumerable keys, an empty environment
    out: dict[str, str] = {}
    for key, value in items:
        if value is None or value is UNDEFINED:  # undefined: left out
            continue
        key, text = _js_str(key), _js_str(value)
        _null_check(key, f"options.env['{key}']")
        _null_check(text, f"options.env['{key}']")
        out[key] = text
    return out


def _normalize_spawn(file: Any, args: Any, options: Any) -> tuple[str, list[str], dict[str, Any]]:
    """``normalizeSpawnArguments`` (lib/child_process.js), with its checks in Node's order."""
    _validate_string(file, "file")
    _null_check(file, "file")
    if file == "":
        raise invalid_arg_value("file", file, "cannot be empty")
    if isinstance(args, (list, tuple)):
        args = list(args)
    elif is_nullish(args):
        args = []
    elif not isinstance(args, dict):
        raise invalid_arg_type("args", "object", args)
    else:
        args, options = [], args
    for i, arg in enumerate(args):
        _null_check(arg, f"args[{i}]")
    if options is None:
        options = {}
    elif not isinstance(options, dict):
        raise invalid_arg_type("options", "object", options)
    options = dict(options)
    cwd = _opt(options, "cwd")
    if not is_nullish(cwd):
        options["cwd"] = _validated_path(cwd, "options.cwd")
    else:
        options["cwd"] = None
    detached = _opt(options, "detached")
    if not is_nullish(detached) and not isinstance(detached, bool):
        raise invalid_arg_type("options.detached", "boolean", detached)
    for name in ("uid", "gid"):
        value = _opt(options, name)
        if is_nullish(value):
            continue
        if since(26):  # validateInt32: a type error for what is not a number, a range error for the rest
            validate_integer(value, f"options.{name}", -(2**31), 2**31 - 1)
        elif not _is_int32(value):
            raise invalid_arg_type(f"options.{name}", "int32", value)
    shell = _opt(options, "shell", False)
    if not is_nullish(shell) and not isinstance(shell, (bool, str)):
        raise invalid_arg_type("options.shell", ["boolean", "string"], shell)
    argv0 = _opt(options, "argv0")
    if not is_nullish(argv0):
        _validate_string(argv0, "options.argv0")
        _null_check(argv0, "options.argv0")
    for name in ("windowsHide", "windowsVerbatimArguments"):
        value = _opt(options, name)
        if not is_nullish(value) and not isinstance(value, bool):
            raise invalid_arg_type(f"options.{name}", "boolean", value)
    args = [_js_str(a) for a in args]
    if shell:
        _null_check(shell, "options.shell")
        if args and since(24):
            emit_deprecation("Passing args to a child process with shell option true can lead to security "
                             "vulnerabilities, as the arguments are not escaped, only concatenated.", "DEP0190")
        command = " ".join([file, *args])
        sh = shell if isinstance(shell, str) else "/bin/sh"
        options["_argv"] = [argv0 if isinstance(argv0, str) else sh, "-c", command]
        return sh, ["-c", command], options
    if isinstance(argv0, str):
        options["_argv"] = [argv0, *args]
    return file, args, options


def spawn(command: str, args: Any = None, options: Any = None) -> ChildProcess:
    """``child_process.spawn(command[, args][, options])``: no shell unless ``shell=True``."""
    return _spawn(command, args, options)


def _spawn(command: str, args: Any, options: Any, warm: bool = False) -> ChildProcess:
    file, argv, opts = _normalize_spawn(command, args, options)
    _validate_timeout(_opt(opts, "timeout"))
    kill_signal = _opt(opts, "killSignal")
    if not is_nullish(kill_signal):
        signal_number(kill_signal)
    return ChildProcess().spawn(file, argv, opts, warm=warm)


def exec_file(
    file: str,
    args: Any = None,
    options: Any = None,
    callback: Callable[..., Any] | None = None,
) -> ChildProcess:
    """``child_process.execFile(file[, args][, options][, callback])``: no shell; the arguments
    reach the program exactly as given."""
    # normalizeExecFileArgs (lib/child_process.js); a bad ``args`` is left for spawn to refuse.
    if isinstance(args, (list, tuple)):
        args = list(args)
    elif isinstance(args, dict):
        args, options, callback = None, args, options
    elif callable(args):
        args, options, callback = None, None, args
    if is_nullish(args):
        args = []
    if callable(options):
        options, callback = None, options
    elif not is_nullish(options) and not isinstance(options, dict):
        raise invalid_arg_type("options", "object", options)
    if callback is not None and not callable(callback):
        raise invalid_arg_type("callback", "function", callback)
    options = dict(options or {})
    encoding = _opt(options, "encoding", "utf8")
    timeout = _opt(options, "timeout", 0)
    _validate_timeout(timeout)
    timeout = 0 if is_nullish(timeout) else timeout
    max_buffer = _opt(options, "maxBuffer", MAX_BUFFER)
    if max_buffer is None:
        max_buffer = MAX_BUFFER
    if since(26):  # validateNumber(maxBuffer, 'options.maxBuffer', 0)
        validate_number(max_buffer, "options.maxBuffer", 0)
    elif not (is_number(max_buffer) and max_buffer >= 0):  # NaN too: up to 24, one RangeError for all
        raise out_of_range("options.maxBuffer", "a positive number", max_buffer)
    kill_signal = _opt(options, "killSignal", "SIGTERM")
    signal_number(kill_signal)
    child = spawn(file, args, {**options, "stdio": ["pipe", "pipe", "pipe"]})
    cmd = " ".join([file, *map(_js_str, args)])  # Node's err.cmd: the command line as given
    chunks: dict[str, list[bytes]] = {"stdout": [], "stderr": []}
    lengths = {"stdout": 0, "stderr": 0}
    state: dict[str, Any] = {"ex": None, "exited": False, "killed": False, "timer": None}

    def decode(name: str) -> Any:
        raw = b"".join(chunks[name])
        # lib/child_process.js: a string only for an encoding Buffer knows (not 'buffer');
        # any other value (undefined, 'bogus', 5) gives Buffers.
        if encoding == "buffer" or not Buffer.is_encoding(encoding):
            return raw
        return Buffer.from_(raw).to_string(encoding)

    def exithandler(code: int | Null | None = None, signal: str | Null | None = None) -> None:
        if state["exited"]:
            return
        state["exited"] = True
        if state["timer"] is not None:
            _loop.default_loop.clear(state["timer"])
        if callback is None:
            return
        stdout, stderr = decode("stdout"), decode("stderr")
        ex: Any = state["ex"]
        if ex is None and code == 0 and signal is NULL:
            callback(NULL, stdout, stderr)
            return
        if ex is None:
            message = f"Command failed: {cmd}\n"
            message += stderr if isinstance(stderr, str) else stderr.decode("utf-8", errors="replace")
            ex = NodeError(message, None)
            # a negative code is a spawn error's -errno: Node gives its name
            ex.code = _errno.errorcode.get(-code, code) if isinstance(code, int) and code < 0 else code
            ex.killed = child.killed or state["killed"]
            ex.signal = signal
        ex.cmd = cmd
        callback(ex, stdout, stderr)

    def errorhandler(error: BaseException) -> None:
        state["ex"] = error
        for stream in (child.stdout, child.stderr):
            if isinstance(stream, ReadablePipe):
                stream.destroy()
        exithandler()

    def kill() -> None:
        for stream in (child.stdout, child.stderr):
            if isinstance(stream, ReadablePipe):
                stream.destroy()
        state["killed"] = True
        try:
            child.kill(kill_signal)
        except NodeError as error:
            state["ex"] = error
            exithandler()

    def on_timeout() -> None:
        state["timer"] = None
        kill()

    def on_data(name: str) -> Callable[[bytes], None]:
        def handler(chunk: bytes) -> None:
            if state["ex"] is not None and state["killed"]:
                return
            room = max_buffer - lengths[name]
            if len(chunk) > room:
                chunks[name].append(chunk[: int(room)])
                lengths[name] += int(room)
                state["ex"] = node_error("ERR_CHILD_PROCESS_STDIO_MAXBUFFER", name)
                kill()
            else:
                chunks[name].append(chunk)
                lengths[name] += len(chunk)

        return handler

    if isinstance(child.stdout, ReadablePipe):  # NULL when the child could not be started
        child.stdout.on("data", on_data("stdout"))
    if isinstance(child.stderr, ReadablePipe):
        child.stderr.on("data", on_data("stderr"))
    if timeout > 0:
        state["timer"] = _loop.default_loop.set_timeout(on_timeout, timeout)
    child.add_listener("close", exithandler)
    child.add_listener("error", errorhandler)
    return child


def exec(  # noqa: A001 - Node's name
    command: str, options: Any = None, callback: Callable[..., Any] | None = None
) -> ChildProcess:
    """``child_process.exec(command[, options][, callback])``: runs ``/bin/sh -c command``."""
    _validate_string(command, "command")
    _null_check(command, "command")
    if callable(options):
        options, callback = None, options
    options = dict(options or {})
    shell = _opt(options, "shell", None)
    options["shell"] = shell if isinstance(shell, str) else True
    return exec_file(command, [], options, callback)


def fork(module_path: str, args: Any = None, options: Any = None) -> ChildProcess:
    """``child_process.fork(modulePath[, args][, options])``: a Python child with an IPC channel."""
    return _fork(module_path, args, options)


def fork_worker(module_path: str, args: Any = None, options: Any = None) -> ChildProcess:
    """``fork`` for a cluster worker: forked from the fork server's warm template when it can be
    (the primary's Python and no ``execArgv``), so a respawn costs a fork, not an interpreter start."""
    return _fork(module_path, args, options, warm=True)


def _fork(module_path: str, args: Any, options: Any, warm: bool = False) -> ChildProcess:
    module_path = _validated_path(module_path, "modulePath")
    if is_nullish(args):
        args = []
    elif isinstance(args, dict):
        args, options = [], args
    elif not isinstance(args, (list, tuple)):
        raise invalid_arg_type("args", "Array", args)
    if not is_nullish(options) and not isinstance(options, dict):
        raise invalid_arg_type("options", "object", options)
    args = list(args)
    options = dict(options) if isinstance(options, dict) else {}
    exec_path = _opt(options, "execPath") or sys.executable
    _null_check(exec_path, "options.execPath")
    exec_argv = list(_opt(options, "execArgv", []) or [])
    stdio = _opt(options, "stdio")
    if isinstance(stdio, str):
        stdio = _stdio_string(stdio, "ipc")
    elif not isinstance(stdio, (list, tuple)):
        stdio = _stdio_string("pipe" if _opt(options, "silent", False) else "inherit", "ipc")
    if "ipc" not in stdio:
        raise node_error(
            "ERR_CHILD_PROCESS_IPC_REQUIRED",
            "Forked processes must have an IPC channel, missing value 'ipc' in options.stdio",
        )
    options["stdio"] = stdio
    options.pop("shell", None)
    cwd = _opt(options, "cwd")
    where = os.path.join(cwd if isinstance(cwd, str) else os.getcwd(), module_path)
    if not os.path.exists(where):
        # Node's child starts, fails to resolve the module and exits 1; Python would exit 2 with its
        # own message, so the child is told to fail as Node's does.
        message = f"Error: Cannot find module {inspect(os.path.abspath(where))}"
        fail = f"import sys; sys.stderr.write({message!r} + '\\n'); sys.exit(1)"
        return spawn(exec_path, [*exec_argv, "-c", fail, *args], options)
    # A cluster worker always comes from a template (started on first use); another child when this
    # process has one already (forked at its start: a program of the harness's template that can fork).
    from nodespec.reference import forkserver

    warm = (warm or forkserver.has_template()) and exec_path == sys.executable and not exec_argv
    return _spawn(exec_path, [*exec_argv, module_path, *args], options, warm=warm)


__all__ = [
    "ChildProcess",
    "Channel",
    "spawn",
    "exec",
    "exec_file",
    "fork",
    "MAX_BUFFER",
    "UNDEFINED",
    "serialize",
    "json_stringify",
    "to_json_value",
    "ReadablePipe",
    "WritablePipe",
]
