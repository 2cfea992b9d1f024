"""Helpers for the project's own tests and differential campaigns."""

from __future__ import annotations

import os


def examples(default: int) -> int:
    """The hypothesis budget: ``default``, or ``NODESPEC_EXAMPLES`` when set (``nodespec differential``)."""
    return int(os.environ.get("NODESPEC_EXAMPLES", default))
