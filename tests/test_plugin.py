"""The pytest plugin end to end, in a separate pytest process over the harness's own features
(tests/data): one status per cell from the closed set, failures as data, expectations (expected
failures, unexpected passes, stale entries), not-applicable and unavailable cells, recovery from a
driver that crashes or hangs, pytest-xdist, and no process left behind."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from nodespec import PACKAGE_DIR
from nodespec.implementation import processes_with_env

TESTS = Path(__file__).parent
SUITE = PACKAGE_DIR / "suite" / "test_specification.py"
HARNESS = TESTS / "data" / "features"
RECOVERY = TESTS / "data" / "recovery"
# The harness's steps; no cache; and no hypothesis plugin, which the suite does not use (as `nodespec run`
# leaves it out): a third of a second of every run's start.
PLUGINS = ("-p", "harness_steps", "-p", "no:cacheprovider", "-p", "no:hypothesispytest")


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], dict]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    out = tmp_path / "results.json"
    if "--expectations" not in args:  # the harness's own features: none of the shipped expectations apply
        (tmp_path / "no-expectations").mkdir(exist_ok=True)
        args = (*args, "--expectations", str(tmp_path / "no-expectations"))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", str(SUITE), *PLUGINS, "-q", f"--rootdir={tmp_path}", "--nodespec-json", str(out), *args],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(TESTS), **(env or {})},
    )
    results = json.loads(out.read_text()) if out.exists() else {}
    return proc, results


def cells(results: dict) -> dict[tuple[str, str], dict]:
    return {(s["name"], impl): r for s in results["scenarios"] for impl, r in s["results"].items()}


@pytest.fixture(scope="module")
def harness_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict, Path]:
    """One run of the harness's features on the reference and Node, with the JUnit and Cucumber exports:
    the statuses and the exports are two tests of the same run."""
    tmp_path = tmp_path_factory.mktemp("harness")
    proc, results = run(tmp_path, "--features", str(HARNESS), "--impl", "reference,node",
                        f"--junitxml={tmp_path / 'junit.xml'}", f"--cucumberjson={tmp_path / 'cucumber.json'}")
    return proc, results, tmp_path


def test_every_cell_gets_exactly_one_status_and_failures_are_data(harness_run):
    proc, results, _ = harness_run
    assert proc.returncode == 1, proc.stdout[-2000:]
    got = cells(results)
    assert len(got) == 4
    assert {k: v["status"] for k, v in got.items()} == {
        ("A listener records its arguments", "reference"): "pass",
        ("A listener records its arguments", "node"): "pass",
        ("A scenario whose expectation is wrong", "reference"): "fail",
        ("A scenario whose expectation is wrong", "node"): "fail",
    }
    failure = got[("A scenario whose expectation is wrong", "node")]["failure"]
    assert failure["step"] == "Then harness: emit returned true"
    assert (failure["expected"], failure["actual"]) == ("true", "false")  # JavaScript notation
    assert "--scenario" in got[("A scenario whose expectation is wrong", "node")]["rerun"]
    assert "Traceback" not in proc.stdout


def test_expected_failures_and_unexpected_passes(tmp_path):
    expect = tmp_path / "expectations"
    expect.mkdir()
    (expect / "node.toml").write_text(
        '[[expected]]\nscenario = "harness.feature::A scenario whose expectation is wrong"\ncategory = "bug"\n'
        'reason = "the scenario is wrong on purpose"\nsignature = "Then harness: emit returned true"\n\n'
        '[[expected]]\nscenario = "harness.feature::A listener records its arguments"\ncategory = "bug"\n'
        'reason = "wrongly expected to fail"\nsignature = "*"\n'
    )
    proc, results = run(tmp_path, "--features", str(HARNESS), "--impl", "node", "--expectations", str(expect))
    got = cells(results)
    assert got[("A scenario whose expectation is wrong", "node")]["status"] == "expected-fail"
    assert got[("A listener records its arguments", "node")]["status"] == "unexpected-pass"
    assert "delete the entry" in proc.stdout
    assert proc.returncode == 1


def test_a_run_whose_results_match_their_expectations_exits_zero(tmp_path):
    expect = tmp_path / "expectations"
    expect.mkdir()
    (expect / "node.toml").write_text(
        '[[expected]]\nscenario = "harness.feature::A scenario whose expectation is wrong"\ncategory = "bug"\n'
        'reason = "the scenario is wrong on purpose"\nsignature = "Then harness: emit returned true"\n'
    )
    proc, _ = run(tmp_path, "--features", str(HARNESS), "--impl", "node", "--expectations", str(expect))
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_a_stale_expectation_is_an_error(tmp_path):
    expect = tmp_path / "expectations"
    expect.mkdir()
    (expect / "node.toml").write_text('[[expected]]\nscenario = "nowhere.feature::Gone"\ncategory = "bug"\nreason = "r"\nsignature = "*"\n')
    proc, _ = run(tmp_path, "--features", str(HARNESS), "--impl", "node", "--expectations", str(expect))
    assert proc.returncode != 0
    assert "names no existing scenario" in proc.stdout + proc.stderr


def test_a_module_an_implementation_does_not_cover_is_not_applicable(tmp_path):
    proc, results = run(tmp_path, "--features", str(HARNESS), "--impl", "npm-buffer")
    assert {r["status"] for r in cells(results).values()} == {"not-applicable"}
    assert proc.returncode == 0


HASH = "crypto/hash.feature::chained updates give the digest of the concatenation"


def test_a_capability_the_adapter_declares_it_lacks_is_not_applicable_with_its_reason(tmp_path):
    proc, results = run(tmp_path, "--impl", "pydes", "--scenario", HASH)
    cell = cells(results)[(HASH.split("::")[1], "pydes")]
    assert (cell["status"], cell["failure"], cell["expectation"]) == ("not-applicable", None, None)
    assert cell["reason"].startswith("pydes lacks hash: ")
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_an_expected_failure_for_a_scenario_that_is_not_applicable_is_stale(tmp_path):
    expect = tmp_path / "expectations"
    expect.mkdir()
    (expect / "pydes.toml").write_text(f'[[expected]]\nscenario = "{HASH}"\ncategory = "bug"\nreason = "r"\nsignature = "*"\n')
    proc, results = run(tmp_path, "--impl", "pydes", "--scenario", HASH, "--expectations", str(expect))
    assert cells(results)[(HASH.split("::")[1], "pydes")]["status"] == "fail"
    assert "not applicable (pydes lacks hash), yet pydes.toml has the entry" in proc.stdout
    assert proc.returncode == 1


def test_a_crashed_or_hung_driver_fails_one_scenario_and_leaves_no_process(tmp_path):
    run_id = uuid.uuid4().hex
    proc, results = run(tmp_path, "--features", str(RECOVERY), "--impl", "node",
                        env={"NODESPEC_OP_TIMEOUT": "3", "NODESPEC_TEST_RUN": run_id})
    statuses = {name: r["status"] for (name, _), r in cells(results).items()}
    assert statuses == {
        "1 before the trouble": "pass",
        "2 the driver crashes": "crash",
        "3 after the crash": "pass",
        "4 the driver hangs": "timeout",
        "5 after the hang": "pass",
    }, proc.stdout[-3000:]
    failure = cells(results)[("4 the driver hangs", "node")]["failure"]
    assert "did not answer" in failure["message"] and "restarted" in failure["message"]
    assert processes_with(run_id) == []


def test_results_are_complete_under_xdist(tmp_path):
    pytest.importorskip("xdist")
    run_id = uuid.uuid4().hex
    proc, results = run(tmp_path, "--features", str(HARNESS), "--impl", "reference,node,bun,deno", "-n", "2",
                        env={"NODESPEC_TEST_RUN": run_id})
    got = cells(results)
    assert len(got) == 8, proc.stdout[-2000:]
    # A cell from a worker arrives whole: its failure as data, and the scenario and rerun command the
    # controller adds from its own copy of the run.
    failure = got[("A scenario whose expectation is wrong", "node")]["failure"]
    assert (failure["step"], failure["expected"], failure["actual"]) == ("Then harness: emit returned true", "true", "false")
    scenario = next(s for s in results["scenarios"] if s["name"] == "A scenario whose expectation is wrong")
    assert scenario["id"] == "harness.feature::A scenario whose expectation is wrong" and scenario["steps"]
    assert got[("A scenario whose expectation is wrong", "bun")]["rerun"] == (
        f"nodespec run --impl bun --features {shlex.quote(str(HARNESS))} --expectations {shlex.quote(str(tmp_path / 'no-expectations'))} "
        "--scenario 'harness.feature::A scenario whose expectation is wrong'")
    assert processes_with(run_id) == []


def processes_with(marker: str) -> list[int]:
    """Processes whose environment carries this test's marker: anything the run left behind."""
    return sorted(processes_with_env(f"NODESPEC_TEST_RUN={marker}".encode()))


