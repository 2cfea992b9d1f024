"""Helpers shared by the reference's twin programs (imported from the programs' own folder)."""

import os
import time

PROCFS = os.path.exists("/proc/self/stat")


def alive(pid):
    """Whether a process is still running. A zombie (dead, not yet reaped: an orphaned worker waits
    for init to reap it, which can take a second) does not count; where /proc is missing, whether
    the pid exists, as process.kill(pid, 0) says in Node. The .mjs twins ask the same way."""
    if PROCFS:
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().rpartition(")")[2].split()[0] != "Z"
        except OSError:
            return False
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def until(pred, seconds=10.0):
    """Poll ``pred`` until it holds or ``seconds`` pass (a bound, not a wait: it returns as soon as
    ``pred`` holds); its last answer."""
    end = time.monotonic() + seconds
    while not pred() and time.monotonic() < end:
        time.sleep(0.01)
    return pred()
