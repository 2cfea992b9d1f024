"""nodespec's pytest plugin: ``--impl`` parametrizes every scenario over implementations; each cell
gets exactly one status from a closed set; expectations turn known failures into expected failures
(and unexpected passes into failures); the matrix and the JSON results close the run. The run's
scenarios become test functions of the suite module when pytest collects it (``SpecificationModule``).

It works under pytest-xdist: bridges start once per worker, cells travel to the controller in the
reports' ``user_properties``, and the controller writes the results file.
"""

from __future__ import annotations

import atexit
import datetime
import functools
import gc
import importlib
import json
import os
import re
import shlex
import signal
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from _pytest.scope import Scope
from pytest_bdd import scenario
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.steps import step_function_context_registry as _step_function_contexts

from nodespec import (
    FEATURES_DIR,
    PACKAGE_DIR,
    expectations,
    features,
    notation,
    protocol,
    registry,
    results,
    shard,
    status,
    tagexpr,
    xdist_events,
)
from nodespec.implementation import processes_with_env
from nodespec.session import Divergence, Session

CELL_PROPERTY = "nodespec-cell"
SPEC_ERROR_PROPERTY = "nodespec-specification-error"
_failure_key = pytest.StashKey[dict]()
_cell_key = pytest.StashKey[bool]()
_reason_key = pytest.StashKey[str]()  # why a cell is not applicable

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nodespec")
    group.addoption("--impl", dest="nodespec_impls", default=None, help="implementations to run the specification against: a comma list, or 'all' (default: reference)")
    group.addoption("--features", dest="nodespec_features", action="append", default=None, metavar="PATH", help="feature files or folders (repeatable; default: the project's features/)")
    group.addoption("--scenario", dest="nodespec_scenarios", action="append", default=None, metavar="ID", help="run only the scenario with this id (repeatable)")
    group.addoption("--tags", dest="nodespec_tags", default=None, metavar="EXPR", help="a tag expression: 'events and not program', '@slow or (buffer and vector)'")
    group.addoption("--expectations", dest="nodespec_expectations", default=None, metavar="DIR", help="folder of IMPL[.PART].toml expectation files (default: the shipped ones)")
    group.addoption("--nodespec-json", default=None, metavar="FILE", help="write the results file (format nodespec-results/1)")
    group.addoption("--target", dest="nodespec_target", default=None, metavar="LINE", help="judge every implementation against this Node.js line (20, 22, 24 or 26) instead of its own")
    group.addoption("--nodespec-matrix", action="store_true", default=False, help="print the matrix at the end")
    group.addoption("--shard", dest="nodespec_shard", default=None, metavar="K/N", help="run only shard K of N (split by scenario id)")
    group.addoption("--shard-durations", dest="nodespec_shard_durations", default=None, metavar="FILE",
                    help="a results file whose durations balance the shards (default: none, equal weights)")


class RunState:
    def __init__(self, config: pytest.Config) -> None:
        # A path that is not a file or folder here may name the shipped specification: events, events/once.feature.
        given = [p if Path(p).exists() or not (FEATURES_DIR / p).exists() else str(FEATURES_DIR / p)
                 for p in config.getoption("nodespec_features") or []]
        missing = [p for p in given if not Path(p).exists()]
        if missing:
            raise status.NodespecError(f"--features {missing[0]}: no such file or folder (nor in the shipped "
                                       "specification, e.g. events or events/once.feature)", status.USAGE)
        self.paths = [Path(p).resolve() for p in given] or [FEATURES_DIR]
        self.given_paths = [Path(p).resolve() for p in given]
        only = config.getoption("nodespec_scenarios") or []
        files = {FEATURES_DIR / i.split("::", 1)[0] for i in only}
        if only and not given and all(f.is_file() for f in files):
            self.paths = sorted(files)  # --scenario alone: collect only the features that hold them (a fast rerun)
        try:
            self.features = features.load(self.paths)
        except GherkinParseError as error:
            where = Path(error.filename)
            where = where.relative_to(Path.cwd()) if where.is_relative_to(Path.cwd()) else where
            raise status.NodespecError(f"{where}:{error.line}: {error.message} ({error.line_content.strip()!r})",
                                       status.SPECIFICATION) from None
        duplicates = features.duplicate_ids(self.features)
        if duplicates:
            raise status.NodespecError(duplicates[0], status.SPECIFICATION)
        if given and not any(f.scenarios for f in self.features):
            raise status.NodespecError(f"--features {' '.join(given)}: no scenario found (feature files end in .feature)",
                                       status.USAGE)
        target = config.getoption("nodespec_target")
        if target is not None:
            from nodespec.node_lines import parse_line

            try:
                registry.set_target(parse_line(target))
            except ValueError as error:
                raise status.NodespecError(f"--target: {error}", status.USAGE) from None
        try:
            self.impls = registry.select(config.getoption("nodespec_impls") or "reference")
        except registry.SelectionError as error:
            raise status.NodespecError(str(error), status.USAGE) from None
        tags = config.getoption("nodespec_tags")
        try:
            known = set(features.vocabulary()) | {t for f in self.features for s in f.scenarios for t in s.tags}
            self.tags = tagexpr.parse(tags, known) if tags else None
        except tagexpr.TagExpressionError as error:
            raise status.NodespecError(str(error), status.USAGE) from None
        self.roots = [p.resolve() if p.is_dir() else p.resolve().parent for p in self.paths]
        directory = Path(config.getoption("nodespec_expectations") or expectations.EXPECTATIONS_DIR)
        if not directory.is_dir():
            raise status.NodespecError(f"--expectations {directory}: no such folder", status.USAGE)
        try:
            self.expectations = {impl: expectations.load(impl, directory) for impl in self.impls}
        except expectations.ExpectationError as error:
            raise status.NodespecError(str(error), status.EXPECTATIONS) from None
        self.cells: list[dict[str, Any]] = []
        self.started = datetime.datetime.now(datetime.UTC)
        self.t0 = time.monotonic()
        self.only = set(config.getoption("nodespec_scenarios") or [])
        # (feature file, scenario or outline title) → its scenarios by their Examples row: an item's scenario
        self.infos: dict[tuple[str, str], dict[Any, features.ScenarioInfo]] = {}
        for feature in self.features:
            for info in feature.scenarios:
                self.infos.setdefault((feature.filename, info.outline or info.name), {})[_row(info.example)] = info
        self.decided: dict[tuple[str, str], Decided | None] = {}  # (scenario id, implementation) → its cell, if decided
        self.availability: dict[str, Any] = {}  # implementation → its availability, asked once


