"""The reference is typed: ``mypy --strict`` passes on ``nodespec.reference`` (it ships ``py.typed``).

The source tree maps ``reference/`` to ``nodespec.reference`` only when installed (and setuptools'
editable finder is invisible to mypy), so the check runs on a small tree of links laid out as the
installed package is, kept in the tox environment so that mypy's cache makes a re-run fast."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (tox -e py installs it)")
def test_the_reference_passes_mypy_strict() -> None:
    tree = Path(sys.prefix) / "nodespec-typecheck"
    package = tree / "nodespec"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    # the reference itself, and the harness modules it imports (nodespec.values, nodespec.node_lines…)
    used = {m for f in (ROOT / "reference").glob("*.py") for m in re.findall(r"\bnodespec\.(\w+)", f.read_text())}
    links = [("reference", ROOT / "reference")]
    links += [(f"{m}.py", ROOT / "conformance" / f"{m}.py") for m in sorted(used - {"reference"})
              if (ROOT / "conformance" / f"{m}.py").exists()]
    for name, target in links:
        link = package / name
        if not (link.is_symlink() and link.resolve() == target):
            link.unlink(missing_ok=True)
            link.symlink_to(target)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
         "--cache-dir", str(tree / ".mypy_cache"), "-p", "nodespec.reference"],
        cwd=tree, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
