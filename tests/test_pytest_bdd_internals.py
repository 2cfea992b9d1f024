"""The pytest-bdd internals nodespec relies on (pinned in pyproject.toml: pytest-bdd>=9.0,<10), and the one of
pytest's (its item reordering), checked one by one, so that a release that changes them fails here, loudly
and by name, instead of silently losing scenario ids, outline rows or failure data in a run."""

from __future__ import annotations

import importlib
import inspect
import types
from pathlib import Path

import pytest_bdd
import pytest_bdd.steps
from _pytest.scope import Scope
from pytest_bdd.feature import get_features
from pytest_bdd.parser import Feature, ScenarioTemplate

from nodespec import plugin

scenario_module = importlib.import_module("pytest_bdd.scenario")  # the module, not the function of that name

FEATURE = """@events
Feature: internals
  @tagged
  Scenario Outline: row <n>
    Given a step with <n>

    @row-tag
    Examples:
      | n |
      | 1 |
"""


def test_get_features_parses_templates_with_what_features_py_reads(tmp_path: Path) -> None:
    path = tmp_path / "internals.feature"
    path.write_text(FEATURE)
    [feature] = get_features([str(path)])
    assert isinstance(feature, Feature) and feature.filename == str(path) and "events" in feature.tags
    template = feature.scenarios["row <n>"]
    assert isinstance(template, ScenarioTemplate)
    assert template.tags == {"tagged"} and template.rule is None and template.line_number == 4
    assert template.feature is feature
    [examples] = template.examples
    assert examples.tags == {"row-tag"}
    assert list(examples.as_contexts()) == [{"n": "1"}]
    rendered = template.render({"n": "1"})
    assert rendered.name == "row 1"
    [step] = rendered.steps
    assert (step.keyword.strip(), step.name, step.docstring, step.datatable) == ("Given", "a step with 1", None, None)


def test_the_registry_of_scenario_wrappers_and_the_outline_parameter_name() -> None:
    # plugin.py finds a test item's scenario template through this registry …
    assert plugin.scenario_wrapper_template_registry is scenario_module.scenario_wrapper_template_registry
    assert hasattr(scenario_module.scenario_wrapper_template_registry, "get")
    # … and an outline row's values through this callspec parameter
    assert "_pytest_bdd_example" in inspect.getsource(scenario_module)


def test_the_hooks_the_plugin_implements_exist_with_its_arguments() -> None:
    specs = {name: inspect.signature(getattr(pytest_bdd.hooks, name)).parameters
             for name in ("pytest_bdd_step_error", "pytest_bdd_step_func_lookup_error")}
    assert list(specs["pytest_bdd_step_error"]) == ["request", "feature", "scenario", "step", "step_func",
                                                    "step_func_args", "exception"]
    assert list(specs["pytest_bdd_step_func_lookup_error"]) == ["request", "feature", "scenario", "step", "exception"]


def test_the_step_lookup_the_plugin_keeps_is_the_one_pytest_bdd_calls() -> None:
    # plugin.py keeps get_step_function's answers per (step type, text, module): pytest-bdd must call it
    # through its module (so the kept answers are used) with these arguments, and return what it found …
    assert scenario_module.get_step_function is plugin._cached_step_function
    assert list(inspect.signature(plugin._find_step_function).parameters) == ["request", "step"]
    assert "get_step_function(request=request, step=step)" in inspect.getsource(scenario_module._execute_scenario)
    # … which it finds through find_fixturedefs_for_step, called through its module with these arguments
    # (plugin.py lists a module's step definitions once), among step definitions registered so
    assert scenario_module.find_fixturedefs_for_step is plugin._step_definitions
    assert "find_fixturedefs_for_step(step=step, fixturemanager=fixturemanager, node=node)" in inspect.getsource(
        scenario_module.inject_fixturedefs_for_step)
    # plugin.py's _step_definitions answers as pytest-bdd's own does: the same names, the same filters
    assert plugin._step_function_contexts is pytest_bdd.steps.step_function_context_registry
    original = inspect.getsource(scenario_module).split("def find_fixturedefs_for_step(", 1)[1].split("\ndef ", 1)[0]
    for line in ("for fixturename in get_fixture_names(fixturemanager=fixturemanager):",
                 "for fixturedef in getfixturedefs(fixturemanager, fixturename, node) or []:",
                 "step_func_context = step_function_context_registry.get(fixturedef.func)",
                 "if step_func_context.type is not None and step_func_context.type != step.type:",
                 "match = step_func_context.parser.is_matching(step.name)"):
        assert line in original, line
    # … and reads a step function's signature through these two names of its module, which plugin.py keeps
    source = inspect.getsource(scenario_module._execute_step_function)
    assert "signature(context.step_func)" in source and "get_required_args(context.step_func)" in source
    assert scenario_module.signature.__wrapped__ is inspect.signature