_state_key = pytest.StashKey[RunState]()
# Why the run stopped before running anything (a NodespecError's status), for ``nodespec run``'s exit status.
last_error: dict[str, Any] = {}
_spec_errors: list[str] = []


def _state(config: pytest.Config) -> RunState:
    if _state_key not in config.stash:
        try:
            config.stash[_state_key] = RunState(config)
        except status.NodespecError as error:
            raise _usage_error(error) from None
    return config.stash[_state_key]


def _usage_error(error: status.NodespecError) -> pytest.UsageError:
    last_error.update(message=str(error), status=error.status)
    return pytest.UsageError(str(error))


def pytest_configure(config: pytest.Config) -> None:
    last_error.clear()
    _spec_errors.clear()
    _step_functions.clear()  # another session in this process (a test) may define other steps
    _visible_step_definitions.clear()
    _places.clear()
    _report_scenarios(config)
    config.addinivalue_line("markers", "nodespec: a scenario of the specification")
    for tag, meaning in features.vocabulary().items():  # feature tags become pytest marks
        if ":" not in tag:  # a mark's name cannot hold ':' (claim:…, needs:…): --tags selects those
            config.addinivalue_line("markers", f"{tag}: {meaning.splitlines()[0] if meaning else tag}")
    # The run's state (its features read, its implementations and expectations) where the session runs the
    # specification, made now so that a mistake in what was asked stops it before anything starts. The
    # plugin is in every pytest session of an environment that has nodespec (an entry point): one that
    # does not run the specification reads none of it (the features alone took ~1.5 s of CPU).
    if _runs_suite(config):
        _state(config)
    _where["worker"] = not _is_controller(config)
    if _is_controller(config):
        _mark_run()
        if config.pluginmanager.has_plugin("xdist"):
            xdist_events.accept_batches()
    atexit.register(registry.close_all)


# -- the suite: the run's scenarios as test functions ----------------------------------------------------------

SUITE = PACKAGE_DIR / "suite" / "test_specification.py"


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if module_path.resolve() == SUITE:
        return SpecificationModule.from_parent(parent, path=module_path)
    return None


class SpecificationModule(pytest.Module):
    """The suite module, collected with the run's scenarios in it: before pytest reads its test
    functions, one is written into it per scenario of the run's feature files (``--features``), as
    pytest-bdd's ``scenarios()`` writes them into the module that calls it."""

    def collect(self) -> Any:
        state = _state(self.config)

        def to_run(feature: features.FeatureInfo, title: str) -> bool:
            rows = state.infos[feature.filename, title].values()
            return any(_decided(self.config, info, impl) is None for info in rows for impl in state.impls)

        bind_scenarios(self.obj, state.features, to_run)
        return super().collect()


def bind_scenarios(module: Any, feature_infos: list[features.FeatureInfo],
                   to_run: Callable[[features.FeatureInfo, str], bool]) -> None:
    """One test function per scenario (a Scenario Outline: one for all its rows) in ``module``, for
    those that ``to_run`` says have a cell to run (feature, scenario or outline title)."""
    for name in [n for n in vars(module) if n.startswith("test_")]:  # bound by an earlier run in this process
        delattr(module, name)
    for feature, title, name in test_functions(feature_infos):
        if to_run(feature, title):
            filename = str(feature.root / Path(feature.path).name)
            setattr(module, name, scenario(filename, title, features_base_dir=str(feature.root))(_scenario_body))


def test_functions(feature_infos: list[features.FeatureInfo]) -> list[tuple[features.FeatureInfo, str, str]]:
    """(feature, scenario or outline title, test function name) of every test function of the suite."""
    taken: set[str] = set()
    return [(feature, title, _test_name(title, taken)) for feature in feature_infos
            for title in dict.fromkeys(s.outline or s.name for s in feature.scenarios)]


