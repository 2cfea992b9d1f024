"""nodespec's Python reference implementation of Node.js core modules.

One module per Node.js module (``events``, ``buffer``, ``crypto``, ``process``, ``child_process``,
``cluster``), an event-loop model (``loop``) that gives callbacks Node's ordering, and one table of
Node's error codes (``errors``).
"""
