"""Mutation testing of the specification: ``nodespec mutate --module events|buffer|crypto``.

A specification is worth what it notices. This tool measures it the way test authors measure
themselves: it makes single-point mutants of the reference's lines that the module's specification
executes, runs the scenarios that execute the mutated line on each mutant, and reports which
mutants the specification killed and which survived (with each survivor's diff).

How it works:

1. **Coverage and the line → scenarios map.** The module's specification runs once on the reference
   with a line tracer (``sys.settrace``) that attributes every executed line of the module's files to
   the scenario running it. A statement is covered when any line of its own (its header, for a
   compound statement) ran. Module-level and class-level statements run at import; they count as
   covered and map to every scenario of the module.
2. **Mutants** (operators as in the mutation-testing literature, each one point of one statement):
   comparison flips (``<``↔``<=``, ``>``↔``>=``, ``==``↔``!=``, ``is``↔``is not``, ``in``↔``not in``),
   ``+``↔``-``, an integer constant + 1, ``True``↔``False``, ``and``↔``or``, a deleted simple
   statement (replaced by ``pass``) and ``return X`` → ``return None``. Mutants that do not compile or
   compile to the same code are dropped. A seeded random sample of them is run.
3. **Runs.** Each mutant runs in a child process forked from a parent that has imported pytest and the
   steps but not the reference; the child loads the mutated file in place of the original module and
   runs the covering scenarios on the reference with ``-x`` (stop at the first failure), under a
   timeout, in its own process group (killed with it).
4. **Equivalent mutants** — those that cannot change behaviour Node specifies — are listed, each with
   its reason, in ``mutate-equivalent.toml`` beside this file; they count as ``equivalent`` and are not
   part of the score. A listed mutant that is killed anyway is reported as a stale entry.

Lines that exist only for Python callers carry the comment ``# python-only`` (on a ``def`` or ``class``
line: all of it), and Python's protocol methods (``__repr__``, ``__bytes__``, ``__await__``, ``__enter__``…)
are Python-only too; they are tested by the project's own tests and excluded here.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import hashlib
import importlib.abc
import importlib.util
import json
import os
import random
import re
import resource
import signal
import sys
import tempfile
import textwrap
import time
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from nodespec import FEATURES_DIR, PACKAGE_DIR, PROJECT_ROOT
from nodespec.implementation import _die_with_parent

MODULES: dict[str, list[str]] = {
    "events": ["events.py", "event_target.py"],
    "buffer": ["buffer.py", "buffer_js.py", "buffer_encodings.py", "typed_arrays.py", "js.py", "validators.py"],  # js, validators: shared semantics Buffer leans on
    "crypto": ["crypto.py"],
}
# Files of JavaScript semantics every module uses: a line of theirs counts for a campaign only when the
# module's own code called it. The harness reaches them too (process.on('warning') before every
# scenario goes through ToPropertyKey), and a mutant there is no mistake of Buffer's.
SHARED = frozenset({"js.py", "validators.py"})
REFERENCE_DIR = PROJECT_ROOT / "reference"
EQUIVALENT_FILE = PACKAGE_DIR / "mutate-equivalent.toml"
PYTHON_ONLY = "# python-only"
AT_IMPORT = "(the module's import)"  # the coverage run's name for the lines the import of the target modules ran
CACHE_FORMAT = "nodespec-mutate-coverage/5"  # what a cached coverage run holds (passed items, modules loaded)
# Python's own protocols: what Python code sees (repr, bytes(), with, await…), never the specification.
PYTHON_PROTOCOL = frozenset({"__repr__", "__str__", "__bytes__", "__bool__", "__await__", "__enter__", "__exit__",
                             "__aenter__", "__aexit__", "__aiter__", "__anext__", "__del__", "__buffer__"})


# -- static analysis: statements, their own lines, and the mutants of each ----------------------------


@dataclass
class Statement:
    node: ast.stmt
    lines: tuple[int, int]  # the statement's own lines (a compound statement's header)
    in_function: bool
    scope: str  # the enclosing classes and functions, e.g. "EventEmitter.remove_listener"


@dataclass
class Mutant:
    file: str  # relative to the project, e.g. reference/events.py
    scope: str  # the enclosing classes and functions ("" at module level)
    line: int
    operator: str
    before: str  # the changed original line(s), stripped
    after: str  # what they became, stripped
    source: str = field(repr=False, default="")
    diff: str = ""
    scenarios: list[str] = field(default_factory=list)
    status: str = "pending"  # killed, survived, equivalent, error
    by: str | None = None  # the first scenario that failed, or "timeout"
    reason: str | None = None  # for an equivalent mutant
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the child's CPU time: what the mutant costs, however loaded the machine is
    occurrence: int = 1  # the same change of the same line text earlier in the same scope makes this the 2nd…

    @property
    def key(self) -> tuple[str, str, str, str, int]:
        """The mutant's identity in the equivalent list: stable across edits elsewhere in the file and
        across samples (never a position in a sample or a line number)."""
        return (self.file, self.scope, self.before, self.after, self.occurrence)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["source"]
        return data


def _own_lines(node: ast.stmt) -> tuple[int, int]:
    """A simple statement's lines; a compound statement's header (up to its first body statement)."""
    body = getattr(node, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        first = node.lineno
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.decorator_list:
            first = min(d.lineno for d in node.decorator_list)
        return (first, max(first, body[0].lineno - 1))
    return (node.lineno, node.end_lineno or node.lineno)


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def statements(tree: ast.Module, lines: list[str]) -> list[Statement]:
    """Every statement worth covering: not docstrings, ``pass``, ``...``, bare annotations or ``# python-only``
    code."""
    found: list[Statement] = []

    def python_only(node: ast.stmt) -> bool:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in PYTHON_PROTOCOL:
            return True
        return PYTHON_ONLY in lines[node.lineno - 1]

    def visit(body: list[ast.stmt], in_function: bool, scope: str) -> None:
        for node in body:
            if python_only(node):
                continue
            ellipsis = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis
            # declarations, not code: global/nonlocal have no bytecode (no line event ever marks them run), and
            # `x: int` declares a type for mypy that does nothing at run time (annotations are not evaluated)
            declaration = isinstance(node, ast.Global | ast.Nonlocal) or (isinstance(node, ast.AnnAssign) and node.value is None)
            if not (_is_docstring(node) or isinstance(node, ast.Pass) or ellipsis or declaration):
                found.append(Statement(node, _own_lines(node), in_function, scope))
            inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            inner_scope = scope
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner_scope = f"{scope}.{node.name}" if scope else node.name
            for name in ("body", "orelse", "finalbody"):
                child = getattr(node, name, None)
                if isinstance(child, list) and child and isinstance(child[0], ast.stmt):
                    visit(child, inner, inner_scope)
            for handler in getattr(node, "handlers", []):
                visit(handler.body, inner, inner_scope)
            for case in getattr(node, "cases", []):
                visit(case.body, inner, inner_scope)

    visit(tree.body, False, "")
    return found


_COMPARE_FLIPS = {
    ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="), ast.GtE: (">=", ">"),
    ast.Eq: ("==", "!="), ast.NotEq: ("!=", "=="), ast.Is: ("is", "is not"), ast.IsNot: ("is not", "is"),
    ast.In: ("in", "not in"), ast.NotIn: ("not in", "in"),
}
_BINOP_SWAPS = {ast.Add: ("+", "-"), ast.Sub: ("-", "+")}
_BOOL_SWAPS = {ast.And: ("and", "or"), ast.Or: ("or", "and")}
_DELETABLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise, ast.Delete, ast.Assert, ast.Break, ast.Continue)


class _Source:
    """A file's text addressed by the AST's (line, UTF-8 byte column) positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + len(self.lines[line - 1].encode()[:col].decode(errors="replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset))

    def replace(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]


def _find_operator(src: _Source, start: int, end: int, token: str) -> tuple[int, int] | None:
    """The operator ``token`` in the text between two operands (skipping brackets, spaces, comments)."""
    gap = src.text[start:end]
    words = token.split()
    i = 0
    while i < len(gap):
        ch = gap[i]
        if ch == "#":
            newline = gap.find("\n", i)
            i = len(gap) if newline < 0 else newline
            continue
        if ch.isalpha():
            j = i
            matched = True
            for k, word in enumerate(words):
                if k:
                    while j < len(gap) and gap[j] in " \t\\\n":
                        j += 1
                if gap[j:j + len(word)] != word:
                    matched = False
                    break
                j += len(word)
            if matched and (j == len(gap) or not (gap[j].isalnum() or gap[j] == "_")):
                return (start + i, start + j)
            return None
        if gap.startswith(token, i) and not token[0].isalpha():
            following = gap[i + len(token):i + len(token) + 1]
            if not (following in "=<>" and following):
                return (start + i, start + i + len(token))
        i += 1
    return None


def _expression_nodes(root: ast.AST) -> Iterator[ast.AST]:
    """The expression nodes under ``root``, leaving out annotations and f-strings (unreliable positions)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        for name, value in ast.iter_fields(node):
            if name in ("annotation", "returns", "decorator_list", "type_comment"):
                continue
            if isinstance(node, ast.JoinedStr):
                continue
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.expr | ast.comprehension | ast.keyword | ast.arguments | ast.arg):
                    stack.append(child)


def _header_expressions(stmt: ast.stmt) -> list[ast.AST]:
    if isinstance(stmt, ast.If | ast.While):
        return [stmt.test]
    if isinstance(stmt, ast.For | ast.AsyncFor):
        return [stmt.iter]
    if isinstance(stmt, ast.With | ast.AsyncWith):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
        return [*stmt.args.defaults, *[d for d in stmt.args.kw_defaults if d is not None]]
    if isinstance(stmt, ast.ClassDef | ast.Try | ast.Import | ast.ImportFrom | ast.Global | ast.Nonlocal):
        return []
    if isinstance(stmt, ast.Match):
        return [stmt.subject]
    return [stmt]


def point_mutations(src: _Source, stmt: ast.stmt) -> Iterator[tuple[str, int, int, str]]:
    """(operator, start, end, replacement) for each single-point mutation of one statement."""
    for root in _header_expressions(stmt):
        for node in _expression_nodes(root):
            if isinstance(node, ast.Compare):
                left = node.left
                for op, right in zip(node.ops, node.comparators, strict=True):
                    flip = _COMPARE_FLIPS.get(type(op))
                    if flip:
                        found = _find_operator(src, src.span(left)[1], src.span(right)[0], flip[0])
                        if found:
                            yield (f"{flip[0]} → {flip[1]}", *found, flip[1])
                    left = right
            elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
                swap = _BINOP_SWAPS[type(node.op)]
                found = _find_operator(src, src.span(node.left)[1], src.span(node.right)[0], swap[0])
                if found:
                    yield (f"{swap[0]} → {swap[1]}", *found, swap[1])
            elif isinstance(node, ast.BoolOp):
                swap = _BOOL_SWAPS[type(node.op)]
                for a, b in zip(node.values, node.values[1:], strict=False):
                    found = _find_operator(src, src.span(a)[1], src.span(b)[0], swap[0])
                    if found:
                        yield (f"{swap[0]} → {swap[1]}", *found, swap[1])
            elif isinstance(node, ast.Constant) and hasattr(node, "end_col_offset"):
                if node.value is True or node.value is False:
                    yield (f"{node.value} → {not node.value}", *src.span(node), str(not node.value))
                elif isinstance(node.value, int):
                    yield ("constant + 1", *src.span(node), repr(node.value + 1))
    if isinstance(stmt, ast.Return) and stmt.value is not None and not (
            isinstance(stmt.value, ast.Constant) and stmt.value.value is None):
        yield ("return None", *src.span(stmt), "return None")
    if isinstance(stmt, _DELETABLE) and not _is_docstring(stmt):
        yield ("delete statement", *src.span(stmt), "pass")


def _local_diff(src: _Source, start: int, end: int, new: str, rel: str) -> tuple[str, str, int, str]:
    """The changed lines (stripped and joined: the mutant's identity in the equivalent list), the
    first one's number, and a unified diff with one line of context, computed on the changed lines
    only (diffing whole files for every mutant is what made enumeration slow)."""
    first = bisect.bisect_right(src.starts, start) - 1
    last = max(first, bisect.bisect_right(src.starts, max(start, end - 1)) - 1)
    old_lines = src.lines[first:last + 1]
    new_text = src.text[src.starts[first]:start] + new + src.text[end:src.starts[last + 1]]
    new_lines = new_text.splitlines(keepends=True)
    before = " / ".join(line.strip() for line in old_lines)
    after = " / ".join(line.strip() for line in new_lines)
    above = src.lines[first - 1:first] if first > 0 else []
    below = src.lines[last + 1:last + 2]
    header = (f"@@ -{first + 1 - len(above)},{len(above) + len(old_lines) + len(below)} "
              f"+{first + 1 - len(above)},{len(above) + len(new_lines) + len(below)} @@\n")
    body = ([" " + x for x in above] + ["-" + x for x in old_lines] + ["+" + x for x in new_lines]
            + [" " + x for x in below])
    diff = f"--- a/{rel}\n+++ b/{rel}\n" + header + "".join(x if x.endswith("\n") else x + "\n" for x in body)
    return before, after, first + 1, diff


def _parses(mutated: str, stmt: ast.stmt, lines: tuple[int, int], src: _Source) -> bool:
    """Whether the mutant is valid Python. Every operator changes the program, so only validity is
    in doubt: the statement's own lines are parsed alone (fast), the whole file when they cannot be."""
    first = src.starts[lines[0] - 1]
    end_line = (stmt.end_lineno or stmt.lineno) if not isinstance(getattr(stmt, "body", None), list) else lines[1]
    delta = len(mutated) - len(src.text)
    piece = mutated[first:src.starts[end_line] + delta]
    body = "\n    pass\n" if isinstance(getattr(stmt, "body", None), list) else "\n"
    try:
        ast.parse(textwrap.dedent(piece).rstrip() + body)
        return True
    except (SyntaxError, ValueError):
        pass
    try:
        ast.parse(mutated)
        return True
    except (SyntaxError, ValueError):
        return False


def mutants_of(path: Path, covered: dict[int, list[str]] | None = None) -> list[Mutant]:
    """Every valid mutant of the file's statements (of the covered ones when ``covered`` is given:
    statement first line → the scenarios that execute it)."""
    text = path.read_text()
    src = _Source(text)
    tree = ast.parse(text)
    resolved = path.resolve()
    rel = resolved.relative_to(PROJECT_ROOT).as_posix() if resolved.is_relative_to(PROJECT_ROOT) else path.name
    found: list[Mutant] = []
    seen: dict[tuple[str, str, str], int] = {}
    for statement in statements(tree, src.lines):
        stmt = statement.node
        for operator, start, end, new in point_mutations(src, stmt):
            mutated = src.replace(start, end, new)
            if not _parses(mutated, stmt, statement.lines, src):
                continue
            before, after, line, diff = _local_diff(src, start, end, new, rel)
            # Counted over every statement, covered or not, so that coverage cannot renumber a mutant.
            occurrence = seen[statement.scope, before, after] = seen.get((statement.scope, before, after), 0) + 1
            if covered is not None and stmt.lineno not in covered:
                continue
            found.append(Mutant(rel, statement.scope, line or stmt.lineno, operator, before, after, mutated, diff,
                                list(covered[stmt.lineno]) if covered is not None else [], occurrence=occurrence))
    return found


def covered_statements(path: Path, executed: dict[int, list[str]], everyone: list[str]) -> tuple[dict[int, list[str]], list[int]]:
    """Statement first line → the scenarios executing it, and the first lines of the statements never
    executed. Module- and class-level statements run at import: covered, by every scenario."""
    text = path.read_text()
    src = _Source(text)
    covered: dict[int, list[str]] = {}
    missed: list[int] = []
    for statement in statements(ast.parse(text), src.lines):
        stmt = statement.node
        if not statement.in_function:
            covered[stmt.lineno] = everyone
            continue
        first, last = statement.lines
        scenarios = sorted({s for line in range(first, last + 1) for s in executed.get(line, [])})
        if isinstance(stmt, ast.Try | ast.TryStar) and not scenarios:  # `try:` itself executes nothing
            scenarios = sorted(executed.get(stmt.body[0].lineno, []))
        if scenarios:
            covered[stmt.lineno] = scenarios
        else:
            missed.append(stmt.lineno)
    return covered, missed


# -- running: one collection, then a forked child per run ------------------------------------------------


def _reference_impls() -> list[str]:
    """The reference under every line it models (``reference`` is the newest LTS): code that only an
    older line runs (createCipher on Node 20, a Node 22 error) is specified by scenarios on that line."""
    from nodespec.registry import REFERENCE_LINES

    return ["reference", *REFERENCE_LINES]


def _pytest_args(module: str) -> list[str]:
    return [
        str(PACKAGE_DIR / "suite" / "test_specification.py"),
        f"--rootdir={PROJECT_ROOT}", "-p", "no:cacheprovider", "-p", "no:warnings", "-p", "no:terminal",
        "-p", "no:xdist", "--impl", ",".join(_reference_impls()), "--features", str(FEATURES_DIR / module),
    ]


# -- what every mutant's child would import again: imported once, before the forks ------------------------


def reference_imports(path: Path) -> set[str]:
    """The reference modules (stems) that a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module is None or node.level == 0 and node.module == "nodespec.reference":
                found.update(alias.name for alias in node.names)
            elif node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("nodespec.reference."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[2] for alias in node.names if alias.name.startswith("nodespec.reference."))
    return {name for name in found if (path.parent / f"{name}.py").exists()}


def dependents(stems: set[str], reference_dir: Path = REFERENCE_DIR) -> set[str]:
    """The modules ``stems`` and every reference module that imports one of them, directly or not:
    what a child must import afresh for a mutant of ``stems`` to be the code that runs."""
    graph = {path.stem: reference_imports(path) for path in reference_dir.glob("*.py") if path.stem != "__init__"}
    found = set(stems)
    while True:
        more = {name for name, imports in graph.items() if imports & found} - found
        if not more:
            return found
        found |= more


def _external_imports(path: Path) -> set[str]:
    """The absolute imports of a file outside nodespec (pycryptodome, hmac…), as module names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] not in ("nodespec", "__future__")}


def preload(module: str, loaded: list[str]) -> list[str]:
    """Import here, once, what each mutant's child would otherwise import itself (a quarter of a
    second or more per mutant: pycryptodome, the event loop, the other reference modules): the
    reference modules the specification's run loaded (``loaded``) that do not depend on a mutated
    file, and the third-party modules of those that do. Returns the modules a child must import
    afresh (the mutated files and their dependents)."""
    fresh = dependents({Path(name).stem for name in MODULES[module]})
    for stem in sorted(fresh):
        for name in sorted(_external_imports(REFERENCE_DIR / f"{stem}.py")):
            try:
                importlib.import_module(name)
            except ImportError:  # ``from X import name``: name was not a module
                pass
    for name in loaded:
        stem = name.rpartition(".")[2]
        if name.startswith("nodespec.reference.") and stem not in fresh and name not in sys.modules:
            importlib.import_module(name)
    return sorted(f"nodespec.reference.{stem}" for stem in fresh)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _in_child(work: Any, timeout: float, log: Path) -> tuple[str, Any]:
    """Run ``work()`` in a forked child in its own process group, its output to ``log``; returns
    ("ok", value), ("timeout", None) or ("crash", exit status). The value travels through a file."""
    result = log.with_suffix(".json")
    result.unlink(missing_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child
        status = 70
        try:
            os.setpgid(0, 0)
            _die_with_parent(parent)  # a mutant that hangs must not outlive a campaign killed by SIGKILL
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            sys.stdout = sys.stderr = open(fd, "w", buffering=1, closefd=False)  # noqa: SIM115
            value = work()
            result.write_text(json.dumps(value))
            status = 0
        except BaseException:  # noqa: B036 - the child reports everything through its log
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    deadline = time.monotonic() + timeout
    outcome: tuple[str, Any] = ("timeout", None)
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                if os.waitstatus_to_exitcode(status) == 0 and result.exists():
                    outcome = ("ok", json.loads(result.read_text()))
                else:
                    outcome = ("crash", os.waitstatus_to_exitcode(status))
                break
            if time.monotonic() > deadline:
                break
            time.sleep(0.01)
    finally:
        try:
            os.killpg(pid, signal.SIGKILL)  # the child and whatever it started
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return outcome


# -- programs: a scenario's Python program imports the reference afresh, in a process of its own ------------
#
# Without help it would import the unmutated files (and the tracer would not see it): code only a program
# twin runs (a once-per-process deprecation, an unhandled rejection that ends the process) could be neither
# covered nor killed. So the runs put an overlay directory first on PYTHONPATH; its sitecustomize, which
# Python runs at start-up in every program (and in the reference's warm program template), loads the
# mutant in place of the module (coverage run: records the lines the program executes, one file per
# process, written line by line since a program may end with os._exit).

_MUTANT_ENV = "NODESPEC_MUTATE_MUTANT"  # module name, mutated source file, the original file's name
_TRACE_ENV = "NODESPEC_MUTATE_TRACE"  # the directory where programs write the lines they execute
_FILES_ENV = "NODESPEC_MUTATE_FILES"  # the files whose lines they record
_CHILD_SITE = """\
\"\"\"nodespec mutate's overlay: the mutant under test, or the coverage run's line recorder, in a program.\"\"\"
import os
import sys


def _load_mutant(fullname, path, origin):
    import importlib.abc
    import importlib.util

    class Loader(importlib.abc.Loader):
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            module.__file__ = origin
            with open(path, encoding="utf-8") as f:
                exec(compile(f.read(), origin, "exec"), module.__dict__)

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, target_path, target=None):
            return importlib.util.spec_from_loader(name, Loader(), origin=origin) if name == fullname else None

    sys.meta_path.insert(0, Finder())


def _record_lines(directory, files):
    seen = {}

    def note(filename, line):
        pid = os.getpid()  # a forked program starts a file (and a set) of its own
        if (pid, filename, line) not in seen:
            seen[pid, filename, line] = True
            # opened for each new line: a program may close descriptors it did not open
            fd = os.open(os.path.join(directory, f"{pid}.lines"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                os.write(fd, f"{filename}\\t{line}\\n".encode())
            finally:
                os.close(fd)

    def local(frame, event, arg):
        if event == "line":
            note(frame.f_code.co_filename, frame.f_lineno)
        return local

    def start(frame, event, arg):
        if frame.f_code.co_filename in files:
            note(frame.f_code.co_filename, frame.f_lineno)
            return local
        return None

    import threading

    sys.settrace(start)
    threading.settrace(start)


if os.environ.get("NODESPEC_MUTATE_MUTANT"):
    _load_mutant(*os.environ["NODESPEC_MUTATE_MUTANT"].split(os.pathsep))
if os.environ.get("NODESPEC_MUTATE_TRACE"):
    _record_lines(os.environ["NODESPEC_MUTATE_TRACE"], set(os.environ["NODESPEC_MUTATE_FILES"].split(os.pathsep)))
"""


def _overlay(workdir: Path, **env: str) -> None:
    """In a run's child: the programs it starts load the overlay (``env``: what it does there)."""
    site = workdir / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_CHILD_SITE)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])])
    os.environ.update(env)


