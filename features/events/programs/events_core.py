"""The reference's twin of events_core.mjs.

It drives the reference's own net.Server, fs.ReadStream and stream.Readable, which are
EventEmitters as Node's are.
"""

import os
import select
import shutil
import socket
import sys
import tempfile

from nodespec.reference import fs, loop, net, process
from nodespec.reference.events import EventEmitter
from nodespec.reference.js import console_text
from nodespec.reference.stream import Readable

mode = sys.argv[1] if len(sys.argv) > 1 else ""


def main():
    if mode == "net":
        server = net.create_server()
        print(console_text("server is an EventEmitter:", isinstance(server, EventEmitter)))

        def on_listening():
            print("listening")
            client = socket.create_connection(("127.0.0.1", server.address()["port"]))

            def wait_closed():
                if select.select([client], [], [], 0)[0] and client.recv(1) == b"":
                    client.close()
                    server.close()
                    return
                loop.set_timeout(wait_closed, 1)

            loop.set_timeout(wait_closed, 1)

        def on_connection(conn):
            print("connection")
            conn.close()

        server.on("listening", on_listening)
        server.on("connection", on_connection)
        server.on("close", lambda: print("close"))
        server.listen(0, "127.0.0.1")
    elif mode == "fs":
        directory = tempfile.mkdtemp(prefix="nodespec-rs-")
        path = os.path.join(directory, "data.txt")
        with open(path, "w") as f:
            f.write("hot data")
        stream = fs.create_read_stream(path)
        print(console_text("stream is an EventEmitter:", isinstance(stream, EventEmitter)))
        for name in ["open", "ready", "end", "close"]:
            stream.on(name, lambda *a, name=name: print(name))
        stream.on("data", lambda chunk: print("data", chunk.decode()))
        stream.on("close", lambda: shutil.rmtree(directory, ignore_errors=True))
    elif mode == "stream":
        stream = Readable.from_(["a", "b"])
        print(console_text("stream is an EventEmitter:", isinstance(stream, EventEmitter)))
        stream.on("data", lambda chunk: print("data", chunk))
        stream.on("end", lambda: print("end"))
        stream.on("close", lambda: print("close"))


process.run_main(main)
