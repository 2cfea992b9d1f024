"""A model of Node's event loop that gives the reference's callbacks Node's ordering.

Node runs, after every macrotask callback: the whole ``process.nextTick`` queue, then the whole
microtask queue (promise reactions, ``queueMicrotask``), again and again until both are empty
(``lib/internal/process/task_queues.js``, ``processTicksAndRejections``). Macrotasks come from
phases, in libuv's order: timers, then poll (I/O: pipes, sockets, child exits, signals), then check
(``setImmediate``), then close (the 'close' of a handle closed in this iteration, newest first, as
libuv's closing-handles list is a stack), each phase taking only the callbacks that were queued before
it began. That is
why, inside an I/O callback, ``setImmediate`` always runs before ``setTimeout(0)``: the check phase
comes right after poll, the timers phase only on the next iteration.

The model is explicit and single-threaded: nothing runs until ``run()`` (or ``run_microtasks()``)
is called, which is what a specification needs to make ordering observable. It is our own loop, not
asyncio: see ``docs/event-loop.md`` for the argument.

I/O: ``add_reader(fd, callback)`` watches a file descriptor (a ``selectors`` selector); handles that
keep the process alive (a child process, a listening server, an IPC channel with listeners) hold a
*ref* (``ref()`` / ``unref()``), exactly like libuv's ref-counted handles. ``run(timeout=None)`` returns
when nothing is pending any more: no ticks, microtasks, timers, immediates or refs.

**asyncio guest mode.** Inside a running asyncio loop (in the same thread), the loop runs as asyncio's
*guest* (as Trio's guest mode runs Trio inside another loop): whatever is scheduled on it wakes it
through asyncio (``call_soon`` for ticks, microtasks and immediates, ``call_later`` for the next timer,
one asyncio reader on this loop's selector for I/O), and each wake-up is one iteration of this loop,
with its own phases and queues, so the order is unchanged. Nobody calls ``run()``; ``await
loop.idle()`` waits until nothing is pending. Outside asyncio nothing changes.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import selectors
import signal as _signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Callback = Callable[..., Any]


def _running_host() -> Any:
    """The asyncio loop running in this thread, if any (None when asyncio was never imported)."""
    events = sys.modules.get("asyncio.events")
    return events._get_running_loop() if events is not None else None


@dataclass(order=True)
class Timer:
    due: float
    seq: int
    callback: Callback = field(compare=False)
    args: tuple[Any, ...] = field(compare=False, default=())
    cancelled: bool = field(compare=False, default=False)
    repeat: float | None = field(compare=False, default=None)
    refed: bool = field(compare=False, default=True)

    def unref(self) -> Timer:
        self.refed = False
        return self

    def ref(self) -> Timer:
        self.refed = True
        return self

    # Node's Timeout[Symbol.dispose] (clearTimeout), as a Python context manager
    def __enter__(self) -> Timer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.cancelled = True


@dataclass
class Immediate:
    callback: Callback
    args: tuple[Any, ...] = ()
    cancelled: bool = False

    # Node's Immediate[Symbol.dispose] (clearImmediate), as a Python context manager
    def __enter__(self) -> Immediate:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.cancelled = True


TIMEOUT_MAX = 2**31 - 1  # lib/internal/timers.js: the largest delay libuv's timers take


def _to_number(value: Any) -> float:
    """JavaScript's ``Number(value)`` for the values a delay can be (``'10'`` → 10, ``'x'`` → NaN)."""
    if value is None:
        return math.nan
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip(" \t\n\r\v\f\u00a0\ufeff\u2028\u2029")
        if not text:
            return 0.0
        lowered = text.lower()
        try:
            if lowered[:2] in ("0x", "0o", "0b"):
                return float(int(text[2:], {"x": 16, "o": 8, "b": 2}[lowered[1]]))
            if text.lstrip("+-") == "Infinity" and len(text) <= 9:
                return -math.inf if text.startswith("-") else math.inf
            if lowered.lstrip("+-") in ("inf", "nan", "infinity") or "_" in text:
                return math.nan
            return float(text)
        except ValueError:
            return math.nan
    return math.nan


def _timer_delay(ms: Any) -> float:
    """Node's delay rule (``lib/internal/timers.js``, ``Timeout``): ``after *= 1``; a delay that is
    not in [1, TIMEOUT_MAX] becomes 1 ms, and one above TIMEOUT_MAX (Infinity too) also emits a
    ``TimeoutOverflowWarning``."""
    after = _to_number(ms)
    if not (1 <= after <= TIMEOUT_MAX):
        if after > TIMEOUT_MAX:
            _overflow_warning(after)
        after = 1
    return after


