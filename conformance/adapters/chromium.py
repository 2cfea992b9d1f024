"""chromium-npm: npm's `events`, `buffer` and `crypto-browserify` as a browser app gets them — bundled with
the driver by esbuild (as a bundler's node-polyfill setup does: `stream` → readable-stream, npm's
`process` and `buffer` injected for the free variables) into a page of headless Chromium, driven over the
DevTools protocol (``nodespec.cdp``). The browser is the headless Chromium that the npm lock pins
(@sparticuz/chromium, unpacked by ``nodespec.cdp.pinned_chromium``), so every machine set up by ``npm ci``
or ``nodespec install`` gives the same verdict; $NODESPEC_CHROMIUM or a chromium on PATH otherwise.

The page binding (``drivers/browser.mjs``) takes the same JSON messages as the HTTP binding; the driver
logic is ``drivers/core.mjs``, the same program as the stdio driver's. Chromium is started in its own
process group (killed if the harness dies); it is ready when it prints the DevTools address it listens
on, not after a fixed time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from nodespec import PACKAGE_DIR, npm, protocol
from nodespec.bridge import BridgeImplementation, _js_number
from nodespec.cdp import CDP, CHROMIUM_FLAGS, INSTALL_CHROMIUM, find_chromium
from nodespec.http_bridge import START_TIMEOUT
from nodespec.implementation import Availability, kill_group, spawn

DRIVERS = PACKAGE_DIR / "drivers"
NODE_MODULES = npm.node_modules()  # the checkout's, or nodespec install's cache
ESBUILD = NODE_MODULES / ".bin" / "esbuild"
NPM_INSTALL = npm.INSTALL_COMMAND
PACKAGES = ("events", "buffer", "crypto-browserify", "process", "readable-stream")
LISTENING = re.compile(rb"DevTools listening on (ws://\S+)")


def bundle(out: Path) -> Path:
    """The page's script: browser.mjs and the polyfills in one classic script (an IIFE). --keep-names:
    a name esbuild would change to avoid a clash in our bundle (Buffer → Buffer3) is not the polyfill's."""
    argv = [str(ESBUILD), str(DRIVERS / "browser.mjs"), "--bundle", "--format=iife", "--platform=browser",
            "--alias:stream=readable-stream", f"--inject:{DRIVERS / 'browser-globals.mjs'}", "--define:global=globalThis",
            "--keep-names", "--log-level=error", f"--outfile={out}"]
    proc = spawn(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise protocol.DriverCrashed("esbuild did not bundle the page driver within 120 s") from None
    if proc.returncode != 0:
        raise protocol.DriverCrashed(f"esbuild could not bundle the page driver: {err.decode(errors='replace').strip()[-2000:]}")
    return out


class ChromiumDriver:
    """One headless Chromium with one page that hosts the bundled driver."""

    def __init__(self, executable: str, script: Path, start_timeout: float = START_TIMEOUT) -> None:
        self.dead = False
        self._tail = bytearray()
        self._ready = threading.Event()
        self._url: str | None = None
        self.profile = tempfile.mkdtemp(prefix="nodespec-chromium-")
        self.cdp: CDP | None = None
        self.proc = spawn([executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
                           "about:blank"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert self.proc.stderr is not None
        # Chromium writes to stderr as long as it runs: a reader keeps the pipe drained (and a tail for
        # failure messages), and signals the DevTools address, or the end of output.
        self._reader = threading.Thread(target=self._read, args=(self.proc.stderr,), daemon=True)
        self._reader.start()
        try:
            if not self._ready.wait(start_timeout):
                raise self._crashed(f"Chromium did not report its DevTools address within {start_timeout:g} s; it was killed")
            if self._url is None:
                self.proc.wait()
                raise self._crashed(f"Chromium exited (code {self.proc.returncode}) before listening")
            self.cdp = CDP(self._url, start_timeout)
            target = self.cdp.send("Target.createTarget", {"url": "about:blank"}, timeout=start_timeout)["targetId"]
            self.session = self.cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                         timeout=start_timeout)["sessionId"]
            loaded = self.cdp.send("Runtime.evaluate", {"expression": script.read_text(), "returnByValue": True},
                                   self.session, timeout=start_timeout)
            if "exceptionDetails" in loaded:
                raise self._crashed(f"the page driver failed to load: {self._describe(loaded['exceptionDetails'])}")
        except protocol.ImplementationFailure:
            raise
        except (OSError, RuntimeError, TimeoutError) as error:
            raise self._crashed(f"Chromium could not be driven ({error})") from None
        except BaseException:  # interrupted while starting: no one holds this driver yet to kill it later
            self.kill()
            raise

    def _read(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            self._tail = (self._tail + line)[-2000:]
            match = LISTENING.search(line)
            if match and self._url is None:
                self._url = match.group(1).decode()
                self._ready.set()
        self._ready.set()  # end of output: Chromium has exited

    @staticmethod
    def _describe(details: dict[str, Any]) -> str:
        return str(details.get("exception", {}).get("description") or details.get("text"))[:2000]

    def alive(self) -> bool:
        return not self.dead

    def request(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        op = message.get("op")
        text = protocol.dumps({"id": 0, **message})
        assert self.cdp is not None
        try:
            result = self.cdp.send("Runtime.evaluate", {"expression": f"__nodespec({json.dumps(text)})",
                                                        "awaitPromise": True, "returnByValue": True},
                                   self.session, timeout=timeout)
        except TimeoutError:
            self.kill()
            raise protocol.DriverTimeout(
                f"Chromium did not answer {op!r} within {timeout:g} s; it was killed and will be restarted") from None
        except (OSError, RuntimeError) as error:
            raise self._crashed(f"Chromium failed during {op!r} ({error})") from None
        if "exceptionDetails" in result:
            self.kill()
            raise protocol.ProtocolError(f"the page driver threw: {self._describe(result['exceptionDetails'])}")
        raw = result.get("result", {}).get("value")
        try:
            return json.loads(raw, parse_int=_js_number)
        except (TypeError, ValueError):
            self.kill()
            raise protocol.ProtocolError(f"the page driver answered something that is not JSON: {str(raw)[:200]!r}") from None

    def _crashed(self, what: str) -> protocol.DriverCrashed:
        tail = self._tail.decode("utf-8", "replace").strip()
        self.kill()
        return protocol.DriverCrashed(f"{what}; it will be restarted" + (f"\nstderr: {tail}" if tail else ""))

    def kill(self) -> None:
        if self.dead:
            return
        self.dead = True
        if self.cdp is not None:
            self.cdp.close()
        # Chromium's helpers (zygote, renderers) are in its process group: they go with it.
        kill_group(self.proc)
        self._reader.join(5)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class ChromiumNpmImplementation(BridgeImplementation):
    name = "chromium-npm"
    kind = "polyfill"
    description = ("npm's events, buffer and crypto-browserify bundled by esbuild into a page of headless Chromium "
                   "(npm @sparticuz/chromium, pinned): what a browser app that imports node:* gets")
    modules = frozenset({"events", "buffer", "crypto"})
    capabilities = frozenset({"loop", "javascript"})  # a page has no processes: program-level features do not apply

    def __init__(self) -> None:
        super().__init__()
        self._build: tempfile.TemporaryDirectory[str] | None = None
        self._script: Path | None = None

    def availability(self) -> Availability:
        if find_chromium(pinned=True) is None:
            return Availability(False, "Chromium was not found: the pinned npm package is not installed (nor a chromium "
                                "on PATH), or NODESPEC_CHROMIUM disables it", INSTALL_CHROMIUM)
        missing = [p for p in ("esbuild", *PACKAGES) if not (NODE_MODULES / p).exists()]
        if missing:
            return Availability(False, f"not installed: {', '.join(missing)}", NPM_INSTALL)
        return Availability(True)

    def version(self) -> str:
        versions = []
        for package in ("events", "buffer", "crypto-browserify"):
            try:
                versions.append(f"{package} {json.loads((NODE_MODULES / package / 'package.json').read_text())['version']}")
            except (OSError, ValueError, KeyError):
                versions.append(f"{package} ?")
        return f"{', '.join(versions)} (on {_chromium_version()})"

    def driver_argv(self, options: frozenset[str]) -> list[str]:
        return [find_chromium(pinned=True) or "chromium", *CHROMIUM_FLAGS]

    def script(self) -> Path:
        if self._script is None:
            self._build = tempfile.TemporaryDirectory(prefix="nodespec-bundle-")
            self._script = bundle(Path(self._build.name) / "driver.js")
        return self._script

    def start_driver(self, options: frozenset[str]) -> Any:
        executable = find_chromium(pinned=True)
        if executable is None:
            raise protocol.DriverCrashed("Chromium was not found")
        return ChromiumDriver(executable, self.script())

    def close(self) -> None:
        super().close()
        if self._build is not None:
            self._build.cleanup()
            self._build = None
            self._script = None


_versions: dict[str, str] = {}


def _chromium_version() -> str:
    executable = find_chromium(pinned=True)
    if executable is None:
        return "Chromium ?"
    if executable not in _versions:
        try:
            out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        # "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)" → its first two words
        _versions[executable] = " ".join(out.split()[:2]) or "Chromium ?"
    return _versions[executable]


IMPLEMENTATIONS = [ChromiumNpmImplementation]
