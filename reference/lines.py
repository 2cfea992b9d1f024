"""Which Node.js line the reference behaves as.

Node's behaviour differs between its release lines (the Buffer pool is 8 KiB up to Node 24 and 64 KiB
on 26, ``crypto.getHashes()`` lists ``sha-256`` from 24, …). The reference models every supported
line; one setting selects which, for the whole process:

* ``nodespec.reference.configure(node_version=22)`` (also ``"22"``, ``"v22.23.5"``, ``"22.23.5"``);
* the environment variable ``NODESPEC_NODE_LINE`` (read when nothing was configured), which is how
  the harness's ``--target`` reaches programs the reference runs in a child Python;
* otherwise the newest LTS line, :data:`NEWEST_LTS`.

Reference modules ask :func:`node_line` or :func:`since` at call time, so a change of line takes
effect at once (the harness switches lines between scenarios).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from nodespec.node_lines import ENV, NEWEST_LTS, SUPPORTED, parse_line

__all__ = ["ENV", "NEWEST_LTS", "SUPPORTED", "configure", "default_line", "node_line", "on_change", "parse_line", "since"]

_configured: dict[str, int | None] = {"line": None}
_listeners: list[Callable[[int], None]] = []


def configure(node_version: object = None) -> None:
    """Select the line the reference behaves as (``None``: back to the environment or the default).
    State that a fresh Node process of the new line starts with (``Buffer.poolSize``…) is reset."""
    before = node_line()
    _configured["line"] = None if node_version is None else parse_line(node_version)
    after = node_line()
    if after != before:
        for listener in list(_listeners):
            listener(after)


def on_change(listener: Callable[[int], None]) -> None:
    """Call ``listener(line)`` whenever :func:`configure` changes the line (reference modules reset
    the start-up state that differs between lines)."""
    _listeners.append(listener)


# The environment, read at every question (a forked program gets its environment after the fork; a
# test sets the variable): os.environ.get costs a microsecond when the variable is missing (a KeyError
# raised and caught), more than most Buffer calls that ask for the line. os.environ's own dictionary,
# keyed as it keys it, answers in a lookup; the last value's line is kept.
_ENVIRON = getattr(os.environ, "_data", None)
_ENV_KEY = os.environ.encodekey(ENV) if _ENVIRON is not None else ENV
_parsed: list[object] = [None, NEWEST_LTS]  # [the variable's raw value, its line]


def default_line() -> int:
    """The line when none was configured: ``NODESPEC_NODE_LINE``, else the newest LTS."""
    raw = _ENVIRON.get(_ENV_KEY) if _ENVIRON is not None else os.environ.get(ENV)
    if raw is not _parsed[0]:
        env = os.environ.decodevalue(raw) if raw is not None and _ENVIRON is not None else raw
        _parsed[:] = [raw, parse_line(env) if env else NEWEST_LTS]
    return _parsed[1]  # type: ignore[return-value]


def node_line() -> int:
    """The major version of the Node.js line the reference behaves as."""
    line = _configured["line"]
    return default_line() if line is None else line


def since(major: int) -> bool:
    """Does the selected line include a change made in Node ``major``? (``since(24)``: on 24 and later.)"""
    line = _configured["line"]  # node_line(), written out: Buffer's calls ask this on their hot paths
    return (default_line() if line is None else line) >= major
