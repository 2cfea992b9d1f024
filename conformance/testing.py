"""Helpers for the project's own tests and differential campaigns."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Iterable


def examples(default: int) -> int:
    """The hypothesis budget: ``default``, or ``NODESPEC_EXAMPLES`` when set (``nodespec differential``)."""
    return int(os.environ.get("NODESPEC_EXAMPLES", default))


def ended(pid: int) -> bool:
    """Whether process ``pid`` has ended: gone, or a zombie its parent has not reaped yet."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def wait_gone(pids: Iterable[int], timeout: float = 10.0) -> bool:
    """Whether every process of ``pids`` ends within ``timeout``: waited for on a pidfd, which the
    kernel makes readable when the process exits (any process, not only this one's children)."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            if not ended(pid) and not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                return False
        finally:
            os.close(fd)
    return True