def _scenario_body() -> None:
    """A scenario is its steps: pytest-bdd runs them before this."""


def _test_name(title: str, taken: set[str]) -> str:
    base = "test_" + (re.sub(r"\W+", "_", title).strip("_").lower() or "scenario")
    name, n = base, 0
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


# pytest-bdd finds a step's definition anew for every step of every cell: it asks pytest for the
# definitions of every fixture name visible to the item (~29 names), tries each step parser on the text,
# registers the ones that match as a temporary fixture and has pytest set that fixture up for the item,
# whose value is the step's definition (~0.35 ms a step, a tenth of a worker's CPU). The answer depends on
# the step's type and text and on which definitions the item sees; every item of the suite is a function
# of its one module and step definitions are fixed once the plugins are loaded, so the definition is kept
# per (type, text, module), and the step definitions a module sees are listed once per module.
_bdd_scenario = importlib.import_module("pytest_bdd.scenario")  # the module, not the function of that name
_find_step_function = _bdd_scenario.get_step_function
_step_functions: dict[tuple[Any, str, str], Any] = {}
_visible_step_definitions: dict[str, list[tuple[Any, Any]]] = {}


def _module_id(node: Any) -> str:
    return node.parent.nodeid if node.parent is not None else ""


def _cached_step_function(request: pytest.FixtureRequest, step: Any) -> Any:
    key = (step.type, step.name, _module_id(request.node))
    try:
        return _step_functions[key]
    except KeyError:
        found = _step_functions[key] = _find_step_function(request=request, step=step)
        return found


def _step_definitions(step: Any, fixturemanager: Any, node: Any) -> Any:
    """pytest-bdd's ``find_fixturedefs_for_step`` (the same definitions in the same order) over the step
    definitions visible to the node's module, listed the first time that module asks."""
    module = _module_id(node)
    if module not in _visible_step_definitions:
        _visible_step_definitions[module] = [
            (fixturedef, context)
            for name in get_fixture_names(fixturemanager=fixturemanager)
            for fixturedef in getfixturedefs(fixturemanager, name, node) or []
            if (context := _step_function_contexts.get(fixturedef.func)) is not None]
    for fixturedef, context in _visible_step_definitions[module]:
        if (context.type is None or context.type == step.type) and context.parser.is_matching(step.name):
            yield fixturedef


_bdd_scenario.get_step_function = _cached_step_function
# … and it records every step of every cell (a ScenarioReport per item, kept as long as the item) and
# renders the scenario (every step with its state, the feature, the tags) into every report of every
# phase, for its Cucumber JSON and its gherkin terminal output only: where neither is asked for, not.
_bdd_reporting = importlib.import_module("pytest_bdd.reporting")
_scenario_reporting = {name: getattr(_bdd_reporting, name)
                       for name in ("before_scenario", "before_step", "after_step", "step_error", "runtest_makereport")}


def _report_scenarios(config: pytest.Config) -> None:
    wanted = config.getoption("cucumber_json_path", None) or config.getoption("gherkin_terminal_reporter", False)
    for name, function in _scenario_reporting.items():
        setattr(_bdd_reporting, name, function if wanted else _no_report)


def _no_report(*args: Any) -> None:
    """pytest-bdd's reporting, not asked for."""


_bdd_scenario.find_fixturedefs_for_step = _step_definitions
_bdd_scenario.signature = functools.cache(_bdd_scenario.signature)
_bdd_scenario.get_required_args = functools.cache(_bdd_scenario.get_required_args)


# pytest reorders the collected items so that those sharing a parameter of a scope wider than a function
# run together: it looks at every item for each of four scopes, in every process that collects (each xdist
# worker: ~1.2 s of CPU for a whole run's items). Where no item has such a parameter, as in the suite,
# its answer is the order collected: that order is kept without the look.
_pytest_fixtures = importlib.import_module("_pytest.fixtures")
_reorder_items = _pytest_fixtures.reorder_items


def _reorder_items_if_scoped(items: list[pytest.Item]) -> list[pytest.Item]:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and any(callspec._arg2scope[name] is not Scope.Function for name in callspec.params):
            return _reorder_items(items)
    return list(dict.fromkeys(items))


_pytest_fixtures.reorder_items = _reorder_items_if_scoped


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_controller(session.config):
        _drop_terminal(session.config)
        if _runs_suite(session.config):
            xdist_events.batch_worker(session.config)
        return
    if not _runs_suite(session.config):
        return
    state = _state(session.config)
    if not any(state.expectations.values()):
        return
    every = state.features if FEATURES_DIR.resolve() in {p.resolve() for p in state.paths} else features.load([FEATURES_DIR, *state.paths])
    ids = {s.id for f in every for s in f.scenarios}
    problems = [p for impl in state.impls for p in expectations.stale(state.expectations[impl], ids)]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise _usage_error(status.NodespecError(f"stale expectation: {problems[0]}{more}", status.EXPECTATIONS))


