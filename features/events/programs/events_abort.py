"""The reference's twin of events_abort.mjs: an AbortSignal's 'abort' event, during and after its dispatch."""

import sys

from nodespec.reference import loop, process
from nodespec.reference.event_target import AbortController, add_abort_listener
from nodespec.reference.js import console_text

mode = sys.argv[1]
controller = AbortController()
signal = controller.signal
seen = []


def listener(*args) -> None:
    seen.extend(args[:1])
    if not args:
        print("arguments=0", flush=True)
        return
    event = args[0]
    print(f"{event.type} trusted={console_text(event.is_trusted)} target={console_text(event.target is signal)} "
          f"phase={event.event_phase}", flush=True)


def after() -> None:
    if not seen:
        print("after no event", flush=True)
    else:
        print(f"after phase={seen[0].event_phase} currentTarget={console_text(seen[0].current_target)}", flush=True)


def main() -> None:
    if mode == "trusted":
        print(f"before aborted={console_text(signal.aborted)} reason={console_text(signal.reason)}", flush=True)
        signal.add_event_listener("abort", listener)
        controller.abort()
        after()
    elif mode == "already-aborted":
        controller.abort()
        add_abort_listener(signal, listener)
        loop.set_timeout(after, 0)


process.run_main(main)