def _kill_the_harness_once(tmp_path: Path, impls: str, started: Callable[[str], bool],
                           kill: Callable[[subprocess.Popen[bytes], str], None] | None = None, *args: str) -> str:
    """Start a run of the recovery features on ``impls``, kill it once ``started(run_id)`` holds (SIGKILL
    unless ``kill`` says how), and wait (10 s at most) for everything it started to go; the run's marker."""
    import signal
    import time

    run_id = uuid.uuid4().hex
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", str(SUITE), *PLUGINS, "-q", f"--rootdir={tmp_path}", "--features", str(RECOVERY),
         "--impl", impls, "--expectations", str(tmp_path), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(TESTS), "NODESPEC_TEST_RUN": run_id, "NODESPEC_OP_TIMEOUT": "30"},
    )
    deadline = time.monotonic() + 60
    while not started(run_id):  # asked once a turn: what it saw may be gone when asked again
        assert time.monotonic() < deadline, f"{impls} never started"
        time.sleep(0.01)
    if kill is None:
        proc.send_signal(signal.SIGKILL)
    else:
        kill(proc, run_id)
    proc.wait()
    deadline = time.monotonic() + 10
    while processes_with(run_id) and time.monotonic() < deadline:
        time.sleep(0.1)
    return run_id


def test_killing_the_harness_outright_leaves_no_driver_behind(tmp_path):
    """Even SIGKILL, which no cleanup code survives: drivers die with their parent (PR_SET_PDEATHSIG)."""
    run_id = _kill_the_harness_once(tmp_path, "node,bun,deno",
                                    lambda run: len(processes_with(run)) >= 2)  # pytest and at least one driver
    assert processes_with(run_id) == []


