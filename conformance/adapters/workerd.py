"""workerd, Cloudflare Workers' runtime: its node:events, node:buffer and node:crypto (nodejs_compat).

workerd is a server and does not read stdin, so it is driven through the contract's HTTP binding
(``nodespec.http_bridge``, docs/protocol.md): a Worker (``drivers/worker.mjs``) hosts the driver logic
(``drivers/core.mjs``, the same program as the stdio driver) and answers the same JSON messages over a
WebSocket opened with an HTTP GET (or one POST per operation).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from nodespec import PACKAGE_DIR, npm
from nodespec.adapters import javascript
from nodespec.bridge import BridgeImplementation
from nodespec.http_bridge import HttpDriver
from nodespec.implementation import Availability

DRIVERS = PACKAGE_DIR / "drivers"
WORKERD = npm.node_modules() / ".bin" / "workerd"  # the checkout's, or nodespec install's cache
NPM_INSTALL = npm.INSTALL_COMMAND
# The pinned workerd's own date: node:* modules are on by default from 2026-08-04 (nodejs_compat).
COMPATIBILITY_DATE = "2026-11-17"

MODULES = {m: f"node:{m}" for m in ("events", "buffer", "crypto")}


def capnp_config(name: str, modules: dict[str, str]) -> str:
    """The workerd configuration: one Worker made of the HTTP binding and the driver core (embedded from
    the import path, ``-I drivers``), listening on a port of the system's choice."""
    config = json.dumps({"name": name, "modules": modules})
    return f"""using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "nodespec", worker = .driver)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "nodespec")],
);

const driver :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "/worker.mjs"),
    (name = "core.mjs", esModule = embed "/core.mjs"),
  ],
  bindings = [(name = "NODESPEC_CONFIG", json = {json.dumps(config)})],
  compatibilityDate = "{COMPATIBILITY_DATE}",
);
"""


def _version(executable: str) -> str:
    return javascript._version(executable).removeprefix("workerd ")  # "workerd 2026-11-17"


class WorkerdImplementation(BridgeImplementation):
    name = "workerd"
    kind = "runtime"
    description = ("workerd, Cloudflare Workers' runtime (npm package workerd, pinned): its node:events, node:buffer "
                   "and node:crypto (nodejs_compat), driven over HTTP")
    modules = frozenset(MODULES)
    capabilities = frozenset({"loop", "javascript"})  # a Worker has no processes: program-level features do not apply
    target_line = 22  # the pinned workerd's process.version is v22.23.4: it claims Node 22's behaviour

    def __init__(self, executable: Path = WORKERD, transport: str = "websocket") -> None:
        super().__init__()
        # The WebSocket keeps the session in one request context (see drivers/worker.mjs); "post" (one
        # HTTP request per operation) is there for measuring and for stateless clients.
        self.transport = transport
        self.executable = executable
        self._config_dir: tempfile.TemporaryDirectory[str] | None = None

    def availability(self) -> Availability:
        if not self.executable.exists() or shutil.which(str(self.executable)) is None:
            return Availability(False, "workerd was not found (npm package workerd)", NPM_INSTALL)
        return Availability(True)

    def version(self) -> str:
        return _version(str(self.executable))

    def config_path(self) -> Path:
        if self._config_dir is None:
            self._config_dir = tempfile.TemporaryDirectory(prefix="nodespec-workerd-")
        path = Path(self._config_dir.name) / "nodespec.capnp"
        if not path.exists():
            path.write_text(capnp_config(self.name, MODULES))
        return path

    def driver_argv(self, options: frozenset[str]) -> list[str]:
        return self.server_argv(None)

    def server_argv(self, control_fd: int | None) -> list[str]:
        argv = [str(self.executable), "serve", str(self.config_path()), "--import-path", str(DRIVERS)]
        return argv + (["--control-fd", str(control_fd)] if control_fd is not None else [])

    def start_driver(self, options: frozenset[str]) -> Any:
        return HttpDriver(self.server_argv, what="workerd", transport=self.transport)

    def close(self) -> None:
        super().close()
        if self._config_dir is not None:
            self._config_dir.cleanup()
            self._config_dir = None


IMPLEMENTATIONS = [WorkerdImplementation]
