"""Expected failures of third-party implementations (``conformance/expectations/IMPL[.PART].toml``).

The format is documented in docs/expectations.md. In short, each ``[[expected]]`` entry has a
category from a closed set, a reason, an optional link, and covers scenarios in one of three ways:

* ``scenario = ID`` and ``signature = SIG``: one scenario;
* a ``[expected.scenarios]`` table ``ID = SIG``: several scenarios that fail for the same reason,
  each with its own signature;
* ``feature = GLOB`` and ``signature = SIG``: a default for every scenario of the feature files whose
  path matches GLOB (``events/once.feature``, ``buffer/*``), one signature for all of them.

Several implementations are one package under another name (@jspm/core, unenv and the browser bundle
carry npm's buffer): ``[[shares]]`` says so once — ``impl``, ``features`` (a glob), ``reason``, and ``[[shares.unless]]``
groups (``reason``, ``scenarios``) for where the other's divergence does not show — and the other's
entries for those features apply, each keeping its own reason. An implementation's own entry for a
scenario wins over a shared one.

A scenario's own entry wins over a default; two defaults for one scenario are an error. The signature
is the error code or the first diverging step (or the end of it), so a failure that changes its cause
is caught. An expected failure still runs: if it passes, the run fails and names the entry to delete.
An entry naming no existing scenario, or a default whose glob matches no feature, is stale: an error.

What an implementation does not cover at all is not an expected failure: its adapter declares it
(``Implementation.lacks``) and the scenarios that reach it are not applicable (see
``protocol.NotCovered``).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nodespec import PACKAGE_DIR

EXPECTATIONS_DIR = PACKAGE_DIR / "expectations"
CATEGORIES = ("bug", "missing-feature", "by-design")
FAILING_STATUSES = ("fail", "timeout", "crash")


@dataclass(frozen=True)
class Expectation:
    impl: str
    scenario: str  # a scenario id, or for a default the feature glob
    category: str
    reason: str
    signature: str
    link: str | None
    file: str
    default: bool = False  # covers every scenario of the features matching ``scenario``
    shared_by: str | None = None  # the file whose [[shares]] brought this entry from another implementation

    def as_json(self) -> dict[str, Any]:
        data = {"category": self.category, "reason": self.reason, "link": self.link, "signature": self.signature,
                "file": self.file}
        if self.default:
            data["feature"] = self.scenario
        if self.shared_by:
            data["shared_by"] = self.shared_by
        return data

    def describe(self) -> str:
        return f"the default for {self.scenario!r}" if self.default else f"the entry for {self.scenario!r}"

    def shared(self, impl: str, via: str, why: str) -> Expectation:
        """This entry as it applies to ``impl``, which shares the divergence (``[[shares]]`` in ``via``)."""
        return dataclasses.replace(self, impl=impl, reason=f"{why}: {self.reason}", shared_by=via)

    def covers(self, scenario_id: str) -> bool:
        if not self.default:
            return scenario_id == self.scenario
        return fnmatch.fnmatchcase(scenario_id.split("::", 1)[0], self.scenario)

    def matches(self, failure: dict[str, Any]) -> bool:
        """Does this failure have the cause the entry records?"""
        sig = self.signature.strip()
        if sig in ("*", ""):
            return True
        candidates = {failure.get("code"), failure.get("status"), failure.get("step"), failure.get("step_text")}
        return sig in candidates or (failure.get("step") or "").endswith(sig)


class ExpectationError(Exception):
    pass


@dataclass
class Expectations:
    """One implementation's expectations: per-scenario entries and feature defaults."""

    impl: str
    exact: dict[str, Expectation] = field(default_factory=dict)
    defaults: list[Expectation] = field(default_factory=list)
    # scenarios named in a [[shares]] table's ``unless``: (file, scenario id), checked by ``stale``
    unless: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.exact or self.defaults)

    def __len__(self) -> int:
        return len(self.exact) + len(self.defaults)

    def entries(self) -> list[Expectation]:
        return [*self.exact.values(), *self.defaults]

    def get(self, scenario_id: str) -> Expectation | None:
        """The expectation that applies to the scenario: its own entry, else the one default covering it."""
        if scenario_id in self.exact:
            return self.exact[scenario_id]
        return next((d for d in self.defaults if d.covers(scenario_id)), None)


def files_for(impl: str, directory: Path = EXPECTATIONS_DIR) -> list[Path]:
    return sorted([*directory.glob(f"{impl}.toml"), *directory.glob(f"{impl}.*.toml")])