# A server by its executable and an argument only the server has: the harness also runs each executable
# for its version (``workerd --version``), a process that ends at once and would be taken for the server.
WORKERD = (b"workerd", b"serve")
CHROMIUM = (b"chrom", b"--remote-debugging-port=0")


@pytest.mark.parametrize("impl, program", [("workerd", WORKERD), ("chromium-npm", CHROMIUM)])
def test_killing_the_harness_outright_leaves_no_server_behind(tmp_path, impl, program):
    """The servers of the HTTP and page bindings (workerd, Chromium and its helpers) die with the harness too."""
    from nodespec import registry

    availability = registry.factories()[impl]().availability()
    if not availability.available:
        pytest.skip(f"{impl} is not available: {availability.why}")

    run_id = _kill_the_harness_once(tmp_path, impl, lambda run: bool(_servers(run, program)))
    assert processes_with(run_id) == []


def _servers(run: str, program: tuple[bytes, bytes]) -> list[int]:
    executable, argument = program
    found = []
    for pid in processes_with(run):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            if executable in argv[0] and argument in argv:
                found.append(pid)
        except OSError:
            pass
    return found


def test_sigterm_to_an_xdist_worker_while_workerd_starts_then_to_the_run_leaves_no_server(tmp_path):
    """The orphan of session 2: a run under pytest-xdist stopped with SIGTERM, first the worker whose
    workerd is starting (the controller may replace it), then the controller."""
    import signal
    import time

    from nodespec import registry

    availability = registry.factories()["workerd"]().availability()
    if not availability.available:
        pytest.skip(f"workerd is not available: {availability.why}")

    def terminate(controller: subprocess.Popen[bytes], run: str) -> None:
        for pid in _servers(run, WORKERD):
            with open(f"/proc/{pid}/stat") as f:
                worker = int(f.read().rsplit(")", 1)[1].split()[1])
            if worker != 1:
                os.kill(worker, signal.SIGTERM)
        time.sleep(0.5)  # long enough for xdist to start a replacement worker, which starts workerd again
        controller.send_signal(signal.SIGTERM)

    run_id = _kill_the_harness_once(tmp_path, "workerd", lambda run: bool(_servers(run, WORKERD)), terminate, "-n", "2")
    assert processes_with(run_id) == []


