"""The reference's twin of events_coalesce.mjs: the document's pattern on the reference's EventEmitter,
and the corrected pattern with ``nodespec.reference.events.Coalescer``."""

import errno
import os
import shutil
import sys
import tempfile

from nodespec.reference import loop, process
from nodespec.reference.events import Coalescer, EventEmitter

mode, n = sys.argv[1], int(sys.argv[2])
missing = len(sys.argv) > 3 and sys.argv[3] == "missing"
directory = tempfile.mkdtemp(prefix="nodespec-hot-")
path = os.path.join(directory, "absent.txt" if missing else "hot.txt")
if not missing:
    with open(path, "w") as f:
        f.write("hot data")
reads = 0


def read_file(file, callback):
    """An asynchronous read, like fs.readFile: the callback runs on a later turn of the loop."""

    def work():
        try:
            with open(file) as f:
                data = f.read()
        except OSError as error:
            error.code = errno.errorcode.get(error.errno, "EIO")
            callback(error, None)
            return
        callback(None, data)

    loop.set_immediate(work)


emitter = EventEmitter()
status = {}


def select_doc(file, cb):
    global reads
    emitter.once(file, cb)
    if status.get(file) is None:
        status[file] = "ready"
    if status[file] == "ready":
        status[file] = "pending"
        reads += 1

        def done(err, result):
            emitter.emit(file, err, result)
            status[file] = "ready"

        read_file(file, done)


coalescer = Coalescer()


def select_fixed(file, cb):
    global reads

    def load(key, done):
        global reads
        reads += 1
        read_file(key, done)

    coalescer.request(file, load, cb)


select = select_doc if mode == "doc" else select_fixed


def left():
    return len(emitter.event_names()) if mode == "doc" else len(coalescer.pending())


def wave(label, done):
    got = []

    def callback(err, result):
        got.append(f"error {err.code}" if err else f"result {result}")
        if len(got) == n:
            same = "true" if all(g == got[0] for g in got) else "false"
            print(f"{label}: reads {reads}, callbacks {len(got)}, all the same {same}, got {got[0]}", flush=True)

            def after():
                print(f"{label}: listeners left {left()}", flush=True)
                done()

            loop.set_immediate(after)

    for _ in range(n):
        select(path, callback)


def main():
    wave("first wave", lambda: wave("second wave", lambda: shutil.rmtree(directory, ignore_errors=True)))


process.run_main(main)