def _drop_terminal(config: pytest.Config) -> None:
    """An xdist worker running the specification has no terminal (the controller shows the run), yet
    pytest's terminal reporter works on every report there too and keeps each one (and through it
    pytest-bdd's rendering of the scenario) until the end: 3 % of the worker's CPU, and a heap that
    the collector walks again when the session closes. It goes, unless an option prints from here."""
    shows = any(getattr(config.option, name, False) for name in ("setupshow", "setuponly", "setupplan", "usepdb"))
    if _runs_suite(config) and not shows:
        config.pluginmanager.unregister(name="terminalreporter")


@functools.cache
def _mark_names() -> frozenset[str]:
    return frozenset(tag for tag in features.vocabulary() if ":" not in tag)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Tags that cannot be pytest marks (``claim:…``, ``needs:…``, tags of your own features) are
    handled here: nodespec selects scenarios by tag itself (``--tags``), so no mark is needed."""
    return None if tag in _mark_names() else True


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A scenario's test runs on each implementation that has a cell of it to run (the others' are
    decided: ``decide``); an outline's rows decided on one that runs others are dropped from the items."""
    if "nodespec_impl" in metafunc.fixturenames:
        config = metafunc.config
        rows = _rows_of(config, scenario_wrapper_template_registry.get(metafunc.function))
        names = [impl for impl in _state(config).impls if not rows or any(_decided(config, info, impl) is None for info in rows)]
        metafunc.parametrize("nodespec_impl", names, ids=names)


def _rows_of(config: pytest.Config, template: Any) -> list[features.ScenarioInfo]:
    """The scenarios of a scenario template: one, or an outline's rows."""
    if template is None:
        return []
    return list(_state(config).infos.get((template.feature.filename, template.name), {}).values())


_places: dict[Any, tuple[str, int | None]] = {}  # a test function → where pytest places its items (file, line)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> None:
    """pytest places each item it runs (``item.location``: the file and line of its function, for the
    reports) anew for every item, from the function's code and a look at its file on disk (~0.25 ms,
    4 % of a worker's CPU); every item of a test function has the same place, so it is found once per
    function and given to the others (with their own names, as pytest gives them)."""
    if "location" in item.__dict__ or _template(item) is None:
        return
    function = item.obj
    if function not in _places:
        _places[function] = item.location[:2]
    else:
        item.__dict__["location"] = (*_places[function], item.getmodpath())


def _template(item: pytest.Item) -> Any:
    return scenario_wrapper_template_registry.get(getattr(item, "obj", None))


def _example(item: pytest.Item) -> dict[str, str] | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("_pytest_bdd_example") if callspec else None


_info_key = pytest.StashKey["features.ScenarioInfo | None"]()


def scenario_info(item: pytest.Item) -> features.ScenarioInfo | None:
    """The scenario an item runs (computed once per item: every phase of every cell asks)."""
    if _info_key not in item.stash:
        item.stash[_info_key] = _find_scenario_info(item)
    return item.stash[_info_key]


def _find_scenario_info(item: pytest.Item) -> features.ScenarioInfo | None:
    template = _template(item)
    if template is None:
        return None
    rows = _state(item.config).infos.get((template.feature.filename, template.name), {})
    return rows.get(_row(_example(item)))


def _row(example: dict[str, str] | None) -> Any:
    return tuple(example.items()) if example else None


def _shard_filter(config: pytest.Config, infos: list[features.ScenarioInfo]) -> set[str] | None:
    """The scenario ids of this run's shard (``--shard K/N``), or None when the run is whole."""
    spec = config.getoption("nodespec_shard")
    if not spec:
        return None
    k, n = shard.parse(spec)
    previous = None
    durations_file = config.getoption("nodespec_shard_durations")
    if durations_file:
        try:
            previous = json.loads(Path(durations_file).read_text())
        except (OSError, ValueError) as error:
            raise pytest.UsageError(f"--shard-durations {durations_file}: {error}") from None
    split = shard.assign({info.id for info in infos}, n, shard.durations(previous))
    return {sid for sid, where in split.items() if where == k}


_selected_key = pytest.StashKey["Callable[[features.ScenarioInfo], bool]"]()


