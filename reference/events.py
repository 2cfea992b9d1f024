"""A faithful Python EventEmitter: Node.js's ``node:events``, mirrored from ``lib/events.js`` (v20).

Names are Pythonic and documented against Node's (the harness maps camelCase to snake_case):

============================  ====================================
Node.js                       nodespec.reference.events
============================  ====================================
``on`` / ``addListener``      ``on`` / ``add_listener``
``prependListener``           ``prepend_listener``
``once``                      ``once`` (instance) / ``EventEmitter.once(emitter, name)`` (static)
``prependOnceListener``       ``prepend_once_listener``
``off`` / ``removeListener``  ``off`` / ``remove_listener``
``removeAllListeners``        ``remove_all_listeners``
``emit``                      ``emit``
``listeners``                 ``listeners``
``rawListeners``              ``raw_listeners``
``listenerCount``             ``listener_count``
``eventNames``                ``event_names``
``setMaxListeners``           ``set_max_listeners`` (instance and static)
``getMaxListeners``           ``get_max_listeners``
``defaultMaxListeners``       ``EventEmitter.default_max_listeners``
``captureRejections``         ``EventEmitter.capture_rejections`` / ``EventEmitter(capture_rejections=True)``
``errorMonitor``              ``error_monitor``
``events.once()``             ``once()`` — an awaitable :class:`Promise` of the argument list
``events.getEventListeners``  ``get_event_listeners``
``events.getMaxListeners``    ``get_max_listeners``
============================  ====================================

What is kept from Node, on purpose, because the specification observes it:

* Storage: one listener is stored as the function itself, two or more as a list that carries the
  ``warned`` flag of the leak warning; ``emit`` iterates a copy (listeners added or removed during an
  emit do not change that emit).
* ``once`` registers a wrapper with ``.listener`` (the original) that removes itself before calling;
  ``raw_listeners`` returns the wrapper, ``listeners`` the original.
* ``'newListener'`` fires before adding, ``'removeListener'`` after removing, with Node's quirk of
  passing the once wrapper when a once listener fires among several listeners.
* ``'error'`` without a listener raises the exception itself, or ``ERR_UNHANDLED_ERROR`` carrying a
  non-exception value in ``context``; ``error_monitor`` listeners observe first.
* The leak warning (``MaxListenersExceededWarning``) with Node's text, once per listener list.
* ``event_names`` in ``Reflect.ownKeys`` order: integer-like strings ascending, then other strings in
  insertion order, then symbols in insertion order. Non-symbol names become strings as in a JavaScript
  object (``1`` → ``'1'``, ``None`` (undefined) → ``'undefined'``, ``True`` → ``'true'``); any other
  hashable Python object is used as it is, like a Symbol.

``this``: Node calls an ordinary ``function`` listener with ``this`` set to the emitter and an arrow
function with its own lexical ``this``. A Python callable has no ``this``: a plain callable is called with
the arguments only (the arrow case, and the Pythonic default; a bound method already carries its own
``self``); a callable marked with :func:`with_this` is called as ``listener(emitter, *args)`` (the
ordinary-function case).

Deferred work (the leak warning, captured rejections, promise reactions) goes through
``nodespec.reference.loop``, so its order is Node's.
"""

from __future__ import annotations

import inspect as _pyinspect
import sys
import warnings
from collections.abc import Callable, Hashable, Iterable
from types import FrameType, MethodType
from typing import TYPE_CHECKING, Any, TypeVar

from . import event_target as _et
from . import loop as _loop
from .calls import StaticAndInstance
from .errors import NodeError, node_error, v8_error
from .js import inspect, number_to_string, own_keys, to_property_key
from .lines import since
from .types import NULL, Symbol
from .validators import (
    invalid_arg_type,
    validate_boolean,
    validate_function,
    validate_number,
    validate_object,
)

__all__ = [
    "EventEmitter",
    "Symbol",
    "symbol_for",
    "Promise",
    "MaxListenersExceededWarning",
    "error_monitor",
    "capture_rejection_symbol",
    "with_this",
    "current_this",
    "once",
    "on",
    "get_event_listeners",
    "get_max_listeners",
    "add_abort_listener",
    "Coalescer",
]


# ---------------------------------------------------------------------------------------------------
# Symbols and JavaScript-style formatting
# ---------------------------------------------------------------------------------------------------
_symbol_registry: dict[str, Symbol] = {}


def symbol_for(key: str) -> Symbol:
    """``Symbol.for(key)``: the registry's one symbol for ``key``."""
    sym = _symbol_registry.get(key)
    if sym is None:
        sym = _symbol_registry[key] = Symbol(key)
    return sym


error_monitor = Symbol("events.errorMonitor")
capture_rejection_symbol = symbol_for("nodejs.rejection")


_F = TypeVar("_F", bound=Callable[..., Any])  # python-only: typing


def _validate_listener(listener: Any) -> Callable[..., Any]:
    """Node's check of a listener argument (the listener, once checked); a missing one (Python's habit of
    ``@emitter.on(name)``) gets Node's error with a note that names the decorator form."""
    try:
        validate_function(listener, "listener")
        return listener  # type: ignore[no-any-return]
    except NodeError as error:
        if listener is None:  # python-only: a note for Python's decorator habit, which no JavaScript value sees
            error.add_note("nodespec: to register with a decorator, use @emitter.listener(name) (docs/python.md)")
        raise


# ---------------------------------------------------------------------------------------------------
# Listener plumbing
# ---------------------------------------------------------------------------------------------------
def with_this(listener: Callable[..., Any]) -> Callable[..., Any]:  # python-only
    """Mark ``listener`` as a JavaScript ``function``: it is called as ``listener(emitter, *args)``.

    The mark is an attribute (``__node_this__``); callables that refuse attributes are wrapped.
    """
    try:
        listener.__node_this__ = True  # type: ignore[attr-defined]
        return listener
    except (AttributeError, TypeError):

        def wrapper(this: Any, *args: Any) -> Any:
            return listener(this, *args)

        wrapper.__node_this__ = True  # type: ignore[attr-defined]
        wrapper.__name__ = getattr(listener, "__name__", "wrapper")
        return wrapper


