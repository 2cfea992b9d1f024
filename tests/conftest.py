"""Fixtures for the project's own tests: sessions on Node.js (the oracle of the reference's target line,
node26 unless NODESPEC_NODE_LINE says another) and on the reference that live for the whole test run
(one bridge each), and the differential report printed at the end."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from nodespec import registry, results
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


@pytest.fixture
def without_c(tmp_path: Path) -> Callable[[str, str, str], list[str]]:
    """``without_c(extension, features, check)``: the statuses of the reference's cells of ``features``,
    run in a process where the reference's C ``extension`` is missing, as if it had not been built
    (``check``, a statement, says that the Python twin is the one in use)."""

    def run(extension: str, features: str, check: str) -> list[str]:
        out = tmp_path / "results.json"
        program = (
            "import sys\n"
            f"sys.modules['nodespec.reference.{extension}'] = None\n"
            f"{check}\n"
            "from nodespec.cli import main\n"
            f"sys.exit(main(['run', '--impl', 'reference', '--features', {features!r}, '-n', '0', '--no-site',"
            f" '--json', {str(out)!r}]))\n"
        )
        done = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, (done.stdout + done.stderr)[-20000:]
        return [s["results"]["reference"]["status"] for s in results.load(out)["scenarios"]]

    return run


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``starts_first`` go first (the order is otherwise kept): under xdist's worksteal
    scheduling, the other workers take the rest of the first worker's share while it waits."""
    items.sort(key=lambda item: item.get_closest_marker("starts_first") is None)


@pytest.fixture
def node20() -> Iterator[None]:
    """The reference as Node 20 for the test (its default is the newest LTS): for unit tests of a
    behaviour that changed in a later line (the line-conditioned scenarios cover the later lines)."""
    from nodespec.reference import lines

    lines.configure(node_version=20)
    yield
    lines.configure(None)
