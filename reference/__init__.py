"""nodespec's Python reference implementation of Node.js core modules.

One module per Node.js module (``events``, ``buffer``, ``crypto``, ``process``, ``child_process``,
``cluster``), an event-loop model (``loop``) that gives callbacks Node's ordering, and one table of
Node's error codes (``errors``).

The reference behaves as one Node.js line at a time, the newest LTS by default:
``nodespec.reference.configure(node_version=22)`` selects another (``lines``).
"""

from nodespec.reference.lines import NEWEST_LTS, SUPPORTED, configure, node_line

__all__ = ["NEWEST_LTS", "SUPPORTED", "configure", "node_line"]
