"""nodespec mutate: the mutation operators, coverage of statements, the equivalent list, and the
forked child that loads a mutated module (the whole command is exercised by `tox -e mutate`)."""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from nodespec import mutate

SAMPLE = textwrap.dedent('''\
    """A docstring is not mutated."""

    LIMIT = 8


    def check(a, b, flag=True):
        """Nor is this one."""
        if a < b and flag:
            return a + 1
        total = a - b  # python-only
        declared: int
        log(total)
        return None


    def helper(x):  # python-only
        return x == 2


    class Thing:
        def __repr__(self):
            return "Thing" + str(1)
    ''')


def _mutants(tmp_path: Path) -> list[mutate.Mutant]:
    path = tmp_path / "sample.py"
    path.write_text(SAMPLE)
    return mutate.mutants_of(path)


def test_each_operator_makes_one_point_mutants(tmp_path: Path) -> None:
    found = {(m.operator, m.before, m.after) for m in _mutants(tmp_path)}
    assert found == {
        ("constant + 1", "LIMIT = 8", "LIMIT = 9"),
        ("delete statement", "LIMIT = 8", "pass"),
        ("True → False", "def check(a, b, flag=True):", "def check(a, b, flag=False):"),
        ("< → <=", "if a < b and flag:", "if a <= b and flag:"),
        ("and → or", "if a < b and flag:", "if a < b or flag:"),
        ("+ → -", "return a + 1", "return a - 1"),
        ("constant + 1", "return a + 1", "return a + 2"),
        ("return None", "return a + 1", "return None"),
        ("delete statement", "log(total)", "pass"),
    }


def test_a_mutant_changes_only_its_own_line(tmp_path: Path) -> None:
    mutant = next(m for m in _mutants(tmp_path) if m.operator == "< → <=")
    assert mutant.line == 8 and mutant.scope == "check"
    assert mutant.source == SAMPLE.replace("a < b", "a <= b")
    assert "-    if a < b and flag:\n+    if a <= b and flag:" in mutant.diff


def test_statement_coverage_maps_lines_to_scenarios(tmp_path: Path) -> None:
    path = tmp_path / "sample.py"
    path.write_text(SAMPLE)
    covered, missed = mutate.covered_statements(path, {8: ["s1", "s2"], 9: ["s2"]}, ["s1", "s2", "s3"])
    assert covered[3] == ["s1", "s2", "s3"]  # module level: runs at import, for everyone
    assert covered[8] == ["s1", "s2"] and covered[9] == ["s2"]
    assert missed == [12, 13]  # `total = …  # python-only`, `declared: int`, the helper and __repr__ are not counted


def test_the_equivalent_list_needs_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "eq.toml"
    path.write_text('[[equivalent]]\nfile = "reference/x.py"\nscope = "f"\nbefore = "a"\nafter = "b"\nreason = " "\n')
    with pytest.raises(ValueError, match="empty reason"):
        mutate.load_equivalent(path)
    path.write_text('[[equivalent]]\nfile = "reference/x.py"\nscope = "f"\nbefore = "a"\nafter = "b"\nreason = "same"\n')
    assert mutate.load_equivalent(path) == {("reference/x.py", "f", "a", "b", 1): "same"}
    path.write_text(path.read_text() + 'occurrence = 2\n')
    assert mutate.load_equivalent(path) == {("reference/x.py", "f", "a", "b", 2): "same"}


def test_the_same_change_twice_in_one_scope_is_two_mutants(tmp_path: Path) -> None:
    path = tmp_path / "twice.py"
    path.write_text("def f(a):\n    if a:\n        raise E()\n    raise E()\n\n\ndef g():\n    raise E()\n")
    keys = [m.key for m in mutate.mutants_of(path) if m.after == "pass"]
    assert keys == [("twice.py", "f", "raise E()", "pass", 1), ("twice.py", "f", "raise E()", "pass", 2),
                    ("twice.py", "g", "raise E()", "pass", 1)]
    # Coverage does not renumber them: the second one keeps its number when the first is not run.
    covered = mutate.mutants_of(path, {4: ["s"]})
    assert [m.key for m in covered if m.after == "pass"] == [keys[1]]


def test_a_mutants_child_imports_afresh_the_modules_that_import_the_mutated_file(tmp_path: Path) -> None:
    (tmp_path / "base.py").write_text("X = 1\n")
    (tmp_path / "mid.py").write_text("from .base import X\n")
    (tmp_path / "top.py").write_text("def f():\n    from nodespec.reference import mid\n")
    (tmp_path / "other.py").write_text("import hmac\nfrom . import unknown_name\n")
    assert mutate.reference_imports(tmp_path / "top.py") == {"mid"}
    assert mutate.dependents({"base"}, tmp_path) == {"base", "mid", "top"}
    assert mutate.dependents({"other"}, tmp_path) == {"other"}


