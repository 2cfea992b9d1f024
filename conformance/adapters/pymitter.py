"""pymitter (https://github.com/riga/pymitter), "a Python port of the extended Node.js EventEmitter 2
approach providing namespaces, wildcards and TTL", in process.

pymitter's API is EventEmitter2's in Python: ``on(event, func, ttl=-1)``, ``once``, ``off(event, func=None)``
(without a function: every listener of the event), ``on_any``/``off_any``, ``off_all``, ``listeners``,
``emit`` (returns None; coroutine listeners run in ``asyncio.run``), ``max_listeners`` (a total, not per
event: a listener past it is silently not added). Node's names reach it by snake_case like every Python
port, plus the aliases Node itself documents: ``addListener`` is ``on``, ``removeListener`` is ``off``,
and ``removeAllListeners`` is ``off``, which removes every listener of the event it is given (without an
event pymitter's ``off`` needs one: its own TypeError). Nothing else is renamed: what pymitter lacks
(``prependListener``, ``listenerCount``, ``eventNames``, ``setMaxListeners``…) is absent, which the
specification reports as that scenario's failure. Listeners are called with the arguments only, so a
recorder's ``this`` is ``undefined``. The harness's deferrals run on a private
``nodespec.reference.loop.Loop``: pymitter has no event loop of its own.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter, default_names
from nodespec.protocol import WEB_GLOBALS
from nodespec.reference.loop import Loop

# Node's aliases (doc: "emitter.addListener: alias for emitter.on", "emitter.off: alias for removeListener")
# of what pymitter offers under its own name; removeAllListeners(event) is pymitter's off(event).
ALIASES = {"addListener": "on", "removeListener": "off", "removeAllListeners": "off"}


def names(name: str) -> list[str]:
    """Python names to try for a Node name: the alias pymitter offers, then snake_case and Node's own."""
    return [ALIASES[name]] if name in ALIASES else default_names(name)


class PymitterImplementation(InProcessImplementation):
    name = "pymitter"
    kind = "port"
    description = "pymitter: Python port of EventEmitter2 (namespaces, wildcards, TTL); pymitter.EventEmitter"
    capabilities = frozenset({"loop"})
    modules = frozenset({"events"})
    lacks = {"process": "pymitter is a library, not a runtime: there is no process object",  # noqa: RUF012
             **{g: f"pymitter is a library, not a runtime: there is no global {g}" for g in WEB_GLOBALS}}

    def availability(self) -> Availability:
        if importlib.util.find_spec("pymitter") is None:
            return Availability(False, "pymitter is not installed", "pip install 'nodespec[ports]'")
        return Availability(True)

    def version(self) -> str:
        try:
            return importlib.metadata.version("pymitter")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def make_interpreter(self) -> PythonInterpreter:
        return PythonInterpreter(modules={"events": "pymitter:EventEmitter"}, name_map=names, loop=Loop())


IMPLEMENTATIONS = [PymitterImplementation]