def _entries(impl: str, file: Path, data: dict[str, Any]) -> Iterable[Expectation]:
    unknown = set(data) - {"expected", "shares"}
    if unknown:
        raise ExpectationError(f"{file.name}: unknown table {', '.join(sorted(unknown))} (only [[expected]] and [[shares]])")
    for i, entry in enumerate(data.get("expected", []), 1):
        where = f"{file.name} entry {i}"
        forms = [k for k in ("scenario", "scenarios", "feature") if k in entry]
        if len(forms) != 1:
            raise ExpectationError(f"{where}: needs exactly one of scenario, scenarios, feature (has {', '.join(forms) or 'none'})")
        extra = set(entry) - {"scenario", "scenarios", "feature", "category", "reason", "signature", "link"}
        if extra:
            raise ExpectationError(f"{where}: unknown key {', '.join(sorted(extra))}")
        needed = ("category", "reason") + (("signature",) if forms != ["scenarios"] else ())
        missing = [k for k in needed if not entry.get(k)]
        if missing == ["reason"] and "reason" in entry:  # left empty, as `nodespec expectations update` writes it
            named = entry.get("scenario") or entry.get("feature") or "its scenarios"
            raise ExpectationError(f"{where} ({named}): the reason is empty; write why it fails before the entry counts")
        if missing:
            raise ExpectationError(f"{where}: missing {', '.join(missing)}")
        if forms == ["scenarios"] and "signature" in entry:
            raise ExpectationError(f"{where}: with [expected.scenarios] each scenario has its own signature (ID = SIGNATURE)")
        if entry["category"] not in CATEGORIES:
            raise ExpectationError(f"{where}: category {entry['category']!r} is not one of {', '.join(CATEGORIES)}")
        common = {"impl": impl, "category": entry["category"], "reason": entry["reason"], "link": entry.get("link"),
                  "file": file.name}
        if "scenario" in entry:
            yield Expectation(scenario=entry["scenario"], signature=entry["signature"], **common)
        elif "feature" in entry:
            if "::" in entry["feature"]:
                raise ExpectationError(f"{where}: feature is a feature path or glob (no '::'); name a scenario with scenario")
            yield Expectation(scenario=entry["feature"], signature=entry["signature"], default=True, **common)
        else:
            table = entry["scenarios"]
            if not isinstance(table, dict) or not table:
                raise ExpectationError(f"{where}: scenarios is a table of ID = SIGNATURE lines ([expected.scenarios])")
            for scenario, signature in table.items():
                if not isinstance(signature, str) or not signature:
                    raise ExpectationError(f"{where}: {scenario!r} needs a signature string")
                yield Expectation(scenario=scenario, signature=signature, **common)


def _shares(file: Path, data: dict[str, Any]) -> list[dict[str, Any]]:
    tables = data.get("shares", [])
    if not isinstance(tables, list):
        raise ExpectationError(f"{file.name}: shares is a list of tables ([[shares]])")
    for i, table in enumerate(tables, 1):
        where = f"{file.name} shares {i}"
        missing = [k for k in ("impl", "features", "reason") if not table.get(k)]
        if missing:
            raise ExpectationError(f"{where}: missing {', '.join(missing)}")
        extra = set(table) - {"impl", "features", "reason", "unless"}
        if extra:
            raise ExpectationError(f"{where}: unknown key {', '.join(sorted(extra))}")
        for group in table.get("unless", []):
            if not isinstance(group, dict) or set(group) != {"reason", "scenarios"} or not group["reason"] \
                    or not isinstance(group["scenarios"], list) or not group["scenarios"]:
                raise ExpectationError(f"{where}: each [[shares.unless]] has a reason (why this implementation passes) "
                                       "and a list of scenarios")
    return tables


