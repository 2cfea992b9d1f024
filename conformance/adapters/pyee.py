"""pyee (https://github.com/jfhbrook/pyee), "a rough port of Node.js's EventEmitter to Python", in process.

pyee's names are already Python's (``add_listener``, ``remove_listener``, ``remove_all_listeners``,
``listeners``, ``event_names``, ``once``, ``emit``), so Node's camelCase maps to them by snake_case like
the reference; what pyee lacks (``prependListener``, ``listenerCount``, ``setMaxListeners``…) is simply
absent, which the specification reports as that scenario's failure. pyee has no ``this``: listeners are
called with the arguments only, so every recorder sees ``undefined`` as ``this``. The harness's
deferrals (nextTick, setImmediate…) run on a private ``nodespec.reference.loop.Loop``: they belong to
the harness, not to pyee, which has no event loop of its own in its base class.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

from nodespec.implementation import Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter
from nodespec.protocol import WEB_GLOBALS
from nodespec.reference.loop import Loop


class PyeeImplementation(InProcessImplementation):
    name = "pyee"
    kind = "port"
    description = "pyee: Python's port of Node's EventEmitter (pyee.EventEmitter)"
    capabilities = frozenset({"loop"})
    modules = frozenset({"events"})
    lacks = {"process": "pyee is a library, not a runtime: there is no process object",  # noqa: RUF012
             **{g: f"pyee is a library, not a runtime: there is no global {g}" for g in WEB_GLOBALS}}

    def availability(self) -> Availability:
        if importlib.util.find_spec("pyee") is None:
            return Availability(False, "pyee is not installed", "pip install 'nodespec[ports]'")
        return Availability(True)

    def version(self) -> str:
        try:
            return importlib.metadata.version("pyee")
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    def make_interpreter(self) -> PythonInterpreter:
        return PythonInterpreter(modules={"events": "pyee:EventEmitter"}, loop=Loop())


IMPLEMENTATIONS = [PyeeImplementation]
