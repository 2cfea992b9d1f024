"""Steps for the harness's own feature files (tests/data/features): a small vocabulary over the
contract, loaded with ``-p tests.harness_steps`` so the harness is tested independently of the
specification's own steps."""

from __future__ import annotations

import subprocess
from typing import Any

from pytest_bdd import given, parsers, then, when

from nodespec.protocol import listener
from nodespec.steps.common import check, js_value


@given(parsers.parse("harness: an emitter {name}"))
def _emitter(spec: Any, name: str) -> None:
    spec.state[name] = spec.new(spec.module("events"))


@when(parsers.parse('harness: {name} gets listener "{listener_name}" for "{event}"'))
def _on(spec: Any, name: str, listener_name: str, event: str) -> None:
    spec.call(spec.state[name], "on", event, listener(listener_name))


@when(parsers.parse('harness: "{event}" is emitted on {name} with {args}'))
def _emit(spec: Any, event: str, name: str, args: str) -> None:
    spec.state["returned"] = spec.call(spec.state[name], "emit", event, *js_value(f"[{args}]"))


@when(parsers.parse("harness: the driver crashes"))
def _crash(spec: Any) -> None:
    spec.call(spec.global_("process"), "exit", 3)


@when(parsers.parse("harness: the driver hangs"))
def _hang(spec: Any) -> None:
    process = spec.global_("process")
    spec.call(process, "kill", spec.get(process, "pid"), "SIGSTOP")  # stops itself: never answers


@then(parsers.parse('harness: the trace shows "{listener_name}" called with {args}'))
def _trace(spec: Any, listener_name: str, args: str) -> None:
    calls = [e for e in spec.trace() if e["kind"] == "call"]
    check([(c["listener"], c["args"]) for c in calls], [(listener_name, js_value(args))], "trace")


@then(parsers.parse("harness: emit returned {value}"))
def _returned(spec: Any, value: str) -> None:
    check(spec.state["returned"], js_value(value), "emit's result")


@when(parsers.parse("harness: a process escapes the run"))
def _escape(spec: Any) -> None:
    # Its own session and no parent-death signal: only the end-of-run check can catch it.
    subprocess.Popen(["sleep", "60"], start_new_session=True)


@then(parsers.parse("harness: the trace shows nothing"))
def _nothing(spec: Any) -> None:
    check(spec.trace(), [], "trace")