def _selection(config: pytest.Config) -> Callable[[features.ScenarioInfo], bool]:
    """Whether a scenario is in this run (``--scenario``, ``--tags``, ``--shard``): the same answer in
    the process that reports and in every process that collects."""
    if _selected_key not in config.stash:
        state = _state(config)
        try:
            in_shard = _shard_filter(config, [info for feature in state.features for info in feature.scenarios])
        except shard.ShardError as error:
            raise pytest.UsageError(str(error)) from None
        config.stash[_selected_key] = lambda info: ((not state.only or info.id in state.only)
                                                    and (state.tags is None or state.tags(info.tags))
                                                    and (in_shard is None or info.id in in_shard))
    return config.stash[_selected_key]


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Any:
    """The collection makes a million objects that live as long as the run (a whole run's items) and
    no garbage to speak of: the cyclic collector, which scanned them again and again as they grew
    (1.6 s of a whole run's 6 s collection) and in every full collection of the run after, is
    paused while they are made and then told to leave them be (``gc.freeze``)."""
    if not _runs_suite(session.config):
        return (yield)
    gc.disable()
    try:
        return (yield)
    finally:
        gc.freeze()
        gc.enable()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Scenarios outside the selection are deselected; cells decided before running (below) are no
    items at all: the process that reports the run reports them (``pytest_runtestloop``)."""
    if not _runs_suite(config):
        return
    selected = _selection(config)
    keep, drop = [], []
    for item in items:
        info = scenario_info(item) if _template(item) is not None else None
        if info is not None and not selected(info):
            drop.append(item)
        elif info is None or _decided(config, info, item.callspec.params["nodespec_impl"]) is None:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


@functools.cache
def _declinable() -> frozenset[str]:
    """Capabilities every implementation has unless it declines them (features/tags.toml [declinable])."""
    import tomllib

    file = FEATURES_DIR / "tags.toml"
    table = tomllib.loads(file.read_text()).get("declinable", {}) if file.exists() else {}
    return frozenset(tag.split(":", 1)[1] for tag in table if tag.startswith("needs:"))


class Decided(NamedTuple):
    """A cell whose verdict needs nothing of the implementation but its declaration."""

    status: str  # not-applicable or unavailable
    reason: str | None  # why it is not applicable (an unavailable cell has none: its implementation says why)
    message: str  # what pytest shows: the skip's reason


def decide(info: features.ScenarioInfo, impl: Any, available: Any) -> Decided | None:
    """The cell of ``info`` on ``impl`` when it is decided before running: the implementation is
    unavailable, declines a representation the scenario needs, does not cover its module, lacks a
    capability it needs, or targets a Node.js line the scenario does not hold on. None: it runs."""
    if not available.available:
        return Decided("unavailable", None, f"unavailable: {available.why}; install: {available.install}")
    tags = set(info.tags)
    needs = {t.split(":", 1)[1] for t in tags if t.startswith("needs:")} | ({"program"} if "program" in tags else set())
    declinable = _declinable()
    declined = sorted(c for c in needs & declinable if c in getattr(impl, "lacks", {}))
    needs -= declinable
    if declined:  # a representation choice the implementation declines
        reason = "; ".join(f"{impl.name} declines {c}: {impl.lacks[c]}" for c in declined)
    elif info.module is not None and info.module not in impl.modules:
        reason = f"{impl.name} does not cover {info.module}"
    elif needs - impl.capabilities:
        reason = f"{impl.name} lacks {', '.join(sorted(needs - impl.capabilities))}"
    elif impl.target() not in info.lines:
        reason = f"{impl.name} targets Node {impl.target()}; this holds on Node {', '.join(map(str, info.lines))}"
    else:
        return None
    return Decided("not-applicable", reason, f"not applicable: {reason}")


def _decided(config: pytest.Config, info: features.ScenarioInfo, impl_name: str) -> Decided | None:
    state = _state(config)
    key = (info.id, impl_name)
    if key not in state.decided:
        impl = registry.get(impl_name)
        if impl_name not in state.availability:
            state.availability[impl_name] = impl.availability()
        state.decided[key] = decide(info, impl, state.availability[impl_name])
    return state.decided[key]


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session: pytest.Session) -> Any:
    """After the cells that run, the process that reports the run reports the cells decided before
    running: as the skipped items they were (the terminal's and JUnit's counts stay whole), with their
    cells, without an xdist worker's time or a report sent for each."""
    result = yield
    config = session.config
    if _is_controller(config) and not config.option.collectonly and _runs_suite(config):
        decided = _decided_cells(session)
        session.testscollected += len(decided)
        for report in decided:
            config.hook.pytest_runtest_logreport(report=report)
    return result


def _runs_suite(config: pytest.Config) -> bool:
    """Whether this session runs the specification (the plugin is loaded in every pytest session); asked
    once (every report a worker sends asks)."""
    if _runs_suite_key not in config.stash:
        paths = [Path(str(arg).split("::", 1)[0]).resolve() for arg in config.args]
        config.stash[_runs_suite_key] = any(SUITE == path or SUITE.is_relative_to(path) for path in paths)
    return config.stash[_runs_suite_key]


_runs_suite_key = pytest.StashKey[bool]()


def _decided_cells(session: pytest.Session) -> list[pytest.TestReport]:
    """The decided cells of the selected scenarios, each as its item's setup (skipped) report with the
    cell; the item's node id is made as pytest makes it."""
    config = session.config
    state = _state(config)
    selected = _selection(config)
    try:
        module_id = SUITE.relative_to(config.rootpath).as_posix()
    except ValueError:
        module_id = ""  # the suite outside the root: pytest names it by its place among the given paths (none)
    reports = []
    names = {(feature.path, title): name for feature, title, name in test_functions(state.features)}
    for feature in state.features:
        where = str(feature.root / Path(feature.path).name)
        for info in filter(selected, feature.scenarios):
            # An outline's row is named by its values (pytest-bdd's ids; unique as the lint keeps scenario ids unique).
            row = _escaped("-".join(info.example.values())) if info.example else None
            for impl in state.impls:
                decided = _decided(config, info, impl)
                if decided is None:
                    continue
                test = f"{names[feature.path, info.outline or info.name]}[{'-'.join(filter(None, [_escaped(impl), row]))}]"
                reports.append(pytest.TestReport(f"{module_id}::{test}", (module_id or SUITE.name, None, test), {}, "skipped",
                                                 (where, info.line, decided.message), "setup"))
                _collected.append(_cell(impl, info, decided.status, 0.0, None, None, decided.reason))
    return reports


