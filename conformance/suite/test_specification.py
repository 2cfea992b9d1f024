"""The specification as pytest tests: every scenario of the run's feature files, once per implementation.

This module holds no test of its own. When pytest collects it, the nodespec plugin writes one test
function per scenario of the run's feature files into it (``plugin.SpecificationModule``), and
parametrizes the ``spec`` fixture that every scenario uses by implementation (``--impl``)."""

import pytest

# The step vocabulary: pytest-bdd's step definitions are fixtures, so the modules that define steps are
# this suite's plugins (tests/test_layering.py checks that none is missing).
pytest_plugins = [
    "nodespec.steps.statements",
    "nodespec.steps.checks",
    "nodespec.steps.listeners",
    "nodespec.steps.programs",
    "nodespec.steps.vectors",
]

pytestmark = pytest.mark.usefixtures("spec")
