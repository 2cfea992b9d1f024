"""The Python reference (``nodespec.reference``), executed in process."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from nodespec import __version__
from nodespec.implementation import InProcessImplementation
from nodespec.interpreter import PythonInterpreter, load_object
from nodespec.protocol import WEB_GLOBALS

MODULES = {
    "events": "nodespec.reference.events:EventEmitter",
    "buffer": "nodespec.reference.buffer",
    "crypto": "nodespec.reference.crypto",
    "process": "nodespec.reference.process:process",
    "child_process": "nodespec.reference.child_process",
    "cluster": "nodespec.reference.cluster",
}
TYPED_ARRAY_GLOBALS = (
    "Int8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array",
    "Float64Array", "BigInt64Array", "BigUint64Array", "DataView", "SharedArrayBuffer",
)
GLOBALS = {
    "process": "nodespec.reference.process:process",
    "Buffer": "nodespec.reference.buffer:Buffer",
    "Uint8Array": "nodespec.reference.buffer:Uint8Array",
    "ArrayBuffer": "nodespec.reference.buffer:ArrayBuffer",
    **{name: f"nodespec.reference.typed_arrays:{name}" for name in TYPED_ARRAY_GLOBALS},
    **{name: f"nodespec.reference.event_target:{name}" for name in WEB_GLOBALS},
}


def _exists(path: str) -> bool:
    try:
        return importlib.util.find_spec(path.partition(":")[0]) is not None
    except ModuleNotFoundError:
        return False


def _optional(path: str) -> Any:
    try:
        return load_object(path)
    except (ImportError, AttributeError):
        return None


class ReferenceImplementation(InProcessImplementation):
    name = "reference"
    kind = "reference"
    description = "nodespec's Python reference implementation (nodespec.reference)"
    capabilities = frozenset({"program", "loop"})
    program_suffixes = (".py",)
    forked_preload: tuple[str, ...] = ()  # what the program template imports beyond the reference's own

    def __init__(self) -> None:
        super().__init__()
        self.modules = frozenset(name for name, path in MODULES.items() if _exists(path))
        self._forkserver: Any = None
        self._forkserver_failed = False

    def version(self) -> str:
        return __version__

    def start_process(self, argv: list[str], cwd: Path, env: dict[str, str]) -> Any:
        """``python program.py …`` (or ``python -m MODULE program.py …``) forked from a warm template
        that has the reference imported (one per implementation and environment): a program scenario
        does not pay an interpreter start and the reference's imports (~0.1 s of CPU each). A program
        in another environment, or a template that fails, is spawned as usual."""
        from nodespec.reference import forkserver

        script = argv[1:2] == ["-m"] and len(argv) > 2 or len(argv) > 1 and argv[1].endswith(".py")
        if argv[:1] != [sys.executable] or not script:
            return None
        # The template's environment is the implementation's own: a program given more (a scenario's
        # variable, a test's marker) is spawned, so its environment is its own in /proc too.
        if env != {**os.environ, "NODESPEC_IMPL": self.name, **self.program_env()}:
            return None
        # pytest names the running test in the environment; the template's would never match a later one
        env = {k: v for k, v in env.items() if k != "PYTEST_CURRENT_TEST"}
        if self._forkserver is None or not self._forkserver.alive():
            if self._forkserver_failed:
                return None
            self._forkserver = forkserver.ForkServer(env, self.forked_preload)
        program = self._forkserver.fork(argv[1:], env, str(cwd), ["pipe", "pipe", "pipe"], mode="program")
        if program is None and not self._forkserver.alive():
            self._forkserver_failed = True
        return program

    def close(self) -> None:
        if self._forkserver is not None:
            self._forkserver.close()
            self._forkserver = None
        super().close()

    def detect_target(self) -> int | None:
        from nodespec.reference import lines

        return lines.default_line()

    def make_interpreter(self) -> PythonInterpreter:
        from nodespec.reference import loop

        current_this = _optional("nodespec.reference.events:current_this")
        return PythonInterpreter(
            modules={name: path for name, path in MODULES.items() if name in self.modules},
            globals={name: path for name, path in GLOBALS.items() if _exists(path)},
            this_provider=current_this,
            make_bytes=self._make_bytes,
            loop=loop.default_loop,
            process_object=lambda: _optional("nodespec.reference.process:process"),
            make_error=_optional("nodespec.reference.errors:error_named"),
        )

    @staticmethod
    def _make_bytes(data: bytes, kind: str) -> Any:
        factory = _optional(f"nodespec.reference.buffer:{kind}")
        if kind == "Buffer" and factory is not None:
            return factory.from_(data)
        if factory is not None:
            try:
                return factory(data)
            except TypeError:
                pass
        return bytearray(data)

    def configure(self, options: frozenset[str]) -> None:
        from nodespec.reference import lines

        lines.configure(node_version=self.target())
        # Each scenario starts with the Buffer.poolSize of a fresh process, as the JavaScript driver
        # restores it (the pool itself carries on, as in one long-running process).
        buffer = _optional("nodespec.reference.buffer")
        if buffer is not None and hasattr(buffer, "default_pool_size"):
            buffer.Buffer.pool_size = buffer.default_pool_size()
        set_legacy = _optional("nodespec.reference.crypto:set_legacy_provider")
        if set_legacy is not None:
            set_legacy("legacy-provider" in options)


IMPLEMENTATIONS = [ReferenceImplementation]
