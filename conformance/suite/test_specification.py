"""The specification as pytest tests: every scenario of the selected feature files, once per
implementation (the ``spec`` fixture is parametrized by the nodespec plugin)."""

import pytest
from pytest_bdd import scenarios

from nodespec.plugin import selected_feature_paths

pytestmark = pytest.mark.usefixtures("spec")

scenarios(*[str(path) for path in selected_feature_paths()])
