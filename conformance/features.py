"""The specification as data: feature files, scenario ids, the tag vocabulary and the claims index.

A scenario's id is ``<feature path relative to its features root>::<title>``; for a Scenario Outline,
one id per Examples row, with the row's values rendered into the title. Ids are what expectation
files, results and the site refer to, so the lint requires them to be unique.

A scenario holds on every supported Node.js line unless a line condition says otherwise: a tag
``@node:>=24`` (from 24 on), ``@node:20-22`` (20 to 22), ``@node:26`` (that line only) on the feature,
rule, scenario or an Examples block, or an Examples column named ``node`` whose cells are conditions
(``>=24``), one per row. The conditions of a scenario combine by intersection.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_bdd.feature import get_features
from pytest_bdd.parser import Feature, ScenarioTemplate

from nodespec import FEATURES_DIR
from nodespec.implementation import ALL_MODULES
from nodespec.node_lines import SUPPORTED as SUPPORTED_LINES

PLACEHOLDER = re.compile(r"<([^<>]+)>")
LINE_TAG_PREFIX = "node:"
LINE_COLUMN = "node"
_CONDITION = re.compile(r"^(?:>=(\d+)|(\d+)(?:-(\d+))?)$")


def condition_lines(condition: str) -> frozenset[int]:
    """The supported lines a condition (``>=24``, ``20-22``, ``26``) covers; ValueError if malformed."""
    match = _CONDITION.match(condition.strip())
    if match is None:
        raise ValueError(f"not a line condition: {condition!r} (write >=24, 20-22 or 26)")
    since, low, high = match.groups()
    if since is not None:
        return frozenset(line for line in SUPPORTED_LINES if line >= int(since))
    top = int(high) if high is not None else int(low)
    if top < int(low):
        raise ValueError(f"empty range: {condition!r}")
    return frozenset(line for line in SUPPORTED_LINES if int(low) <= line <= top)


def line_conditions(tags: set[str] | list[str], example: dict[str, str] | None = None) -> list[str]:
    """The line conditions of a scenario (or outline row): its node:… tags and its node column."""
    found = sorted(t[len(LINE_TAG_PREFIX):] for t in tags if t.startswith(LINE_TAG_PREFIX))
    if example and example.get(LINE_COLUMN, "").strip():
        found.append(example[LINE_COLUMN].strip())
    return found


def lines_of(conditions: list[str]) -> list[int]:
    """The lines on which a scenario with these conditions holds (a malformed condition holds nowhere;
    the lint reports it)."""
    holds = set(SUPPORTED_LINES)
    for condition in conditions:
        try:
            holds &= condition_lines(condition)
        except ValueError:
            return []
    return sorted(holds)


@dataclass
class ScenarioInfo:
    id: str
    feature: str  # path relative to its root
    module: str | None
    name: str
    outline: str | None
    tags: list[str]
    line: int
    steps: list[dict[str, Any]]
    example: dict[str, str] | None = None

    @property
    def conditions(self) -> list[str]:
        """Its Node.js line conditions (``>=24``…); none: it holds on every supported line."""
        return line_conditions(self.tags, self.example)

    @property
    def lines(self) -> list[int]:
        """The Node.js lines on which it holds."""
        return lines_of(self.conditions)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "feature": self.feature, "module": self.module, "name": self.name, "outline": self.outline,
                "tags": self.tags, "line": self.line, "steps": self.steps, "example": self.example,
                "lines": self.lines, "conditions": self.conditions}


@dataclass
class FeatureInfo:
    path: str
    root: Path
    module: str | None
    name: str
    description: str
    tags: list[str]
    scenarios: list[ScenarioInfo] = field(default_factory=list)
    filename: str = ""  # the file as pytest-bdd names it (its templates' feature.filename)

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "module": self.module, "name": self.name, "description": self.description,
                "tags": self.tags, "scenarios": [s.id for s in self.scenarios]}


def feature_files(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(root, file) pairs: a directory is its own root; a lone file's root is its directory."""
    found = []
    for path in paths:
        path = path.resolve()
        if path.is_dir():
            found += [(path, f) for f in sorted(path.rglob("*.feature"))]
        elif path.suffix == ".feature":
            found.append((path.parent, path))
    return found


