"""The reference's twin of buffer_pipe.mjs: copy a file of several MB chunk by chunk through reference
Buffers of highWaterMark bytes, recording the stream events Node's pipe goes through, and print the
same key=value report.

    python buffer_pipe.py SIZE [HIGH_WATER_MARK]
"""

import os
import random
import shutil
import sys
import tempfile

from nodespec.reference import fs
from nodespec.reference.buffer import Buffer

size = int(sys.argv[1]) if len(sys.argv) > 1 else 5 * 1024 * 1024 + 123
hwm = int(sys.argv[2]) if len(sys.argv) > 2 else 65536
directory = tempfile.mkdtemp(prefix="nodespec-pipe-")
source = os.path.join(directory, "input.txt")
target = os.path.join(directory, "output.txt")

# Deterministic content, made in C: the twin's byte-by-byte sequence, looped in Python, took ~0.2 s of
# CPU per MB (the copy's report cannot depend on which bytes they are; the twins' differ already).
data = random.Random(12345).randbytes(size)
with open(source, "wb") as f:
    f.write(data)

reader, writer, order = [], [], []
sizes, all_buffers, max_pending, paused = [], True, 0, False


def event(stream, name):
    (reader if stream == "reader" else writer).append(name)
    order.append(f"{stream}:{name}")


event("writer", "pipe")
with open(source, "rb") as src, open(target, "wb") as dst:
    event("reader", "open")
    event("reader", "ready")
    event("writer", "open")
    event("writer", "ready")
    while True:
        chunk = Buffer.alloc_unsafe_slow(hwm)
        n = src.readinto(chunk.memoryview())
        if n == 0:
            break
        chunk = chunk.subarray(0, n)
        all_buffers = all_buffers and Buffer.is_buffer(chunk)
        sizes.append(n)
        if not reader or reader[-1] != "data*":
            event("reader", "data*")
        max_pending = max(max_pending, n)  # one chunk waits in the writer until it drains
        paused = paused or n >= 16384      # write() returned false (writer highWaterMark 16 KiB): pause
        dst.write(chunk)
    event("reader", "end")
    event("writer", "finish")
    event("writer", "unpipe")
event("reader", "close")
event("writer", "close")

with open(target, "rb") as f:
    copy = f.read()
print(f"identical={'true' if copy == data else 'false'}")
print(f"bytes={len(copy)}")
print(f"chunks={len(sizes)}")
print(f"chunks_expected={-(-size // hwm)}")
print(f"chunk_size={sizes[0]}")
print(f"all_full_but_last={'true' if all(n == hwm for n in sizes[:-1]) else 'false'}")
print(f"last_chunk={sizes[-1]}")
print(f"chunk_type={'Buffer' if all_buffers else 'other'}")
print(f"reader_events={','.join(reader)}")
print(f"writer_events={','.join(writer)}")
print(f"end_before_finish={'true' if order.index('reader:end') < order.index('writer:finish') else 'false'}")
print(f"reader_paused={'true' if paused else 'false'}")
print(f"pending_bounded={'true' if 0 < max_pending < hwm + 16384 else 'false'}")
# The document's typo (buffer-30): the reference's fs has no create_write_steam either.
print(f"create_write_steam={'function' if callable(getattr(fs, 'create_write_steam', None)) else 'undefined'}")
shutil.rmtree(directory, ignore_errors=True)
