"""Fixtures for the project's own tests: sessions on Node.js (the oracle of the reference's target line,
node26 unless NODESPEC_NODE_LINE says another) and on the reference that live for the whole test run
(one bridge each), and the differential report printed at the end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nodespec import registry
from nodespec.session import Session

_differential: list[tuple[str, int, int]] = []


def _session(name: str, options: frozenset[str] = frozenset()) -> Iterator[Session]:
    impl = registry.get(name)
    availability = impl.availability()
    if not availability.available:
        pytest.skip(f"{name} unavailable: {availability.why}; install: {availability.install}")
    session = Session(impl, options)
    yield session
    session.close()


def oracle() -> str:
    """The oracle of the reference's target line (NODESPEC_NODE_LINE, default the newest LTS): the
    differential tests compare the reference with the Node.js it models."""
    from nodespec.reference import lines

    return f"node{lines.default_line()}"


@pytest.fixture(scope="session")
def node_session() -> Iterator[Session]:
    yield from _session(oracle())


@pytest.fixture(scope="session")
def node_legacy_session() -> Iterator[Session]:
    yield from _session(oracle(), frozenset({"legacy-provider"}))


@pytest.fixture(scope="session")
def reference_session() -> Iterator[Session]:
    yield from _session("reference")


@pytest.fixture(scope="session")
def reference_legacy_session() -> Iterator[Session]:
    yield from _session("reference", frozenset({"legacy-provider"}))


@pytest.fixture
def differential_report() -> Any:
    """``differential_report("buffer toString", compared=n, differences=d)``: one row of the table
    printed at the end of the run."""

    def record(name: str, compared: int, differences: int) -> None:
        _differential.append((name, compared, differences))

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _differential:
        return
    terminalreporter.section("differential tests against Node.js")
    width = max(len(name) for name, _, _ in _differential)
    for name, compared, differences in _differential:
        terminalreporter.write_line(f"{name.ljust(width)}  {compared:>7} examples compared  {differences} differences")


def pytest_sessionfinish() -> None:
    registry.close_all()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "starts_first: a long test that mostly waits; run it before the others")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each test marked ``starts_first`` starts one pytest-xdist worker's share (the order is otherwise
    kept): worksteal hands each of N workers a contiguous share of the collection (len // N, then the
    rest's // N-1, …), so a long test at the head of each of the first shares starts at once, and the
    other workers take the rest of a share while its long test runs. Without xdist they simply go first."""
    first = [item for item in items if item.get_closest_marker("starts_first")]
    rest = [item for item in items if not item.get_closest_marker("starts_first")]
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for i, item in enumerate(first):
        shares[i % workers].append(item)
    remaining, taken = len(items), 0
    for k, share in enumerate(shares):
        size = remaining // (workers - k)
        remaining -= size
        fill = max(0, size - len(share))
        share.extend(rest[taken:taken + fill])
        taken += fill
    shares[-1].extend(rest[taken:])
    items[:] = [item for share in shares for item in share]


@pytest.fixture
def node20() -> Iterator[None]:
    """The reference as Node 20 for the test (its default is the newest LTS): for unit tests of a
    behaviour that changed in a later line (the line-conditioned scenarios cover the later lines)."""
    from nodespec.reference import lines

    lines.configure(node_version=20)
    yield
    lines.configure(None)