def relative_feature_path(filename: str | Path, roots: list[Path]) -> str:
    """The feature's path in scenario ids: under the project's features/ always relative to it
    (``events/x.feature``, however the run named it); elsewhere relative to the folder given."""
    filename = Path(filename).resolve()
    if filename.is_relative_to(FEATURES_DIR.resolve()):
        return filename.relative_to(FEATURES_DIR.resolve()).as_posix()
    for root in sorted(roots, key=lambda r: len(r.parts), reverse=True):
        if filename.is_relative_to(root):
            return filename.relative_to(root).as_posix()
    return filename.name


def module_of(tags: set[str] | list[str]) -> str | None:
    modules = [t for t in tags if t in ALL_MODULES]
    return modules[0] if len(modules) == 1 else None


def step_json(step: Any) -> dict[str, Any]:
    table = None
    if step.datatable is not None:
        table = [[cell.value for cell in row.cells] for row in step.datatable.rows]
    return {"keyword": step.keyword.strip(), "text": step.name, "docstring": step.docstring, "table": table}


def scenario_infos(template: ScenarioTemplate, rel: str) -> list[ScenarioInfo]:
    tags = sorted(template.tags | template.feature.tags | (template.rule.tags if template.rule else set()))
    # An Examples block's tags (e.g. a line condition) belong to its rows.
    examples = [(ctx, sorted(set(tags) | set(ex.tags))) for ex in template.examples for ctx in ex.as_contexts()]
    if not examples:
        rendered = template.render({})
        return [ScenarioInfo(f"{rel}::{template.name}", rel, module_of(tags), template.name, None, tags,
                             template.line_number, [step_json(s) for s in rendered.steps])]
    infos = []
    for context, row_tags in examples:
        rendered = template.render(context)
        infos.append(ScenarioInfo(f"{rel}::{rendered.name}", rel, module_of(row_tags), rendered.name, template.name,
                                  row_tags, template.line_number, [step_json(s) for s in rendered.steps], dict(context)))
    return infos


def load(paths: list[Path] | None = None) -> list[FeatureInfo]:
    paths = paths or [FEATURES_DIR]
    roots = [p.resolve() if p.is_dir() else p.resolve().parent for p in paths]
    infos = []
    pairs = feature_files(paths)
    parsed: list[Feature] = get_features([str(f) for _, f in pairs])
    for feature in parsed:
        rel = relative_feature_path(feature.filename, roots)
        info = FeatureInfo(rel, Path(feature.filename).parent, module_of(feature.tags), feature.name,
                           (feature.description or "").strip(), sorted(feature.tags), filename=feature.filename)
        for template in feature.scenarios.values():
            info.scenarios += scenario_infos(template, rel)
        infos.append(info)
    return infos


# -- vocabulary and claims ----------------------------------------------------------------------------