def _program_lines(directory: Path) -> set[tuple[str, int]]:
    """The lines the programs wrote since the last call (their files are taken away)."""
    found: set[tuple[str, int]] = set()
    for path in directory.glob("*.lines"):
        taken = path.with_suffix(".taken")
        path.rename(taken)  # a process still running starts a new file
        for row in taken.read_text().splitlines():
            filename, _, line = row.rpartition("\t")
            found.add((filename, int(line)))
        taken.unlink()
    return found


class _MutatedLoader(importlib.abc.Loader):
    def __init__(self, filename: str, source: str) -> None:
        self.filename = filename
        self.source = source

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: Any) -> None:
        module.__file__ = self.filename
        exec(compile(self.source, self.filename, "exec"), module.__dict__)  # the mutant under test


class _MutatedFinder(importlib.abc.MetaPathFinder):
    def __init__(self, fullname: str, filename: str, source: str) -> None:
        self.fullname = fullname
        self.filename = filename
        self.loader = _MutatedLoader(filename, source)

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.fullname:
            return None
        return importlib.util.spec_from_loader(fullname, self.loader, origin=self.filename)


class _Tracer:
    """Records, per scenario, the lines of the target files it executes (setup and call), and a digest
    of the bytecode instructions it executes there (its path, finer than lines: ``a if c else b``)."""

    def __init__(self, files: list[Path]) -> None:
        self.files = {str(f.resolve()) for f in files}
        self.own = {f for f in self.files if Path(f).name not in SHARED}
        self.current: set[tuple[str, int]] = set()
        self.instructions: set[tuple[str, int]] = set()
        self.by_file: dict[str, dict[int, set[str]]] = {f: {} for f in self.files}
        self.trails: dict[str, str] = {}

    def _local(self, frame: Any, event: str, arg: Any) -> Any:
        if event == "opcode":
            self.instructions.add((frame.f_code.co_qualname, frame.f_lasti))
        elif event == "line":
            self.current.add((frame.f_code.co_filename, frame.f_lineno))
        return self._local

    def _called_by_own(self, frame: Any) -> bool:
        caller = frame.f_back
        while caller is not None:
            if caller.f_code.co_filename in self.own:
                return True
            caller = caller.f_back
        return False

    def _global(self, frame: Any, event: str, arg: Any) -> Any:
        filename = frame.f_code.co_filename
        if filename in self.own or (filename in self.files and self._called_by_own(frame)):
            self.current.add((frame.f_code.co_filename, frame.f_lineno))
            frame.f_trace_opcodes = True
            return self._local
        return None

    def run(self, scenario: str, body: Any) -> Any:
        self.current, self.instructions = set(), set()
        sys.settrace(self._global)
        try:
            return body()
        finally:
            sys.settrace(None)
            programs = _program_lines(Path(os.environ[_TRACE_ENV]))  # what the scenario's programs executed
            self.current |= programs
            for filename, line in self.current:
                self.by_file[filename].setdefault(line, set()).add(scenario)
            path = repr(sorted(self.instructions)) + repr(sorted(programs))
            self.trails[scenario] = hashlib.sha256(path.encode()).hexdigest()[:16]