def _escaped(text: str) -> str:
    """A parameter id as pytest writes it: printable ASCII, the rest escaped."""
    return text.encode("unicode_escape").decode("ascii").translate(_NON_PRINTABLE)


_NON_PRINTABLE = {i: f"\\x{i:02x}" for i in range(128) if i not in range(32, 127)} | {ord("\t"): "\\t", ord("\r"): "\\r", ord("\n"): "\\n"}


@pytest.fixture
def spec(nodespec_impl: str) -> Any:
    """The Session that a scenario's steps talk to, bound to one implementation. It asks for no
    ``request``: pytest makes a fixture definition (and reads a signature) each time that is asked for."""
    session = Session(registry.get(nodespec_impl))
    yield session
    session.close()


def pytest_bdd_before_scenario(request: pytest.FixtureRequest) -> None:
    """A scenario tagged ``legacy-provider`` runs with Node's ``--openssl-legacy-provider`` (its
    Session's options, before its first step asks anything)."""
    info = scenario_info(request.node)
    if info is not None and "legacy-provider" in info.tags:
        request.getfixturevalue("spec").options = frozenset({"legacy-provider"})


# -- failures as data ---------------------------------------------------------------------------------


def _failure_data(exception: BaseException, step: Any | None) -> dict[str, Any]:
    data: dict[str, Any] = {"status": "fail", "message": str(exception)[:1000], "code": None, "step": None, "step_text": None}
    if step is not None:
        data["step"] = f"{step.keyword.strip()} {step.name}"
        data["step_text"] = step.name
    if isinstance(exception, protocol.NotCovered):
        data["capability"] = exception.capability
    if isinstance(exception, protocol.ImplementationFailure):
        data["status"] = exception.status
    elif isinstance(exception, protocol.OperationError):
        error = exception.error
        data["code"] = getattr(error, "code", None)
        data["message"] = f"threw {error}"[:1000]
    elif isinstance(exception, Divergence):
        data["expected"] = notation.shown(exception.expected)[:1500]
        data["actual"] = notation.shown(exception.actual)[:1500]
        data["message"] = exception.what
        # The code of what was thrown instead, so expectations can name it as the signature.
        if isinstance(exception.actual, protocol.JSError):
            data["code"] = exception.actual.code
        elif exception.what in ("error code", "code") and isinstance(exception.actual, str):
            data["code"] = exception.actual
    elif not isinstance(exception, AssertionError):
        data["message"] = f"{type(exception).__name__}: {exception}"[:1000]
    return data


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: BaseException) -> None:
    request.node.stash[_failure_key] = _failure_data(exception, step)


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                                      exception: BaseException) -> None:
    """A step no definition matches is an error of the specification, not a verdict on anyone."""
    data = _failure_data(exception, step)
    where = Path(feature.filename)
    where = where.relative_to(Path.cwd()) if where.is_relative_to(Path.cwd()) else where
    data["specification_error"] = f"{where}:{step.line_number}: no step definition matches {step.keyword.strip()} {step.name}"
    request.node.stash[_failure_key] = data


