"""Differential state machine: random sequences of on / once / prepend / off / removeAll / emit, with
listeners that mutate the emitter while it emits, run step by step against the reference and against
Node.js through the bridge; every step's result and trace must be the same.

Listeners L0 and L1 get random actions (add, remove, removeAll on events a/b, or emit the terminal event
t); T0 and T1 do nothing and are the only listeners allowed on t, 'error', 'newListener' and
'removeListener', so a sequence can never recurse without end. Emitting 'error' without a listener
compares the thrown error (ERR_UNHANDLED_ERROR); a limit of 2 or 3 compares the leak warnings.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import initialize, rule
from pairs import PairMachine, run_pair_machine

from nodespec import protocol
from nodespec.session import Session

EVENTS = ["a", "b"]
ACTIVE = ["L0", "L1"]
PLAIN = ["T0", "T1"]
ADD = ["on", "addListener", "once", "prependListener", "prependOnceListener"]
REMOVE = ["removeListener", "off"]
EMITTER = st.sampled_from([0, 0, 0, 1])  # mostly one emitter, so its lists grow long

action = st.one_of(
    st.tuples(st.sampled_from(ADD + REMOVE), st.sampled_from(EVENTS), st.sampled_from(ACTIVE + PLAIN)),
    st.tuples(st.sampled_from(ADD), st.just("t"), st.sampled_from(PLAIN)),
    st.tuples(st.just("removeAllListeners"), st.sampled_from(EVENTS + ["t"])),
    st.tuples(st.just("emit"), st.just("t"), st.integers(0, 9)),
)


class EmitterMachine(PairMachine):
    @initialize(plans=st.lists(st.lists(action, max_size=2), min_size=2, max_size=2),
                limit=st.sampled_from([None, 2, 3]))
    def setup(self, plans: list[list[tuple[Any, ...]]], limit: int | None) -> None:
        self.emitters = []
        for s in self.sessions:
            cls = s.module("events")
            emitters = [s.new(cls), s.new(cls)]
            if limit is not None:
                s.call(emitters[0], "setMaxListeners", limit)
            self.emitters.append(emitters)
        self.plans = dict(zip(ACTIVE, plans, strict=True))

    def listener(self, name: str, which: int) -> protocol.Listener:
        if name in PLAIN:
            return protocol.listener(name)
        ops = []
        target = self.emitters[which][0]
        for act in self.plans[name]:
            if act[0] == "emit":
                ops.append(protocol.call(target, "emit", "t", act[2]))
            elif act[0] == "removeAllListeners":
                ops.append(protocol.call(target, "removeAllListeners", act[1]))
            else:
                ops.append(protocol.call(target, act[0], act[1], protocol.listener(act[2])))
        return protocol.listener(name, ops)

    @rule(method=st.sampled_from(ADD), em=EMITTER, event=st.sampled_from(EVENTS),
          name=st.sampled_from(ACTIVE + PLAIN))
    def add(self, method: str, em: int, event: str, name: str) -> None:
        self.both(lambda i: protocol.call(self.emitters[i][em], method, event, self.listener(name, i)))

    @rule(method=st.sampled_from(ADD), em=EMITTER,
          event=st.sampled_from(["t", "newListener", "removeListener", "error"]), name=st.sampled_from(PLAIN))
    def add_plain(self, method: str, em: int, event: str, name: str) -> None:
        self.both(lambda i: protocol.call(self.emitters[i][em], method, event, protocol.listener(name)))

    @rule(method=st.sampled_from(REMOVE), em=EMITTER, event=st.sampled_from(EVENTS + ["t"]),
          name=st.sampled_from(ACTIVE + PLAIN))
    def remove(self, method: str, em: int, event: str, name: str) -> None:
        self.both(lambda i: protocol.call(self.emitters[i][em], method, event, self.listener(name, i)))

    @rule(em=EMITTER, event=st.sampled_from([None, *EVENTS, "t", "removeListener"]))
    def remove_all(self, em: int, event: str | None) -> None:
        args = () if event is None else (event,)
        self.both(lambda i: protocol.call(self.emitters[i][em], "removeAllListeners", *args))

    @rule(em=EMITTER, event=st.sampled_from([*EVENTS, "t", "error"]),
          args=st.lists(st.one_of(st.integers(-5, 5), st.text("xyz", max_size=2)), max_size=3))
    def emit(self, em: int, event: str, args: list[Any]) -> None:
        self.both(lambda i: protocol.call(self.emitters[i][em], "emit", event, *args))

    @rule(em=EMITTER, method=st.sampled_from(["listeners", "rawListeners", "listenerCount", "eventNames"]),
          event=st.sampled_from([*EVENTS, "t"]))
    def inspect(self, em: int, method: str, event: str) -> None:
        args = () if method == "eventNames" else (event,)
        self.both(lambda i: protocol.call(self.emitters[i][em], method, *args))

    @rule(em=EMITTER, event=st.sampled_from(EVENTS), name=st.sampled_from(ACTIVE + PLAIN))
    def count_one(self, em: int, event: str, name: str) -> None:
        self.both(lambda i: protocol.call(self.emitters[i][em], "listenerCount", event, self.listener(name, i)))

    # Rules are drawn uniformly: registering and emitting get extra copies, so sequences build up
    # long listener lists (duplicates, once wrappers among plain listeners) before they are cut.
    add_again = add
    add_once_more = add
    emit_again = emit


def test_events_state_machine(node_session: Session, reference_session: Session, differential_report: Any) -> None:
    run_pair_machine(EmitterMachine, node_session, reference_session, differential_report, "events state machine", 30, 50)



if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])