def _coverage_cache(module: str) -> Path:
    """Where the coverage run of ``module`` is kept: keyed by the content of everything it depends on
    (the reference, the harness, the steps, the module's features), so any change measures again."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0".encode())
    sources = sorted([*PROJECT_ROOT.glob("reference/*.py"), *PROJECT_ROOT.glob("steps/**/*.py"),
                      *PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("adapters/*.py"),
                      *(FEATURES_DIR / module).rglob("*")])
    for source in sources:
        if source.is_file():
            digest.update(source.as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return Path(tempfile.gettempdir()) / "nodespec-mutate-cache" / f"{module}-{digest.hexdigest()[:20]}.json"


def distinct_runs(trails: dict[str, str], runs: list[str], line_sensitive: set[str]) -> set[str]:
    """The runs worth making for a mutant. A scenario that took on an older line the same path through
    the target files (the same bytecode instructions: ``trails``, run → digest) as on another line
    would add only time: its assertions are the same on every line it holds on — unless the run
    executed a statement that asks which line it is (``line_sensitive``): there a mutant (``since(24)``
    → ``since(25)``) changes one line and not the path of the others. The default line's run comes first."""
    kept: set[str] = set()
    seen: dict[str, set[str]] = {}
    for run in sorted(runs, key=lambda name: " [reference@" in name):
        trails_seen = seen.setdefault(run.split(" [reference@")[0], set())
        if run in line_sensitive or trails.get(run) not in trails_seen:
            trails_seen.add(trails.get(run, ""))
            kept.add(run)
    return kept


