"""The layers of docs/architecture.md, checked on the imports: the harness reaches the reference only
through an adapter (adapters/), and of the steps it knows only the package it loads as the vocabulary.
Tools about the reference itself (mutate.py, bench/) and the programs the specification runs are not
the harness's layers."""

from __future__ import annotations

import ast
from pathlib import Path

from nodespec import PACKAGE_DIR

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


def test_the_harness_loads_the_step_vocabulary_and_uses_nothing_inside_it():
    offenders = [f"{p.relative_to(PACKAGE_DIR)}: {name}" for p in harness_modules() for name in sorted(imports(p))
                 if name.startswith("nodespec.steps.")]
    assert offenders == []
    assert harness_modules() and any("nodespec.steps" in imports(p) for p in harness_modules())
