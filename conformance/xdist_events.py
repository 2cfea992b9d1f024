"""An xdist worker's events of one item travel to the controller as one message.

xdist sends each event of an item on its own (logstart, three reports, logfinish, the item's
completion): six messages, each packed by execnet, read by one of the controller's receiver threads
(one per worker) and queued for its main thread — in a run of 20,000 items the receiver threads took
as much CPU as the main thread, per message more than per byte. A worker running the specification
keeps an item's events and sends them together with its completion, the last of them; the controller
takes them apart and handles each as xdist would, in order, on one wake of its main thread. A worker
that crashes mid-item loses its item's events, which xdist then reports as the crash it is, as before;
events sent from other threads (a worksteal's ``unscheduled`` answer) go at once.

The reports of an item's setup and teardown that passed, with nothing to show, are not sent at all
unless a report file wants every phase (JUnit XML, Cucumber JSON, a report log): in the controller
they only went to the terminal, which counts them under no outcome and shows nothing for them.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

BATCH = "nodespec_events"  # the one message: {"events": [(name, kwargs), …]}
LAST = "runtest_protocol_complete"  # xdist's last event of an item
QUIET = "nodespec-quiet"  # a serialized report's mark: a setup or teardown that passed with nothing to show
# The options of the report files that write every phase of every item (pytest's, pytest-bdd's, pytest-reportlog's).
EVERY_PHASE = ("xmlpath", "cucumber_json_path", "gherkin_terminal_reporter", "report_log")
ITEM_EVENTS = frozenset({"logstart", "testreport", "warning_recorded", "logfinish", LAST})


def batch_worker(config: pytest.Config) -> None:
    """Make this xdist worker send each item's events as one message."""
    # xdist runs its worker's module as source sent over execnet: its class is known by name only.
    interactor = next((p for p in config.pluginmanager.get_plugins() if type(p).__name__ == "WorkerInteractor"), None)
    if interactor is None:
        return
    send = interactor.sendevent
    main = threading.get_ident()
    keep_quiet = any(config.getoption(name, None) for name in EVERY_PHASE)
    pending: list[tuple[str, dict[str, Any]]] = []

    def sendevent(name: str, **kwargs: Any) -> None:
        if threading.get_ident() == main and name in ITEM_EVENTS and (pending or name == "logstart"):
            if name == "testreport" and not keep_quiet and kwargs["data"].get(QUIET):
                return
            pending.append((name, kwargs))
            if name == LAST:
                flush()
            return
        if threading.get_ident() == main:
            flush()  # anything else (the session ending mid-item): what is kept goes first
        send(name, **kwargs)

    def flush() -> None:
        if pending:
            send(BATCH, events=pending[:])
            pending.clear()

    interactor.sendevent = sendevent  # type: ignore[method-assign]


def accept_batches() -> None:
    """Teach this process's xdist controller the one-message form (once; harmless where no worker uses it)."""
    from xdist.dsession import DSession
    from xdist.workermanage import WorkerController

    if getattr(WorkerController, "_nodespec_batches", False):
        return
    receive = WorkerController.process_from_remote

    def process_from_remote(self: WorkerController, eventcall: Any) -> None:
        if not (isinstance(eventcall, tuple) and eventcall[0] == BATCH):
            return receive(self, eventcall)
        # Each event goes through xdist's own handling (reports unpacked here, in the receiver thread), and
        # what it would queue one by one is queued as one call.
        queued: list[tuple[str, dict[str, Any]]] = []
        putevent = self.putevent
        self.putevent = queued.append  # type: ignore[method-assign]
        try:
            for event in eventcall[1]["events"]:
                receive(self, event)
        finally:
            self.putevent = putevent  # type: ignore[method-assign]
        putevent((BATCH, {"calls": queued}))

    def worker_nodespec_events(self: DSession, calls: list[tuple[str, dict[str, Any]]]) -> None:
        for name, kwargs in calls:
            getattr(self, "worker_" + name)(**kwargs)

    WorkerController.process_from_remote = process_from_remote  # type: ignore[method-assign]
    DSession.worker_nodespec_events = worker_nodespec_events  # type: ignore[attr-defined]
    WorkerController._nodespec_batches = True  # type: ignore[attr-defined]
