"""The Python reference inside asyncio (``reference-asyncio``): the reference's event loop as asyncio's
guest, in process.

Each scenario gets a fresh asyncio event loop, and every operation of the scenario runs as a task on
it, so the reference sees a running asyncio loop whenever the scenario touches it: what it schedules
(ticks, microtasks, timers, immediates, I/O) is woken by asyncio (``reference/loop.py``, "asyncio
guest mode"), and "let the loop settle" awaits ``loop.idle()`` instead of calling ``loop.run()``.
Programs run under this module as ``python -m nodespec.adapters.reference_asyncio PROGRAM ARGS…``:
the program's module runs inside ``asyncio.run``, where ``process.run_main`` hands the rest of the
program's life to the guest loop. The harness forks them from a template that has imported this module,
as it forks the reference's (``ReferenceImplementation.start_process``).

That the reference passes the same scenarios this way is the evidence that guest mode keeps Node's
order: the phases and both queues stay the reference's own, asyncio only wakes them.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import sys
from pathlib import Path
from typing import Any

from nodespec import protocol
from nodespec.adapters.reference import ReferenceImplementation
from nodespec.implementation import _watchdog


class ReferenceAsyncioImplementation(ReferenceImplementation):
    name = "reference-asyncio"
    description = "nodespec's Python reference with its event loop as asyncio's guest (every scenario inside asyncio)"
    # Its programs run as ``python -m`` this module: forked from a template that has imported what it
    # imports (not the module itself, which runs afresh as __main__).
    forked_preload = ("asyncio", "nodespec.adapters.reference")

    def __init__(self) -> None:
        super().__init__()
        self._host: asyncio.AbstractEventLoop | None = None

    def request(self, message: dict[str, Any], options: frozenset[str] = frozenset(), timeout: float | None = None) -> dict[str, Any]:
        if message["op"] == "hello":
            return super().request(message, options, timeout)
        if self._interpreter is None:
            self._interpreter = self.make_interpreter()
        old = None
        if message["op"] == "reset" or self._host is None:
            self.configure(options)
            old, self._host = self._host, asyncio.new_event_loop()
        try:
            with _watchdog(timeout or float(os.environ.get("NODESPEC_OP_TIMEOUT", "10")), message.get("op", "?")):
                return self._host.run_until_complete(self._handle(message))
        finally:
            if old is not None:  # the reset has moved the reference's loop to the new host
                old.close()

    async def _handle(self, message: dict[str, Any]) -> dict[str, Any]:
        from nodespec.reference import loop

        it = self._interpreter
        if message["op"] == "settle":
            await _idle(loop.default_loop, 5.0)
            return {"ok": True, "value": None}
        if message["op"] == "await":
            try:
                future = it.decode(message["target"])
            except protocol.ProtocolError as error:
                return {"ok": False, "error": {"name": "ProtocolError", "code": "NODESPEC_PROTOCOL", "message": str(error)}}
            await _idle(loop.default_loop, message.get("ms", 2000) / 1000)
            return {"ok": True, "value": it.settlement(future)}
        return it.handle(message)

    def close(self) -> None:
        if self._host is not None:
            self._host.close()
            self._host = None
        super().close()  # the program template too

    def program_argv(self, path: Path, options: frozenset[str]) -> list[str]:
        return [sys.executable, "-m", __name__, str(path)]


async def _idle(lp: Any, seconds: float) -> None:
    """``loop.run(timeout=seconds)``'s counterpart in guest mode: until nothing is pending, or time is up."""
    try:
        await asyncio.wait_for(lp.idle(), seconds)
    except TimeoutError:
        pass


async def _run_program(path: str) -> None:
    from nodespec.reference import loop, process

    runpy.run_path(path, run_name="__main__")
    life_cycle = process._life_cycle
    if life_cycle is not None:  # the program called run_main: it ends the process itself
        await life_cycle
    else:
        await loop.default_loop.idle()


IMPLEMENTATIONS = [ReferenceAsyncioImplementation]

if __name__ == "__main__":
    program = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, str(Path(program).parent))
    asyncio.run(_run_program(program))