def _short(failure: dict[str, Any]) -> str:
    # A lone surrogate (a UTF-16 output cut between its halves) as its \uXXXX escape: xdist sends the report
    # as UTF-8, which cannot encode it (the worker crashed).
    return "\n".join(results.failure_lines(failure)).encode("utf-8", "backslashreplace").decode("utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if _template(item) is None or item.stash.get(_cell_key, False):
        return report
    impl = getattr(item, "callspec", None) and item.callspec.params.get("nodespec_impl")
    if impl is None:
        return report
    if report.when == "setup" and report.failed:
        exc = call.excinfo.value if call.excinfo else RuntimeError("setup failed")
        failure = _failure_data(exc, None)
        failure["status"] = failure["status"] if failure["status"] != "fail" else "crash"
        _judge(item, report, impl, passed=False, failure=failure)
    elif report.when == "call":
        failure = None
        if report.failed:
            failure = item.stash.get(_failure_key, None)
            if failure is None and call.excinfo is not None:
                failure = _failure_data(call.excinfo.value, None)
        if failure is not None and failure.get("specification_error"):
            item.stash[_cell_key] = True  # no cell: the scenario could not be run as written
            report.outcome = "skipped"
            report.longrepr = (str(item.path), None, failure["specification_error"])
            report.user_properties.append((SPEC_ERROR_PROPERTY, failure["specification_error"]))
            return report
        _judge(item, report, impl, passed=report.passed, failure=failure)
    return report


def _not_covered(item: pytest.Item, report: pytest.TestReport, impl: str, failure: dict[str, Any]) -> None:
    """The scenario reached a capability the adapter declares it lacks: not applicable, with the
    adapter's reason. An undeclared one is a failure (the adapter must say what it does not cover)."""
    capability = failure.get("capability", "?")
    implementation = registry.get(impl)
    why = implementation.lacks.get(capability)
    module = capability.removeprefix("module ")
    if why is None and capability.startswith("module ") and module not in implementation.modules:
        # its modules are its declaration: a crypto scenario that builds a Buffer, on a crypto-only port
        why = f"the scenario also needs {module}, which {impl} does not provide"
    info = scenario_info(item)
    expectation = _state(item.config).expectations.get(impl, {}).get(info.id) if info else None
    problem = None
    if why is None:
        problem = f"{impl}'s adapter raised NotCovered({capability!r}) but does not declare it in lacks"
    elif expectation is not None:  # stale: a scenario the implementation cannot run has no expected failure
        problem = (f"not applicable ({impl} lacks {capability}), yet {expectation.file} has {expectation.describe()}: "
                   "delete it" + (" or narrow it" if expectation.default else ""))
    if problem is not None:
        failure["status"] = "fail"
        failure["problem"] = problem
        report.outcome = "failed"
        report.longrepr = _short(failure)
        _finish(item, report, impl, "fail", failure, expectation)
        return
    item.stash[_reason_key] = f"{impl} lacks {capability}: {why}"
    report.outcome = "skipped"
    report.longrepr = (str(item.path), None, f"not applicable: {item.stash[_reason_key]}")
    _finish(item, report, impl, "not-applicable", None, None)


def _judge(item: pytest.Item, report: pytest.TestReport, impl: str, passed: bool, failure: dict[str, Any] | None) -> None:
    if failure is not None and failure.get("status") == "not-applicable":
        _not_covered(item, report, impl, failure)
        return
    info = scenario_info(item)
    expectation = _state(item.config).expectations.get(impl, {}).get(info.id) if info else None
    status, problem = expectations.verdict(passed, failure, expectation)
    if status == "expected-fail":
        report.outcome = "skipped"
        report.wasxfail = f"{expectation.category}: {expectation.reason}"  # type: ignore[union-attr]
        # pytest shows an expected failure's reason, never its traceback: the failure's lines, as a failure's,
        # not the traceback's objects, which a worker packs and the controller unpacks (5,300 a whole run).
        report.longrepr = _short(failure) if failure is not None else None
    elif status == "unexpected-pass":
        report.outcome = "failed"
        failure = {"status": status, "problem": problem, "message": problem}
        report.longrepr = problem
    elif failure is not None:
        if problem and problem != status:
            failure["problem"] = problem
        report.longrepr = _short(failure)
    _finish(item, report, impl, status, failure, expectation)


def _finish(item: pytest.Item, report: pytest.TestReport, impl: str, status: str, failure: dict[str, Any] | None,
            expectation: expectations.Expectation | None) -> None:
    item.stash[_cell_key] = True
    info = scenario_info(item)
    if info is None:
        return
    reason = item.stash.get(_reason_key, None) if status == "not-applicable" else None
    cell = _cell(impl, info, status, getattr(report, "duration", 0.0), failure, expectation, reason)
    report.user_properties.append((CELL_PROPERTY, json.dumps(cell)))


def _cell(impl: str, info: features.ScenarioInfo, status: str, duration: float, failure: dict[str, Any] | None,
          expectation: expectations.Expectation | None, reason: str | None) -> dict[str, Any]:
    """A cell as it travels to the process that reports the run: what only the process that ran it
    knows. That process has the run's scenarios and arguments itself: it adds each scenario's
    description and the cell's rerun command when it writes the results (``run_results``)."""
    return {
        "impl": impl,
        "scenario": info.id,
        "status": status,
        "duration_s": round(duration, 4),
        "failure": failure,
        "expectation": expectation.as_json() if expectation else None,
        "reason": reason,
    }


def _rerun(config: pytest.Config) -> Callable[[str, str], str]:
    """The command that reruns one cell (implementation, scenario id): this run's features and expectations,
    that implementation, that scenario."""
    state = _state(config)
    features_args = " ".join(f"--features {shlex.quote(str(p))}" for p in state.given_paths if not p.is_relative_to(FEATURES_DIR.resolve()))
    expectations_arg = f"--expectations {shlex.quote(str(config.getoption('nodespec_expectations')))}" if config.getoption("nodespec_expectations") else ""

    @functools.cache
    def command(impl: str) -> str:
        selector = getattr(registry.get(impl), "selector", impl)
        return " ".join(filter(None, ["nodespec run --impl", shlex.quote(selector), features_args, expectations_arg, "--scenario"]))

    quoted = functools.cache(shlex.quote)  # a scenario's id, once for all its implementations
    return lambda impl, scenario_id: f"{command(impl)} {quoted(scenario_id)}"


@pytest.hookimpl(tryfirst=True)
def pytest_report_to_serializable(config: pytest.Config, report: Any) -> dict[str, Any] | None:
    """A test report of the specification travels from an xdist worker to the process that reports the run
    as one JSON string: execnet packs and unpacks object by object in Python (~40 objects a report, three
    reports an item: a sixth of that process's CPU), ``json`` a string in C. The item's keywords stay
    behind: that process never reads them."""
    if type(report) is not pytest.TestReport or not _runs_suite(config):
        return None
    data = report._to_json()  # pytest's own serialization, as xdist sends it
    data["keywords"] = {}
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):  # something JSON cannot hold (another plugin's user property): pytest's way
        return None
    data = {"$report_type": "TestReport", _REPORT_JSON: text}
    if report.passed and report.when != "call" and not (report.sections or report.longrepr or report.user_properties):
        data[xdist_events.QUIET] = True
    return data