def test_junit_xml_and_cucumber_json_exports(harness_run):
    """Exports others consume come from the usual flags: JUnit XML for CI, Cucumber JSON for Cucumber tooling."""
    import xml.etree.ElementTree as ET

    _, _, tmp_path = harness_run
    junit, cucumber = tmp_path / "junit.xml", tmp_path / "cucumber.json"
    cases = ET.parse(junit).getroot().iter("testcase")
    assert len([c for c in cases]) == 4
    features = json.loads(cucumber.read_text())
    assert [len(f["elements"]) for f in features] == [4]
    statuses = {step["result"]["status"] for f in features for e in f["elements"] for step in e["steps"]}
    assert statuses >= {"passed", "failed"}


DECIDED = '''@events
Feature: Cells decided before running

  Scenario: A scenario on every line
    Given harness: an emitter e
    When harness: "x" is emitted on e with 1
    Then harness: emit returned false

  @node:20
  Scenario: A scenario of Node 20 only
    Given harness: an emitter e
    Then harness: emit returned false

  Scenario Outline: An outline emits <value> (<note>)
    Given harness: an emitter e
    When harness: "x" is emitted on e with <value>
    Then harness: emit returned false

    Examples:
      | value | note   |
      | 1     | plain  |
      | 'é'   | accent |
'''


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist"])
def test_cells_decided_before_running_are_reported_as_their_items_were(tmp_path, workers):
    """A cell whose verdict needs nothing run (a module the implementation does not cover, a line it does
    not target) is no item: the process that reports the run reports it, with its reason, as the skipped
    item it was — the same test name in JUnit, counted among the skipped."""
    import xml.etree.ElementTree as ET

    if workers:
        pytest.importorskip("xdist")
    features = tmp_path / "features"
    features.mkdir()
    (features / "decided.feature").write_text(DECIDED)
    junit = tmp_path / "junit.xml"
    proc, results = run(tmp_path, "--features", str(features), "--impl", "reference,npm-buffer", f"--junitxml={junit}", *workers)
    got = cells(results)
    assert len(got) == 8, proc.stdout[-2000:]
    assert {name: r["status"] for (name, impl), r in got.items() if impl == "reference"} == {
        "A scenario on every line": "pass", "A scenario of Node 20 only": "not-applicable",
        "An outline emits 1 (plain)": "pass", "An outline emits 'é' (accent)": "pass"}
    assert got[("A scenario of Node 20 only", "reference")]["reason"] == "reference targets Node 26; this holds on Node 20"
    assert {r["status"] for (_, impl), r in got.items() if impl == "npm-buffer"} == {"not-applicable"}
    assert {r["reason"] for (_, impl), r in got.items() if impl == "npm-buffer"} == {"npm-buffer does not cover events"}
    assert all("--scenario" in r["rerun"] and r["failure"] is None for r in got.values())
    assert "3 passed, 5 skipped" in proc.stdout
    names = {case.get("name"): case.find("skipped") is not None for case in ET.parse(junit).getroot().iter("testcase")}
    assert names == {
        "test_a_scenario_on_every_line[reference]": False, "test_a_scenario_on_every_line[npm-buffer]": True,
        "test_a_scenario_of_node_20_only[reference]": True, "test_a_scenario_of_node_20_only[npm-buffer]": True,
        "test_an_outline_emits_value_note[reference-1-plain]": False, "test_an_outline_emits_value_note[npm-buffer-1-plain]": True,
        "test_an_outline_emits_value_note[reference-'\\xe9'-accent]": False,
        "test_an_outline_emits_value_note[npm-buffer-'\\xe9'-accent]": True}


def test_a_cell_decided_before_running_is_no_item(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "decided.feature").write_text(DECIDED)
    proc, _ = run(tmp_path, "--features", str(features), "--impl", "reference,npm-buffer", "--collect-only")
    items = [line for line in proc.stdout.splitlines() if "::" in line]
    assert items == ["::test_a_scenario_on_every_line[reference]", "::test_an_outline_emits_value_note[reference-1-plain]",
                     "::test_an_outline_emits_value_note[reference-'\\xe9'-accent]"], proc.stdout[-2000:]


