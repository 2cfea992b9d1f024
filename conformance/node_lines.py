"""The Node.js release lines the specification covers, and how a version names one. Both the harness
(``--target``, ``@node:`` tags, oracles) and the reference (``nodespec.reference.lines``, which selects the
line it behaves as) use it; it imports nothing of either, so the harness does not reach into the
reference for it."""

from __future__ import annotations

import re

SUPPORTED = (20, 22, 24, 26)
"""The Node.js lines the specification covers (nodespec supports them), oldest first: 22, 24 and 26 are
Node's supported lines; 20 reached its end of life on 2026-04-30 and stays covered, as it is still deployed."""
NEWEST_LTS = 26
"""The active LTS line: the default target."""
ENV = "NODESPEC_NODE_LINE"

_VERSION = re.compile(r"^\s*v?(\d+)(?:\.\d+){0,2}\s*$")


def parse_line(value: object) -> int:
    """``22``, ``"22"``, ``"v22.23.5"`` → 22; a line the specification does not cover is a ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not a Node.js version: {value!r}")
    if isinstance(value, int):
        major = value
    else:
        match = _VERSION.match(str(value))
        if match is None:
            raise ValueError(f"not a Node.js version: {value!r} (expected e.g. 22 or v22.23.5)")
        major = int(match.group(1))
    if major not in SUPPORTED:
        raise ValueError(f"Node.js {major} is not a supported line; supported: {', '.join(map(str, SUPPORTED))}")
    return major