def _toml(file: Path) -> dict[str, Any]:
    """A TOML file of the specification, parsed once per process as long as it is unchanged: a run
    reads the tags and claims several times (~0.1 s of CPU each time)."""
    stat = file.stat()
    return _parsed(file, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parsed(file: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    return tomllib.loads(file.read_text())


def vocabulary(features_dir: Path = FEATURES_DIR) -> dict[str, str]:
    """Every allowed tag → its meaning: features/tags.toml, features/*/tags.toml, and claim ids."""
    allowed: dict[str, str] = {}
    files = [features_dir / "tags.toml", *sorted(features_dir.glob("*/tags.toml"))]
    for file in files:
        if file.exists():
            for _section, entries in _toml(file).items():
                if isinstance(entries, dict):
                    allowed.update({str(k): str(v) for k, v in entries.items()})
    for claim in claims(features_dir):
        allowed[f"claim:{claim['id']}"] = claim.get("says", "")
    return allowed


def claims(features_dir: Path = FEATURES_DIR) -> list[dict[str, Any]]:
    found = []
    for file in sorted((features_dir / "claims").glob("*.toml")):
        for claim in _toml(file).get("claim", []):
            found.append({"module": file.stem, **claim})
    return found


def lint(infos: list[FeatureInfo], features_dir: Path = FEATURES_DIR) -> list[str]:
    """Problems with the specification: unknown tags, missing or double module tags, duplicate ids,
    outline rows with the same title, claims without a scenario."""
    problems = []
    allowed = vocabulary(features_dir)
    oracles = oracle_lines()  # once: it imports every adapter (once per scenario, it was most of the lint's 7 s)
    for feature in infos:
        for scenario in feature.scenarios:
            where = f"{scenario.feature}:{scenario.line} {scenario.name!r}"
            unknown = [t for t in scenario.tags if t not in allowed]
            if unknown:
                problems.append(f"{where}: unknown tag(s) {', '.join('@' + t for t in unknown)}")
            if scenario.module is None:
                problems.append(f"{where}: needs exactly one module tag ({', '.join('@' + m for m in ALL_MODULES)})")
            problems += [f"{where}: {p}" for p in line_problems(scenario, allowed, oracles)]
    return problems + duplicate_ids(infos) + claim_line_problems(features_dir) + claim_index_problems(infos, features_dir)


def duplicate_ids(infos: list[FeatureInfo]) -> list[str]:
    """Scenarios that share their id with one before them: they would share their cells, one's verdict
    standing for the other's (lint lists them; a run refuses the first)."""
    problems: list[str] = []
    seen: dict[str, ScenarioInfo] = {}
    for scenario in (s for feature in infos for s in feature.scenarios):
        first = seen.setdefault(scenario.id, scenario)
        if first is not scenario:
            why = (f"two rows of the outline {scenario.name!r} have one name (duplicate scenario id): its title "
                   "needs a <placeholder> that tells them apart" if first.line == scenario.line else
                   f"two scenarios are named {scenario.name!r} (duplicate scenario id; lines {first.line} and {scenario.line})")
            problems.append(f"{scenario.feature}:{scenario.line}: {why}")
    return problems


def claim_index_problems(infos: list[FeatureInfo], features_dir: Path = FEATURES_DIR) -> list[str]:
    """Each claim names the scenarios that settle it (``scenarios = [id…]``; an outline's rows by
    ``feature::outline title``), and the index and the tags agree: a named scenario exists and is
    tagged ``@claim:<id>``, a tagged one is named. A claim no scenario settles yet says why
    (``unsettled = "…"``). Names in features that were not loaded (``lint --features`` a part) are
    not checked."""
    problems: list[str] = []
    loaded = {feature.path for feature in infos}
    by_name: dict[str, list[ScenarioInfo]] = {}
    for feature in infos:
        for scenario in feature.scenarios:
            by_name.setdefault(scenario.id, []).append(scenario)
            if scenario.outline is not None:
                by_name.setdefault(f"{scenario.feature}::{scenario.outline}", []).append(scenario)
    for claim in claims(features_dir):
        where = f"claim {claim.get('id')} ({claim['module']}.toml)"
        tag = f"claim:{claim.get('id')}"
        names = claim.get("scenarios")
        unsettled = claim.get("unsettled")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(f"{where}: needs scenarios = [the ids of the scenarios that settle it]")
            continue
        if not names and not (isinstance(unsettled, str) and unsettled.strip()):
            problems.append(f"{where}: names no scenario that settles it (or say why: unsettled = \"…\")")
        if names and unsettled is not None:
            problems.append(f"{where}: names scenarios and says it is unsettled: drop unsettled")
        named: set[str] = set()
        for name in names:
            if name.partition("::")[0] not in loaded:
                continue
            found = by_name.get(name, [])
            if not found:
                problems.append(f"{where}: names {name!r}, which is no scenario")
            elif not any(tag in s.tags for s in found):
                problems.append(f"{where}: names {name!r}, which is not tagged @{tag}")
            named.update(s.id for s in found if tag in s.tags)
        for feature in infos:
            for scenario in feature.scenarios:
                if tag in scenario.tags and scenario.id not in named:
                    problems.append(f"{where}: {scenario.id!r} is tagged @{tag} but the entry does not name it "
                                    f"(add it, or its outline, to scenarios)")
    return problems


CLAIM_VERDICTS = ("agrees", "partly", "contradicts")


def claim_line_problems(features_dir: Path = FEATURES_DIR) -> list[str]:
    """A claim's ``lines = {condition = verdict}`` (where Node's verdict differs by line) must use the
    line vocabulary, give each supported line exactly one verdict, and say something per line."""
    problems = []
    for claim in claims(features_dir):
        by_line = claim.get("lines")
        if by_line is None:
            continue
        where = f"claim {claim.get('id')}"
        if not isinstance(by_line, dict) or not by_line:
            problems.append(f"{where}: lines must be a table {{condition = verdict}}")
            continue
        seen: list[int] = []
        for condition, verdict in by_line.items():
            if verdict not in CLAIM_VERDICTS:
                problems.append(f"{where}: verdict {verdict!r} for {condition!r} is not one of {', '.join(CLAIM_VERDICTS)}")
            try:
                seen += condition_lines(condition)
            except ValueError as error:
                problems.append(f"{where}: {error}")
        if sorted(seen) != list(SUPPORTED_LINES):
            problems.append(f"{where}: its lines give {sorted(seen)} a verdict; each of {list(SUPPORTED_LINES)} needs exactly one")
        if len(set(by_line.values())) < 2:
            problems.append(f"{where}: lines gives every line the same verdict: use node_agrees alone")
    return problems


def oracle_lines() -> frozenset[int]:
    """The lines that have an oracle among the registered implementations (node20, node22…)."""
    from nodespec import registry

    return frozenset(int(name[4:]) for name in registry.factories() if re.fullmatch(r"node\d+", name))


def line_problems(scenario: ScenarioInfo, allowed: dict[str, str], oracles: frozenset[int]) -> list[str]:
    """A line condition must be in the vocabulary, well formed, exercised by one of the ``oracles``
    (``oracle_lines()``), say something (not every line) and leave the scenario at least one line."""
    problems = []
    for condition in scenario.conditions:
        if f"{LINE_TAG_PREFIX}{condition}" not in allowed:
            problems.append(f"line condition {condition!r} is not in the vocabulary (features/tags.toml [lines])")
            continue
        try:
            covered = condition_lines(condition)
        except ValueError as error:
            problems.append(str(error))
            continue
        if not covered & oracles:
            problems.append(f"line condition {condition!r}: no oracle exercises it (oracles: "
                            f"{', '.join(f'node{n}' for n in sorted(oracles)) or 'none'})")
        elif covered >= set(SUPPORTED_LINES):
            problems.append(f"line condition {condition!r} covers every supported line: drop it")
    if scenario.conditions and not scenario.lines:
        problems.append(f"its line conditions ({', '.join(scenario.conditions)}) leave no line it holds on")
    return problems


def claim_coverage(infos: list[FeatureInfo], features_dir: Path = FEATURES_DIR) -> dict[str, list[str]]:
    """claim id → the scenarios tagged with it."""
    coverage: dict[str, list[str]] = {c["id"]: [] for c in claims(features_dir)}
    for feature in infos:
        for scenario in feature.scenarios:
            for tag in scenario.tags:
                if tag.startswith("claim:") and tag[6:] in coverage:
                    coverage[tag[6:]].append(scenario.id)
    return coverage
