"""EventTarget, Event, AbortController and AbortSignal as Node.js has them (``lib/internal/event_target.js``,
``lib/internal/abort_controller.js``), as far as ``node:events`` uses and exposes them: ``events.once`` and
``events.on`` on an EventTarget or with ``{signal}``, ``events.addAbortListener``, and
``getEventListeners``/``getMaxListeners``/``setMaxListeners`` on an EventTarget.

Names are Pythonic (``addEventListener`` → ``add_event_listener``, ``defaultPrevented`` →
``default_prevented``); JavaScript's ``null`` is :data:`NULL` and ``undefined`` is ``None``.

What is kept from Node, on purpose, because the specification observes it:

* A listener is registered once per (listener, capture): a second ``add_event_listener`` is ignored, and
  ``remove_event_listener`` removes only the registration with the same capture. Up to Node 24 only an
  options object's ``capture: true`` selects the capture registration for removal; a boolean ``true``
  does from Node 26.
* Dispatch walks the live list: a listener added during a dispatch is called by it, one removed during it
  is not. A ``once`` registration is removed before its call.
* Node marks the event as no longer being dispatched after the first listener returns: later listeners
  see ``eventPhase`` 0 and ``currentTarget`` null (and the event may be dispatched again from them).
* What a listener throws does not stop the dispatch: it is rethrown from a ``process.nextTick`` (an
  uncaught exception); a listener's rejected promise likewise.
* ``preventDefault`` changes ``defaultPrevented`` only for a cancelable event, and not inside a passive
  listener from Node 22 (Node 20 lets a passive listener cancel).
* The leak warning: more listeners of one type than the target's limit (``events.defaultMaxListeners``
  when the target was created) emits ``MaxListenersExceededWarning`` once per target.

A listener is a callable (called with ``this`` = the target, see :func:`nodespec.reference.events.current_this`)
or an object with a ``handleEvent`` method (a ``dict`` with a ``"handleEvent"`` member, or an object with
``handle_event``), looked up at each call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from . import loop as _loop
from .errors import NodeError, node_error, v8_error
from .js import is_nullish, to_boolean, to_string
from .lines import since
from .types import NULL, BigInt, Symbol
from .validators import invalid_arg_type, validate_function

__all__ = [
    "AbortController", "AbortSignal", "DOMException", "Event", "EventTarget", "K_RESIST_STOP_PROPAGATION",
    "abort_error", "add_abort_listener", "validate_abort_signal",
]

# An argument that was not passed: Node checks ``arguments.length`` where undefined is not the same.
_MISSING: Any = object()
# Node's kResistStopPropagation: an internal listener (events.once's, a signal's) that stopImmediatePropagation
# does not skip. An options key, as in Node.
K_RESIST_STOP_PROPAGATION = Symbol("kResistStopPropagation")
_START = time.monotonic()


def _is_object(value: Any) -> bool:
    """``typeof value === 'object' || typeof value === 'function'`` and not null."""
    return not (is_nullish(value) or isinstance(value, (bool, int, float, str, BigInt, Symbol)))


def option_member(options: Any, name: str) -> Any:
    """``options[name]`` of an options object (a dict, or an object's attribute)."""
    if isinstance(options, dict):
        return options.get(name)
    return getattr(options, name, None)


def validate_abort_signal(signal: Any, name: str) -> None:
    """Node's ``validateAbortSignal``: undefined, or an object with ``aborted``."""
    if signal is not None and (not _is_object(signal) or not hasattr(signal, "aborted")):
        raise invalid_arg_type(name, "AbortSignal", signal)


class DOMException(Exception):
    """The DOMException a signal's default reason is: ``name`` (AbortError, TimeoutError), a legacy
    numeric ``code`` and ``message``. ``instanceof Error`` in Node."""

    _CODES = {"AbortError": 20, "TimeoutError": 23}

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.code = self._CODES[name]

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


def abort_error(signal: Any) -> NodeError:
    """Node's ``new AbortError(undefined, {cause: signal?.reason})``."""
    return node_error("ABORT_ERR", cause=getattr(signal, "reason", None))


# ---------------------------------------------------------------------------------------------------
# Event
# ---------------------------------------------------------------------------------------------------
class Event:
    """``new Event(type, {bubbles, cancelable, composed})``."""

    NONE = 0
    CAPTURING_PHASE = 1
    AT_TARGET = 2
    BUBBLING_PHASE = 3

    def __init__(self, type_: Any = _MISSING, options: Any = None) -> None:
        if type_ is _MISSING:
            raise node_error("ERR_MISSING_ARGS", 'The "type" argument must be specified')
        if not is_nullish(options) and not _is_object(options):
            raise invalid_arg_type("options", "object", options)
        if isinstance(type_, Symbol):
            raise v8_error("TypeError", "Cannot convert a Symbol value to a string")
        self._type = to_string(type_)
        self._bubbles = to_boolean(option_member(options, "bubbles")) if _is_object(options) else False
        self._cancelable = to_boolean(option_member(options, "cancelable")) if _is_object(options) else False
        self._composed = to_boolean(option_member(options, "composed")) if _is_object(options) else False
        self._default_prevented = False
        self._propagation_stopped = False
        self._stop = False  # stopImmediatePropagation
        self._target: Any = NULL
        self._dispatching = False
        self._in_passive_listener = False
        self._trusted = False
        self._time_stamp = (time.monotonic() - _START) * 1000

    type = property(lambda self: self._type)
    bubbles = property(lambda self: self._bubbles)
    cancelable = property(lambda self: self._cancelable)
    composed = property(lambda self: self._composed)
    target = property(lambda self: self._target)
    src_element = property(lambda self: self._target)
    time_stamp = property(lambda self: self._time_stamp)
    is_trusted = property(lambda self: self._trusted)

    @property
    def default_prevented(self) -> bool:
        return self._cancelable and self._default_prevented

    @property
    def event_phase(self) -> int:
        return self.AT_TARGET if self._dispatching else self.NONE

    @property
    def current_target(self) -> Any:
        return self._target if self._dispatching else NULL

    @property
    def return_value(self) -> bool:
        return not self.default_prevented

    @return_value.setter
    def return_value(self, value: Any) -> None:
        if not since(22):  # Node 20 has only a getter: assigning throws in strict code
            raise v8_error("TypeError", "Cannot set property returnValue of #<Event> which has only a getter")
        if not to_boolean(value):
            self.prevent_default()

    @property
    def cancel_bubble(self) -> bool:
        return self._propagation_stopped

    @cancel_bubble.setter
    def cancel_bubble(self, value: Any) -> None:
        if to_boolean(value):
            self.stop_propagation()

    def composed_path(self) -> list[Any]:
        return [self._target] if self._dispatching else []

    def prevent_default(self) -> None:
        if self._in_passive_listener and since(22):
            return
        self._default_prevented = True

    def stop_propagation(self) -> None:
        self._propagation_stopped = True

    def stop_immediate_propagation(self) -> None:
        self._propagation_stopped = True
        self._stop = True

    def __repr__(self) -> str:
        return f"Event {{ type: {self._type!r}, defaultPrevented: {self.default_prevented}, cancelable: {self._cancelable} }}"


# ---------------------------------------------------------------------------------------------------
# EventTarget
# ---------------------------------------------------------------------------------------------------
class _Registration:
    """One listener of one type: a node of Node's doubly linked list (``Listener``), whose ``removed``
    flag and own ``next`` survive its removal, so that a dispatch standing on it goes on."""

    __slots__ = ("listener", "capture", "once", "passive", "resist", "removed", "previous", "next")

    def __init__(self, previous: _Registration | _Root, listener: Any, capture: bool, once: bool, passive: bool,
                 resist: bool) -> None:
        self.listener = listener
        self.capture = capture
        self.once = once
        self.passive = passive
        self.resist = resist
        self.removed = False
        self.previous: _Registration | _Root | None = previous
        self.next: _Registration | None = previous.next
        previous.next = self  # always appended: previous is the last node

    def same(self, listener: Any, capture: bool) -> bool:
        return self.listener is listener and self.capture == capture

    def remove(self) -> None:
        if self.previous is not None:
            self.previous.next = self.next
        if self.next is not None:
            self.next.previous = self.previous
        self.removed = True


class _Root:
    """The head of one type's list, with its size."""

    __slots__ = ("next", "size")

    def __init__(self) -> None:
        self.next: _Registration | None = None
        self.size = 0

    def __iter__(self) -> Any:
        node = self.next
        while node is not None:
            yield node
            node = node.next


def _listener_options(options: Any) -> tuple[bool, bool, bool, Any, bool]:
    """Node's ``validateEventListenerOptions``: (once, capture, passive, signal, resist)."""
    if isinstance(options, bool):
        return False, options, False, None, False
    if is_nullish(options):
        return False, False, False, None, False
    if not _is_object(options):
        raise invalid_arg_type("options", "object", options)
    resist = isinstance(options, dict) and bool(options.get(K_RESIST_STOP_PROPAGATION))
    return (to_boolean(option_member(options, "once")), to_boolean(option_member(options, "capture")),
            to_boolean(option_member(options, "passive")), option_member(options, "signal"), resist)


def _validate_listener(listener: Any) -> None:
    """Node's ``validateEventListener`` for a listener that is not null or undefined: a function or an
    object (whose ``handleEvent`` is looked up at each call)."""
    if not (callable(listener) or _is_object(listener)):
        raise invalid_arg_type("listener", "EventListener", listener)


def _handle_event(listener: Any) -> Any:
    """An object listener's ``handleEvent``, looked up at call time."""
    if isinstance(listener, dict):
        return listener.get("handleEvent")
    return getattr(listener, "handle_event", None)  # python-only: a Python object's handle_event


def _call(self: Any, callback: Callable[..., Any], event: Event) -> Any:
    """Call a listener with ``this`` = ``self`` (the frame's ``self`` is what ``current_this()`` reads)."""
    return callback(event)


_frame_call = _call  # the frame events.current_this() looks for, where the C below was not built
try:  # the same with `this` kept by _events.c (events.current_this() reads it there: no frame to walk)
    from ._events import call_with_this as _call  # type: ignore[assignment]
except ImportError:
    pass


def _emit_uncaught(error: BaseException) -> None:
    """Node's ``emitUncaughtException``: rethrown from a nextTick, after the dispatch."""

    def throw() -> None:
        raise error

    _loop.next_tick(throw)


def _add_catch(result: Any) -> None:
    """A listener's returned promise (or coroutine) that rejects is an uncaught exception."""
    from .events import Promise

    if _is_coroutine(result):
        result = Promise._from_coroutine(result)
    then = getattr(result, "then", None)
    if callable(then):
        then(None, lambda err: _emit_uncaught(err if isinstance(err, BaseException) else _reason_error(err)))


def _is_coroutine(value: Any) -> bool:
    import inspect

    return inspect.iscoroutine(value)


def _reason_error(reason: Any) -> BaseException:
    from .events import _wrap_reason

    return _wrap_reason(reason)


class EventTarget:
    """Node's EventTarget: ``add_event_listener``, ``remove_event_listener``, ``dispatch_event``."""

    _inspect_name: str | None = None

    def __init__(self) -> None:
        from .events import EventEmitter

        self._events: dict[str, _Root] = {}
        self._max_listeners: float = EventEmitter.default_max_listeners
        self._max_listeners_warned = False

    def add_event_listener(self, type_: Any = _MISSING, listener: Any = _MISSING, options: Any = None) -> None:
        """``target.addEventListener(type, listener, options)``: ``options`` is a boolean (capture) or
        ``{once, capture, passive, signal}``."""
        if type_ is _MISSING or listener is _MISSING:
            raise node_error("ERR_MISSING_ARGS", 'The "type" and "listener" arguments must be specified')
        once, capture, passive, signal, resist = _listener_options(options)
        validate_abort_signal(signal, "options.signal")
        if is_nullish(listener):  # the DOM allows null: ignored, with a warning
            self._warn_ignored(type_, listener)
            return
        _validate_listener(listener)
        type_ = to_string(type_)
        if signal is not None:
            if signal.aborted:
                return
            signal.add_event_listener(
                "abort", lambda *_: self.remove_event_listener(type_, listener, options),
                {"once": True, K_RESIST_STOP_PROPAGATION: True})
        root = self._events.get(type_)
        if root is None:
            root = self._events[type_] = _Root()
        last: _Registration | _Root = root
        for registration in root:
            if registration.same(listener, capture):
                return  # a duplicate is ignored
            last = registration
        _Registration(last, listener, capture, once, passive, resist)
        root.size += 1
        self._new_listener(root.size, type_)

    def _warn_ignored(self, type_: Any, listener: Any) -> None:
        from .events import _emit_warning

        warning = _Warning("AddEventListenerArgumentTypeWarning",
                           f"addEventListener called with {to_string(listener)} which has no effect.",
                           target=self, type=type_)
        _emit_warning(warning)

    def _new_listener(self, size: int, type_: str) -> None:
        from .events import _emit_warning
        from .js import number_to_string

        limit = self._max_listeners
        if limit > 0 and size > limit and not self._max_listeners_warned:
            self._max_listeners_warned = True
            _emit_warning(_Warning(
                "MaxListenersExceededWarning",
                f"Possible EventTarget memory leak detected. {size} {type_} listeners added to "
                f"{self._inspect_shallow()}. MaxListeners is {number_to_string(limit)}. "
                "Use events.setMaxListeners() to increase limit",
                target=self, type=type_, count=size))

    def _inspect_shallow(self) -> str:
        """``util.inspect(this, {depth: -1})``: the class name (AbortSignal's own inspect: ``[AbortSignal]``)."""
        return self._inspect_name or type(self).__name__

    def remove_event_listener(self, type_: Any = _MISSING, listener: Any = _MISSING, options: Any = None) -> None:
        """``target.removeEventListener(type, listener, options)``: the registration with that capture."""
        if type_ is _MISSING or listener is _MISSING:
            raise node_error("ERR_MISSING_ARGS", 'The "type" and "listener" arguments must be specified')
        if is_nullish(listener):
            return
        _validate_listener(listener)
        type_ = to_string(type_)
        if isinstance(options, bool):
            capture = options and since(26)  # up to Node 24: options?.capture === true, false for a boolean
        else:
            capture = option_member(options, "capture") is True if _is_object(options) else False
        root = self._events.get(type_)
        if root is None:
            return
        for registration in root:
            if registration.same(listener, capture):
                self._remove(type_, root, registration)
                return

    def _remove(self, type_: str, root: _Root, registration: _Registration) -> None:
        registration.remove()
        root.size -= 1
        if root.size == 0 and self._events.get(type_) is root:
            del self._events[type_]

    def dispatch_event(self, event: Any = _MISSING) -> bool:
        """``target.dispatchEvent(event)``: call the listeners of ``event.type``; ``false`` if a listener
        prevented the default of a cancelable event."""
        if event is _MISSING:
            raise node_error("ERR_MISSING_ARGS", 'The "event" argument must be specified')
        if not isinstance(event, Event):
            raise invalid_arg_type("event", "Event", event)
        if event._dispatching:
            raise node_error("ERR_EVENT_RECURSION", f'The event "{event.type}" is already being dispatched')
        self._dispatch(event)
        return not event.default_prevented

    def _dispatch(self, event: Event) -> None:
        event._target = self
        event._dispatching = True
        root = self._events.get(event.type)
        registration = root.next if root is not None else None
        # Node's walk: the next node is read before each call, so a listener added by the last one is
        # not reached, and a removed one is skipped by its flag. stopImmediatePropagation ends the
        # walk except for internal listeners that resist it.
        while registration is not None:
            following = registration.next
            if registration.removed or (event._stop and not registration.resist):
                registration = following
                continue
            if registration.once:
                self._remove(event.type, root, registration)  # type: ignore[arg-type]
            self._invoke(registration, event)
            # Node clears the flag after the first listener: the rest see eventPhase NONE.
            event._dispatching = False
            registration = following
        event._dispatching = False

    def _invoke(self, registration: _Registration, event: Event) -> None:
        listener = registration.listener
        event._in_passive_listener = registration.passive
        try:
            if callable(listener):
                result = _call(self, listener, event)
            else:
                handle_event = _handle_event(listener)
                result = _call(listener, handle_event, event) if callable(handle_event) else None
            if result is not None:
                _add_catch(result)
        except Exception as error:  # noqa: BLE001 - Node: emitUncaughtException, and the dispatch goes on
            _emit_uncaught(error)
        finally:
            event._in_passive_listener = False

    # -- what node:events reads ----------------------------------------------------------------------
    def _listeners(self, type_: Any) -> list[Any]:
        """``events.getEventListeners(target, type)``: the listeners as registered."""
        root = self._events.get(to_string(type_))
        return [r.listener for r in root] if root is not None else []

    def _set_max_listeners(self, n: float) -> None:
        self._max_listeners = n
        self._max_listeners_warned = False

    def __repr__(self) -> str:
        return f"{type(self).__name__} {{}}"


class _Warning(RuntimeWarning):
    """A process warning Node builds from an Error (``name``, ``message``, and its own properties)."""

    code = None

    def __init__(self, name: str, message: str, **props: Any) -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        for key, value in props.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------------------------------
# AbortSignal, AbortController
# ---------------------------------------------------------------------------------------------------
class AbortSignal(EventTarget):
    """``controller.signal``: ``aborted``, ``reason``, ``onabort``, ``throw_if_aborted()``; the static
    ``AbortSignal.abort(reason)``, ``AbortSignal.timeout(ms)``, ``AbortSignal.any(signals)``. Not
    constructible (``new AbortSignal()`` is ERR_ILLEGAL_CONSTRUCTOR)."""

    _inspect_name = "[AbortSignal]"
    _aborted: bool  # python-only: typing
    _reason: Any  # python-only: typing
    _onabort: Any  # python-only: typing
    _onabort_wrapper: Callable[..., Any] | None  # python-only: typing
    _dependants: list[AbortSignal]  # python-only: typing
    _sources: list[AbortSignal] | None  # python-only: typing

    def __init__(self, *_args: Any) -> None:
        raise node_error("ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor")

    @classmethod
    def _create(cls) -> AbortSignal:
        signal = cls.__new__(cls)
        EventTarget.__init__(signal)
        signal._aborted = False
        signal._reason = None
        signal._onabort = NULL
        signal._onabort_wrapper = None
        signal._dependants = []
        signal._sources = None  # AbortSignal.any's: the signals it follows
        return signal

    aborted = property(lambda self: self._aborted)
    reason = property(lambda self: self._reason)

    @property
    def onabort(self) -> Any:
        return self._onabort

    @onabort.setter
    def onabort(self, handler: Any) -> None:
        # Node's event handler attribute: one wrapper listener, added at the first assignment; a later
        # assignment replaces the handler in the wrapper, so it keeps its place among the listeners.
        self._onabort = handler
        if self._onabort_wrapper is None:
            signal = self

            def onabort(event: Any) -> Any:
                current = signal._onabort
                return _call(signal, current, event) if callable(current) else None

            self._onabort_wrapper = onabort
            self.add_event_listener("abort", onabort)

    def throw_if_aborted(self) -> None:
        """Raise the reason if aborted."""
        if self._aborted:
            reason = self._reason
            raise reason if isinstance(reason, BaseException) else _reason_error(reason)

    def _abort(self, reason: Any) -> None:
        if self._aborted:
            return
        self._aborted = True
        self._reason = DOMException("This operation was aborted", "AbortError") if reason is None else reason
        event = Event("abort")
        event._trusted = True
        self.dispatch_event(event)
        # Node's abortSignal: the signals AbortSignal.any made of this one follow once its listeners ran
        dependants, self._dependants = self._dependants, []
        for dependant in dependants:
            dependant._abort(self._reason)

    @classmethod
    def abort(cls, reason: Any = None) -> AbortSignal:
        """``AbortSignal.abort(reason)``: an already aborted signal."""
        signal = cls._create()
        signal._aborted = True
        signal._reason = DOMException("This operation was aborted", "AbortError") if reason is None else reason
        return signal

    @classmethod
    def timeout(cls, delay: Any = None) -> AbortSignal:
        """``AbortSignal.timeout(ms)``: aborted with a TimeoutError after ``ms`` (the timer does not keep
        the process alive)."""
        from .validators import validate_integer

        validate_integer(delay, "delay", 0, 2**32 - 1)
        signal = cls._create()
        timer = _loop.set_timeout(
            lambda: signal._abort(DOMException("The operation was aborted due to timeout", "TimeoutError")), delay)
        timer.unref()
        return signal

    @classmethod
    def any(cls, signals: Any = None) -> AbortSignal:
        """``AbortSignal.any(signals)``: aborted when the first of ``signals`` is, with its reason."""
        if not isinstance(signals, (list, tuple)):
            raise invalid_arg_type("signals", "Array", signals)
        for i, signal in enumerate(signals):
            validate_abort_signal(signal, f"signals[{i}]")
        result = cls._create()
        for signal in signals:
            if signal.aborted:
                result._aborted = True
                result._reason = signal.reason
                return result
        # No listener on the sources (Node's kDependantSignals): each source aborts the result after its own
        # 'abort' listeners ran, whatever they do; a signal that any() made stands for its own sources. Node
        # holds the result weakly but keeps one with 'abort' listeners alive; Python's weak references die
        # at once, so the sources hold it (until they abort).
        result._sources = []
        for signal in signals:
            for source in signal._sources if signal._sources is not None else [signal]:
                if source not in result._sources:
                    result._sources.append(source)
                    source._dependants.append(result)
        return result

    def __repr__(self) -> str:
        return f"AbortSignal {{ aborted: {str(self._aborted).lower()} }}"


class AbortController:
    """``new AbortController()``: ``signal`` and ``abort(reason)``."""

    def __init__(self) -> None:
        self._signal = AbortSignal._create()

    signal = property(lambda self: self._signal)

    def abort(self, reason: Any = None) -> None:
        """Abort the signal (once): ``aborted`` true, ``reason`` (a DOMException AbortError by default),
        then a trusted ``'abort'`` event."""
        self._signal._abort(reason)

    def __repr__(self) -> str:
        return f"AbortController {{ signal: {self._signal!r} }}"


# ---------------------------------------------------------------------------------------------------
# events.addAbortListener
# ---------------------------------------------------------------------------------------------------
class _AbortListenerDisposable:
    """What ``events.addAbortListener`` returns: disposing it removes the listener (``[Symbol.dispose]()``
    in Node; ``dispose()`` or a ``with`` block here)."""

    __slots__ = ("_remove",)

    def __init__(self, remove: Callable[[], None] | None) -> None:
        self._remove = remove  # python-only: the contract has no [Symbol.dispose]; tests/ disposes

    def dispose(self) -> None:  # python-only: the contract has no [Symbol.dispose]; tests/ disposes
        if self._remove is not None:
            self._remove()

    def __enter__(self) -> _AbortListenerDisposable:  # python-only
        return self

    def __exit__(self, *_exc: object) -> None:  # python-only
        self.dispose()


def add_abort_listener(signal: Any = None, listener: Any = None) -> _AbortListenerDisposable:
    """``events.addAbortListener(signal, listener)``: ``listener`` once when ``signal`` aborts, even if
    another listener stops the event's propagation; already aborted: on a microtask (without an argument
    up to Node 24, with an 'abort' event from Node 26)."""
    validate_abort_signal(signal, "signal")
    if signal is None:
        raise invalid_arg_type("signal", "AbortSignal", signal)
    validate_function(listener, "listener")
    if signal.aborted:
        if since(26):
            event = Event("abort")
            event._trusted = True
            event._target = signal
            _loop.queue_microtask(lambda: _dispatch_to(listener, signal, event))
        else:
            _loop.queue_microtask(listener)
        return _AbortListenerDisposable(None)
    signal.add_event_listener("abort", listener, {"once": True, K_RESIST_STOP_PROPAGATION: True})
    return _AbortListenerDisposable(lambda: signal.remove_event_listener("abort", listener))


def _dispatch_to(listener: Callable[..., Any], signal: Any, event: Event) -> None:
    """Node 26 calls an already aborted signal's listener with an 'abort' event at its target (this undefined)."""
    event._dispatching = True
    try:
        listener(event)
    finally:
        event._dispatching = False
