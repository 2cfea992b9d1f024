"""The names a scenario's JavaScript can use, and the outcome of the last statement (``it``).

Every module's steps evaluate text with the one ``JS`` language below (``steps/expressions.py``). A name
is, in this order: one the scenario bound (``buf = …``, ``cipher = …``, ``p = …``); ``it`` (what the
last statement returned); a Node module or global (``EventEmitter``, ``errorMonitor``,
``captureRejectionSymbol``, ``Buffer``, ``buffer``, ``crypto``, ``process``, ``Uint8Array``,
``ArrayBuffer`` and the other binary data classes, ``Int16Array``, ``DataView``…, ``EventTarget``, ``Event``, ``AbortController``, ``AbortSignal``); ``this`` inside a listener's actions; any other capitalised name is a listener
(a recorder; in an expected value: that listener, without its definition).
"""

from __future__ import annotations

from typing import Any

from nodespec import protocol
from nodespec.protocol import THIS, Handle, Listener, OperationError
from nodespec.session import Outcome
from nodespec.steps.common import Divergence
from nodespec.steps.expressions import Language, Node, parse

_MODULES = {"EventEmitter": "events", "events": "events", "buffer": "buffer", "crypto": "crypto"}
_MODULE_MEMBERS = {"Buffer": "buffer", "errorMonitor": "events", "captureRejectionSymbol": "events"}
# JavaScript's binary data classes: what Buffer's API accepts besides Uint8Array and ArrayBuffer
_GLOBALS = {"process", "Uint8Array", "ArrayBuffer", "Int8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
            "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
            "DataView", "SharedArrayBuffer", *protocol.WEB_GLOBALS}
# Methods whose results crypto scenarios read together as "the outputs" (in the order they ran).
OUTPUT_METHODS = {"update", "final", "digest"}


def listener(spec: Any, name: str) -> Listener:
    defs = spec.state.setdefault("listeners", {})
    actions, arrow, is_async = defs.get(name, ([], False, False))
    return protocol.listener(name, actions, arrow=arrow, async_=is_async)


def last_value(spec: Any) -> Any:
    """``it``: the value the last statement returned (a Divergence if it threw or none ran)."""
    outcome = spec.state.get("outcome")
    if outcome is None:
        raise Divergence("outcome", "a statement that ran", None)
    if not outcome.ok:
        raise Divergence("outcome", "a value", outcome.error)
    return outcome.value


def outputs(spec: Any, name: str) -> list[Any]:
    return spec.state.setdefault("outputs", {}).setdefault(name, [])


def _resolve(spec: Any, name: str, where: str) -> Any:
    if name == "it":
        return last_value(spec)
    if name == "this" and where == "actions":
        return THIS
    if name in _MODULES:
        return spec.module(_MODULES[name])
    if name in _MODULE_MEMBERS:
        return spec.get(spec.module(_MODULE_MEMBERS[name]), name)
    if name in _GLOBALS:
        return spec.global_(name)
    if name[:1].isupper():
        return Listener(name) if where == "expected" else listener(spec, name)
    outcome = spec.state.get("outcome")
    if outcome is not None and not outcome.ok:  # the statement that was to bind it threw
        raise Divergence(name, "a value", outcome.error)
    raise ValueError(f"unknown name {name!r}")


JS = Language("names", _resolve)


def record(spec: Any, node: Node, outcome: Outcome) -> Outcome:
    """Remember ``outcome`` as ``it``; what ``name.update/final/digest(…)`` returned joins name's outputs."""
    spec.state["outcome"] = outcome
    value = outcome.value
    if (outcome.ok and node[0] == "call" and node[1][0] == "name" and node[2] in OUTPUT_METHODS
            and not (isinstance(value, Handle) and value.hex is None)):
        outputs(spec, node[1][1]).append(value)
    return outcome


def attempt(spec: Any, text: str) -> Outcome:
    """Evaluate ``text`` and record its outcome (the value, or what it threw)."""
    node = parse(text)
    try:
        outcome = Outcome(True, JS.evaluate(spec, node))
    except OperationError as error:
        outcome = Outcome(False, error=error.error)
    return record(spec, node, outcome)