class _ThisBound:  # python-only
    """Storage form of a :func:`with_this` listener: the emitter bound as first argument.

    Like a once wrapper it has ``.listener``; unlike it, it is invisible: ``raw_listeners`` returns the
    original function.
    """

    __slots__ = ("listener", "target")

    def __init__(self, listener: Callable[..., Any], target: Any) -> None:
        self.listener = listener
        self.target = target

    def __call__(self, *args: Any) -> Any:
        return self.listener(self.target, *args)


class _OnceWrapper:
    """Node's ``bound onceWrapper``: removes itself, then calls the original once."""

    __slots__ = ("listener", "target", "type", "fired", "__weakref__")
    __name__ = "bound onceWrapper"

    def __init__(self, target: Any, type_: Any, listener: Callable[..., Any]) -> None:
        self.target = target
        self.type = type_
        self.listener = listener
        self.fired = False

    def __call__(self, *args: Any) -> Any:
        if not self.fired:
            self.target.remove_listener(self.type, self)
            self.fired = True
            listener = self.listener
            if getattr(listener, "__node_this__", False):  # python-only: a with_this listener
                return listener(self.target, *args)
            return listener(*args)
        return None

    def __repr__(self) -> str:
        return f"<bound onceWrapper of {self.listener!r}>"


class _Listeners(list[Any]):
    """Two or more listeners of one event (Node's array); ``warned`` is the leak warning's flag for it.

    The list is live, as Node's array is (``remove_all_listeners`` walks it while listeners shrink it);
    ``snapshot`` is a tuple of its items kept up to date by the three mutations below, so that ``emit``
    iterates an immutable copy — Node's ``arrayClone`` — without copying on every emit.
    """

    __slots__ = ("warned", "snapshot")

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self.warned = False
        self.snapshot = tuple(self)

    def push(self, item: Any) -> None:
        self.append(item)
        self.snapshot = tuple(self)

    def unshift(self, item: Any) -> None:
        self.insert(0, item)
        self.snapshot = tuple(self)

    def splice_one(self, index: int) -> None:
        del self[index]
        self.snapshot = tuple(self)


def _matches(item: Any, listener: Any) -> bool:
    """Node's ``list[i] === listener || list[i].listener === listener``. A Python bound method is a new
    object at every attribute access, so ``obj.method`` matches an equal bound method (same function,
    same object): ``emitter.off("x", obj.method)`` removes ``emitter.on("x", obj.method)``."""
    if item is listener:
        return True
    inner = getattr(item, "listener", None)
    if inner is listener:
        return True
    if type(listener) is MethodType:  # python-only
        return item == listener or (inner is not None and inner == listener)
    return False


def _unwrap(listener: Any) -> Any:
    inner = getattr(listener, "listener", None)
    return inner if callable(inner) else listener


def _unwrap_this(listener: Any) -> Any:
    return listener.listener if type(listener) is _ThisBound else listener


# ---------------------------------------------------------------------------------------------------
# The leak warning
# ---------------------------------------------------------------------------------------------------
class MaxListenersExceededWarning(RuntimeWarning):
    """Node's MaxListenersExceededWarning: ``name``, ``code`` (none), ``message``, ``emitter``, ``type``,
    ``count``."""

    name = "MaxListenersExceededWarning"
    code = None

    def __init__(self, message: str, emitter: Any, type: Any, count: int) -> None:  # noqa: A002
        super().__init__(message)
        self.message = message
        self.emitter = emitter
        self.type = type
        self.count = count

    def __str__(self) -> str:
        return self.message


def _emit_warning(warning: Warning) -> None:
    """Hand the warning to the reference's process when a program uses it (``process.emit_warning``:
    a process 'warning' on a nextTick, printed as Node prints it), else to Python's ``warnings``."""
    process_module = sys.modules.get(__package__ + ".process")
    emit = getattr(process_module, "emit_warning", None) if process_module is not None else None
    if emit is not None:
        emit(warning)
        return
    warnings.warn(warning, stacklevel=4)  # python-only: Python code without the reference's process


def _ctor_name(target: Any) -> str:
    return getattr(target, "_inspect_name", None) or type(target).__name__


# ---------------------------------------------------------------------------------------------------
# The emitter
# ---------------------------------------------------------------------------------------------------
_default_max_listeners: float = 10
_NO_ARGUMENT: Any = object()  # emit's first argument when there is none (undefined is None, an argument)


# A metaclass: Python's one way to give a class a property with a setter, and Node validates assignments
# to EventEmitter.defaultMaxListeners and EventEmitter.captureRejections (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE).
class _EmitterMeta(type):
    """Class-level accessors with Node's validation: ``default_max_listeners``, ``capture_rejections``."""

    @property
    def default_max_listeners(cls) -> float:
        return _default_max_listeners

    @default_max_listeners.setter
    def default_max_listeners(cls, value: float) -> None:
        global _default_max_listeners
        validate_number(value, "defaultMaxListeners", 0)
        _default_max_listeners = value

    @property
    def capture_rejections(cls) -> bool:
        return EventEmitter._capture

    @capture_rejections.setter
    def capture_rejections(cls, value: bool) -> None:
        validate_boolean(value, "EventEmitter.captureRejections")
        # The global default lives on the base class, as it lives on EventEmitter.prototype in Node.
        type.__setattr__(EventEmitter, "_capture", value)


