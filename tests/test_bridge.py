"""The stdio bridge (nodespec.bridge): a driver that does not answer within the operation deadline is
killed at the deadline, with its process group, and the next request starts a fresh one."""

from __future__ import annotations

import sys
import textwrap
import time
from pathlib import Path

import pytest

from nodespec import protocol
from nodespec.bridge import BridgeImplementation
from nodespec.testing import ended

# Answers hello, then spins on 'spin' as a polyfill caught in a synchronous loop does: it reads no more input.
FAKE_DRIVER = textwrap.dedent("""
    import json, sys
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "spin":
            while True:
                pass
        value = {"protocol": VERSION} if request["op"] == "hello" else request["op"]
        print(json.dumps({"id": request["id"], "ok": True, "value": value}), flush=True)
""").replace("VERSION", str(protocol.PROTOCOL_VERSION))


class Spinner(BridgeImplementation):
    name = "spinner"

    def __init__(self, script: Path) -> None:
        super().__init__()
        self.script = script

    def driver_argv(self, options: frozenset[str]) -> list[str]:
        return [sys.executable, str(self.script)]


def test_a_driver_that_misses_the_deadline_is_killed_at_once_and_replaced(tmp_path):
    script = tmp_path / "driver.py"
    script.write_text(FAKE_DRIVER)
    impl = Spinner(script)
    try:
        assert impl.request({"op": "echo"})["value"] == "echo"
        stuck = impl.driver(frozenset())
        start = time.monotonic()
        with pytest.raises(protocol.DriverTimeout):
            impl.request({"op": "spin"}, timeout=0.2)
        # Not the half second an idle driver gets to leave on end of input: a spinning one never reads it.
        assert time.monotonic() - start < 0.2 + 0.4
        assert ended(stuck.proc.pid)
        assert impl.request({"op": "echo"})["value"] == "echo"
    finally:
        impl.close()
