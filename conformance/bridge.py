"""``BridgeImplementation``: the contract as JSON lines over a driver process's stdin and stdout.

One driver process per implementation and start-up option set, started on first use and kept for the
whole run (per pytest-xdist worker). A driver that crashes or stops answering within the operation
timeout is killed with its whole process group; the failure names what happened, and the next request
starts a fresh driver.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import tempfile
import time
from abc import abstractmethod
from typing import IO, Any

from nodespec import protocol
from nodespec.implementation import Implementation, kill_group, spawn

DEFAULT_TIMEOUT = float(os.environ.get("NODESPEC_OP_TIMEOUT", "10"))


def _js_number(text: str) -> int | float:
    """JSON integers are JavaScript numbers: past 2**53 they are doubles (2**64 prints as
    18446744073709552000), so they become floats and compare as Node's values do."""
    value = int(text)
    return value if -(2**53) <= value <= 2**53 else float(value)


# One decoder for every answer: json.loads(raw, parse_int=…) makes a new one for each call (12 of its 16 µs).
_ANSWERS = json.JSONDecoder(parse_int=_js_number)


class DriverChild:
    """What every driver process has, whatever carries its messages (stdio here, HTTP in http_bridge):
    its stderr kept in a file, whether it is known dead, and the crash that kills and reports it."""

    _stderr: IO[bytes]
    dead: bool

    def alive(self) -> bool:
        # A driver that died was noticed when a request failed (end of output, or the deadline): no
        # need for a wait() system call before every request.
        return not self.dead

    def stderr_tail(self, limit: int = 2000) -> str:
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - limit))
        return self._stderr.read().decode("utf-8", "replace").strip()

    def kill(self) -> None:
        raise NotImplementedError

    def _crashed(self, what: str) -> protocol.DriverCrashed:
        tail = self.stderr_tail()
        self.kill()
        return protocol.DriverCrashed(f"{what}; it will be restarted" + (f"\nstderr: {tail}" if tail else ""))


class DriverProcess(DriverChild):
    """One running driver: writes requests, reads responses with a deadline."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.argv = argv
        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        self.proc = spawn(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self._buffer = bytearray()
        self._selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self._fd = self.proc.stdout.fileno()
        os.set_blocking(self._fd, False)
        self._selector.register(self._fd, selectors.EVENT_READ)
        self._next_id = 0
        self.dead = False

    def request(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        line = protocol.dumps({"id": ident, **message}).encode() + b"\n"
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise self._crashed(f"could not write to the driver ({error})") from None
        deadline = time.monotonic() + timeout
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                raw = bytes(self._buffer[:newline])
                del self._buffer[: newline + 1]
                try:
                    response = _ANSWERS.decode(raw.decode(json.detect_encoding(raw), "surrogatepass"))  # as json.loads does
                except ValueError:
                    self.kill()  # a driver that breaks the protocol is not trusted with another request
                    raise protocol.ProtocolError(f"driver sent a line that is not JSON: {raw[:200]!r}") from None
                if response.get("id") == ident:
                    return response
                continue  # a stale answer to an earlier request: skip it
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill(politely=False)
                raise protocol.DriverTimeout(
                    f"the driver did not answer {message.get('op')!r} within {timeout:g} s; it was killed and will be restarted"
                )
            if self._selector.select(remaining):
                try:
                    chunk = os.read(self._fd, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    self.proc.wait()
                    raise self._crashed(f"the driver exited (code {self.proc.returncode}) during {message.get('op')!r}")
                self._buffer += chunk

    def kill(self, politely: bool = True) -> None:
        """End the driver and reap it: close its input, on which an idle driver exits, and SIGKILL its
        process group after half a second of that; not politely, at once: a driver that did not answer
        in time is busy, and a synchronous loop reads no input."""
        if self.dead:  # once: after the reap, its process group id may belong to someone else
            return
        self.dead = True
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        if politely:
            try:
                self.proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                pass
        kill_group(self.proc)
        self._selector.close()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()


class BridgeImplementation(Implementation):
    """An implementation reached through a driver process."""

    def __init__(self) -> None:
        self._drivers: dict[frozenset[str], Any] = {}  # DriverProcess or another binding's driver
        self.hello: dict[str, Any] | None = None

    @abstractmethod
    def driver_argv(self, options: frozenset[str]) -> list[str]:
        """The command that starts this implementation's driver with these start-up options."""

    def driver_env(self) -> dict[str, str] | None:
        return None

    def start_driver(self, options: frozenset[str]) -> Any:
        """A fresh driver for these options: by default a process speaking JSON lines (the stdio binding);
        servers override it with another binding of the same messages (``nodespec.http_bridge``)."""
        return DriverProcess(self.driver_argv(options), self.driver_env())

    def driver(self, options: frozenset[str]) -> Any:
        current = self._drivers.get(options)
        if current is not None and current.alive():
            return current
        if current is not None:
            current.kill()
        driver = self.start_driver(options)
        self._drivers[options] = driver
        hello = driver.request({"op": "hello"}, timeout=max(DEFAULT_TIMEOUT, 30))
        if not hello.get("ok") or hello["value"].get("protocol") != protocol.PROTOCOL_VERSION:
            driver.kill()
            del self._drivers[options]
            raise protocol.ProtocolError(f"{self.name}'s driver does not speak protocol {protocol.PROTOCOL_VERSION}: {hello}")
        self.hello = hello["value"]
        return driver

    def request(self, message: dict[str, Any], options: frozenset[str] = frozenset(), timeout: float | None = None) -> dict[str, Any]:
        driver = self.driver(options)
        try:
            return driver.request(message, timeout or DEFAULT_TIMEOUT)
        except protocol.ImplementationFailure:
            self._drivers.pop(options, None)
            raise

    def close(self) -> None:
        for driver in self._drivers.values():
            driver.kill()
        self._drivers.clear()