def line_sensitive_lines(path: Path) -> set[int]:
    """The lines of the file's statements that ask the reference which Node line it models: they
    name something imported from ``nodespec.reference.lines`` (``since(24)``, ``node_line()``)."""
    text = path.read_text()
    tree = ast.parse(text)
    names = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and (node.module or "").rpartition(".")[2] == "lines" for alias in node.names}
    names |= {alias.asname or alias.name.rpartition(".")[2] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom | ast.Import) for alias in node.names
              if alias.name.rpartition(".")[2] == "lines"}
    if not names:
        return set()
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    lines = text.splitlines()
    found: set[int] = set()
    for statement in statements(tree, lines):
        first, last = statement.lines
        own = range(first, last + 1)
        if any(pattern.search(lines[n - 1].split("#")[0]) for n in own):
            found.update(own)
    return found


def _nth(mutant: Mutant) -> str:
    """How the equivalent list tells this mutant from the same change of the same text in one scope."""
    return f" (occurrence = {mutant.occurrence})" if mutant.occurrence > 1 else ""


def _item_name(item: Any, info: Any) -> str:
    """A run's name: the scenario's id, and the reference's line when it is not the default one."""
    name = info.id if info else item.nodeid
    impl = getattr(getattr(item, "callspec", None), "params", {}).get("nodespec_impl", "reference")
    return name if impl == "reference" else f"{name} [{impl}]"


