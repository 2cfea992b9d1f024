"""The layers of docs/architecture.md, checked on the imports: the harness reaches the reference only
through an adapter (adapters/), and it imports nothing of the steps: the suite names their modules as its
pytest plugins.
Tools about the reference itself (mutate.py, bench/) and the programs the specification runs are not
the harness's layers."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import nodespec.steps
from nodespec import PACKAGE_DIR

STEPS_DIR = Path(nodespec.steps.__file__).parent

OUTSIDE_THE_LAYERS = ("adapters", "bench", "programs", "mutate.py")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def harness_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE_DIR.rglob("*.py"))
            if p.relative_to(PACKAGE_DIR).parts[0] not in OUTSIDE_THE_LAYERS]


def test_the_harness_imports_the_reference_only_through_adapters():
    offenders = [f"{p.relative_to(PACKAGE_DIR)}: {name}" for p in harness_modules() for name in sorted(imports(p))
                 if name == "nodespec.reference" or name.startswith("nodespec.reference.")]
    assert offenders == []


def test_the_harness_imports_nothing_of_the_steps():
    offenders = [f"{p.relative_to(PACKAGE_DIR)}: {name}" for p in harness_modules() for name in sorted(imports(p))
                 if name == "nodespec.steps" or name.startswith("nodespec.steps.")]
    assert harness_modules() and offenders == []


def test_the_suite_loads_every_module_of_the_step_vocabulary_as_a_plugin():
    defining = {f"nodespec.steps.{p.stem}" for p in STEPS_DIR.glob("*.py")
                if re.search(r"^@(given|when|then)\(", p.read_text(), re.M)}
    suite = importlib.import_module("nodespec.suite.test_specification")
    assert defining and sorted(suite.pytest_plugins) == sorted(defining)
