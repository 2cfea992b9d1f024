"""Bringing your own implementation: ``--impl js:…``/``py:…``, failure messages in JavaScript notation,
bad input as one line with its own exit status, tag expressions, results files that are refused, and
interrupted runs marked incomplete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from nodespec import notation, protocol, registry, results, status, tagexpr
from nodespec.adapters import yours

YOURS = Path(__file__).parent / "data" / "yours"
ONCE = "events/once.feature::a once listener is removed before it is called, so an emit inside it does not call it again"


def nodespec(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nodespec", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": ""})


# -- --impl js:… and py:… -------------------------------------------------------------------------


def test_impl_items_group_modules_and_options_after_their_kind():
    assert registry.split("node,js:events=a.js,buffer=b.js,name=mine,reference") == [
        "node", ("js", ["events=a.js", "buffer=b.js", "name=mine"]), "reference"]
    assert yours.parse("py", ["events=pkg.mod:Emitter", "target=v22.1.0", "declines=this+internals"]) == {
        "kind": "py", "modules": {"events": "pkg.mod:Emitter"}, "name": None, "target": 22, "runtime": None,
        "declines": {"this": "declined on the command line", "internals": "declined on the command line"}}


@pytest.mark.parametrize(("spec", "says"), [
    ("events=x.js,colour=red", "neither a module"),
    ("events", "is not KEY=VALUE"),
    ("name=only", "no module given"),
    ("events=a.js,events=b.js", "given twice"),
    ("events=a.js,target=twenty", "not a Node.js line"),
])
def test_a_malformed_js_impl_is_refused_in_one_line(spec, says):
    kind, pairs = registry.split(f"js:{spec}")[0]
    with pytest.raises(yours.SpecError, match=says):
        yours.parse(kind, pairs)


def test_a_package_folder_is_loaded_through_its_entry(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "main.mjs").write_text("export default 1;\n")
    (tmp_path / "package.json").write_text(json.dumps({"exports": {".": {"import": "./lib/main.mjs"}}}))
    assert yours.package_entry(tmp_path) == (tmp_path / "lib" / "main.mjs").resolve()


def test_a_python_module_or_object_is_loaded_as_the_module(monkeypatch):
    monkeypatch.syspath_prepend(str(YOURS))
    impl = yours.make("py", ["events=tiny_events"], cwd=YOURS)
    assert impl.name == "tiny_events" and impl.modules == {"events"}
    assert impl.objects["events"].__name__ == "EventEmitter"  # Node's events module is its EventEmitter class
    assert {"this", "internals"} <= set(impl.lacks)  # declared by the port (NODESPEC)
    assert "global-process" in impl.lacks  # a library has no JavaScript globals
    with pytest.raises(yours.SpecError, match="has no attribute 'Nope'"):
        yours.load_python("tiny_events.Nope")


def test_a_python_warning_is_the_process_warning(monkeypatch):
    monkeypatch.syspath_prepend(str(YOURS))
    impl = yours.make("py", ["events=tiny_events"], cwd=YOURS)
    impl.request({"op": "reset"})
    impl.request({"op": "load", "name": "events"})
    emitter = impl.request({"op": "new", "target": {"$": "handle", "id": impl._interpreter.handle_of(impl.objects["events"]), "type": "type"}})["value"]
    for i in range(11):
        impl.request({"op": "call", "target": emitter, "method": "on", "args": ["x", {"$": "listener", "name": f"L{i}"}]})
    trace = impl.request({"op": "trace"})["value"]
    assert [(t["kind"], t["name"]) for t in trace] == [("warning", "MaxListenersExceededWarning")]


# -- messages ---------------------------------------------------------------------------------------


def test_values_in_messages_are_written_as_the_features_write_them():
    assert notation.js([protocol.UNDEFINED, protocol.NULL, True, -0.0, float("nan"), "a\"b", protocol.BigInt(5)]) == \
        '[undefined, null, true, -0, NaN, "a\\"b", 5n]'
    assert notation.js([2**60, 1e21, 0.000001, None]) == "[1152921504606847000, 1e+21, 0.000001, nothing]"
    assert notation.js({"event": [protocol.Listener("A"), protocol.Wrapper("B")]}) == "{ event: [A, wrapper(B)] }"
    assert notation.js(protocol.Handle(2, "EventEmitter")) == "[EventEmitter #2]"
    assert notation.js(protocol.JSError("TypeError", "bad", "ERR_X")) == "TypeError [ERR_X]: bad"
    assert notation.shown("a thrown TypeError") == "a thrown TypeError"
    assert repr(protocol.Listener("A", ({"op": "x"},), True)) == "A"


# -- tags -------------------------------------------------------------------------------------------


def test_tag_expressions():
    known = {"events", "slow", "program", "claim:events-01"}
    match = tagexpr.parse("@events and not (slow or program)", known)
    assert match({"events"}) and not match({"events", "slow"}) and not match({"buffer"})
    assert tagexpr.parse("claim:events-01", known)({"claim:events-01"})
    for bad, says in [("evnets", "did you mean events"), ("events and", "ends too early"), ("(events", "not closed"),
                      ("events slow", "unexpected 'slow'")]:
        with pytest.raises(tagexpr.TagExpressionError, match=says):
            tagexpr.parse(bad, known)


# -- results files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "says"), [
    (None, "no such results file"),
    ("", "empty"),
    ('{"format": "nodespec-results/1", "scenarios": [{"id": "x", ', "truncated"),
    ("garbage", "not JSON"),
    ("[]", "a list"),
    ('{"format": "other/2"}', "not a nodespec-results/1 file"),
    ('{"format": "nodespec-results/1", "implementations": [], "summary": {}}', "'scenarios' is missing"),
])
def test_a_bad_results_file_is_refused_in_one_line(tmp_path, content, says):
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(status.NodespecError, match=says) as caught:
        results.load(path)
    assert caught.value.status == status.BAD_RESULTS and "\n" not in str(caught.value)


# -- the command, end to end ------------------------------------------------------------------------


def test_bad_input_is_one_line_with_its_own_exit_status(tmp_path):
    (tmp_path / "broken.feature").write_text("Feature: broken\n  Scenario: a\n    Given e = new EventEmitter()\n  Scenario Outline b\n")
    (tmp_path / "unmatched.feature").write_text("@events\nFeature: f\n  Scenario: s\n    Given e = new EventEmitter()\n    When the moon turns blue\n")
    (tmp_path / "twins.feature").write_text(  # two rows of one name: the same cells, one verdict for both
        "@buffer\nFeature: f\n  Scenario Outline: o\n    Given b = Buffer.alloc(<n>)\n\n"
        "    Examples:\n      | node  | n |\n      | 20-24 | 1 |\n      | >=26  | 2 |\n")
    cases = [
        (["run", "--features", "twins.feature"], status.SPECIFICATION, "twins.feature:3: two rows of the outline 'o' have one name"),
        (["run", "--features", "nowhere"], status.USAGE, "--features nowhere: no such file or folder"),
        (["run", "--features", "broken.feature"], status.SPECIFICATION, "broken.feature:4:"),
        (["run", "--impl", "nothing"], status.USAGE, "unknown implementation 'nothing'"),
        (["run", "--impl", "js:events=missing.js"], status.USAGE, "no such file or folder"),
        (["run", "--tags", "evnts"], status.USAGE, "unknown tag 'evnts'"),
        (["report", "missing.json"], status.BAD_RESULTS, "no such results file"),
    ]
    for args, code, says in cases:
        proc = nodespec(*args, "--no-site" if args[0] == "run" else "--out=site", cwd=tmp_path)
        lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
        assert (proc.returncode, len(lines)) == (code, 1), (args, proc.stdout, proc.stderr)
        assert says in lines[0], lines
    proc = nodespec("run", "--features", "unmatched.feature", "--impl", "reference", "--no-site", "--json", "r.json", cwd=tmp_path)
    assert proc.returncode == status.SPECIFICATION, proc.stdout
    assert "specification error: unmatched.feature:5: no step definition matches When the moon turns blue" in proc.stdout
    assert json.loads((tmp_path / "r.json").read_text())["scenarios"] == []  # no verdict on anyone


def test_features_given_twice_run_both(tmp_path):
    for name, size in (("one", 1), ("two", 2)):
        (tmp_path / f"{name}.feature").write_text(
            f"@buffer\nFeature: {name}\n  Scenario: {name}\n    Given buf = Buffer.alloc({size})\n    Then buf.length is {size}\n")
    proc = nodespec("run", "--features", "one.feature", "--features", "two.feature", "--impl", "reference", "--no-site",
                    "--json", "r.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(s["id"] for s in json.loads((tmp_path / "r.json").read_text())["scenarios"]) == [
        "one.feature::one", "two.feature::two"]


def test_a_planted_bug_is_named_by_its_scenario_in_javascript_notation(tmp_path):
    proc = nodespec("run", "--impl", f"js:events={YOURS / 'events-bugged.js'},name=bugged", "--scenario", ONCE,
                    "--no-site", "--json", "r.json", cwd=tmp_path)
    assert proc.returncode == status.MISMATCH
    assert proc.stdout.count(ONCE) == 2, proc.stdout  # the failure once, and its rerun command
    assert "RangeError: Maximum call stack size exceeded" in proc.stdout and "step:" in proc.stdout
    assert "rerun:    nodespec run --impl js:events=" in proc.stdout  # the rerun command names the implementation as given
    assert "Warning" not in proc.stdout + proc.stderr


def test_an_interrupted_run_writes_results_marked_incomplete(tmp_path):
    # The events specification on two xdist workers, as a whole run is (it takes seconds even on a fast
    # machine; the whole specification cost three times the CPU, collected by every worker), unbuffered so
    # that the first line of progress arrives while the run is still going.
    proc = subprocess.Popen([sys.executable, "-m", "nodespec", "run", "--impl", "reference", "--features", "events",
                             "-n", "2", "--no-site", "--json", "r.json"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            # xdist's workers ignore SIGINT and a child inherits that: give it Ctrl-C back
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    for line in proc.stdout:  # interrupt once the first scenarios have run
        if line.startswith("."):
            break
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == status.INTERRUPTED, out
    data = results.load(tmp_path / "r.json")
    assert data["incomplete"]["reason"] == "interrupted"
    report = nodespec("report", "r.json", "--out", "site", cwd=tmp_path)
    assert report.returncode == 0 and "INCOMPLETE" in report.stdout