class _Session:
    """A pytest plugin: after collecting the module's scenarios once, it replaces the test loop with
    the coverage run and the mutant runs, each in a forked child."""

    def __init__(self, module: str, sample: int, seed: int, every: bool, out: Any, lines: list[str] | None = None) -> None:
        self.lines = set(lines or [])
        self.module = module
        self.sample = sample
        self.seed = seed
        self.every = every
        self.out = out
        self.workdir = Path(tempfile.mkdtemp(prefix=f"nodespec-mutate-{module}-"))
        self.failed: str | None = None
        self.passed: set[str] = set()  # the items whose scenario ran and passed (not the not-applicable)
        self.fresh: list[str] = []  # the modules each mutant's child imports afresh
        self.report: dict[str, Any] | None = None
        self.error: str | None = None

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed and self.failed is None:
            self.failed = report.nodeid
        if report.when == "call" and report.passed:
            self.passed.add(report.nodeid)

    def _run_items(self, items: list[Any], names: dict[str, str], tracer: _Tracer | None = None) -> dict[str, Any]:
        """In a child: run the items in order, stop at the first failure."""
        durations: dict[str, float] = {}
        for item in items:
            started = time.monotonic()
            protocol = lambda item=item: item.ihook.pytest_runtest_protocol(item=item, nextitem=None)  # noqa: E731
            if tracer is not None:
                tracer.run(names[item.nodeid], protocol)
            else:
                protocol()
            durations[names[item.nodeid]] = time.monotonic() - started
            if self.failed is not None and tracer is None:
                return {"failed": names.get(self.failed, self.failed)}
        if tracer is not None:
            return {"failed": self.failed, "durations": durations, "passed": sorted(names[i] for i in self.passed),
                    "trails": tracer.trails,
                    "modules": sorted(name for name in sys.modules if name.startswith("nodespec.reference.")),
                    "lines": {f: {str(k): sorted(v) for k, v in lines.items()} for f, lines in tracer.by_file.items()}}
        return {"failed": None}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: Any) -> bool:
        from nodespec.plugin import scenario_info

        try:
            self._loop(session, scenario_info)
        except RuntimeError as error:
            self.error = str(error)
        return True

    def _loop(self, session: Any, scenario_info: Any) -> None:
        out, module = self.out, self.module
        # A failure is all a run needs to know: pytest's traceback (source files parsed for every
        # frame) was most of the CPU time of a killed mutant. The plugin reports failures as data.
        session.config.option.tbstyle = "no"
        names: dict[str, str] = {}
        by_scenario: dict[str, Any] = {}
        for item in session.items:
            names[item.nodeid] = _item_name(item, scenario_info(item))
            by_scenario[names[item.nodeid]] = item
        files = [REFERENCE_DIR / name for name in MODULES[module]]
        print(f"{module}: measuring coverage ({len(session.items)} scenarios on the reference, traced)…", file=out, flush=True)
        t0 = time.monotonic()
        cache = _coverage_cache(module)
        if cache.exists():
            status, cov = "ok", json.loads(cache.read_text())
            print(f"{module}: coverage from the cache ({cache})", file=out)
        else:
            # One line after the other: what a change of line does (lines.on_change) then runs four
            # times, not in every run, where it would make every run line-sensitive.
            by_line = sorted(session.items, key=lambda item: names[item.nodeid].partition(" [reference@")[2])
            def traced() -> dict[str, Any]:
                (self.workdir / "lines").mkdir(exist_ok=True)
                _overlay(self.workdir, **{_TRACE_ENV: str(self.workdir / "lines"),
                                          _FILES_ENV: os.pathsep.join(str(f.resolve()) for f in files)})
                tracer = _Tracer(files)
                # The target modules' own import first: what runs then (a function called at import, as
                # Symbol.for builds captureRejectionSymbol) runs in every mutant's child, for any scenario.
                tracer.run(AT_IMPORT, lambda: [importlib.import_module(f"nodespec.reference.{f.stem}") for f in files])
                return self._run_items(by_line, names, tracer)

            status, cov = _in_child(traced, 1800,
                                    self.workdir / "coverage.log")
            if status == "ok" and not cov["failed"]:
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(json.dumps(cov))
        if status != "ok":
            raise RuntimeError(f"the coverage run failed ({status}); see {self.workdir / 'coverage.log'}")
        if cov["failed"]:
            raise RuntimeError(f"the {module} specification does not pass on the reference ({cov['failed']}); "
                               f"mutation testing needs a green start: see {self.workdir / 'coverage.log'}")
        line_sensitive = {run for path in files for line in line_sensitive_lines(path)
                          for run in cov["lines"][str(path.resolve())].get(str(line), [])}
        kept = distinct_runs(cov["trails"], [name for name in by_scenario if name in set(cov["passed"])], line_sensitive)
        everyone = [name for name in by_scenario if name in kept]
        durations: dict[str, float] = cov["durations"]
        coverage_report: dict[str, Any] = {}
        candidates: list[Mutant] = []
        for path in files:
            executed = {int(k): everyone if AT_IMPORT in v else [s for s in v if s in kept]
                        for k, v in cov["lines"][str(path.resolve())].items()}
            covered, missed = covered_statements(path, executed, everyone)
            total = len(covered) + len(missed)
            coverage_report[f"reference/{path.name}"] = {
                "statements": total, "covered": len(covered),
                "percent": round(100 * len(covered) / total, 1) if total else 100.0, "missed_lines": missed,
            }
            candidates += mutants_of(path, covered)
        self.fresh = preload(module, cov["modules"])
        print(f"{module}: coverage measured in {time.monotonic() - t0:.0f} s; {len(everyone)} of the "
              f"{len(cov['passed'])} runs that pass are distinct (older lines' runs of the same code dropped)", file=out)
        for name, c in coverage_report.items():
            print(f"  {name}: {c['covered']}/{c['statements']} statements ({c['percent']} %)", file=out)
        candidates.sort(key=lambda m: (m.file, m.line, m.operator, m.after))
        if self.lines:
            candidates = [m for m in candidates if f"{m.file}:{m.line}" in self.lines]
        chosen = candidates if self.every or self.lines else \
            random.Random(self.seed).sample(candidates, min(self.sample, len(candidates)))
        equivalent = load_equivalent()
        print(f"{module}: {len(candidates)} mutants of covered statements; running {len(chosen)} (seed {self.seed})",
              file=out, flush=True)
        stale: list[Mutant] = []
        for index, mutant in enumerate(chosen, 1):
            # Fast scenarios first: most mutants die in the first one that fails.
            mutant.scenarios.sort(key=lambda s: (durations.get(s, 0.0), s))
            budget = 20 + 3 * sum(durations.get(s, 0.0) for s in mutant.scenarios)
            self._run_mutant(mutant, [by_scenario[s] for s in mutant.scenarios if s in by_scenario], names, budget)
            reason = equivalent.get(mutant.key)
            if reason is not None:
                if mutant.status == "killed":
                    stale.append(mutant)
                else:
                    mutant.status, mutant.reason = "equivalent", reason
            mark = {"killed": "✓", "survived": "✗", "equivalent": "≡", "error": "!"}[mutant.status]
            print(f"  [{index}/{len(chosen)}] {mark} {mutant.file}:{mutant.line} ({mutant.scope or 'module'}) {mutant.operator}: "
                  f"{mutant.before}  →  {mutant.after}{_nth(mutant)}" + (f"  ({mutant.by})" if mutant.status == "error" else ""),
                  file=out, flush=True)
        counts = {s: sum(1 for m in chosen if m.status == s) for s in ("killed", "survived", "equivalent", "error")}
        judged = counts["killed"] + counts["survived"]
        score = round(100 * counts["killed"] / judged, 1) if judged else None
        self.report = {
            "format": "nodespec-mutate/1", "module": module, "seed": self.seed, "population": len(candidates),
            "sampled": len(chosen), "killed": counts["killed"], "survived": counts["survived"],
            "equivalent": counts["equivalent"], "errors": counts["error"], "score_percent": score,
            "equivalent_percent": round(100 * counts["equivalent"] / len(chosen), 1) if chosen else 0.0,
            "seconds": round(time.monotonic() - t0, 1),
            "mutants_cpu_seconds": round(sum(m.cpu_seconds for m in chosen), 1),
            "coverage": coverage_report,
            "stale_equivalent": [m.as_json() for m in stale],
            "mutants": [m.as_json() for m in chosen],
        }
        survivors = [m for m in chosen if m.status == "survived"]
        if survivors:
            print(f"\n{module}: {len(survivors)} survivors", file=out)
            for mutant in survivors:
                print(f"--- {mutant.file}:{mutant.line} in {mutant.scope or 'the module'}: {mutant.operator}{_nth(mutant)} "
                      f"({len(mutant.scenarios)} scenarios run)", file=out)
                print(mutant.diff, file=out)
        for mutant in stale:
            print(f"stale equivalent entry (the mutant is killed by {mutant.by}): {mutant.file}: "
                  f"{mutant.before!r} → {mutant.after!r}{_nth(mutant)}", file=out)
        print(f"{module}: sampled {len(chosen)}, killed {counts['killed']}, survived {counts['survived']}, "
              f"equivalent {counts['equivalent']} ({self.report['equivalent_percent']} %), errors {counts['error']}; "
              f"score {score} % of the non-equivalent mutants; {time.monotonic() - t0:.0f} s", file=out, flush=True)

    def _run_mutant(self, mutant: Mutant, items: list[Any], names: dict[str, str], timeout: float) -> None:
        path = PROJECT_ROOT / mutant.file
        fullname = "nodespec.reference." + path.stem

        def work() -> dict[str, Any]:
            # The harness itself may have imported the module (an adapter uses buffer_encodings), and
            # the modules that import it must import the mutant: forget them all, and the package's
            # attributes, so that the reference imports the mutant.
            package = sys.modules.get(fullname.rpartition(".")[0])
            for name in {fullname, *self.fresh}:
                sys.modules.pop(name, None)
                if package is not None and hasattr(package, name.rpartition(".")[2]):
                    delattr(package, name.rpartition(".")[2])
            finder = _MutatedFinder(fullname, str(path.resolve()), mutant.source)
            sys.meta_path.insert(0, finder)
            source = self.workdir / "mutant.py"
            source.write_text(mutant.source)
            _overlay(self.workdir, **{_MUTANT_ENV: os.pathsep.join([fullname, str(source), str(path.resolve())])})
            outcome = self._run_items(items, names)
            loaded = sys.modules.get(fullname)
            outcome["foreign"] = loaded is not None and getattr(loaded.__spec__, "loader", None) is not finder.loader
            return outcome

        started, cpu = time.monotonic(), _children_cpu()
        status, value = _in_child(work, timeout, self.workdir / "mutant.log")
        mutant.seconds = round(time.monotonic() - started, 2)
        mutant.cpu_seconds = round(_children_cpu() - cpu, 3)
        if status == "timeout":
            mutant.status, mutant.by = "killed", "timeout"
        elif status == "crash":
            mutant.status, mutant.by = "killed", f"crash (exit {value})"
        elif value.get("foreign"):
            mutant.status, mutant.by = "error", "the scenarios ran an unmutated copy of the module"
        elif value["failed"]:
            mutant.status, mutant.by = "killed", value["failed"]
        else:
            mutant.status = "survived"


