"""Differential state machine for EventTarget: random sequences of addEventListener (plain, once, capture,
a boolean capture, passive, with a signal), removeEventListener (with and without capture, a boolean),
dispatchEvent of fresh events (cancelable or not), aborting the signal and node:events' getEventListeners,
run step by step against the reference and against Node.js through the bridge; every step's result and
trace must be the same.

Listeners L0 and L1 get random actions run during a dispatch (add or remove a listener, throw), T0 and T1
do nothing; a thrown error is uncaught after the dispatch (a trace entry), so the order of calls, removals
during a dispatch and the linked-list walk are compared too.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize, rule
from pairs import PairMachine, outcome_view, run_pair_machine

from nodespec import protocol
from nodespec.session import Session
from nodespec.steps.common import same
from nodespec.testing import examples

TYPES = ["a", "b"]
ACTIVE = ["L0", "L1"]
PLAIN = ["T0", "T1"]
OPTIONS = st.sampled_from([None, {"once": True}, {"capture": True}, True, {"passive": True}, "signal"])
REMOVE_OPTIONS = st.sampled_from([None, {"capture": True}, True, False])
action = st.one_of(
    st.tuples(st.sampled_from(["addEventListener", "removeEventListener"]), st.sampled_from(TYPES),
              st.sampled_from(PLAIN), st.sampled_from([None, {"once": True}, {"capture": True}])),
    st.tuples(st.just("throw")),
)


class TargetMachine(PairMachine):
    @initialize(plans=st.lists(st.lists(action, max_size=2), min_size=2, max_size=2))
    def setup(self, plans: list[list[tuple[Any, ...]]]) -> None:
        self.targets, self.controllers, self.events = [], [], []
        for s in self.sessions:
            self.targets.append(s.new(s.global_("EventTarget")))
            self.controllers.append(s.new(s.global_("AbortController")))
            self.events.append(s.module("events"))
        self.plans = dict(zip(ACTIVE, plans, strict=True))

    def options(self, i: int, options: Any) -> Any:
        if options == "signal":
            return {"signal": self.sessions[i].get(self.controllers[i], "signal")}
        return options

    def listener(self, name: str, i: int) -> protocol.Listener:
        if name in PLAIN:
            return protocol.listener(name)
        ops = []
        for act in self.plans[name]:
            if act[0] == "throw":
                ops.append(protocol.op("throw", error=protocol.JSError("Error", f"from {name}")))
            else:
                args = [act[1], protocol.listener(act[2])] + ([act[3]] if act[3] is not None else [])
                ops.append(protocol.call(self.targets[i], act[0], *args))
        return protocol.listener(name, ops)

    @rule(type_=st.sampled_from(TYPES), name=st.sampled_from(ACTIVE + PLAIN), options=OPTIONS)
    def add(self, type_: str, name: str, options: Any) -> None:
        def make(i: int) -> dict[str, Any]:
            extra = [] if options is None else [self.options(i, options)]
            return protocol.call(self.targets[i], "addEventListener", type_, self.listener(name, i), *extra)

        self.both(make)

    @rule(type_=st.sampled_from(TYPES), name=st.sampled_from(ACTIVE + PLAIN), options=REMOVE_OPTIONS)
    def remove(self, type_: str, name: str, options: Any) -> None:
        extra = [] if options is None else [options]
        self.both(lambda i: protocol.call(self.targets[i], "removeEventListener", type_, self.listener(name, i), *extra))

    @rule(type_=st.sampled_from(TYPES), cancelable=st.booleans())
    def dispatch(self, type_: str, cancelable: bool) -> None:
        def make(i: int) -> dict[str, Any]:
            s = self.sessions[i]
            event = s.new(s.global_("Event"), type_, {"cancelable": cancelable})
            return protocol.call(self.targets[i], "dispatchEvent", event)

        self.both(make)

    @rule(type_=st.sampled_from(TYPES))
    def listeners(self, type_: str) -> None:
        self.both(lambda i: protocol.call(self.events[i], "getEventListeners", self.targets[i], type_))

    @rule()
    def abort(self) -> None:
        self.both(lambda i: protocol.call(self.controllers[i], "abort"))

    add_again = add
    dispatch_again = dispatch


def test_event_target_state_machine(node_session: Session, reference_session: Session, differential_report: Any) -> None:
    run_pair_machine(TargetMachine, node_session, reference_session, differential_report, "EventTarget state machine", 12, 25)



if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])


_JS_VALUES = st.one_of(st.just(protocol.NULL), st.booleans(), st.integers(-2, 2), st.sampled_from([0.5, -0.0, float("nan")]),
                       st.text("ab", max_size=2), st.just(protocol.UNDEFINED))


def test_event_constructor(node_session: Session, reference_session: Session, differential_report: Any) -> None:
    """new Event(type, options): the type's string, the options read as booleans, and the error for an
    options value that is not an object, the same on the reference as on Node."""
    compared = differences = 0

    @settings(max_examples=examples(40), deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(type_=_JS_VALUES, options=st.one_of(
        _JS_VALUES, st.dictionaries(st.sampled_from(["bubbles", "cancelable", "composed"]), _JS_VALUES, max_size=3)))
    def check(type_: Any, options: Any) -> None:
        nonlocal compared, differences
        views = []
        for s in (node_session, reference_session):
            s.reset()
            made = s.outcome(protocol.new(s.global_("Event"), type_, options))
            if not made.ok:
                views.append(outcome_view(made))
                continue
            views.append([s.get(made.value, p) for p in ("type", "bubbles", "cancelable", "composed", "defaultPrevented")])
        compared += 1
        if not same(views[0], views[1]):
            differences += 1
            raise AssertionError(f"node {views[0]}\nreference {views[1]}")

    try:
        check()
    finally:
        differential_report("new Event(type, options)", compared=compared, differences=differences)
