"""The reference's twin of events_inherit.mjs: the same custom emitters, as Python subclasses.

JavaScript's ``EventEmitter.call(this)`` is ``EventEmitter.__init__(self)``; ``util.inherits`` and
``Object.setPrototypeOf`` are the class statement's base; static members come with the class.
"""

import sys

from nodespec.reference.events import EventEmitter, with_this
from nodespec.reference.js import console_text

mode = sys.argv[1] if len(sys.argv) > 1 else ""


if mode == "class":

    class MyEmitter(EventEmitter):
        pass

elif mode == "legacy":

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            EventEmitter.__init__(self)

    print(console_text("inherits from EventEmitter:", MyEmitter.__bases__[0] is EventEmitter))
elif mode == "setprototypeof":

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            EventEmitter.__init__(self)

    print("static defaultMaxListeners:", MyEmitter.default_max_listeners)
    print(console_text("static listenerCount is inherited:", MyEmitter.listener_count is EventEmitter.listener_count))
else:  # no-init

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            pass


emitter = MyEmitter()
print(console_text("instance of EventEmitter:", isinstance(emitter, EventEmitter)))
seen = {}


@with_this
def listener(this: object, a: str, b: str) -> None:
    seen["self"] = this
    print("listener got:", a, b)


print(console_text("emit returned:", emitter.emit("event", "a", "b")) if emitter.on("event", listener) else "")
print(console_text("this is the instance:", seen.get("self") is emitter))
print("listener count:", emitter.listener_count("event"))
