"""The reference's twin of events_weakmap.mjs: Python's weak mapping refuses a str key the same way."""

import weakref

status = weakref.WeakKeyDictionary()
try:
    status["/a.txt"] = "ready"
    print("a string key was accepted")
except TypeError as err:
    print(f"a string key throws {type(err).__name__}")


class Key:
    file = "/a.txt"


key = Key()
status[key] = "ready"
print(f"an object key holds {status[key]}")