def test_the_scenario_reporting_the_plugin_leaves_out_serves_only_cucumber_json_and_the_gherkin_reporter() -> None:
    # plugin.py makes pytest-bdd's reporting functions no-ops unless --cucumberjson or
    # --gherkin-terminal-reporter is given: pytest-bdd must call every one through its module …
    bdd_plugin = inspect.getsource(importlib.import_module("pytest_bdd.plugin"))
    for name in plugin._scenario_reporting:
        assert f"reporting.{name}(" in bdd_plugin, name
        assert plugin._scenario_reporting[name].__module__ == "pytest_bdd.reporting"
    # … and what they record (scenario_reports_registry) and render (test_report_context_registry) is read
    # by those two alone
    sources = {path.name: path.read_text() for path in Path(pytest_bdd.__file__).parent.glob("*.py")}
    assert [name for name, text in sources.items() if "scenario_reports_registry" in text] == ["reporting.py"]
    readers = sorted(name for name, text in sources.items() if "test_report_context_registry" in text and name != "reporting.py")
    assert readers == ["cucumber_json.py", "gherkin_terminal_reporter.py"]


class _Item:
    """What pytest's reorder_items reads of an item: its path, class and parameters with their scopes."""

    def __init__(self, scopes: dict[str, Scope] | None) -> None:
        self.path, self.cls = Path("test_x.py"), None
        if scopes is not None:
            self.callspec = types.SimpleNamespace(params=dict.fromkeys(scopes, 1), indices=dict.fromkeys(scopes, 0),
                                                  _arg2scope=scopes)


def test_the_item_order_the_plugin_keeps_is_pytests_when_no_parameter_is_wider_than_a_function(monkeypatch) -> None:
    # plugin.py keeps the collected order unless an item has a parameter of a wider scope: pytest must
    # call reorder_items through its module, and look at nothing but those parameters to reorder …
    fixtures = importlib.import_module("_pytest.fixtures")
    assert fixtures.reorder_items is plugin._reorder_items_if_scoped
    assert "items[:] = reorder_items(items)" in inspect.getsource(fixtures.FixtureManager.pytest_collection_modifyitems)
    source = inspect.getsource(fixtures.get_param_argkeys)
    assert "for argname, param in callspec.params.items():" in source
    assert "if callspec._arg2scope[argname] != scope:" in source
    # … so its answer for such items is theirs (the order given, each item once) …
    items = [_Item(None), _Item({"nodespec_impl": Scope.Function}), _Item({"a": Scope.Function, "b": Scope.Function})]
    items += [items[1], _Item(None)]
    assert plugin._reorder_items_if_scoped(items) == plugin._reorder_items(items) == list(dict.fromkeys(items))
    # … and one wider parameter hands the items to pytest's reordering
    monkeypatch.setattr(plugin, "_reorder_items", lambda given: ["pytest's order"])
    assert plugin._reorder_items_if_scoped([*items, _Item({"a": Scope.Module})]) == ["pytest's order"]