def test_the_reference_modules_import_graph_reaches_crypto_from_buffer() -> None:
    fresh = mutate.dependents({"buffer_encodings"})
    assert {"buffer", "crypto"} <= fresh and "lines" not in fresh


def test_the_shipped_equivalent_list_loads() -> None:
    for (file, _scope, _before, _after, _occurrence), reason in mutate.load_equivalent().items():
        assert file.startswith("reference/") and reason


def test_a_child_loads_the_mutated_module(tmp_path: Path) -> None:
    import nodespec.reference.types as types

    source = Path(types.__file__).read_text() + "\nMUTATED = 'yes'\n"

    def work() -> str:
        sys.modules.pop("nodespec.reference.types", None)
        sys.meta_path.insert(0, mutate._MutatedFinder("nodespec.reference.types", types.__file__, source))
        import nodespec.reference.types as mutated

        return mutated.MUTATED

    assert mutate._in_child(work, 30, tmp_path / "child.log") == ("ok", "yes")
    assert not hasattr(types, "MUTATED")


def test_a_program_started_by_a_mutants_child_imports_the_mutant(tmp_path: Path) -> None:
    import subprocess

    import nodespec.reference.types as types

    source = tmp_path / "mutant.py"
    source.write_text(Path(types.__file__).read_text() + "\nMUTATED = 'yes'\n")

    def work() -> str:
        mutate._overlay(tmp_path, **{mutate._MUTANT_ENV: os.pathsep.join(
            ["nodespec.reference.types", str(source), types.__file__])})
        program = "from nodespec.reference import types; print(types.MUTATED, types.__file__)"
        return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout

    assert mutate._in_child(work, 60, tmp_path / "child.log") == ("ok", f"yes {types.__file__}\n")
    assert mutate._MUTANT_ENV not in os.environ


def test_the_coverage_runs_programs_record_the_lines_they_execute(tmp_path: Path) -> None:
    import subprocess

    module = tmp_path / "traced_module.py"
    module.write_text("def f(x):\n    if x:\n        return 1\n    return 2\n")
    lines = tmp_path / "lines"
    lines.mkdir()

    def work() -> list[Any]:
        mutate._overlay(tmp_path, **{mutate._TRACE_ENV: str(lines), mutate._FILES_ENV: str(module)})
        program = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import traced_module; traced_module.f(1)"
        subprocess.run([sys.executable, "-c", program], check=True)
        return sorted([file, line] for file, line in mutate._program_lines(lines))

    status, found = mutate._in_child(work, 60, tmp_path / "child.log")
    assert status == "ok" and {file for file, _ in found} == {str(module)}
    executed = {line for _, line in found}
    assert {2, 3} <= executed and 4 not in executed  # f's lines that ran, not the one that did not
    assert list(lines.iterdir()) == []  # taken: the next scenario starts with none


def test_a_child_past_its_deadline_is_killed(tmp_path: Path) -> None:
    started = time.monotonic()
    status, _ = mutate._in_child(lambda: time.sleep(30), 0.5, tmp_path / "child.log")
    assert status == "timeout" and time.monotonic() - started < 10


def test_a_child_that_raises_is_a_crash(tmp_path: Path) -> None:
    status, code = mutate._in_child(lambda: 1 / 0, 30, tmp_path / "child.log")
    assert (status, code) == ("crash", 70)
    assert "ZeroDivisionError" in (tmp_path / "child.log").read_text()


def test_every_equivalent_entry_names_a_mutant_of_the_current_reference() -> None:
    from nodespec import PROJECT_ROOT

    entries = mutate.load_equivalent()
    keys = {m.key for file in {key[0] for key in entries} for m in mutate.mutants_of(PROJECT_ROOT / file)}
    assert [key for key in entries if key not in keys] == []


def test_a_shared_file_counts_only_where_the_modules_own_code_calls_it(tmp_path: Path, monkeypatch: Any) -> None:
    # js.py is JavaScript semantics every module uses; the harness calls it too (ToPropertyKey of
    # process.on('warning') before every scenario), which is no evidence about the campaign's module.
    own = tmp_path / "own.py"
    shared = tmp_path / "js.py"
    shared.write_text("def helper():\n    return 1\n")
    own.write_text("import js\n\n\ndef f():\n    return js.helper()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(mutate._TRACE_ENV, str(tmp_path))
    import js  # type: ignore[import-not-found]
    import own as own_module  # type: ignore[import-not-found]

    tracer = mutate._Tracer([own, shared])
    tracer.run("the harness", js.helper)
    tracer.run("the module", own_module.f)
    shared_lines = tracer.by_file[str(shared.resolve())]
    assert shared_lines[2] == {"the module"}  # return 1, reached through own.f only
    assert all(runs == {"the module"} for runs in shared_lines.values())
    assert tracer.by_file[str(own.resolve())][5] == {"the module"}
