"""The step vocabulary: no two step definitions share a pattern (pytest-bdd would silently keep one),
and steps never import the reference: they talk to implementations only through the contract."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import nodespec.steps

STEPS_DIR = Path(nodespec.steps.__file__).parent


def step_patterns() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(STEPS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("given", "when", "then", "step"):
                if not node.args:
                    continue
                arg = node.args[0]
                if isinstance(arg, ast.Call) and arg.args and isinstance(arg.args[0], ast.Constant):
                    arg = arg.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[(node.func.id, arg.value)].append(f"{path.name}:{node.lineno}")
    return found


def test_no_two_step_definitions_share_a_pattern():
    duplicates = {k: v for k, v in step_patterns().items() if len(v) > 1}
    assert duplicates == {}


def test_steps_do_not_import_the_reference():
    offenders = []
    for path in STEPS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("nodespec.reference")]
    assert offenders == []
