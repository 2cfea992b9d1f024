"""JavaScript's calling convention for the reference's public functions.

In JavaScript a missing argument is ``undefined`` and an extra one is ignored: ``buf.copy()`` is
``buf.copy(undefined)`` (Node's ``ERR_INVALID_ARG_TYPE`` for "target"), ``buf.fill()`` fills zeros,
``buf.writeFloatLE(v, 0, true)`` ignores the ``true``. A Python function raises its own TypeError
for both. :func:`js_arguments` wraps a function so that, called positionally, missing required
parameters are ``None`` (the reference's ``undefined``) and positional arguments beyond the last
parameter are dropped; keyword calls are untouched, so a Python caller keeps natural keyword
arguments (and its mistakes in them are still Python's TypeError). :func:`js_methods` applies it to
a class's public methods, classmethods and staticmethods. :class:`StaticAndInstance` is one name
that JavaScript calls both on a class and on its instances.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

__all__ = ["StaticAndInstance", "js_arguments", "js_methods"]

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def js_arguments(fn: Callable[..., Any], bound: bool = False) -> Callable[..., Any]:
    """``fn`` called the JavaScript way (see the module). ``bound``: its first parameter is the
    receiver (``self``/``cls``), which is never filled in."""
    try:
        parameters = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return fn
    positional = [p for p in parameters if p.kind in _POSITIONAL]
    variadic = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters)
    receiver = 1 if bound and positional else 0
    required = sum(1 for p in positional if p.default is inspect.Parameter.empty)
    most = None if variadic else len(positional)
    if required <= receiver and most is None:
        return fn

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:  # the wrapper: see js_arguments
        count = len(args)
        if count < required and not kwargs and count >= receiver:
            args = args + (None,) * (required - count)
        elif most is not None and count > most:
            args = args[:most]
        return fn(*args, **kwargs)

    call.js_arguments = True  # type: ignore[attr-defined]
    return call


def js_methods(cls: type, names: list[str] | None = None) -> type:
    """Apply :func:`js_arguments` to ``cls``'s own public methods (or ``names``); returns ``cls``."""
    for name, value in list(vars(cls).items()):
        if names is not None and name not in names:
            continue
        if name.startswith("_") or getattr(getattr(value, "__func__", value), "js_arguments", False):
            continue
        if isinstance(value, staticmethod):
            setattr(cls, name, staticmethod(js_arguments(value.__func__)))
        elif isinstance(value, classmethod):
            setattr(cls, name, classmethod(js_arguments(value.__func__, bound=True)))
        elif inspect.isfunction(value):
            setattr(cls, name, js_arguments(value, bound=True))
    return cls


# A descriptor: Python's one way for a class attribute to be a static function on the class and a method
# (or property) on instances, as Buffer.byteLength / buf.byteLength and events.once / emitter.once are.
class StaticAndInstance:
    """One name, two meanings: ``static`` on the class (``Buffer.compare(a, b)``,
    ``require('events').once(emitter, name)``), ``instance`` on an instance — a method
    (``buf.compare(t)``, ``emitter.once(name, f)``) or, with ``is_property``, a property
    (``buf.byteLength``)."""

    def __init__(self, static: Callable[..., Any], instance: Callable[..., Any], is_property: bool = False) -> None:
        self.static = static
        self.instance = instance
        self.is_property = is_property
        if not is_property:  # Node's names: emitter.once.name is 'once' (the method here is _once)
            instance.__name__ = instance.__name__.lstrip("_")
            instance.__qualname__ = instance.__qualname__.replace("._", ".")

    def __get__(self, obj: Any, cls: type | None = None) -> Any:
        if obj is None:
            return self.static
        if self.is_property:
            return self.instance(obj)
        return self.instance.__get__(obj, cls)
