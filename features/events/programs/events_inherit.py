"""The reference's twin of events_inherit.mjs: the same custom emitters, as Python subclasses.

JavaScript's ``EventEmitter.call(this)`` is ``EventEmitter.__init__(self)``; ``util.inherits`` and
``Object.setPrototypeOf`` are the class statement's base; static members come with the class.
"""

import sys

from nodespec.reference.events import EventEmitter, with_this

mode = sys.argv[1] if len(sys.argv) > 1 else ""


def js(value: object) -> str:
    return {True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value)


if mode == "class":

    class MyEmitter(EventEmitter):
        pass

elif mode == "legacy":

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            EventEmitter.__init__(self)

    print("inherits from EventEmitter:", js(MyEmitter.__bases__[0] is EventEmitter))
elif mode == "setprototypeof":

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            EventEmitter.__init__(self)

    print("static defaultMaxListeners:", MyEmitter.default_max_listeners)
    print("static listenerCount is inherited:", js(MyEmitter.listener_count is EventEmitter.listener_count))
else:  # no-init

    class MyEmitter(EventEmitter):
        def __init__(self) -> None:
            pass


emitter = MyEmitter()
print("instance of EventEmitter:", js(isinstance(emitter, EventEmitter)))
seen = {}


@with_this
def listener(this: object, a: str, b: str) -> None:
    seen["self"] = this
    print("listener got:", a, b)


print("emit returned:", js(emitter.emit("event", "a", "b")) if emitter.on("event", listener) else "")
print("this is the instance:", js(seen.get("self") is emitter))
print("listener count:", emitter.listener_count("event"))