@pytest.hookimpl(tryfirst=True)
def pytest_report_from_serializable(config: pytest.Config, data: dict[str, Any]) -> pytest.TestReport | None:
    if _REPORT_JSON not in data:
        return None
    report = json.loads(data[_REPORT_JSON])
    report.update((key, value) for key, value in data.items() if key not in (_REPORT_JSON, xdist_events.QUIET))  # xdist's: item_index, …
    # JSON has no tuples: the report's are given back as execnet would have kept them.
    report["location"] = tuple(report["location"])
    report["user_properties"] = [tuple(p) for p in report["user_properties"]]
    report["sections"] = [tuple(s) for s in report["sections"]]
    if isinstance(report["longrepr"], list):  # a skip's (path, line, reason)
        report["longrepr"] = tuple(report["longrepr"])
    return pytest.TestReport._from_json(report)


_REPORT_JSON = "nodespec-report"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if _where["worker"]:  # a worker's cells travel in its reports: the controller collects them
        return
    for name, value in report.user_properties:
        if name == CELL_PROPERTY:
            _collected.append(json.loads(value))
        elif name == SPEC_ERROR_PROPERTY and value not in _spec_errors:
            _spec_errors.append(value)


_collected: list[dict[str, Any]] = []
_where = {"worker": False}  # pytest_runtest_logreport has no config to ask


def run_results(config: pytest.Config, interrupted: bool = False) -> dict[str, Any]:
    state = _state(config)
    implementations = [registry.get(name).describe() for name in state.impls]
    claims = features.claims()
    command = " ".join(shlex.quote(a) for a in ["nodespec", "run", *config.invocation_params.args])
    data = results.build(_collected, state.features, implementations, state.started, time.monotonic() - state.t0, command, claims,
                         _rerun(config))
    if _spec_errors:
        data["specification_errors"] = list(_spec_errors)
    if interrupted:
        data["incomplete"] = {"reason": "interrupted", "cells": len(_collected)}
    return data


@pytest.hookimpl(trylast=True)  # after xdist has stopped its workers: they carry the run's marker too
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    registry.close_all()
    config = session.config
    if not _is_controller(config):
        return
    check_leftovers(session)
    if _state_key not in config.stash:
        return
    interrupted = exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldstop == "interrupted"
    if _spec_errors:
        session.exitstatus = status.SPECIFICATION
    elif interrupted:
        session.exitstatus = status.INTERRUPTED
    if not _collected and not interrupted and not _spec_errors:
        return
    data = run_results(config, interrupted)
    config.stash[_results_key] = data
    path = config.getoption("nodespec_json")
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # A JavaScript string may hold a lone surrogate (a UTF-16 output cut between its halves): it is
        # written as JSON's own \uXXXX escape, which UTF-8 cannot encode otherwise.
        Path(path).write_bytes(json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8", "backslashreplace"))


_results_key = pytest.StashKey[dict]()
_leftovers_key = pytest.StashKey[list]()
RUN_MARKER = "NODESPEC_RUN"


def _mark_run() -> None:
    """Every process this run starts (xdist workers, drivers, programs and what they start) inherits
    a marker of this run in its environment: how the end of the run finds any that outlived it."""
    os.environ[RUN_MARKER] = uuid.uuid4().hex


def check_leftovers(session: pytest.Session) -> None:
    """Kill and report any process of this run still alive at its end; the run then fails."""
    config = session.config
    marker = os.environ.get(RUN_MARKER)
    if not marker:
        return
    needle = f"{RUN_MARKER}={marker}".encode()
    deadline = time.monotonic() + 3.0
    left = processes_with_env(needle) - {os.getpid()}
    while left and time.monotonic() < deadline:  # a process killed a moment ago is still being reaped
        time.sleep(0.05)
        left = processes_with_env(needle) - {os.getpid()}
    if not left:
        return
    described = []
    for pid in sorted(left):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            described.append(f"{pid} {command}")
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue
    if described:
        config.stash[_leftovers_key] = described
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    leftovers = config.stash.get(_leftovers_key, None)
    if leftovers:
        terminalreporter.section("nodespec: processes that outlived the run (now killed)")
        for line in leftovers:
            terminalreporter.write_line(line[:300])
    data = config.stash.get(_results_key, None)
    if data is None or not config.getoption("nodespec_matrix"):
        return
    tr = terminalreporter
    problems = results.failures(data)
    if problems:
        tr.section("nodespec: cells that do not match their expectation")
        for line in problems:
            tr.write_line(line)
    for error in data.get("specification_errors", []):
        tr.write_line(f"specification error: {error}", red=True)
    if data.get("incomplete"):
        tr.write_line(f"INCOMPLETE: the run was {data['incomplete']['reason']}; the results hold "
                      f"{data['incomplete']['cells']} cells", red=True)
    if data["scenarios"]:  # nothing ran (e.g. only specification errors): no empty matrix
        tr.section("nodespec matrix")
        for line in results.matrix(data).splitlines():
            tr.write_line(line)
    if config.getoption("nodespec_json"):
        tr.write_line(f"results: {config.getoption('nodespec_json')}")
