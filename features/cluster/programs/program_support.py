"""Helpers shared by the reference's twin programs (imported from the programs' own folder)."""

import os
import time


def alive(pid):
    """Whether a process exists (a zombie still counts, as process.kill(pid, 0) says in Node)."""
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def until(pred, seconds=3.0):
    """Poll ``pred`` until it holds or ``seconds`` pass; its last answer."""
    end = time.monotonic() + seconds
    while not pred() and time.monotonic() < end:
        time.sleep(0.02)
    return pred()
