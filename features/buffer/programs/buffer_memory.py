"""The reference's twin of buffer_memory.mjs: a 32 MiB Buffer's bytes are counted in the reference's
arrayBuffers (memory_usage()), the Buffer object itself stays small, and dropping it gives the
memory back."""

import gc
import sys

from nodespec.reference.buffer import Buffer, memory_usage

MiB = 1024 * 1024
gc.collect()
before = memory_usage()["arrayBuffers"]
big = Buffer.alloc(32 * MiB, 1)
after = memory_usage()["arrayBuffers"]
print(f"length={big.length}")
print(f"array_buffers_grew={'true' if after - before >= 31 * MiB else 'false'}")
print(f"heap_grew_little={'true' if sys.getsizeof(big) < MiB else 'false'}")
del big
gc.collect()
released = memory_usage()["arrayBuffers"]
print(f"released={'true' if after - released >= 31 * MiB else 'false'}")