class EventEmitter(metaclass=_EmitterMeta):
    """Node's EventEmitter. ``EventEmitter(capture_rejections=True)`` is ``new EventEmitter({captureRejections: true})``.

    A subclass that forgets to call ``super().__init__()`` still works: the listener table is created on
    the first registration, as Node creates ``_events`` lazily.
    """

    # Prototype defaults (EventEmitter.prototype._events = undefined, …)
    _events: dict[Any, Any] | None = None  # python-only: a subclass that skips __init__
    _events_count: int = 0  # python-only: a subclass that skips __init__
    _max_listeners: float | None = None
    _capture: bool = False

    error_monitor = error_monitor
    capture_rejection_symbol = capture_rejection_symbol
    using_domains = False

    if TYPE_CHECKING:  # assigned after the class (StaticAndInstance: a method on emitters, Node's static on the class)

        def on(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter: ...

        def once(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter: ...

        def listener_count(self, type_: Any, listener: Callable[..., Any] | None = None) -> int: ...

    def __init__(self, options: dict[str, Any] | None = None, *, capture_rejections: Any = None) -> None:
        self._events = {}
        self._events_count = 0
        self._max_listeners = self._max_listeners or None
        capture = capture_rejections
        if options is not None and capture is None:
            capture = options.get("captureRejections", options.get("capture_rejections"))
        if capture:
            validate_boolean(capture, "options.captureRejections")
            self._capture = True
        else:
            self._capture = EventEmitter._capture

    # -- emitting -------------------------------------------------------------------------------
    def emit(self, type_: Any, arg: Any = _NO_ARGUMENT, *rest: Any) -> bool:
        """Call every listener of ``type_`` synchronously, in order, with the arguments after it; return
        whether there were any. ``'error'`` with no listener raises.

        ``emit(type, ...args)``: the first argument has a parameter of its own, so that the common call
        (one argument) builds no tuple and reaches the listener positionally; ``_NO_ARGUMENT`` (no
        JavaScript value) says there was none."""
        try:
            handler = self._events.get(type_)  # type: ignore[union-attr]  # None: the AttributeError below
        except TypeError:  # an unhashable name (a list, a dict): its JavaScript string is the key
            handler = None
        except AttributeError:  # python-only: a subclass that skipped __init__ has no table yet (None)
            if self._events is not None:
                raise
            return self._emit_error(() if arg is _NO_ARGUMENT else (arg, *rest)) if type_ == "error" else False
        # The common case first, in one test: one listener (kept alone, as Node keeps it), one argument,
        # a name other than 'error'. Looking the name up before the 'error' check changes nothing a
        # program can see, and spares the common case a branch.
        if handler is not None and type(handler) is not _Listeners and not rest and arg is not _NO_ARGUMENT \
                and type_ != "error":
            result = handler(arg)
            if result is not None:
                self._add_catch(result, type_, (arg,))
            return True
        if type_ == "error":
            return self._emit_error(() if arg is _NO_ARGUMENT else (arg, *rest))
        if handler is None:
            if type(type_) is str:
                return False
            key = to_property_key(type_)
            if key is type_:
                return False
            # Node's doError is type === 'error': ['error'] reaches the 'error' listeners as a plain event.
            handler = self._events.get(key)  # type: ignore[union-attr]  # not None: the first get worked
            if handler is None:
                return False
        if type(handler) is not _Listeners:  # one listener, kept alone as Node keeps it: the common case
            if rest:
                result = handler(arg, *rest)
            elif arg is _NO_ARGUMENT:
                result = handler()
            else:
                result = handler(arg)
            if result is not None:
                self._add_catch(result, type_, () if arg is _NO_ARGUMENT else (arg, *rest))
            return True
        # The copy is Node's arrayClone: listeners added or removed meanwhile do not change this emit.
        if rest or arg is _NO_ARGUMENT:
            args = () if arg is _NO_ARGUMENT else (arg, *rest)
            for listener in handler.snapshot:
                result = listener(*args)
                if result is not None:
                    self._add_catch(result, type_, args)
        else:
            for listener in handler.snapshot:
                result = listener(arg)
                if result is not None:
                    self._add_catch(result, type_, (arg,))
        return True

    def _emit_error(self, args: tuple[Any, ...]) -> bool:
        events = self._events or {}  # None: a Python subclass that skipped __init__
        if error_monitor in events:
            self.emit(error_monitor, *args)
        handler = events.get("error")
        if handler is None:
            er = args[0] if args else None
            if isinstance(er, BaseException):
                raise er  # Unhandled 'error' event
            raise node_error("ERR_UNHANDLED_ERROR", f"Unhandled error. ({inspect(er)})", context=er)
        if type(handler) is _Listeners:
            for listener in handler.snapshot:
                result = listener(*args)
                if result is not None:
                    self._add_catch(result, "error", args)
        else:
            result = handler(*args)
            if result is not None:
                self._add_catch(result, "error", args)
        return True

    # -- captureRejections ----------------------------------------------------------------------
    def _add_catch(self, result: Any, type_: Any, args: tuple[Any, ...]) -> None:
        if _pyinspect.iscoroutine(result):
            # A coroutine listener runs like a JavaScript async function: now, up to its first await.
            result = Promise._from_coroutine(result)
            if not self._capture:
                # Nobody handles its rejection: an unhandled rejection, which ends a Node process.
                result._on_settled(_report_unhandled)
                return
        if not self._capture:
            return
        try:
            then = getattr(result, "then", None)
            if callable(then):

                def on_rejected(err: Any) -> None:
                    _loop.next_tick(_emit_unhandled_rejection_or_err, self, err, type_, args)

                then(None, on_rejected)
        except Exception as err:  # noqa: BLE001 - Node: a throwing `then` getter is emitted as 'error'
            self.emit("error", err)

    # -- adding ---------------------------------------------------------------------------------
    def _add_listener(self, type_: Any, listener: Callable[..., Any] | None, prepend: bool) -> EventEmitter:
        listener = _validate_listener(listener)
        key = to_property_key(type_)
        if self._events is None:  # python-only: a subclass that skipped __init__
            self._events = {}
            self._events_count = 0
        if "newListener" in self._events:
            self.emit("newListener", type_, _unwrap(listener))
        events: dict[Any, Any] = self._events  # a dict since __init__
        existing = events.get(key)
        stored = _ThisBound(listener, self) if getattr(listener, "__node_this__", False) else listener
        if existing is None:
            events[key] = stored
            self._events_count += 1
        else:
            if type(existing) is not _Listeners:
                existing = events[key] = _Listeners((stored, existing) if prepend else (existing, stored))
            elif prepend:
                existing.unshift(stored)
            else:
                existing.push(stored)
            m = self._get_max_listeners()
            if m > 0 and len(existing) > m and not existing.warned:
                existing.warned = True
                count = len(existing)
                name = key if isinstance(key, str) else inspect(key)
                warning = MaxListenersExceededWarning(
                    f"Possible EventEmitter memory leak detected. {count} {name} listeners "
                    f"added to [{_ctor_name(self)}]. MaxListeners is {number_to_string(m)}. "
                    "Use emitter.setMaxListeners() to increase limit",
                    emitter=self,
                    type=type_,
                    count=count,
                )
                _emit_warning(warning)
        return self

    def add_listener(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter:
        """``emitter.on(name, listener)``: append ``listener`` to ``name``'s listeners. Without a
        listener it throws Node's ``ERR_INVALID_ARG_TYPE``: the decorator form is :meth:`listener`."""
        return self._add_listener(type_, listener, False)

    def prepend_listener(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter:
        """``emitter.prependListener(name, listener)``: put ``listener`` first."""
        return self._add_listener(type_, listener, True)

    def _once(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter:
        """``emitter.once(name, listener)``: a wrapper that removes itself before calling ``listener``."""
        _validate_listener(listener)
        self.on(type_, _OnceWrapper(self, type_, listener))  # type: ignore[arg-type]
        return self

    def prepend_once_listener(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter:
        """``emitter.prependOnceListener(name, listener)``."""
        _validate_listener(listener)
        self.prepend_listener(type_, _OnceWrapper(self, type_, listener))  # type: ignore[arg-type]
        return self

    def listener(  # python-only: a decorator for Python code
        self, type_: Any, *, once: bool = False, prepend: bool = False
    ) -> Callable[[_F], _F]:
        """A Python extra (not Node's): a decorator that registers the function it decorates and
        returns it unchanged, pyee's ``@ee.on(name)`` habit with a name of its own, so that Node's
        ``emitter.on(name)`` keeps throwing as Node's does::

            @emitter.listener("data")
            def on_data(chunk): ...

        ``once=True`` is ``once``, ``prepend=True`` is ``prependListener`` (both: ``prependOnceListener``).
        """

        def register(fn: _F) -> _F:
            if once:
                (self.prepend_once_listener if prepend else self._once)(type_, fn)
            else:
                self._add_listener(type_, fn, prepend)
            return fn

        return register

    # -- removing -------------------------------------------------------------------------------
    def remove_listener(self, type_: Any, listener: Callable[..., Any] | None = None) -> EventEmitter:
        """``emitter.removeListener(name, listener)`` / ``off``: remove the most recently added match
        (a once wrapper matches its original); emit ``'removeListener'`` afterwards."""
        validate_function(listener, "listener")
        events = self._events
        if events is None:  # python-only: a subclass that skipped __init__
            return self
        key = to_property_key(type_)
        lst = events.get(key)
        if lst is None:
            return self
        if type(lst) is not _Listeners:
            if _matches(lst, listener):
                self._events_count -= 1
                if self._events_count == 0:
                    self._events = {}
                else:
                    del events[key]
                    if "removeListener" in events:
                        inner = getattr(lst, "listener", None)
                        self.emit("removeListener", type_, inner if inner is not None else listener)
            return self
        position = -1
        for i in range(len(lst) - 1, -1, -1):
            if _matches(lst[i], listener):
                position = i
                break
        if position < 0:
            return self
        lst.splice_one(position)
        if len(lst) == 1:
            events[key] = lst[0]
        if "removeListener" in events:
            self.emit("removeListener", type_, _unwrap_this(listener))
        return self

    def remove_all_listeners(self, *type_: Any) -> EventEmitter:
        """``emitter.removeAllListeners([name])``. With no argument, every event (``'removeListener'``
        last); an explicit ``None`` is the event ``'undefined'``, as in Node. Listeners go LIFO."""
        events = self._events
        if events is None:  # python-only: a subclass that skipped __init__
            return self
        if "removeListener" not in events:
            if not type_:
                self._events = {}
                self._events_count = 0
            else:
                key = to_property_key(type_[0])
                if key in events:
                    self._events_count -= 1
                    if self._events_count == 0:
                        self._events = {}
                    else:
                        del events[key]
            return self
        if not type_:
            for key in own_keys(list(events)):
                if key == "removeListener":
                    continue
                self.remove_all_listeners(key)
            self.remove_all_listeners("removeListener")
            self._events = {}
            self._events_count = 0
            return self
        name = type_[0]
        listeners = events.get(to_property_key(name))
        if listeners is None:
            return self
        if type(listeners) is not _Listeners:
            self.remove_listener(name, _unwrap_this(listeners))
        elif since(24):
            # Node 24 walks a copy: a once 'removeListener' listener that shrinks the list no longer
            # makes it read past the end.
            for item in reversed(list(listeners)):
                self.remove_listener(name, _unwrap_this(item))
        else:
            for i in range(len(listeners) - 1, -1, -1):
                # The list is live: a once 'removeListener' listener may shrink it under this loop, and
                # then Node reads past its end and passes undefined (ERR_INVALID_ARG_TYPE), as here.
                item = listeners[i] if i < len(listeners) else None
                self.remove_listener(name, None if item is None else _unwrap_this(item))
        return self

    # -- introspection --------------------------------------------------------------------------
    def _listeners(self, type_: Any, unwrap: bool) -> list[Callable[..., Any]]:
        events = self._events
        if events is None:  # python-only: a subclass that skipped __init__
            return []
        handler = events.get(to_property_key(type_))
        if handler is None:
            return []
        items = list(handler) if type(handler) is _Listeners else [handler]
        if unwrap:
            return [_unwrap(item) for item in items]
        return [_unwrap_this(item) for item in items]

    def listeners(self, type_: Any) -> list[Callable[..., Any]]:
        """A copy of ``name``'s listeners, once wrappers unwrapped to the original functions."""
        return self._listeners(type_, True)

    def raw_listeners(self, type_: Any) -> list[Callable[..., Any]]:
        """A copy of ``name``'s listeners as stored: once wrappers included (``wrapper.listener``)."""
        return self._listeners(type_, False)

    def _listener_count(self, type_: Any, listener: Callable[..., Any] | None = None) -> int:
        """``emitter.listenerCount(name[, listener])``."""
        events = self._events
        if events is None:  # python-only: a subclass that skipped __init__
            return 0
        handler = events.get(to_property_key(type_))
        if handler is None:
            return 0
        if type(handler) is not _Listeners:
            if listener is not None:
                return 1 if _matches(handler, listener) else 0
            return 1
        if listener is not None:
            return sum(1 for h in handler if _matches(h, listener))
        return len(handler)

    def event_names(self) -> list[Any]:
        """The names with listeners, in ``Reflect.ownKeys`` order (integer-like strings ascending, other
        strings in insertion order, then symbols)."""
        return own_keys(self._events or {})

    def set_max_listeners(self, n: float) -> EventEmitter:
        """``emitter.setMaxListeners(n)``: 0 (or ``math.inf``) means unlimited; negative is ERR_OUT_OF_RANGE."""
        validate_number(n, "setMaxListeners", 0)
        self._max_listeners = n
        return self

    def _get_max_listeners(self) -> float:
        m = self._max_listeners
        return _default_max_listeners if m is None else m

    def get_max_listeners(self) -> float:
        """``emitter.getMaxListeners()``: this emitter's limit, or ``EventEmitter.default_max_listeners``."""
        return self._get_max_listeners()

    # Aliases, as in Node (emitter.on === emitter.addListener, emitter.off === emitter.removeListener).
    off = remove_listener

    def __repr__(self) -> str:
        return f"<{_ctor_name(self)} events={self.event_names()!r}>"


# The frames whose local ``self`` is a listener's ``this``: emit, and EventTarget's call of a listener.
_EMIT_CODES = frozenset({EventEmitter.emit.__code__, EventEmitter._emit_error.__code__, _et._frame_call.__code__})

# The C emit's (and dispatch's) record of `this`, where _events.c was built: it has no frame to walk.
_this_now: Callable[[], Any] | None = None

try:  # emit's common case in C, where it was built (_events.c)
    from ._events import Emit, this_now
except ImportError:
    pass
else:
    EventEmitter.emit = Emit(EventEmitter.emit, _Listeners)  # type: ignore[method-assign,assignment]
    _this_now = this_now


def current_this() -> Any:
    """The ``this`` a JavaScript ``function`` listener would see now: the emitter whose ``emit`` is
    calling the caller (the innermost ``emit`` on the stack), or ``None`` (undefined) outside an emit.

    It costs nothing in ``emit``: the stack is only walked when this is called (the harness's recorders
    call it; :func:`with_this` is the direct way for Python code).
    """
    if _this_now is not None:  # the same answer as the frames', from the C emit's record
        return _this_now()
    # Walking the frames costs emit nothing (only a recorder asking pays); a context variable set around
    # each listener call would cost every emit, and a Python listener has no other way to receive ``this``.
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code in _EMIT_CODES:
            return frame.f_locals.get("self")
        frame = frame.f_back
    return None


def _report_unhandled(promise: Promise) -> None:
    if promise.state == "rejected":
        reason = promise.value

        def throw() -> None:
            raise reason if isinstance(reason, BaseException) else _wrap_reason(reason)

        _loop.queue_microtask(throw)


def _emit_unhandled_rejection_or_err(ee: EventEmitter, err: Any, type_: Any, args: tuple[Any, ...]) -> None:
    handler = getattr(ee, "nodejs_rejection", None)
    if callable(handler):
        handler(err, type_, *args)
        return
    prev = ee._capture
    try:
        ee._capture = False
        ee.emit("error", err)
    finally:
        ee._capture = prev


# ---------------------------------------------------------------------------------------------------
# A small Promise, for events.once() and async listeners, on the reference's loop
# ---------------------------------------------------------------------------------------------------
class Promise:
    """A JavaScript-like promise settled on the reference's loop (reactions run as microtasks).

    Awaitable: inside ``asyncio`` it bridges to an ``asyncio`` future; inside a coroutine driven by the
    reference (an async listener) it suspends until settled.
    """

    __slots__ = ("state", "value", "_reactions", "_hooks")

    def __init__(self) -> None:
        self.state = "pending"
        self.value: Any = None
        self._reactions: list[tuple[Callable[..., Any] | None, Callable[..., Any] | None, Promise]] = []
        self._hooks: list[Callable[[Promise], None]] = []

    # settlement
    def _resolve(self, value: Any = None) -> None:
        if self.state != "pending":
            return
        if isinstance(value, Promise):
            value.then(self._resolve, self._reject)
            return
        self._settle("fulfilled", value)

    def _reject(self, reason: Any = None) -> None:
        if self.state != "pending":
            return
        self._settle("rejected", reason)

    def _settle(self, state: str, value: Any) -> None:
        self.state = state
        self.value = value
        reactions, self._reactions = self._reactions, []
        for reaction in reactions:
            self._schedule(*reaction)
        hooks, self._hooks = self._hooks, []
        for hook in hooks:
            hook(self)

    def _schedule(
        self, on_fulfilled: Callable[..., Any] | None, on_rejected: Callable[..., Any] | None, child: Promise
    ) -> None:
        state, value = self.state, self.value

        def job() -> None:
            handler = on_fulfilled if state == "fulfilled" else on_rejected
            if handler is None:
                (child._resolve if state == "fulfilled" else child._reject)(value)
                return
            try:
                child._resolve(handler(value))
            except Exception as err:  # noqa: BLE001
                child._reject(err)

        _loop.queue_microtask(job)

    def _on_settled(self, hook: Callable[[Promise], None]) -> None:
        """Call ``hook(self)`` synchronously once settled (now, if it already is)."""
        if self.state == "pending":
            self._hooks.append(hook)
        else:
            hook(self)

    def then(
        self, on_fulfilled: Callable[..., Any] | None = None, on_rejected: Callable[..., Any] | None = None
    ) -> Promise:
        child = Promise()
        if self.state == "pending":
            self._reactions.append((on_fulfilled, on_rejected, child))
        else:
            self._schedule(on_fulfilled, on_rejected, child)
        return child

    def catch(self, on_rejected: Callable[..., Any]) -> Promise:
        return self.then(None, on_rejected)

    @classmethod
    def resolve(cls, value: Any = None) -> Promise:
        if isinstance(value, Promise):
            return value
        p = cls()
        p._resolve(value)
        return p

    @classmethod
    def reject(cls, reason: Any) -> Promise:
        p = cls()
        p._reject(reason)
        return p

    # coroutines (async def listeners)
    @classmethod
    def _from_coroutine(cls, coro: Any) -> Promise:
        promise = cls()
        _CoroutineDriver(coro, promise).step()
        return promise

    def __await__(self):  # type: ignore[no-untyped-def]
        aio = None
        if not _driving:  # awaited by asyncio's task, not by a coroutine the reference drives
            events = sys.modules.get("asyncio.events")
            aio = events._get_running_loop() if events is not None else None
        if aio is None:
            # Driven by the reference (an async listener): like JavaScript's await, always suspend and
            # resume from a microtask, even when already settled.
            yield self
        elif self.state == "pending":
            future = aio.create_future()

            def hook(p: Promise) -> None:
                if future.done():
                    return
                if p.state == "fulfilled":
                    future.set_result(p.value)
                else:
                    err = p.value
                    future.set_exception(err if isinstance(err, BaseException) else _wrap_reason(err))

            self._hooks.append(hook)
            return (yield from future.__await__())
        if self.state == "rejected":
            err = self.value
            raise err if isinstance(err, BaseException) else _wrap_reason(err)
        return self.value

    # the concurrent.futures-style view the harness's ``await`` operation reads
    def done(self) -> bool:
        return self.state != "pending"

    def result(self) -> Any:
        return self.value if self.state == "fulfilled" else None

    def exception(self) -> Any:
        return self.value if self.state == "rejected" else None

    def __repr__(self) -> str:
        return f"<Promise {self.state} {self.value!r}>"


class _CoroutineDriver:
    """Drives an ``async def`` listener like a JavaScript async function: synchronously up to its
    first await, then from microtasks; its result settles ``promise``. (A class rather than a closure
    that names itself: no reference cycle, so a finished listener is freed at once, not by the GC.)"""

    __slots__ = ("coro", "promise")

    def __init__(self, coro: Any, promise: Promise) -> None:
        self.coro = coro
        self.promise = promise

    def step(self, send: Any = None, throw: BaseException | None = None) -> None:
        global _driving
        _driving += 1  # python-only: asyncio guest mode (see _driving)
        try:
            yielded = self.coro.throw(throw) if throw is not None else self.coro.send(send)
        except StopIteration as stop:
            self.promise._resolve(stop.value)
            return
        except Exception as err:  # noqa: BLE001 - a rejection
            self.promise._reject(err)
            return
        finally:
            _driving -= 1  # python-only: asyncio guest mode (see _driving)
        # What the coroutine awaits: only Python code awaits (a JavaScript recorder returns at once).
        if yielded is None:  # python-only: a bare yield (asyncio.sleep(0)): resume from a microtask
            _loop.queue_microtask(self.step)
        elif isinstance(yielded, Promise):
            yielded.then(self.step, self.resume_throwing)
        elif getattr(yielded, "_asyncio_future_blocking", None) is not None:  # python-only: asyncio awaitables
            # An asyncio awaitable (asyncio.sleep, a future, a task, a queue…) awaited by an async
            # listener inside asyncio: resume from a microtask once asyncio has settled it, as a
            # JavaScript await of a promise settled by I/O resumes.
            yielded._asyncio_future_blocking = False
            yielded.add_done_callback(self.resume_later)
        else:
            _loop.queue_microtask(self.step)

    def resume_throwing(self, error: Any) -> None:  # python-only: a Python coroutine awaits a rejected Promise
        self.step(None, error)

    def resume_later(self, _future: Any) -> None:  # python-only: asyncio awaitables
        _loop.queue_microtask(self.step)


# How many coroutines the reference is driving right now (an async listener's step is running): their
# awaits suspend on the reference's loop, not asyncio's, even inside a running asyncio loop.
_driving = 0  # python-only: read by Promise.__await__ alone (asyncio guest mode)


def _wrap_reason(reason: Any) -> NodeError:
    err = NodeError(f"Promise rejected with {inspect(reason)}")
    err.reason = reason  # type: ignore[attr-defined]
    return err


# ---------------------------------------------------------------------------------------------------
# Module-level helpers (events.once, events.on, getEventListeners, getMaxListeners)
# ---------------------------------------------------------------------------------------------------
def _signal_option(options: Any, reads_null: bool = False) -> Any:
    """The ``signal`` of ``events.once``/``events.on``'s options, validated as Node does (an aborted one
    throws its AbortError): the options object itself from Node 22; Node 20 read ``options?.signal`` of anything in events.once and
    ``options.signal`` in events.on (``reads_null``: null threw V8's TypeError)."""
    if options is None:
        return None
    if since(22):
        validate_object(options, "options")
    elif options is NULL:
        if reads_null:
            raise v8_error("TypeError", "Cannot read properties of null (reading 'signal')")
        return None
    signal = _et.option_member(options, "signal")
    _et.validate_abort_signal(signal, "options.signal")
    if signal is not None and signal.aborted:
        raise _et.abort_error(signal)
    return signal


def _add(emitter: Any, name: Any, listener: Callable[..., Any], once: bool = False) -> None:
    """Node's ``eventTargetAgnosticAddListener``: an EventEmitter's ``on``/``once``, else an
    EventTarget's ``addEventListener``."""
    if callable(getattr(emitter, "on", None)):
        (emitter.once if once else emitter.on)(name, listener)
    elif callable(getattr(emitter, "add_event_listener", None)):
        # events.once's listener resists stopImmediatePropagation; events.on's is an ordinary listener
        emitter.add_event_listener(name, listener, {"once": True, _et.K_RESIST_STOP_PROPAGATION: True} if once else None)
    else:
        raise invalid_arg_type("emitter", "EventEmitter", emitter)


def _remove(emitter: Any, name: Any, listener: Callable[..., Any]) -> None:
    """Node's ``eventTargetAgnosticRemoveListener`` (only after :func:`_add` accepted ``emitter``)."""
    if callable(getattr(emitter, "remove_listener", None)):
        emitter.remove_listener(name, listener)
    else:
        emitter.remove_event_listener(name, listener)


def once(emitter: Any, name: Any, options: Any = None) -> Promise:
    """``events.once(emitter, name[, {signal}])``: a :class:`Promise` of the argument list of the next
    ``name`` event of an EventEmitter (or ``[event]`` of an EventTarget); it rejects if an emitter's
    ``'error'`` comes first, or with an AbortError when the signal aborts. Its listeners are removed when
    it settles. Node's is an async function: what it throws rejects the promise."""
    try:
        signal = _signal_option(options)
    except NodeError as error:
        return Promise.reject(error)
    promise = Promise()

    def error_listener(err: Any = None, *_: Any) -> None:
        _remove(emitter, name, resolver)
        if signal is not None:
            _remove(signal, "abort", abort_listener)
        promise._reject(err)

    def resolver(*args: Any) -> None:
        if callable(getattr(emitter, "remove_listener", None)):
            emitter.remove_listener("error", error_listener)
        if signal is not None:
            _remove(signal, "abort", abort_listener)
        promise._resolve(list(args))

    def abort_listener(*_: Any) -> None:
        _remove(emitter, name, resolver)
        _remove(emitter, "error", error_listener)
        promise._reject(_et.abort_error(signal))

    try:
        _add(emitter, name, resolver, once=True)
    except NodeError as error:
        return Promise.reject(error)
    # An EventTarget has no 'error' semantics: only an emitter's 'error' rejects.
    if name != "error" and callable(getattr(emitter, "once", None)):
        emitter.once("error", error_listener)
    if signal is not None:
        signal.add_event_listener("abort", abort_listener, {"once": True, _et.K_RESIST_STOP_PROPAGATION: True})
    return promise


class _AsyncEventIterator:
    """``events.on(emitter, name)``: an async iterator of argument lists (``close()`` removes listeners)."""

    def __init__(self, emitter: Any, name: Any, signal: Any = None) -> None:
        self.emitter = emitter
        self.name = name
        self.events: list[list[Any]] = []
        self.waiting: list[Promise] = []
        self.error: Any = None
        self.finished = False
        self.signal = signal
        # One bound method each: an EventTarget matches a listener by identity to remove it.
        self._on_event = self._on_event  # type: ignore[method-assign]
        self._on_error = self._on_error  # type: ignore[method-assign]
        self._on_abort = self._on_abort  # type: ignore[method-assign]
        if signal is not None:
            signal.add_event_listener("abort", self._on_abort, {"once": True, _et.K_RESIST_STOP_PROPAGATION: True})
        _add(emitter, name, self._on_event)
        # An EventTarget has no 'error' semantics: only an emitter's 'error' ends the iteration.
        if name != "error" and callable(getattr(emitter, "on", None)):
            emitter.on("error", self._on_error)

    def _on_abort(self, *_: Any) -> None:
        self._on_error(_et.abort_error(self.signal))

    def _on_event(self, *args: Any) -> None:
        if self.waiting:
            self.waiting.pop(0)._resolve({"value": list(args), "done": False})
        else:
            self.events.append(list(args))

    def _on_error(self, err: Any = None, *_: Any) -> None:
        if self.waiting:
            self.waiting.pop(0)._reject(err)
        else:
            self.error = err
        self.close()

    def next(self) -> Promise:
        if self.events:
            return Promise.resolve({"value": self.events.pop(0), "done": False})
        if self.error is not None:
            err, self.error = self.error, None
            return Promise.reject(err)
        if self.finished:
            return Promise.resolve({"value": None, "done": True})
        p = Promise()
        self.waiting.append(p)
        return p

    def close(self) -> Promise:
        if not self.finished:
            self.finished = True
            if self.signal is not None:
                self.signal.remove_event_listener("abort", self._on_abort)
            _remove(self.emitter, self.name, self._on_event)
            _remove(self.emitter, "error", self._on_error)
            for p in self.waiting:
                p._resolve({"value": None, "done": True})
            self.waiting = []
        return Promise.resolve({"value": None, "done": True})

    return_ = close

    # Python extras: ``with``/``async with`` close the iterator (its listeners) on the way out.
    def __enter__(self) -> _AsyncEventIterator:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    async def __aenter__(self) -> _AsyncEventIterator:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.close()

    def __aiter__(self) -> _AsyncEventIterator:
        return self

    async def __anext__(self) -> list[Any]:
        result = await self.next()
        if result["done"]:
            raise StopAsyncIteration
        value: list[Any] = result["value"]
        return value


def on(emitter: Any, name: Any, options: Any = None) -> _AsyncEventIterator:
    """``events.on(emitter, name[, {signal}])``: ``async for args in on(emitter, name)``; an aborted
    signal throws an AbortError now, a signal aborted later rejects the pending ``next()``."""
    signal = _signal_option(options, reads_null=True)
    return _AsyncEventIterator(emitter, name, signal)


def get_event_listeners(emitter: Any, name: Any) -> list[Any]:
    """``events.getEventListeners(emitterOrTarget, name)``: an emitter's ``listeners(name)``, or the
    listeners registered on an EventTarget."""
    if callable(getattr(emitter, "listeners", None)):
        listeners: list[Any] = emitter.listeners(name)
        return listeners
    if isinstance(emitter, _et.EventTarget):
        return emitter._listeners(name)
    raise invalid_arg_type("emitter", ["EventEmitter", "EventTarget"], emitter)


def get_max_listeners(emitter: Any) -> float:
    """``events.getMaxListeners(emitterOrTarget)``."""
    if callable(getattr(emitter, "get_max_listeners", None)):
        limit: float = emitter.get_max_listeners()
        return limit
    if isinstance(emitter, _et.EventTarget):
        return emitter._max_listeners
    raise invalid_arg_type("emitter", ["EventEmitter", "EventTarget"], emitter)


def _static_set_max_listeners(n: float = None, *targets: Any) -> None:  # type: ignore[assignment]
    """``EventEmitter.setMaxListeners(n, ...targets)``: the default, or each target's limit (an
    EventTarget warns again once it passes the new limit)."""
    global _default_max_listeners
    if n is None:
        n = _default_max_listeners
    validate_number(n, "setMaxListeners", 0)
    if not targets:
        _default_max_listeners = n
        return
    for target in targets:
        if isinstance(target, _et.EventTarget):
            target._set_max_listeners(n)
        elif callable(getattr(target, "set_max_listeners", None)):
            target.set_max_listeners(n)
        else:
            raise invalid_arg_type("eventTargets", ["EventEmitter", "EventTarget"], target)


# Node's is an anonymous function expression assigned to a property: its name is ''.
_static_set_max_listeners.__name__ = ""
add_abort_listener = _et.add_abort_listener


def _static_listener_count(emitter: Any, type_: Any) -> int:
    """The deprecated ``EventEmitter.listenerCount(emitter, name)``."""
    count: int = emitter.listener_count(type_)
    return count


EventEmitter.on = StaticAndInstance(on, EventEmitter.add_listener)  # type: ignore[assignment,method-assign]
EventEmitter.once = StaticAndInstance(once, EventEmitter._once)  # type: ignore[assignment,method-assign]
EventEmitter.set_max_listeners = StaticAndInstance(_static_set_max_listeners, EventEmitter.set_max_listeners)  # type: ignore[assignment]
EventEmitter.listener_count = StaticAndInstance(_static_listener_count, EventEmitter._listener_count)  # type: ignore[assignment,method-assign]
EventEmitter.get_event_listeners = staticmethod(get_event_listeners)  # type: ignore[attr-defined]
EventEmitter.add_abort_listener = staticmethod(add_abort_listener)  # type: ignore[attr-defined]
EventEmitter.EventEmitter = EventEmitter  # type: ignore[attr-defined]
# ``require('events').getMaxListeners(emitter)`` vs ``emitter.getMaxListeners()``
EventEmitter.get_max_listeners = StaticAndInstance(get_max_listeners, EventEmitter.get_max_listeners)  # type: ignore[assignment]


# ---------------------------------------------------------------------------------------------------
# The avalanche pattern, corrected: coalesce concurrent requests for one key
# ---------------------------------------------------------------------------------------------------
class Coalescer:  # python-only
    """Coalesce concurrent requests for the same key into one underlying load.

    The source document's pattern (``emitter.once(key, cb)`` per caller, then one read) is right in
    spirit but adds one once listener per waiter, so with more than 10 waiters Node prints a
    MaxListenersExceededWarning; and a waiter that throws stops the waiters after it. This utility keeps
    the waiters in a plain list instead:

    * ``request(key, load, callback)``: the first request for ``key`` calls ``load(key, done)``; every
      request made before ``done(err, result)`` is called only queues its ``callback``;
    * ``done(err, result)`` calls every queued callback with the same ``(err, result)``, in request
      order; the key is free again *before* the callbacks run, so a request made afterwards (even from a
      callback) loads again;
    * a callback that raises does not stop the others: the first such exception is re-raised after all
      callbacks ran (a second ``done`` is ignored);
    * nothing is left behind: ``pending()`` is empty once every load completed.

    ``await coalescer.get(key, load)`` is the awaitable form (``load(key, done)`` as above).
    """

    def __init__(self) -> None:
        self._waiters: dict[Hashable, list[Callable[[Any, Any], Any]]] = {}
        self.loads = 0

    def pending(self) -> list[Hashable]:
        """The keys whose load is in progress."""
        return list(self._waiters)

    def waiting(self, key: Hashable) -> int:
        """How many callbacks wait for ``key``."""
        return len(self._waiters.get(key, ()))

    def request(
        self, key: Hashable, load: Callable[[Hashable, Callable[[Any, Any], None]], Any],
        callback: Callable[[Any, Any], Any],
    ) -> bool:
        """Queue ``callback``; start ``load`` if no load of ``key`` is in progress. Returns whether this
        request started a load."""
        waiters = self._waiters.get(key)
        if waiters is not None:
            waiters.append(callback)
            return False
        self._waiters[key] = [callback]
        self.loads += 1
        settled = False

        def done(err: Any = None, result: Any = None) -> None:
            nonlocal settled
            if settled:
                return
            settled = True
            callbacks = self._waiters.pop(key, [])
            first_error: BaseException | None = None
            for cb in callbacks:
                try:
                    cb(err, result)
                except Exception as error:  # noqa: BLE001 - re-raised after every waiter ran
                    if first_error is None:
                        first_error = error
            if first_error is not None:
                raise first_error

        try:
            load(key, done)
        except Exception as error:  # noqa: BLE001 - a load that throws fails every waiter alike
            done(error, None)
        return True

    def get(self, key: Hashable, load: Callable[[Hashable, Callable[[Any, Any], None]], Any]) -> Promise:
        """The awaitable form: a :class:`Promise` of the result (rejected with the error)."""
        promise = Promise()

        def callback(err: Any, result: Any) -> None:
            if err is not None:
                promise._reject(err)
            else:
                promise._resolve(result)

        self.request(key, load, callback)
        return promise
