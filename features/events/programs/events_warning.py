"""The reference's twin of events_warning.mjs: the own properties of a listener leak's warnings."""

import sys

from nodespec.reference import process
from nodespec.reference.event_target import EventTarget
from nodespec.reference.events import EventEmitter
from nodespec.reference.js import NULL, console_text, inspect
from nodespec.reference.types import Symbol

mode = sys.argv[1]


def prop(obj, name):
    """``obj.name`` as JavaScript reads it: undefined (None) when the object has no such property."""
    return getattr(obj, name, None)


def main() -> None:
    if mode == "emitter":
        emitter = EventEmitter()
        emitter.set_max_listeners(1)

        def on_warning(w) -> None:
            print(console_text(w.name, inspect(w.type), w.count, w.emitter is emitter, isinstance(w, Exception), w.code),
                  flush=True)

        process.on("warning", on_warning)
        for type_ in ("foo", Symbol("sym")):
            for _ in range(3):
                emitter.on(type_, lambda: None)
    elif mode == "target":
        target = EventTarget()
        EventEmitter.set_max_listeners(1, target)  # events.setMaxListeners(n, ...targets)

        def on_target_warning(w) -> None:
            print(console_text(w.name, inspect(w.type), prop(w, "count"), prop(w, "target") is target, prop(w, "emitter"),
                               isinstance(w, Exception), w.code), flush=True)

        process.on("warning", on_target_warning)
        for _ in range(3):
            target.add_event_listener("foo", lambda event: None)
        target.add_event_listener("bar", NULL)


process.run_main(main)
