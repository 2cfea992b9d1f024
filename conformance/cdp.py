"""A small Chrome DevTools protocol client over a websocket, standard library only: enough of RFC 6455
(text frames, client masking, fragmentation, pings) and of CDP (commands with ids, events kept aside).
Used by the chromium-npm implementation and by the site's browser test, with the headless Chromium that
the npm lock pins (``pinned_chromium``)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tarfile
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

from nodespec import npm

# Flags for a quiet, isolated headless Chromium.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
]


PINNED_CHROMIUM = "@sparticuz/chromium"
INSTALL_CHROMIUM = (f"{npm.INSTALL_COMMAND} (the lock pins {PINNED_CHROMIUM}, a headless Chromium), or apt-get install "
                    "chromium, or NODESPEC_CHROMIUM=/path/to/chrome")


def find_chromium(pinned: bool = False) -> str | None:
    """Chromium's path: $NODESPEC_CHROMIUM if set (an empty value or "none": no browser), else (``pinned``:
    for verdicts, the same browser on every machine) the headless one the npm lock pins, else one on PATH.
    The site's browser test wants a full Chromium (clipboard, focus after a copy), the headless shell
    differs there."""
    env = os.environ.get("NODESPEC_CHROMIUM")
    if env is not None:
        return None if env.strip().lower() in ("", "none") else env
    if pinned and (path := pinned_chromium()):
        return path
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


# The npm package ships its browser brotli-compressed (npm installs no browser download): node's zlib
# unpacks it, with the libraries it links beyond glibc (NSS, NSPR, expat; al2023.tar).
_UNBROTLI = """
const fs = require('fs'), path = require('path'), zlib = require('zlib'), { pipeline } = require('stream/promises');
const [from, to] = process.argv.slice(1);
(async () => {
  for (const name of ['chromium', 'al2023.tar'])
    await pipeline(fs.createReadStream(path.join(from, name + '.br')), zlib.createBrotliDecompress(),
                   fs.createWriteStream(path.join(to, name)));
})().catch((error) => { console.error(String(error)); process.exit(1); });
"""
# Runs the browser with its own libraries first (exec: the same process, so process groups and
# PR_SET_PDEATHSIG hold for the browser itself).
_WRAPPER = """#!/bin/sh
here=$(dirname "$0")
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "$here/chromium" "$@"
"""


def pinned_chromium() -> str | None:
    """The headless Chromium of the npm package the lock pins, unpacked once per version into nodespec's
    cache (``~/.cache/nodespec/chromium-VERSION``); None if the package or node is missing."""
    package = npm.node_modules() / "@sparticuz" / "chromium"
    try:
        version = json.loads((package / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None
    home = npm.cache_home() / f"chromium-{version}"
    launcher = home / "chrome"
    if launcher.exists():
        return str(launcher)
    node = shutil.which("node")
    if node is None or not (package / "bin" / "chromium.br").exists():
        return None
    home.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside its place and renamed into it: two processes unpacking at once (xdist workers)
    # never see half a browser.
    staging = Path(tempfile.mkdtemp(prefix=f".chromium-{version}-", dir=home.parent))
    try:
        subprocess.run([node, "-e", _UNBROTLI, str(package / "bin"), str(staging)], check=True, capture_output=True,
                       timeout=600)
        with tarfile.open(staging / "al2023.tar") as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extractall(staging, filter="data")
            else:  # Python before 3.11.4: the archive is the pinned package's own
                archive.extractall(staging)  # noqa: S202
        (staging / "al2023.tar").unlink()
        (staging / "chromium").chmod(0o755)
        (staging / "chrome").write_text(_WRAPPER)
        (staging / "chrome").chmod(0o755)
        try:
            staging.rename(home)
        except OSError:  # another process was first
            shutil.rmtree(staging, ignore_errors=True)
    except (OSError, subprocess.SubprocessError, tarfile.TarError):
        shutil.rmtree(staging, ignore_errors=True)
        return None
    return str(launcher) if launcher.exists() else None


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, client masking, fragmentation."""

    def __init__(self, url: str, timeout: float = 30.0):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (
            f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"websocket handshake refused: {head[:200]!r}")
        self.buf = b""

    def settimeout(self, seconds: float) -> None:
        self.sock.settimeout(max(seconds, 0.001))

    def _recv_exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _frame(self, opcode: int, data: bytes) -> None:
        head = bytearray([0x80 | opcode])
        n = len(data)
        if n < 126:
            head.append(0x80 | n)
        elif n < 65536:
            head.append(0x80 | 126)
            head += struct.pack(">H", n)
        else:
            head.append(0x80 | 127)
            head += struct.pack(">Q", n)
        mask = os.urandom(4)
        head += mask
        masked = (int.from_bytes(data, "big") ^ int.from_bytes((mask * (n // 4 + 1))[:n], "big")).to_bytes(n, "big") if n else b""
        self.sock.sendall(bytes(head) + masked)

    def send(self, text: str) -> None:
        self._frame(0x1, text.encode())

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._recv_exact(2)
            fin, op = b0 & 0x80, b0 & 0x0F
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            if b1 & 0x80:
                mask = self._recv_exact(4)
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._recv_exact(n)))
            else:
                payload = self._recv_exact(n)
            if op == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if op == 0x9:  # ping → pong
                self._frame(0xA, payload)
                continue
            if op == 0xA:
                continue
            parts.append(payload)
            if fin:
                return b"".join(parts).decode()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


class CDP:
    """Commands by id over one websocket; events that arrive meanwhile are kept in ``events``."""

    def __init__(self, ws_url: str, timeout: float = 30.0):
        self.ws = WebSocket(ws_url, timeout)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict[str, Any]:
        """The command's result; ``TimeoutError`` past ``timeout``, ``RuntimeError`` for a CDP error,
        ``ConnectionError`` when the browser has gone."""
        self.next_id += 1
        mid = self.next_id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        deadline = time.monotonic() + timeout
        self.ws.settimeout(timeout)
        self.ws.send(json.dumps(msg))
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(method)
            self.ws.settimeout(remaining)
            try:
                m = json.loads(self.ws.recv())
            except TimeoutError:
                raise TimeoutError(method) from None
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method: str, session: str | None = None, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for n, ev in enumerate(self.events):
                if ev["method"] == method and (session is None or ev.get("sessionId") == session):
                    del self.events[n]
                    return ev
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} event")
            self.ws.settimeout(remaining)
            try:
                m = json.loads(self.ws.recv())
            except TimeoutError:
                raise TimeoutError(f"no {method} event") from None
            if "method" in m:
                self.events.append(m)

    def close(self) -> None:
        self.ws.close()