def _reports_of_every_kind() -> list[pytest.TestReport]:
    """A passed setup with captured output, a failure shown as text with its cell, an expected failure that
    carries its exception, a skip (path, line, reason): what a worker sends."""
    try:
        raise ValueError("expected 2, got 3")
    except ValueError:
        excinfo = pytest.ExceptionInfo.from_current()
    where = ("conformance/suite/test_specification.py", 3, "test_x[reference]")
    nodeid = "conformance/suite/test_specification.py::test_x[reference]"
    keywords = {"test_x[reference]": 1, "events": 1}
    expected_fail = pytest.TestReport(nodeid, where, keywords, "skipped", excinfo.getrepr(style="short"), "call", duration=0.2)
    expected_fail.wasxfail = "bug: the scenario is wrong on purpose"
    return [
        pytest.TestReport(nodeid, where, keywords, "passed", None, "setup", sections=[("Captured stdout setup", "out\n")],
                          duration=0.001, start=1.0, stop=1.001),
        pytest.TestReport(nodeid, where, keywords, "failed", "  step:     Then x is 2\n  expected: 2\n  actual:   3", "call",
                          user_properties=[("nodespec-cell", json.dumps({"impl": "reference", "status": "fail"}))]),
        expected_fail,
        pytest.TestReport(nodeid, where, keywords, "skipped", ("/x/test_specification.py", None, "not applicable: lacks y"), "setup"),
    ]


@pytest.mark.parametrize("report", _reports_of_every_kind(), ids=["setup", "failure", "expected-fail", "skip"])
def test_a_report_reaches_the_controller_as_pytest_would_have_sent_it_but_its_keywords(report):
    """The specification's reports travel from an xdist worker as one JSON string (nodespec's
    ``pytest_report_to_serializable`` / ``pytest_report_from_serializable``): through execnet, the report that
    arrives is the one pytest's own serialization gives, but for the item's keywords."""
    from _pytest import reports
    from execnet import gateway_base as execnet  # pytest-xdist's transport, installed with it

    from nodespec import plugin

    config = type("Config", (), {"stash": pytest.Stash()})()
    config.stash[plugin._runs_suite_key] = True
    xdist_adds = {"item_index": 7, "worker_id": "gw1", "testrun_uid": "0123abcd"}

    def sent(data: dict) -> dict:
        return execnet.loads_internal(execnet.dumps_internal({**data, **xdist_adds}))

    ours = plugin.pytest_report_from_serializable(config, sent(plugin.pytest_report_to_serializable(config, report)))
    pytests = reports.pytest_report_from_serializable(sent(reports.pytest_report_to_serializable(report)))
    assert isinstance(ours, pytest.TestReport) and ours.keywords == {}
    mine, theirs = vars(ours), vars(pytests)
    assert {k: v for k, v in mine.items() if k not in ("keywords", "longrepr")} == {k: v for k, v in theirs.items() if k not in ("keywords", "longrepr")}
    assert type(ours.longrepr) is type(pytests.longrepr) and ours.longreprtext == pytests.longreprtext
    assert ours.longreprtext == report.longreprtext and ours.location == report.location and ours.item_index == 7


def test_a_session_that_does_not_run_the_specification_reads_none_of_it(tmp_path):
    """The plugin is an entry point, in every pytest session where nodespec is installed: a session of
    someone's own tests reads no feature file (it would cost each of them ~1 s of CPU)."""
    # Their test looks for the run's state in its own session: there is none.
    (tmp_path / "test_theirs.py").write_text(
        "from nodespec import plugin\n\n"
        "def test_theirs(pytestconfig):\n"
        "    assert plugin._state_key not in pytestconfig.stash\n")
    (tmp_path / "conftest.py").write_text(
        "import nodespec.features\n\n"
        "def _refuse(*args, **kwargs):\n"
        "    raise AssertionError('the specification was read')\n\n"
        "nodespec.features.load = _refuse\n")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "test_theirs.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout[-2000:] + proc.stderr[-2000:]
