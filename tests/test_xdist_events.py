"""An xdist worker's events of one item travel as one message (nodespec.xdist_events): kept in order, sent
with the item's last, flushed before anything else, never held from another thread; the controller hands
each to xdist's own handling. The xdist internals this relies on are pinned here by name."""

from __future__ import annotations

import inspect
import threading
from typing import Any

import pytest
import xdist.dsession
import xdist.remote
import xdist.workermanage

from nodespec import xdist_events


class WorkerInteractor:  # xdist's is found by its class name (its module runs as source in the worker)
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def sendevent(self, name: str, **kwargs: Any) -> None:
        self.sent.append((name, kwargs))


class PluginManager:
    def __init__(self, *plugins: object) -> None:
        self.plugins = plugins

    def get_plugins(self) -> set[object]:
        return set(self.plugins)


class Config:
    def __init__(self, *plugins: object, **options: object) -> None:
        self.pluginmanager = PluginManager(*plugins)
        self.options = options

    def getoption(self, name: str, default: object = None) -> object:
        return self.options.get(name, default)


ITEM = [("logstart", {"nodeid": "a"}), ("testreport", {"data": {"n": 1}}), ("testreport", {"data": {"n": 2}}),
        ("testreport", {"data": {"n": 3}}), ("logfinish", {"nodeid": "a"}), ("runtest_protocol_complete", {"item_index": 0})]


def worker(**options: object) -> WorkerInteractor:
    interactor = WorkerInteractor()
    xdist_events.batch_worker(Config(object(), interactor, **options))  # type: ignore[arg-type]
    return interactor


QUIET_ITEM = [ITEM[0], ("testreport", {"data": {xdist_events.QUIET: True}}), ITEM[2],
              ("testreport", {"data": {xdist_events.QUIET: True}}), *ITEM[4:]]


def test_a_setup_and_a_teardown_that_passed_with_nothing_to_show_are_not_sent() -> None:
    interactor = worker()
    for name, kwargs in QUIET_ITEM:
        interactor.sendevent(name, **kwargs)
    assert interactor.sent == [(xdist_events.BATCH, {"events": [ITEM[0], ITEM[2], *ITEM[4:]]})]


@pytest.mark.parametrize("option", xdist_events.EVERY_PHASE)
def test_a_report_file_of_every_phase_gets_them_all(option: str) -> None:
    interactor = worker(**{option: "report.file"})
    for name, kwargs in QUIET_ITEM:
        interactor.sendevent(name, **kwargs)
    assert interactor.sent == [(xdist_events.BATCH, {"events": QUIET_ITEM})]


def test_an_items_events_go_as_one_message_with_its_last() -> None:
    interactor = worker()
    for name, kwargs in ITEM[:-1]:
        interactor.sendevent(name, **kwargs)
    assert interactor.sent == []
    interactor.sendevent(*ITEM[-1][:1], **ITEM[-1][1])
    assert interactor.sent == [(xdist_events.BATCH, {"events": ITEM})]


def test_events_outside_an_item_go_at_once() -> None:
    interactor = worker()
    interactor.sendevent("collectionfinish", ids=["a"])
    assert interactor.sent == [("collectionfinish", {"ids": ["a"]})]


def test_what_is_kept_goes_before_an_event_that_ends_the_item_early() -> None:
    interactor = worker()
    interactor.sendevent("logstart", nodeid="a")
    interactor.sendevent("workerfinished", workeroutput={})
    assert interactor.sent == [(xdist_events.BATCH, {"events": [("logstart", {"nodeid": "a"})]}),
                               ("workerfinished", {"workeroutput": {}})]


def test_another_threads_event_is_not_held_by_the_item() -> None:
    interactor = worker()
    interactor.sendevent("logstart", nodeid="a")
    thread = threading.Thread(target=lambda: interactor.sendevent("unscheduled", indices=[3]))
    thread.start()
    thread.join()
    assert interactor.sent == [("unscheduled", {"indices": [3]})]


def test_the_controller_handles_each_event_as_xdist_does_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    handled: list[str] = []
    monkeypatch.setattr(xdist.workermanage.WorkerController, "process_from_remote",
                        lambda self, event: (handled.append(event[0]), self.putevent((event[0], {"node": self, **event[1]}))))
    # accept_batches patches the classes once: here afresh, and put back as they were after the test
    monkeypatch.setattr(xdist.workermanage.WorkerController, "_nodespec_batches", False, raising=False)
    monkeypatch.setattr(xdist.dsession.DSession, "worker_nodespec_events", None, raising=False)
    xdist_events.accept_batches()
    queue: list[Any] = []
    node = object.__new__(xdist.workermanage.WorkerController)
    node.putevent = queue.append  # type: ignore[method-assign]
    node.process_from_remote((xdist_events.BATCH, {"events": ITEM}))
    assert handled == [name for name, _ in ITEM]
    [(name, kwargs)] = queue  # one wake of the controller's main loop
    assert name == xdist_events.BATCH and [call[0] for call in kwargs["calls"]] == handled
    node.process_from_remote(("workerready", {}))  # anything else: xdist's own way
    assert handled[-1] == "workerready" and queue[-1][0] == "workerready"
    calls: list[tuple[str, dict[str, Any]]] = []
    session = object.__new__(xdist.dsession.DSession)
    for event, _ in ITEM:
        monkeypatch.setattr(session, f"worker_{event}", lambda _event=event, **kwargs: calls.append((_event, kwargs)), raising=False)
    session.worker_nodespec_events(**kwargs)  # type: ignore[attr-defined]
    assert [name for name, _ in calls] == handled[:-1]


def test_the_xdist_internals_it_relies_on() -> None:
    # The worker: its interactor sends every event through sendevent(name, **kwargs); an item ends with
    # runtest_protocol_complete; worksteal's answer comes from the channel's callback thread.
    remote = inspect.getsource(xdist.remote)
    assert "class WorkerInteractor" in remote and "def sendevent(self, name: str, **kwargs: object)" in remote
    for name in ("logstart", "testreport", "logfinish", "runtest_protocol_complete"):
        assert f'sendevent(\n            "{name}"' in remote or f'sendevent("{name}"' in remote, name
    assert set(xdist_events.ITEM_EVENTS) >= {"logstart", "testreport", "logfinish", "runtest_protocol_complete"}
    # The controller: each message goes to WorkerController.process_from_remote, which queues through
    # self.putevent; DSession.loop_once calls worker_<name>(**kwargs) for each queued event.
    controller = inspect.getsource(xdist.workermanage.WorkerController)
    assert "self.putevent((eventname, kwargs))" in controller and "def process_from_remote(" in controller
    assert 'method = "worker_" + callname' in inspect.getsource(xdist.dsession.DSession.loop_once)
