"""The differential state machines' common part: two sessions, Node's and the reference's, driven step
by step; every step's outcome and trace must be the same on both."""

from __future__ import annotations

from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from nodespec.session import Session
from nodespec.steps.common import same
from nodespec.testing import examples


def outcome_view(outcome: Any) -> Any:
    """What is compared of an outcome: its value, or the error's name and code (messages may differ)."""
    return ("ok", outcome.value) if outcome.ok else ("error", getattr(outcome.error, "name", None),
                                                     getattr(outcome.error, "code", None))


class PairMachine(RuleBasedStateMachine):
    """``sessions[0]`` runs on Node, ``sessions[1]`` on the reference; ``both(make)`` runs ``make(i)``
    on each (i: the session's index) and compares. Subclasses are made per test by ``run_pair_machine``."""

    impls: ClassVar[tuple[Any, Any]]
    counts: ClassVar[dict[str, int]]

    def __init__(self) -> None:
        super().__init__()
        self.sessions = [Session(impl) for impl in self.impls]
        self.counts["sequences"] += 1

    def teardown(self) -> None:
        for s in self.sessions:
            s.close()

    def both(self, make: Any) -> None:
        """Run one operation on both, then compare the outcome and the trace."""
        outcomes, traces = [], []
        for i, s in enumerate(self.sessions):
            response = s.outcome(make(i))
            s.settle(0)
            outcomes.append(outcome_view(response))
            traces.append(s.trace())
        self.counts["steps"] += 1
        if not same(outcomes[0], outcomes[1]) or not same(traces[0], traces[1]):
            self.counts["differences"] += 1
            raise AssertionError(f"node {outcomes[0]} {traces[0]}\nreference {outcomes[1]} {traces[1]}")


def run_pair_machine(machine: type[PairMachine], node_session: Session, reference_session: Session,
                     differential_report: Any, label: str, sequences: int, steps: int) -> None:
    """Run ``machine`` on the two sessions' implementations (``sequences``: hypothesis's examples, raised
    by NODESPEC_EXAMPLES) and report sequences and steps compared."""
    counts = {"steps": 0, "sequences": 0, "differences": 0}
    bound = type(machine.__name__, (machine,), {"impls": (node_session.impl, reference_session.impl), "counts": counts})
    try:
        run_state_machine_as_test(
            bound,
            settings=settings(max_examples=examples(sequences), stateful_step_count=steps, deadline=None,
                              database=None, suppress_health_check=list(HealthCheck)),
        )
    finally:
        differential_report(f"{label} (sequences)", compared=counts["sequences"],
                            differences=min(counts["differences"], counts["sequences"]))
        differential_report(f"{label} (steps)", compared=counts["steps"], differences=counts["differences"])
