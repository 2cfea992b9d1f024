"""The contract's second binding: the same JSON messages over HTTP, for implementations that are servers
and do not read stdin (workerd). Two transports: ``post`` — one POST per operation (or a JSON array of
operations, answered in order), the response body is the response object (or the array); ``websocket`` —
a WebSocket opened with one HTTP GET, one message per operation and per response, so that the server's
whole session is one request (workerd cancels what a finished request left behind).

``HttpDriver`` starts the server in its own process group, killed if the harness dies
(``PR_SET_PDEATHSIG``), and waits for its readiness signal — the server reports the port it listens on
(workerd's ``--control-fd``) — not for a fixed time. A server that exits or stays silent before it
listens is a crash of that implementation, within a deadline; so is one that stops answering.
"""

from __future__ import annotations

import http.client
import json
import os
import selectors
import subprocess
import tempfile
import time
from collections.abc import Callable
from typing import IO, Any

from nodespec import protocol
from nodespec.bridge import DriverChild, _js_number
from nodespec.cdp import WebSocket
from nodespec.implementation import kill_group, spawn

START_TIMEOUT = float(os.environ.get("NODESPEC_START_TIMEOUT", "30"))


class HttpDriver(DriverChild):
    """A driver behind HTTP: ``argv_for(fd)`` is the server's command, told to report on descriptor ``fd``
    the JSON line ``{"event": "listen", "port": N}`` when it listens."""

    def __init__(self, argv_for: Callable[[int], list[str]], env: dict[str, str] | None = None,
                 start_timeout: float = START_TIMEOUT, what: str = "the server", transport: str = "post") -> None:
        if transport not in ("post", "websocket"):
            raise ValueError(f"unknown transport {transport!r}")
        self.what = what
        self.transport = transport
        self.ws: WebSocket | None = None
        self.dead = False
        self._next_id = 0
        self._stderr: IO[bytes] = tempfile.TemporaryFile()
        read_end, write_end = os.pipe()
        try:
            self.argv = argv_for(write_end)
            self.proc = spawn(self.argv, stdin=subprocess.DEVNULL, stdout=self._stderr, stderr=self._stderr, env=env,
                              pass_fds=(write_end,))
        except OSError:
            os.close(read_end)
            self._stderr.close()
            raise
        finally:
            os.close(write_end)  # ours: the pipe reads as ended once the server has exited
        try:
            try:
                self.port = self._await_listening(read_end, start_timeout)
            finally:
                os.close(read_end)
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=start_timeout)
            if transport == "websocket":
                try:
                    self.ws = WebSocket(f"ws://127.0.0.1:{self.port}/", timeout=start_timeout)
                except (OSError, ConnectionError) as error:
                    raise self._crashed(f"{self.what} refused the WebSocket ({error})") from None
        except BaseException:
            # Interrupted while the server starts (Ctrl-C, a signal handler's exception): no one holds
            # this driver yet to kill it later, so it goes now, not when the harness process exits.
            self.kill()
            raise

    def _await_listening(self, fd: int, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        buffer = b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                for line in buffer.split(b"\n")[:-1]:
                    try:
                        message = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(message, dict) and message.get("event") == "listen" and isinstance(message.get("port"), int):
                        return message["port"]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._crashed(f"{self.what} did not report listening within {timeout:g} s; it was killed")
                if selector.select(remaining):
                    chunk = os.read(fd, 4096)
                    if not chunk:
                        self.proc.wait()
                        raise self._crashed(f"{self.what} exited (code {self.proc.returncode}) before listening")
                    buffer += chunk

    def post(self, body: bytes, timeout: float, op: str) -> bytes:
        """One HTTP exchange with the server, within ``timeout``. A kept-alive connection that the server
        closed while idle is reopened once: the request never reached a live server that dropped it."""
        for attempt in (1, 2):
            self.conn.timeout = timeout
            if self.conn.sock is not None:
                self.conn.sock.settimeout(timeout)
            try:
                self.conn.request("POST", "/", body, {"content-type": "application/json"})
                response = self.conn.getresponse()
                raw = response.read()
                break
            except TimeoutError:
                self.kill()
                raise protocol.DriverTimeout(
                    f"{self.what} did not answer {op!r} within {timeout:g} s; it was killed and will be restarted") from None
            except (OSError, http.client.HTTPException) as error:
                self.conn.close()
                if attempt == 1 and self.proc.poll() is None and isinstance(
                        error, (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected)):
                    continue
                state = (f"exited (code {self.proc.returncode})" if self.proc.poll() is not None
                         else f"broke the connection ({error})")
                raise self._crashed(f"{self.what} {state} during {op!r}") from None
        if response.status != 200:
            self.kill()
            raise protocol.ProtocolError(f"{self.what} answered HTTP {response.status}: {raw[:200]!r}")
        return raw

    def exchange(self, text: str, timeout: float, op: str) -> str:
        """One message over the WebSocket and its answer, within ``timeout``."""
        assert self.ws is not None
        try:
            self.ws.settimeout(timeout)
            self.ws.send(text)
            return self.ws.recv()
        except TimeoutError:
            self.kill()
            raise protocol.DriverTimeout(
                f"{self.what} did not answer {op!r} within {timeout:g} s; it was killed and will be restarted") from None
        except (OSError, ConnectionError) as error:
            state = (f"exited (code {self.proc.returncode})" if self.proc.poll() is not None
                     else f"closed the WebSocket ({error})")
            raise self._crashed(f"{self.what} {state} during {op!r}") from None

    def request(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        op = str(message.get("op"))
        text = protocol.dumps({"id": ident, **message})
        raw = self.exchange(text, timeout, op) if self.ws is not None else self.post(text.encode(), timeout, op)
        try:
            response = json.loads(raw, parse_int=_js_number)
        except ValueError:
            self.kill()
            raise protocol.ProtocolError(f"{self.what} sent a message that is not JSON: {raw[:200]!r}") from None
        if not isinstance(response, dict) or response.get("id") != ident:
            self.kill()
            raise protocol.ProtocolError(f"{self.what} answered another request: {raw[:200]!r}")
        return response

    def kill(self) -> None:
        if self.dead:  # once: after the reap, its process group id may belong to someone else
            return
        self.dead = True
        for channel in (getattr(self, "ws", None), getattr(self, "conn", None)):
            if channel is not None:
                channel.close()
        kill_group(self.proc)
        self._stderr.close()