# -- the equivalent list -------------------------------------------------------------------------------------


def load_equivalent(path: Path = EQUIVALENT_FILE) -> dict[tuple[str, str, str, str, int], str]:
    """(file, scope, before, after, occurrence) → reason. ``occurrence`` (default 1) tells apart the
    same change of the same line text made more than once in one scope (three ``raise …`` lines)."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text())
    entries: dict[tuple[str, str, str, str, int], str] = {}
    for entry in data.get("equivalent", []):
        missing = {"file", "scope", "before", "after", "reason"} - set(entry)
        if missing:
            raise ValueError(f"{path}: an entry lacks {', '.join(sorted(missing))}: {entry}")
        if not entry["reason"].strip():
            raise ValueError(f"{path}: an entry has an empty reason: {entry}")
        occurrence = entry.get("occurrence", 1)
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            raise ValueError(f"{path}: occurrence must be a positive integer: {entry}")
        key = (entry["file"], entry["scope"], entry["before"], entry["after"], occurrence)
        if key in entries:
            raise ValueError(f"{path}: two entries name the same mutant: {entry}")
        entries[key] = entry["reason"]
    return entries


# -- the command ---------------------------------------------------------------------------------------


def run(module: str, sample: int, seed: int, out: Any = sys.stdout, json_path: Path | None = None,
        every: bool = False, lines: list[str] | None = None) -> dict[str, Any]:
    session = _Session(module, sample, seed, every, out, lines)
    code = pytest.main(_pytest_args(module), plugins=[session])
    if session.error:
        raise RuntimeError(session.error)
    if session.report is None:
        raise RuntimeError(f"the {module} specification could not be collected (pytest exit {int(code)})")
    if json_path is not None:
        json_path.write_text(json.dumps(session.report, indent=1, ensure_ascii=False))
    return session.report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--module", required=True, help="events, buffer or crypto (a comma list runs each)")
    parser.add_argument("--sample", type=int, default=100, help="mutants drawn at random (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--all", action="store_true", help="run every mutant instead of a sample")
    parser.add_argument("--line", action="append", metavar="FILE:LINE",
                        help="only the mutants of this line, e.g. reference/events.py:647 (repeatable; implies --all)")
    parser.add_argument("--json", metavar="FILE", help="write the report (counts, coverage, every mutant and its diff)")


def main(args: argparse.Namespace) -> int:
    modules = [m.strip() for m in args.module.split(",") if m.strip()]
    unknown = [m for m in modules if m not in MODULES]
    if unknown or not modules:
        print(f"nodespec mutate: unknown module {', '.join(unknown) or repr(args.module)} "
              f"(choose from {', '.join(MODULES)})", file=sys.stderr)
        return 2
    if args.sample < 1:
        print("nodespec mutate: --sample must be at least 1", file=sys.stderr)
        return 2
    try:
        load_equivalent()
    except (ValueError, tomllib.TOMLDecodeError) as error:
        print(f"nodespec mutate: {error}", file=sys.stderr)
        return 2
    # Imported here, before any fork, so each child starts with them loaded (but not the reference,
    # which each child loads itself, mutated).
    import nodespec.plugin  # noqa: F401
    import nodespec.steps  # noqa: F401

    targets = {f"nodespec.reference.{Path(f).stem}" for m in modules for f in MODULES[m]}
    loaded = sorted(targets & set(sys.modules))
    if loaded:
        print(f"nodespec mutate: the reference is already imported ({', '.join(loaded)}); run it as a command",
              file=sys.stderr)
        return 2

    status = 0
    for module in modules:
        json_path = None
        if args.json:
            json_path = Path(args.json)
            if len(modules) > 1:
                json_path = json_path.with_name(f"{json_path.stem}-{module}{json_path.suffix}")
        # Each module's campaign in a process of its own: it imports the reference modules its mutants
        # do not touch once, before forking them (preload), and those may be another module's targets.
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            _die_with_parent(parent)
            os._exit(_campaign(module, args, json_path))
        try:
            code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        except KeyboardInterrupt:  # the campaign got the same Ctrl-C: let it stop
            os.waitpid(pid, 0)
            code = 130
        if code in (3, 130) or code < 0:
            return code if code > 0 else 130
        status = max(status, code)
    return status


def _campaign(module: str, args: argparse.Namespace, json_path: Path | None) -> int:
    """One module's campaign, in the forked process ``main`` waits for: its exit status."""
    code = 70
    try:
        report = run(module, args.sample, args.seed, json_path=json_path, every=args.all, lines=args.line)
        code = 1 if report["errors"] else 0
    except RuntimeError as error:
        print(f"nodespec mutate: {error}", file=sys.stderr)
        code = 3
    except KeyboardInterrupt:
        print(f"nodespec mutate: {module}: interrupted", file=sys.stderr)
        code = 130
    except BaseException:  # noqa: B036 - a bug in the tool: show it, then leave with the status
        import traceback

        traceback.print_exc()
    sys.stdout.flush()
    sys.stderr.flush()
    return code