def load(impl: str, directory: Path = EXPECTATIONS_DIR, _seen: tuple[str, ...] = ()) -> Expectations:
    if impl in _seen:
        raise ExpectationError(f"expectations shared in a circle: {' → '.join((*_seen, impl))}")
    found = Expectations(impl)
    shared: list[tuple[Path, dict[str, Any]]] = []
    for file in files_for(impl, directory):
        try:
            data = tomllib.loads(file.read_text())
        except tomllib.TOMLDecodeError as error:
            raise ExpectationError(f"{file}: {error}") from None
        shared += [(file, table) for table in _shares(file, data)]
        for expectation in _entries(impl, file, data):
            if expectation.default:
                if any(d.scenario == expectation.scenario for d in found.defaults):
                    raise ExpectationError(f"{file.name}: the default for {expectation.scenario!r} is given twice")
                found.defaults.append(expectation)
            elif expectation.scenario in found.exact:
                raise ExpectationError(f"{file.name}: {expectation.scenario!r} is listed twice")
            else:
                found.exact[expectation.scenario] = expectation
    for file, table in shared:
        _add_shared(found, file, table, load(table["impl"], directory, (*_seen, impl)))
    return found


def _add_shared(found: Expectations, file: Path, table: dict[str, Any], other: Expectations) -> None:
    """The other implementation's entries for ``table['features']`` apply to ``found`` too, except where
    ``found`` has its own entry or ``unless`` names the scenario."""
    if not other:
        raise ExpectationError(f"{file.name}: shares {table['impl']!r}, which has no expectations")
    unless = {scenario for group in table.get("unless", []) for scenario in group["scenarios"]}
    for scenario in sorted(unless):
        if other.get(scenario) is None:
            raise ExpectationError(f"{file.name}: shares {table['impl']!r} unless {scenario!r}, "
                                   f"for which {table['impl']!r} expects no failure: delete it from unless")
    found.unless += [(file.name, scenario) for scenario in sorted(unless)]
    def in_features(scenario_or_glob: str) -> bool:
        return fnmatch.fnmatchcase(scenario_or_glob.split("::", 1)[0], table["features"])
    for scenario, entry in other.exact.items():
        if in_features(scenario) and scenario not in found.exact and scenario not in unless:
            found.exact[scenario] = entry.shared(found.impl, file.name, table["reason"])
    for default in other.defaults:
        if in_features(default.scenario) and not any(d.scenario == default.scenario for d in found.defaults):
            found.defaults.append(default.shared(found.impl, file.name, table["reason"]))


def stale(expectations: Expectations, scenario_ids: set[str]) -> list[str]:
    """Entries that name no existing scenario, defaults that cover none, and scenarios two defaults claim."""
    hint = " (ids of the project's own features start with their folder: 'events/x.feature::Title')"
    problems = [f"{e.file}: {e.scenario!r} names no existing scenario" + ("" if "/" in e.scenario.split("::")[0] else hint)
                for e in expectations.exact.values() if e.scenario not in scenario_ids]
    problems += [f"{file}: shares … unless {scenario!r}, which names no existing scenario"
                 for file, scenario in expectations.unless if scenario not in scenario_ids]
    for default in expectations.defaults:
        if not any(default.covers(s) for s in scenario_ids):
            problems.append(f"{default.file}: the default for {default.scenario!r} covers no existing feature")
    for scenario in sorted(scenario_ids - set(expectations.exact)):
        claims = [d for d in expectations.defaults if d.covers(scenario)]
        if len(claims) > 1:
            problems.append(f"{scenario!r} is covered by {len(claims)} defaults: "
                            + ", ".join(f"{d.file} {d.scenario!r}" for d in claims))
    return problems


def verdict(passed: bool, failure: dict[str, Any] | None, expectation: Expectation | None) -> tuple[str, str | None]:
    """(status, problem): the cell's status given what happened and what was expected.

    ``problem`` is set when the result does not match its expectation (the run must fail)."""
    if passed:
        if expectation is None:
            return "pass", None
        if expectation.default:
            return "unexpected-pass", (f"unexpected pass: {expectation.file}'s default for {expectation.scenario!r} "
                                       "covers this scenario; give the default a narrower glob or split the feature's entry")
        if expectation.shared_by:
            return "unexpected-pass", (f"unexpected pass: add {expectation.scenario!r} to a [[shares.unless]] group in {expectation.shared_by} "
                                       f"(with its reason; or, if the shared package passes too, delete its entry in {expectation.file})")
        return "unexpected-pass", f"unexpected pass: delete the entry for {expectation.scenario!r} in {expectation.file}"
    status = (failure or {}).get("status", "fail")
    if expectation is None:
        return status, f"{status}"
    if expectation.matches(failure or {}):
        return "expected-fail", None
    got = (failure or {}).get("code") or (failure or {}).get("step") or status
    return status, f"expected failure changed its cause: {expectation.file} ({expectation.describe()}) says {expectation.signature!r}, got {got!r}"