def _overflow_warning(after: float) -> None:
    shown = "Infinity" if after == math.inf else str(int(after)) if after.is_integer() else repr(after)
    try:
        from nodespec.reference.process import process

        process.emit_warning(
            f"{shown} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.",
            "TimeoutOverflowWarning",
        )
    except Exception:  # noqa: BLE001 - a warning must never stop the timer
        pass


class Loop:
    """One event loop: nextTick queue, microtask queue, timers, I/O (poll) and immediates."""

    def __init__(self) -> None:
        self._ticks: deque[tuple[Callback, tuple[Any, ...]]] = deque()
        self._microtasks: deque[Callback] = deque()
        self._timers: list[Timer] = []
        self._immediates: deque[Immediate] = deque()
        self._closing: list[tuple[Callback, tuple[Any, ...]]] = []
        self._seq = itertools.count()
        self._selector: selectors.BaseSelector | None = None
        self._readers: dict[int, Callback] = {}
        self._refs = 0
        self._signal_handlers: dict[int, Callback] = {}
        self._pending_signals: deque[int] = deque()
        self._wake_r: int | None = None
        self._wake_w: int | None = None
        self.uncaught_handler: Callable[[BaseException], None] | None = None
        # asyncio guest mode: the host loop, its pending wake-ups, and whether we are running now
        old_host = getattr(self, "_host", None)
        if old_host is not None:  # re-initialised (the harness does, between scenarios): leave the host
            self._detach(old_host, getattr(self, "_host_fd", None), getattr(self, "_host_handles", ()))
            for waiter in getattr(self, "_idle_waiters", ()):
                if not waiter.done():
                    waiter.set_result(None)
        self._host: Any = None
        self._host_fd: int | None = None
        self._host_handles: list[Any] = []
        self._soon_armed = False
        self._running = False
        self._idle_waiters: list[Any] = []

    def reset(self) -> None:
        """Forget everything queued, watched or pending, and close what the loop owned (its selector and
        wake-up pipe): the harness does between scenarios. It stays the same object, because the
        modules bound its methods at import (``next_tick = default_loop.next_tick``)."""
        selector, wake = self._selector, (self._wake_r, self._wake_w)
        self.__init__()  # type: ignore[misc]  # re-initialises in place; leaves an asyncio host first
        if selector is not None:
            selector.close()
        for fd in wake:
            if fd is not None:
                os.close(fd)

    # -- scheduling --------------------------------------------------------------------------
    def next_tick(self, callback: Callback, *args: Any) -> None:
        self._ticks.append((callback, args))
        if not self._running:
            self._wake()

    def queue_microtask(self, callback: Callback, *args: Any) -> None:
        if args:
            self._microtasks.append(lambda: callback(*args))
        else:
            self._microtasks.append(callback)
        if not self._running and not (self._soon_armed and self._host is _running_host()):
            self._wake()

    def set_immediate(self, callback: Callback, *args: Any) -> Immediate:
        immediate = Immediate(callback, args)
        self._immediates.append(immediate)
        if not self._running:
            self._wake()
        return immediate

    def on_handle_closed(self, callback: Callback, *args: Any) -> None:
        """Call ``callback(*args)`` in this iteration's close phase: where libuv calls a closed handle's
        close callback (a stream's 'close'). The newest closed runs first (uv__make_close_pending
        pushes onto a stack)."""
        self._closing.append((callback, args))
        if not self._running:
            self._wake()

    def set_timeout(self, callback: Callback, ms: Any = 1, *args: Any) -> Timer:
        delay = _timer_delay(ms)
        timer = Timer(time.monotonic() + delay / 1000, next(self._seq), callback, args)
        heapq.heappush(self._timers, timer)
        if not self._running:
            self._wake()
        return timer

    def set_interval(self, callback: Callback, ms: Any = 1, *args: Any) -> Timer:
        delay = _timer_delay(ms)
        timer = self.set_timeout(callback, delay, *args)
        timer.repeat = delay
        return timer

    @staticmethod
    def clear(handle: Timer | Immediate | None) -> None:
        if handle is not None:
            handle.cancelled = True

    clear_timeout = clear
    clear_immediate = clear
    clear_interval = clear

    # -- handles (libuv's ref counting) and I/O -----------------------------------------------
    def ref(self) -> None:
        self._refs += 1

    def unref(self) -> None:
        self._refs = max(0, self._refs - 1)
        if self._idle_waiters and not self._running:
            self._wake()

    def _sel(self) -> selectors.BaseSelector:
        if self._selector is None:
            self._selector = selectors.DefaultSelector()
            if self._host is not None and not self._host.is_closed():
                self._watch_selector()
        return self._selector

    def add_reader(self, fd: int, callback: Callback) -> None:
        """Call ``callback()`` (a macrotask of the poll phase) whenever ``fd`` is readable."""
        sel = self._sel()
        if fd in self._readers:
            sel.modify(fd, selectors.EVENT_READ, fd)
        else:
            sel.register(fd, selectors.EVENT_READ, fd)
        self._readers[fd] = callback
        if not self._running:
            self._wake()

    def remove_reader(self, fd: int) -> None:
        if fd in self._readers:
            del self._readers[fd]
            try:
                self._sel().unregister(fd)
            except (KeyError, ValueError, OSError):
                pass

    # -- signals ------------------------------------------------------------------------------
    def _ensure_wake_pipe(self) -> None:
        if self._wake_r is None:
            r, w = os.pipe()
            os.set_blocking(r, False)
            os.set_blocking(w, False)
            self._wake_r, self._wake_w = r, w
            self._sel().register(r, selectors.EVENT_READ, r)
            self._readers[r] = self._drain_signals

    def _on_os_signal(self, signum: int, _frame: Any) -> None:
        self._pending_signals.append(signum)
        if self._wake_w is not None:
            try:
                os.write(self._wake_w, b"\0")
            except OSError:
                pass

    def _drain_signals(self) -> None:
        if self._wake_r is not None:
            try:
                while os.read(self._wake_r, 512):
                    pass
            except (BlockingIOError, OSError):
                pass
        while self._pending_signals:
            signum = self._pending_signals.popleft()
            handler = self._signal_handlers.get(signum)
            if handler is not None:
                self._invoke(handler, signum)
                self.run_microtasks()

    def add_signal_handler(self, signum: int, callback: Callback) -> None:
        """Deliver ``signum`` to ``callback(signum)`` from the poll phase. The handle is unref'd:
        like Node's signal wraps, a signal listener does not keep the loop alive."""
        self._ensure_wake_pipe()
        self._signal_handlers[signum] = callback
        _signal.signal(signum, self._on_os_signal)
        if not self._running:
            self._wake()

    def remove_signal_handler(self, signum: int) -> None:
        if self._signal_handlers.pop(signum, None) is not None:
            _signal.signal(signum, _signal.SIG_DFL)

    # -- running -----------------------------------------------------------------------------
    def _invoke(self, callback: Callback, *args: Any) -> None:
        try:
            callback(*args)
        except Exception as error:  # an uncaught exception: Node's 'uncaughtException'
            if self.uncaught_handler is None:
                raise
            self.uncaught_handler(error)

    def run_microtasks(self) -> None:
        """Drain nextTicks, then microtasks, until both queues are empty."""
        while self._ticks or self._microtasks:
            while self._ticks:
                callback, args = self._ticks.popleft()
                self._invoke(callback, *args)
            while self._microtasks:
                self._invoke(self._microtasks.popleft())

    def _run_due_timers(self) -> None:
        now = time.monotonic()
        while self._timers and self._timers[0].due <= now:
            timer = heapq.heappop(self._timers)
            if not timer.cancelled:
                if timer.repeat is not None:
                    timer.due = now + timer.repeat / 1000
                    timer.seq = next(self._seq)
                    heapq.heappush(self._timers, timer)
                self._invoke(timer.callback, *timer.args)
                self.run_microtasks()

    def _run_immediates(self) -> None:
        for _ in range(len(self._immediates)):
            immediate = self._immediates.popleft()
            if not immediate.cancelled:
                self._invoke(immediate.callback, *immediate.args)
                self.run_microtasks()

    def _run_closing(self) -> None:
        closing, self._closing = self._closing, []
        for callback, args in reversed(closing):
            self._invoke(callback, *args)
            self.run_microtasks()

    def _live_timers(self) -> bool:
        return any(not t.cancelled and t.refed for t in self._timers)

    def pending(self) -> bool:
        return bool(
            self._ticks
            or self._microtasks
            or any(not i.cancelled for i in self._immediates)
            or self._closing
            or self._live_timers()
            or self._refs > 0
        )

    def _poll(self, wait: float) -> None:
        if not self._readers:
            if wait > 0:
                time.sleep(wait)
            return
        for key, _events in self._sel().select(max(0.0, wait)):
            callback = self._readers.get(key.fd)
            if callback is not None:
                self._invoke(callback)
                self.run_microtasks()

    def run_once(self, max_wait: float | None = None) -> None:
        """One iteration: timers, poll (I/O), check (immediates), close."""
        self._run_due_timers()
        if self._immediates or self._closing or self._ticks or self._microtasks:
            wait = 0.0
        else:
            live = [t for t in self._timers if not t.cancelled]
            if live:
                wait = max(0.0, min(t.due for t in live) - time.monotonic())
            else:
                wait = 1.0 if self._refs else 0.0
        if max_wait is not None:
            wait = min(wait, max_wait)
        self._poll(wait)
        self._run_immediates()
        self._run_closing()
        self.run_microtasks()

    def run(self, timeout: float | None = 5.0) -> None:
        """Run until nothing is pending (or ``timeout`` seconds have passed; None = no limit).

        Inside asyncio there is no need to: the loop runs as asyncio's guest (``await idle()``).
        Called there anyway, it runs the loop itself and blocks asyncio meanwhile."""
        deadline = None if timeout is None else time.monotonic() + timeout
        running, self._running = self._running, True
        try:
            self.run_microtasks()
            while self.pending():
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self.run_once(max_wait=left)
                else:
                    self.run_once()
        finally:
            self._running = running
        self._after_native_run()

    def run_until(self, predicate: Callable[[], bool], timeout: float | None = None) -> bool:
        """Run iterations until ``predicate()`` is true; returns whether it became true."""
        deadline = None if timeout is None else time.monotonic() + timeout
        running, self._running = self._running, True
        try:
            self.run_microtasks()
            while not predicate():
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self.run_once(max_wait=min(left, 0.05))
                else:
                    self.run_once(max_wait=0.05)
            return True
        finally:
            self._running = running
            self._after_native_run()

    # -- asyncio guest mode --------------------------------------------------------------------
    def _wake(self) -> None:
        """Something was scheduled while nobody runs this loop: inside a running asyncio loop, ask it
        to run one iteration of ours soon. Outside asyncio (no asyncio loop running in this thread)
        nothing happens: the loop runs when ``run()`` is called, as before."""
        host = _running_host()
        if host is None:
            return
        if host is not self._host:
            self._attach(host)
        elif self._soon_armed:
            return
        self._soon_armed = True
        self._host_handles.append(host.call_soon(self._guest_iteration))

    def _attach(self, host: Any) -> None:
        if self._host is not None:
            self._detach(self._host, self._host_fd, self._host_handles)
        self._host, self._host_fd, self._host_handles, self._soon_armed = host, None, [], False
        if self._selector is not None:
            self._watch_selector()

    def _watch_selector(self) -> None:
        """One asyncio reader for all of ours: the selector's own descriptor (an epoll or kqueue fd)
        is readable while any descriptor registered in it is."""
        assert self._selector is not None
        fileno = getattr(self._selector, "fileno", None)
        if fileno is None:  # a select()-based selector has no descriptor: poll on each wake-up instead
            return
        self._host_fd = fileno()
        self._host.add_reader(self._host_fd, self._guest_iteration)

    @staticmethod
    def _detach(host: Any, fd: int | None, handles: Any) -> None:
        for handle in handles:
            handle.cancel()
        if fd is not None and not host.is_closed():
            host.remove_reader(fd)

    def _guest_iteration(self) -> None:
        """One iteration of this loop, run by asyncio: the ticks and microtasks queued by the asyncio
        code that ran before (its macrotask), then timers, poll (without waiting), check."""
        if self._running or self._host is None:
            return
        self._running = True
        try:
            self.run_microtasks()
            self.run_once(max_wait=0)
        finally:
            self._running = False
            self._rearm()

    def _rearm(self) -> None:
        host = self._host
        for handle in self._host_handles:
            handle.cancel()
        self._host_handles = []
        self._soon_armed = False
        if host is None or host.is_closed():
            self._host, self._host_fd = None, None  # its asyncio loop has ended: the guest is free again
            return
        if self._ticks or self._microtasks or self._closing or any(not i.cancelled for i in self._immediates):
            self._soon_armed = True
            self._host_handles.append(host.call_soon(self._guest_iteration))
        else:
            live = [t.due for t in self._timers if not t.cancelled]
            if live:
                self._host_handles.append(host.call_later(max(0.0, min(live) - time.monotonic()), self._guest_iteration))
            elif self._readers and self._host_fd is None:
                self._host_handles.append(host.call_later(0.01, self._guest_iteration))
        if self._idle_waiters and not self.pending():
            waiters, self._idle_waiters = self._idle_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    def _after_native_run(self) -> None:
        """``run()`` was called from inside asyncio: what is left is the guest's again."""
        if self._host is not None and not self._running:
            self._rearm()

    async def idle(self) -> None:
        """Inside asyncio: wait until nothing is pending (no tick, microtask, timer, immediate or ref),
        which is when ``run()`` would have returned."""
        import asyncio

        host = asyncio.get_running_loop()
        if host is not self._host:
            self._attach(host)
        if not self.pending():
            return
        waiter = host.create_future()
        self._idle_waiters.append(waiter)
        self._rearm()
        await waiter


default_loop = Loop()
next_tick = default_loop.next_tick
queue_microtask = default_loop.queue_microtask
set_immediate = default_loop.set_immediate
set_timeout = default_loop.set_timeout
set_interval = default_loop.set_interval
clear_timeout = default_loop.clear
clear_immediate = default_loop.clear
clear_interval = default_loop.clear
