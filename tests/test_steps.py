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


def test_every_step_of_the_specification_matches_exactly_one_definition():
    """pytest-bdd takes one of several matching definitions without a word; here ambiguity is an error."""
    import importlib
    import pkgutil

    from pytest_bdd.feature import get_features
    from pytest_bdd.steps import step_function_context_registry

    from nodespec import FEATURES_DIR

    for info in pkgutil.iter_modules(nodespec.steps.__path__):
        importlib.import_module(f"nodespec.steps.{info.name}")
    contexts = [c for c in list(step_function_context_registry.values())
                if getattr(c.step_func, "__module__", "").startswith("nodespec.steps")]
    problems = set()
    for feature in get_features([str(FEATURES_DIR)]):
        for template in feature.scenarios.values():
            rows = [ctx for ex in template.examples for ctx in ex.as_contexts()] or [{}]
            for row in rows:
                for step in template.render(row).steps:
                    matches = [c for c in contexts if (c.type in (None, step.type)) and c.parser.is_matching(step.name)]
                    if len(matches) != 1:
                        where = [f"{c.step_func.__module__}.{c.step_func.__name__}" for c in matches]
                        problems.add(f"{feature.rel_filename}: {step.keyword} {step.name!r} matches {len(matches)}: {where}")
    assert sorted(problems) == []
